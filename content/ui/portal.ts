/** Strings of the public portal pages: regulations, villages, disclosures, process, privacy, search. */
export const zh = {} as const;

export const en: Record<keyof typeof zh, string> = {};

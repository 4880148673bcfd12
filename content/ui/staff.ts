/** Strings of the staff console and the case workflow. */
export const zh = {} as const;

export const en: Record<keyof typeof zh, string> = {};

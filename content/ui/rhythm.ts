/** Strings of the town rhythm: weekly scheduling, monthly notification, quarterly assessment. */
export const zh = {} as const;

export const en: Record<keyof typeof zh, string> = {};

/** Strings of the liaison station performance record form (履职纪实表). */
export const zh = {} as const;

export const en: Record<keyof typeof zh, string> = {};

/** The admin's commentary on the month's notice of the town's work. */

/** The longest commentary, in characters, in either language. */
export const COMMENTARY_MAX = 2000;

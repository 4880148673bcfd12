/** The resident's verdict on a closed case. */

/** The answers the feedback form offers, in the order it shows them. */
export const RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

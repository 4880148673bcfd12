/** The resident's verdict on a closed case. */

import * as z from 'zod/mini';
import { charCount, mark, oneOf, plainText, raw, unreadable } from './validation.ts';

/** The answers the feedback form offers, in the order it shows them. */
export const RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

/** The longest comment kept, in characters. */
export const COMMENT_MAX = 500;

/** The feedback form's fields, in the order it shows them. */
export const FEEDBACK_FIELDS = ['rating', 'comment', 'reopen'] as const;

/**
 * The feedback form's schema: a rating from the list, a comment that can be stored and within its
 * limit (anything but a string read as none), and whether a dissatisfied resident asks to reopen.
 * A rating of (basically) satisfied with the reopen box ticked says two things at once: the
 * resident is asked which they meant, on the box, rather than one of the two being dropped.
 */
export const feedbackSchema = z.object({
  rating: oneOf(RATINGS, 'feedback.errors.rating'),
  comment: z.pipe(
    raw,
    z.transform((value: unknown, ctx) => {
      const comment = plainText(value);
      const unfit = unreadable(comment);
      if (unfit) mark(ctx, unfit);
      else if (charCount(comment) > COMMENT_MAX) mark(ctx, 'feedback.errors.comment', { max: COMMENT_MAX });
      return comment;
    }),
  ),
  reopen: z.pipe(raw, z.transform((value: unknown) => value === 'yes')),
}).check(
  z.superRefine((v, ctx) => {
    if (!v.reopen || v.rating === 'dissatisfied') return;
    mark(ctx, v.rating === 'satisfied' ? 'feedback.errors.contradiction.satisfied' : 'feedback.errors.contradiction.basically_satisfied', undefined, 'reopen');
  }),
);

/** Information a resident adds to their case after sending it. */
import type { Result } from './result.ts';
import { town } from '../../content/index.ts';
import * as z from 'zod/mini';
import { boundedText, clientId, parseFields, type TooLong } from './validation.ts';

export const FOLLOWUP_FIELDS = ['token', 'followupId', 'text'] as const;

export interface Followup {
  token: string;
  followupId: string;
  text: string;
}

/**
 * A follow-up's schema; an unusable token or id reads as an expired page, not as the resident's
 * mistake. A text an oversized form left out (`tooLong`) is reported as too long.
 */
export function followupSchema(tooLong: TooLong = {}) {
  return z.strictObject({
    token: clientId('track.expired'),
    followupId: clientId('errors.submission.invalid'),
    text: boundedText('followup', town.limits.followupMin, town.limits.followupMax, tooLong.text),
  });
}

/** Validates a follow-up (see followupSchema). */
export function validateFollowup(input: Record<string, unknown>, tooLong: TooLong = {}): Result<Followup> {
  return parseFields(followupSchema(tooLong), input, FOLLOWUP_FIELDS);
}

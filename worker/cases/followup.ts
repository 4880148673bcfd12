/** Information a resident adds to their case after sending it. */
import type { Result } from './result.ts';
import { town } from '../../content/index.ts';
import { CLIENT_ID_PATTERN, checkLength, firstPerField, rejectUnknownFields, stringField, type FieldError, type TooLong, invalid } from './validation.ts';

export const FOLLOWUP_FIELDS = ['token', 'followupId', 'text'] as const;

export interface Followup {
  token: string;
  followupId: string;
  text: string;
}

/**
 * Validates a follow-up; an unusable token or id reads as an expired page, not as the resident's
 * mistake. A text an oversized form left out (`tooLong`) is reported as too long.
 */
export function validateFollowup(input: Record<string, unknown>, tooLong: TooLong = {}): Result<Followup> {
  const errors: FieldError[] = [];
  rejectUnknownFields(input, FOLLOWUP_FIELDS, errors);
  const token = stringField(input, 'token', errors);
  const followupId = stringField(input, 'followupId', errors);
  const text = stringField(input, 'text', errors);
  if (!CLIENT_ID_PATTERN.test(token)) errors.push({ field: 'token', key: 'track.expired' });
  if (!CLIENT_ID_PATTERN.test(followupId)) errors.push({ field: 'followupId', key: 'errors.submission.invalid' });
  checkLength(text, 'text', 'followup', town.limits.followupMin, town.limits.followupMax, errors, tooLong);
  return errors.length > 0 ? invalid(firstPerField(errors)) : { ok: true, value: { token, followupId, text } };
}

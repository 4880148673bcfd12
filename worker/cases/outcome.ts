/** An anonymized outcome written by staff from a closed case, checked for personal data before it is published. */
import type { Result } from './result.ts';
import { charCount, stringField, type FieldError, invalid } from './validation.ts';
import { checkPublication, type Contact, type PublicationCheck, type TextFinding } from './publication-check.ts';
import type { CaseStatus } from './status.ts';

export const OUTCOME_FIELDS = ['problem', 'action', 'outcome'] as const;
export type OutcomeField = (typeof OUTCOME_FIELDS)[number];
export const OUTCOME_TEXT_MAX = 1000;

export interface OutcomeText {
  problem: string;
  action: string;
  outcome: string;
}

/** The public result of a closed case, by how it ended. */
export function resultOf(status: CaseStatus): 'resolved' | 'explained' | 'not_accepted' | null {
  if (status === 'closed') return 'resolved';
  if (status === 'closed_unresolved') return 'explained';
  if (status === 'not_accepted') return 'not_accepted';
  return null;
}

/** Validates the three texts (each required, at most 1,000 characters). */
export function validateOutcome(input: Record<string, unknown>): Result<OutcomeText> {
  const errors: FieldError[] = [];
  const value = Object.fromEntries(
    OUTCOME_FIELDS.map((field) => {
      const text = stringField(input, field, errors);
      if (charCount(text) < 4) errors.push({ field, key: 'outcomes.errors.required' });
      else if (charCount(text) > OUTCOME_TEXT_MAX) errors.push({ field, key: 'outcomes.errors.tooLong', params: { max: OUTCOME_TEXT_MAX } });
      return [field, text];
    }),
  ) as unknown as OutcomeText;
  return errors.length > 0 ? invalid(errors) : { ok: true, value };
}

export type FieldFinding = TextFinding<OutcomeField>;

/** Personal data in the texts; null when they may be published (see checkPublication). */
export function personalDataIn(text: OutcomeText, contact: Contact, fields: Record<string, unknown>): PublicationCheck<OutcomeField> | null {
  return checkPublication<OutcomeField>(text, contact, fields);
}

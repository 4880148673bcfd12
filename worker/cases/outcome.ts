/** An anonymized outcome written by staff from a closed case, checked for personal data before it is published. */
import { charCount, stringField, type FieldError, type Validated } from './validation.ts';
import { findPersonalData, type PiiFinding } from './pii.ts';

export const OUTCOME_FIELDS = ['problem', 'action', 'outcome'] as const;
export type OutcomeField = (typeof OUTCOME_FIELDS)[number];
export const OUTCOME_TEXT_MAX = 1000;

export interface OutcomeText {
  problem: string;
  action: string;
  outcome: string;
}

/** The public result of a closed case, by how it ended. */
export function resultOf(status: string): 'resolved' | 'explained' | 'not_accepted' | null {
  if (status === 'closed') return 'resolved';
  if (status === 'closed_unresolved') return 'explained';
  if (status === 'not_accepted') return 'not_accepted';
  return null;
}

/** Validates the three texts (each required, at most 1,000 characters). */
export function validateOutcome(input: Record<string, unknown>): Validated<OutcomeText> {
  const errors: FieldError[] = [];
  const value = Object.fromEntries(
    OUTCOME_FIELDS.map((field) => {
      const text = stringField(input, field, errors);
      if (charCount(text) < 4) errors.push({ field, key: 'outcomes.errors.required' });
      else if (charCount(text) > OUTCOME_TEXT_MAX) errors.push({ field, key: 'outcomes.errors.tooLong', params: { max: OUTCOME_TEXT_MAX } });
      return [field, text];
    }),
  ) as unknown as OutcomeText;
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}

export interface FieldFinding extends PiiFinding {
  field: OutcomeField;
}

/** Personal data found in any of the texts; publishing is blocked while there is any. */
export function personalDataIn(text: OutcomeText, contact: { name: string | null; phone: string | null }): FieldFinding[] {
  return OUTCOME_FIELDS.flatMap((field) => findPersonalData(text[field], contact).map((f) => ({ ...f, field })));
}

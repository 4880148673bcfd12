/** An anonymized outcome written by staff from a closed case, checked for personal data before it is published. */
import type { Result } from './result.ts';
import * as z from 'zod/mini';
import { charCount, parseFields, textWith } from './validation.ts';
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

/** The results a published outcome may give: an ordinary case's, or the committee's own closings. */
export const OUTCOME_RESULTS = ['resolved', 'explained', 'not_accepted', 'concluded', 'transferred'] as const;
export type OutcomeResult = (typeof OUTCOME_RESULTS)[number];

/**
 * What a published outcome says of its case since it was reopened: the resident was not satisfied;
 * or, of a committee notice, that it was taken up again (nothing of an objection or new evidence).
 */
export const reopenedNotes = (kind: 'outcome' | 'case_notice') =>
  kind === 'case_notice' ? ('outcomes.reopened.notes.committee' as const) : ('outcomes.reopened.notes' as const);

/**
 * The public result of a closed case, by how it ended. The committee's closings are results of
 * their own, in the rule's words (予以了结: closed with no further action; 移送审查调查: passed to
 * review and investigation), never "resolved": the query page names them so too.
 */
export function resultOf(status: CaseStatus): OutcomeResult | null {
  if (status === 'closed') return 'resolved';
  if (status === 'closed_unresolved') return 'explained';
  if (status === 'not_accepted') return 'not_accepted';
  if (status === 'concluded' || status === 'transferred') return status;
  return null;
}

const outcomeText = textWith((value, fail) => {
  if (charCount(value) < 4) fail('outcomes.errors.required');
  else if (charCount(value) > OUTCOME_TEXT_MAX) fail('outcomes.errors.tooLong', { max: OUTCOME_TEXT_MAX });
});

/** The three texts, each required, at most 1,000 characters (the form's other fields are not read here). */
export const outcomeSchema = z.object({ problem: outcomeText, action: outcomeText, outcome: outcomeText });

/** Validates the three texts (see outcomeSchema). */
export function validateOutcome(input: Record<string, unknown>): Result<OutcomeText> {
  return parseFields(outcomeSchema, input);
}

export type FieldFinding = TextFinding<OutcomeField>;

/** Personal data in the texts; null when they may be published (see checkPublication). */
export function personalDataIn(text: OutcomeText, contact: Contact, fields: Record<string, unknown>): PublicationCheck<OutcomeField> | null {
  return checkPublication<OutcomeField>(text, contact, fields);
}

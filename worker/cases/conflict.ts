/**
 * A staff member's declaration of a conflict of interest on a case: a reason from a short list and
 * an optional note, never a name on a form of its own. Pure; who takes the case over is
 * `stepAside` in access.ts.
 */
import { ok, refuseField, type Result } from './result.ts';
import { isPaddedText, sealedTextLength } from '../../core/sealed.ts';
import { charCount, isOneOf, plainText } from './validation.ts';

/** Related to someone in the case; a close relationship or a quarrel; an interest in the matter; the case is about oneself or one's own work; other. */
export const CONFLICT_REASONS = ['relative', 'relationship', 'interest', 'involved', 'other'] as const;
export type ConflictReason = (typeof CONFLICT_REASONS)[number];

export const CONFLICT_NOTE_MAX = 500;
/** The longest sealed note accepted: the note limit in four-byte characters, sealed and encoded. */
const SEALED_NOTE_MAX = sealedTextLength(CONFLICT_NOTE_MAX * 4);

/** The reason and the note; refused `invalid` with the field at fault marked. */
export type ConflictForm = Result<{ reason: ConflictReason; note: string | null }>;

/**
 * Reads the declaration form. On a sealed (committee) case the note arrives sealed by the member's
 * browser, and a plain one is refused: the worker never holds a committee case's words in the clear.
 */
export function parseConflictForm(fields: Record<string, unknown>, sealed: boolean): ConflictForm {
  const reason = fields.reason;
  if (!isOneOf(CONFLICT_REASONS, reason)) return refuseField('invalid', 'reason', 'conflict.errors.reason');
  const note = plainText(fields.note);
  if (fields.note !== undefined && typeof fields.note !== 'string') return refuseField('invalid', 'note', 'conflict.errors.note', { max: CONFLICT_NOTE_MAX });
  if (note === '') return ok({ reason, note: null });
  if (sealed) {
    if (!isPaddedText(note)) return refuseField('invalid', 'note', 'sealed.errors.needsScript');
    if (note.length > SEALED_NOTE_MAX) return refuseField('invalid', 'note', 'conflict.errors.note', { max: CONFLICT_NOTE_MAX });
  } else if (charCount(note) > CONFLICT_NOTE_MAX) {
    return refuseField('invalid', 'note', 'conflict.errors.note', { max: CONFLICT_NOTE_MAX });
  }
  return ok({ reason, note });
}

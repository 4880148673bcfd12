/**
 * A staff member's declaration of a conflict of interest on a case: a reason from a short list and
 * an optional note, never a name on a form of its own. Pure; who takes the case over is
 * `stepAside` in access.ts.
 */
import * as z from 'zod/mini';
import type { Result } from './result.ts';
import { isPaddedText, sealedTextLength } from '../../core/sealed.ts';
import { charCount, oneOf, parseFirst, plainField } from './validation.ts';

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
  return parseFirst(conflictSchema(sealed), fields, ['reason', 'note']);
}

/** The declaration form's schema: a reason from the list, and a note within its limit (sealed, on a committee case), empty read as none. */
export function conflictSchema(sealed: boolean) {
  const tooLong = { max: CONFLICT_NOTE_MAX };
  return z.object({
    reason: oneOf(CONFLICT_REASONS, 'conflict.errors.reason'),
    note: z.pipe(
      plainField('conflict.errors.note', tooLong, (note, fail) => {
        if (note === '') return;
        if (!sealed) charCount(note) > CONFLICT_NOTE_MAX && fail('conflict.errors.note', tooLong);
        else if (!isPaddedText(note)) fail('sealed.errors.needsScript');
        else if (note.length > SEALED_NOTE_MAX) fail('conflict.errors.note', tooLong);
      }),
      z.transform((note: string) => note || null),
    ),
  });
}

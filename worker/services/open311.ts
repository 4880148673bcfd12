/**
 * Filing a request through Open311: like a mailbox submission, with the client's own submission
 * id when it sends one (a retry gets the same receipt). Without one, the same service, description
 * and village sent again within `duplicateWindowMinutes` is a repeat: the answer is the first
 * request's number, never its query code (whoever repeats a text is not thereby its author).
 */
import type { Locale } from '../../content/index.ts';
import type { Open311Settings } from '../../content/open311.ts';
import type { UiKey } from '../../content/ui.ts';
import { hmacHex, newClientId, toBase64Url } from '../cases/crypto.ts';
import type { PostedRequest } from '../cases/open311.ts';
import { validateSubmission } from '../cases/submission.ts';
import type { FieldError } from '../cases/validation.ts';
import { caseOfSubmission, submit, type Receipt } from './mailbox.ts';

export type PostOutcome =
  | { kind: 'created' | 'replayed'; receipt: Receipt }
  | { kind: 'repeat'; caseNumber: string }
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'conflict'; key: UiKey };

/**
 * The id a request without one is kept under for a window: a '.' in it, which no client id may
 * have. Keyed by the worker's secret, so someone holding the database cannot confirm a guessed text.
 */
async function repeatKey(secret: string, bucket: number, f: Record<string, string>): Promise<string> {
  const hex = await hmacHex(secret, JSON.stringify(['open311-repeat', bucket, f.category, f.village, f.description]));
  return `open311.${toBase64Url(Uint8Array.from(hex.match(/../g)!.map((b) => parseInt(b, 16))))}`;
}

export async function postRequest(database: D1Database, secret: string, posted: PostedRequest, locale: Locale, now: Date, settings: Open311Settings): Promise<PostOutcome> {
  const valid = validateSubmission({ ...posted.fields, submissionId: posted.ownSubmissionId ? posted.fields.submissionId : newClientId() });
  if (!valid.ok) return { kind: 'invalid', errors: valid.errors };
  const windowMs = settings.duplicateWindowMinutes * 60_000;
  if (posted.ownSubmissionId || windowMs === 0) {
    const result = await submit(database, secret, valid.value, locale, now);
    if (!result.ok) return { kind: 'conflict', key: result.refusal.key };
    return { kind: result.value.created ? 'created' : 'replayed', receipt: result.value.receipt };
  }
  const bucket = Math.floor(now.getTime() / windowMs);
  const earlier = await caseOfSubmission(database, await repeatKey(secret, bucket - 1, posted.fields));
  if (earlier && now.getTime() - Date.parse(earlier.submittedAt) <= windowMs) return { kind: 'repeat', caseNumber: earlier.caseNumber };
  const key = await repeatKey(secret, bucket, posted.fields);
  const result = await submit(database, secret, { ...valid.value, submissionId: key }, locale, now);
  if (result.ok && result.value.created) return { kind: 'created', receipt: result.value.receipt };
  const first = await caseOfSubmission(database, key);
  return first ? { kind: 'repeat', caseNumber: first.caseNumber } : { kind: 'conflict', key: 'errors.submission.conflict' };
}

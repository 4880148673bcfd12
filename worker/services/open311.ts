/**
 * Filing a request through Open311: like a mailbox submission, with the client's own submission
 * id when it sends one (a retry gets the same receipt). Without one, the same service, description
 * and village sent again within `duplicateWindowMinutes` is a repeat: the answer is the first
 * request's number, never its query code (whoever repeats a text is not thereby its author).
 */
import type { Locale } from '../../content/index.ts';
import type { Open311Settings } from '../../content/open311.ts';
import { hmacHex, newClientId } from '../cases/crypto.ts';
import { toBase64Url } from '../../core/bytes.ts';
import type { PostedRequest } from '../cases/open311.ts';
import { validateSubmission } from '../cases/submission.ts';
import { ok, refuse, type Result } from '../cases/result.ts';
import { caseOfSubmission, submit, type Receipt, type SentPhotos } from './mailbox.ts';
import { listPublishedRequests, type PublishedRequestRow } from '../db/outcomes.ts';

/**
 * The case a request filed: its receipt when this request made it (`created`) or sent it before;
 * without a receipt (null), a repeat of a request filed by the same text, whose number alone is
 * told. Refused `invalid` with the mailbox's fields marked, or `conflict`.
 */
export type PostOutcome = Result<{ caseNumber: string; receipt: Receipt | null; created: boolean }>;

const filed = (receipt: Receipt, created: boolean) => ok({ caseNumber: receipt.caseNumber, receipt, created });
const repeat = (caseNumber: string) => ok({ caseNumber, receipt: null, created: false });
const conflict = refuse('conflict', 'open311.error.conflict');

/**
 * The id a request without one is kept under for a window: a '.' in it, which no client id may
 * have. Keyed by the worker's secret, so someone holding the database cannot confirm a guessed text.
 */
async function repeatKey(secret: string, bucket: number, f: Record<string, string>): Promise<string> {
  const hex = await hmacHex(secret, JSON.stringify(['open311-repeat', bucket, f.category, f.village, f.description]));
  return `open311.${toBase64Url(Uint8Array.from(hex.match(/../g)!.map((b) => parseInt(b, 16))))}`;
}

export async function postRequest(database: D1Database, secret: string, posted: PostedRequest, locale: Locale, now: Date, settings: Open311Settings, photos: SentPhotos | null = null): Promise<PostOutcome> {
  const valid = validateSubmission({ ...posted.fields, submissionId: posted.ownSubmissionId ? posted.fields.submissionId : newClientId() });
  if (!valid.ok) return valid;
  const windowMs = settings.duplicateWindowMinutes * 60_000;
  if (posted.ownSubmissionId || windowMs === 0) {
    const result = await submit(database, secret, valid.value, locale, now, undefined, photos);
    return result.ok ? filed(result.value.receipt, result.value.created) : conflict;
  }
  const bucket = Math.floor(now.getTime() / windowMs);
  const earlier = await caseOfSubmission(database, await repeatKey(secret, bucket - 1, posted.fields));
  if (earlier && now.getTime() - Date.parse(earlier.submittedAt) <= windowMs) return repeat(earlier.caseNumber);
  const key = await repeatKey(secret, bucket, posted.fields);
  const result = await submit(database, secret, { ...valid.value, submissionId: key }, locale, now, undefined, photos);
  if (result.ok && result.value.created) return filed(result.value.receipt, true);
  const first = await caseOfSubmission(database, key);
  return first ? repeat(first.caseNumber) : conflict;
}

/** Open311's public requests: only cases whose outcome is published (closed, or open again when reopened since). */
export function publishedRequests(
  database: D1Database,
  filters: { ids: string[] | null; codes: string[] | null; statuses?: ('open' | 'closed')[]; from: string | null; to: string | null },
  limit?: number,
): Promise<PublishedRequestRow[]> {
  return listPublishedRequests(database, filters, limit);
}

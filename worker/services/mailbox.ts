/**
 * The resident's side of a case: send a submission, look it up with the query code, add
 * information. Shared by the HTML routes (no JavaScript) and the JSON API.
 */
import { findCategory, findVillage, type Locale } from '../../content/index.ts';
import { caseNumberPrefix, endOfWorkingDaysAfter, townYear } from '../cases/clock.ts';
import { randomBytes, seal, sha256Hex, toBase64Url, unseal } from '../cases/crypto.ts';
import { generateQueryCode, hashQueryCode, normalizeQueryCode } from '../cases/query-code.ts';
import { submissionContentHash, routesToDiscipline, type Submission } from '../cases/submission.ts';
import { CLIENT_ID_PATTERN } from '../cases/validation.ts';
import type { UiKey } from '../../content/ui.ts';
import * as db from '../db/cases.ts';

/** A receipt re-opens for a retried POST only this long; after that the sealed code is purged. */
export const RECEIPT_REPLAY_MS = 24 * 60 * 60 * 1000;
/** How long a successful lookup lets the resident add information without typing the code again. */
export const TRACK_TOKEN_MS = 30 * 60 * 1000;

export interface Receipt {
  caseNumber: string;
  queryCode: string;
  villageId: string;
  categoryId: string;
  subject: string;
  submittedAt: string;
  acceptDueAt: string | null;
  toDiscipline: boolean;
}

export type SubmitResult =
  | { ok: true; receipt: Receipt; created: boolean }
  | { ok: false; status: 409; key: UiKey };

function idHash(submissionId: string): Promise<string> {
  return sha256Hex(`submission:${submissionId}`);
}

async function replay(secret: string, s: Submission, row: db.SubmissionRow, contentHash: string, now: Date): Promise<SubmitResult> {
  if (row.content_hash !== contentHash) return { ok: false, status: 409, key: 'errors.submission.conflict' };
  const tooOld = now.getTime() - Date.parse(row.submitted_at) > RECEIPT_REPLAY_MS;
  const code = row.sealed_code && !tooOld ? await unseal(secret, s.submissionId, row.sealed_code) : null;
  if (!code) return { ok: false, status: 409, key: 'errors.submission.expired' };
  return {
    ok: true,
    created: false,
    receipt: {
      caseNumber: row.case_number,
      queryCode: code,
      villageId: row.village_id,
      categoryId: row.category_id,
      subject: row.subject,
      submittedAt: row.created_at,
      acceptDueAt: row.accept_due_at,
      toDiscipline: routesToDiscipline(row.category_id),
    },
  };
}

/** Creates the case for a valid submission, or returns the receipt of the same submission sent before. */
export async function submit(database: D1Database, secret: string, s: Submission, locale: Locale, now = new Date()): Promise<SubmitResult> {
  const [hashOfId, contentHash] = await Promise.all([idHash(s.submissionId), submissionContentHash(s)]);
  const earlier = await db.findSubmission(database, hashOfId);
  if (earlier) return replay(secret, s, earlier, contentHash, now);

  const { submissionId, ...content } = s;
  const queryCode = generateQueryCode();
  const createdAt = now.toISOString();
  const acceptDueAt = endOfWorkingDaysAfter(now, 1).toISOString();
  const year = townYear(now);
  let caseNumber: string;
  try {
    caseNumber = await db.insertCase(database, {
      idHash: hashOfId,
      contentHash,
      sealedCode: await seal(secret, submissionId, queryCode),
      codeHash: await hashQueryCode(secret, queryCode),
      caseNumberPrefix: caseNumberPrefix(year),
      year,
      ...content,
      channel: 'web',
      locale,
      status: 'received',
      createdAt,
      acceptDueAt,
    });
  } catch (error) {
    // Two copies of one submission raced: the other one won, so answer with its receipt.
    const winner = await db.findSubmission(database, hashOfId);
    if (winner) return replay(secret, s, winner, contentHash, now);
    throw error;
  }
  return {
    ok: true,
    created: true,
    receipt: {
      caseNumber,
      queryCode,
      villageId: s.villageId,
      categoryId: s.categoryId,
      subject: s.subject,
      submittedAt: createdAt,
      acceptDueAt,
      toDiscipline: routesToDiscipline(s.categoryId),
    },
  };
}

export interface CaseView {
  caseNumber: string;
  villageId: string;
  categoryId: string;
  subject: string;
  description: string;
  status: string;
  submittedAt: string;
  updatedAt: string;
  acceptDueAt: string | null;
  dueAt: string | null;
  events: { kind: string; byResident: boolean; message: string | null; at: string }[];
}

export interface Tracked {
  view: CaseView;
  /** Opaque, short-lived; lets the follow-up form work without carrying the query code. */
  token: string;
}

async function viewOf(database: D1Database, row: db.CaseRow): Promise<CaseView> {
  const events = await db.listResidentEvents(database, row.id);
  return {
    caseNumber: row.case_number,
    villageId: row.village_id,
    categoryId: row.category_id,
    subject: row.subject,
    description: row.description,
    status: row.status,
    submittedAt: row.created_at,
    updatedAt: row.updated_at,
    acceptDueAt: row.accept_due_at,
    dueAt: row.due_at,
    events: events.map((e) => ({ kind: e.kind, byResident: e.actor === 'resident', message: e.public_message, at: e.created_at })),
  };
}

async function issueToken(database: D1Database, caseId: number, now: Date): Promise<string> {
  const token = toBase64Url(randomBytes(32));
  await db.insertTrackToken(database, await sha256Hex(`track:${token}`), caseId, new Date(now.getTime() + TRACK_TOKEN_MS).toISOString());
  return token;
}

/** Opens the case for a query code as typed; null for a malformed, wrong or unknown code alike. */
export async function track(database: D1Database, secret: string, typedCode: string, now = new Date()): Promise<Tracked | null> {
  const code = normalizeQueryCode(typedCode);
  if (!code) return null;
  const row = await db.findCaseByCodeHash(database, await hashQueryCode(secret, code));
  if (!row) return null;
  return { view: await viewOf(database, row), token: await issueToken(database, row.id, now) };
}

async function caseForToken(database: D1Database, token: string, now: Date): Promise<db.CaseRow | null> {
  if (!CLIENT_ID_PATTERN.test(token)) return null;
  return db.findCaseByTrackToken(database, await sha256Hex(`track:${token}`), now.toISOString());
}

/** Re-opens the case behind a track token (null once it expired). */
export async function reopenTracked(database: D1Database, token: string, now = new Date()): Promise<CaseView | null> {
  const row = await caseForToken(database, token, now);
  return row ? viewOf(database, row) : null;
}

/** Appends a follow-up to the case behind a track token; null once the token expired. */
export async function addFollowup(
  database: D1Database,
  token: string,
  followupId: string,
  text: string,
  now = new Date(),
): Promise<CaseView | null> {
  const row = await caseForToken(database, token, now);
  if (!row) return null;
  await db.insertFollowup(database, row.id, text, await sha256Hex(`followup:${row.id}:${followupId}`), now.toISOString());
  return viewOf(database, row);
}

/** Village and category names for display, falling back to the stored id. */
export function describe(villageId: string, categoryId: string, locale: Locale): { village: string; category: string } {
  return {
    village: findVillage(villageId)?.name[locale] ?? villageId,
    category: findCategory(categoryId)?.name[locale] ?? categoryId,
  };
}

/** Clears secrets that outlived their purpose (run by the cron trigger). */
export function purge(database: D1Database, now = new Date()): Promise<void> {
  return db.purgeExpiredSecrets(database, new Date(now.getTime() - RECEIPT_REPLAY_MS).toISOString(), now.toISOString());
}


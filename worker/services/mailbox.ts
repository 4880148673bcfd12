/**
 * The resident's side of a case: send a submission, look it up with the query code, add
 * information. Shared by the HTML routes (no JavaScript) and the JSON API.
 */
import { findCategory, findVillage, type Locale } from '../../content/index.ts';
import { caseNumberPrefix, endOfWorkingDaysAfter, startOfTownDay, townYear } from '../cases/clock.ts';
import { abuseSettings } from '../../content/abuse.ts';
import { randomBytes, seal, sha256Hex, toBase64Url, unseal } from '../cases/crypto.ts';
import { generateQueryCode, hashQueryCode, normalizeQueryCode } from '../cases/query-code.ts';
import { submissionContentHash, routesToDiscipline, type Submission } from '../cases/submission.ts';
import { translate, type UiKey } from '../../content/ui.ts';
import { workflowSettings } from '../../content/workflow.ts';
import * as db from '../db/cases.ts';
import { insertFeedback, listFeedback } from '../db/handling.ts';
import type { CaseStatus } from '../cases/status.ts';
import { FINAL_STATUSES, applyMove } from '../cases/workflow.ts';
import { CLIENT_ID_PATTERN, charCount } from '../cases/validation.ts';
import { updateFor } from './handling.ts';
import { purgeBudgets } from './gate.ts';

/**
 * A receipt shows its code again for a retried POST (a lost answer, a double click) only this
 * long. After that a retry — the next person at a shared computer pressing reload — learns that
 * the case was received and its number, never the code. The cron then forgets the sealed code.
 */
export const RECEIPT_REPLAY_MS = 10 * 60 * 1000;
/** How long a successful lookup lets the resident add information without typing the code again. */
export const TRACK_TOKEN_MS = 30 * 60 * 1000;

export interface Receipt {
  caseNumber: string;
  /** Null on a retry after the replay window: the code is shown once, and again only briefly. */
  queryCode: string | null;
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

/** How a case came in: the web mailbox by the resident, or a letter, call or visit recorded by staff. */
export interface Intake {
  channel: 'web' | 'mailbox' | 'phone' | 'visit';
  /** The staff member who recorded it; null for the web mailbox. */
  recordedBy: number | null;
}

const WEB: Intake = { channel: 'web', recordedBy: null };

/** Creates the case for a valid submission, or returns the receipt of the same submission sent before. */
export async function submit(
  database: D1Database,
  secret: string,
  s: Submission,
  locale: Locale,
  now = new Date(),
  intake: Intake = WEB,
): Promise<SubmitResult> {
  const [hashOfId, contentHash] = await Promise.all([idHash(s.submissionId), submissionContentHash(s)]);
  const earlier = await db.findSubmission(database, hashOfId);
  if (earlier) return replay(secret, s, earlier, contentHash, now);

  const { submissionId, ...content } = s;
  const queryCode = generateQueryCode();
  const createdAt = now.toISOString();
  const acceptDueAt = endOfWorkingDaysAfter(now, workflowSettings.acceptWithinWorkingDays).toISOString();
  const discipline = routesToDiscipline(s.categoryId);
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
      channel: intake.channel,
      locale,
      // A cadre report goes straight to the discipline committee: that passing is its acceptance.
      status: discipline ? 'escalated' : 'received',
      createdAt,
      acceptDueAt,
      discipline,
      acceptedAt: discipline ? createdAt : null,
      createdBy: intake.recordedBy,
      systemEvent: discipline ? { kind: 'escalate', publicMessage: translate(locale, 'workflow.escalated.message') } : null,
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
      toDiscipline: discipline,
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
  /** The resident's verdict on the current closing, once given. */
  feedback: string | null;
  /** Whether the case is closed and waits for the resident's verdict. */
  feedbackOpen: boolean;
  /** Whether a dissatisfied resident may still ask for the case to be reopened. */
  canReopen: boolean;
}

export interface Tracked {
  view: CaseView;
  /** Opaque, short-lived; lets the follow-up form work without carrying the query code. */
  token: string;
}

async function viewOf(database: D1Database, row: db.CaseRecord): Promise<CaseView> {
  const [events, feedback] = await Promise.all([db.listResidentEvents(database, row.id), listFeedback(database, row.id)]);
  const given = feedback.find((f) => f.closing === row.reopen_count)?.rating ?? null;
  const closed = (FINAL_STATUSES as readonly string[]).includes(row.status);
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
    events: events.map((e) => ({ kind: e.kind, byResident: e.kind === 'submitted' || e.kind === 'followup', message: e.public_message, at: e.created_at })),
    feedback: given,
    feedbackOpen: closed && given === null,
    canReopen: closed && given === null && row.reopen_count < 1,
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

async function caseForToken(database: D1Database, token: string, now: Date): Promise<db.CaseRecord | null> {
  if (!CLIENT_ID_PATTERN.test(token)) return null;
  return db.findCaseByTrackToken(database, await sha256Hex(`track:${token}`), now.toISOString());
}

/** Re-opens the case behind a track token (null once it expired). */
export async function reopenTracked(database: D1Database, token: string, now = new Date()): Promise<CaseView | null> {
  const row = await caseForToken(database, token, now);
  return row ? viewOf(database, row) : null;
}

export type FollowupResult = { ok: true; view: CaseView } | { ok: false; reason: 'expired' } | { ok: false; reason: 'limit'; view: CaseView; max: number };

/**
 * Appends a follow-up to the case behind a track token, at most a few per case and town day (a
 * retry of one already stored is not counted again); nothing is stored beyond that.
 */
export async function addFollowup(database: D1Database, token: string, followupId: string, text: string, now = new Date()): Promise<FollowupResult> {
  const row = await caseForToken(database, token, now);
  if (!row) return { ok: false, reason: 'expired' };
  const max = abuseSettings.followups.perCasePerDay;
  const dedupe = await sha256Hex(`followup:${row.id}:${followupId}`);
  const stored = await db.insertFollowup(database, row.id, text, dedupe, now.toISOString(), { since: startOfTownDay(now).toISOString(), max });
  const view = await viewOf(database, row);
  return stored === 'limit' ? { ok: false, reason: 'limit', view, max } : { ok: true, view };
}

/** Village and category names for display, falling back to the stored id. */
export function describe(villageId: string, categoryId: string, locale: Locale): { village: string; category: string } {
  return {
    village: findVillage(villageId)?.name[locale] ?? villageId,
    category: findCategory(categoryId)?.name[locale] ?? categoryId,
  };
}

/** Clears secrets that outlived their purpose, and the budgets of hours gone by (run by the cron trigger). */
export async function purge(database: D1Database, now = new Date()): Promise<void> {
  await Promise.all([db.purgeExpiredSecrets(database, new Date(now.getTime() - RECEIPT_REPLAY_MS).toISOString(), now.toISOString()), purgeBudgets(database, now)]);
}


export const RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
const COMMENT_MAX = 500;

export type FeedbackOutcome =
  | { ok: true; view: CaseView; reopened: boolean }
  | { ok: false; status: 410 | 409 | 422; key: UiKey; params?: Record<string, string | number> };

/**
 * Records the resident's verdict on a closed case; a dissatisfied resident may ask, once, for it
 * to be reopened (the workflow's reopen move, in the same batch as the feedback).
 */
export async function giveFeedback(
  database: D1Database,
  token: string,
  input: Record<string, unknown>,
  locale: Locale,
  now = new Date(),
): Promise<FeedbackOutcome> {
  const row = await caseForToken(database, token, now);
  if (!row) return { ok: false, status: 410, key: 'track.expired' };
  const rating = input.rating;
  const comment = typeof input.comment === 'string' ? input.comment.replace(/\r\n?/g, '\n').trim() : '';
  if (typeof rating !== 'string' || !(RATINGS as readonly string[]).includes(rating)) return { ok: false, status: 422, key: 'feedback.errors.rating' };
  if (charCount(comment) > COMMENT_MAX) return { ok: false, status: 422, key: 'feedback.errors.comment', params: { max: COMMENT_MAX } };
  if (!(FINAL_STATUSES as readonly string[]).includes(row.status)) return { ok: false, status: 409, key: 'feedback.errors.notClosed' };

  const at = now.toISOString();
  let reopen: Parameters<typeof insertFeedback>[3] = null;
  if (rating === 'dissatisfied' && input.reopen === 'yes') {
    const state = { status: row.status as CaseStatus, discipline: row.discipline === 1, reopenCount: row.reopen_count, acceptedAt: row.accepted_at };
    const message = translate(locale, 'feedback.reopened');
    const result = applyMove(state, { move: 'reopen', message }, now);
    if (!result.ok) return { ok: false, status: 409, key: result.key };
    const event = { kind: 'reopen', actor: 'resident', publicMessage: message, internalNote: null, at, data: { acceptDueAt: result.transition.acceptDueAt ?? null } };
    reopen = { update: updateFor(row, result.transition), event };
  }
  const stored = await insertFeedback(database, { id: row.id, version: row.version, closing: row.reopen_count }, { rating, comment: comment || null, at }, reopen);
  if (!stored) return { ok: false, status: 409, key: 'feedback.errors.already' };
  const fresh = await caseForToken(database, token, now);
  return { ok: true, view: await viewOf(database, fresh!), reopened: reopen !== null };
}

/** SQL for cases, their event log, submissions and track tokens. Every function takes the D1 binding. */
import type { Submission } from '../cases/submission.ts';
import type { NewCaseKeys } from './sealed.ts';

/** A whole case row. Never sent as it is: views pick what their reader may see. */
export interface CaseRecord {
  id: number;
  case_number: string;
  /** The keyed hash of the code that opens it now (a claim replaces it). */
  code_hash: string;
  village_id: string;
  category_id: string;
  subject: string;
  description: string;
  anonymous: number;
  contact_name: string | null;
  contact_phone: string | null;
  channel: string;
  locale: string;
  status: string;
  discipline: number;
  not_accepted_reason: string | null;
  created_at: string;
  updated_at: string;
  accept_due_at: string | null;
  due_at: string | null;
  accepted_at: string | null;
  closed_at: string | null;
  time_limit_days: number | null;
  reopen_count: number;
  version: number;
  created_by: number | null;
  escalated_by: number | null;
  assignee_id: number | null;
  /** Why the case is kept from its village's liaison officers, if it is. */
  kept_from_village: 'resident' | 'conflict' | null;
  kept_at: string | null;
}


export interface PublicEventRow {
  id: number;
  kind: string;
  actor: string;
  public_message: string | null;
  created_at: string;
}

export interface SubmissionRow {
  case_id: number;
  content_hash: string;
  sealed_code: string | null;
  submitted_at: string;
  case_number: string;
  village_id: string;
  category_id: string;
  subject: string;
  created_at: string;
  accept_due_at: string | null;
  kept_from_village: string | null;
}


/** A validated submission and what the worker adds to it to make a case. */
export interface NewCase extends Omit<Submission, 'submissionId'> {
  idHash: string;
  contentHash: string;
  /** Null when the code is a code card's (the worker never knew it). */
  sealedCode: string | null;
  codeHash: string;
  /** More statements for the same batch, given the case's code hash (using a code card). */
  extra?: (codeHash: string) => D1PreparedStatement[];
  caseNumberPrefix: string;
  year: number;
  channel: 'web' | 'mailbox' | 'phone' | 'visit';
  locale: string;
  status: string;
  createdAt: string;
  acceptDueAt: string;
  /** Cadre reports: readable by the discipline committee only, accepted by being passed to it. */
  discipline: boolean;
  acceptedAt: string | null;
  /** The staff member who recorded a letter, call or visit; null for the web mailbox. */
  createdBy: number | null;
  /**
   * First messages to the resident from the system (that the report went to the committee; which
   * earlier case it is linked to), with an internal note for whoever reads the case.
   */
  systemEvents: { kind: string; publicMessage: string; internalNote?: string | null }[];
  /** The resident said it concerns the village's own officers: kept from them from the start. */
  keptFromVillage: boolean;
  /** Its resident key and, when sealed, its data key sealed to the committee and the resident. */
  keys: NewCaseKeys;
  /** Its code is on a slip an officer printed: it works once, to claim the case with a new code. */
  claim: boolean;
}

/**
 * Creates a case, its first event and its submission record in one batch (one transaction);
 * returns the case number. Throws if the submission id was taken meanwhile.
 */
/** The next number in a case's own event log (SQL; `caseId` is an SQL expression). Events are numbered per case, never across cases. */
export function nextSeq(caseId: string): string {
  return `(SELECT COALESCE(MAX(seq), 0) + 1 FROM case_events WHERE case_id = ${caseId})`;
}

export async function insertCase(db: D1Database, c: NewCase): Promise<string> {
  const caseId = `(SELECT id FROM cases WHERE code_hash = ?1)`;
  const results = await db.batch([
    db
      .prepare(`INSERT INTO case_counters (year, last) VALUES (?1, 1) ON CONFLICT (year) DO UPDATE SET last = last + 1`)
      .bind(c.year),
    db
      .prepare(
        `INSERT INTO cases (case_number, code_hash, village_id, category_id, subject, description, anonymous,
           contact_name, contact_phone, channel, locale, status, created_at, updated_at, accept_due_at,
           discipline, accepted_at, created_by, kept_from_village, kept_at)
         VALUES (?2 || printf('%06d', (SELECT last FROM case_counters WHERE year = ?3)), ?1, ?4, ?5, ?6, ?7, ?8,
           ?9, ?10, ?11, ?12, ?13, ?14, ?14, ?15, ?16, ?17, ?18, CASE WHEN ?19 THEN 'resident' END, CASE WHEN ?19 THEN ?14 END)`,
      )
      .bind(
        c.codeHash,
        c.caseNumberPrefix,
        c.year,
        c.villageId,
        c.categoryId,
        c.subject,
        c.description,
        c.anonymous ? 1 : 0,
        c.contactName,
        c.contactPhone,
        c.channel,
        c.locale,
        c.status,
        c.createdAt,
        c.acceptDueAt,
        c.discipline ? 1 : 0,
        c.acceptedAt,
        c.createdBy,
        c.keptFromVillage ? 1 : 0,
      ),
    db
      // The category and acceptance deadline as submitted, for the statistics' fold (either may change later).
      .prepare(
        `INSERT INTO case_events (case_id, seq, kind, actor, data, created_at)
         VALUES (${caseId}, 1, 'submitted', ?2, json_object('categoryId', ?4, 'acceptDueAt', ?5), ?3)`,
      )
      .bind(c.codeHash, c.createdBy === null ? 'resident' : `staff:${c.createdBy}`, c.createdAt, c.categoryId, c.acceptDueAt),
    ...c.systemEvents.map((e, i) =>
      db
        .prepare(`INSERT INTO case_events (case_id, seq, kind, public_message, internal_note, actor, created_at) VALUES (${caseId}, ?6, ?2, ?3, ?4, 'system', ?5)`)
        .bind(c.codeHash, e.kind, e.publicMessage, e.internalNote ?? null, c.createdAt, i + 2),
    ),
    db
      .prepare(
        `INSERT INTO submissions (id_hash, content_hash, case_id, sealed_code, created_at) VALUES (?2, ?3, ${caseId}, ?4, ?5)`,
      )
      .bind(c.codeHash, c.idHash, c.contentHash, c.sealedCode, c.createdAt),
    db
      .prepare(
        `INSERT INTO case_keys (case_id, resident_public, resident_private, committee_key_id, committee_wrap, resident_wrap)
         VALUES (${caseId}, ?2, ?3, ?4, ?5, ?6)`,
      )
      .bind(c.codeHash, c.keys.residentPublic, c.keys.residentPrivate, c.keys.committeeKeyId, c.keys.committeeWrap, c.keys.residentWrap),
    ...(c.claim ? [insertClaimStatement(db, c.codeHash)] : []),
    ...(c.extra?.(c.codeHash) ?? []),
    db.prepare(`SELECT case_number FROM cases WHERE code_hash = ?1`).bind(c.codeHash),
  ]);
  const row = results.at(-1)!.results[0] as { case_number: string } | undefined;
  if (!row) throw new Error('case was not created');
  return row.case_number;
}

/** The submission recorded under this (hashed) submission id, with what its receipt shows. */
export async function findSubmission(db: D1Database, idHash: string): Promise<SubmissionRow | null> {
  return db
    .prepare(
      `SELECT s.case_id, s.content_hash, s.sealed_code, s.created_at AS submitted_at, c.case_number, c.village_id, c.category_id,
         c.subject, c.created_at, c.accept_due_at, c.kept_from_village
       FROM submissions s JOIN cases c ON c.id = s.case_id WHERE s.id_hash = ?1`,
    )
    .bind(idHash)
    .first<SubmissionRow>();
}

/** The case whose query code has this keyed hash. */
export async function findCaseByCodeHash(db: D1Database, codeHash: string): Promise<CaseRecord | null> {
  return db.prepare(`SELECT c.* FROM cases c WHERE c.code_hash = ?1`).bind(codeHash).first<CaseRecord>();
}

/** The sealed case of a live track token (only the token opens it), or null when the token is unknown or expired. */
export function findTrackToken(db: D1Database, tokenHash: string, now: string): Promise<string | null> {
  return db.prepare(`SELECT sealed_case FROM track_tokens WHERE token_hash = ?1 AND expires_at > ?2`).bind(tokenHash, now).first<string>('sealed_case');
}

/** A case by its id. */
export function findCaseById(db: D1Database, caseId: number): Promise<CaseRecord | null> {
  return db.prepare(`SELECT c.* FROM cases c WHERE c.id = ?1`).bind(caseId).first<CaseRecord>();
}

/**
 * Stores a track token (hashed) until `expiresAt`, with the case it opens and the resident key
 * sealed under it: the row names no case to anyone without the token.
 */
export async function insertTrackToken(db: D1Database, tokenHash: string, sealedCase: string, expiresAt: string, residentPrivate: string | null): Promise<void> {
  await db
    .prepare(`INSERT INTO track_tokens (token_hash, sealed_case, expires_at, resident_private) VALUES (?1, ?2, ?3, ?4)`)
    .bind(tokenHash, sealedCase, expiresAt, residentPrivate)
    .run();
}

/** What the resident may read of the event log: their own entries and messages addressed to them. */
export async function listResidentEvents(db: D1Database, caseId: number): Promise<PublicEventRow[]> {
  const { results } = await db
    .prepare(
      `SELECT seq AS id, kind, actor, public_message, created_at FROM case_events
       WHERE case_id = ?1 AND (kind IN ('submitted', 'followup') OR public_message IS NOT NULL) ORDER BY seq`,
    )
    .bind(caseId)
    .all<PublicEventRow>();
  return results;
}

/**
 * Appends a resident's follow-up unless the case already has `max` since `since` (the start of
 * the town's day); a retry with the same dedupe hash is stored once. Says which happened.
 */
export async function insertFollowup(
  db: D1Database,
  caseId: number,
  text: string,
  dedupeHash: string,
  now: string,
  limit: { since: string; max: number },
): Promise<'stored' | 'duplicate' | 'limit'> {
  const [inserted, , existing] = await db.batch([
    db
      .prepare(
        `INSERT INTO case_events (case_id, seq, kind, public_message, actor, dedupe_hash, created_at)
         SELECT ?1, ${nextSeq('?1')}, 'followup', ?2, 'resident', ?3, ?4
         WHERE (SELECT count(*) FROM case_events WHERE case_id = ?1 AND kind = 'followup' AND created_at >= ?5) < ?6
         ON CONFLICT (dedupe_hash) DO NOTHING`,
      )
      .bind(caseId, text, dedupeHash, now, limit.since, limit.max),
    db
      .prepare(`UPDATE cases SET updated_at = ?2 WHERE id = ?1 AND EXISTS (SELECT 1 FROM case_events WHERE dedupe_hash = ?3 AND created_at = ?2)`)
      .bind(caseId, now, dedupeHash),
    db.prepare(`SELECT 1 AS found FROM case_events WHERE dedupe_hash = ?1`).bind(dedupeHash),
  ]);
  if (inserted!.meta.changes === 1) return 'stored';
  return existing!.results.length > 0 ? 'duplicate' : 'limit';
}

/** Forgets sealed receipt codes of town days before `sealedBefore` and track tokens expired by `now`. */
export async function purgeExpiredSecrets(db: D1Database, sealedBefore: string, now: string): Promise<void> {
  await db.batch([
    db.prepare(`UPDATE submissions SET sealed_code = NULL WHERE sealed_code IS NOT NULL AND created_at < ?1`).bind(sealedBefore),
    db.prepare(`DELETE FROM track_tokens WHERE expires_at <= ?1`).bind(now),
  ]);
}

/** The statement that marks a new case as waiting to be claimed, for the batch that creates it (by its code hash). */
export function insertClaimStatement(db: D1Database, codeHash: string): D1PreparedStatement {
  return db.prepare(`INSERT INTO case_claims (case_id) SELECT id FROM cases WHERE code_hash = ?1`).bind(codeHash);
}

/** Whether the case waits to be claimed ('pending'), was claimed ('claimed'), or has no slip to claim (null). */
export async function claimState(db: D1Database, caseId: number): Promise<'pending' | 'claimed' | null> {
  const row = await db.prepare(`SELECT claimed_at FROM case_claims WHERE case_id = ?1`).bind(caseId).first<{ claimed_at: string | null }>();
  return row ? (row.claimed_at ? 'claimed' : 'pending') : null;
}

/**
 * Claims a case: the new code replaces the slip's, the resident key is sealed under the new code,
 * every other lookup's token ends (a token holds the code hash it was issued under) and the
 * claiming one is sealed anew; all or nothing, and only once.
 */
export async function claimCase(
  db: D1Database,
  c: { caseId: number; newCodeHash: string; residentPrivate: string | null; keepTokenHash: string; keepSealedCase: string; at: string },
): Promise<boolean> {
  // This batch claimed it: the case answers the new code (a random one, nobody else's).
  const claimedNow = `(SELECT code_hash FROM cases WHERE id = ?1) = ?3`;
  const [, claimed] = await db.batch([
    db
      .prepare(`UPDATE cases SET code_hash = ?3 WHERE id = ?1 AND EXISTS (SELECT 1 FROM case_claims WHERE case_id = ?1 AND claimed_at IS NULL)`)
      .bind(c.caseId, c.at, c.newCodeHash),
    db.prepare(`UPDATE case_claims SET claimed_at = ?2 WHERE case_id = ?1 AND claimed_at IS NULL AND ${claimedNow} RETURNING case_id`).bind(c.caseId, c.at, c.newCodeHash),
    db
      .prepare(`UPDATE case_keys SET resident_private = coalesce(?4, resident_private) WHERE case_id = ?1 AND ${claimedNow}`)
      .bind(c.caseId, c.at, c.newCodeHash, c.residentPrivate),
    db.prepare(`UPDATE track_tokens SET sealed_case = ?4 WHERE token_hash = ?2 AND ${claimedNow}`).bind(c.caseId, c.keepTokenHash, c.newCodeHash, c.keepSealedCase),
  ]);
  return claimed!.results.length === 1;
}

/** The check-ins answered since a closing (their days after it). */
export async function listCheckIns(db: D1Database, caseId: number, closedAt: string): Promise<number[]> {
  const rows = await db.prepare(`SELECT days FROM case_checkins WHERE case_id = ?1 AND closed_at = ?2 ORDER BY days`).bind(caseId, closedAt).raw<[number]>();
  return rows.map((r) => r[0]);
}

/** A check-in's answer: its row (one per closing and check-in) and its sealed event in the case's log. */
export interface CheckInRecord {
  caseId: number;
  closedAt: string;
  days: number;
  /** What the resident reads in their timeline, sealed. */
  publicMessage: string;
  /** What the committee reads (the answer and the resident's words), sealed. */
  internalNote: string;
  /** Hash of the form's client id: a retried answer finds its event. */
  dedupeHash: string;
  at: string;
}

/**
 * The statements that store a check-in's answer, for a batch of their own or the batch that opens
 * a 打击报复 case with it. The first fails (and the batch with it) when that check-in has an answer.
 */
export function checkInStatements(db: D1Database, r: CheckInRecord): D1PreparedStatement[] {
  return [
    db.prepare(`INSERT INTO case_checkins (case_id, closed_at, days, answered_at) VALUES (?1, ?2, ?3, ?4)`).bind(r.caseId, r.closedAt, r.days, r.at),
    db
      .prepare(
        `INSERT INTO case_events (case_id, seq, kind, public_message, internal_note, actor, dedupe_hash, data, created_at)
         VALUES (?1, ${nextSeq('?1')}, 'checkin', ?2, ?3, 'resident', ?4, json_object('days', ?5), ?6)`,
      )
      .bind(r.caseId, r.publicMessage, r.internalNote, r.dedupeHash, r.days, r.at),
  ];
}

/**
 * Stores a check-in's answer: 'stored'; 'retry' when this very form was stored before; 'answered'
 * when that check-in has another answer already (nothing is written then).
 */
export async function insertCheckIn(db: D1Database, r: CheckInRecord): Promise<'stored' | 'retry' | 'answered'> {
  try {
    await db.batch(checkInStatements(db, r));
    return 'stored';
  } catch (error) {
    return checkInRefusal(db, r, error);
  }
}

/** Why a batch with a check-in's statements failed: a retry of the same form, another answer first, or something else (thrown). */
export async function checkInRefusal(db: D1Database, r: Pick<CheckInRecord, 'caseId' | 'closedAt' | 'days' | 'dedupeHash'>, error: unknown): Promise<'retry' | 'answered'> {
  if (await findEventByDedupe(db, r.dedupeHash)) return 'retry';
  if ((await listCheckIns(db, r.caseId, r.closedAt)).includes(r.days)) return 'answered';
  throw error;
}

/** Whether an event with this dedupe hash exists (a retried form). */
export async function findEventByDedupe(db: D1Database, dedupeHash: string): Promise<boolean> {
  return (await db.prepare(`SELECT 1 AS found FROM case_events WHERE dedupe_hash = ?1`).bind(dedupeHash).first('found')) !== null;
}

/** The check-in (days after the closing) a stored answer with this dedupe hash answered, if any. */
export async function checkInOfEvent(db: D1Database, dedupeHash: string): Promise<number | undefined> {
  const days = await db.prepare(`SELECT data ->> '$.days' AS days FROM case_events WHERE dedupe_hash = ?1 AND kind = 'checkin'`).bind(dedupeHash).first<number>('days');
  return days ?? undefined;
}

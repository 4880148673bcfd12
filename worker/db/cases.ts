/** SQL for cases, their event log, submissions and track tokens. Every function takes the D1 binding. */
import type { NewPhoto } from './photos.ts';
import type { Submission } from '../cases/submission.ts';
import type { CaseStatus } from '../cases/status.ts';
import type { NewCaseKeys } from './sealed.ts';
import { withStatus, type Stored } from './sql.ts';
import { TO_TOWN } from '../cases/history.ts';

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
  status: CaseStatus;
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
  /** The committee's acceptance deadline (Art. 16) while it waits to be taken up. */
  committee_due_at: string | null;
  /** The way the committee disposed of it (Art. 17). */
  disposal: 'talk' | 'verify' | 'shelve' | 'conclude' | 'transfer' | null;
  /** The notice owed to a real-name reporter, and by when. */
  notice_kind: 'acceptance' | 'result' | null;
  notice_due_at: string | null;
}

/** A case row as read, its status checked (an unknown status throws). */
export function caseRow(row: Stored<CaseRecord> | null): CaseRecord | null {
  return row && withStatus(row);
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
  due_at: string | null;
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
  status: CaseStatus;
  createdAt: string;
  acceptDueAt: string;
  /** A time limit its category fixes from arrival (a question about a disclosure), for the statistics' fold; the case's own is set by `extra`. */
  dueAt?: string | null;
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
  /** A case that goes to the committee on arrival: its acceptance deadline and the notice owed to a real-name reporter. */
  committee?: { dueAt: string | null; notice: { kind: 'acceptance' | 'result'; dueAt: string } | null };
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
  const results = await db.batch(caseStatements(db, c));
  // The case's insert returns its number (the second statement, after the counter).
  const row = results[1]!.results[0] as { case_number: string } | undefined;
  if (!row) throw new Error('case was not created');
  return row.case_number;
}

/** The statements that create a case (the second, the case's insert, returns its number), for `insertCase` or a batch of several. */
export function caseStatements(db: D1Database, c: NewCase): D1PreparedStatement[] {
  const caseId = `(SELECT id FROM cases WHERE code_hash = ?1)`;
  return [
    db
      .prepare(`INSERT INTO case_counters (year, last) VALUES (?1, 1) ON CONFLICT (year) DO UPDATE SET last = last + 1`)
      .bind(c.year),
    db
      .prepare(
        `INSERT INTO cases (case_number, code_hash, village_id, category_id, subject, description, anonymous,
           contact_name, contact_phone, channel, locale, status, created_at, updated_at, accept_due_at,
           discipline, accepted_at, created_by, kept_from_village, kept_at, committee_due_at, notice_kind, notice_due_at)
         VALUES (?2 || printf('%06d', (SELECT last FROM case_counters WHERE year = ?3)), ?1, ?4, ?5, ?6, ?7, ?8,
           ?9, ?10, ?11, ?12, ?13, ?14, ?14, ?15, ?16, ?17, ?18, CASE WHEN ?19 THEN 'resident' END, CASE WHEN ?19 THEN ?14 END, ?20, ?21, ?22)
         RETURNING case_number`,
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
        c.committee?.dueAt ?? null,
        c.committee?.notice?.kind ?? null,
        c.committee?.notice?.dueAt ?? null,
      ),
    db
      // The category and deadlines as submitted, for the statistics' fold (any may change later).
      .prepare(
        `INSERT INTO case_events (case_id, seq, kind, actor, data, created_at)
         VALUES (${caseId}, 1, 'submitted', ?2, CASE WHEN ?6 IS NULL THEN json_object('categoryId', ?4, 'acceptDueAt', ?5)
           ELSE json_object('categoryId', ?4, 'acceptDueAt', ?5, 'dueAt', ?6) END, ?3)`,
      )
      .bind(c.codeHash, c.createdBy === null ? 'resident' : `staff:${c.createdBy}`, c.createdAt, c.categoryId, c.acceptDueAt, c.dueAt ?? null),
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
  ];
}

/** The submission recorded under this (hashed) submission id, with what its receipt shows. */
export async function findSubmission(db: D1Database, idHash: string): Promise<SubmissionRow | null> {
  return db
    .prepare(
      `SELECT s.case_id, s.content_hash, s.sealed_code, s.created_at AS submitted_at, c.case_number, c.village_id, c.category_id,
         c.subject, c.created_at, c.accept_due_at, c.due_at, c.kept_from_village
       FROM submissions s JOIN cases c ON c.id = s.case_id WHERE s.id_hash = ?1`,
    )
    .bind(idHash)
    .first<SubmissionRow>();
}

/** The case whose query code has this keyed hash. */
export async function findCaseByCodeHash(db: D1Database, codeHash: string): Promise<CaseRecord | null> {
  return caseRow(await db.prepare(`SELECT c.* FROM cases c WHERE c.code_hash = ?1`).bind(codeHash).first<Stored<CaseRecord>>());
}

/** The sealed case of a live track token (only the token opens it), or null when the token is unknown or expired. */
export function findTrackToken(db: D1Database, tokenHash: string, now: string): Promise<string | null> {
  return db.prepare(`SELECT sealed_case FROM track_tokens WHERE token_hash = ?1 AND expires_at > ?2`).bind(tokenHash, now).first<string>('sealed_case');
}

/** A case by its id. */
export async function findCaseById(db: D1Database, caseId: number): Promise<CaseRecord | null> {
  return caseRow(await db.prepare(`SELECT c.* FROM cases c WHERE c.id = ?1`).bind(caseId).first<Stored<CaseRecord>>());
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
       WHERE case_id = ?1 AND (kind IN ('submitted', 'followup', '${TO_TOWN}') OR public_message IS NOT NULL) ORDER BY seq`,
    )
    .bind(caseId)
    .all<PublicEventRow>();
  return results;
}

/**
 * Appends a resident's follow-up unless the case already has `max` since `since` (the start of
 * the town's day); a retry with the same dedupe hash is stored once. `read`: whether the case was
 * the committee's when the follow-up was read against it: one that went to the committee since
 * stores nothing (its text was not sealed for it), `moved`. Says which happened.
 */
export async function insertFollowup(
  db: D1Database,
  caseId: number,
  text: string,
  dedupeHash: string,
  now: string,
  limit: { since: string; max: number },
  photos: NewPhoto[] = [],
  read: { discipline: boolean } | null = null,
): Promise<'stored' | 'duplicate' | 'limit' | 'moved'> {
  const unmoved = read ? `AND (SELECT discipline FROM cases WHERE id = ?1) = ${read.discipline ? 1 : 0}` : '';
  // The photos first, on the same conditions as the follow-up itself (not sent before, within the
  // day's limit), so a retry or a follow-up past the limit links none of them. A plain photo never
  // joins a committee's case: one passed to it since the follow-up was read keeps out the photo
  // (its re-sealing listed the case's photos before it; its object is swept as an orphan).
  const linked = photos.map((p) =>
    db
      .prepare(
        `INSERT INTO case_photos (id, case_id, seq, type, size, width, height, sealed, added_on)
         SELECT ?2, ?1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM case_photos WHERE case_id = ?1), ?3, ?4, ?5, ?6, ?7, ?8
         WHERE NOT EXISTS (SELECT 1 FROM case_events WHERE dedupe_hash = ?9)
           AND (SELECT count(*) FROM case_events WHERE case_id = ?1 AND kind = 'followup' AND created_at >= ?10) < ?11
           AND (?7 = 1 OR NOT EXISTS (SELECT 1 FROM cases WHERE id = ?1 AND discipline = 1)) ${unmoved}`,
      )
      .bind(caseId, p.id, p.type, p.size, p.width, p.height, p.sealed ? 1 : 0, p.addedOn, dedupeHash, limit.since, limit.max),
  );
  const results = await db.batch([
    ...linked,
    db
      .prepare(
        `INSERT INTO case_events (case_id, seq, kind, public_message, actor, dedupe_hash, created_at)
         SELECT ?1, ${nextSeq('?1')}, 'followup', ?2, 'resident', ?3, ?4
         WHERE (SELECT count(*) FROM case_events WHERE case_id = ?1 AND kind = 'followup' AND created_at >= ?5) < ?6 ${unmoved}
         ON CONFLICT (dedupe_hash) DO NOTHING`,
      )
      .bind(caseId, text, dedupeHash, now, limit.since, limit.max),
    db
      .prepare(`UPDATE cases SET updated_at = ?2 WHERE id = ?1 AND EXISTS (SELECT 1 FROM case_events WHERE dedupe_hash = ?3 AND created_at = ?2)`)
      .bind(caseId, now, dedupeHash),
    db.prepare(`SELECT 1 AS found FROM case_events WHERE dedupe_hash = ?1`).bind(dedupeHash),
    db.prepare(`SELECT discipline FROM cases WHERE id = ?1`).bind(caseId),
  ]);
  const [inserted, , existing, after] = results.slice(linked.length);
  if (inserted!.meta.changes === 1) return 'stored';
  if (existing!.results.length > 0) return 'duplicate';
  return read && (after!.results[0] as { discipline: number } | undefined)?.discipline !== (read.discipline ? 1 : 0) ? 'moved' : 'limit';
}

/** Whether a follow-up with this dedupe hash is stored already (a retry). */
export async function followupStored(db: D1Database, dedupeHash: string): Promise<boolean> {
  return (await db.prepare(`SELECT 1 AS found FROM case_events WHERE dedupe_hash = ?1`).bind(dedupeHash).first()) !== null;
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
  return (await claimOf(db, caseId))?.state ?? null;
}

/** The case's claim, if its code only claims it: pending, or claimed on a town date (the day is all that is kept). */
export async function claimOf(db: D1Database, caseId: number): Promise<{ state: 'pending' | 'claimed'; day: string | null } | null> {
  const row = await db.prepare(`SELECT claimed_at FROM case_claims WHERE case_id = ?1`).bind(caseId).first<{ claimed_at: string | null }>();
  return row ? { state: row.claimed_at ? 'claimed' : 'pending', day: row.claimed_at } : null;
}

/**
 * What a code that opens no case once did: the code a claim replaced (with the day of the claim and
 * where the case is handled), or a card that was given with a letter it could not open. Null otherwise.
 */
export async function findSpentCode(
  db: D1Database,
  codeHash: string,
): Promise<{ kind: 'claimed'; day: string; discipline: boolean; keptFromVillage: boolean } | { kind: 'refusedCard' } | null> {
  const [claimed, card] = await db.batch<{ claimed_at: string; discipline: number; kept_from_village: string | null } | { used: number }>([
    db
      .prepare(`SELECT k.claimed_at, c.discipline, c.kept_from_village FROM case_claims k JOIN cases c ON c.id = k.case_id WHERE k.replaced_code_hash = ?1 AND k.claimed_at IS NOT NULL`)
      .bind(codeHash),
    // A used card whose code is neither its case's nor one a claim replaced: the letter was recorded without it.
    db
      .prepare(
        `SELECT 1 AS used FROM code_cards d JOIN cases c ON c.id = d.used_case_id WHERE d.code_hash = ?1 AND c.code_hash != ?1
           AND NOT EXISTS (SELECT 1 FROM case_claims k WHERE k.case_id = c.id AND k.replaced_code_hash = ?1)`,
      )
      .bind(codeHash),
  ]);
  const c = claimed!.results[0] as { claimed_at: string; discipline: number; kept_from_village: string | null } | undefined;
  if (c) return { kind: 'claimed', day: c.claimed_at, discipline: c.discipline === 1, keptFromVillage: c.kept_from_village !== null };
  return card!.results.length > 0 ? { kind: 'refusedCard' } : null;
}

/**
 * Claims a case: the new code replaces the slip's (or the card's), whose hash is kept so that it
 * can say when it was exchanged; the resident key is sealed under the new code, every other
 * lookup's token ends (a token holds the code hash it was issued under); all or nothing, and only once. `day` is the start of the town day: no time is kept.
 */
export async function claimCase(
  db: D1Database,
  c: { caseId: number; newCodeHash: string; residentPrivate: string | null; keepTokenHash: string; keepSealedCase: string; day: string },
): Promise<boolean> {
  // Each statement after the first acts only if this claim is the one that took the case.
  const claimedNow = `(SELECT code_hash FROM cases WHERE id = ?1) = ?2`;
  const [claimed] = await db.batch([
    db
      .prepare(
        `UPDATE case_claims SET claimed_at = ?2, replaced_code_hash = (SELECT code_hash FROM cases WHERE id = ?1)
         WHERE case_id = ?1 AND claimed_at IS NULL RETURNING case_id`,
      )
      .bind(c.caseId, c.day),
    // Only while the case still answers the code this claim replaced (a second claim finds the new one).
    db.prepare(`UPDATE cases SET code_hash = ?2 WHERE id = ?1 AND code_hash = (SELECT replaced_code_hash FROM case_claims WHERE case_id = ?1)`).bind(c.caseId, c.newCodeHash),
    db.prepare(`UPDATE case_keys SET resident_private = coalesce(?3, resident_private) WHERE case_id = ?1 AND ${claimedNow}`).bind(c.caseId, c.newCodeHash, c.residentPrivate),
    // Every other lookup's token names the code this claim replaced, and so ends; the claiming one is sealed anew.
    db.prepare(`UPDATE track_tokens SET sealed_case = ?3 WHERE token_hash = ?4 AND ${claimedNow}`).bind(c.caseId, c.newCodeHash, c.keepSealedCase, c.keepTokenHash),
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
  /** The town date of the answer (case_checkins.answered_at): no finer time is kept. */
  day: string;
  /** The start of that town day: the entry's time in the case's log. */
  at: string;
  /** The pending row every answer writes (the 打击报复 case only a "yes" opens). */
  pending: PendingCheckIn;
}

/** A pending row: the same shape and size for every answer (migration 0015). */
export interface PendingCheckIn {
  codeHash: string;
  idHash: string;
  day: string;
  payload: string;
}

/**
 * The statements that store a check-in's answer, whatever it is: its row, its sealed entry and its
 * pending row. The first fails (and the batch with it) when that check-in has an answer.
 */
export function checkInStatements(db: D1Database, r: CheckInRecord): D1PreparedStatement[] {
  return [
    db.prepare(`INSERT INTO case_checkins (case_id, closed_at, days, answered_at) VALUES (?1, ?2, ?3, ?4)`).bind(r.caseId, r.closedAt, r.days, r.day),
    db
      .prepare(
        `INSERT INTO case_events (case_id, seq, kind, public_message, internal_note, actor, dedupe_hash, data, created_at)
         VALUES (?1, ${nextSeq('?1')}, 'checkin', ?2, ?3, 'resident', ?4, json_object('days', ?5), ?6)`,
      )
      .bind(r.caseId, r.publicMessage, r.internalNote, r.dedupeHash, r.days, r.at),
    db
      .prepare(`INSERT INTO checkin_pending (code_hash, id_hash, day, payload) VALUES (?1, ?2, ?3, ?4)`)
      .bind(r.pending.codeHash, r.pending.idHash, r.pending.day, r.pending.payload),
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

/** The pending row of a check-in form (by its case's submission id hash). */
export function findPendingCheckIn(db: D1Database, idHash: string): Promise<{ payload: string } | null> {
  return db.prepare(`SELECT payload FROM checkin_pending WHERE id_hash = ?1`).bind(idHash).first<{ payload: string }>();
}

/** Whether a pending row has this code hash (a 打击报复 case waiting for the cron). */
export async function pendingCodeExists(db: D1Database, codeHash: string): Promise<boolean> {
  return (await db.prepare(`SELECT 1 AS found FROM checkin_pending WHERE code_hash = ?1`).bind(codeHash).first('found')) !== null;
}

/** The pending rows of the town days before `today`. */
export async function listPendingCheckIns(db: D1Database, today: string): Promise<{ code_hash: string; day: string; payload: string }[]> {
  const { results } = await db.prepare(`SELECT code_hash, day, payload FROM checkin_pending WHERE day < ?1`).bind(today).all<{ code_hash: string; day: string; payload: string }>();
  return results;
}

/** The statements that delete pending rows, for the batch that opens their cases. */
export function deletePendingStatements(db: D1Database, codeHashes: string[]): D1PreparedStatement[] {
  return codeHashes.map((h) => db.prepare(`DELETE FROM checkin_pending WHERE code_hash = ?1`).bind(h));
}

/** Whether any check-in answer waits for the cron (the committee key is not rotated meanwhile). */
export async function anyPendingCheckIn(db: D1Database): Promise<boolean> {
  return (await db.prepare(`SELECT 1 AS found FROM checkin_pending LIMIT 1`).first('found')) !== null;
}

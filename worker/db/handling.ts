/**
 * SQL for the staff side of cases: the scoped queue, one case, workflow moves, the access log and
 * the resident's feedback. Every query that returns case content is scoped by the viewer, with
 * the same rules as worker/cases/access.ts.
 */
import type { Viewer } from '../cases/access.ts';
import { AWAITING_ACCEPTANCE, AWAITING_CLOSE, IN_HAND, OPEN_STATUSES, parseStatus, type CaseStatus } from '../cases/status.ts';
import { caseRow, nextSeq, type CaseRecord } from './cases.ts';
import { signedOffGuard, signedOffParams, type SignOff } from './documents.ts';
import { TO_TOWN } from '../cases/history.ts';
import { sqlIn, type Stored } from './sql.ts';

/** 1 when the viewer (?3 id) declared a conflict of interest on the case `c`: it is out of their view. */
const DECLARED = `EXISTS (SELECT 1 FROM conflict_declarations d WHERE d.case_id = c.id AND d.staff_id = ?3)`;
/**
 * 1 when the viewer (?1 role, ?2 village, ?3 id) may read the case `c`; a case kept from its
 * village is no liaison officer's.
 */
// Town staff read every ordinary case; a role not named here (a village clerk) reads none, whatever its callers check first.
const READABLE = `(CASE WHEN ${DECLARED} THEN 0 WHEN c.discipline = 1 THEN ?1 = 'discipline' WHEN ?1 = 'discipline' THEN 0
  WHEN ?1 = 'liaison' THEN c.village_id = ?2 AND c.kept_from_village IS NULL WHEN ?1 IN ('handler', 'admin') THEN 1 ELSE 0 END)`;
/** 1 when the viewer may at least know the case exists (they entered or escalated it, and did not step aside). */
const VISIBLE = `(NOT ${DECLARED} AND (${READABLE} OR c.created_by = ?3 OR c.escalated_by = ?3))`;

const viewerParams = (v: Viewer) => [v.role, v.villageId, v.id] as const;

export interface QueueRow {
  case_number: string;
  readable: number;
  village_id: string | null;
  category_id: string | null;
  subject: string | null;
  status: CaseStatus | null;
  channel: string | null;
  created_at: string;
  accept_due_at: string | null;
  due_at: string | null;
  discipline: number | null;
  committee_wrap: string | null;
  /** For a case the viewer may only know of: 1 when it is the committee's, 0 when town staff's (a case kept from the village stays town staff's to its officers). */
  away_discipline: number | null;
  /** The committee's clocks (readable cases only). */
  anonymous: number | null;
  committee_due_at: string | null;
  notice_kind: 'acceptance' | 'result' | null;
  notice_due_at: string | null;
  /** 1 when the open case was passed to town staff, its time limit run out unanswered (readable cases only). */
  to_town: number | null;
}

/** Which part of the queue: new cases awaiting acceptance, cases in hand, or every case. */
export type QueueSection = 'new' | 'in_hand' | 'all';

/**
 * The sections sort by status only the cases the viewer reads: one they may only know of (they
 * recorded or escalated it) stays among the cases in hand, whatever its status, so where it is
 * tells them nothing of how it goes.
 */
const SECTION_FILTER: Record<QueueSection, string> = {
  new: `${READABLE} AND c.status IN ${sqlIn(AWAITING_ACCEPTANCE)}`,
  // Resolved or explained but not closed yet: still the staff's to close (after the others, by RANK).
  in_hand: `(NOT ${READABLE} OR c.status IN ${sqlIn([...IN_HAND, ...AWAITING_CLOSE])})`,
  // Spam leaves every list; the case stays in the database, its access log and its events.
  all: `(NOT ${READABLE} OR NOT (c.status = 'not_accepted' AND c.not_accepted_reason IS 'spam'))`,
};

/** The deadline that applies now (as worker/cases/workflow.ts `currentDeadline`). */
const DEADLINE = `CASE WHEN c.status IN ${sqlIn(AWAITING_ACCEPTANCE)} THEN c.accept_due_at WHEN c.status IN ('in_progress', 'accepted') THEN c.due_at END`;

/**
 * Urgency as a rank, the order of worker/cases/workflow.ts `urgency` (overdue 0 … done 5), given
 * ?4 now, ?5 the end of the town's day and ?6 the end of "due soon" as ISO instants.
 */
const RANK = `CASE
  WHEN q.readable = 0 OR q.status NOT IN ${sqlIn(OPEN_STATUSES)} THEN 5
  WHEN q.deadline IS NOT NULL AND q.deadline < ?4 THEN 0
  WHEN q.deadline IS NOT NULL AND q.deadline <= ?5 THEN 1
  WHEN q.status IN ${sqlIn(AWAITING_ACCEPTANCE)} THEN 2
  WHEN q.deadline IS NOT NULL AND q.deadline <= ?6 THEN 3
  ELSE 4 END`;

/**
 * Narrows the queue (every field optional). The village, category, clock and words in the subject
 * match only cases the viewer reads, and words only a subject stored in plain text (a committee
 * case's subject is sealed: never searched); a case number matches any case the queue lists.
 */
export interface QueueFilter {
  villageId?: string;
  categoryId?: string;
  clock?: 'overdue' | 'due_soon' | 'in_time';
  /** A LIKE pattern over the subject (already escaped with \\). */
  words?: string;
  /** A LIKE pattern over the case number (already escaped with \\). */
  number?: string;
}

/** How an open case stands against the deadline that applies now (its own, or the committee's acceptance deadline): ?4 now, ?6 the end of "due soon". */
const CLOCK = `(SELECT CASE WHEN d IS NOT NULL AND d < ?4 THEN 'overdue' WHEN d IS NOT NULL AND d <= ?6 THEN 'due_soon' ELSE 'in_time' END
  FROM (SELECT COALESCE(${DEADLINE}, CASE WHEN c.discipline = 1 THEN c.committee_due_at END) AS d))`;

/** The filter's conditions over `c`, its values ?9 to ?13. */
const FILTERED = `(?9 IS NULL OR (${READABLE} AND c.village_id = ?9))
  AND (?10 IS NULL OR (${READABLE} AND c.category_id = ?10))
  AND (?11 IS NULL OR (${READABLE} AND c.status IN ${sqlIn(OPEN_STATUSES)} AND ${CLOCK} = ?11))
  AND ((?12 IS NULL AND ?13 IS NULL)
    OR (?13 IS NOT NULL AND c.case_number LIKE ?13 ESCAPE '\\')
    OR (?12 IS NOT NULL AND ${READABLE} AND c.discipline = 0 AND c.subject LIKE ?12 ESCAPE '\\'))`;

const filterParams = (f: QueueFilter) => [f.villageId ?? null, f.categoryId ?? null, f.clock ?? null, f.words ?? null, f.number ?? null] as const;

export interface QueueClock {
  now: string;
  endOfToday: string;
  dueSoon: string;
}

/**
 * One page of the cases the viewer may see, most urgent first (then the earliest deadline, then
 * the oldest), sorted and cut by the database so any number of cases can be paged through; the
 * content only where the viewer may read it. Also the number of cases in the section.
 */
export async function listQueue(
  db: D1Database,
  viewer: Viewer,
  section: QueueSection,
  clock: QueueClock,
  page: { limit: number; offset: number },
  filter: QueueFilter = {},
): Promise<{ rows: QueueRow[]; total: number }> {
  const where = `${VISIBLE} AND ${SECTION_FILTER[section]} AND ${FILTERED}`;
  const params = [...viewerParams(viewer), clock.now, clock.endOfToday, clock.dueSoon];
  const [list, count] = await db.batch([
    db
      .prepare(
        `SELECT q.case_number, q.readable, q.created_at,
           CASE WHEN q.readable THEN q.village_id END AS village_id,
           CASE WHEN q.readable THEN q.category_id END AS category_id,
           CASE WHEN q.readable THEN q.subject END AS subject,
           CASE WHEN q.readable THEN q.status END AS status,
           CASE WHEN q.readable THEN q.channel END AS channel,
           CASE WHEN q.readable THEN q.accept_due_at END AS accept_due_at,
           CASE WHEN q.readable THEN q.due_at END AS due_at,
           CASE WHEN q.readable THEN q.discipline END AS discipline,
           CASE WHEN q.readable THEN k.committee_wrap END AS committee_wrap,
           CASE WHEN q.readable THEN q.anonymous END AS anonymous,
           CASE WHEN q.readable THEN q.committee_due_at END AS committee_due_at,
           CASE WHEN q.readable THEN q.notice_kind END AS notice_kind,
           CASE WHEN q.readable THEN q.notice_due_at END AS notice_due_at,
           CASE WHEN q.readable THEN q.status IN ${sqlIn(OPEN_STATUSES)} AND EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = q.id AND e.kind = '${TO_TOWN}') END AS to_town,
           CASE WHEN NOT q.readable THEN q.discipline AND NOT (?1 = 'liaison' AND q.kept_from_village IS NOT NULL) END AS away_discipline
         FROM (SELECT c.*, ${READABLE} AS readable, CASE WHEN ${READABLE} THEN ${DEADLINE} END AS deadline FROM cases c WHERE ${where}) q
           LEFT JOIN case_keys k ON k.case_id = q.id
         ORDER BY ${RANK}, q.deadline IS NULL, q.deadline, q.created_at, q.id
         LIMIT ?7 OFFSET ?8`,
      )
      .bind(...params, page.limit, page.offset, ...filterParams(filter)),
    db.prepare(`SELECT count(*) AS n FROM cases c WHERE ${where}`).bind(...params, page.limit, page.offset, ...filterParams(filter)),
  ]);
  const rows = (list!.results as (Omit<QueueRow, 'status'> & { status: string | null })[]).map((r) => ({ ...r, status: r.status === null ? null : parseStatus(r.status) }));
  return { rows, total: (count!.results[0] as { n: number }).n };
}

export interface ScopeRow {
  id: number;
  case_number: string;
  village_id: string;
  discipline: number;
  created_by: number | null;
  escalated_by: number | null;
  kept_from_village: string | null;
  /** The ids of the staff who declared a conflict on it, comma-separated (null: none). */
  declared_by: string | null;
}

/** Only what access decisions need: no content. */
export function findScope(db: D1Database, caseNumber: string): Promise<ScopeRow | null> {
  return db
    .prepare(
      `SELECT id, case_number, village_id, discipline, created_by, escalated_by, kept_from_village,
         (SELECT group_concat(staff_id) FROM conflict_declarations WHERE case_id = cases.id) AS declared_by
       FROM cases WHERE case_number = ?1`,
    )
    .bind(caseNumber)
    .first<ScopeRow>();
}


/** The whole case, if the viewer may read it. */
export async function findReadableCase(db: D1Database, viewer: Viewer, caseId: number): Promise<CaseRecord | null> {
  return caseRow(
    await db
      .prepare(`SELECT c.* FROM cases c WHERE c.id = ?4 AND ${READABLE}`)
      .bind(...viewerParams(viewer), caseId)
      .first<Stored<CaseRecord>>(),
  );
}

export interface StaffEventRow {
  id: number;
  kind: string;
  actor: string;
  actor_name: string | null;
  public_message: string | null;
  internal_note: string | null;
  created_at: string;
}

/** Every event of a case, internal notes included, if the viewer may read the case. */
export async function listEvents(db: D1Database, viewer: Viewer, caseId: number): Promise<StaffEventRow[]> {
  const { results } = await db
    .prepare(
      `SELECT e.seq AS id, e.kind, e.actor, u.display_name AS actor_name, e.public_message, e.internal_note, e.created_at
       FROM case_events e JOIN cases c ON c.id = e.case_id
       LEFT JOIN staff_users u ON e.actor = 'staff:' || u.id
       WHERE e.case_id = ?4 AND ${READABLE} ORDER BY e.seq`,
    )
    .bind(...viewerParams(viewer), caseId)
    .all<StaffEventRow>();
  return results;
}

/** The workflow columns of a case after a move. */
export interface CaseUpdate {
  status: CaseStatus;
  discipline: boolean;
  acceptedAt: string | null;
  acceptDueAt: string | null;
  dueAt: string | null;
  timeLimitDays: number | null;
  closedAt: string | null;
  reopenCount: number;
  escalatedBy: number | null;
  notAcceptedReason: string | null;
  categoryId: string;
  assigneeId: number | null;
  committeeDueAt: string | null;
  disposal: string | null;
  noticeKind: string | null;
  noticeDueAt: string | null;
}

export interface MoveEvent {
  kind: string;
  actor: string;
  /** Null when a committee move left out its message to the resident. */
  publicMessage: string | null;
  internalNote: string | null;
  at: string;
  /** Structured details the statistics fold (time limit, corrected category, assignee, reason). */
  data?: Record<string, string | number | null> | null;
}

/** `afterFeedback`: the move applies only if that feedback row exists (a reopen asked for in it). */
function moveStatements(
  db: D1Database,
  caseId: number,
  version: number,
  u: CaseUpdate,
  e: MoveEvent,
  afterFeedback: { closing: number; at: string } | null = null,
  /** The move follows another of the same batch: it applies only if that one did (its event was written). */
  chained = false,
  /** Or a condition of its own (SQL on parameters ?20 on, given in `guardParams`). */
  condition: { sql: string; params: unknown[] } | null = null,
): D1PreparedStatement[] {
  const guard = afterFeedback
    ? `AND EXISTS (SELECT 1 FROM case_feedback WHERE case_id = ?1 AND closing = ?20 AND created_at = ?21)`
    : chained
      ? `AND changes() = 1`
      : condition
        ? `AND ${condition.sql}`
        : '';
  return [
    db
      .prepare(
        `UPDATE cases SET status = ?3, discipline = ?4, accepted_at = ?5, accept_due_at = ?6, due_at = ?7, time_limit_days = ?8,
           closed_at = ?9, reopen_count = ?10, escalated_by = ?11, not_accepted_reason = ?12, updated_at = ?13,
           category_id = ?14, assignee_id = ?15, committee_due_at = ?16, disposal = ?17, notice_kind = ?18, notice_due_at = ?19, version = version + 1
         WHERE id = ?1 AND version = ?2 ${guard}`,
      )
      .bind(
        caseId,
        version,
        u.status,
        u.discipline ? 1 : 0,
        u.acceptedAt,
        u.acceptDueAt,
        u.dueAt,
        u.timeLimitDays,
        u.closedAt,
        u.reopenCount,
        u.escalatedBy,
        u.notAcceptedReason,
        e.at,
        u.categoryId,
        u.assigneeId,
        u.committeeDueAt,
        u.disposal,
        u.noticeKind,
        u.noticeDueAt,
        ...(afterFeedback ? [afterFeedback.closing, afterFeedback.at] : []),
        ...(!afterFeedback && !chained && condition ? condition.params : []),
      ),
    // Written only if the update above applied (changes() = 1): a stale move leaves no trace.
    db
      .prepare(
        `INSERT INTO case_events (case_id, seq, kind, public_message, internal_note, actor, data, created_at)
         SELECT ?1, ${nextSeq('?1')}, ?2, ?3, ?4, ?5, ?6, ?7 WHERE changes() = 1`,
      )
      .bind(caseId, e.kind, e.publicMessage, e.internalNote, e.actor, e.data ? JSON.stringify(e.data) : null, e.at),
  ];
}

/**
 * Moves a case and logs the move, in one batch; false when the case changed since `version`
 * was read (someone else moved it first), in which case nothing is written.
 */
export async function applyMove(
  db: D1Database,
  caseId: number,
  version: number,
  update: CaseUpdate,
  event: MoveEvent,
  /** More statements of the same move (sealing a case that goes to the committee); guarded themselves. */
  extra: D1PreparedStatement[] = [],
): Promise<boolean> {
  const [updated] = await db.batch([...moveStatements(db, caseId, version, update, event), ...extra]);
  return updated!.meta.changes === 1;
}

/** The statements of `applyChain`'s moves, for a batch of several cases' chains (each guarded on its own). */
export function chainStatements(
  db: D1Database,
  caseId: number,
  version: number,
  moves: { update: CaseUpdate; event: MoveEvent }[],
  /** A condition on the first move (SQL on parameters ?20 on): the chain applies only if it holds. */
  condition: { sql: string; params: unknown[] } | null = null,
): D1PreparedStatement[] {
  return moves.flatMap((m, i) => moveStatements(db, caseId, version + i, m.update, m.event, null, i > 0, i === 0 ? condition : null));
}

/** The statements of a case's chain that applies only once a document's version was signed off (in the same batch). */
export function chainAfterSignOff(db: D1Database, caseId: number, version: number, moves: { update: CaseUpdate; event: MoveEvent }[], signOff: SignOff): D1PreparedStatement[] {
  return chainStatements(db, caseId, version, moves, { sql: signedOffGuard(20), params: signedOffParams(signOff) });
}

/**
 * Makes several moves on one case in one batch, in order, each applying only if the one before it
 * did (the first guarded by `version`), then `after` (statements guarded by `WHERE changes() = 1`
 * themselves, as each move's event is): a case that changed meanwhile is left as it was, with
 * nothing written. Whether the moves applied.
 */
export async function applyChain(db: D1Database, caseId: number, version: number, moves: { update: CaseUpdate; event: MoveEvent }[], after: D1PreparedStatement[] = []): Promise<boolean> {
  const statements = chainStatements(db, caseId, version, moves);
  const results = await db.batch([...statements, ...after]);
  return results.length > 0 && results[statements.length - 1]!.meta.changes === 1;
}

/**
 * Makes several moves in one batch, each guarded by its case's version as `applyMove` is; returns
 * how many applied (a case that changed meanwhile is left as it is, with no event).
 */
export async function applyMoves(db: D1Database, moves: { caseId: number; version: number; update: CaseUpdate; event: MoveEvent }[]): Promise<number> {
  if (moves.length === 0) return 0;
  const results = await db.batch(moves.flatMap((m) => moveStatements(db, m.caseId, m.version, m.update, m.event)));
  return results.filter((r, i) => i % 2 === 0 && r.meta.changes === 1).length;
}

/**
 * Records that a staff member opened (or was refused) a case. With `sameOpeningSince`, a read is
 * not recorded again when the member's last recorded read of the case is later than that time.
 */
export async function insertAccess(db: D1Database, caseId: number, staffId: number, outcome: 'read' | 'refused', at: string, sameOpeningSince?: string): Promise<void> {
  await db
    .prepare(
      `INSERT INTO case_access (case_id, staff_id, outcome, at) SELECT ?1, ?2, ?3, ?4
       WHERE ?5 IS NULL OR NOT EXISTS (SELECT 1 FROM case_access WHERE case_id = ?1 AND staff_id = ?2 AND outcome = 'read' AND at > ?5)`,
    )
    .bind(caseId, staffId, outcome, at, sameOpeningSince ?? null)
    .run();
}

export interface AccessRow {
  display_name: string;
  username: string;
  role: string;
  outcome: 'read' | 'refused' | 'sent_up';
  at: string;
}

/** Who opened a case, newest first. */
export async function listAccess(db: D1Database, caseId: number): Promise<AccessRow[]> {
  const { results } = await db
    .prepare(
      `SELECT u.display_name, u.username, u.role, a.outcome, a.at FROM case_access a JOIN staff_users u ON u.id = a.staff_id
       WHERE a.case_id = ?1 ORDER BY a.id DESC LIMIT 500`,
    )
    .bind(caseId)
    .all<AccessRow>();
  return results;
}

export interface FeedbackRow {
  closing: number;
  rating: string;
  comment: string | null;
  created_at: string;
}

/** The resident's feedback on each closing of a case. */
export async function listFeedback(db: D1Database, caseId: number): Promise<FeedbackRow[]> {
  const { results } = await db
    .prepare(`SELECT closing, rating, comment, created_at FROM case_feedback WHERE case_id = ?1 ORDER BY closing`)
    .bind(caseId)
    .all<FeedbackRow>();
  return results;
}

/**
 * Stores feedback on the current closing and, when the resident asks, reopens the case, all in
 * one batch; false when feedback on this closing exists already or the case moved meanwhile.
 */
export async function insertFeedback(
  db: D1Database,
  c: { id: number; version: number; closing: number },
  feedback: { rating: string; comment: string | null; at: string },
  reopen: { update: CaseUpdate; event: MoveEvent } | null,
): Promise<boolean> {
  const statements = [
    db
      .prepare(
        `INSERT INTO case_feedback (case_id, closing, rating, comment, created_at)
         SELECT ?1, ?2, ?3, ?4, ?5 WHERE (SELECT version FROM cases WHERE id = ?1) = ?6
         ON CONFLICT (case_id, closing) DO NOTHING`,
      )
      .bind(c.id, c.closing, feedback.rating, feedback.comment, feedback.at, c.version),
    // The rating also enters the event log (not shown to anyone as a message): the statistics fold it.
    db
      .prepare(`INSERT INTO case_events (case_id, seq, kind, actor, data, created_at) SELECT ?1, ${nextSeq('?1')}, 'feedback', 'resident', ?2, ?3 WHERE changes() = 1`)
      .bind(c.id, JSON.stringify({ rating: feedback.rating }), feedback.at),
  ];
  if (reopen) {
    // The reopen applies only with the feedback row this batch wrote.
    statements.push(...moveStatements(db, c.id, c.version, reopen.update, reopen.event, { closing: c.closing, at: feedback.at }));
  }
  const [inserted] = await db.batch(statements);
  return inserted!.meta.changes === 1;
}

export interface DeclarationRow {
  case_number: string;
  display_name: string;
  username: string;
  role: string;
  reason: string;
  note: string | null;
  at: string;
  /** The case's data key sealed to the committee (a committee case's note is sealed under it). */
  committee_wrap: string | null;
}

const DECLARATIONS = `SELECT c.case_number, u.display_name, u.username, d.role, d.reason, d.note, d.at, k.committee_wrap
  FROM conflict_declarations d JOIN cases c ON c.id = d.case_id JOIN staff_users u ON u.id = d.staff_id
  LEFT JOIN case_keys k ON k.case_id = c.id`;

/** The conflict declarations on one case, newest first. */
export async function listCaseDeclarations(db: D1Database, caseId: number): Promise<DeclarationRow[]> {
  const { results } = await db.prepare(`${DECLARATIONS} WHERE d.case_id = ?1 ORDER BY d.id DESC`).bind(caseId).all<DeclarationRow>();
  return results;
}

/**
 * The newest conflict declarations on the committee's cases (`committee`) or on the others; of a
 * case the viewer (`viewerId`) stepped aside from, only their own.
 */
export async function listDeclarations(db: D1Database, committee: boolean, viewerId: number, limit = 500): Promise<DeclarationRow[]> {
  const { results } = await db
    .prepare(
      `${DECLARATIONS} WHERE c.discipline = ?1
         AND (d.staff_id = ?3 OR NOT EXISTS (SELECT 1 FROM conflict_declarations mine WHERE mine.case_id = d.case_id AND mine.staff_id = ?3))
       ORDER BY d.id DESC LIMIT ?2`,
    )
    .bind(committee ? 1 : 0, limit, viewerId)
    .all<DeclarationRow>();
  return results;
}

/**
 * How many active accounts could still read the case if `staffId` stepped aside: town staff
 * (admin and handlers) for a town or village case, committee members for the committee's.
 */
export async function readersBesides(db: D1Database, caseId: number, staffId: number, committee: boolean): Promise<number> {
  const roles = committee ? `('discipline')` : `('admin', 'handler')`;
  const n = await db
    .prepare(
      `SELECT count(*) AS n FROM staff_users u WHERE u.active = 1 AND u.role IN ${roles} AND u.id != ?2
         AND NOT EXISTS (SELECT 1 FROM conflict_declarations d WHERE d.case_id = ?1 AND d.staff_id = u.id)`,
    )
    .bind(caseId, staffId)
    .first<number>('n');
  return n ?? 0;
}

export interface Declaration {
  caseId: number;
  /** The case's version when it was read: the declaration applies only to that state. */
  version: number;
  staffId: number;
  role: string;
  reason: string;
  note: string | null;
  at: string;
  /** A liaison officer's declaration keeps the case from the whole village from now on. */
  keepFromVillage: boolean;
  /** The assignee after it: cleared when it was someone who can no longer read the case. */
  assigneeId: number | null;
}

/**
 * Records a conflict declaration and its effects in one batch: the declaration, the case out of
 * the village's hands (for an officer of the village), the assignee cleared where needed, and an
 * event in the case's log (no message to the resident). False when the case moved meanwhile or
 * the viewer had declared already.
 */
export async function insertDeclaration(db: D1Database, d: Declaration): Promise<boolean> {
  const [updated] = await db.batch([
    db
      .prepare(
        `UPDATE cases SET version = version + 1, assignee_id = ?3,
           kept_from_village = CASE WHEN ?4 AND kept_from_village IS NULL THEN 'conflict' ELSE kept_from_village END,
           kept_at = CASE WHEN ?4 AND kept_from_village IS NULL THEN ?5 ELSE kept_at END
         WHERE id = ?1 AND version = ?2 AND NOT EXISTS (SELECT 1 FROM conflict_declarations WHERE case_id = ?1 AND staff_id = ?6)`,
      )
      .bind(d.caseId, d.version, d.assigneeId, d.keepFromVillage ? 1 : 0, d.at, d.staffId),
    db
      .prepare(`INSERT INTO conflict_declarations (case_id, staff_id, role, reason, note, at) SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE changes() = 1`)
      .bind(d.caseId, d.staffId, d.role, d.reason, d.note, d.at),
    db
      .prepare(`INSERT INTO case_events (case_id, seq, kind, actor, data, created_at) SELECT ?1, ${nextSeq('?1')}, 'conflict', ?2, json_object('role', ?3), ?4 WHERE changes() = 1`)
      .bind(d.caseId, `staff:${d.staffId}`, d.role, d.at),
  ]);
  return updated!.meta.changes === 1;
}

/** The statements that seal a case's conflict notes in place, for the batch that sends it to the committee. */
export function sealDeclarationStatements(db: D1Database, caseId: number, versionAfter: number, notes: { id: number; note: string }[]): D1PreparedStatement[] {
  return notes.map((n) =>
    db
      .prepare(`UPDATE conflict_declarations SET note = ?4 WHERE case_id = ?1 AND id = ?3 AND (SELECT version FROM cases WHERE id = ?1) = ?2`)
      .bind(caseId, versionAfter, n.id, n.note),
  );
}

/** A case's conflict notes still plain (for sealing them when it goes to the committee). */
export async function listPlainDeclarationNotes(db: D1Database, caseId: number): Promise<{ id: number; note: string }[]> {
  const { results } = await db
    .prepare(`SELECT id, note FROM conflict_declarations WHERE case_id = ?1 AND note IS NOT NULL AND note NOT LIKE 'qls_:%' ORDER BY id`)
    .bind(caseId)
    .all<{ id: number; note: string }>();
  return results;
}

/**
 * SQL for the statistics: the town's working-day table, the fold of each case's event log into
 * typed status spans (stat_spans), the aggregates a release is computed from, and the releases.
 *
 * The fold runs inside SQLite, over a bounded set of cases at a time: nothing here returns every
 * case or every event to the worker. Every aggregate reads only what happened before a cut-off,
 * so a release computed again later, or after a refold from scratch, comes out the same.
 */

import { AWAITING_ACCEPTANCE, CLOCKED, COMMITTEE_CLOSED, FINAL_STATUSES, OPEN_STATUSES } from '../cases/status.ts';
import type { CellCounts, HistogramCounts } from '../../core/stats/figures.ts';
import { sqlIn } from './sql.ts';

/** The event kinds that change a case's status. */
const STATUS_KINDS = [
  'submitted', 'accept', 'not_accept', 'resolve_at_once', 'set_time_limit', 'resolve', 'explain', 'escalate', 'close', 'reopen',
  // The committee's own moves (its notices change no status and are left out).
  'take_up', 'talk', 'verify', 'shelve', 'conclude', 'transfer', 'resume', 'object', 'add_evidence',
  // Passed up to the county commission (Art. 15).
  'sent_up',
];
/** The committee's disposals (Art. 17), counted by way in its quarterly release (Art. 18). */
export const DISPOSAL_KINDS = ['talk', 'verify', 'shelve', 'conclude', 'transfer'] as const;

/** Statuses in which someone still has to act. */
const OPEN = sqlIn(OPEN_STATUSES);
/** Statuses that run against a deadline. */
const RUNNING = sqlIn(CLOCKED);
/**
 * The closings the village tables count (办结): a village's or the town's. The committee's closings
 * (予以了结, 移送审查调查) of a case passed to it are counted once, town-wide by quarter and by way,
 * with its other disposals (committeeCounts); no rating is asked of them, so they are not in the
 * response rate's closings either.
 */
const CLOSINGS = sqlIn(FINAL_STATUSES.filter((s) => !COMMITTEE_CLOSED.includes(s)));
const AWAITING = sqlIn(AWAITING_ACCEPTANCE);
/**
 * Not spam in the period ending at ?2: a case staff marked "spam or abuse" leaves the figures of
 * every period whose cut-off is after the marking (released periods before it keep it).
 */
const REAL = `(spam_at IS NULL OR spam_at >= ?2)`;

/** The cut-off (24:00 town time of its last day, as a UTC ISO instant) of the period an instant column falls in, as SQL. */
function periodEnd(unit: 'month' | 'quarter' | 'year', column: string): string {
  const next =
    unit === 'month'
      ? `date(${column}, '+8 hours', 'start of month', '+1 month')`
      : unit === 'quarter'
        ? `date(${column}, '+8 hours', 'start of month', '+' || (3 - (CAST(strftime('%m', ${column}, '+8 hours') AS INTEGER) - 1) % 3) || ' months')`
        : `date(${column}, '+8 hours', 'start of year', '+1 year')`;
  return `strftime('%Y-%m-%dT%H:%M:%fZ', ${next}, '-8 hours')`;
}

/**
 * In its village's figures for the period the column's instant falls in: neither marked spam nor
 * kept from the village by that period's cut-off (so several periods read at once agree with each
 * alone). A case kept from its village's officers is counted town-wide by quarter only: in a
 * village's table it would tell them a case they cannot see exists.
 */
const villageIn = (unit: 'month' | 'quarter' | 'year', column: string) =>
  `(spam_at IS NULL OR spam_at >= ${periodEnd(unit, column)}) AND (kept_at IS NULL OR kept_at >= ${periodEnd(unit, column)})`;

/**
 * The spans of the cases chosen by `cases` (an SQL condition on `ev.case_id`), from their whole
 * event logs. ?2 is the JSON array of the categories routed to the discipline committee. An
 * accepted case runs against the time limit its category fixed from arrival (`fixed_due`, the
 * submitted event's dueAt: a question about a disclosure), until a reopen ends it.
 */
function foldSql(cases: string): string {
  return `
INSERT INTO stat_spans (case_id, event_id, status, from_at, to_at, next_move, deadline, clock_ended_at, village_id, category_id, cadre, close_days, rating, rated_at, spam_at, kept_at)
WITH m AS (
  -- One pass over the case's status events in the order of its own log (the key's order, so no
  -- sort; a case's moves are serialized by its version, so this is also their order in time).
  SELECT ev.case_id, ev.seq AS id, ev.kind, ev.created_at AS at, ev.data,
    LAG(ev.kind) OVER w AS prev_kind,
    LEAD(ev.kind) OVER w AS next_kind,
    LEAD(ev.created_at) OVER w AS to_at,
    -- The category in force: the latest one an event set (the submission, a correcting acceptance).
    MAX(CASE WHEN ev.kind IN ('submitted', 'accept') AND ev.data ->> '$.categoryId' IS NOT NULL THEN printf('%012d', ev.seq) || (ev.data ->> '$.categoryId') END) OVER w AS category_mark,
    -- Which closing a closing is: the first (0), or the one after the reopen (1).
    MAX(ev.kind = 'reopen') OVER w AS closing,
    -- When staff marked the case spam or abuse, if they did.
    MIN(CASE WHEN ev.kind = 'not_accept' AND ev.data ->> '$.reason' = 'spam' THEN ev.created_at END) OVER (PARTITION BY ev.case_id) AS spam_at,
    MAX(CASE WHEN ev.kind = 'submitted' THEN ev.data ->> '$.dueAt' END) OVER (PARTITION BY ev.case_id) AS fixed_due
  FROM case_events ev
  WHERE ${cases} AND ev.kind IN (${STATUS_KINDS.map((k) => `'${k}'`).join(', ')})
  WINDOW w AS (PARTITION BY ev.case_id ORDER BY ev.seq ROWS UNBOUNDED PRECEDING)
),
d AS (
  SELECT m.*, c.village_id, c.category_id AS category_now, c.created_at AS arrived_at, c.kept_at,
    CASE m.kind WHEN 'submitted' THEN COALESCE(m.data ->> '$.acceptDueAt', c.accept_due_at)
      WHEN 'reopen' THEN m.data ->> '$.acceptDueAt' WHEN 'set_time_limit' THEN m.data ->> '$.dueAt'
      WHEN 'accept' THEN CASE WHEN m.closing = 0 THEN m.fixed_due END END AS deadline
  FROM m JOIN cases c ON c.id = m.case_id
)
SELECT d.case_id, d.id,
  CASE d.kind WHEN 'submitted' THEN 'received' WHEN 'accept' THEN 'accepted' WHEN 'not_accept' THEN 'not_accepted'
    WHEN 'resolve_at_once' THEN 'resolved_at_once' WHEN 'set_time_limit' THEN 'in_progress' WHEN 'resolve' THEN 'resolved'
    WHEN 'explain' THEN 'explained' WHEN 'escalate' THEN 'escalated' WHEN 'reopen' THEN 'reopened'
    WHEN 'take_up' THEN 'taken_up' WHEN 'resume' THEN 'taken_up' WHEN 'talk' THEN 'talk_inquiry' WHEN 'verify' THEN 'preliminary_check'
    WHEN 'shelve' THEN 'shelved' WHEN 'conclude' THEN 'concluded' WHEN 'transfer' THEN 'transferred'
    WHEN 'object' THEN 'reopened' WHEN 'add_evidence' THEN 'reopened' WHEN 'sent_up' THEN 'sent_up'
    ELSE CASE WHEN d.prev_kind = 'explain' THEN 'closed_unresolved' ELSE 'closed' END END,
  d.at, d.to_at, d.next_kind, d.deadline,
  CASE WHEN d.deadline IS NOT NULL THEN min(coalesce(d.to_at, d.deadline), d.deadline) END,
  d.village_id,
  COALESCE(substr(d.category_mark, 13), d.category_now),
  d.category_now IN (SELECT value FROM json_each(?2)),
  CASE WHEN d.kind IN ('close', 'not_accept') THEN
    (SELECT ordinal FROM town_days WHERE date = date(d.at, '+8 hours')) - (SELECT ordinal FROM town_days WHERE date = date(d.arrived_at, '+8 hours')) END,
  f.rating, f.created_at, d.spam_at, d.kept_at
-- The resident's verdict on a closing: one per closing, in case_feedback.
FROM d LEFT JOIN case_feedback f ON d.kind IN ('close', 'not_accept') AND f.case_id = d.case_id AND f.closing = d.closing`;
}

export interface FoldState {
  foldedThrough: number;
  foldVersion: string;
  refoldCursor: number | null;
  refoldThrough: number | null;
  refoldVersion: string | null;
}

/** How far the fold has got; `pending`: some case has events the spans do not show yet. */
export async function foldState(db: D1Database): Promise<FoldState & { pending: boolean; lastCaseId: number }> {
  const row = await db
    .prepare(
      `SELECT folded_through, fold_version, refold_cursor, refold_through, refold_version,
         EXISTS (SELECT 1 FROM stats_pending) AS pending, (SELECT COALESCE(MAX(id), 0) FROM cases) AS last_case_id
       FROM stats_state WHERE id = 1`,
    )
    .first<{ folded_through: number; fold_version: string; refold_cursor: number | null; refold_through: number | null; refold_version: string | null; pending: number; last_case_id: number }>();
  return {
    foldedThrough: row!.folded_through,
    foldVersion: row!.fold_version,
    refoldCursor: row!.refold_cursor,
    refoldThrough: row!.refold_through,
    refoldVersion: row!.refold_version,
    pending: row!.pending === 1,
    lastCaseId: row!.last_case_id,
  };
}

/**
 * Starts a refold from scratch: the working-day table is written anew from `days`, and the cursor
 * set before the first case.
 */
export async function startRefold(db: D1Database, version: string, days: { date: string; working: boolean }[]): Promise<void> {
  let ordinal = 0;
  const rows = days.map((d) => [d.date, d.working ? 1 : 0, (ordinal += d.working ? 1 : 0)]);
  const insert = db.prepare(`INSERT INTO town_days (date, working, ordinal) SELECT value ->> '$[0]', value ->> '$[1]', value ->> '$[2]' FROM json_each(?1)`);
  const statements = [db.prepare(`DELETE FROM town_days`)];
  for (let i = 0; i < rows.length; i += 2000) statements.push(insert.bind(JSON.stringify(rows.slice(i, i + 2000))));
  statements.push(
    db.prepare(`UPDATE stats_state SET refold_cursor = 0, refold_through = 0, refold_version = ?1 WHERE id = 1`).bind(version),
  );
  await db.batch(statements);
}

/**
 * Refolds the cases with ids in (cursor, cursor + size] from scratch and moves the cursor, in one
 * transaction; when the cursor passes `lastCaseId` the refold is finished and becomes the fold.
 */
export async function refoldChunk(db: D1Database, state: FoldState, size: number, lastCaseId: number, cadreCategories: string[]): Promise<boolean> {
  const from = state.refoldCursor!;
  const to = from + size;
  const done = to >= lastCaseId;
  await db.batch([
    db.prepare(`DELETE FROM stat_spans WHERE case_id > ?1 AND case_id <= ?2`).bind(from, to),
    db.prepare(foldSql('ev.case_id > ?3 AND ev.case_id <= ?4')).bind(null, JSON.stringify(cadreCategories), from, to),
    db.prepare(`DELETE FROM stats_pending WHERE case_id > ?1 AND case_id <= ?2`).bind(from, to),
    done
      ? db
          .prepare(`UPDATE stats_state SET folded_through = refold_through, fold_version = refold_version, refold_cursor = NULL, refold_through = NULL, refold_version = NULL WHERE id = 1`)
      : db.prepare(`UPDATE stats_state SET refold_cursor = ?1 WHERE id = 1`).bind(to),
  ]);
  return done;
}

/**
 * Folds again, each from its own log, the cases with ids in (fromCase, toCase] that have new events
 * (stats_pending, which the database fills on every event), and clears their marks: one transaction.
 */
export async function catchUp(db: D1Database, fromCase: number, toCase: number, cadreCategories: string[]): Promise<void> {
  const pending = `SELECT case_id FROM stats_pending WHERE case_id > ?3 AND case_id <= ?4`;
  await db.batch([
    db.prepare(`DELETE FROM stat_spans WHERE case_id IN (${pending.replace('?3', '?1').replace('?4', '?2')})`).bind(fromCase, toCase),
    db.prepare(foldSql(`ev.case_id IN (${pending})`)).bind(null, JSON.stringify(cadreCategories), fromCase, toCase),
    db.prepare(`DELETE FROM stats_pending WHERE case_id > ?1 AND case_id <= ?2`).bind(fromCase, toCase),
  ]);
}

/** The counts of one village and category in a period (core/stats/figures.ts), with the period. */
export type CellRow = CellCounts & { period: string };
export type HistogramRow = HistogramCounts & { period: string };

/** The period (in town time, UTC+8) an instant column falls in, as SQL. */
function periodKey(unit: 'month' | 'quarter' | 'year', column: string): string {
  const year = `strftime('%Y', ${column}, '+8 hours')`;
  if (unit === 'month') return `strftime('%Y-%m', ${column}, '+8 hours')`;
  if (unit === 'quarter') return `${year} || '-Q' || ((CAST(strftime('%m', ${column}, '+8 hours') AS INTEGER) + 2) / 3)`;
  return year;
}

/**
 * The counts of every period of `unit` in [from, to), for every village and category, over
 * ordinary cases (not reports about cadres), and the histograms of working days to close. Each
 * span counts in the period of its start (what began: received, resolved at once, explained, not
 * accepted, closed), of its deadline's end (acceptances and time limits met or run out) and of
 * its verdict (satisfaction), each read through its own index.
 */
export async function periodCells(db: D1Database, unit: 'month' | 'quarter' | 'year', from: string, to: string): Promise<{ cells: CellRow[]; histogram: HistogramRow[] }> {
  const none = (n: number) => Array.from({ length: n }, () => '0').join(', ');
  const [cells, histogram] = await db.batch<CellRow | HistogramRow>([
    db
      .prepare(
        `WITH f AS (
           SELECT ${periodKey(unit, 'from_at')} AS period, village_id, category_id,
             status = 'received' AS received, status = 'resolved_at_once' AS resolvedAtOnce, status = 'explained' AS explained,
             status = 'not_accepted' AS notAccepted, status = 'closed_unresolved' AS closedNotResolved, status IN ${CLOSINGS} AS closed,
             0 AS acceptanceDue, 0 AS acceptedOnTime, 0 AS timeLimitEnded, 0 AS resolvedWithinLimit, 0 AS answered, 0 AS satisfied
           FROM stat_spans WHERE from_at >= ?1 AND from_at < ?2 AND cadre = 0 AND ${villageIn(unit, 'from_at')}
           UNION ALL
           SELECT ${periodKey(unit, 'clock_ended_at')}, village_id, category_id, ${none(6)},
             status IN ${AWAITING},
             status IN ${AWAITING} AND to_at IS NOT NULL AND to_at <= deadline,
             (status = 'in_progress' AND NOT (IFNULL(next_move, '') = 'escalate' AND to_at <= deadline))
               OR (status = 'accepted' AND NOT (IFNULL(next_move, '') IN ('escalate', 'set_time_limit') AND to_at <= deadline)),
             (status = 'in_progress' AND IFNULL(next_move, '') = 'resolve' AND to_at <= deadline)
               OR (status = 'accepted' AND IFNULL(next_move, '') = 'resolve_at_once' AND to_at <= deadline),
             0, 0
           FROM stat_spans WHERE clock_ended_at >= ?1 AND clock_ended_at < ?2 AND cadre = 0 AND ${villageIn(unit, 'clock_ended_at')}
           UNION ALL
           SELECT ${periodKey(unit, 'rated_at')}, village_id, category_id, ${none(10)}, 1, rating IN ('satisfied', 'basically_satisfied')
           FROM stat_spans WHERE rated_at >= ?1 AND rated_at < ?2 AND cadre = 0 AND ${villageIn(unit, 'rated_at')}
         )
         SELECT period, village_id, category_id,
           SUM(received) AS received, SUM(resolvedAtOnce) AS resolvedAtOnce, SUM(explained) AS explained, SUM(notAccepted) AS notAccepted,
           SUM(closedNotResolved) AS closedNotResolved, SUM(closed) AS closed,
           SUM(acceptanceDue) AS acceptanceDue, SUM(acceptedOnTime) AS acceptedOnTime, SUM(timeLimitEnded) AS timeLimitEnded,
           SUM(resolvedWithinLimit) AS resolvedWithinLimit, SUM(answered) AS answered, SUM(satisfied) AS satisfied
         FROM f GROUP BY period, village_id, category_id ORDER BY period, village_id, category_id`,
      )
      .bind(from, to),
    db
      .prepare(
        `SELECT ${periodKey(unit, 'from_at')} AS period, village_id, category_id, close_days AS days, count(*) AS n FROM stat_spans
         WHERE from_at >= ?1 AND from_at < ?2 AND cadre = 0 AND ${villageIn(unit, 'from_at')} AND status IN ${CLOSINGS} AND close_days IS NOT NULL
         GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      )
      .bind(from, to),
  ]);
  return { cells: cells!.results as CellRow[], histogram: histogram!.results as HistogramRow[] };
}

export interface CommitteeCounts {
  cadreReports: number;
  escalated: number;
  retaliation: number;
  keptFromVillage: number;
  conflictDeclarations: number;
  /** The committee's disposals in the period, by way. */
  disposals: Record<(typeof DISPOSAL_KINDS)[number], number>;
}

/**
 * What is counted town-wide only, in [from, to): reports about cadres and 打击报复 reports received
 * (`retaliationCategories`), ordinary cases passed to the committee, cases kept from their village's
 * officers (counted when they were kept), and conflicts of interest declared.
 */
export async function committeeCounts(db: D1Database, from: string, to: string, retaliationCategories: string[]): Promise<CommitteeCounts> {
  const [spans, kept, declared, disposed] = await db.batch<Record<string, number>>([
    db
      .prepare(
        `SELECT COALESCE(SUM(cadre = 1 AND status = 'received' AND category_id NOT IN (SELECT value FROM json_each(?3))), 0) AS cadreReports,
           COALESCE(SUM(cadre = 1 AND status = 'received' AND category_id IN (SELECT value FROM json_each(?3))), 0) AS retaliation,
           COALESCE(SUM(cadre = 0 AND status = 'escalated'), 0) AS escalated
         FROM stat_spans WHERE from_at >= ?1 AND from_at < ?2 AND ${REAL}`,
      )
      .bind(from, to, JSON.stringify(retaliationCategories)),
    db.prepare(`SELECT count(*) AS keptFromVillage FROM stat_spans WHERE status = 'received' AND kept_at >= ?1 AND kept_at < ?2 AND ${REAL}`).bind(from, to),
    db.prepare(`SELECT count(*) AS conflictDeclarations FROM conflict_declarations WHERE at >= ?1 AND at < ?2`).bind(from, to),
    db
      .prepare(
        `SELECT ${DISPOSAL_KINDS.map((k) => `COALESCE(SUM(kind = '${k}'), 0) AS ${k}`).join(', ')}
         FROM case_events WHERE kind IN ${sqlIn(DISPOSAL_KINDS)} AND created_at >= ?1 AND created_at < ?2`,
      )
      .bind(from, to),
  ]);
  const [a, b, c, d] = [spans!.results[0]!, kept!.results[0]!, declared!.results[0]!, disposed!.results[0]!];
  const disposals = Object.fromEntries(DISPOSAL_KINDS.map((k) => [k, d[k]!])) as CommitteeCounts['disposals'];
  return { cadreReports: a.cadreReports!, retaliation: a.retaliation!, escalated: a.escalated!, keptFromVillage: b.keptFromVillage!, conflictDeclarations: c.conflictDeclarations!, disposals };
}

/**
 * Ordinary cases open (not kept from their village by then: those are counted by quarter only),
 * and open past their deadline, at the instant `at` (a recent one: the
 * open-cases line is made for the latest day only). Open then: a span in an open status that
 * began by then and is still running, or that ended since, as the last span begun by then of a
 * case that has moved since.
 */
export async function openAt(db: D1Database, at: string): Promise<{ open: number; overdue: number }> {
  const row = await db
    .prepare(
      `SELECT COUNT(*) AS open, COALESCE(SUM(status IN ${RUNNING} AND deadline < ?1), 0) AS overdue FROM (
         SELECT status, deadline FROM stat_spans WHERE to_at IS NULL AND status IN ${OPEN} AND from_at <= ?1 AND cadre = 0 AND (spam_at IS NULL OR spam_at > ?1) AND (kept_at IS NULL OR kept_at > ?1)
         UNION ALL
         SELECT p.status, p.deadline FROM (SELECT DISTINCT case_id FROM stat_spans WHERE from_at > ?1) moved
           JOIN stat_spans p ON p.case_id = moved.case_id
             AND p.event_id = (SELECT MAX(event_id) FROM stat_spans WHERE case_id = moved.case_id AND from_at <= ?1)
         WHERE p.status IN ${OPEN} AND p.to_at > ?1 AND p.cadre = 0 AND (p.spam_at IS NULL OR p.spam_at > ?1) AND (p.kept_at IS NULL OR p.kept_at > ?1)
       )`,
    )
    .bind(at)
    .first<{ open: number; overdue: number }>();
  return row!;
}

/** When the first case arrived (null before any). */
export function firstArrival(db: D1Database): Promise<string | null> {
  return db.prepare(`SELECT MIN(from_at) AS at FROM stat_spans WHERE status = 'received'`).first<string | null>('at');
}

/**
 * Record-form entries per village and focus written in [from, to). Counted by when they were
 * written, not the day they describe: an entry written late still counts, once, in the period it
 * was written, and a released period never changes.
 */
export async function recordCounts(db: D1Database, from: string, to: string): Promise<{ village_id: string; focus: string; n: number }[]> {
  const { results } = await db
    .prepare(
      `SELECT village_id, focus, count(*) AS n FROM record_entries WHERE created_at >= ?1 AND created_at < ?2
       GROUP BY village_id, focus ORDER BY village_id, focus`,
    )
    .bind(from, to)
    .all<{ village_id: string; focus: string; n: number }>();
  return results;
}

/** When the first record-form entry was written (null before any). */
export function firstRecordWritten(db: D1Database): Promise<string | null> {
  return db.prepare(`SELECT MIN(created_at) AS at FROM record_entries`).first<string | null>('at');
}

export type ReleaseKind = 'tables' | 'cadre' | 'open' | 'records';

export interface ReleaseRow {
  kind: ReleaseKind;
  period: string;
  cutoff: string;
  released_on: string;
  body: string;
}

/** The periods of a kind that have their release. */
export async function releasedPeriods(db: D1Database, kind: ReleaseKind): Promise<Set<string>> {
  const rows = await db.prepare(`SELECT period FROM stats_releases WHERE kind = ?1`).bind(kind).raw<[string]>();
  return new Set(rows.map((r) => r[0]));
}

/** Stores a release; a period that has one keeps it. */
export async function insertRelease(db: D1Database, r: ReleaseRow): Promise<void> {
  await db
    .prepare(`INSERT INTO stats_releases (kind, period, cutoff, released_on, body) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (kind, period) DO NOTHING`)
    .bind(r.kind, r.period, r.cutoff, r.released_on, r.body)
    .run();
}

/** Every release of the tables, record-form counts and committee counts, oldest first, and the latest open-cases line. */
export async function publishedReleases(db: D1Database): Promise<ReleaseRow[]> {
  const { results } = await db
    .prepare(
      `SELECT kind, period, cutoff, released_on, body FROM stats_releases
       WHERE kind IN ('tables', 'cadre', 'records') OR (kind = 'open' AND period = (SELECT MAX(period) FROM stats_releases WHERE kind = 'open'))
       ORDER BY kind, period`,
    )
    .all<ReleaseRow>();
  return results;
}

/** One release. */
export function findRelease(db: D1Database, kind: ReleaseKind, period: string): Promise<ReleaseRow | null> {
  return db.prepare(`SELECT kind, period, cutoff, released_on, body FROM stats_releases WHERE kind = ?1 AND period = ?2`).bind(kind, period).first<ReleaseRow>();
}

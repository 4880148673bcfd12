/** SQL for anonymized case outcomes. */
import type { PublishedRequest } from '../cases/open311.ts';
import type { OutcomeResult } from '../cases/outcome.ts';

export interface OutcomeRow {
  id: number;
  case_number: string;
  village_id: string;
  category_id: string;
  kind: 'outcome' | 'case_notice';
  result: OutcomeResult;
  problem: string;
  action: string;
  outcome_text: string;
  working_days: number;
  locale: string;
  published_at: string;
  withdrawn_at: string | null;
  /**
   * The town date (YYYY-MM-DD) the resident had the case reopened after this outcome was
   * published, or null: the outcome then no longer tells how the case ended.
   */
  reopened_on: string | null;
  /**
   * The resident's rating of the closing this outcome tells (an ordinary case's only), from the
   * next statistics release after it was given, as the reopen mark; null until then or when none.
   */
  rating: 'satisfied' | 'basically_satisfied' | 'dissatisfied' | null;
}

/**
 * A reopen after the outcome was published makes it an outcome of an earlier closing: a resident's
 * reopen of an ordinary case, or a reporter's objection or new evidence that brings a committee
 * case back to be taken up. Read from the event log as of the latest statistics release's cut-off
 * (its last town day), so the mark appears with the next release after the reopen, never before
 * (an objection or new evidence: the next release of the tables, `RELEASED_TO`). Only the day is
 * taken: the time of day of a resident's act is not public (nor stored: a reopen after the
 * publication is one later in the case's own log than the last event then, published_seq). A
 * committee notice gives not even the day, but its own publication day: when an objection or new
 * evidence arrived is the committee's alone (nor does an outcome whose case went to the committee
 * since give that day: only a resident's reopen dates it).
 */
const REOPENS = `e.case_id = o.case_id AND e.kind IN ('reopen', 'object', 'add_evidence')`;
const AFTER_PUBLICATION = `${REOPENS} AND e.seq > coalesce(o.published_seq, 0) AND e.created_at >= strftime('%Y-%m-%dT%H:%M:%S.000Z', date(o.published_at, '+8 hours'), '-8 hours')`;
/**
 * The last day the releases cover. A resident's reopen, whose day the outcome gives anyway, waits
 * for the next release of any kind (the town-wide open line is released every day). An objection
 * or new evidence, whose day is not public, waits for the next release of the tables (a month or a
 * quarter): were it the daily line's, a mark appearing overnight would give its day to whoever
 * reads the notice every morning.
 */
const RELEASED_TO = `CASE WHEN o.kind = 'outcome' AND e.kind = 'reopen' THEN (SELECT MAX(r.cutoff) FROM stats_releases r)
    ELSE (SELECT MAX(r.cutoff) FROM stats_releases r WHERE r.kind = 'tables') END`;
const REOPENED_ON = `(SELECT CASE WHEN o.kind = 'case_notice' THEN date(o.published_at, '+8 hours')
    ELSE coalesce(date(MAX(CASE WHEN e.kind = 'reopen' THEN e.created_at END), '+8 hours'), date(o.published_at, '+8 hours')) END
  FROM case_events e WHERE ${AFTER_PUBLICATION} AND date(e.created_at, '+8 hours') <= ${RELEASED_TO} HAVING count(*) > 0)`;

/** The same for staff, at once: the console offers to publish over an outcome the moment its case is reopened. */
const REOPENED_ON_NOW = `(SELECT date(MAX(e.created_at), '+8 hours') FROM case_events e WHERE ${AFTER_PUBLICATION})`;

/**
 * The rating of the closing the outcome was published on (the reopens before its publication
 * number it), given on a day the latest release covers: like the reopen mark, it appears with the
 * next release, so the page never tells when the resident rated. A committee notice shows none.
 */
const RATING = `(SELECT f.rating FROM case_feedback f WHERE o.kind = 'outcome' AND f.case_id = o.case_id
  AND f.closing = (SELECT count(*) FROM case_events e WHERE e.case_id = o.case_id AND e.kind = 'reopen' AND e.seq <= coalesce(o.published_seq, 0))
  AND date(f.created_at, '+8 hours') <= (SELECT MAX(r.cutoff) FROM stats_releases r))`;

const columns = (reopenedOn: string) =>
  `o.id, o.case_number, o.village_id, o.category_id, o.kind, o.result, o.problem, o.action, o.outcome_text, o.working_days, o.locale, o.published_at, o.withdrawn_at, ${reopenedOn} AS reopened_on, ${RATING} AS rating`;
const COLUMNS = columns(REOPENED_ON);

export interface NewOutcome {
  caseId: number;
  caseNumber: string;
  villageId: string;
  categoryId: string;
  kind: OutcomeRow['kind'];
  result: OutcomeRow['result'];
  problem: string;
  action: string;
  outcomeText: string;
  workingDays: number;
  locale: string;
  publishedBy: number;
  publishedAt: string;
}

/** Publishes (or republishes, replacing a withdrawn one) the outcome of a case. */
export async function upsertOutcome(db: D1Database, o: NewOutcome): Promise<void> {
  await db
    .prepare(
      `INSERT INTO outcomes (case_id, case_number, village_id, category_id, kind, result, problem, action, outcome_text, working_days, locale, published_by, published_at, published_seq)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, (SELECT MAX(seq) FROM case_events WHERE case_id = ?1))
       ON CONFLICT (case_id) DO UPDATE SET kind = excluded.kind, result = excluded.result, problem = excluded.problem, action = excluded.action,
         outcome_text = excluded.outcome_text, working_days = excluded.working_days, locale = excluded.locale,
         published_by = excluded.published_by, published_at = excluded.published_at, published_seq = excluded.published_seq, withdrawn_by = NULL, withdrawn_at = NULL`,
    )
    .bind(o.caseId, o.caseNumber, o.villageId, o.categoryId, o.kind, o.result, o.problem, o.action, o.outcomeText, o.workingDays, o.locale, o.publishedBy, o.publishedAt)
    .run();
}

/** Withdraws a case's outcome; false when none is published. */
export async function withdrawOutcome(db: D1Database, caseId: number, by: number, at: string): Promise<boolean> {
  const result = await db
    .prepare(`UPDATE outcomes SET withdrawn_by = ?2, withdrawn_at = ?3 WHERE case_id = ?1 AND withdrawn_at IS NULL`)
    .bind(caseId, by, at)
    .run();
  return result.meta.changes === 1;
}

/** The outcome of a case, published or withdrawn, as staff see it (a reopen since marks it at once). */
export function findOutcomeOfCase(db: D1Database, caseId: number): Promise<OutcomeRow | null> {
  return db.prepare(`SELECT ${columns(REOPENED_ON_NOW)} FROM outcomes o WHERE o.case_id = ?1`).bind(caseId).first<OutcomeRow>();
}

export interface OutcomeFilter {
  villageId?: string;
  categoryId?: string;
  /** A result, or `reopened`: the outcomes whose case was reopened since (they match no result). */
  result?: string;
}

/** Published outcomes, newest first, optionally filtered. */
export async function listPublished(db: D1Database, filter: OutcomeFilter = {}, limit = 500): Promise<OutcomeRow[]> {
  const { results } = await db
    .prepare(
      `SELECT * FROM (SELECT ${COLUMNS} FROM outcomes o WHERE o.withdrawn_at IS NULL AND (?1 IS NULL OR o.village_id = ?1) AND (?2 IS NULL OR o.category_id = ?2))
       WHERE ?3 IS NULL OR (?3 = 'reopened' AND reopened_on IS NOT NULL) OR (result = ?3 AND reopened_on IS NULL)
       ORDER BY published_at DESC, id DESC LIMIT ?4`,
    )
    .bind(filter.villageId ?? null, filter.categoryId ?? null, filter.result ?? null, limit)
    .all<OutcomeRow>();
  return results;
}

/** One published outcome by its case number. */
export function findPublished(db: D1Database, caseNumber: string): Promise<OutcomeRow | null> {
  return db.prepare(`SELECT ${COLUMNS} FROM outcomes o WHERE o.case_number = ?1 AND o.withdrawn_at IS NULL`).bind(caseNumber).first<OutcomeRow>();
}

/** The day a published request counts as arrived: its case's, or a committee notice's publication. */
const ARRIVAL = `(CASE WHEN o.kind = 'case_notice' THEN o.published_at ELSE c.created_at END)`;

/** A published outcome with the day its case arrived, for Open311. */
export type PublishedRequestRow = PublishedRequest;

/**
 * Published outcomes for Open311, newest first: by case numbers, or by categories, status (an
 * outcome whose case was reopened since is `open`, the others `closed`) and the range of the day
 * their case arrived. The range is compared with the start of that town day (all the public
 * knows of it), so no range can tell the time of day a case arrived. A committee case's notice
 * stands for its request on the day it was published: its arrival day is not public, neither
 * shown nor found by a range.
 */
export async function listPublishedRequests(
  db: D1Database,
  f: { ids: string[] | null; codes: string[] | null; statuses?: ('open' | 'closed')[]; from: string | null; to: string | null },
  limit = 1000,
): Promise<PublishedRequestRow[]> {
  const { results } = await db
    .prepare(
      `SELECT * FROM (
         SELECT o.id, o.case_number, o.village_id, o.category_id, o.kind, o.result, o.problem, o.outcome_text, o.published_at, ${REOPENED_ON} AS reopened_on,
           ${ARRIVAL} AS requested_at
         FROM outcomes o JOIN cases c ON c.id = o.case_id
         WHERE o.withdrawn_at IS NULL
           AND (?1 IS NULL OR o.case_number IN (SELECT value FROM json_each(?1)))
           AND (?2 IS NULL OR o.category_id IN (SELECT value FROM json_each(?2)))
           AND (?3 IS NULL OR strftime('%Y-%m-%dT%H:%M:%S.000Z', date(${ARRIVAL}, '+8 hours'), '-8 hours') >= ?3)
           AND (?4 IS NULL OR strftime('%Y-%m-%dT%H:%M:%S.000Z', date(${ARRIVAL}, '+8 hours'), '-8 hours') <= ?4))
       WHERE CASE WHEN reopened_on IS NULL THEN 'closed' ELSE 'open' END IN (SELECT value FROM json_each(?6))
       ORDER BY published_at DESC, id DESC LIMIT ?5`,
    )
    .bind(f.ids ? JSON.stringify(f.ids) : null, f.codes ? JSON.stringify(f.codes) : null, f.from, f.to, limit, JSON.stringify(f.statuses ?? ['open', 'closed']))
    .all<PublishedRequestRow>();
  return results;
}

/**
 * SQL for the liaison station performance record form. Every query that returns entries is scoped
 * by the viewer with the rules of worker/cases/record-form.ts: a liaison officer reads their own
 * village, the discipline role only entries reported to it, admin and handler every village.
 */
import type { Viewer } from '../cases/access.ts';
import type { EntryInput } from '../cases/record-form.ts';

/** 1 when the viewer (?1 role, ?2 village) may read the entry `r`. */
const READABLE = `(CASE ?1 WHEN 'liaison' THEN r.village_id = ?2 WHEN 'discipline' THEN r.reported = 1 ELSE 1 END)`;

export interface EntryRow {
  id: number;
  village_id: string;
  officer_id: number;
  officer_name: string;
  entry_date: string;
  focus: string;
  /** Null (with findings, actions, follow_up) where the entry became a discipline case the viewer may not read. */
  matter: string | null;
  findings: string | null;
  actions: string | null;
  reported: number;
  follow_up: string | null;
  reviewed_at: string | null;
  reviewer_name: string | null;
  review_comment: string | null;
  created_at: string;
  /** Only what the case access rules need to decide whether this viewer may know of the case. */
  case_number: string | null;
  case_village_id: string | null;
  case_discipline: number | null;
  case_created_by: number | null;
  case_escalated_by: number | null;
  /** 1 when the viewer declared a conflict of interest on the linked case. */
  case_declared: number;
  /** 1 when the linked case is kept from its village. */
  case_kept: number | null;
  /** The entry's data key sealed to the committee, for the discipline role only. */
  committee_wrap: string | null;
}

/** 1 when the viewer (?5 id) declared a conflict of interest on the entry's case: its words are out of their view too. */
const DECLARED = `EXISTS (SELECT 1 FROM conflict_declarations d WHERE d.case_id = r.case_id AND d.staff_id = ?5)`;

/**
 * An entry that reported a cadre to the committee carries the report's own words: only the
 * discipline role may read them (?1 is the viewer's role), like the case they became, and not a
 * member who stepped aside from that case.
 */
const TEXT = (column: string) => `CASE WHEN c.discipline = 1 AND (?1 != 'discipline' OR ${DECLARED}) THEN NULL ELSE r.${column} END AS ${column}`;

const SELECT = `SELECT r.id, r.village_id, r.officer_id, o.display_name AS officer_name, r.entry_date, r.focus, ${TEXT('matter')}, ${TEXT('findings')},
    ${TEXT('actions')}, r.reported, ${TEXT('follow_up')}, r.reviewed_at, v.display_name AS reviewer_name, r.review_comment, r.created_at,
    c.case_number, c.village_id AS case_village_id, c.discipline AS case_discipline, c.created_by AS case_created_by,
    c.escalated_by AS case_escalated_by, ${DECLARED} AS case_declared, c.kept_from_village IS NOT NULL AS case_kept,
    CASE WHEN ?1 = 'discipline' AND NOT ${DECLARED} THEN r.committee_wrap END AS committee_wrap
  FROM record_entries r
  JOIN staff_users o ON o.id = r.officer_id
  LEFT JOIN staff_users v ON v.id = r.reviewed_by
  LEFT JOIN cases c ON c.id = r.case_id`;

export interface EntryFilter {
  /** YYYY-MM */
  month?: string;
  villageId?: string;
}

/** The entries the viewer may read, oldest first (the order of the paper form). */
export async function listEntries(db: D1Database, viewer: Viewer, filter: EntryFilter): Promise<EntryRow[]> {
  const { results } = await db
    .prepare(
      `${SELECT} WHERE ${READABLE} AND (?3 IS NULL OR substr(r.entry_date, 1, 7) = ?3) AND (?4 IS NULL OR r.village_id = ?4)
       ORDER BY r.village_id, r.entry_date, r.id LIMIT 1000`,
    )
    .bind(viewer.role, viewer.villageId, filter.month ?? null, filter.villageId ?? null, viewer.id)
    .all<EntryRow>();
  return results;
}

/** One entry, if the viewer may read it. */
export function findEntry(db: D1Database, viewer: Viewer, id: number): Promise<EntryRow | null> {
  return db.prepare(`${SELECT} WHERE r.id = ?3 AND ${READABLE}`).bind(viewer.role, viewer.villageId, id, null, viewer.id).first<EntryRow>();
}

export interface NewEntry extends Omit<EntryInput, 'caseAction' | 'caseNumber'> {
  villageId: string;
  officerId: number;
  caseId: number | null;
  committeeKeyId: number | null;
  committeeWrap: string | null;
  createdAt: string;
}

/**
 * Stores an entry; a retried form (same client id, same officer) gives back the entry stored the
 * first time. Null when the client id belongs to another officer's entry.
 */
export async function insertEntry(db: D1Database, e: NewEntry): Promise<number | null> {
  const [, found] = await db.batch<{ id: number }>([
    db
      .prepare(
        `INSERT INTO record_entries (client_id, village_id, officer_id, entry_date, focus, matter, findings, actions, reported, follow_up, case_id,
           committee_key_id, committee_wrap, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) ON CONFLICT (client_id) DO NOTHING`,
      )
      .bind(e.clientId, e.villageId, e.officerId, e.date, e.focus, e.matter, e.findings, e.actions, e.reported ? 1 : 0, e.followUp, e.caseId,
        e.committeeKeyId, e.committeeWrap, e.createdAt),
    db.prepare(`SELECT id FROM record_entries WHERE client_id = ?1 AND officer_id = ?2`).bind(e.clientId, e.officerId),
  ]);
  return found!.results[0]?.id ?? null;
}

/** Marks an entry reviewed (again, if it was: the latest review stands); false when there is no such entry. */
export async function reviewEntry(db: D1Database, id: number, reviewerId: number, comment: string | null, at: string): Promise<boolean> {
  const result = await db
    .prepare(`UPDATE record_entries SET reviewed_by = ?2, reviewed_at = ?3, review_comment = ?4 WHERE id = ?1`)
    .bind(id, reviewerId, at, comment)
    .run();
  return result.meta.changes === 1;
}

/** Entries per village whose day lies in [fromDate, toDate) (town dates), for the sheet and the assessment. */
export async function countEntriesBetween(db: D1Database, fromDate: string, toDate: string): Promise<Record<string, number>> {
  const { results } = await db
    .prepare(`SELECT village_id, count(*) AS n FROM record_entries WHERE entry_date >= ?1 AND entry_date < ?2 GROUP BY village_id`)
    .bind(fromDate, toDate)
    .all<{ village_id: string; n: number }>();
  return Object.fromEntries(results.map((r) => [r.village_id, r.n]));
}

/** SQL for the weekly sheets, monthly notices and quarterly assessments. */
import type { CaseStatus } from '../cases/status.ts';
import { withStatus, type Stored } from './sql.ts';

export interface CaseClockRow {
  case_number: string;
  village_id: string;
  status: CaseStatus;
  discipline: number;
  created_at: string;
  accept_due_at: string | null;
  due_at: string | null;
}

/**
 * Every case the weekly sheet lists, with what it needs (its clock, not its content): not the
 * committee's, and not those kept from their village's officers (the sheet goes to the meeting,
 * where a village's row would tell its officers that a case they cannot see exists).
 */
export async function listCaseClocks(db: D1Database): Promise<CaseClockRow[]> {
  const { results } = await db
    .prepare(`SELECT case_number, village_id, status, discipline, created_at, accept_due_at, due_at FROM cases WHERE discipline = 0 AND kept_from_village IS NULL`)
    .all<Stored<CaseClockRow>>();
  return results.map(withStatus);
}

/**
 * Escalations staff made in [from, to), per village. A cadre report's own passing to the committee
 * (by the system, when it arrives) is not counted: that would tell the meeting its village; nor is a
 * case kept from its village.
 */
export async function escalationsBetween(db: D1Database, from: string, to: string): Promise<Record<string, number>> {
  const { results } = await db
    .prepare(
      `SELECT c.village_id, count(*) AS n FROM case_events e JOIN cases c ON c.id = e.case_id
       WHERE e.kind = 'escalate' AND e.actor != 'system' AND e.created_at >= ?1 AND e.created_at < ?2 AND c.kept_from_village IS NULL GROUP BY c.village_id`,
    )
    .bind(from, to)
    .all<{ village_id: string; n: number }>();
  return Object.fromEntries(results.map((r) => [r.village_id, r.n]));
}

/** Stores a weekly sheet; `replace` for an on-demand regeneration, else the first one stays. */
export async function saveWeeklySheet(db: D1Database, week: string, at: string, body: string, replace: boolean): Promise<void> {
  const conflict = replace ? 'DO UPDATE SET generated_at = excluded.generated_at, body = excluded.body' : 'DO NOTHING';
  await db.prepare(`INSERT INTO weekly_sheets (week, generated_at, body) VALUES (?1, ?2, ?3) ON CONFLICT (week) ${conflict}`).bind(week, at, body).run();
}

/** The weeks that have a sheet, newest first. */
export async function listWeeks(db: D1Database): Promise<{ week: string; generated_at: string }[]> {
  const { results } = await db.prepare(`SELECT week, generated_at FROM weekly_sheets ORDER BY week DESC LIMIT 60`).all<{ week: string; generated_at: string }>();
  return results;
}

/** One week's sheet. */
export function findWeeklySheet(db: D1Database, week: string): Promise<{ week: string; generated_at: string; body: string } | null> {
  return db.prepare(`SELECT week, generated_at, body FROM weekly_sheets WHERE week = ?1`).bind(week).first();
}

export interface NoticeRow {
  month: string;
  drafted_at: string;
  figures: string;
  commentary_zh: string;
  commentary_en: string | null;
  status: 'draft' | 'published';
  published_at: string | null;
}

/** Stores the draft notice of a month, unless there is one. */
export async function insertNoticeDraft(db: D1Database, month: string, at: string, figures: string): Promise<void> {
  await db.prepare(`INSERT INTO monthly_notices (month, drafted_at, figures) VALUES (?1, ?2, ?3) ON CONFLICT (month) DO NOTHING`).bind(month, at, figures).run();
}

/** Every notice (drafts included), newest first; `publishedOnly` for the portal. */
export async function listNotices(db: D1Database, publishedOnly: boolean): Promise<NoticeRow[]> {
  const { results } = await db
    .prepare(`SELECT * FROM monthly_notices WHERE (?1 = 0 OR status = 'published') ORDER BY month DESC LIMIT 120`)
    .bind(publishedOnly ? 1 : 0)
    .all<NoticeRow>();
  return results;
}

/** One notice; `publishedOnly` for the portal. */
export function findNotice(db: D1Database, month: string, publishedOnly: boolean): Promise<NoticeRow | null> {
  return db.prepare(`SELECT * FROM monthly_notices WHERE month = ?1 AND (?2 = 0 OR status = 'published')`).bind(month, publishedOnly ? 1 : 0).first<NoticeRow>();
}

/** Saves the admin's commentary and, with `publish`, publishes the notice. */
export async function updateNotice(
  db: D1Database,
  month: string,
  commentary: { zh: string; en: string | null },
  publish: { by: number; at: string } | null,
): Promise<boolean> {
  const result = await db
    .prepare(
      `UPDATE monthly_notices SET commentary_zh = ?2, commentary_en = ?3,
         status = CASE WHEN ?4 IS NULL THEN status ELSE 'published' END,
         published_by = COALESCE(published_by, ?4), published_at = COALESCE(published_at, ?5)
       WHERE month = ?1`,
    )
    .bind(month, commentary.zh, commentary.en, publish?.by ?? null, publish?.at ?? null)
    .run();
  return result.meta.changes === 1;
}

/** Stores a quarter's assessment with its plan, unless the quarter has one. */
export async function insertAssessment(db: D1Database, quarter: string, at: string, plan: string, body: string): Promise<void> {
  await db
    .prepare(`INSERT INTO quarterly_assessments (quarter, computed_at, plan, body) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (quarter) DO NOTHING`)
    .bind(quarter, at, plan, body)
    .run();
}

export interface AssessmentRow {
  quarter: string;
  computed_at: string;
  plan: string;
  body: string;
}

/** Every assessment, newest first. */
export async function listAssessments(db: D1Database): Promise<AssessmentRow[]> {
  const { results } = await db.prepare(`SELECT * FROM quarterly_assessments ORDER BY quarter DESC LIMIT 40`).all<AssessmentRow>();
  return results;
}

/** One quarter's assessment. */
export function findAssessment(db: D1Database, quarter: string): Promise<AssessmentRow | null> {
  return db.prepare(`SELECT * FROM quarterly_assessments WHERE quarter = ?1`).bind(quarter).first<AssessmentRow>();
}

/**
 * The town's rhythm: every Monday morning a scheduling sheet per village, after each month a
 * draft notification from the month's figures (the admin comments and publishes it), after each
 * quarter the assessment by the scoring plan. Run by the hourly cron, idempotently: a period
 * that has its record keeps it.
 */
import { town } from '../../content/index.ts';
import { assessmentPlan } from '../../content/workflow.ts';
import { storedMinute, townDate } from '../../core/clock.ts';
import type { CaseStatus } from '../cases/status.ts';
import { OPEN_STATUSES, currentDeadline, overdueAt } from '../cases/workflow.ts';
import * as db from '../db/rhythm.ts';
export type { NoticeRow } from '../db/rhythm.ts';
import { ok, refuse, type ResultWith } from '../cases/result.ts';
import { periodCells } from '../db/stats.ts';
import { releaseCalendar } from '../../content/releases.ts';
import { checkPublication, type PublicationCheck } from '../cases/publication-check.ts';
import { COMMENTARY_MAX } from '../cases/notice.ts';
import { charCount, plainText, unreadable } from '../cases/validation.ts';
import { assessQuarter, type AssessmentPlan, type VillageAssessment } from '../stats/assessment.ts';
import { groupCounts } from '../../core/stats/figures.ts';
import { monthOf, previousMonth, previousQuarter, quarterOf, quarterRange, startOfTownDate, weekOf, weekRange } from '../../core/stats/periods.ts';
import { releasedTables } from './stats.ts';
import { countEntriesBetween } from '../db/records.ts';
import { disclosurePunctuality, loadDisclosureInputs, overdueDisclosures } from './disclosures.ts';

export interface WeeklyVillageRow {
  villageId: string;
  received: number;
  open: number;
  dueThisWeek: number;
  overdue: { caseNumber: string; workingDaysOverdue: number }[];
  /** Cases passed to the discipline committee this week (a count: their content is the committee's). */
  escalated: number;
  recordEntries: number;
  /** Village-affairs disclosures overdue this Monday; null when the site's schedule was not readable. */
  lateDisclosures: { kind: string; period: string }[] | null;
}

export interface WeeklySheet {
  week: string;
  generatedAt: string;
  villages: WeeklyVillageRow[];
}

/** The scheduling sheet of the week starting on `monday`, as of `now`. */
export async function buildWeeklySheet(database: D1Database, monday: string, now: Date, assets?: Fetcher): Promise<WeeklySheet> {
  const [from, to] = weekRange(monday);
  const [cases, escalated, entries, disclosures] = await Promise.all([
    db.listCaseClocks(database),
    db.escalationsBetween(database, from, to),
    countRecordEntries(database, from, to),
    loadDisclosureInputs(assets, database),
  ]);
  const late = disclosures ? overdueDisclosures(disclosures, townDate(now)) : null;
  const villages = town.villages.map((v): WeeklyVillageRow => {
    // Discipline cases stay out of the sheet's lists: the meeting sees only how many were escalated.
    const mine = cases.filter((c) => c.village_id === v.id && !c.discipline);
    const clock = (c: db.CaseClockRow) => ({ status: c.status, acceptDueAt: c.accept_due_at, dueAt: c.due_at });
    return {
      villageId: v.id,
      received: mine.filter((c) => c.created_at >= from && c.created_at < to).length,
      open: mine.filter((c) => OPEN_STATUSES.includes(c.status)).length,
      dueThisWeek: mine.filter((c) => {
        const d = currentDeadline(clock(c));
        return d !== null && d >= from && d < to;
      }).length,
      overdue: mine
        .flatMap((c) => {
          const late = overdueAt(clock(c), now);
          return late ? [{ caseNumber: c.case_number, workingDaysOverdue: late.workingDays }] : [];
        })
        .sort((a, b) => b.workingDaysOverdue - a.workingDaysOverdue),
      escalated: escalated[v.id] ?? 0,
      recordEntries: entries[v.id] ?? 0,
      lateDisclosures: late ? (late[v.id] ?? []).map((label) => ({ kind: label.split(' ')[0]!, period: label.split(' ')[1]! })) : null,
    };
  });
  return { week: monday, generatedAt: storedMinute(now), villages };
}

/** Generates and stores a week's sheet; `replace` regenerates it on demand. */
export async function generateWeeklySheet(database: D1Database, monday: string, now: Date, replace: boolean, assets?: Fetcher): Promise<WeeklySheet> {
  const sheet = await buildWeeklySheet(database, monday, now, assets);
  await db.saveWeeklySheet(database, monday, sheet.generatedAt, JSON.stringify(sheet), replace);
  return sheet;
}

/** Record-form entries per village between two instants (entries are dated by town day). */
const countRecordEntries = (database: D1Database, from: string, to: string) =>
  countEntriesBetween(database, townDate(new Date(from)), townDate(new Date(to)));

/**
 * Drafts a month's notification with the month's figures exactly as the statistics released them
 * (the town, each village and each category, protected as one release). With tables released by
 * quarter, a month has no figures of its own and the notification has none. False when the
 * month's release is not made yet: the cron drafts it once it is.
 */
export async function draftMonthlyNotice(database: D1Database, month: string, now: Date): Promise<boolean> {
  const tables = releaseCalendar.tables === 'month' ? await releasedTables(database, month) : null;
  if (releaseCalendar.tables === 'month' && !tables) return false;
  await db.insertNoticeDraft(database, month, storedMinute(now), JSON.stringify(tables));
  return true;
}

/** Computes a quarter's assessment with the plan in force now, and keeps that plan with it. */
export async function assessQuarterOnce(
  database: D1Database,
  quarter: string,
  now: Date,
  plan: AssessmentPlan = assessmentPlan,
  assets?: Fetcher,
): Promise<void> {
  const range = quarterRange(quarter);
  const [entries, disclosures] = await Promise.all([countRecordEntries(database, range[0], range[1]), loadDisclosureInputs(assets, database)]);
  const lastDay = townDate(new Date(Date.parse(range[1]) - 1));
  const punctuality = disclosures ? disclosurePunctuality(disclosures, townDate(new Date(range[0])), lastDay, townDate(now)) : {};
  const extras = Object.fromEntries(town.villages.map((v) => [v.id, { recordEntries: entries[v.id] ?? 0, disclosurePunctuality: punctuality[v.id] ?? null }]));
  const villageIds = town.villages.map((v) => v.id);
  const { cells, histogram } = await periodCells(database, 'quarter', range[0], range[1]);
  const result = assessQuarter(villageIds, groupCounts(cells, histogram, villageIds, (c) => c.village_id), extras, plan);
  await db.insertAssessment(database, quarter, storedMinute(now), JSON.stringify(plan), JSON.stringify(result));
}

/** The sheet appears on Monday from 08:00 town time. */
const SHEET_HOUR_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What the hourly cron does for the rhythm: each period's record, once. Nothing is made from
 * missing inputs: the assessment waits while the statistics' fold is incomplete (`statsReady`
 * false) or, when its plan weighs disclosures, while the disclosure inputs cannot be read (a
 * published ranking never silently loses an indicator); the weekly sheet waits for them until
 * the end of Monday, and is then made saying they could not be read.
 */
export async function ensureRhythm(database: D1Database, now = new Date(), assets?: Fetcher, statsReady = true): Promise<void> {
  const monday = weekOf(now);
  const month = previousMonth(monthOf(now));
  const quarter = previousQuarter(quarterOf(now));
  // Each record is built only when its period has none: the cron runs hourly, the periods are long.
  const [sheet, notice, assessment, inputs] = await Promise.all([
    db.findWeeklySheet(database, monday),
    db.findNotice(database, month, false),
    db.findAssessment(database, quarter),
    loadDisclosureInputs(assets),
  ]);
  const sinceMonday = now.getTime() - startOfTownDate(monday).getTime();
  if (!sheet && sinceMonday >= SHEET_HOUR_MS && (inputs || sinceMonday >= DAY_MS)) await generateWeeklySheet(database, monday, now, false, assets);
  if (!notice) await draftMonthlyNotice(database, month, now);
  const needsDisclosures = assessmentPlan.indicators.some((i) => i.id === 'disclosurePunctuality' && i.weight > 0);
  if (!assessment && statsReady && (inputs || !needsDisclosures)) await assessQuarterOnce(database, quarter, now, assessmentPlan, assets);
}

export type CommentaryField = 'commentaryZh' | 'commentaryEn';

/**
 * Whether it was published; refused `invalid` with the draft to show again, and the personal-data
 * check's findings when that check refused it (null when the text itself could not be taken).
 */
export type SaveNotice = ResultWith<{ published: boolean }, { draft: db.NoticeRow; check: PublicationCheck<CommentaryField> | null }>;

/**
 * Saves the admin's commentary on a month's notice and, with `publish`, publishes it. What is or
 * becomes public (publishing, or editing a published notice) is checked for personal data first,
 * in both languages; when the check or the length refuses it, nothing is stored.
 */
export async function saveNotice(database: D1Database, notice: db.NoticeRow, fields: Record<string, unknown>, by: number, now = new Date()): Promise<SaveNotice> {
  const texts = { commentaryZh: plainText(fields.commentaryZh), commentaryEn: plainText(fields.commentaryEn) };
  const draft = { ...notice, commentary_zh: texts.commentaryZh, commentary_en: texts.commentaryEn };
  const unfit = unreadable(texts.commentaryZh) ?? unreadable(texts.commentaryEn);
  if (unfit) return { ...refuse('invalid', unfit), draft, check: null };
  if (charCount(texts.commentaryZh) > COMMENTARY_MAX || charCount(texts.commentaryEn) > COMMENTARY_MAX) return { ...refuse('invalid', 'rhythm.notice.tooLong', { params: { max: COMMENTARY_MAX } }), draft, check: null };
  const publish = fields.action === 'publish';
  if (publish || notice.status === 'published') {
    const check = checkPublication<CommentaryField>(texts, { name: null, phone: null }, fields);
    if (check) return { ...refuse('invalid', 'errors.summary'), draft, check };
  }
  await db.updateNotice(database, notice.month, { zh: texts.commentaryZh, en: texts.commentaryEn || null }, publish ? { by, at: storedMinute(now) } : null);
  return ok({ published: publish });
}

/** What the console's rhythm page lists: the weeks with a sheet, every notice, the assessed quarters. */
export async function rhythmOverview(database: D1Database): Promise<{ weeks: { week: string; generated_at: string }[]; notices: db.NoticeRow[]; quarters: string[] }> {
  const [weeks, notices, assessments] = await Promise.all([db.listWeeks(database), db.listNotices(database, false), db.listAssessments(database)]);
  return { weeks, notices, quarters: assessments.map((a) => a.quarter) };
}

/** The sheet generated for the week starting on `monday`, or null. */
export async function weeklySheetOf(database: D1Database, monday: string): Promise<WeeklySheet | null> {
  const row = await db.findWeeklySheet(database, monday);
  return row ? (JSON.parse(row.body) as WeeklySheet) : null;
}

/** A month's notice (only once published, with `publishedOnly`), or null. */
export function noticeOf(database: D1Database, month: string, publishedOnly: boolean): Promise<db.NoticeRow | null> {
  return db.findNotice(database, month, publishedOnly);
}

/** The published notices, newest first. */
export function publishedNotices(database: D1Database): Promise<db.NoticeRow[]> {
  return db.listNotices(database, true);
}

/** The quarters with an assessment. */
export async function assessedQuarters(database: D1Database): Promise<string[]> {
  return (await db.listAssessments(database)).map((a) => a.quarter);
}

/** A quarter's assessment with the plan it was computed under, or null. */
export async function assessmentOf(database: D1Database, quarter: string): Promise<{ plan: AssessmentPlan; results: VillageAssessment[] } | null> {
  const row = await db.findAssessment(database, quarter);
  return row ? { plan: JSON.parse(row.plan) as AssessmentPlan, results: JSON.parse(row.body) as VillageAssessment[] } : null;
}

/**
 * The public statistics on a release calendar (content/releases.json).
 *
 * The cron folds each case's new events into its status spans (only cases that had events since
 * the last run), then computes every release that is due and has none yet, with SQL aggregates,
 * and keeps it as published. Nothing runs on the request path or after an event: what the public
 * sees changes only when a release is made, and says the cut-off it covers.
 *
 * A change of the fold or of the working-day calendar starts a refold from scratch, in bounded
 * chunks of cases, resumed by the next cron run if one run ends first. Releases wait until it ends.
 */
import { town } from '../../content/index.ts';
import { releaseCalendar, type ReleaseCalendar } from '../../content/releases.ts';
import { calendar, isWorkingDay } from '../../content/workflow.ts';
import { FOCUSES, recordPeriod, type PublicRecordCounts, type RecordPeriod } from '../cases/record-form.ts';
import { sha256Hex } from '../cases/crypto.ts';
import * as db from '../db/stats.ts';
import {
  assemblePublicStats,
  buildPeriodTables,
  soleCell,
  type CommitteeRelease,
  type OpenRelease,
  type PeriodTables,
  type PublicStats,
} from '../../core/stats/figures.ts';
import { lastDateOf, latestReleased, periodOf, periodRange, periodsBetween, releaseDueAt, type PeriodUnit } from '../../core/stats/periods.ts';
import { townDate } from '../../core/clock.ts';

/** Bump when the fold (worker/db/stats.ts) changes: the next cron run refolds every case. */
// spans-4: the committee's own moves (受理, the four ways, 移送审查调查, objection) are status events, and so is sending a case up to the county (Art. 15).
// spans-5: an accepted case runs against a time limit its category fixes from arrival (a question about a disclosure).
const FOLD_VERSION = 'spans-5';
/** The years the working-day table covers. */
const FIRST_YEAR = 2020;
const LAST_YEAR = 2060;

const CADRE_CATEGORIES = town.categories.filter((c) => c.route === 'discipline').map((c) => c.id);
const RETALIATION_CATEGORIES = town.categories.filter((c) => c.retaliation).map((c) => c.id);

/** The fold's version: its own and the calendar's, so new holidays refold the working days. */
async function foldVersion(): Promise<string> {
  return `${FOLD_VERSION}:${(await sha256Hex(JSON.stringify(calendar.years))).slice(0, 16)}`;
}

function townDays(): { date: string; working: boolean }[] {
  const days: { date: string; working: boolean }[] = [];
  for (let t = Date.UTC(FIRST_YEAR, 0, 1); t < Date.UTC(LAST_YEAR + 1, 0, 1); t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    days.push({ date, working: isWorkingDay(date) });
  }
  return days;
}

export interface FoldOptions {
  /** Cases per refold chunk. */
  chunk?: number;
  /** Stop starting new chunks after this instant (ms since the epoch); the next run resumes. */
  deadline?: number;
  /** Stop after this many chunks; the next run resumes. */
  maxChunks?: number;
}

/** Case ids per catch-up statement: the new events of a few hundred thousand cases at most. */
const CATCH_UP_CASES = 200_000;

/**
 * Brings the spans up to date: resumes or starts a refold from scratch when one is needed, then
 * folds the cases that had events since. True when the spans are complete and current.
 */
export async function foldStatistics(database: D1Database, options: FoldOptions = {}): Promise<boolean> {
  const chunk = options.chunk ?? 20_000;
  const version = await foldVersion();
  let state = await db.foldState(database);
  if (state.foldVersion !== version && state.refoldCursor === null) {
    await db.startRefold(database, version, townDays());
    state = await db.foldState(database);
  }
  for (let chunks = 0; state.refoldCursor !== null; chunks++) {
    if (options.deadline !== undefined && Date.now() >= options.deadline) return false;
    if (options.maxChunks !== undefined && chunks >= options.maxChunks) return false;
    await db.refoldChunk(database, state, chunk, state.lastCaseId, CADRE_CATEGORIES);
    state = await db.foldState(database);
  }
  if (state.pending) {
    for (let from = 0; from < state.lastCaseId; from += CATCH_UP_CASES) await db.catchUp(database, from, from + CATCH_UP_CASES, CADRE_CATEGORIES);
  }
  return true;
}

/** A town date's end (24:00 town time) as a UTC ISO instant. */
const endOfTownDate = (date: string) => periodRange('day', date)[1];

type Cells = Awaited<ReturnType<typeof db.periodCells>>;

/**
 * A release's published body (JSON), computed from the spans: the same every time for a past
 * period. `cells` may hold the counts of several periods of the tables, read at once.
 */
export async function computeRelease(database: D1Database, kind: db.ReleaseKind, unit: PeriodUnit, period: string, cells?: Cells): Promise<string> {
  const [from, to] = periodRange(unit, period);
  const cutoff = lastDateOf(unit, period);
  let body: object;
  if (kind === 'tables') {
    const all = cells ?? (await db.periodCells(database, unit as 'month' | 'quarter', from, to));
    const mine = <T extends { period: string }>(rows: T[]) => rows.filter((r) => r.period === period);
    body = buildPeriodTables(unit as 'month' | 'quarter', period, mine(all.cells), mine(all.histogram));
  } else if (kind === 'cadre') {
    const counts = await db.committeeCounts(database, from, to, RETALIATION_CATEGORIES);
    body = {
      unit: unit as CommitteeRelease['unit'],
      period,
      cutoff,
      cadreReports: soleCell(counts.cadreReports),
      escalated: soleCell(counts.escalated),
      retaliation: soleCell(counts.retaliation),
      keptFromVillage: soleCell(counts.keptFromVillage),
      conflictDeclarations: soleCell(counts.conflictDeclarations),
      disposedTalk: soleCell(counts.disposals.talk),
      disposedVerify: soleCell(counts.disposals.verify),
      disposedShelve: soleCell(counts.disposals.shelve),
      disposedConclude: soleCell(counts.disposals.conclude),
      disposedTransfer: soleCell(counts.disposals.transfer),
    } satisfies CommitteeRelease;
  } else if (kind === 'open') {
    const counts = await db.openAt(database, to);
    body = { unit: unit as OpenRelease['unit'], period, cutoff, open: soleCell(counts.open), overdue: soleCell(counts.overdue) } satisfies OpenRelease;
  } else {
    const rows = await db.recordCounts(database, from, to);
    body = recordPeriod(unit as 'month' | 'quarter', period, cutoff, rows.map((r) => ({ villageId: r.village_id, focus: r.focus, n: r.n })));
  }
  return JSON.stringify(body);
}

async function buildRelease(database: D1Database, kind: db.ReleaseKind, unit: PeriodUnit, period: string, hour: number, cells?: Cells): Promise<void> {
  const body = await computeRelease(database, kind, unit, period, cells);
  const releasedOn = townDate(releaseDueAt(unit, period, hour, isWorkingDay));
  await db.insertRelease(database, { kind, period, cutoff: lastDateOf(unit, period), released_on: releasedOn, body });
}

/**
 * Makes every release that is due at `now` and has none: the tables and the committee's counts
 * for each period since the first case, the record-form counts for each period since the first
 * entry, the open-cases line for the latest due period only. Returns how many were made.
 */
export async function makeDueReleases(database: D1Database, now: Date, cal: ReleaseCalendar = releaseCalendar): Promise<number> {
  const [firstCase, firstEntry] = await Promise.all([db.firstArrival(database), db.firstRecordWritten(database)]);
  const plan: [db.ReleaseKind, PeriodUnit | 'off', 'all' | 'latest', string | null][] = [
    ['tables', cal.tables, 'all', firstCase],
    ['records', cal.tables, 'all', firstEntry],
    ['cadre', cal.cadreReports, 'all', firstCase],
    ['open', cal.openNow, 'latest', firstCase],
  ];
  let made = 0;
  for (const [kind, unit, which, first] of plan) {
    if (unit === 'off' || !first) continue;
    const latest = latestReleased(unit, now, cal.hour, isWorkingDay);
    const start = periodOf(unit, new Date(first));
    if (start > latest) continue;
    const have = await db.releasedPeriods(database, kind);
    const missing = (which === 'all' ? periodsBetween(unit, start, latest) : [latest]).filter((p) => !have.has(p));
    if (missing.length === 0) continue;
    // The tables of every missing period from one pass over their spans (a first run may owe many).
    const cells = kind === 'tables' ? await db.periodCells(database, unit as 'month' | 'quarter', periodRange(unit, missing[0]!)[0], periodRange(unit, missing.at(-1)!)[1]) : undefined;
    for (const period of missing) {
      await buildRelease(database, kind, unit, period, cal.hour, cells);
      made++;
    }
  }
  return made;
}

/** The cron's work for the statistics: fold, then make the due releases once the fold is complete. True when it is. */
export async function scheduledStatistics(database: D1Database, now = new Date(), options: FoldOptions = {}): Promise<boolean> {
  if (!(await foldStatistics(database, options))) return false;
  await makeDueReleases(database, now);
  return true;
}

export interface Publication {
  stats: PublicStats | null;
  body: string;
  etag: string;
  /** The end of the latest cut-off (24:00 town time), for Last-Modified; null before any release. */
  lastModified: string | null;
}

const etagOf = async (body: string) => `"${(await sha256Hex(body)).slice(0, 32)}"`;

/** What the public statistics show now: assembled from the releases, so it changes only at a release. */
export async function publication(database: D1Database, cal: ReleaseCalendar = releaseCalendar): Promise<Publication> {
  const rows = (await db.publishedReleases(database)).filter((r) => r.kind !== 'records');
  const stats = assemblePublicStats(rows as { kind: 'tables' | 'cadre' | 'open'; body: string }[], cal, isWorkingDay);
  const body = JSON.stringify(stats ?? { schema: 2, builtAt: null });
  return { stats, body, etag: await etagOf(body), lastModified: stats ? endOfTownDate(stats.builtAt) : null };
}

/** The record-form counts as open data: every release of them. */
export async function recordsPublication(database: D1Database): Promise<{ counts: PublicRecordCounts; body: string; etag: string; lastModified: string | null }> {
  const rows = (await db.publishedReleases(database)).filter((r) => r.kind === 'records');
  const periods = rows.map((r) => JSON.parse(r.body) as RecordPeriod);
  const counts: PublicRecordCounts = { schema: 2, focuses: [...FOCUSES], periods };
  const body = JSON.stringify(counts);
  return { counts, body, etag: await etagOf(body), lastModified: periods.length ? endOfTownDate(periods.at(-1)!.cutoff) : null };
}

/** A period's tables as released, or null before its release. */
export async function releasedTables(database: D1Database, period: string): Promise<PeriodTables | null> {
  const row = await db.findRelease(database, 'tables', period);
  return row ? (JSON.parse(row.body) as PeriodTables) : null;
}

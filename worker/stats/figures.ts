/**
 * The public statistics, computed from every case's facts at one instant, then made safe to
 * publish: small counts shown as "<3" with complementary suppression, rates and medians only
 * over at least 10 cases, cadre reports counted town-wide by quarter only. Pure.
 */
import { town } from '../../content/index.ts';
import { townDate } from '../cases/clock.ts';
import { MIN_RATE_DENOMINATOR, protectTable, publishableRate, type PublishedCell } from './disclosure.ts';
import type { CaseFacts } from './facts.ts';

/** The counts that make up a group's figures (before disclosure control). */
export interface GroupCounts {
  received: number;
  acceptedOnTime: number;
  /** Cases whose acceptance was due (or happened): the denominator of acceptedOnTime. */
  acceptanceDue: number;
  resolvedAtOnce: number;
  resolvedWithinLimit: number;
  /** Cases given a time limit that are resolved, or whose limit has passed. */
  timeLimitEnded: number;
  explained: number;
  notAccepted: number;
  closedNotResolved: number;
  overdueNow: number;
  closed: number;
  daysToClose: number[];
  satisfied: number;
  answered: number;
}

export const COUNT_MEASURES = ['received', 'resolvedAtOnce', 'explained', 'notAccepted', 'closedNotResolved', 'overdueNow'] as const;
export type CountMeasure = (typeof COUNT_MEASURES)[number];

/** A published cell: a count, "<3", or "suppressed" (hidden so a small one cannot be worked out). */
export type Cell = number | '<3' | 'suppressed';

export interface PublishedFigures {
  counts: Record<CountMeasure, Cell>;
  /** Rates in [0, 1], or null: "not enough cases yet". */
  acceptedOnTimeRate: number | null;
  resolvedWithinLimitRate: number | null;
  satisfactionRate: number | null;
  responseRate: number | null;
  medianWorkingDaysToClose: number | null;
}

export interface PublicStats {
  schema: 1;
  builtAt: string;
  town: PublishedFigures;
  villages: ({ id: string } & PublishedFigures)[];
  categories: ({ id: string } & PublishedFigures)[];
  months: ({ month: string } & PublishedFigures)[];
  quarters: ({ quarter: string; escalated: Cell; cadreReports: Cell } & PublishedFigures)[];
  /** Cases received by village (rows) and category (columns), with totals. */
  receivedByVillageAndCategory: { villages: string[]; categories: string[]; cells: Cell[][]; villageTotals: Cell[]; categoryTotals: Cell[]; total: Cell };
}

/** A group with no cases yet. */
export const emptyCounts = (): GroupCounts => ({
  received: 0,
  acceptedOnTime: 0,
  acceptanceDue: 0,
  resolvedAtOnce: 0,
  resolvedWithinLimit: 0,
  timeLimitEnded: 0,
  explained: 0,
  notAccepted: 0,
  closedNotResolved: 0,
  overdueNow: 0,
  closed: 0,
  daysToClose: [],
  satisfied: 0,
  answered: 0,
});

/** Whether a case is past its current deadline at `now`. */
function overdueAt(f: CaseFacts, now: Date): boolean {
  const t = now.toISOString();
  if (f.status === 'reopened') return (f.reopenAcceptDueAt ?? f.acceptDueAt ?? t) < t;
  if (f.status === 'received' && f.acceptDueAt) return f.acceptDueAt < t;
  if (f.status === 'in_progress' && f.dueAt) return f.dueAt < t;
  return false;
}

/** Adds one case to a group's counts. */
export function addCase(c: GroupCounts, f: CaseFacts, now: Date): void {
  const t = now.toISOString();
  c.received++;
  if (f.firstResponseAt !== null || (f.acceptDueAt !== null && f.acceptDueAt < t)) {
    c.acceptanceDue++;
    if (f.firstResponseAt !== null && f.acceptDueAt !== null && f.firstResponseAt <= f.acceptDueAt) c.acceptedOnTime++;
  }
  if (f.resolvedAtOnce) c.resolvedAtOnce++;
  if (f.dueAt !== null && (f.resolvedAt !== null || f.dueAt < t)) {
    c.timeLimitEnded++;
    if (f.resolvedAt !== null && f.resolvedAt <= f.dueAt) c.resolvedWithinLimit++;
  }
  if (f.explained) c.explained++;
  if (f.notAccepted) c.notAccepted++;
  if (f.closing === 'unresolved') c.closedNotResolved++;
  if (overdueAt(f, now)) c.overdueNow++;
  if (f.closedAt !== null) {
    c.closed++;
    if (f.workingDaysToClose !== null) c.daysToClose.push(f.workingDaysToClose);
  }
  if (f.rating !== null) {
    c.answered++;
    if (f.rating === 'satisfied' || f.rating === 'basically_satisfied') c.satisfied++;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const toCell = (p: PublishedCell): Cell => ('value' in p ? p.value : 'small' in p ? '<3' : 'suppressed');

/** Rates and the median, each only over enough cases. */
function ratesOf(c: GroupCounts): Omit<PublishedFigures, 'counts'> {
  return {
    acceptedOnTimeRate: publishableRate(c.acceptedOnTime, c.acceptanceDue),
    resolvedWithinLimitRate: publishableRate(c.resolvedWithinLimit, c.timeLimitEnded),
    satisfactionRate: publishableRate(c.satisfied, c.answered),
    responseRate: publishableRate(c.answered, c.closed),
    medianWorkingDaysToClose: c.daysToClose.length >= MIN_RATE_DENOMINATOR ? median(c.daysToClose) : null,
  };
}

/**
 * Figures for a set of groups and their total, each count measure protected as one column of
 * groups with its total, so no small group's count follows from the total and the others.
 */
function protectGroups(groups: GroupCounts[], total: GroupCounts): { groups: PublishedFigures[]; total: PublishedFigures } {
  const columns = Object.fromEntries(
    COUNT_MEASURES.map((measure) => {
      if (groups.length < 2) return [measure, null];
      const table = protectTable({ rows: groups.map((_, i) => String(i)), columns: [measure], counts: groups.map((g) => [g[measure]]) });
      return [measure, table];
    }),
  );
  const countsOf = (g: GroupCounts, i: number | null): Record<CountMeasure, Cell> =>
    Object.fromEntries(
      COUNT_MEASURES.map((measure) => {
        const table = columns[measure];
        if (!table) return [measure, toCell(g[measure] > 0 && g[measure] < 3 ? { small: true } : { value: g[measure] })];
        return [measure, toCell(i === null ? table.columnTotals[0]! : table.cells[i]![0]!)];
      }),
    ) as Record<CountMeasure, Cell>;
  return {
    groups: groups.map((g, i) => ({ counts: countsOf(g, i), ...ratesOf(g) })),
    total: { counts: countsOf(total, null), ...ratesOf(total) },
  };
}

/**
 * Month and quarter figures from one protected table per measure (quarters as rows, their three
 * months as columns): a quarter is the sum of its months, so protecting them apart would leak.
 */
function protectCalendar(byMonth: Map<string, GroupCounts>, quarters: string[]) {
  const monthKey = (q: string, k: number) => `${q.slice(0, 4)}-${String((Number(q.slice(6)) - 1) * 3 + k + 1).padStart(2, '0')}`;
  const countsAt = (q: string, k: number) => byMonth.get(monthKey(q, k)) ?? emptyCounts();
  const tables = Object.fromEntries(
    COUNT_MEASURES.map((measure) => [
      measure,
      protectTable({ rows: [...quarters, ''].slice(0, Math.max(quarters.length, 2)), columns: ['1', '2', '3'], counts: [...quarters.map((q) => [0, 1, 2].map((k) => countsAt(q, k)[measure])), [0, 0, 0]].slice(0, Math.max(quarters.length, 2)) }),
    ]),
  );
  const months = [...byMonth.keys()].sort().map((month) => {
    const q = quarters.indexOf(quarterOf(`${month}-15T00:00:00Z`));
    const k = (Number(month.slice(5, 7)) - 1) % 3;
    const counts = Object.fromEntries(COUNT_MEASURES.map((m) => [m, toCell(tables[m]!.cells[q]![k]!)])) as Record<CountMeasure, Cell>;
    return { month, counts, ...ratesOf(byMonth.get(month)!) };
  });
  const quarterFigures = quarters.map((quarter, q) => {
    const total = emptyCounts();
    for (const k of [0, 1, 2]) mergeCounts(total, countsAt(quarter, k));
    const counts = Object.fromEntries(COUNT_MEASURES.map((m) => [m, toCell(tables[m]!.rowTotals[q]!)])) as Record<CountMeasure, Cell>;
    return { quarter, counts, ...ratesOf(total) };
  });
  return { months, quarters: quarterFigures };
}

function mergeCounts(into: GroupCounts, from: GroupCounts): void {
  for (const key of Object.keys(into) as (keyof GroupCounts)[]) {
    if (key === 'daysToClose') into.daysToClose.push(...from.daysToClose);
    else into[key] += from[key];
  }
}

const quarterOf = (iso: string) => {
  const d = townDate(new Date(iso));
  return `${d.slice(0, 4)}-Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}`;
};
const monthOf = (iso: string) => townDate(new Date(iso)).slice(0, 7);

/** The statistics of all cases at `now`, ready to publish. */
export function buildPublicStats(all: CaseFacts[], now: Date): PublicStats {
  // Cadre reports are counted town-wide by quarter only: they stay out of every other breakdown.
  const ordinary = all.filter((f) => !f.cadreReport);
  const group = <K extends string>(keys: K[], keyOf: (f: CaseFacts) => K) => {
    const map = new Map(keys.map((k) => [k, emptyCounts()]));
    for (const f of ordinary) {
      const k = keyOf(f);
      if (!map.has(k)) map.set(k, emptyCounts());
      addCase(map.get(k)!, f, now);
    }
    return map;
  };
  const townCounts = emptyCounts();
  for (const f of ordinary) addCase(townCounts, f, now);

  const villageIds = town.villages.map((v) => v.id);
  const categoryIds = town.categories.filter((c) => c.route === 'village').map((c) => c.id);
  const byVillage = group(villageIds, (f) => f.villageId);
  const byCategory = group(categoryIds, (f) => f.categoryId);
  const byMonth = group([], (f) => monthOf(f.receivedAt));

  const villages = protectGroups([...byVillage.values()], townCounts);
  const categories = protectGroups([...byCategory.values()], townCounts);
  // Quarters also carry the town-wide counts of escalations and of cadre reports.
  const quarters = [...new Set(all.map((f) => quarterOf(f.receivedAt)))].sort();
  const calendar = protectCalendar(byMonth, quarters);
  const quarterExtra = (select: (f: CaseFacts) => boolean) => {
    const counts = quarters.map((q) => all.filter((f) => quarterOf(f.receivedAt) === q && select(f)).length);
    if (quarters.length < 2) return counts.map((n) => toCell(n > 0 && n < 3 ? { small: true } : { value: n }));
    const table = protectTable({ rows: quarters, columns: ['n'], counts: counts.map((n) => [n]) });
    return table.cells.map((row) => toCell(row[0]!));
  };
  const escalated = quarterExtra((f) => f.escalated && !f.cadreReport);
  const cadreReports = quarterExtra((f) => f.cadreReport);

  const matrix = protectTable({
    rows: villageIds,
    columns: categoryIds,
    counts: villageIds.map((v) => categoryIds.map((c) => ordinary.filter((f) => f.villageId === v && f.categoryId === c).length)),
  });

  // Cases received by village and by category are the margins of that one protected table, so
  // they are published exactly as it publishes them: two protections of the same numbers could
  // hide different cells, and together give away what each hides.
  const withReceived = (figures: PublishedFigures, received: PublishedCell): PublishedFigures => ({
    ...figures,
    counts: { ...figures.counts, received: toCell(received) },
  });

  return {
    schema: 1,
    builtAt: now.toISOString(),
    town: withReceived(villages.total, matrix.total),
    villages: villageIds.map((id, i) => ({ id, ...withReceived(villages.groups[i]!, matrix.rowTotals[i]!) })),
    categories: categoryIds.map((id, i) => ({ id, ...withReceived(categories.groups[i]!, matrix.columnTotals[i]!) })),
    months: calendar.months,
    quarters: calendar.quarters.map((q, i) => ({ ...q, escalated: escalated[i]!, cadreReports: cadreReports[i]! })),
    receivedByVillageAndCategory: {
      villages: villageIds,
      categories: categoryIds,
      cells: matrix.cells.map((row) => row.map(toCell)),
      villageTotals: matrix.rowTotals.map(toCell),
      categoryTotals: matrix.columnTotals.map(toCell),
      total: toCell(matrix.total),
    },
  };
}

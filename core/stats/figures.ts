/**
 * The public figures of one release, made safe to publish: small counts shown as "<3" with
 * complementary suppression, rates and medians only over at least 10 cases, reports about cadres,
 * 打击报复 reports, cases kept from their village and conflict declarations counted town-wide by
 * quarter only. Pure: the counts come from SQL aggregates (worker/db/stats.ts).
 *
 * A release of the tables counts what happened in its period: cases received, resolved at once,
 * explained, not accepted, closed in it; acceptances and time limits whose deadline ran out (or
 * was met) in it; verdicts given in it. A period's figures are therefore final at its cut-off and
 * never change: two releases differ only by the new period, itself a protected table.
 */
import { town } from '../../content/index.ts';
import { MIN_RATE_DENOMINATOR, isSmall, protectTable, publishableRate, type PublishedCell } from './disclosure.ts';
import { lastDateOf, nextPeriod, releaseDueAt, type PeriodUnit } from './periods.ts';
import { townDate } from '../clock.ts';

/** The counts of one village and category in a period (before disclosure control). */
export interface CellCounts {
  village_id: string;
  category_id: string;
  received: number;
  resolvedAtOnce: number;
  explained: number;
  notAccepted: number;
  closedNotResolved: number;
  closed: number;
  /** Acceptance deadlines that ran out or were met in the period, and how many of them were met. */
  acceptanceDue: number;
  acceptedOnTime: number;
  /** Time limits that ran out or ended in the period, and how many ended resolved in time. */
  timeLimitEnded: number;
  resolvedWithinLimit: number;
  /** Verdicts given in the period, and how many were satisfied or basically satisfied. */
  answered: number;
  satisfied: number;
}

/** How many closings in the period took `days` working days, per village and category. */
export interface HistogramCounts {
  village_id: string;
  category_id: string;
  days: number;
  n: number;
}

const SUMMED = ['received', 'resolvedAtOnce', 'explained', 'notAccepted', 'closedNotResolved', 'closed', 'acceptanceDue', 'acceptedOnTime', 'timeLimitEnded', 'resolvedWithinLimit', 'answered', 'satisfied'] as const;

/** A group's counts and its histogram of working days to close. */
export type GroupCounts = Record<(typeof SUMMED)[number], number> & { closeDays: Map<number, number> };

export const COUNT_MEASURES = ['received', 'resolvedAtOnce', 'explained', 'notAccepted', 'closedNotResolved', 'closed'] as const;
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

/** One release of the tables: a period's figures by village, by category and for the town. */
export interface PeriodTables {
  unit: 'month' | 'quarter';
  period: string;
  /** The last town date the release covers (up to 24:00 town time). */
  cutoff: string;
  town: PublishedFigures;
  villages: ({ id: string } & PublishedFigures)[];
  categories: ({ id: string } & PublishedFigures)[];
  /** Cases received by village (rows) and category (columns), with totals. */
  receivedByVillageAndCategory: { villages: string[]; categories: string[]; cells: Cell[][]; villageTotals: Cell[]; categoryTotals: Cell[]; total: Cell };
}

/** One release of the committee's counts, town-wide. */
export interface CommitteeRelease {
  unit: 'quarter' | 'year';
  period: string;
  cutoff: string;
  /** Reports about village cadres received. */
  cadreReports: Cell;
  /** Ordinary cases passed to the discipline committee. */
  escalated: Cell;
  /**
   * 打击报复 reports received; cases kept from their village's officers (when they were kept);
   * conflicts of interest declared by staff. Absent from periods released before they were counted.
   */
  retaliation?: Cell;
  keptFromVillage?: Cell;
  conflictDeclarations?: Cell;
  /**
   * The committee's disposals in the period by way (Art. 17 of the rule on reports; reported
   * quarterly, Art. 18): 谈话函询, 初步核实, 暂存待查, 予以了结, and 移送审查调查. Absent before they were counted.
   */
  disposedTalk?: Cell;
  disposedVerify?: Cell;
  disposedShelve?: Cell;
  disposedConclude?: Cell;
  disposedTransfer?: Cell;
}

/** The committee release's counts, in the order the tables and the CSV show them. */
export const COMMITTEE_MEASURES = [
  'cadreReports',
  'escalated',
  'retaliation',
  'keptFromVillage',
  'conflictDeclarations',
  'disposedTalk',
  'disposedVerify',
  'disposedShelve',
  'disposedConclude',
  'disposedTransfer',
] as const;

/** One release of the town-wide line of open cases. */
export interface OpenRelease {
  unit: 'day' | 'week' | 'month';
  period: string;
  cutoff: string;
  open: Cell;
  overdue: Cell;
}

/** A group with no cases. */
export function emptyCounts(): GroupCounts {
  return { ...(Object.fromEntries(SUMMED.map((k) => [k, 0])) as Record<(typeof SUMMED)[number], number>), closeDays: new Map() };
}

/** Adds one village-and-category cell (and its histogram rows) into a group. */
function addInto(into: GroupCounts, cell: CellCounts | null, histogram: HistogramCounts[]): void {
  if (cell) for (const k of SUMMED) into[k] += cell[k];
  for (const h of histogram) into.closeDays.set(h.days, (into.closeDays.get(h.days) ?? 0) + h.n);
}

/** The groups' counts from the cells: `keyOf` says which group a cell belongs to. */
export function groupCounts(cells: CellCounts[], histogram: HistogramCounts[], keys: string[], keyOf: (c: { village_id: string; category_id: string }) => string): Map<string, GroupCounts> {
  const groups = new Map(keys.map((k) => [k, emptyCounts()]));
  for (const c of cells) {
    const g = groups.get(keyOf(c));
    if (g) addInto(g, c, []);
  }
  for (const h of histogram) {
    const g = groups.get(keyOf(h));
    if (g) addInto(g, null, [h]);
  }
  return groups;
}

/** The median of a histogram of whole days. */
export function medianOf(histogram: Map<number, number>): number {
  const total = [...histogram.values()].reduce((s, n) => s + n, 0);
  const days = [...histogram.keys()].sort((a, b) => a - b);
  const at = (rank: number) => {
    let seen = 0;
    for (const d of days) {
      seen += histogram.get(d)!;
      if (seen > rank) return d;
    }
    return days.at(-1)!;
  };
  return total % 2 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

const toCell = (p: PublishedCell): Cell => ('value' in p ? p.value : 'small' in p ? '<3' : 'suppressed');

/** A single count published on its own: "<3" when small. */
export const soleCell = (n: number): Cell => (isSmall(n) ? '<3' : n);

/** Rates and the median, each only over enough cases. */
function ratesOf(c: GroupCounts): Omit<PublishedFigures, 'counts'> {
  const closings = [...c.closeDays.values()].reduce((s, n) => s + n, 0);
  return {
    acceptedOnTimeRate: publishableRate(c.acceptedOnTime, c.acceptanceDue),
    resolvedWithinLimitRate: publishableRate(c.resolvedWithinLimit, c.timeLimitEnded),
    satisfactionRate: publishableRate(c.satisfied, c.answered),
    responseRate: publishableRate(c.answered, c.closed),
    medianWorkingDaysToClose: closings >= MIN_RATE_DENOMINATOR ? medianOf(c.closeDays) : null,
  };
}

/** One measure over groups, protected as a column with its total (padded to the two rows the method needs). */
function protectColumn(values: number[]): { cells: PublishedCell[]; total: PublishedCell } {
  const rows = values.length < 2 ? [...values, 0] : values;
  const table = protectTable({ rows: rows.map(String), columns: ['n'], counts: rows.map((v) => [v]) });
  return { cells: table.cells.slice(0, values.length).map((r) => r[0]!), total: table.columnTotals[0]! };
}

/**
 * A count measure by village and by category, with the town's total. Both are margins of one
 * unpublished village × category table and share its total: each is protected as a column, and
 * the total is hidden in both when either needs it hidden, so one cannot undo the other.
 */
function protectMargins(byVillage: number[], byCategory: number[]): { villages: PublishedCell[]; categories: PublishedCell[]; total: PublishedCell } {
  const v = protectColumn(byVillage);
  const k = protectColumn(byCategory);
  const hidden = 'hidden' in v.total || 'hidden' in k.total;
  return { villages: v.cells, categories: k.cells, total: hidden ? { hidden: true } : v.total };
}

/** The tables of one period from its cells, ready to publish. */
export function buildPeriodTables(unit: 'month' | 'quarter', period: string, cells: CellCounts[], histogram: HistogramCounts[]): PeriodTables {
  const villageIds = town.villages.map((v) => v.id);
  const categoryIds = town.categories.filter((c) => c.route === 'village').map((c) => c.id);
  // Cells of a village or category the town no longer lists are left out of every table alike.
  const known = (c: { village_id: string; category_id: string }) => villageIds.includes(c.village_id) && categoryIds.includes(c.category_id);
  const kept = cells.filter(known);
  const keptHistogram = histogram.filter(known);
  const byVillage = groupCounts(kept, keptHistogram, villageIds, (c) => c.village_id);
  const byCategory = groupCounts(kept, keptHistogram, categoryIds, (c) => c.category_id);
  const townCounts = emptyCounts();
  for (const c of kept) addInto(townCounts, c, []);
  addInto(townCounts, null, keptHistogram);

  // Cases received: the margins of the village × category table, protected as one table.
  const received = (v: string, k: string) => kept.find((c) => c.village_id === v && c.category_id === k)?.received ?? 0;
  const matrix = protectTable({ rows: villageIds, columns: categoryIds, counts: villageIds.map((v) => categoryIds.map((k) => received(v, k))) });
  const margins = Object.fromEntries(
    COUNT_MEASURES.filter((m) => m !== 'received').map((m) => [
      m,
      protectMargins(
        villageIds.map((v) => byVillage.get(v)![m]),
        categoryIds.map((k) => byCategory.get(k)![m]),
      ),
    ]),
  ) as Record<Exclude<CountMeasure, 'received'>, ReturnType<typeof protectMargins>>;
  const countsOf = (pick: (m: ReturnType<typeof protectMargins>) => PublishedCell, receivedCell: PublishedCell): Record<CountMeasure, Cell> =>
    Object.fromEntries(COUNT_MEASURES.map((m) => [m, toCell(m === 'received' ? receivedCell : pick(margins[m]))])) as Record<CountMeasure, Cell>;

  return {
    unit,
    period,
    cutoff: lastDateOf(unit, period),
    town: { counts: countsOf((m) => m.total, matrix.total), ...ratesOf(townCounts) },
    villages: villageIds.map((id, i) => ({ id, counts: countsOf((m) => m.villages[i]!, matrix.rowTotals[i]!), ...ratesOf(byVillage.get(id)!) })),
    categories: categoryIds.map((id, i) => ({ id, counts: countsOf((m) => m.categories[i]!, matrix.columnTotals[i]!), ...ratesOf(byCategory.get(id)!) })),
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

/** What the public statistics show: every release so far, and when the next ones are due. */
export interface PublicStats {
  schema: 2;
  /** The latest cut-off of the releases shown (a town date): the figures are up to its end. */
  builtAt: string;
  tables: { unit: 'month' | 'quarter'; periods: PeriodTables[]; next: NextRelease | null };
  committee: { unit: 'quarter' | 'year'; periods: CommitteeRelease[]; next: NextRelease | null };
  openNow: (OpenRelease & { next: NextRelease | null }) | null;
}

/** The period a calendar releases next, and the town date it is due. */
export interface NextRelease {
  period: string;
  due: string;
}

/** The release after `period` (or the first one, for a first period). */
export function nextRelease(unit: PeriodUnit, period: string, hour: number, isWorkingDay: (date: string) => boolean): NextRelease {
  return { period, due: townDate(releaseDueAt(unit, period, hour, isWorkingDay)) };
}

/** Assembles what is public from the stored releases. Pure: the same releases give the same bytes. */
export function assemblePublicStats(
  releases: { kind: 'tables' | 'cadre' | 'open'; body: string }[],
  calendar: { hour: number; tables: 'month' | 'quarter'; cadreReports: 'quarter' | 'year'; openNow: 'day' | 'week' | 'month' | 'off' },
  isWorkingDay: (date: string) => boolean,
): PublicStats | null {
  const of = <T,>(kind: string) => releases.filter((r) => r.kind === kind).map((r) => JSON.parse(r.body) as T);
  const tables = of<PeriodTables>('tables').filter((t) => t.unit === calendar.tables);
  const committee = of<CommitteeRelease>('cadre').filter((t) => t.unit === calendar.cadreReports);
  const open = calendar.openNow === 'off' ? undefined : of<OpenRelease>('open').filter((t) => t.unit === calendar.openNow).at(-1);
  if (tables.length === 0 && committee.length === 0 && !open) return null;
  const after = (unit: PeriodUnit, last: { period: string } | undefined) => (last ? nextRelease(unit, nextPeriod(unit, last.period), calendar.hour, isWorkingDay) : null);
  const cutoffs = [tables.at(-1)?.cutoff, committee.at(-1)?.cutoff, open?.cutoff].filter((c): c is string => !!c).sort();
  return {
    schema: 2,
    builtAt: cutoffs.at(-1)!,
    tables: { unit: calendar.tables, periods: tables, next: after(calendar.tables, tables.at(-1)) },
    committee: { unit: calendar.cadreReports, periods: committee, next: after(calendar.cadreReports, committee.at(-1)) },
    openNow: open && calendar.openNow !== 'off' ? { ...open, next: after(calendar.openNow, open) } : null,
  };
}

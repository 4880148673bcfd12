/**
 * When village affairs must be disclosed, and which disclosures are late or missing.
 *
 * The Organic Law of Villagers' Committees (art. 30) sets the cadence: general affairs at least
 * once a quarter; finances monthly where the collective has many transactions (otherwise at
 * least quarterly); matters of major interest to villagers whenever they happen. The town adds
 * how many days after a period (or an event) a disclosure is due (content/portal.json).
 *
 * Dates are civil dates in the town, written YYYY-MM-DD; pure functions, no clock of their own.
 */
import type { DisclosureKind, FinanceCadence } from '../content/schemas.ts';

export type Cadence = 'monthly' | 'quarterly' | 'event';

/** A disclosure period: a month (2026-10), a quarter (2026-Q3) or the day of an event (2026-09-15). */
export type Period =
  | { cadence: 'monthly'; year: number; month: number }
  | { cadence: 'quarterly'; year: number; quarter: number }
  | { cadence: 'event'; date: string };

export interface DueRules {
  dueDaysAfterPeriod: number;
  dueDaysAfterEvent: number;
}

/** How often a kind of disclosure is due for a village that discloses finances at `financeCadence`. */
export function cadenceOf(kind: DisclosureKind, financeCadence: FinanceCadence): Cadence {
  switch (kind) {
    case 'finances':
      return financeCadence;
    case 'assets':
    case 'subsidies':
      return 'quarterly';
    case 'projects':
    case 'decisions':
      return 'event';
  }
}

/** Reads a period as written in content; undefined when it is not one. */
export function parsePeriod(text: string): Period | undefined {
  let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (m) return { cadence: 'monthly', year: Number(m[1]), month: Number(m[2]) };
  m = /^(\d{4})-Q([1-4])$/.exec(text);
  if (m) return { cadence: 'quarterly', year: Number(m[1]), quarter: Number(m[2]) };
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m && toDate(text).toISOString().slice(0, 10) === text) return { cadence: 'event', date: text };
  return undefined;
}

/** The period written the way content writes it. */
export function formatPeriod(period: Period): string {
  switch (period.cadence) {
    case 'monthly':
      return `${period.year}-${String(period.month).padStart(2, '0')}`;
    case 'quarterly':
      return `${period.year}-Q${period.quarter}`;
    case 'event':
      return period.date;
  }
}

function toDate(civil: string): Date {
  return new Date(`${civil}T00:00:00Z`);
}

function civil(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `date` moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  const d = toDate(date);
  d.setUTCDate(d.getUTCDate() + days);
  return civil(d);
}

function firstMonth(period: Period): { year: number; month: number } {
  if (period.cadence === 'monthly') return { year: period.year, month: period.month };
  if (period.cadence === 'quarterly') return { year: period.year, month: period.quarter * 3 - 2 };
  throw new Error('an event has no month range');
}

/** The first day of the period. */
export function periodStart(period: Period): string {
  if (period.cadence === 'event') return period.date;
  const { year, month } = firstMonth(period);
  return civil(new Date(Date.UTC(year, month - 1, 1)));
}

/** The last day of the period. */
export function periodEnd(period: Period): string {
  if (period.cadence === 'event') return period.date;
  const { year, month } = firstMonth(period);
  const months = period.cadence === 'monthly' ? 1 : 3;
  return civil(new Date(Date.UTC(year, month - 1 + months, 0)));
}

/** The last day on which the disclosure of `period` is on time. */
export function dueDate(period: Period, rules: DueRules): string {
  return addDays(periodEnd(period), period.cadence === 'event' ? rules.dueDaysAfterEvent : rules.dueDaysAfterPeriod);
}

/** The month or quarter that contains `date`. */
export function periodContaining(date: string, cadence: 'monthly' | 'quarterly'): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return cadence === 'monthly' ? { cadence, year, month } : { cadence, year, quarter: Math.ceil(month / 3) };
}

/** The month or quarter after `period`. */
export function nextPeriod(period: Period): Period {
  if (period.cadence === 'monthly') {
    return period.month === 12 ? { ...period, year: period.year + 1, month: 1 } : { ...period, month: period.month + 1 };
  }
  if (period.cadence === 'quarterly') {
    return period.quarter === 4 ? { ...period, year: period.year + 1, quarter: 1 } : { ...period, quarter: period.quarter + 1 };
  }
  throw new Error('events do not follow each other');
}

export interface Published {
  period: string;
  published: string;
}

export interface DueItem {
  period: string;
  due: string;
}

export interface KindSchedule {
  kind: DisclosureKind;
  cadence: Cadence;
  /** The most recent period disclosed, if any. */
  latest?: Published;
  /** Periods that ended, whose due day has passed, with nothing disclosed. */
  overdue: DueItem[];
  /** Disclosures published after their due day. */
  late: (DueItem & { published: string })[];
  /** The next disclosure to make and its due day (monthly and quarterly kinds only). */
  next?: DueItem;
}

/**
 * The schedule of one kind of disclosure for one village on `today`: what was published late,
 * what is overdue, and what is due next. Periods before the one containing `since` are not
 * tracked (the village started publishing here then).
 */
export function scheduleOf(input: {
  kind: DisclosureKind;
  cadence: Cadence;
  since: string;
  today: string;
  published: Published[];
  rules: DueRules;
}): KindSchedule {
  const { kind, cadence, since, today, rules } = input;
  const byPeriod = new Map(input.published.map((p) => [p.period, p]));
  const latest = [...input.published].sort((a, b) => sortKey(b.period).localeCompare(sortKey(a.period)))[0];
  const late: KindSchedule['late'] = [];
  for (const p of input.published) {
    const period = parsePeriod(p.period);
    if (!period) continue;
    const due = dueDate(period, rules);
    if (p.published > due) late.push({ period: p.period, due, published: p.published });
  }
  late.sort((a, b) => sortKey(a.period).localeCompare(sortKey(b.period)));
  const schedule: KindSchedule = { kind, cadence, overdue: [], late, ...(latest ? { latest } : {}) };
  if (cadence === 'event') return schedule;

  // Walk the periods from the first one tracked; each is disclosed, overdue, or the next due.
  for (let period: Period = periodContaining(since, cadence); ; period = nextPeriod(period)) {
    const key = formatPeriod(period);
    if (byPeriod.has(key)) continue;
    const due = dueDate(period, rules);
    if (due < today) {
      schedule.overdue.push({ period: key, due });
      continue;
    }
    schedule.next = { period: key, due };
    return schedule;
  }
}

/** Text that sorts periods in time: months and quarters by their last day, events by their day. */
function sortKey(period: string): string {
  const parsed = parsePeriod(period);
  return parsed ? periodEnd(parsed) : period;
}

/** Orders periods oldest first. */
export function comparePeriods(a: string, b: string): number {
  return sortKey(a).localeCompare(sortKey(b));
}

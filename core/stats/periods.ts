/**
 * The town's periods (week, month, quarter) in town time, Asia/Shanghai: a week starts on Monday
 * at 00:00 town time, which is Sunday 16:00 UTC. Pure.
 */
import { townDate } from '../clock.ts';

const TOWN_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC instant at which a town date (YYYY-MM-DD) begins. */
export function startOfTownDate(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - TOWN_OFFSET_MS);
}

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The Monday (town date) of the week `instant` falls in. */
export function weekOf(instant: Date): string {
  const date = townDate(instant);
  const day = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((day + 6) % 7));
}

/** A week's bounds as UTC ISO instants: [start, end). */
export function weekRange(monday: string): [string, string] {
  return [startOfTownDate(monday).toISOString(), startOfTownDate(addDays(monday, 7)).toISOString()];
}

/** The month (YYYY-MM) in town time at `instant`. */
export const monthOf = (instant: Date) => townDate(instant).slice(0, 7);

/** The month before `month`. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** A month's bounds as UTC ISO instants: [start, end). */
export function monthRange(month: string): [string, string] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return [startOfTownDate(`${month}-01`).toISOString(), startOfTownDate(`${next}-01`).toISOString()];
}

/** The quarter (YYYY-Qn) in town time at `instant`. */
export function quarterOf(instant: Date): string {
  const d = townDate(instant);
  return `${d.slice(0, 4)}-Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The quarter before `quarter`. */
export function previousQuarter(quarter: string): string {
  const y = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
}

/** A quarter's bounds as UTC ISO instants: [start, end). */
export function quarterRange(quarter: string): [string, string] {
  const y = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  const first = `${y}-${String((q - 1) * 3 + 1).padStart(2, '0')}`;
  const after = q === 4 ? `${y + 1}-01` : `${y}-${String(q * 3 + 1).padStart(2, '0')}`;
  return [startOfTownDate(`${first}-01`).toISOString(), startOfTownDate(`${after}-01`).toISOString()];
}

/** The periods a release can cover. */
export type PeriodUnit = 'day' | 'week' | 'month' | 'quarter' | 'year';

const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/** The first town date of a period: `2026-11` → 2026-11-01, `2026-Q4` → 2026-10-01, `2026` → 2026-01-01. */
function firstDate(unit: PeriodUnit, key: string): string {
  switch (unit) {
    case 'day':
    case 'week':
      return key;
    case 'month':
      return `${key}-01`;
    case 'quarter':
      return `${key.slice(0, 4)}-${String((Number(key.slice(6)) - 1) * 3 + 1).padStart(2, '0')}-01`;
    case 'year':
      return `${key}-01-01`;
  }
}

/** The period after `key`. */
export function nextPeriod(unit: PeriodUnit, key: string): string {
  switch (unit) {
    case 'day':
      return addDays(key, 1);
    case 'week':
      return addDays(key, 7);
    case 'month':
      return nextMonth(key);
    case 'quarter':
      return key.endsWith('Q4') ? `${Number(key.slice(0, 4)) + 1}-Q1` : `${key.slice(0, 6)}${Number(key.slice(6)) + 1}`;
    case 'year':
      return String(Number(key) + 1);
  }
}

/** The period `instant` falls in, in town time. */
export function periodOf(unit: PeriodUnit, instant: Date): string {
  switch (unit) {
    case 'day':
      return townDate(instant);
    case 'week':
      return weekOf(instant);
    case 'month':
      return monthOf(instant);
    case 'quarter':
      return quarterOf(instant);
    case 'year':
      return townDate(instant).slice(0, 4);
  }
}

/** A period's bounds as UTC ISO instants: [start, end). Its end is its cut-off: 24:00 town time of its last day. */
export function periodRange(unit: PeriodUnit, key: string): [string, string] {
  return [startOfTownDate(firstDate(unit, key)).toISOString(), startOfTownDate(firstDate(unit, nextPeriod(unit, key))).toISOString()];
}

/** The last town date of a period (what "figures up to …" names). */
export const lastDateOf = (unit: PeriodUnit, key: string) => addDays(firstDate(unit, nextPeriod(unit, key)), -1);

/**
 * When a period's release is due: at `hour` town time on the day after it ends, or for a month,
 * quarter or year on the first working day after it ends.
 */
export function releaseDueAt(unit: PeriodUnit, key: string, hour: number, isWorkingDay: (date: string) => boolean): Date {
  let date = firstDate(unit, nextPeriod(unit, key));
  if (unit === 'month' || unit === 'quarter' || unit === 'year') {
    for (let i = 0; i < 60 && !isWorkingDay(date); i++) date = addDays(date, 1);
  }
  return new Date(startOfTownDate(date).getTime() + hour * 60 * 60 * 1000);
}

/** The latest period whose release is due at `now`, or null when none is due yet after `first`. */
export function latestReleased(unit: PeriodUnit, now: Date, hour: number, isWorkingDay: (date: string) => boolean): string {
  // The period before the current one is released within days; two back always is.
  let key = periodOf(unit, now);
  const candidates: string[] = [];
  for (let i = 0; i < 3; i++) {
    key = previousPeriodOf(unit, key);
    candidates.push(key);
  }
  return candidates.find((k) => releaseDueAt(unit, k, hour, isWorkingDay).getTime() <= now.getTime()) ?? candidates.at(-1)!;
}

/** The period before `key`. */
export function previousPeriodOf(unit: PeriodUnit, key: string): string {
  switch (unit) {
    case 'day':
      return addDays(key, -1);
    case 'week':
      return addDays(key, -7);
    case 'month':
      return previousMonth(key);
    case 'quarter':
      return previousQuarter(key);
    case 'year':
      return String(Number(key) - 1);
  }
}

/** Every period from `first` to `last`, both included. */
export function periodsBetween(unit: PeriodUnit, first: string, last: string): string[] {
  const keys: string[] = [];
  for (let k = first; k <= last && keys.length < 100_000; k = nextPeriod(unit, k)) keys.push(k);
  return keys;
}

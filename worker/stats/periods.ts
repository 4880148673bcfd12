/**
 * The town's periods (week, month, quarter) in town time, Asia/Shanghai: a week starts on Monday
 * at 00:00 town time, which is Sunday 16:00 UTC. Pure.
 */
import { townDate } from '../cases/clock.ts';

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

/**
 * Time as the town reads it. Stored times are UTC ISO strings; the town lives in Asia/Shanghai
 * (UTC+8 all year, no daylight saving), so conversions are a fixed offset.
 */
import { town } from '../../content/index.ts';
import { coversYear, isWorkingDay } from '../../content/workflow.ts';

const TOWN_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar year in town time at `instant`. */
export function townYear(instant: Date): number {
  return new Date(instant.getTime() + TOWN_OFFSET_MS).getUTCFullYear();
}

/** The start of a public case number for `year`, e.g. CL-2026- (the database adds 000123). */
export function caseNumberPrefix(year: number): string {
  return `${town.caseNumberPrefix}-${year}-`;
}

/** The town-calendar date (YYYY-MM-DD) at `instant`. */
export function townDate(instant: Date): string {
  return new Date(instant.getTime() + TOWN_OFFSET_MS).toISOString().slice(0, 10);
}

function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The UTC instant at which a town-calendar date ends (23:59:59 town time). */
function endOfTownDate(date: string): Date {
  return new Date(Date.parse(`${date}T23:59:59Z`) - TOWN_OFFSET_MS);
}

/** The start (00:00 town time) of the town-calendar day that `instant` falls on. */
export function startOfTownDay(instant: Date): Date {
  return new Date(Date.parse(`${townDate(instant)}T00:00:00Z`) - TOWN_OFFSET_MS);
}

/** The end (23:59:59 town time) of the town-calendar day that `instant` falls on. */
export function endOfTownDay(instant: Date): Date {
  return endOfTownDate(townDate(instant));
}

/**
 * The end (23:59:59 town time) of the `n`-th working day after `instant`, as a UTC instant.
 * Working days follow the town's calendar (holidays and adjusted working days) by default.
 */
export function endOfWorkingDaysAfter(instant: Date, n: number, workingDay: (date: string) => boolean = isWorkingDay): Date {
  let date = townDate(instant);
  let remaining = n;
  while (remaining > 0) {
    date = nextDate(date);
    if (workingDay(date)) remaining--;
  }
  return endOfTownDate(date);
}

/**
 * Working days from `start` to `end`, counting each working day whose end lies after `start`
 * and whose start lies before `end` (0 when both fall on the same day).
 */
export function workingDaysBetween(start: Date, end: Date, workingDay: (date: string) => boolean = isWorkingDay): number {
  let date = townDate(start);
  const last = townDate(end);
  let n = 0;
  while (date < last) {
    date = nextDate(date);
    if (workingDay(date)) n++;
  }
  return n;
}

/**
 * How long before a year begins the console warns that the calendar lacks it: more than the
 * longest time limit (30 working days) with a Spring Festival in it, so that no deadline need
 * ever be counted without the year's holidays if the admin enters them when warned.
 */
export const CALENDAR_WARNING_DAYS = 60;

/**
 * The year whose holidays the calendar lacks and should have by `now`: the current town year, or
 * the next one from 60 days before it begins; null when neither is missing.
 */
export function missingCalendarYear(now: Date, covers: (year: number) => boolean = coversYear): { year: number; started: boolean } | null {
  const year = townYear(now);
  if (!covers(year)) return { year, started: true };
  const warnFrom = new Date(Date.UTC(year + 1, 0, 1 - CALENDAR_WARNING_DAYS)).toISOString().slice(0, 10);
  return !covers(year + 1) && townDate(now) >= warnFrom ? { year: year + 1, started: false } : null;
}

/**
 * The first year from `from`'s to `to`'s (town time) that the calendar lacks, or null. Working
 * days counted in such a year are Monday to Friday: a deadline or count in it is provisional.
 */
export function provisionalYear(from: Date, to: Date = from, covers: (year: number) => boolean = coversYear): number | null {
  for (let year = townYear(from); year <= townYear(to); year++) if (!covers(year)) return year;
  return null;
}

/** A UTC ISO instant written in town time for `locale`, e.g. 2026年11月26日 11:49. */
export function formatTownTime(iso: string, locale: 'zh-CN' | 'en'): string {
  return new Intl.DateTimeFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', {
    timeZone: town.timeZone,
    year: 'numeric',
    month: locale === 'zh-CN' ? 'long' : 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

const townDateFormats = {
  'zh-CN': new Intl.DateTimeFormat('zh-CN', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' }),
};

/**
 * A town date (YYYY-MM-DD), or the town date of a UTC ISO instant, written for `locale` with no
 * time of day: 2026年11月30日, 30 November 2026. What public pages show of any date of a case.
 */
export function formatTownDate(dateOrInstant: string, locale: 'zh-CN' | 'en'): string {
  const date = dateOrInstant.length === 10 ? dateOrInstant : townDate(new Date(dateOrInstant));
  return townDateFormats[locale].format(new Date(`${date}T00:00:00Z`));
}

/** An RSS (RFC 822) date for the town date of an instant, at its midnight: no time of day is given away. */
export function rssTownDate(instant: string): string {
  return new Date(`${townDate(new Date(instant))}T00:00:00Z`).toUTCString().replace('GMT', '+0800');
}

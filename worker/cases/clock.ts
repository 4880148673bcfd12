/**
 * Time as the town reads it. Stored times are UTC ISO strings; the town lives in Asia/Shanghai
 * (UTC+8 all year, no daylight saving), so conversions are a fixed offset.
 */
import { town } from '../../content/index.ts';

const TOWN_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar year in town time at `instant`. */
export function townYear(instant: Date): number {
  return new Date(instant.getTime() + TOWN_OFFSET_MS).getUTCFullYear();
}

/** The start of a public case number for `year`, e.g. CL-2026- (the database adds 000123). */
export function caseNumberPrefix(year: number): string {
  return `${town.caseNumberPrefix}-${year}-`;
}

/** Saturday and Sunday are rest days; the official holiday calendar refines this. */
function isWeekday(townDate: Date): boolean {
  const day = townDate.getUTCDay();
  return day !== 0 && day !== 6;
}

/**
 * The end (23:59:59 town time) of the `n`-th working day after `instant`, as a UTC instant.
 * Working days are Monday to Friday until the town's holiday calendar is loaded.
 */
export function endOfWorkingDaysAfter(instant: Date, n: number, isWorkingDay: (townDate: Date) => boolean = isWeekday): Date {
  const local = new Date(instant.getTime() + TOWN_OFFSET_MS);
  const day = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
  let remaining = n;
  while (remaining > 0) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (isWorkingDay(day)) remaining--;
  }
  return new Date(day.getTime() + 24 * 60 * 60 * 1000 - 1000 - TOWN_OFFSET_MS);
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

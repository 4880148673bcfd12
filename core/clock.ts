/**
 * Time as the town reads it. Stored times are UTC ISO strings; the town lives in Asia/Shanghai
 * (UTC+8 all year, no daylight saving), so conversions are a fixed offset.
 */
import { town } from '../content/index.ts';
import { coversYear, isWorkingDay } from '../content/workflow.ts';

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

/**
 * A UTC ISO instant written in town time for `locale`, e.g. 2026年11月26日 11:49; a time stored to
 * the day (the start of a town day, see storedDay) is written as its date alone.
 */
export function formatTownTime(iso: string, locale: 'zh-CN' | 'en'): string {
  if (iso === storedDay(new Date(iso))) return formatTownDate(iso, locale);
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

/*
 * How precisely each time is stored. A stored time is no finer than what reads it needs: joined
 * with any log that carries client addresses and times, a stored millisecond would be a name.
 * One helper per precision, used at every write; STORED_TIMES says which column has which (the
 * dump test reads every one of them against it, and docs/security.md's table repeats it).
 */

/** A resident's action, or a step in a case's history: the start (00:00 town time) of its town day, as a UTC ISO instant. */
export function storedDay(instant: Date): string {
  return startOfTownDay(instant).toISOString();
}

/** A deadline: the end (23:59:59 town time) of its town day, as a UTC ISO instant (what endOfWorkingDaysAfter gives). */
export function storedDeadline(instant: Date): string {
  return endOfTownDay(instant).toISOString();
}

/** A staff member's own action or session, which something reads to the minute: the minute, as a UTC ISO instant. */
export function storedMinute(instant: Date): string {
  return new Date(Math.floor(instant.getTime() / 60_000) * 60_000).toISOString();
}

/** An expiry only a cron reads: the first full hour at least `ms` after `instant`, as a UTC ISO instant. */
export function storedHourAfter(instant: Date, ms: number): string {
  return new Date(Math.ceil((instant.getTime() + ms) / 3_600_000) * 3_600_000).toISOString();
}

export type StoredPrecision = 'day' | 'deadline' | 'minute' | 'hour' | 'date';

/** Whether a stored value is no finer than `precision` (a 'date' is YYYY-MM-DD, the others UTC ISO instants). */
export function hasPrecision(value: string, precision: StoredPrecision): boolean {
  if (precision === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(value);
  const t = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) || Number.isNaN(t)) return false;
  const d = new Date(t);
  switch (precision) {
    case 'day':
      return value === storedDay(d);
    case 'deadline':
      return value === storedDeadline(d);
    case 'minute':
      return value === storedMinute(d);
    case 'hour':
      return t % 3_600_000 === 0;
  }
}

/**
 * Every stored time, by table and column: its precision (a column some of whose values are a day's
 * start and some a deadline lists both) and why. Periods named by key (weekly_sheets.week,
 * monthly_notices.month, request_budgets.hour …) are not times of anything that happened.
 */
export const STORED_TIMES: Record<string, Record<string, { precision: StoredPrecision[]; why: string }>> = {
  cases: {
    created_at: { precision: ['day'], why: 'arrival: the resident acted; deadlines and statistics count town days' },
    updated_at: { precision: ['day'], why: 'last change (a follow-up is the resident’s); shown as a date' },
    accepted_at: { precision: ['day'], why: 'acceptance; its deadline ends with a town day' },
    closed_at: { precision: ['day'], why: 'closing; check-ins and statistics count days from it' },
    kept_at: { precision: ['day'], why: 'kept from its village (the resident said so at arrival); statistics by period' },
    accept_due_at: { precision: ['deadline'], why: 'a deadline ends with a working day (23:59:59 town time)' },
    due_at: { precision: ['deadline'], why: 'a deadline ends with a working day' },
    committee_due_at: { precision: ['deadline'], why: 'the committee takes a case up by the end of a working day (Art. 16)' },
    notice_due_at: { precision: ['deadline'], why: 'a notice to a real-name reporter is owed by the end of a working day' },
  },
  case_events: { created_at: { precision: ['day'], why: 'every step of a case, the resident’s and staff’s alike; order within a case is its seq' } },
  // The check-ins' times: by day, as the issue asks of a check-in's answer.
  case_checkins: {
    closed_at: { precision: ['day'], why: 'the closing a check-in follows (cases.closed_at then)' },
    answered_at: { precision: ['day'], why: 'the resident’s answer, recorded by day' },
  },
  case_feedback: { created_at: { precision: ['day'], why: 'the resident’s verdict' } },
  case_claims: { claimed_at: { precision: ['day'], why: 'the resident claimed the case; shown as a day' } },
  case_sendups: { sent_on: { precision: ['day'], why: 'the day a case was sent up to the county; shown as a day' } },
  submissions: { created_at: { precision: ['day'], why: 'the resident’s arrival (the receipt’s replay window travels sealed with the code)' } },
  track_tokens: { expires_at: { precision: ['hour'], why: 'a lookup’s token lives at least 30 minutes, to the next full hour; only the cron reads it' } },
  stat_spans: {
    from_at: { precision: ['day'], why: 'copied from the event log' },
    to_at: { precision: ['day'], why: 'copied from the event log' },
    deadline: { precision: ['deadline'], why: 'copied from the deadlines' },
    clock_ended_at: { precision: ['day', 'deadline'], why: 'the earlier of the span’s end and its deadline' },
    rated_at: { precision: ['day'], why: 'copied from case_feedback' },
    spam_at: { precision: ['day'], why: 'copied from the event log' },
    kept_at: { precision: ['day'], why: 'copied from cases' },
  },
  staff_users: { created_at: { precision: ['minute'], why: 'a staff member’s own action' } },
  staff_sessions: {
    created_at: { precision: ['minute'], why: 'a session ends 12 hours after sign-in' },
    last_seen_at: { precision: ['minute'], why: 'a session ends after 30 idle minutes' },
  },
  sign_in_failures: { last_at: { precision: ['minute'], why: 'a count of failures is forgotten after a quiet spell of minutes' } },
  case_access: { at: { precision: ['minute'], why: 'staff openings within 10 minutes count once; the admin reads who opened what' } },
  conflict_declarations: { at: { precision: ['day'], why: 'a step in the case’s history (it may keep the case from its village that day)' } },
  discipline_account_log: { at: { precision: ['minute'], why: 'changes to discipline accounts, read by the committee' } },
  staff_rights: {
    granted_at: { precision: ['minute'], why: 'the administrator grants a publishing right; the accounts page shows it' },
    revoked_at: { precision: ['minute'], why: 'the administrator takes a right back, or a role change does' },
  },
  staff_rights_log: { at: { precision: ['minute'], why: 'the log of granted and revoked rights, read by the administrator' } },
  outcomes: {
    published_at: { precision: ['minute'], why: 'staff publish; the public pages show the date' },
    withdrawn_at: { precision: ['minute'], why: 'staff withdraw' },
  },
  weekly_sheets: { generated_at: { precision: ['minute'], why: 'the cron’s own run' } },
  monthly_notices: {
    drafted_at: { precision: ['minute'], why: 'the cron’s own run' },
    published_at: { precision: ['minute'], why: 'staff publish' },
  },
  quarterly_assessments: { computed_at: { precision: ['minute'], why: 'the cron’s own run' } },
  record_entries: {
    entry_date: { precision: ['date'], why: 'the day the form describes' },
    created_at: { precision: ['minute'], why: 'an officer’s own entry; counted by period' },
    reviewed_at: { precision: ['minute'], why: 'the admin’s review' },
  },
  committee_keys: {
    created_at: { precision: ['minute'], why: 'the committee’s own action' },
    retired_at: { precision: ['minute'], why: 'the committee’s own action' },
  },
  member_keys: { updated_at: { precision: ['minute'], why: 'a member’s own action' } },
  code_cards: { printed_at: { precision: ['minute'], why: 'the printing staff member’s own action' } },
  stats_releases: {
    cutoff: { precision: ['date'], why: 'a town date' },
    released_on: { precision: ['date'], why: 'a town date' },
  },
  town_days: { date: { precision: ['date'], why: 'a town date' } },
  // Documents published from the console: who did what is kept by town day, as the issue asks.
  documents: {
    created_at: { precision: ['day'], why: 'the first draft; shown by day' },
    withdrawn_at: { precision: ['day'], why: 'the withdrawal notice says the day' },
  },
  document_versions: {
    published_at: { precision: ['day'], why: 'approval; the public page and the feed say the day' },
    updated_at: { precision: ['day'], why: 'the last save or move; the console shows the day' },
  },
  document_comments: { at: { precision: ['day'], why: 'a reviewer’s comment, shown by day' } },
  document_audit: { at: { precision: ['day'], why: 'who drafted, approved, returned or withdrew, by day' } },
  case_photos: { added_on: { precision: ['day'], why: 'a photo joins its case with the submission or a follow-up, by day like them' } },
  disclosure_addenda: { published_on: { precision: ['day'], why: 'an answer published under a disclosure says its day' } },
};

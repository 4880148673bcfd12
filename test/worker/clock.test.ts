import { describe, expect, it } from 'vitest';
import { isWorkingDay, coversYear } from '../../content/workflow.ts';
import { parseCalendar } from '../../content/settings-schemas.ts';
import { endOfWorkingDaysAfter, formatTownTime, hasPrecision, missingCalendarYear, provisionalYear, storedDay, storedDeadline, storedHourAfter, storedMinute, townYear, workingDaysBetween } from '../../core/clock.ts';

describe('the town clock (Asia/Shanghai)', () => {
  it('takes the year in town time, which starts eight hours before UTC’s', () => {
    expect(townYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
    expect(townYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
  });

  it('gives acceptance until the end of the next working day', () => {
    // Thursday 26 Nov 2026, 11:55 town time → end of Friday 27 Nov.
    expect(endOfWorkingDaysAfter(new Date('2026-11-26T03:55:00Z'), 1).toISOString()).toBe('2026-11-27T15:59:59.000Z');
    // Friday evening, 23:30 town time → end of Monday 30 Nov.
    expect(endOfWorkingDaysAfter(new Date('2026-11-27T15:30:00Z'), 1).toISOString()).toBe('2026-11-30T15:59:59.000Z');
    // Saturday → end of Monday; Sunday 00:30 town time (Saturday in UTC) → end of Monday too.
    expect(endOfWorkingDaysAfter(new Date('2026-11-28T04:00:00Z'), 1).toISOString()).toBe('2026-11-30T15:59:59.000Z');
    expect(endOfWorkingDaysAfter(new Date('2026-11-28T16:30:00Z'), 1).toISOString()).toBe('2026-11-30T15:59:59.000Z');
    // Five working days from a Wednesday skip one weekend.
    expect(endOfWorkingDaysAfter(new Date('2026-11-25T02:00:00Z'), 5).toISOString()).toBe('2026-12-02T15:59:59.000Z');
  });

  it('skips official holidays and counts adjusted working weekends (调休) from the town calendar', () => {
    // National Day 2026: 1–7 Oct off; Saturday 10 Oct is a working day.
    expect(endOfWorkingDaysAfter(new Date('2026-09-30T02:00:00Z'), 1).toISOString()).toBe('2026-10-08T15:59:59.000Z');
    expect(endOfWorkingDaysAfter(new Date('2026-10-09T02:00:00Z'), 1).toISOString()).toBe('2026-10-10T15:59:59.000Z');
    // Sunday 20 Sep 2026 is a working day: from Saturday 19 Sep, one working day ends on the 20th.
    expect(endOfWorkingDaysAfter(new Date('2026-09-19T02:00:00Z'), 1).toISOString()).toBe('2026-09-20T15:59:59.000Z');
    // Spring Festival: from Friday 13 Feb, 3 working days are Sat 14 (adjusted), Tue 24, Wed 25.
    expect(endOfWorkingDaysAfter(new Date('2026-02-13T02:00:00Z'), 3).toISOString()).toBe('2026-02-25T15:59:59.000Z');
  });

  it('accepts another calendar, e.g. a year not yet published (Monday to Friday)', () => {
    const holidays = new Set(['2026-11-27']);
    const workingDay = (d: string) => !holidays.has(d) && ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
    expect(endOfWorkingDaysAfter(new Date('2026-11-26T03:55:00Z'), 1, workingDay).toISOString()).toBe('2026-11-30T15:59:59.000Z');
  });

  it('counts working days between two instants', () => {
    expect(workingDaysBetween(new Date('2026-11-26T01:00:00Z'), new Date('2026-11-26T09:00:00Z'))).toBe(0);
    expect(workingDaysBetween(new Date('2026-11-26T01:00:00Z'), new Date('2026-11-30T01:00:00Z'))).toBe(2);
    expect(workingDaysBetween(new Date('2026-09-30T01:00:00Z'), new Date('2026-10-09T01:00:00Z'))).toBe(2);
  });

  it('shows stored UTC times in town time, in both languages', () => {
    expect(formatTownTime('2026-11-26T03:55:00.000Z', 'zh-CN')).toBe('2026年11月26日 11:55');
    expect(formatTownTime('2026-12-31T16:30:00.000Z', 'en')).toBe('1 Jan 2027, 00:30');
  });
});

describe('a year the calendar lacks', () => {
  const only2026 = (year: number) => year === 2026;
  const both = (year: number) => year === 2026 || year === 2027;

  it('is warned about from 60 days before it begins, and every day once it has begun', () => {
    // 2 November 2026 is 60 days before 1 January 2027 (town time).
    expect(missingCalendarYear(new Date('2026-11-01T15:59:59Z'), only2026)).toBeNull();
    expect(missingCalendarYear(new Date('2026-11-01T16:00:00Z'), only2026)).toEqual({ year: 2027, started: false });
    expect(missingCalendarYear(new Date('2026-12-01T04:00:00Z'), only2026)).toEqual({ year: 2027, started: false });
    expect(missingCalendarYear(new Date('2026-12-31T16:00:00Z'), only2026)).toEqual({ year: 2027, started: true });
    expect(missingCalendarYear(new Date('2027-06-01T04:00:00Z'), only2026)).toEqual({ year: 2027, started: true });
    // Entered: no warning until 60 days before 2028.
    expect(missingCalendarYear(new Date('2026-12-01T04:00:00Z'), both)).toBeNull();
    expect(missingCalendarYear(new Date('2027-11-02T04:00:00Z'), both)).toEqual({ year: 2028, started: false });
  });

  it('makes a deadline or a count in it provisional', () => {
    expect(provisionalYear(new Date('2026-12-31T15:59:59Z'), undefined, only2026)).toBeNull();
    expect(provisionalYear(new Date('2027-01-04T15:59:59Z'), undefined, only2026)).toBe(2027);
    expect(provisionalYear(new Date('2026-12-20T15:59:59Z'), new Date('2027-01-05T04:00:00Z'), only2026)).toBe(2027);
    expect(provisionalYear(new Date('2027-01-04T15:59:59Z'), undefined, both)).toBeNull();
  });

  it('counts Monday to Friday until its holidays are entered, then skips them', () => {
    // The shipped calendar has 2026 only: 1 January 2027 (a Friday) counts as a working day.
    expect(coversYear(2026)).toBe(true);
    expect(isWorkingDay('2027-01-01')).toBe(true);
    // Entered (an example arrangement, not the official one): the holiday is skipped, the adjusted Saturday counted,
    // and a New Year holiday that begins in the December before is read from the new year's notice.
    const entered = parseCalendar({
      source: { 'zh-CN': '示例', en: 'Example' },
      years: {
        '2026': { notice: '国务院办公厅关于2026年部分节假日安排的通知', holidays: ['2026-10-01'], adjustedWorkdays: [] },
        '2027': { notice: '示例通知（不是真实的安排）', holidays: ['2026-12-31', '2027-01-01'], adjustedWorkdays: ['2027-01-09'] },
      },
    });
    expect(isWorkingDay('2026-12-31', entered)).toBe(false);
    expect(isWorkingDay('2027-01-01', entered)).toBe(false);
    expect(isWorkingDay('2027-01-09', entered)).toBe(true);
    const workingDay = (d: string) => isWorkingDay(d, entered);
    // From Wednesday 30 December 2026, one working day: Thursday 31 and Friday 1 are off, Monday 4 January.
    expect(endOfWorkingDaysAfter(new Date('2026-12-30T02:00:00Z'), 1, workingDay).toISOString()).toBe('2027-01-04T15:59:59.000Z');
  });
});


describe('stored precisions', () => {
  it('keep a day as 00:00 town time, a deadline as 23:59:59, a minute without seconds, an expiry on a full hour', () => {
    const late = new Date('2026-11-25T17:30:12.345Z'); // 01:30 on 26 November, town time
    expect(storedDay(late)).toBe('2026-11-25T16:00:00.000Z');
    expect(storedDeadline(late)).toBe('2026-11-26T15:59:59.000Z');
    expect(storedMinute(late)).toBe('2026-11-25T17:30:00.000Z');
    expect(storedHourAfter(late, 30 * 60_000)).toBe('2026-11-25T19:00:00.000Z');
    expect(storedHourAfter(new Date('2026-11-25T17:29:00.000Z'), 30 * 60_000)).toBe('2026-11-25T18:00:00.000Z');
    expect(hasPrecision(storedDay(late), 'day')).toBe(true);
    expect(hasPrecision(late.toISOString(), 'day')).toBe(false);
    expect(hasPrecision(late.toISOString(), 'minute')).toBe(false);
    expect(hasPrecision('2026-11-26', 'date')).toBe(true);
    // A time stored as a day is shown as its date.
    expect(formatTownTime(storedDay(late), 'zh-CN')).toBe('2026年11月26日');
  });
});

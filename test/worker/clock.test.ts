import { describe, expect, it } from 'vitest';
import { endOfWorkingDaysAfter, formatTownTime, townYear, workingDaysBetween } from '../../worker/cases/clock.ts';

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

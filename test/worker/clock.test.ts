import { describe, expect, it } from 'vitest';
import { endOfWorkingDaysAfter, formatTownTime, townYear } from '../../worker/cases/clock.ts';

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

  it('follows a holiday calendar when given one', () => {
    const holidays = new Set(['2026-11-27']);
    const isWorkingDay = (d: Date) => d.getUTCDay() % 6 !== 0 && !holidays.has(d.toISOString().slice(0, 10));
    expect(endOfWorkingDaysAfter(new Date('2026-11-26T03:55:00Z'), 1, isWorkingDay).toISOString()).toBe('2026-11-30T15:59:59.000Z');
  });

  it('shows stored UTC times in town time, in both languages', () => {
    expect(formatTownTime('2026-11-26T03:55:00.000Z', 'zh-CN')).toBe('2026年11月26日 11:55');
    expect(formatTownTime('2026-12-31T16:30:00.000Z', 'en')).toBe('1 Jan 2027, 00:30');
  });
});

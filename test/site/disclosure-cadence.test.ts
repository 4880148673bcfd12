// The disclosure calendar: when each period is due, what is overdue, what is due next.
import { describe, expect, it } from 'vitest';
import {
  addDays,
  cadenceOf,
  dueDate,
  nextPeriod,
  parsePeriod,
  periodContaining,
  periodEnd,
  scheduleOf,
  type Published,
} from '../../core/disclosure-cadence.ts';

const rules = { dueDaysAfterPeriod: 10, dueDaysAfterEvent: 7 };
const period = (text: string) => {
  const parsed = parsePeriod(text);
  if (!parsed) throw new Error(`not a period: ${text}`);
  return parsed;
};

describe('disclosure periods', () => {
  it('reads months, quarters and event days, and nothing else', () => {
    expect(parsePeriod('2026-10')).toEqual({ cadence: 'monthly', year: 2026, month: 10 });
    expect(parsePeriod('2026-Q3')).toEqual({ cadence: 'quarterly', year: 2026, quarter: 3 });
    expect(parsePeriod('2026-09-15')).toEqual({ cadence: 'event', date: '2026-09-15' });
    for (const wrong of ['2026-13', '2026-Q5', '2026-02-30', '26-10', '2026-10-1']) expect(parsePeriod(wrong), wrong).toBeUndefined();
  });

  it('ends on the last day of the month, including February in leap years', () => {
    expect(periodEnd(period('2026-01'))).toBe('2026-01-31');
    expect(periodEnd(period('2026-02'))).toBe('2026-02-28');
    expect(periodEnd(period('2028-02'))).toBe('2028-02-29');
    expect(periodEnd(period('2026-04'))).toBe('2026-04-30');
    expect(periodEnd(period('2026-12'))).toBe('2026-12-31');
  });

  it('ends quarters on 31 March, 30 June, 30 September and 31 December', () => {
    expect(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'].map((q) => periodEnd(period(q)))).toEqual([
      '2026-03-31',
      '2026-06-30',
      '2026-09-30',
      '2026-12-31',
    ]);
  });

  it('is due the set number of days after the period ends, or after the event', () => {
    expect(dueDate(period('2026-10'), rules)).toBe('2026-11-10');
    expect(dueDate(period('2026-12'), rules)).toBe('2027-01-10');
    expect(dueDate(period('2026-Q4'), rules)).toBe('2027-01-10');
    expect(dueDate(period('2026-02'), rules)).toBe('2026-03-10');
    expect(dueDate(period('2026-09-28'), rules)).toBe('2026-10-05');
  });

  it('steps to the next month or quarter across the year', () => {
    expect(nextPeriod(period('2026-12'))).toEqual(period('2027-01'));
    expect(nextPeriod(period('2026-Q4'))).toEqual(period('2027-Q1'));
    expect(periodContaining('2026-08-31', 'quarterly')).toEqual(period('2026-Q3'));
    expect(periodContaining('2026-08-31', 'monthly')).toEqual(period('2026-08'));
    expect(addDays('2026-02-25', 5)).toBe('2026-03-02');
  });

  it('follows the law: finances at the village’s cadence, assets and subsidies quarterly, projects and decisions when they happen', () => {
    expect(cadenceOf('finances', 'monthly')).toBe('monthly');
    expect(cadenceOf('finances', 'quarterly')).toBe('quarterly');
    expect(cadenceOf('assets', 'monthly')).toBe('quarterly');
    expect(cadenceOf('subsidies', 'monthly')).toBe('quarterly');
    expect(cadenceOf('projects', 'monthly')).toBe('event');
    expect(cadenceOf('decisions', 'quarterly')).toBe('event');
  });
});

describe('a village’s schedule', () => {
  const monthly = (today: string, published: Published[]) =>
    scheduleOf({ kind: 'finances', cadence: 'monthly', since: '2026-07-01', today, published, rules });

  it('with everything published on time, names the next month and its due day', () => {
    const s = monthly('2026-11-26', [
      { period: '2026-07', published: '2026-08-06' },
      { period: '2026-08', published: '2026-09-07' },
      { period: '2026-09', published: '2026-10-09' },
      { period: '2026-10', published: '2026-11-06' },
    ]);
    expect(s.overdue).toEqual([]);
    expect(s.late).toEqual([]);
    expect(s.next).toEqual({ period: '2026-11', due: '2026-12-10' });
    expect(s.latest).toEqual({ period: '2026-10', published: '2026-11-06' });
  });

  it('flags a month whose due day has passed with nothing published, from the day after the due day', () => {
    const published = [
      { period: '2026-07', published: '2026-08-06' },
      { period: '2026-08', published: '2026-09-07' },
      { period: '2026-09', published: '2026-10-09' },
    ];
    expect(monthly('2026-11-10', published).overdue).toEqual([]);
    expect(monthly('2026-11-10', published).next).toEqual({ period: '2026-10', due: '2026-11-10' });
    expect(monthly('2026-11-11', published).overdue).toEqual([{ period: '2026-10', due: '2026-11-10' }]);
    expect(monthly('2026-11-11', published).next).toEqual({ period: '2026-11', due: '2026-12-10' });
  });

  it('lists every missing month, not only the last, and counts none before the village started here', () => {
    const s = monthly('2027-01-15', [{ period: '2026-08', published: '2026-09-01' }]);
    expect(s.overdue.map((o) => o.period)).toEqual(['2026-07', '2026-09', '2026-10', '2026-11', '2026-12']);
    expect(s.next).toEqual({ period: '2027-01', due: '2027-02-10' });
  });

  it('marks a disclosure published after its due day as late, but not as overdue', () => {
    const s = scheduleOf({
      kind: 'subsidies',
      cadence: 'quarterly',
      since: '2026-07-01',
      today: '2026-11-26',
      published: [{ period: '2026-Q3', published: '2026-10-20' }],
      rules,
    });
    expect(s.overdue).toEqual([]);
    expect(s.late).toEqual([{ period: '2026-Q3', due: '2026-10-10', published: '2026-10-20' }]);
    expect(s.next).toEqual({ period: '2026-Q4', due: '2027-01-10' });
  });

  it('starts with the quarter that contains the start day', () => {
    const s = scheduleOf({ kind: 'assets', cadence: 'quarterly', since: '2026-08-15', today: '2026-10-11', published: [], rules });
    expect(s.overdue).toEqual([{ period: '2026-Q3', due: '2026-10-10' }]);
    expect(s.latest).toBeUndefined();
  });

  it('has no due day for matters disclosed when they happen, only late ones', () => {
    const s = scheduleOf({
      kind: 'projects',
      cadence: 'event',
      since: '2026-07-01',
      today: '2026-11-26',
      published: [
        { period: '2026-09-15', published: '2026-09-21' },
        { period: '2026-10-01', published: '2026-10-20' },
      ],
      rules,
    });
    expect(s.next).toBeUndefined();
    expect(s.overdue).toEqual([]);
    expect(s.late).toEqual([{ period: '2026-10-01', due: '2026-10-08', published: '2026-10-20' }]);
    expect(s.latest?.period).toBe('2026-10-01');
  });
});

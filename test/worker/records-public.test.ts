// The performance record form in public: counts per village and focus, one table per released
// month (entries counted in the month they were written), nothing more, with small counts shown as
// "<3" and complementary suppression.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { town } from '../../content/index.ts';
import { FOCUSES, recordPeriod, type PublicCount, type PublicRecordCounts, type RecordPeriod } from '../../worker/cases/record-form.ts';
import { scheduledStatistics } from '../../worker/services/stats.ts';
import { call } from './support.ts';
import { createStaff, staffMember, staffPost } from './staff-support.ts';

const SECRET_MATTER = '只在工作台可见的监督事项';

/** How many entries of each focus, per village and the month they were written in. */
const PLAN: [village: string, month: string, decisions: number, integrity: number, power: number][] = [
  ['qinglian', '2026-10', 5, 1, 4],
  ['qinglian', '2026-11', 3, 6, 0],
  ['dongling', '2026-11', 0, 0, 2],
];

beforeAll(async () => {
  const officers: Record<string, number> = {};
  for (const village of ['qinglian', 'dongling']) {
    const username = await createStaff('liaison', village);
    officers[village] = (await env.DB.prepare('SELECT id FROM staff_users WHERE username = ?1').bind(username).first<{ id: number }>())!.id;
  }
  const statements: D1PreparedStatement[] = [];
  let n = 0;
  for (const [village, month, ...counts] of PLAN) {
    FOCUSES.forEach((focus, j) => {
      for (let k = 0; k < counts[j]!; k++) {
        statements.push(
          env.DB.prepare(
            `INSERT INTO record_entries (client_id, village_id, officer_id, entry_date, focus, matter, findings, actions, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, '未发现问题', '无', ?7)`,
          ).bind(`public-test-${++n}`, village, officers[village], `${month}-0${(k % 9) + 1}`, focus, SECRET_MATTER, `${month}-1${k % 9}T02:00:00.000Z`),
        );
      }
    });
  }
  await env.DB.batch(statements);
  // November is released on 1 December at 06:00 town time.
  await scheduledStatistics(env.DB, new Date('2026-12-01T02:00:00Z'));
});

const isNumber = (c: PublicCount): c is number => typeof c === 'number';

/** No hidden cell of a line (a village's focuses and total, a focus's villages and total) may be the only hidden one. */
function expectNoLoneHiddenCell(p: RecordPeriod) {
  const lines: PublicCount[][] = [
    ...p.villages.map((v) => [...FOCUSES.map((f) => v.counts[f]), v.total]),
    ...FOCUSES.map((f) => [...p.villages.map((v) => v.counts[f]), p.focusTotals[f]]),
    [...FOCUSES.map((f) => p.focusTotals[f]), p.total],
  ];
  for (const line of lines) expect(line.filter((c) => !isNumber(c)).length, `${p.period}: ${JSON.stringify(line)}`).not.toBe(1);
  for (const line of lines) for (const c of line) if (isNumber(c)) expect([1, 2]).not.toContain(c);
}

describe('GET /api/public/records.json', () => {
  it('answers anyone with each released month’s counts per village and focus, small ones as "<3"', async () => {
    const res = await call('/api/public/records.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const text = await res.text();
    expect(text).not.toContain(SECRET_MATTER);
    expect(text).not.toContain('未发现问题');
    const body = JSON.parse(text) as PublicRecordCounts;
    expect(body.schema).toBe(2);
    expect(body.focuses).toEqual(['decisions', 'integrity', 'power']);
    expect(body.periods.map((p) => [p.period, p.cutoff])).toEqual([['2026-10', '2026-10-31'], ['2026-11', '2026-11-30']]);
    for (const p of body.periods) expect(p.villages.map((v) => v.id)).toEqual(town.villages.map((v) => v.id));

    const [october, november] = body.periods as [RecordPeriod, RecordPeriod];
    expect(october.villages.find((v) => v.id === 'qinglian')!.counts.integrity).toBe('<3');
    // Every count shown is the true one; the small one's partners are hidden rather than altered.
    for (const [village, month, ...counts] of PLAN) {
      const row = body.periods.find((p) => p.period === month)!.villages.find((v) => v.id === village)!;
      FOCUSES.forEach((f, j) => {
        if (isNumber(row.counts[f])) expect(row.counts[f]).toBe(counts[j]);
      });
    }
    expect(november.villages.find((v) => v.id === 'dongling')!.counts.power).toBe('<3');
    // A village without entries shows zeros (a zero may be withheld to protect another cell).
    const xiling = november.villages.find((v) => v.id === 'xiling')!;
    for (const c of [...Object.values(xiling.counts), xiling.total]) expect([0, 'suppressed']).toContain(c);
    for (const p of body.periods) expectNoLoneHiddenCell(p);
  });

  it('does not change when an officer adds an entry, until the next release', async () => {
    const before = await (await call('/api/public/records.json')).text();
    const officer = await staffMember('liaison', 'qinglian');
    const res = await staffPost(officer, '/staff/records', {
      entryId: 'public-test-from-the-form-0001',
      date: '2026-11-03',
      focus: 'power',
      matter: SECRET_MATTER,
      findings: '未发现问题',
      actions: '无',
      caseAction: 'none',
    });
    expect(res.status).toBe(303);
    expect(await (await call('/api/public/records.json')).text()).toBe(before);
    // Written today, it counts in this month's release, on the first working day of next month.
    await scheduledStatistics(env.DB, new Date(Date.now() + 40 * 86_400_000));
    const body = (await (await call('/api/public/records.json')).json()) as PublicRecordCounts;
    const latest = body.periods.at(-1)!;
    expect(latest.period > '2026-11').toBe(true);
    expect(body.periods.slice(0, 2)).toEqual((JSON.parse(before) as PublicRecordCounts).periods);
    expect(latest.villages.find((v) => v.id === 'qinglian')!.counts.power).toBe('<3');
    expectNoLoneHiddenCell(latest);
  });
});

describe('recordPeriod', () => {
  it('publishes large counts as they are and hides every small one with a partner', () => {
    const published = recordPeriod('month', '2026-09', '2026-09-30', [
      { villageId: 'qinglian', focus: 'decisions', n: 10 },
      { villageId: 'qinglian', focus: 'integrity', n: 2 },
      { villageId: 'qinglian', focus: 'power', n: 7 },
      { villageId: 'dongling', focus: 'decisions', n: 4 },
      { villageId: 'dongling', focus: 'integrity', n: 5 },
      { villageId: 'dongling', focus: 'power', n: 6 },
      { villageId: 'dongling', focus: 'not-a-focus', n: 1 },
    ]);
    expect(published.villages.find((v) => v.id === 'qinglian')!.counts.integrity).toBe('<3');
    expectNoLoneHiddenCell(published);
  });

  it('publishes a table without small counts whole', () => {
    const published = recordPeriod('month', '2026-10', '2026-10-31', [
      { villageId: 'dongling', focus: 'decisions', n: 3 },
      { villageId: 'dongling', focus: 'integrity', n: 4 },
      { villageId: 'dongling', focus: 'power', n: 5 },
    ]);
    expect(published.villages.find((v) => v.id === 'dongling')).toEqual({ id: 'dongling', counts: { decisions: 3, integrity: 4, power: 5 }, total: 12 });
    expect(published.focusTotals).toEqual({ decisions: 3, integrity: 4, power: 5 });
    expect(published.total).toBe(12);
  });
});

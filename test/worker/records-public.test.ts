// The performance record form in public: counts per village, month and focus, nothing more, with
// small counts shown as "<3" and complementary suppression.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { town } from '../../content/index.ts';
import { FOCUSES, publicRecordCounts, type PublicCount, type PublicRecordCounts } from '../../worker/cases/record-form.ts';
import { call } from './support.ts';
import { createStaff, staffMember, staffPost } from './staff-support.ts';

const SECRET_MATTER = '只在工作台可见的监督事项';

/** How many entries of each focus, per village and month. */
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
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, '未发现问题', '无', '2026-11-20T00:00:00Z')`,
          ).bind(`public-test-${++n}`, village, officers[village], `${month}-0${(k % 9) + 1}`, focus, SECRET_MATTER),
        );
      }
    });
  }
  await env.DB.batch(statements);
});

const isNumber = (c: PublicCount): c is number => typeof c === 'number';

/** No hidden cell of a line (its cells and its total) may be the only hidden one: it would follow by subtraction. */
function expectNoLoneHiddenCell(published: PublicRecordCounts) {
  for (const v of published.villages) {
    const lines: PublicCount[][] = [
      ...v.months.map((m) => [...FOCUSES.map((f) => m.counts[f]), m.total]),
      ...FOCUSES.map((f) => [...v.months.map((m) => m.counts[f]), v.totals[f]]),
      [...FOCUSES.map((f) => v.totals[f]), v.total],
    ];
    for (const line of lines) expect(line.filter((c) => !isNumber(c)).length, `${v.id}: ${JSON.stringify(line)}`).not.toBe(1);
    for (const line of lines) for (const c of line) if (isNumber(c)) expect([1, 2]).not.toContain(c);
  }
}

describe('GET /api/public/records.json', () => {
  it('answers anyone with counts per village, month and focus, small ones as "<3"', async () => {
    const res = await call('/api/public/records.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const text = await res.text();
    expect(text).not.toContain(SECRET_MATTER);
    expect(text).not.toContain('未发现问题');
    const body = JSON.parse(text) as PublicRecordCounts;
    expect(body.schema).toBe(1);
    expect(body.focuses).toEqual(['decisions', 'integrity', 'power']);
    expect(body.villages.map((v) => v.id)).toEqual(town.villages.map((v) => v.id));

    const qinglian = body.villages.find((v) => v.id === 'qinglian')!;
    expect(qinglian.months.map((m) => m.month)).toEqual(['2026-10', '2026-11']);
    expect(qinglian.months[0]!.counts.integrity).toBe('<3');
    // Every count shown is the true one; the small one's partners are hidden rather than altered.
    for (const [village, month, ...counts] of PLAN) {
      const row = body.villages.find((v) => v.id === village)!.months.find((m) => m.month === month)!;
      FOCUSES.forEach((f, j) => {
        if (isNumber(row.counts[f])) expect(row.counts[f]).toBe(counts[j]);
      });
    }
    expect(Object.values(qinglian.months[1]!.counts).filter(isNumber).length).toBeGreaterThan(0);
    const dongling = body.villages.find((v) => v.id === 'dongling')!;
    expect(dongling.months[0]!.counts.power).toBe('<3');
    expect(dongling.total).toBe('<3');
    const quiet = body.villages.find((v) => !['qinglian', 'dongling'].includes(v.id))!;
    expect(quiet).toEqual({ id: quiet.id, months: [], totals: { decisions: 0, integrity: 0, power: 0 }, total: 0 });
    expectNoLoneHiddenCell(body);
  });

  it('changes as soon as an officer adds an entry', async () => {
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
    const body = (await (await call('/api/public/records.json')).json()) as PublicRecordCounts;
    const november = body.villages.find((v) => v.id === 'qinglian')!.months[1]!;
    // power went from 0 to 1: now a small count, and the month's other cells protect it.
    expect(november.counts.power).toBe('<3');
    expectNoLoneHiddenCell(body);
  });
});

describe('publicRecordCounts', () => {
  it('publishes large counts as they are and hides every small one with a partner', () => {
    const published = publicRecordCounts([
      { villageId: 'qinglian', month: '2026-09', focus: 'decisions', n: 10 },
      { villageId: 'qinglian', month: '2026-09', focus: 'integrity', n: 2 },
      { villageId: 'qinglian', month: '2026-09', focus: 'power', n: 7 },
      { villageId: 'qinglian', month: '2026-10', focus: 'decisions', n: 4 },
      { villageId: 'qinglian', month: '2026-10', focus: 'integrity', n: 5 },
      { villageId: 'qinglian', month: '2026-10', focus: 'power', n: 6 },
      { villageId: 'qinglian', month: '2026-10', focus: 'not-a-focus', n: 1 },
    ]);
    const q = published.villages.find((v) => v.id === 'qinglian')!;
    expect(q.months[0]!.counts.integrity).toBe('<3');
    expect(q.months[1]!.counts).toEqual({ decisions: expect.anything(), integrity: expect.anything(), power: expect.anything() });
    expectNoLoneHiddenCell(published);
  });

  it('publishes a table without small counts whole', () => {
    const published = publicRecordCounts([
      { villageId: 'dongling', month: '2026-10', focus: 'decisions', n: 3 },
      { villageId: 'dongling', month: '2026-10', focus: 'integrity', n: 4 },
      { villageId: 'dongling', month: '2026-10', focus: 'power', n: 5 },
    ]);
    const d = published.villages.find((v) => v.id === 'dongling')!;
    expect(d.months).toEqual([{ month: '2026-10', counts: { decisions: 3, integrity: 4, power: 5 }, total: 12 }]);
    expect(d.totals).toEqual({ decisions: 3, integrity: 4, power: 5 });
    expect(d.total).toBe(12);
  });
});

// The released statistics and the new routes: a case kept from its village leaves that village's
// tables (from the period it was kept in), and 打击报复 reports, kept cases and conflict declarations
// are counted town-wide by quarter only, with the small-count rule; a released period never changes.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../../worker/cases/access.ts';
import { validateSubmission } from '../../worker/cases/submission.ts';
import { declareConflict, moveCase } from '../../worker/services/handling.ts';
import { submit } from '../../worker/services/mailbox.ts';
import { computeRelease, foldStatistics, makeDueReleases, publication } from '../../worker/services/stats.ts';
import type { CommitteeRelease, PeriodTables } from '../../core/stats/figures.ts';
import { committeeKey } from './committee-support.ts';
import { spanDump, statsStaff } from './stats-history.ts';
import { call, submission } from './support.ts';
import { TEST_QUERY_CODE_KEY } from './test-key.ts';

let officer: Viewer;

beforeAll(async () => {
  await committeeKey();
  await statsStaff();
  const id = await env.DB.prepare(`INSERT INTO staff_users (username, display_name, role, village_id, password_hash, created_at) VALUES ('stats-officer', '东岭联络员', 'liaison', 'dongling', 'x', '2020-01-01') RETURNING id`).first<number>('id');
  officer = { id: id!, role: 'liaison', villageId: 'dongling' };
});

async function send(at: string, fields: Record<string, string>): Promise<string> {
  const s = validateSubmission(submission(fields));
  if (!s.ok) throw new Error(JSON.stringify(s.refusal));
  const sent = await submit(env.DB, TEST_QUERY_CODE_KEY, s.value, 'zh-CN', new Date(at));
  if (!sent.ok) throw new Error(sent.refusal.key);
  return sent.value.receipt.caseNumber;
}

const forceRefold = () => env.DB.prepare(`UPDATE stats_state SET fold_version = 'outdated' WHERE id = 1`).run();
const village = (p: PeriodTables, id: string) => p.villages.find((v) => v.id === id)!;

describe('the statistics of the new routes', () => {
  it('count kept cases in no village’s table, and 打击报复, kept cases and declarations town-wide by quarter', async () => {
    const { handler } = await statsStaff();
    // April 2024: in Qinglian two ordinary demands and three the residents kept from the village.
    for (const day of ['01', '02']) await send(`2024-04-${day}T02:00:00Z`, { village: 'qinglian' });
    for (const day of ['03', '04', '05']) await send(`2024-04-${day}T02:00:00Z`, { village: 'qinglian', concernsOfficers: 'yes' });
    // A Dongling demand its officer steps aside from in May, and then the town closes it in May.
    const dongling = await send('2024-04-08T02:00:00Z', { village: 'dongling' });
    expect(await declareConflict(env.DB, officer, dongling, { reason: 'relative' }, new Date('2024-05-10T02:00:00Z'))).toEqual({ ok: true, value: { takenBy: 'town' } });
    for (const [move, at] of [['accept', '2024-05-11'], ['resolve_at_once', '2024-05-12'], ['close', '2024-05-13']] as const) {
      expect((await moveCase(env.DB, handler, dongling, { move, message: '答复' }, new Date(`${at}T02:00:00Z`))).ok).toBe(true);
    }
    // The town handler steps aside from another case (town-wide count only).
    const other = await send('2024-05-20T02:00:00Z', { village: 'nanhe' });
    const second = await env.DB.prepare(`INSERT INTO staff_users (username, display_name, role, password_hash, created_at) VALUES ('stats-handler-2', '第二位', 'handler', 'x', '2020-01-01') RETURNING id`).first<number>('id');
    expect((await declareConflict(env.DB, { id: second!, role: 'handler', villageId: null }, other, { reason: 'other' }, new Date('2024-05-21T02:00:00Z'))).ok).toBe(true);
    // 打击报复 and reports about cadres in the quarter; a single 打击报复 in the next one.
    for (const day of ['10', '11', '12', '13']) await send(`2024-06-${day}T02:00:00Z`, { village: 'xiling', category: 'retaliation' });
    for (const day of ['14', '15', '16']) await send(`2024-06-${day}T02:00:00Z`, { village: 'xiling', category: 'cadre-report' });
    await send('2024-07-02T02:00:00Z', { village: 'beishan', category: 'retaliation' });

    await foldStatistics(env.DB);
    const april = JSON.parse(await computeRelease(env.DB, 'tables', 'month', '2024-04')) as PeriodTables;
    const may = JSON.parse(await computeRelease(env.DB, 'tables', 'month', '2024-05')) as PeriodTables;
    // Qinglian's table has its two ordinary demands only (shown "<3"), and the town's total has no kept case.
    expect(village(april, 'qinglian').counts.received).toBe('<3');
    expect(april.town.counts.received).toBe(3); // Qinglian's two and Dongling's one (kept only in May)
    expect(village(april, 'dongling').counts.received).toBe('<3');
    // Kept from May on: its closing in May is in nobody's table.
    expect(village(may, 'dongling').counts.closed).toBe(0);
    expect(may.town.counts.closed).toBe(0);
    // Nor in the town's open-cases line once kept: three open at the end of April (Qinglian's two
    // and Dongling's), two on 10 May, the day Dongling's was kept from its village.
    const { openAt } = await import('../../worker/db/stats.ts');
    expect(await openAt(env.DB, '2024-04-30T16:00:00.000Z')).toEqual({ open: 3, overdue: 3 });
    expect(await openAt(env.DB, '2024-05-10T16:00:00.000Z')).toEqual({ open: 2, overdue: 2 });
    // No 打击报复 and no report about cadres in any table.
    expect(april.receivedByVillageAndCategory.categories).not.toContain('retaliation');

    const q2 = JSON.parse(await computeRelease(env.DB, 'cadre', 'quarter', '2024-Q2')) as CommitteeRelease;
    expect(q2).toMatchObject({ period: '2024-Q2', cadreReports: 3, retaliation: 4, keptFromVillage: 4, conflictDeclarations: '<3', escalated: 0 });
    const q3 = JSON.parse(await computeRelease(env.DB, 'cadre', 'quarter', '2024-Q3')) as CommitteeRelease;
    expect(q3).toMatchObject({ retaliation: '<3', cadreReports: 0, keptFromVillage: 0, conflictDeclarations: 0 });

    // A later declaration changes no released period: Q2 and April compute to the same bytes afterwards.
    await makeDueReleases(env.DB, new Date('2024-10-10T00:00:00Z'));
    const stored = await env.DB.prepare(`SELECT kind, period, body FROM stats_releases WHERE period IN ('2024-04', '2024-Q2')`).all<{ kind: 'tables' | 'cadre'; period: string; body: string }>();
    expect(stored.results).toHaveLength(2);
    const lateOne = (await env.DB.prepare(`SELECT case_number FROM cases WHERE village_id = 'qinglian' AND kept_from_village IS NULL AND created_at < '2024-05-01' ORDER BY id LIMIT 1`).first<string>('case_number'))!;
    const qOfficer = await env.DB.prepare(`INSERT INTO staff_users (username, display_name, role, village_id, password_hash, created_at) VALUES ('stats-officer-q', '清廉联络员', 'liaison', 'qinglian', 'x', '2020-01-01') RETURNING id`).first<number>('id');
    expect((await declareConflict(env.DB, { id: qOfficer!, role: 'liaison', villageId: 'qinglian' }, lateOne, { reason: 'interest' }, new Date('2024-10-11T02:00:00Z'))).ok).toBe(true);
    await forceRefold();
    await foldStatistics(env.DB, { chunk: 5 });
    for (const r of stored.results) expect(await computeRelease(env.DB, r.kind, r.kind === 'cadre' ? 'quarter' : 'month', r.period), r.period).toBe(r.body);
  }, 60_000);

  it('fold the same spans case by case and from scratch, kept cases and declarations included', async () => {
    await foldStatistics(env.DB);
    const incremental = await spanDump();
    expect(incremental).toContain('"kept_at":"2024-05-09T16:00:00.000Z"'); // kept on 10 May (town day), stored as that day
    await forceRefold();
    expect(await foldStatistics(env.DB, { chunk: 3 })).toBe(true);
    expect(await spanDump()).toBe(incremental);
  });

  it('publish the new counts in the JSON, the CSV and the page, in both languages', async () => {
    const { stats } = await publication(env.DB);
    const q2 = stats!.committee.periods.find((p) => p.period === '2024-Q2')!;
    expect(q2).toMatchObject({ retaliation: 4, keptFromVillage: 4, conflictDeclarations: '<3' });
    // The open data a village officer can download counts none of Qinglian's three kept cases.
    const april = (await (await call('/api/public/stats.json')).json()) as { tables: { periods: PeriodTables[] } };
    const released = april.tables.periods.find((p) => p.period === '2024-04')!;
    expect(village(released, 'qinglian').counts.received).toBe('<3');
    expect(released.town.counts.received).toBe(3);
    const csv = await (await call('/api/public/stats.csv')).text();
    expect(csv).toContain('2024-04,2024-04-30,village,qinglian,清廉村（示例·示范村）,"Qinglian Village (sample, demonstration village)",received,<3');
    expect(csv).toContain('2024-Q2,2024-06-30,town,committee,全镇,Town,retaliation,4');
    expect(csv).toContain('2024-Q2,2024-06-30,town,committee,全镇,Town,conflictDeclarations,<3');
    expect(csv).toContain('2024-Q2,2024-06-30,town,committee,全镇,Town,keptFromVillage,4');
    const zh = await (await call('/api/public/stats.html')).text();
    for (const heading of ['打击报复反映（全镇）', '不经本村办理的反映（全镇）', '工作人员申请回避（全镇）']) expect(zh).toContain(heading);
    const en = await (await call('/api/public/stats.html?lang=en')).text();
    for (const heading of ['Reports of retaliation (town-wide)', 'Conflicts of interest declared by staff (town-wide)']) expect(en).toContain(heading);
  });
});

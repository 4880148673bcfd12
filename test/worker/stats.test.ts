// The statistics' fold and releases: the spans are the same however they are folded, a release
// covers exactly what happened before its cut-off, and a past release never changes.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { validateSubmission } from '../../worker/cases/submission.ts';
import { insertFeedback } from '../../worker/db/handling.ts';
import { markSpam, moveCase } from '../../worker/services/handling.ts';
import { submit } from '../../worker/services/mailbox.ts';
import { computeRelease, foldStatistics, makeDueReleases, publication, scheduledStatistics } from '../../worker/services/stats.ts';
import type { PeriodTables } from '../../core/stats/figures.ts';
import { randomHistories, spanDump, statsStaff } from './stats-history.ts';
import { submission } from './support.ts';
import { TEST_QUERY_CODE_KEY } from './test-key.ts';

const forceRefold = () => env.DB.prepare(`UPDATE stats_state SET fold_version = 'outdated' WHERE id = 1`).run();
const refoldCursor = () => env.DB.prepare(`SELECT refold_cursor FROM stats_state WHERE id = 1`).first<number | null>('refold_cursor');

describe('the statistics fold', () => {
  it('gives the same spans caught up case by case, refolded in one go, in small chunks, and after an interrupted refold', async () => {
    await foldStatistics(env.DB);
    await randomHistories({ seed: 8, cases: 30, from: '2026-03-02', days: 200, after: async () => void (await foldStatistics(env.DB)) });
    const incremental = await spanDump();
    expect(incremental.length).toBeGreaterThan(1000);

    await forceRefold();
    expect(await foldStatistics(env.DB, { chunk: 1_000_000 })).toBe(true);
    expect(await spanDump()).toBe(incremental);

    await forceRefold();
    expect(await foldStatistics(env.DB, { chunk: 3 })).toBe(true);
    expect(await spanDump()).toBe(incremental);

    // Interrupted after three chunks: nothing is released meanwhile, and the next run finishes it.
    await forceRefold();
    expect(await foldStatistics(env.DB, { chunk: 4, maxChunks: 3 })).toBe(false);
    expect(await refoldCursor()).toBeGreaterThan(0);
    expect(await scheduledStatistics(env.DB, new Date('2027-01-10T00:00:00Z'), { chunk: 4, maxChunks: 2 })).toBe(false);
    expect(await env.DB.prepare(`SELECT count(*) AS n FROM stats_releases`).first('n')).toBe(0);
    expect(await foldStatistics(env.DB, { chunk: 4 })).toBe(true);
    expect(await refoldCursor()).toBeNull();
    expect(await spanDump()).toBe(incremental);

    // The histories really exercised the fold.
    const statuses = new Set((JSON.parse(incremental) as { status: string }[]).map((s) => s.status));
    for (const s of ['received', 'accepted', 'in_progress', 'resolved', 'explained', 'closed', 'closed_unresolved', 'escalated', 'reopened']) expect(statuses).toContain(s);
  }, 120_000);

  it('reads each status of a case with its deadline, category, working days to close and verdict', async () => {
    const { handler } = await statsStaff();
    const s = validateSubmission(submission({ village: 'nanhe', category: 'suggestion' }));
    if (!s.ok) throw new Error('invalid');
    // Monday 2023-06-05 09:00 town time.
    const sent = await submit(env.DB, TEST_QUERY_CODE_KEY, s.value, 'zh-CN', new Date('2023-06-05T01:00:00Z'));
    if (!sent.ok) throw new Error('not sent');
    const n = sent.value.receipt.caseNumber;
    const at = (iso: string) => new Date(iso);
    expect((await moveCase(env.DB, handler, n, { move: 'accept', message: '已受理', categoryId: 'demand' }, at('2023-06-05T03:00:00Z'))).ok).toBe(true);
    expect((await moveCase(env.DB, handler, n, { move: 'set_time_limit', message: '限时办理', workingDays: 3 }, at('2023-06-05T04:00:00Z'))).ok).toBe(true);
    expect((await moveCase(env.DB, handler, n, { move: 'resolve', message: '已解决' }, at('2023-06-07T02:00:00Z'))).ok).toBe(true);
    expect((await moveCase(env.DB, handler, n, { move: 'close', message: '办结' }, at('2023-06-09T02:00:00Z'))).ok).toBe(true);
    const id = await env.DB.prepare('SELECT id, version FROM cases WHERE case_number = ?1').bind(n).first<{ id: number; version: number }>();
    await insertFeedback(env.DB, { id: id!.id, version: id!.version, closing: 0 }, { rating: 'satisfied', comment: null, at: '2023-06-10T02:00:00.000Z' }, null);
    await foldStatistics(env.DB);
    const { results } = await env.DB.prepare(`SELECT status, from_at, to_at, next_move, deadline, clock_ended_at, category_id, cadre, close_days, rating FROM stat_spans WHERE case_id = ?1 ORDER BY event_id`).bind(id!.id).all();
    expect(results).toEqual([
      // Due by the end of the next working day (Tuesday 6 June, 23:59:59 town time).
      // Every time is stored as its town day (00:00 town time), deadlines as the end of theirs.
      { status: 'received', from_at: '2023-06-04T16:00:00.000Z', to_at: '2023-06-04T16:00:00.000Z', next_move: 'accept', deadline: '2023-06-06T15:59:59.000Z', clock_ended_at: '2023-06-04T16:00:00.000Z', category_id: 'suggestion', cadre: 0, close_days: null, rating: null },
      { status: 'accepted', from_at: '2023-06-04T16:00:00.000Z', to_at: '2023-06-04T16:00:00.000Z', next_move: 'set_time_limit', deadline: null, clock_ended_at: null, category_id: 'demand', cadre: 0, close_days: null, rating: null },
      { status: 'in_progress', from_at: '2023-06-04T16:00:00.000Z', to_at: '2023-06-06T16:00:00.000Z', next_move: 'resolve', deadline: '2023-06-08T15:59:59.000Z', clock_ended_at: '2023-06-06T16:00:00.000Z', category_id: 'demand', cadre: 0, close_days: null, rating: null },
      { status: 'resolved', from_at: '2023-06-06T16:00:00.000Z', to_at: '2023-06-08T16:00:00.000Z', next_move: 'close', deadline: null, clock_ended_at: null, category_id: 'demand', cadre: 0, close_days: null, rating: null },
      // Monday to Friday: four working days; the verdict belongs to this closing.
      { status: 'closed', from_at: '2023-06-08T16:00:00.000Z', to_at: null, next_move: null, deadline: null, clock_ended_at: null, category_id: 'demand', cadre: 0, close_days: 4, rating: 'satisfied' },
    ]);

    // June's release counts it where each thing happened: received as a suggestion (its category
    // when it arrived), closed as a demand; accepted on time; resolved within its limit; one verdict.
    const june = JSON.parse(await computeRelease(env.DB, 'tables', 'month', '2023-06')) as PeriodTables;
    const nanhe = june.villages.find((v) => v.id === 'nanhe')!;
    expect(june.receivedByVillageAndCategory.cells[june.receivedByVillageAndCategory.villages.indexOf('nanhe')]![1]).toBe('<3');
    expect(nanhe.counts.received).toBe('<3');
    expect(nanhe.counts.closed).toBe('<3');
    expect(june.cutoff).toBe('2023-06-30');
  });
});

describe('releases', () => {
  it('are made once for every period since the first case, zeros included, and never for the period still running', async () => {
    const { handler } = await statsStaff();
    // Three cases in August 2025, none in September or October, four in November.
    for (const [i, at] of ['2025-08-04T02:00:00Z', '2025-08-05T02:00:00Z', '2025-08-06T02:00:00Z', '2025-11-03T02:00:00Z', '2025-11-04T02:00:00Z', '2025-11-05T02:00:00Z', '2025-11-06T02:00:00Z'].entries()) {
      const s = validateSubmission(submission({ village: i % 2 ? 'dongling' : 'qinglian', category: 'demand' }));
      if (!s.ok) throw new Error('invalid');
      const sent = await submit(env.DB, TEST_QUERY_CODE_KEY, s.value, 'zh-CN', new Date(at));
      if (sent.ok && i < 3) await moveCase(env.DB, handler, sent.value.receipt.caseNumber, { move: 'accept', message: '已受理' }, new Date(Date.parse(at) + 3_600_000));
    }
    // 2 December 2025, 10:00 town time: November was released on Monday 1 December at 06:00.
    const now = new Date('2025-12-02T02:00:00Z');
    expect(await scheduledStatistics(env.DB, now)).toBe(true);
    const made = await makeDueReleases(env.DB, now);
    expect(made).toBe(0); // a period that has its release keeps it
    const { stats } = await publication(env.DB);
    const months = stats!.tables.periods.filter((p) => p.period >= '2025-08' && p.period <= '2025-12');
    expect(months.map((p) => p.period)).toEqual(['2025-08', '2025-09', '2025-10', '2025-11']);
    expect(months.map((p) => p.town.counts.received)).toEqual([3, 0, 0, 4]);
    expect(months[1]!.villages.every((v) => v.counts.received === 0)).toBe(true);
    // 1 to 3 January 2026 are the New Year holiday; Sunday 4 January is an adjusted working day.
    expect(stats!.tables.next).toEqual({ period: '2025-12', due: '2026-01-04' });
    expect(stats!.builtAt).toBe('2025-12-01'); // the daily line's cut-off: the end of yesterday
    // Open at the end of 1 December: the three accepted in August and the four received in November, those four past their acceptance deadline.
    expect(stats!.openNow).toMatchObject({ period: '2025-12-01', cutoff: '2025-12-01', open: 7, overdue: 4 });
  });

  it('never change: after later events and a refold from scratch, each past release computes to the same bytes', async () => {
    await randomHistories({ seed: 11, cases: 25, from: '2021-01-04', days: 150 });
    const now = new Date('2021-04-02T00:00:00Z'); // March is released on 1 April
    await scheduledStatistics(env.DB, now);
    const { results: stored } = await env.DB.prepare(`SELECT kind, period, body FROM stats_releases WHERE period LIKE '2021%' ORDER BY kind, period`).all<{ kind: 'tables' | 'cadre' | 'records' | 'open'; period: string; body: string }>();
    expect(stored.filter((r) => r.kind === 'tables').map((r) => r.period)).toEqual(['2021-01', '2021-02', '2021-03']);
    // More happens afterwards, to old cases too (their histories run into May and June).
    await randomHistories({ seed: 12, cases: 10, from: '2021-04-02', days: 40 });
    await forceRefold();
    expect(await scheduledStatistics(env.DB, new Date('2021-07-02T00:00:00Z'), { chunk: 7 })).toBe(true);
    for (const r of stored) {
      const unit = r.kind === 'cadre' ? 'quarter' : r.kind === 'open' ? 'day' : 'month';
      expect(await computeRelease(env.DB, r.kind, unit, r.period), `${r.kind} ${r.period}`).toBe(r.body);
      const kept = await env.DB.prepare(`SELECT body FROM stats_releases WHERE kind = ?1 AND period = ?2`).bind(r.kind, r.period).first<string>('body');
      expect(kept).toBe(r.body);
    }
    const months = JSON.parse((await publication(env.DB)).body).tables.periods.map((p: PeriodTables) => p.period);
    expect(months).toEqual(expect.arrayContaining(['2021-04', '2021-05', '2021-06']));
  }, 120_000);
});

describe('cases marked spam or abuse', () => {
  it('leave the figures of the period in which they were marked, and of every one after', async () => {
    const { handler } = await statsStaff();
    const numbers: string[] = [];
    // Five cases in Qinglian, 1 to 5 March 2019.
    for (let day = 1; day <= 5; day++) {
      const s = validateSubmission(submission({ village: 'qinglian', category: 'complaint', description: `（测试）三月第${day}件反映，用来检验统计。` }));
      if (!s.ok) throw new Error('invalid');
      const sent = await submit(env.DB, TEST_QUERY_CODE_KEY, s.value, 'zh-CN', new Date(`2019-03-0${day}T02:00:00Z`));
      if (sent.ok) numbers.push(sent.value.receipt.caseNumber);
    }
    // Two are marked spam within March, one in April (after March's cut-off).
    expect(await markSpam(env.DB, handler, [numbers[0]!, numbers[1]!], new Date('2019-03-20T02:00:00Z'))).toMatchObject({ ok: true, value: { marked: 2 } });
    expect(await markSpam(env.DB, handler, [numbers[2]!], new Date('2019-04-10T02:00:00Z'))).toMatchObject({ ok: true, value: { marked: 1 } });
    await foldStatistics(env.DB);
    const march = JSON.parse(await computeRelease(env.DB, 'tables', 'month', '2019-03')) as PeriodTables;
    const april = JSON.parse(await computeRelease(env.DB, 'tables', 'month', '2019-04')) as PeriodTables;
    const qinglian = (p: PeriodTables) => p.villages.find((v) => v.id === 'qinglian')!;
    expect(qinglian(march).counts.received).toBe(3); // five received, two of them spam by the cut-off
    expect(qinglian(april).counts.notAccepted).toBe(0); // the one marked in April is gone from April's figures
    // Read together with the next month, March comes out the same.
    const both = await periodCellsFor('2019-03-01', '2019-05-01');
    expect(both.filter((c) => c.period === '2019-03').reduce((n, c) => n + c.received, 0)).toBe(3);
  });
});

async function periodCellsFor(fromDate: string, toDate: string) {
  const { periodCells } = await import('../../worker/db/stats.ts');
  const start = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 8 * 3_600_000).toISOString();
  return (await periodCells(env.DB, 'month', start(fromDate), start(toDate))).cells;
}

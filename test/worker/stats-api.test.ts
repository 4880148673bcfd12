// The public statistics as a watcher sees them: nothing changes between two releases, whatever
// happens to the cases; each release adds one protected period and changes nothing before it;
// no public answer carries a time of day.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../worker/index.ts';
import { publication, scheduledStatistics } from '../../worker/services/stats.ts';
import type { PeriodTables, PublicStats } from '../../core/stats/figures.ts';
import { buildPeriodTables } from '../../core/stats/figures.ts';
import { renderStatsHtml } from '../../core/stats/render.ts';
import type { PublishedCell, PublishedTable } from '../../core/stats/disclosure.ts';
import { recoverable } from './attacker.ts';
import { randomHistories } from './stats-history.ts';
import { call, codeFromReceipt, followupFormOf, postForm, submission, timesOfDay } from './support.ts';
import { move, staffMember } from './staff-support.ts';

/** What a watcher polls: every public answer that could show a case's figures or status. */
const PUBLIC = [
  '/api/public/stats.json',
  '/api/public/stats.csv',
  '/api/public/stats.html',
  '/api/public/stats.html?lang=en',
  '/api/public/stats.html?lang=zh-CN&village=qinglian',
  '/api/public/stats.html?lang=en&village=beishan',
  '/api/public/records.json',
  '/api/public/outcomes.json',
  '/api/public/outcomes.csv',
  '/outcomes',
  '/en/outcomes',
  '/outcomes/rss.xml',
  '/notices',
  '/notices/rss.xml',
  '/open311/v2/requests.json',
  '/open311/v2/requests.json?status=open',
  '/open311/v2/requests.xml',
];

async function snapshot(paths: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const path of paths) {
    const res = await call(path);
    out[path] = `${res.status} ${res.headers.get('etag')} ${res.headers.get('last-modified')}\n${await res.text()}`;
  }
  return out;
}

const cron = async (at = Date.now()) => {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: at, cron: '17 * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
};

beforeAll(async () => {
  // Months of history before today, and this year's releases as the cron makes them.
  await randomHistories({ seed: 3, cases: 40, from: '2026-06-01', days: 120 });
  await cron();
}, 120_000);

describe('the released statistics', () => {
  it('are served as JSON and CSV with the cut-off, an ETag, a Last-Modified at the end of the cut-off day, and 304 when unchanged', async () => {
    const res = await call('/api/public/stats.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/max-age=3600/);
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const body = (await res.json()) as PublicStats;
    expect(body.schema).toBe(2);
    expect(body.builtAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // 24:00 town time of the cut-off day is 16:00 UTC of that day.
    expect(new Date(res.headers.get('last-modified')!).toISOString()).toBe(`${body.builtAt}T16:00:00.000Z`);
    expect(body.tables.periods.at(0)!.period).toBe('2026-06');
    expect(body.tables.periods.at(-1)!.villages).toHaveLength(5);
    expect((await call('/api/public/stats.json', { headers: { 'if-none-match': etag } })).status).toBe(304);

    const csv = await call('/api/public/stats.csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\r\n')[0]).toBe('period,cutoff,scope,key,name_zh,name_en,measure,value');
    expect(text).toContain('2026-06,2026-06-30,village,qinglian,清廉村（示例·示范村）,"Qinglian Village (sample, demonstration village)",received,');
  });

  it('do not change while residents submit, follow up and give feedback and staff move, reopen and close cases; the next release shows the new month', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const handler = await staffMember('handler');
    const before = await snapshot(PUBLIC);

    // A day of activity: one submission of every category, one kept from its village's officers,
    // a follow-up, moves, a closing, a reopen.
    const numbers: string[] = [];
    let code = '';
    for (const category of ['demand', 'suggestion', 'complaint', 'disclosure-question', 'cadre-report', 'retaliation']) {
      const html = await (await postForm('/mailbox', submission({ category, village: 'beishan' }))).text();
      numbers.push(/CL-\d{4}-\d{6}/.exec(html)![0]);
      if (category === 'demand') code = codeFromReceipt(html);
    }
    const kept = await (await postForm('/mailbox', submission({ category: 'complaint', village: 'beishan', concernsOfficers: 'yes' }))).text();
    numbers.push(/CL-\d{4}-\d{6}/.exec(kept)![0]);
    const page = await (await postForm('/track', { code })).text();
    const { token, followupId } = followupFormOf(page);
    expect((await postForm('/track/followup', { token, followupId, text: '补充：晚上八点以后最明显。' })).status).toBe(201);
    const [demand, suggestion] = numbers as [string, string];
    await move(handler, demand, 'accept');
    await move(handler, demand, 'resolve_at_once', { message: '已当场解决。' });
    await move(handler, demand, 'close', { message: '办结。' });
    await move(handler, suggestion, 'not_accept', { reason: 'duplicate', message: '与已受理事项重复。' });
    const tracked = await (await postForm('/track', { code })).text();
    const feedbackToken = /name="token" value="([^"]+)"/.exec(tracked)![1]!;
    expect((await postForm('/track/feedback', { token: feedbackToken, rating: 'dissatisfied', reopen: 'yes' })).status).toBe(201);
    void officer;
    await cron(); // the same day: no release is due

    const after = await snapshot([...PUBLIC, ...numbers.map((n) => `/open311/v2/requests/${n}.json`)]);
    for (const path of PUBLIC) expect(after[path], path).toBe(before[path]);
    // The new cases are not public at all: each answers like a number never given.
    const unknown = after[`/open311/v2/requests/${numbers[0]}.json`];
    for (const n of numbers) expect(after[`/open311/v2/requests/${n}.json`]).toBe(unknown);

    // The release after this month: the month appears, with the town's count as its tables say.
    const { stats } = await publication(env.DB);
    const next = stats!.tables.next!;
    await scheduledStatistics(env.DB, new Date(`${next.due}T12:00:00Z`));
    const later = (await (await call('/api/public/stats.json')).json()) as PublicStats;
    const month = later.tables.periods.find((p) => p.period === next.period)!;
    expect(month).toBeDefined();
    expect(later.tables.periods.slice(0, -1)).toEqual(stats!.tables.periods);
    const beishan = month.villages.find((v) => v.id === 'beishan')!;
    // Demand, suggestion, complaint and the question about a disclosure: the committee's reports and the kept case are counted by quarter only.
    expect(beishan.counts.received).toBe(4);
    expect(month.town.counts.received).toBe(4);
    expect(month.categories.map((c) => c.id)).toContain('disclosure-question');
    expect((await snapshot(['/api/public/stats.json']))['/api/public/stats.json']).not.toBe(before['/api/public/stats.json']);
  }, 60_000);

  it('give a watcher of consecutive releases nothing beyond each new period, itself protected against subtraction', async () => {
    await randomHistories({ seed: 5, cases: 60, from: '2022-01-03', days: 180 });
    await scheduledStatistics(env.DB, new Date('2022-01-20T00:00:00Z'));
    let previous: PublicStats | null = null;
    for (const month of ['02', '03', '04', '05', '06', '07']) {
      await scheduledStatistics(env.DB, new Date(`2022-${month}-10T00:00:00Z`));
      const current = JSON.parse((await publication(env.DB)).body) as PublicStats;
      const periods = current.tables.periods.filter((p) => p.period.startsWith('2022'));
      if (previous) {
        const before = previous.tables.periods.filter((p) => p.period.startsWith('2022'));
        // Every period released before is exactly as it was: the difference is the new period alone.
        expect(periods.slice(0, before.length)).toEqual(before);
        expect(periods.length).toBe(before.length + 1);
      }
      for (const p of periods) expectProtected(p);
      previous = current;
    }
  }, 120_000);
});

/** The attacker's view of the received table, as published. */
function asTable(p: PeriodTables): PublishedTable {
  const c = (x: number | string): PublishedCell => (typeof x === 'number' ? { value: x } : x === '<3' ? { small: true } : { hidden: true });
  const m = p.receivedByVillageAndCategory;
  return { rows: m.villages, columns: m.categories, cells: m.cells.map((r) => r.map(c)), rowTotals: m.villageTotals.map(c), columnTotals: m.categoryTotals.map(c), total: c(m.total) };
}

/** No small or hidden cell of a period follows from what it publishes. */
function expectProtected(p: PeriodTables): void {
  const table = asTable(p);
  const cells = [...table.cells.flatMap((r, i) => r.map((x, j) => [x, `${i},${j}`] as const))];
  const found = recoverable(table);
  for (const [x, at] of cells) if (!('value' in x)) expect(found.has(at), `${p.period} received ${at}`).toBe(false);
  // Each other count, by village and by category with the town's total: never a lone hidden cell in a line.
  for (const measure of ['resolvedAtOnce', 'explained', 'notAccepted', 'closedNotResolved', 'closed'] as const) {
    for (const line of [p.villages, p.categories]) {
      const values = [...line.map((g) => g.counts[measure]), p.town.counts[measure]];
      expect(values.filter((v) => typeof v !== 'number').length, `${p.period} ${measure}: ${JSON.stringify(values)}`).not.toBe(1);
      for (const v of values) if (typeof v === 'number') expect([1, 2]).not.toContain(v);
    }
  }
}

describe('public answers', () => {
  it('carry dates in town time and never a time of day', async () => {
    const outcomes = (await (await call('/api/public/outcomes.json')).json()) as { outcomes: { caseNumber: string }[] };
    const paths = [...PUBLIC, ...outcomes.outcomes.slice(0, 3).map((o) => `/outcomes/${o.caseNumber}`), '/en/notices', '/assessments', '/open311/v2/services.json'];
    for (const path of paths) {
      const body = await (await call(path)).text();
      expect(timesOfDay(body), path).toEqual([]);
    }
  });
});

describe('the statistics as HTML', () => {
  it('shows small counts as "<3", hidden ones as withheld and thin rates as not enough cases, in both languages, with the release and the next one', () => {
    const cell = (village: string, category: string, received: number) => ({
      village_id: village, category_id: category, received, resolvedAtOnce: 0, explained: 0, notAccepted: 0, closedNotResolved: 0, closed: 0,
      acceptanceDue: received, acceptedOnTime: received, timeLimitEnded: 0, resolvedWithinLimit: 0, answered: 0, satisfied: 0,
    });
    const october = buildPeriodTables('month', '2026-10', [cell('qinglian', 'demand', 1), cell('dongling', 'suggestion', 12)], []);
    const stats: PublicStats = {
      schema: 2,
      builtAt: '2026-10-31',
      tables: { unit: 'month', periods: [october], next: { period: '2026-11', due: '2026-12-01' } },
      committee: { unit: 'quarter', periods: [], next: null },
      openNow: null,
    };
    const zh = renderStatsHtml(stats, 'zh-CN');
    expect(zh).toContain('统计截至2026年10月31日；下次更新：2026年12月1日。');
    expect(zh).toContain('<span class="stat-small">&lt;3</span>');
    expect(zh).toContain('不公布');
    expect(zh).toContain('案件数不足');
    expect(zh).toContain('<th scope="row">东岭村（示例）</th>');
    expect(zh).toContain('2026年11月</th><td colspan="11">尚未发布（2026年12月1日发布）');
    const en = renderStatsHtml(stats, 'en', { village: 'qinglian' });
    expect(en).toContain('Figures up to 31 October 2026; next update: 1 December 2026.');
    expect(en).toContain('Qinglian Village (sample, demonstration village) · This village, period by period');
    expect(en).toContain('November 2026</th><td colspan="11">not yet released (due 1 December 2026)');
    expect(en).not.toContain('东岭村');
    expect(renderStatsHtml(null, 'en')).toBe('<p>No statistics yet.</p>');
  });

  it('answers any village parameter without an error', async () => {
    for (const village of ['%0A', '%E4%B8%AD', '%22%3E%3Cscript%3E']) {
      const res = await call(`/api/public/stats.html?lang=en&village=${village}`);
      expect(res.status).toBe(200);
      expect(await res.text()).not.toContain('<script>');
    }
  });
});

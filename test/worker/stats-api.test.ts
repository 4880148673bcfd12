import { describe, expect, it } from 'vitest';
import type { PublicStats } from '../../worker/stats/figures.ts';
import { call, postForm, submission } from './support.ts';
import { move, staffMember } from './staff-support.ts';

describe('the published statistics', () => {
  it('are served as JSON with an ETag and short caching, and answer 304 when unchanged', async () => {
    await call('/mailbox'); // nothing needed: a snapshot is built on first request
    const res = await call('/api/public/stats.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/max-age=60/);
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const body = (await res.json()) as { schema: number; builtAt: string; town: unknown; villages: unknown[] };
    expect(body.schema).toBe(1);
    expect(body.villages).toHaveLength(5);
    const again = await call('/api/public/stats.json', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('are served as CSV with a byte-order mark and a header row', async () => {
    const res = await call('/api/public/stats.csv');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\r\n')[0]).toBe('scope,key,name_zh,name_en,measure,value');
    expect(text).toContain('village,qinglian,清廉村（示例·示范村）,"Qinglian Village (sample, demonstration village)",received,');
  });

  it('change when a staff member closes a case', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const html = await (await postForm('/mailbox', submission())).text();
    const number = /CL-\d{4}-\d{6}/.exec(html)![0];
    await move(officer, number, 'accept');
    await move(officer, number, 'explain', { message: '需县里统一安排，暂时无法办理。' });
    const closedNotResolved = async () => ((await (await call('/api/public/stats.json')).json()) as PublicStats).town.counts.closedNotResolved;
    await expect.poll(closedNotResolved).toBe(0);
    await move(officer, number, 'close');
    // Rebuilt after the move, off the request's path: within moments the figure is "<3".
    await expect.poll(closedNotResolved).toBe('<3');
  });
});

describe('the statistics as HTML', () => {
  it('shows small counts as "<3", hidden ones as withheld and thin rates as not enough cases, in both languages', async () => {
    const { buildPublicStats } = await import('../../worker/stats/figures.ts');
    const { renderStatsHtml } = await import('../../worker/stats/render.ts');
    const { initialFacts } = await import('../../worker/stats/facts.ts');
    const facts = [
      { ...initialFacts({ villageId: 'qinglian', categoryId: 'demand', cadreReport: false, receivedAt: '2026-11-02T01:00:00.000Z', acceptDueAt: '2026-11-03T15:59:59.000Z' }), resolvedAtOnce: true },
      ...Array.from({ length: 12 }, () => initialFacts({ villageId: 'dongling', categoryId: 'suggestion', cadreReport: false, receivedAt: '2026-11-05T01:00:00.000Z', acceptDueAt: '2026-11-06T15:59:59.000Z' })),
    ];
    const stats = buildPublicStats(facts, new Date('2026-11-26T00:00:00Z'));
    const zh = renderStatsHtml(stats, 'zh-CN');
    expect(zh).toContain('<span class="stat-small">&lt;3</span>');
    expect(zh).toContain('不公布');
    expect(zh).toContain('案件数不足');
    expect(zh).toContain('<th scope="row">东岭村（示例）</th>');
    const en = renderStatsHtml(stats, 'en', { village: 'qinglian' });
    expect(en).toContain('Qinglian Village (sample, demonstration village) · This village in figures');
    expect(en).not.toContain('东岭村');
    expect(renderStatsHtml(null, 'en')).toBe('<p>No statistics yet.</p>');
  });

  it('are served fresh for the pages’ script, per language and village', async () => {
    const res = await call('/api/public/stats.html?lang=en&village=nanhe');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Nanhe Village (sample)');
    expect(html).toContain('data-built-at=');
    expect((await (await call('/api/public/stats.html?lang=xx&village=<b>')).text())).toContain('全镇');
  });
});

describe('the statistics fragment with a hostile query', () => {
  it('answers any village parameter without an error', async () => {
    for (const village of ['%0A', '%E4%B8%AD', '%22%3E%3Cscript%3E']) {
      const res = await call(`/api/public/stats.html?lang=en&village=${village}`);
      expect(res.status).toBe(200);
      expect(await res.text()).not.toContain('<script>');
    }
  });
});

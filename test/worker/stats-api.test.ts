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

// The village pages, the villages' list, the disclosures list and the home page show what D1 holds
// the moment it is published: built by Astro with empty slots (no disclosure of their own), filled
// by the worker on every request. A disclosure that never was a YAML file, drafted by a village's
// clerk and signed off by its liaison officer, appears on all of them at once and its overdue
// flag clears at once; the validators change with it and with the town's day; 关怀版 keeps working.
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse, type HTMLElement } from 'node-html-parser';
import { townDate } from '../../core/clock.ts';
import { villageAffairs } from '../../worker/services/disclosures.ts';
import { importDisclosures } from './publishing-support.ts';
import { staffMember, staffPost, type Staff } from './staff-support.ts';
import { call } from './support.ts';

vi.setConfig({ testTimeout: 60_000 });

const text = (el: HTMLElement | null | undefined) => (el?.text ?? '').replace(/\s+/g, ' ').trim();
const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await call(path, { headers });
  return { res, doc: parse(await res.text()) };
};
const who = {} as { admin: Staff; clerk: Staff; officer: Staff };
/** A village whose finances are overdue today, and the earliest such period. */
let village: string;
let period: string;

beforeAll(async () => {
  // The demo's disclosures as content:import loads them: they stop before today, so finances are overdue somewhere.
  await importDisclosures();
  const affairs = (await villageAffairs(env.ASSETS, env.DB, townDate(new Date())))!;
  const late = affairs.find((a) => a.schedules.some((s) => s.kind === 'finances' && s.overdue.length > 0))!;
  village = late.village;
  period = late.schedules.find((s) => s.kind === 'finances')!.overdue[0]!.period;
  who.admin = await staffMember('admin');
  who.clerk = await staffMember('clerk', village);
  who.officer = await staffMember('liaison', village);
  const id = async (s: Staff) => (await env.DB.prepare('SELECT id FROM staff_users WHERE username = ?1').bind(s.username).first<number>('id'))!;
  expect((await staffPost(who.admin, `/staff/accounts/${await id(who.clerk)}/rights`, { draft: 'yes' })).status).toBe(200);
  expect((await staffPost(who.admin, `/staff/accounts/${await id(who.officer)}/rights`, { approve: 'yes' })).status).toBe(200);
});

afterEach(() => {
  vi.useRealTimers();
});

/** What a resident sees of the village's disclosures on each page. */
async function seen() {
  const page = await get(`/villages/${village}/`);
  const list = await get('/disclosures/');
  const villages = await get('/villages/');
  const home = await get('/');
  return {
    etag: page.res.headers.get('etag'),
    overdueFlags: page.doc.querySelectorAll('[data-slot="village-affairs"] .flag-overdue').map(text),
    villageLinks: page.doc.querySelectorAll('[data-slot="village-affairs"] .doc-list a').map((a) => a.getAttribute('href')),
    listLinks: list.doc.querySelectorAll(`[data-slot="village-disclosures"][data-village="${village}"] a`).map((a) => a.getAttribute('href')),
    overdueListed: list.doc.querySelectorAll('[data-slot="overdue"] li a').filter((a) => a.getAttribute('href') === `/villages/${village}/#affairs`).length,
    villagesFlag: text(villages.doc.querySelector(`[data-slot="village-flag"][data-village="${village}"]`)),
    homeFirst: home.doc.querySelector('[data-slot="latest-disclosures"] .doc-list a')?.getAttribute('href'),
    homeWarning: text(home.doc.querySelector('[data-slot="latest-disclosures"] .notice-warning')),
  };
}

describe('a disclosure published in D1 only', () => {
  it('appears on the village page, the disclosures list, the villages’ list and the home page, and its overdue flag clears at once', async () => {
    const address = `/disclosures/${village}/${period.toLowerCase()}-finances/`;

    const before = await seen();
    expect(before.overdueFlags.length).toBeGreaterThan(0);
    expect(before.villageLinks).not.toContain(address);
    expect(before.listLinks).not.toContain(address);
    expect(before.overdueListed).toBeGreaterThan(0);
    expect(before.villagesFlag).toMatch(/(\d+) 项村务公开逾期/);
    expect(before.homeFirst).not.toBe(address);
    const overdueBefore = Number(/(\d+) 项村务公开逾期/.exec(before.villagesFlag)![1]);

    // The village's clerk drafts the period's finances from pasted rows; its liaison officer signs them off.
    const saved = await staffPost(who.clerk, `/staff/villages/${village}/new`, {
      kind: 'finances',
      period,
      summary: '本期集体财务收支（测试）。',
      income: '项目\t金额（元）\n上级转移支付\t12,000\n',
      spending: '办公费\t800\n',
      notes: '',
    });
    expect(saved.status).toBe(303);
    const draft = saved.headers.get('location')!.replace(/\?.*$/, '');
    expect((await staffPost(who.clerk, `${draft}/submit`, {})).status).toBe(303);
    // Not published yet: nothing changes for residents.
    expect((await seen()).villageLinks).toEqual(before.villageLinks);
    expect((await staffPost(who.officer, `${draft}/approve`, {})).status).toBe(303);

    const after = await seen();
    expect(after.villageLinks[0]).toBe(address);
    expect(after.overdueFlags.length).toBe(before.overdueFlags.length - 1);
    expect(after.listLinks[0]).toBe(address);
    expect(after.overdueListed).toBe(before.overdueListed - 1);
    if (overdueBefore > 1) expect(after.villagesFlag).toBe(before.villagesFlag.replace(`${overdueBefore} 项`, `${overdueBefore - 1} 项`));
    else expect(after.villagesFlag).toContain('没有逾期未公开的村务');
    expect(after.homeFirst).toBe(address);
    // A browser holding the page from before gets the new one, not a 304.
    expect(after.etag).not.toBe(before.etag);
    expect((await call(`/villages/${village}/`, { headers: { 'If-None-Match': before.etag! } })).status).toBe(200);
    expect((await call(`/villages/${village}/`, { headers: { 'If-None-Match': after.etag! } })).status).toBe(304);
    // The disclosure's own page is there.
    expect((await call(address)).status).toBe(200);
  });

  it('shows the schedule in the reader’s language and in 关怀版, varying on the cookie', async () => {
    const en = await get('/en/villages/xiling/');
    expect(en.res.headers.get('content-type')).toContain('text/html');
    expect(text(en.doc.querySelector('[data-slot="village-affairs"] #schedule'))).toMatch(/^Disclosure schedule/);
    expect(en.doc.querySelector('[data-slot="village-affairs"] .doc-list a')?.getAttribute('href')).toMatch(/^\/en\/disclosures\/xiling\//);
    const elder = await get('/villages/xiling/', { Cookie: 'qinglian-elder=1' });
    expect(elder.doc.querySelector('html')?.classList.contains('elder')).toBe(true);
    expect(elder.doc.querySelectorAll('[data-slot="village-affairs"] ul.schedule > li').length).toBeGreaterThan(0);
    expect(elder.res.headers.get('vary')).toContain('Cookie');
    expect(elder.res.headers.get('etag')).toBeNull();
    expect((await call('/villages/xiling/')).headers.get('vary')).toContain('Cookie');
  });

  it('changes its validator at the town’s midnight, when what is overdue may change', async () => {
    const now = Date.now();
    const tag = async () => (await call('/villages/xiling/')).headers.get('etag');
    const today = await tag();
    expect(await tag()).toBe(today);
    vi.useFakeTimers({ toFake: ['Date'], now: now + 86_400_000 });
    expect(await tag()).not.toBe(today);
  });

  it('weighs under 50 KB gzip as served, with the slots filled, its stylesheet and scripts', async () => {
    const gzip = async (body: string | ArrayBuffer) => (await new Response(new Response(body).body!.pipeThrough(new CompressionStream('gzip'))).arrayBuffer()).byteLength;
    const asset = async (path: string) => gzip(await (await env.ASSETS.fetch(new Request(`https://qinglian.test${path}`))).arrayBuffer());
    for (const path of ['/', '/en/', '/disclosures/', '/en/disclosures/', '/villages/', '/en/villages/', '/villages/qinglian/', '/en/villages/qinglian/']) {
      const html = await (await call(path)).text();
      const files = [...html.matchAll(/<(?:link rel="stylesheet" href|script src)="([^"]+)"/g)].map((m) => m[1]!);
      const total = (await gzip(html)) + (await Promise.all(files.map(asset))).reduce((a, b) => a + b, 0);
      expect(total, path).toBeLessThanOrEqual(50 * 1024);
    }
  });
});

/// <reference types="vite/client" />
// Search finds the site's static pages beside the published regulations, as a resident types:
// 财务 finds a village's finance disclosure with a stretch of its own text, 低保 and 补贴 the
// subsidy disclosures, an English word English pages only; a withdrawn regulation leaves search
// while the pages stay; and when the pages' file cannot be read, search still answers.
// The pages come from the built site (dist/data/search-pages.json): run `npm run build` first.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'node-html-parser';
import { withdraw } from '../../worker/services/publishing.ts';
import { searchPages } from '../../worker/services/search-pages.ts';
import { loadTraditionalCharacters } from '../../worker/services/traditional-characters.ts';
import { call } from './support.ts';
import { published, importDisclosures } from './publishing-support.ts';


beforeAll(async () => {
  await loadTraditionalCharacters(env.ASSETS);
  await importDisclosures();
});

const search = async (path: string) => {
  const res = await call(path);
  expect(res.status, path).toBe(200);
  const doc = parse(await res.text());
  return {
    doc,
    results: doc.querySelectorAll('#search-results li').map((li) => ({
      href: li.querySelector('a')?.getAttribute('href') ?? '',
      title: li.querySelector('a')?.text.trim() ?? '',
      snippet: (li.querySelector('.snippet')?.text ?? '').replace(/\s+/g, ' ').trim(),
      marks: li.querySelectorAll('.snippet mark').map((m) => m.text),
      date: li.querySelector('time')?.getAttribute('datetime') ?? null,
    })),
  };
};
const FINANCES = /^\/disclosures\/[a-z]+\/\d{4}-(q\d|\d{2})-finances\/$/;
const SUBSIDIES = /^\/disclosures\/[a-z]+\/\d{4}-q\d-subsidies\/$/;

describe('when the pages cannot be read', () => {
  // First in the file: the pages are read once per isolate, and not yet.
  it('search has no pages from them and tries again on the next request', async () => {
    expect(await searchPages({ fetch: async () => new Response('not found', { status: 404 }) })).toEqual([]);
    expect(await searchPages({ fetch: async () => new Response('{"not": "rows"') })).toEqual([]);
    expect(await searchPages({ fetch: async () => Promise.reject(new Error('unreachable')) })).toEqual([]);
    expect((await searchPages(env.ASSETS)).length).toBeGreaterThan(0);
  });
});

describe('search over the static pages', () => {
  it('finds a village’s finance disclosure by 财务, with a stretch of its own text and its publishing day', async () => {
    const { results, doc } = await search(`/search/?q=${encodeURIComponent('财务')}`);
    const finance = results.filter((r) => FINANCES.test(r.href));
    expect(finance.length).toBeGreaterThan(1);
    const first = finance[0]!;
    expect(first.title).toMatch(/村（示例.*）.*财务收支$/);
    expect(first.marks.join('')).toContain('财务');
    // The page's own text: the village and its figures, not a summary written for search.
    const page = parse(await (await call(first.href)).text());
    const own = (page.querySelector('main')?.text ?? '').replace(/\s+/g, '');
    expect(own).toContain(first.snippet.replace(/^…|…$/g, '').replace(/\s+/g, '').slice(0, 20));
    expect(first.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(page.querySelector('main time')?.getAttribute('datetime')).toBe(first.date);
    // Chinese pages only, and no English ones.
    expect(results.every((r) => !r.href.startsWith('/en/'))).toBe(true);
    expect(doc.querySelector('#search-status')?.text).toMatch(/^找到 \d+ 条与“财务”相关的结果。$/);
  });

  it('finds the subsidy disclosures by 低保 and by 补贴, and labels and values stay apart in the snippet', async () => {
    for (const q of ['低保', '补贴']) {
      const { results } = await search(`/search/?q=${encodeURIComponent(q)}`);
      expect(results.filter((r) => SUBSIDIES.test(r.href)).length, q).toBe(5);
      const hit = results.find((r) => SUBSIDIES.test(r.href))!;
      expect(hit.marks, q).toContain(q);
    }
    const { results } = await search(`/search/?q=${encodeURIComponent('财务收支')}`);
    expect(results.map((r) => r.snippet).join('\n')).not.toMatch(/（示例）公开内容财务收支/);
  });

  it('finds the villages’ pages, 办理流程 and privacy', async () => {
    const hrefs = async (q: string) => (await search(`/search/?q=${encodeURIComponent(q)}`)).results.map((r) => r.href);
    expect(await hrefs('北山村')).toContain('/villages/beishan/');
    expect(await hrefs('隐私')).toContain('/privacy/');
    expect(await hrefs('Privacy')).not.toContain('/en/privacy/');
    expect((await search('/en/search/?q=privacy')).results.map((r) => r.href)).toContain('/en/privacy/');
  });

  it('in English finds English pages only', async () => {
    for (const q of ['finance', 'subsidies']) {
      const { results } = await search(`/en/search/?q=${q}`);
      expect(results.length, q).toBeGreaterThan(0);
      expect(results.every((r) => r.href.startsWith('/en/')), q).toBe(true);
    }
    expect((await search('/en/search/?q=finance')).results.some((r) => /^\/en\/disclosures\/[a-z]+\/[^/]+-finances\/$/.test(r.href))).toBe(true);
    // And Chinese search holds no English page even for an English word found in both.
    expect((await search('/search/?q=finance')).results.every((r) => !r.href.startsWith('/en/'))).toBe(true);
  });

  it('orders by date as the disclosures give it, newest first', async () => {
    const { results } = await search(`/search/?q=${encodeURIComponent('财务')}&order=date`);
    const dates = results.map((r) => r.date).filter((d): d is string => d !== null);
    expect(dates.length).toBeGreaterThan(1);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('merges the published regulations with the pages; a withdrawn one leaves search and the pages stay', async () => {
    const doc = await published({ title_zh: '长岭镇村级财务管理撤回测试办法', body_zh: '第一条 村级财务收支每月公开。' });
    const before = (await search(`/search/?q=${encodeURIComponent('财务')}`)).results.map((r) => r.href);
    expect(before).toContain(`/regulations/${doc.slug}/`);
    expect(before.some((h) => FINANCES.test(h))).toBe(true);
    expect(await withdraw(env.DB, doc.approver, doc.id, { 'zh-CN': '停止执行。', en: 'No longer in force.' })).toMatchObject({ ok: true });
    const after = (await search(`/search/?q=${encodeURIComponent('财务')}`)).results.map((r) => r.href);
    expect(after).not.toContain(`/regulations/${doc.slug}/`);
    expect(after.some((h) => FINANCES.test(h))).toBe(true);
  });
});

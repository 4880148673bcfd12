/// <reference types="vite/client" />
// The demo's regulations as the worker renders them once imported (npm run content:import):
// what test/site/portal-pages.test.ts checked of the Astro pages, now of the worker's.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it, vi } from 'vitest';

// Seven regulations rendered in two languages a test: more than the default five seconds on a busy machine.
vi.setConfig({ testTimeout: 30_000 });
import { parse, type HTMLElement } from 'node-html-parser';
import { parse as yaml } from 'yaml';
import type { Regulation } from '../../content/schemas.ts';
import { planImport, type SourceFile } from '../../worker/tools/regulations-import.ts';
import { importDisclosures } from './publishing-support.ts';
import { call } from './support.ts';

const zh = import.meta.glob('../../content/regulations/*.mdx', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const en = import.meta.glob('../../content/regulations/en/*.mdx', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const files = (g: Record<string, string>): SourceFile[] => Object.entries(g).map(([path, text]) => ({ name: path.split('/').at(-1)!, text }));
const ids = files(zh).map((f) => f.name.replace('.mdx', '')).sort();
const translated = new Set(files(en).map((f) => f.name.replace('.mdx', '')));
const regulation = (id: string) => yaml(/^---\n([\s\S]*?)\n---/.exec(zh[`../../content/regulations/${id}.mdx`]!)![1]!, { schema: 'core' }) as Regulation;
const textOf = (el: HTMLElement | null | undefined) => (el?.text ?? '').replace(/\s+/g, ' ').trim();
const page = async (path: string) => parse(await (await call(path)).text());

beforeAll(async () => {
  await importDisclosures();
  const plan = planImport(files(zh), files(en), () => 2048);
  expect(plan.errors).toEqual([]);
  await env.DB.batch(plan.statements.map((s) => env.DB.prepare(s)));
}, 60_000);

describe('the regulations index', () => {
  it('lists every regulation in both languages', async () => {
    for (const [index, prefix] of [['/regulations/', ''], ['/en/regulations/', '/en']] as const) {
      const links = (await page(index)).querySelectorAll('main a').map((a) => a.getAttribute('href'));
      for (const id of ids) expect(links, index).toContain(`${prefix}/regulations/${id}/`);
    }
  });

  it('filters by status and category, each combination at its own address (no JavaScript)', async () => {
    const listed = async (address: string) => (await page(address)).querySelectorAll('main .doc-list a').map((a) => a.getAttribute('href')!.split('/')[2]);
    expect(await listed('/regulations/filter/repealed/all/')).toEqual(ids.filter((id) => regulation(id).status === 'repealed'));
    const performance = ids.filter((id) => regulation(id).category === 'performance' && regulation(id).status === 'in-force');
    expect((await listed('/regulations/filter/in-force/performance/')).sort()).toEqual(performance.sort());
    const current = (await page('/regulations/filter/in-force/performance/')).querySelectorAll('.filters a[aria-current="page"]').map((a) => textOf(a));
    expect(current.map((t) => t.replace(/\s*\(\d+\)$/, ''))).toEqual(['现行有效', '考核评价']);
    expect((await call('/regulations/filter/nonsense/all/')).status).toBe(404);
  });
});

describe('a regulation page', () => {
  it('shows its status first, then its metadata and its history', async () => {
    for (const id of ids) {
      const data = regulation(id);
      const doc = await page(`/regulations/${id}/`);
      const article = doc.querySelector('main article')!;
      expect(article.firstElementChild?.getAttribute('id'), id).toBe('status');
      expect(textOf(article.querySelector('#status .status-badge')), id).toBe({ 'in-force': '现行有效', amended: '已修订', repealed: '已废止' }[data.status]);
      expect(textOf(doc.querySelector('h1')), id).toBe(data.title['zh-CN']);
      const facts = textOf(doc.querySelector('dl.facts'));
      expect(facts, id).toContain(data.docNumber);
      const history = doc.querySelectorAll('ol.history li');
      expect(history.map((li) => li.querySelector('time')?.getAttribute('datetime')), id).toEqual(data.history.map((h) => String(h.date)));
      // No script but the frame's own (打印本页; the 关怀版 switch in place): the page needs none.
      expect(doc.querySelectorAll('script').map((s) => s.getAttribute('src')), id).toEqual(['/scripts/frame.js']);
    }
  });

  it('keeps a repealed or amended regulation readable, pointing to the one in force', async () => {
    const repealed = await page('/regulations/village-cadre-assessment-2019/');
    expect(textOf(repealed.querySelector('#status'))).toContain('本文件已废止');
    expect(repealed.querySelector('#status a')?.getAttribute('href')).toBe('/regulations/performance-evaluation/');
    expect(textOf(repealed.querySelector('.regulation-text .prose'))).toContain('考核对象');
    const amended = await page('/en/regulations/clean-village-opinions/');
    expect(textOf(amended.querySelector('#status'))).toContain('This document has been amended');
    expect(amended.querySelector('#status a')?.getAttribute('href')).toBe('/en/regulations/clean-village-opinions-2023/');
    const current = await page('/regulations/clean-village-opinions-2023/');
    expect(current.querySelector('dl.facts a[href="/regulations/clean-village-opinions/"]')).not.toBeNull();
  });

  it('links its PDF, at the address it always had, with its size', async () => {
    const facts = (await page('/regulations/clean-village-opinions-2023/')).querySelector('dl.facts')!;
    expect(facts.querySelector('a[href="/files/clean-village-opinions-2023.pdf"]')).not.toBeNull();
    expect(textOf(facts)).toMatch(/PDF，\d+(\.\d)? KB/);
  });

  it('in English, shows the translation with a note, or says there is none and shows the Chinese', async () => {
    for (const id of ids) {
      const doc = await page(`/en/regulations/${id}/`);
      const prose = doc.querySelector('.regulation-text .prose')!;
      if (translated.has(id)) {
        expect(prose.getAttribute('lang'), id).toBe('en');
        expect(textOf(doc.querySelector('.translation-note')), id).toContain('the Chinese text is authoritative');
        expect(doc.querySelector('.untranslated'), id).toBeNull();
      } else {
        expect(prose.getAttribute('lang'), id).toBe('zh-CN');
        expect(textOf(doc.querySelector('.untranslated')), id).toBe('This document has no English translation yet; the Chinese text follows.');
      }
    }
    expect(translated.size).toBeGreaterThan(0);
    expect(translated.size).toBeLessThan(ids.length);
  });

  it('ships no JavaScript but the frame’s own and weighs under 50 KB gzip with its stylesheet, as the portal’s pages must', async () => {
    const gzip = async (body: string | ArrayBuffer) => (await new Response(new Response(body).body!.pipeThrough(new CompressionStream('gzip'))).arrayBuffer()).byteLength;
    const css = await gzip(await (await env.ASSETS.fetch(new Request('https://qinglian.test/styles/site.css'))).arrayBuffer());
    const script = await gzip(await (await env.ASSETS.fetch(new Request('https://qinglian.test/scripts/frame.js'))).arrayBuffer());
    expect(script).toBeLessThanOrEqual(1024);
    for (const id of ids) {
      for (const path of [`/regulations/${id}/`, `/en/regulations/${id}/`]) {
        const html = await (await call(path)).text();
        expect(html.replace('<script src="/scripts/frame.js" defer></script>', ''), path).not.toMatch(/<script/);
        expect((await gzip(html)) + css + script, path).toBeLessThanOrEqual(50 * 1024);
      }
    }
  });

  it('is a 404 at an address nothing was published at', async () => {
    expect((await call('/regulations/no-such-regulation/')).status).toBe(404);
    expect((await call('/en/regulations/Bad_Slug/')).status).toBe(404);
    expect((await call('/regulations/clean-village-opinions/versions/9/')).status).toBe(404);
  });
});

describe('search without JavaScript', () => {
  it('finds the demo regulations by two-character Chinese words and English words, with the text around them', async () => {
    const doc = await page(`/search/?q=${encodeURIComponent('述职')}`);
    expect(textOf(doc.querySelector('#search-status'))).toMatch(/^找到 \d+ 条与“述职”相关的结果。/);
    expect(doc.querySelectorAll('#search-results li a').map((a) => a.getAttribute('href'))).toContain('/regulations/rural-cadre-management/');
    expect(doc.querySelector('#search-results .snippet mark')?.text).toBe('述职');
    const english = await page('/en/search/?q=cadre');
    const links = english.querySelectorAll('#search-results li a').map((a) => a.getAttribute('href'));
    expect(links.length).toBeGreaterThan(0);
    // English pages only: the regulations and the site's English pages that say 'cadre'.
    expect(links.every((l) => l!.startsWith('/en/'))).toBe(true);
    expect(links).toContain('/en/regulations/rural-cadre-management/');
    const none = await page(`/en/search/?q=${encodeURIComponent('zzzqqq')}`);
    expect(textOf(none.querySelector('#search-status'))).toBe('Nothing found for “zzzqqq”.');
    // Without a query, the form and the ways to browse, among them the outcomes.
    const empty = await page('/search/');
    expect(empty.querySelector('#search-results')).toBeNull();
    expect(empty.querySelector('main a[href="/outcomes"]')).not.toBeNull();
  });

  it('orders by issue date when asked', async () => {
    const dates = async (order: string) => {
      const items = (await page(`/search/?q=${encodeURIComponent('村')}&order=${order}`)).querySelectorAll('#search-results li');
      // A regulation gives its issue day, a disclosure its publishing day.
      const ymd = (d: string) => d.replace(/^(\d{4})年(\d{1,2})月(\d{1,2})日印发$/, (_, y, m, dd) => `${y}-${m.padStart(2, '0')}-${dd.padStart(2, '0')}`);
      return items.map((li) => ({
        href: li.querySelector('a')?.getAttribute('href') ?? '',
        date: li.querySelector('time')?.getAttribute('datetime') ?? ymd(textOf(li.querySelector('.doc-meta span:nth-child(3)'))),
      }));
    };
    const byDate = await dates('date');
    const issued = ids.map((id) => String(regulation(id).issued)).sort().reverse();
    expect(byDate.filter((r) => r.href.startsWith('/regulations/')).map((r) => r.date)).toEqual(issued);
    // Dated results newest first, regulations and disclosures together; the undated pages after them.
    const dated = byDate.filter((r) => r.date !== '').map((r) => r.date);
    expect(dated).toEqual([...dated].sort().reverse());
    expect(byDate.slice(dated.length).every((r) => r.date === '')).toBe(true);
    expect(byDate.map((r) => r.href)).toContain('/disclosures/qinglian/2026-10-finances/');
  });
});

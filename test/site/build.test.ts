// The built portal in dist/ as a whole: languages, switcher, JavaScript, headers, 404.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addressOf, DIST, hasPage, htmlFiles, page, read, textOf } from './support.ts';

const pages = htmlFiles();

describe('the built portal', () => {
  it('exists (run `npm run build` first)', () => {
    expect(existsSync(join(DIST, 'index.html')), 'dist/index.html is missing: run npm run build').toBe(true);
    // Home, villages, disclosures, process, privacy, stats, 404 in two languages; the documents' own pages are the worker's.
    expect(pages.length).toBeGreaterThan(20);
  });

  it('serves Chinese at / and English at /en/, every page with the right lang attribute', () => {
    for (const file of pages) {
      const lang = file.startsWith('en/') ? 'en' : 'zh-CN';
      expect(read(file), file).toContain(`<html lang="${lang}">`);
    }
    expect(textOf(page('/').querySelector('h1'))).toBe('清廉村居');
    expect(textOf(page('/en/').querySelector('h1'))).toBe('Qinglian — Clean Village');
  });

  it('has a language switcher on every page that leads to the same page in the other language', () => {
    expect(read('index.html')).toMatch(/<a href="\/en\/" hreflang="en" lang="en"[^>]*>English<\/a>/);
    expect(read('en/index.html')).toMatch(/<a href="\/" hreflang="zh-CN" lang="zh-CN"[^>]*>中文<\/a>/);
    for (const file of pages) {
      const switcher = page(addressOf(file)).querySelector('header nav a[hreflang]');
      const href = switcher?.getAttribute('href') ?? '';
      // A missing page has no counterpart: its switcher leads to the other language's home page.
      const here = /(^|\/)404\.html$/.test(file) ? (file.startsWith('en/') ? '/en/' : '/') : addressOf(file);
      const expected = here.startsWith('/en/') ? here.slice(3) : `/en${here}`;
      expect(href, file).toBe(expected);
      expect(hasPage(href), `${file} switches to ${href}, which is not built`).toBe(true);
    }
  });

  it('links every section from the home page and the header', () => {
    for (const [home, prefix] of [['/', ''], ['/en/', '/en']] as const) {
      const links = page(home).querySelectorAll('a').map((a) => a.getAttribute('href'));
      for (const path of ['/regulations/', '/villages/', '/disclosures/', '/process/', '/privacy/', '/search/', '/mailbox', '/track', '/outcomes']) {
        expect(links, `${home} links ${prefix}${path}`).toContain(`${prefix}${path}`);
      }
    }
  });

  it('has a search box on every page that searches in the page’s language', () => {
    for (const file of pages) {
      const form = page(addressOf(file)).querySelector('header form[role="search"]');
      expect(form?.getAttribute('action'), file).toBe(file.startsWith('en/') ? '/en/search/' : '/search/');
      expect(form?.querySelector('input[name="q"]')?.getAttribute('id'), file).toBe('site-search-q');
      expect(form?.querySelector('label[for="site-search-q"]'), file).not.toBeNull();
    }
  });

  it('ships no JavaScript on content pages; statistics load only theirs (search is the worker’s, without any)', () => {
    const withStats = (f: string) => /(^|\/)(stats|villages\/[a-z-]+)\/index\.html$/.test(f.replace(/^\//, ''));
    for (const file of pages.filter((f) => !withStats(f))) expect(read(file), file).not.toMatch(/<script/);
    expect(existsSync(join(DIST, 'scripts/search.js'))).toBe(false);
    const statsPages = pages.filter(withStats);
    expect(statsPages.length).toBe(12); // /stats and five villages, in two languages
    for (const file of statsPages) {
      const scripts = page(addressOf(file)).querySelectorAll('script').map((s) => s.getAttribute('src'));
      expect(scripts, file).toEqual(['/scripts/stats.js']);
    }
  });

  it('bakes the statistics into /stats and each village page, in both languages', () => {
    for (const path of ['stats/index.html', 'en/stats/index.html', 'villages/qinglian/index.html']) {
      const html = read(path);
      expect(html, path).toMatch(/data-stats-live data-src="\/api\/public\/stats\.html\?lang=(zh-CN|en)/);
      // Either the exported release with its cut-off, or the plain statement that there are none yet.
      expect(/class="stats-release" data-cutoff="\d{4}-\d{2}-\d{2}"/.test(html) || html.includes('还没有统计数据。') || html.includes('No statistics yet.'), path).toBe(true);
    }
    expect(read('stats/index.html')).toContain('href="/api/public/stats.csv"');
    expect(read('en/stats/index.html')).toContain('<h1>Statistics</h1>');
  });

  it('gives static pages the worker’s security headers, and none of them WebAssembly', () => {
    const headers = read('_headers');
    const [site, ...rest] = headers.split(/\n(?=\/)/);
    expect(site).toContain('Referrer-Policy: no-referrer');
    expect(site).toContain('Strict-Transport-Security: max-age=63072000; includeSubDomains');
    expect(site).toContain("Content-Security-Policy: default-src 'self'; script-src 'self';");
    expect(site).not.toContain('wasm-unsafe-eval');
    expect(rest).toEqual([]);
  });

  it('answers a missing page in both languages, English first under /en/', () => {
    const zh = page('/404');
    expect(textOf(zh.querySelector('h1'))).toBe('页面不存在');
    expect(textOf(zh.querySelector('section[lang="en"] h2'))).toBe('Page not found');
    const en = read('en/404.html');
    expect(en).toContain('<html lang="en">');
    expect(textOf(page('/en/404').querySelector('h1'))).toBe('Page not found');
    expect(textOf(page('/en/404').querySelector('section[lang="zh-CN"] h2'))).toBe('页面不存在');
    expect(existsSync(join(DIST, 'en/404/index.html'))).toBe(false);
  });

  it('keeps no copy of a published outcome or of a regulation: the worker renders those from D1', () => {
    // A static copy would keep a withdrawn outcome's or regulation's text readable until the next build.
    expect(pages.filter((f) => /(^|\/)(outcomes|regulations|search)\//.test(f))).toEqual([]);
    expect(existsSync(join(DIST, 'outcomes'))).toBe(false);
    expect(existsSync(join(DIST, 'pagefind'))).toBe(false);
  });
});

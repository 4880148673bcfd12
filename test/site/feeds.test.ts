// The RSS feeds and the sitemap list what the town publishes, with absolute addresses.
import { describe, expect, it } from 'vitest';
import { town } from '../../content/index.ts';
import { portal } from '../../content/schemas.ts';
import { addressOf, htmlFiles, read } from './support.ts';

const site = portal.siteUrl.replace(/\/$/, '');

function items(feed: string): { title: string; link: string }[] {
  return [...read(feed).matchAll(/<item>([\s\S]*?)<\/item>/g)].map(([, item]) => ({
    title: /<title>([\s\S]*?)<\/title>/.exec(item!)?.[1] ?? '',
    link: /<link>([\s\S]*?)<\/link>/.exec(item!)?.[1] ?? '',
  }));
}

// The disclosures' feed is the worker's, from D1 (test/worker/disclosure-pages.test.ts).
describe('the RSS feeds', () => {
  it('are announced in every page’s head', () => {
    expect(read('index.html')).toContain('<link rel="alternate" type="application/rss+xml" title="制度文件 RSS 订阅" href="/regulations/rss.xml">');
    expect(read('en/index.html')).toContain('href="/en/disclosures/rss.xml"');
  });
});

describe('every page’s head', () => {
  it('names its alternates and canonical address absolutely, and its title for search validly', () => {
    for (const file of htmlFiles().filter((f) => !/404/.test(f))) {
      const html = read(file);
      const links = [...html.matchAll(/<link rel="(?:alternate|canonical)"(?: hreflang="[^"]+")? href="([^"]+)"/g)].map(([, href]) => href!);
      expect(links.length, file).toBeGreaterThanOrEqual(4);
      for (const href of links) expect(href.startsWith(`${site}/`), `${file}: ${href}`).toBe(true);
      expect(html, file).not.toMatch(/<meta data-pagefind-meta/);
    }
  });
});

describe('the sitemap', () => {
  const sitemap = read('sitemap-0.xml');
  const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, loc]) => loc!);

  it('is announced by the index and lists every content page in both languages', () => {
    expect(read('sitemap-index.xml')).toContain(`${site}/sitemap-0.xml`);
    const expected = htmlFiles()
      .map(addressOf)
      .filter((a) => !a.includes('/regulations/filter/') && !/\/404$/.test(a));
    // The pages the worker renders are listed too.
    const worker = ['/mailbox', '/track', '/outcomes', '/en/mailbox', '/en/track', '/en/outcomes'];
    expect(locs.sort()).toEqual([...expected, ...worker].map((a) => `${site}${a}`).sort());
  });

  it('pairs each page with its other language', () => {
    const entry = (loc: string) => new RegExp(`<url><loc>${loc}</loc>(.*?)</url>`).exec(sitemap)?.[1] ?? '';
    for (const loc of [`${site}/villages/qinglian/`, `${site}/en/villages/qinglian/`]) {
      expect(entry(loc), loc).toContain(`<xhtml:link rel="alternate" hreflang="zh-CN" href="${site}/villages/qinglian/"/>`);
      expect(entry(loc), loc).toContain(`<xhtml:link rel="alternate" hreflang="en" href="${site}/en/villages/qinglian/"/>`);
    }
  });
});

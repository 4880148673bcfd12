// One page frame (core/frame.tsx): a page Astro built and the page the worker renders with the same
// locale, path, title and description wear the same frame, byte for byte, everything but <main>'s
// content: the head, the skip link, the header with its search box and navigation, the sample-data
// notice and the footer. A change to either side alone (site/layouts/Base.astro or
// core/frame.tsx through the worker's Layout) makes them drift, and this fails.
import { describe, expect, it } from 'vitest';
import { town, type Locale } from '../../content/index.ts';
import { translate } from '../../content/ui.ts';
import { Frame } from '../../core/frame.tsx';
import { fileOf, page, read } from './support.ts';

/** The page's frame: everything up to <main>'s opening tag, and from its closing tag on. */
function frameOf(html: string): { before: string; after: string } {
  const open = html.indexOf('<main');
  const close = html.lastIndexOf('</main>');
  expect(open, 'the page has a <main>').toBeGreaterThan(0);
  expect(close, 'the page closes its <main>').toBeGreaterThan(open);
  return { before: html.slice(0, html.indexOf('>', open) + 1), after: html.slice(close) };
}

/** The built page at `address` and what it was given: locale, path, title and description. */
function built(address: string) {
  const locale: Locale = address.startsWith('/en/') ? 'en' : 'zh-CN';
  const doc = page(address);
  const suffix = ` · ${translate(locale, 'site.name')} · ${town.name[locale]}`;
  const fullTitle = doc.querySelector('title')?.textContent ?? '';
  expect(fullTitle.endsWith(suffix), `${address}: ${fullTitle}`).toBe(true);
  return {
    html: read(fileOf(address)),
    locale,
    path: locale === 'en' ? address.slice(3) : address,
    title: fullTitle.slice(0, -suffix.length),
    description: doc.querySelector('meta[name="description"]')?.getAttribute('content'),
  };
}

/** The same page as the worker renders it (its Layout, as every worker page uses it), with other content. */
async function rendered({ locale, path, title, description }: ReturnType<typeof built>): Promise<string> {
  // A JSX node renders to a string, or to a promise of one when a component in it is async.
  // The worker's Layout (worker/views/layout.tsx) hands its props to this frame with the language of
  // the request, which it reads from the locale context; the worker's types stay out of this project.
  const page = Frame({ locale, path, title, description, children: 'what the worker shows' });
  const rendering: string | Promise<string> = page.toString();
  return await rendering;
}

// Pages without search indexing or head extras of their own, in both languages, the home page and
// pages inside a section (the navigation marks where the reader is).
// (The regulations' pages are the worker's now: they wear the frame by construction.)
const ADDRESSES = ['/', '/en/', '/villages/', '/en/disclosures/', '/stats/', '/en/villages/', '/disclosures/'];

describe('the page frame', () => {
  it.each(ADDRESSES)('is the same around %s as built by Astro and as rendered by the worker', async (address) => {
    const page = built(address);
    const astro = frameOf(page.html);
    const worker = frameOf(await rendered(page));
    expect(worker.before).toBe(astro.before);
    expect(worker.after).toBe(astro.after);
  });

  it('holds the whole frame around the content: head, skip link, search, navigation, sample notice, footer', async () => {
    const { before, after } = frameOf(read('en/villages/index.html'));
    expect(before).toMatch(/^<!doctype html><html lang="en"><head>/);
    for (const part of ['<link rel="canonical"', 'hreflang="x-default"', 'type="application/rss+xml"', '<a class="skip" href="#main">', 'class="site-search"', 'aria-current="page"', 'class="sample-notice"']) {
      expect(before, part).toContain(part);
    }
    expect(after).toMatch(/^<\/main><footer class="site-footer">[\s\S]*<\/footer><\/body><\/html>$/);
  });
});

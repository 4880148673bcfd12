/**
 * Data the worker reads from its own static assets on first use instead of carrying it in every
 * isolate (it would be most of the upload, and only a few requests need it):
 *
 * - dist/data/password-dictionaries.json: zxcvbn-ts's common lists (@zxcvbn-ts/language-common),
 *   read when an account is created or a password changed (worker/services/password-dictionaries.ts);
 * - dist/data/traditional-characters.txt: OpenCC's traditional → simplified character table
 *   (opencc-js), read when an outcome or a monthly notice is checked for personal data
 *   (worker/services/traditional-characters.ts);
 * - dist/data/ui-strings.json: every UI string of both languages (content/ui.ts, from content/ui/),
 *   read once per isolate before anything is translated (worker/services/ui-strings.ts).
 *
 * - dist/data/disclosure-inputs.json: the villages' disclosure cadences (core/disclosure-inputs.ts;
 *   what is published is D1's), written by the build; here only when missing (the tests).
 * - dist/data/search-pages.json: the text of the static pages search finds beside the published
 *   documents (every page whose <main> Pagefind indexed: the disclosures, the villages' pages,
 *   办理流程 and privacy, in both languages), from the built HTML, as rows of
 *   [address, title, date, text] (worker/publishing/static-pages.ts, worker/services/search-pages.ts).
 *
 * - dist/qr/track.svg, dist/qr/track-en.svg: the QR code of the query page's full address in each
 *   language (portal.json's siteUrl), printed on the intake slip and the code cards as an image, so
 *   the worker carries no QR encoder (worker/views/staff/query-page.tsx).
 *
 * The first two are the packages' public data, the others the portal's own words, already public
 * on every page: nothing secret, so they are served like any file. The strings are written anew
 * every time (they change with the code); the others only when `onlyMissing` finds them missing.
 * `npm run build` writes them after Astro (which empties dist/); vitest.config.ts writes them when
 * missing, so the worker tests need no build.
 *
 *   node worker/tools/worker-assets.ts
 */
/// <reference path="../cases/opencc.d.ts" />
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { HTMLElement, parse, TextNode, type Node } from 'node-html-parser';
import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';
import type { StaticPageRow } from '../publishing/static-pages.ts';
import { renderSVG } from 'uqr';
import { LOCALES } from '../../content/index.ts';
import { ui } from '../../content/ui.ts';
import { QUERY_PAGE_QR, queryPageAddress } from '../views/staff/query-page-address.ts';
import { contentInputsJson } from './disclosure-inputs.ts';
import { DISCLOSURE_INPUTS_PATH, PASSWORD_DICTIONARIES_PATH, SEARCH_PAGES_PATH, TRADITIONAL_CHARACTERS_PATH, UI_STRINGS_PATH } from '../services/static-data.ts';

const DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist');

const FILES: [path: string, contents: () => string, always?: 'always'][] = [
  [PASSWORD_DICTIONARIES_PATH, () => JSON.stringify({ dictionary, adjacencyGraphs })],
  [TRADITIONAL_CHARACTERS_PATH, () => TS_CHARACTERS],
  [UI_STRINGS_PATH, () => JSON.stringify(ui), 'always'],
  [SEARCH_PAGES_PATH, () => JSON.stringify(searchPageRows())],
  // The build writes it from its collections; the worker tests (no build) from the same files.
  [DISCLOSURE_INPUTS_PATH, () => contentInputsJson()],
  // The query page's QR codes follow portal.json's siteUrl: written anew every time.
  ...LOCALES.map((locale): [string, () => string, 'always'] => [QUERY_PAGE_QR[locale].slice(1), () => renderSVG(queryPageAddress(locale), { border: 1 }), 'always']),
];

/** Elements whose text stands apart from its neighbours' (a label and its value are not one word). */
const BLOCK = new Set('address article aside blockquote br caption dd details div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr li main nav ol p section summary table tbody td tfoot th thead tr ul'.split(' '));

/**
 * The visible text of a node, blocks apart, white space folded. `skip`: elements left out (a
 * page's <h1>, shown as the result's link, and its line of keywords, found but never shown).
 */
function textOf(node: Node, skip: (e: HTMLElement) => boolean = () => false): string {
  const out: string[] = [];
  const walk = (n: Node) => {
    if (n instanceof TextNode) out.push(n.text);
    else if (n instanceof HTMLElement) {
      if (n.tagName === 'SCRIPT' || n.tagName === 'STYLE' || n.tagName === 'TEMPLATE' || n.hasAttribute('data-pagefind-ignore') || skip(n)) return;
      const block = BLOCK.has(n.rawTagName?.toLowerCase() ?? '');
      if (block) out.push(' ');
      n.childNodes.forEach(walk);
      if (block) out.push(' ');
    }
  };
  walk(node);
  return out.join('').replace(/\s+/g, ' ').trim();
}

function htmlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name === 'index.html' ? [join(dir, e.name)] : []));
}

/**
 * Every built page whose <main> is marked for search (data-pagefind-body: the disclosures, the
 * villages' pages, 办理流程, privacy; not the home page, the indexes or the figures): its address,
 * its <h1>, a disclosure's publishing day (the date in its facts; '' for other pages), the text
 * of its <main> but the <h1> and the keywords, and those keywords when it has any, in address order.
 */
function searchPageRows(): StaticPageRow[] {
  return htmlFiles(DIST)
    .sort()
    .flatMap((file): StaticPageRow[] => {
      const main = parse(readFileSync(file, 'utf8')).querySelector('main[data-pagefind-body]');
      if (!main) return [];
      const path = `/${relative(DIST, dirname(file)).split(sep).join('/')}/`.replace(/^\/\/$/, '/');
      const title = textOf(main.querySelector('h1') ?? main).slice(0, 200);
      const facts = path.includes('/disclosures/') ? main.querySelector('dl.facts time[datetime]') : null;
      const date = facts?.getAttribute('datetime')?.slice(0, 10) ?? '';
      // The words people search with that the page does not use (相关词：补贴、补助…): found, never
      // shown in a snippet, which shows the page's own text.
      const keywords = main.querySelectorAll('[data-search-keywords]').map((e) => textOf(e)).join(' ');
      const text = textOf(main, (e) => e.tagName === 'H1' || e.hasAttribute('data-search-keywords'));
      return [keywords ? [path, title, /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : '', text, keywords] : [path, title, /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : '', text]];
    });
}

/** Writes the files into dist/ (with `onlyMissing`, those not there yet, and the strings). */
export function writeWorkerAssets({ onlyMissing = false } = {}): void {
  for (const [path, contents, always] of FILES) {
    const file = join(DIST, path);
    if (onlyMissing && !always && existsSync(file)) continue;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, contents());
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) writeWorkerAssets();

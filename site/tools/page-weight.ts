/**
 * The page-weight budget: every built page, with the stylesheets and scripts it loads, must
 * weigh at most 50 KB gzip-compressed, so that it opens quickly on a cheap phone. Prints each
 * page's weight and exits 1 when one is over.
 *
 *   npm run weight                      # measures dist/
 *   npm run weight -- --dist dir --budget 50000
 *
 * Counted: the HTML, each <link rel="stylesheet">, each <script src> and each
 * <link rel="modulepreload"> (a page's own JavaScript). Not counted: PDFs and other downloads,
 * and the search index and engine that the search page fetches only when someone searches.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

export const DEFAULT_BUDGET = 50_000;

export interface PageWeight {
  /** The page's address, e.g. /regulations/x/. */
  page: string;
  html: number;
  css: number;
  js: number;
  total: number;
  /** Files the page refers to that are not in the build. */
  missing: string[];
}

const compressedCache = new Map<string, number>();

function compressed(file: string): number {
  let size = compressedCache.get(file);
  if (size === undefined) {
    size = gzipSync(readFileSync(file), { level: 9 }).length;
    compressedCache.set(file, size);
  }
  return size;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(full);
    return entry.name.endsWith('.html') ? [full] : [];
  });
}

/** The local files a page loads: stylesheets, and scripts (including module preloads). */
export function assetsOf(html: string): { css: string[]; js: string[] } {
  const attr = (tag: string, name: string) => new RegExp(`\\b${name}=["']([^"']+)["']`).exec(tag)?.[1];
  const local = (href: string | undefined): href is string => !!href && href.startsWith('/') && !href.startsWith('//');
  const css: string[] = [];
  const js: string[] = [];
  for (const tag of html.match(/<link\b[^>]*>/g) ?? []) {
    const rel = attr(tag, 'rel');
    const href = attr(tag, 'href');
    if (!local(href)) continue;
    if (rel === 'stylesheet') css.push(href);
    if (rel === 'modulepreload') js.push(href);
  }
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
    const src = attr(tag, 'src');
    if (local(src)) js.push(src);
  }
  return { css: [...new Set(css)], js: [...new Set(js)] };
}

function pageAddress(dist: string, file: string): string {
  const path = `/${relative(dist, file).split(sep).join('/')}`;
  return path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
}

/** The compressed weight of every HTML page under `dist`, sorted by address. */
export function measure(dist: string): PageWeight[] {
  return htmlFiles(dist)
    .filter((file) => !relative(dist, file).startsWith(`pagefind${sep}`))
    .map((file) => {
      const { css, js } = assetsOf(readFileSync(file, 'utf8'));
      const missing: string[] = [];
      const sum = (paths: string[]) =>
        paths.reduce((n, path) => {
          const asset = join(dist, decodeURI(path.split(/[?#]/)[0]!));
          try {
            if (statSync(asset).isFile()) return n + compressed(asset);
          } catch {
            /* reported below */
          }
          missing.push(path);
          return n;
        }, 0);
      const weight = { html: compressed(file), css: sum(css), js: sum(js) };
      return { page: pageAddress(dist, file), ...weight, total: weight.html + weight.css + weight.js, missing };
    })
    .sort((a, b) => a.page.localeCompare(b.page));
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

/** The report as printed: one line per page, then the verdict. */
export function report(weights: PageWeight[], budget: number): { text: string; ok: boolean } {
  const width = Math.max(...weights.map((w) => w.page.length), 4);
  const lines = weights.map((w) => {
    const flag = w.total > budget ? '  OVER BUDGET' : '';
    const missing = w.missing.length ? `  missing: ${w.missing.join(', ')}` : '';
    return `${w.page.padEnd(width)}  ${kb(w.total).padStart(8)}  (html ${kb(w.html)}, css ${kb(w.css)}, js ${kb(w.js)})${flag}${missing}`;
  });
  const over = weights.filter((w) => w.total > budget);
  const broken = weights.filter((w) => w.missing.length > 0);
  const largest = weights.reduce((a, b) => (b.total > a.total ? b : a), weights[0]!);
  const verdict =
    over.length || broken.length
      ? `FAIL: ${over.length} page(s) over the budget of ${kb(budget)}, ${broken.length} page(s) referring to missing files.`
      : `OK: ${weights.length} pages, all within ${kb(budget)} compressed (largest ${largest.page}, ${kb(largest.total)}).`;
  return { text: [`page weight (gzip -9: html + css + js)`, ...lines, verdict].join('\n'), ok: over.length === 0 && broken.length === 0 };
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const dist = option(args, 'dist') ?? 'dist';
  const budget = Number(option(args, 'budget') ?? DEFAULT_BUDGET);
  const weights = measure(dist);
  if (weights.length === 0) {
    console.error(`No HTML pages in ${dist}: run npm run build first.`);
    process.exit(1);
  }
  const { text, ok } = report(weights, budget);
  console.log(text);
  process.exit(ok ? 0 : 1);
}

/**
 * The site's static pages in search (the village-affairs disclosures, the villages' pages, 办理流程
 * and privacy, in both languages): their text is written at build by worker/tools/worker-assets.ts
 * to dist/data/search-pages.json, read once per isolate (worker/services/search-pages.ts), and
 * found by the same terms as the published documents (worker/publishing/search.ts).
 *
 * Pure: the file's shape, the pages a query finds, and a score to order them by.
 */
import { indexTerms, queryTerms } from './search.ts';

/**
 * One page in the file: its address, title, date (YYYY-MM-DD, or '' when the page has none), the
 * text of its <main> (what a snippet shows) and, when it has any, the words it is also found by
 * that it does not use itself (相关词：补贴、补助…), never shown.
 */
export type StaticPageRow = [path: string, title: string, date: string, text: string, keywords?: string];

export interface StaticPage {
  path: string;
  title: string;
  date: string;
  text: string;
  en: boolean;
  terms: Set<string>;
  titleTerms: Set<string>;
}

const DATE = /^(\d{4}-\d{2}-\d{2})?$/;

/** The pages of the file, indexed; null when it is not a list of rows. */
export function parseStaticPages(body: string): StaticPage[] | null {
  const rows: unknown = JSON.parse(body);
  if (!Array.isArray(rows)) return null;
  const pages: StaticPage[] = [];
  for (const row of rows) {
    if (!Array.isArray(row) || (row.length !== 4 && row.length !== 5) || !row.every((v) => typeof v === 'string')) return null;
    const [path, title, date, text, keywords = ''] = row as StaticPageRow;
    if (!path.startsWith('/') || !DATE.test(date)) return null;
    pages.push({ path, title, date, text, en: path === '/en' || path.startsWith('/en/'), terms: indexTerms(`${title} ${text} ${keywords}`), titleTerms: indexTerms(title) });
  }
  return pages;
}

/** The pages of one language holding every term of the query (none when the query has no terms). */
export function findStaticPages(pages: readonly StaticPage[], query: string, en: boolean): StaticPage[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  return pages.filter((p) => p.en === en && terms.every((t) => p.terms.has(t)));
}

/**
 * How well a text answers a query, the same for pages and documents: each term of the query in
 * the title counts ten, each time a word of the query occurs in the text one (at most nine).
 */
export function relevance(title: string, text: string, query: string): number {
  const terms = queryTerms(query);
  const inTitle = indexTerms(title);
  const lower = text.normalize('NFKC').toLowerCase();
  let occurrences = 0;
  for (const t of terms) {
    for (let i = lower.indexOf(t); i >= 0 && occurrences < 9; i = lower.indexOf(t, i + t.length)) occurrences++;
  }
  return terms.filter((t) => inTitle.has(t)).length * 10 + occurrences;
}

/**
 * Documents and pages in one list, at most `limit`: by date (newest first, undated pages last),
 * or by relevance as a resident expects it: first by how many of the query's words the title
 * holds, then the newest first (清廉村 财务: October's finances before September's), then by how
 * often the words occur, ties in the order given.
 */
export function ordered<T extends { score: number; date: string }>(items: readonly T[], order: 'relevance' | 'date', limit: number): T[] {
  const indexed = items.map((item, i) => ({ item, i }));
  const byDate = (a: T, b: T) => b.date.localeCompare(a.date);
  const byTitle = (a: T, b: T) => Math.floor(b.score / 10) - Math.floor(a.score / 10);
  indexed.sort((a, b) => (order === 'date' ? byDate(a.item, b.item) : byTitle(a.item, b.item) || byDate(a.item, b.item) || b.item.score - a.item.score) || a.i - b.i);
  return indexed.slice(0, limit).map((x) => x.item);
}

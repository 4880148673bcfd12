/**
 * Search without FTS5 (`wrangler d1 export` refuses a database with FTS5 virtual tables, so a
 * backup would break): the terms of a published document go into an ordinary table,
 * `search_terms` (term, document), rewritten in the batch that publishes or withdraws it.
 *
 * - Chinese has no spaces between words, so a run of Han characters is indexed as its single
 *   characters and its overlapping pairs (低保, 保障 …): a query of two or more characters matches
 *   a document holding every pair of the query, a one-character query the character.
 * - Other text is indexed as lower-cased words of letters and digits (NFKC first, so full-width
 *   letters count as their ASCII ones).
 *
 * Pure: the terms of a text, the terms of a query, and a snippet of the document's own text.
 */

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]/u;

/** The text split into runs of Han characters and words of other letters and digits. */
function runs(text: string): { han: boolean; run: string }[] {
  const out: { han: boolean; run: string }[] = [];
  let current = '';
  let han = false;
  for (const ch of text.normalize('NFKC')) {
    const isHan = HAN.test(ch);
    const isWord = !isHan && WORD.test(ch);
    if ((isHan || isWord) && (current === '' || isHan === han)) {
      current += ch;
      han = isHan;
      continue;
    }
    if (current) out.push({ han, run: current });
    current = isHan || isWord ? ch : '';
    han = isHan;
  }
  if (current) out.push({ han, run: current });
  return out;
}

/** Longest word kept in the index; longer ones are cut (nobody types them). */
const WORD_MAX = 40;

/** Every term a text is found by: Han characters and their pairs, lower-cased words. */
export function indexTerms(text: string): Set<string> {
  const terms = new Set<string>();
  for (const { han, run } of runs(text)) {
    if (!han) {
      terms.add(run.toLowerCase().slice(0, WORD_MAX));
      continue;
    }
    const chars = [...run];
    chars.forEach((ch, i) => {
      terms.add(ch);
      if (i + 1 < chars.length) terms.add(ch + chars[i + 1]);
    });
  }
  return terms;
}

/** The longest query taken, in characters; the most terms one query looks up. */
export const QUERY_MAX = 60;
const QUERY_TERMS_MAX = 24;

/** The terms a document must hold to match a query (every one of them); empty when there is nothing to look for. */
export function queryTerms(query: string): string[] {
  const terms = new Set<string>();
  for (const { han, run } of runs(query.slice(0, QUERY_MAX))) {
    if (!han) {
      terms.add(run.toLowerCase().slice(0, WORD_MAX));
      continue;
    }
    const chars = [...run];
    if (chars.length === 1) terms.add(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) terms.add(chars[i]! + chars[i + 1]!);
  }
  return [...terms].slice(0, QUERY_TERMS_MAX);
}

/** What to highlight for a query: its Han runs and its words, as typed. */
function needles(query: string): string[] {
  return runs(query.slice(0, QUERY_MAX))
    .map((r) => r.run)
    .filter((r) => r.length > 0);
}

export interface Snippet {
  /** The text around the first word found, in pieces; `mark` pieces are the words found. */
  parts: { text: string; mark: boolean }[];
  /** Whether text was left out before / after. */
  before: boolean;
  after: boolean;
}

/**
 * A stretch of the document's own text around the first place a word of the query occurs
 * (about `width` characters), with every occurrence of a query word in it marked.
 */
export function snippetOf(text: string, query: string, width = 90): Snippet {
  const flat = text.replace(/\s+/g, ' ').trim();
  const lower = flat.toLowerCase();
  const words = needles(query).map((w) => w.toLowerCase());
  // The first word found; a Han run not found whole is looked for by its first pair.
  let at = -1;
  for (const w of words) {
    const i = lower.indexOf(w);
    const j = i >= 0 ? i : lower.indexOf([...w].slice(0, 2).join(''));
    if (j >= 0 && (at < 0 || j < at)) at = j;
  }
  const start = Math.max(0, at < 0 ? 0 : at - Math.floor(width / 3));
  const end = Math.min(flat.length, start + width);
  const window = flat.slice(start, end);
  const parts: Snippet['parts'] = [];
  const marks = words.flatMap((w) => [w, ...([...w].length > 2 ? pairs(w) : [])]).filter((w) => w.length > 0);
  let i = 0;
  let plain = '';
  const lw = window.toLowerCase();
  while (i < window.length) {
    const hit = marks.filter((m) => lw.startsWith(m, i)).sort((a, b) => b.length - a.length)[0];
    if (hit) {
      if (plain) parts.push({ text: plain, mark: false });
      plain = '';
      parts.push({ text: window.slice(i, i + hit.length), mark: true });
      i += hit.length;
    } else {
      plain += window[i];
      i++;
    }
  }
  if (plain) parts.push({ text: plain, mark: false });
  return { parts, before: start > 0, after: end < flat.length };
}

function pairs(w: string): string[] {
  const chars = [...w];
  return chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
}

/**
 * Document bodies: stored as Markdown, rendered to HTML on the way out with micromark (the
 * CommonMark parser under remark, maintained by the unified collective, no dependencies on Node or
 * the DOM) and its GFM table extension. micromark is safe by default: raw HTML is escaped, not
 * passed through (we never set `allowDangerousHtml`), and a link's address keeps only http(s),
 * mailto and the like (`javascript:` and `data:` addresses are dropped, as we never set
 * `allowDangerousProtocol`). On top of that we switch off what a regulation has no use for:
 * images (they would fetch from other sites), raw HTML constructs, code and link definitions (text
 * pasted from Word with indentation stays a paragraph). Bodies nested too deep, or too long, are refused
 * when they are saved, so nothing slow reaches a public page.
 */
import { compile, parse, postprocess, preprocess } from 'micromark';
import { gfmTable, gfmTableHtml } from 'micromark-extension-gfm-table';
import type { Event, Extension } from 'micromark-util-types';
import type { UiKey } from '../../content/translate.ts';

/** Constructs a document body never uses: images, raw HTML, autolinks in <>, code, link definitions (wrangler.toml leaves their code out of the upload). */
const OFF: Extension = { disable: { null: ['labelStartImage', 'htmlFlow', 'htmlText', 'autolink', 'codeIndented', 'codeFenced', 'codeText', 'definition'] } };
const SYNTAX = { extensions: [gfmTable(), OFF] };
const HTML = { htmlExtensions: [gfmTableHtml()] };

export interface BodyLimits {
  bodyMaxChars: number;
  bodyMaxDepth: number;
}

function eventsOf(markdown: string): Event[] {
  return postprocess(parse(SYNTAX).document().write(preprocess()(markdown, undefined, true)));
}

const NESTING = new Set(['listOrdered', 'listUnordered', 'blockQuote']);

/** The deepest nesting of lists and quotes in the parsed body. */
function depthOf(events: Event[]): number {
  let depth = 0;
  let max = 0;
  for (const [kind, token] of events) {
    if (!NESTING.has(token.type)) continue;
    depth += kind === 'enter' ? 1 : -1;
    if (depth > max) max = depth;
  }
  return max;
}

/** Why a body cannot be stored (too long, nested too deep, unreadable characters), or null. */
export function bodyProblem(markdown: string, limits: BodyLimits): { key: UiKey; params?: Record<string, number> } | null {
  if (markdown.length > limits.bodyMaxChars) return { key: 'publishing.errors.bodyTooLong', params: { max: limits.bodyMaxChars } };
  // Control characters (NUL among them) and lone surrogates show as boxes or cut the text short.
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(markdown) || !markdown.isWellFormed()) return { key: 'publishing.errors.unreadable' };
  // Quick bound before parsing: a line that opens more than the limit of list markers or quotes.
  if (depthOf(eventsOf(markdown)) > limits.bodyMaxDepth) return { key: 'publishing.errors.tooDeep', params: { max: limits.bodyMaxDepth } };
  return null;
}

/** Bodies rendered lately, by their text: a published text never changes, and parsing is the page's dearest part. */
const rendered = new Map<string, string>();
const RENDERED_MAX = 32;

/** A stored body as safe HTML (headings, lists, emphasis, tables, links). */
export function renderBody(markdown: string): string {
  const known = rendered.get(markdown);
  if (known !== undefined) return known;
  const html = compile(HTML)(eventsOf(markdown));
  if (rendered.size >= RENDERED_MAX) rendered.delete(rendered.keys().next().value!);
  rendered.set(markdown, html);
  return html;
}

/** A body's plain text (what search indexes and snippets quote): the Markdown without its markup. */
export function plainTextOf(markdown: string): string {
  return renderBody(markdown)
    .replace(/<\/(p|h[1-6]|li|tr|th|td|blockquote|pre)>/g, ' $&\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? '')
    .replace(/[ \t]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim();
}

/**
 * Stands in for `micromark-core-commonmark` in the worker's upload (wrangler.toml `alias`): the
 * constructs a document body has switched off anyway (markdown.ts `OFF`: raw HTML, images,
 * autolinks, code, link definitions) are replaced by constructs that never match, so their code
 * is not uploaded; the rest are micromark's own. The tests run micromark whole, with the same
 * constructs switched off, so both parse alike.
 */
import type { Construct, Tokenizer } from 'micromark-util-types';

export { attention } from '../../node_modules/micromark-core-commonmark/lib/attention.js';
export { blankLine } from '../../node_modules/micromark-core-commonmark/lib/blank-line.js';
export { blockQuote } from '../../node_modules/micromark-core-commonmark/lib/block-quote.js';
export { characterEscape } from '../../node_modules/micromark-core-commonmark/lib/character-escape.js';
export { characterReference } from '../../node_modules/micromark-core-commonmark/lib/character-reference.js';
export { content } from '../../node_modules/micromark-core-commonmark/lib/content.js';
export { hardBreakEscape } from '../../node_modules/micromark-core-commonmark/lib/hard-break-escape.js';
export { headingAtx } from '../../node_modules/micromark-core-commonmark/lib/heading-atx.js';
export { labelEnd } from '../../node_modules/micromark-core-commonmark/lib/label-end.js';
export { labelStartLink } from '../../node_modules/micromark-core-commonmark/lib/label-start-link.js';
export { lineEnding } from '../../node_modules/micromark-core-commonmark/lib/line-ending.js';
export { list } from '../../node_modules/micromark-core-commonmark/lib/list.js';
export { setextUnderline } from '../../node_modules/micromark-core-commonmark/lib/setext-underline.js';
export { thematicBreak } from '../../node_modules/micromark-core-commonmark/lib/thematic-break.js';

const never: Tokenizer = (_effects, _ok, nok) => nok;
const off = (name: string): Construct => ({ name, tokenize: never });

export const autolink = off('autolink');
export const codeFenced = off('codeFenced');
export const codeIndented = off('codeIndented');
export const codeText = off('codeText');
export const definition = off('definition');
export const htmlFlow = off('htmlFlow');
export const htmlText = off('htmlText');
export const labelStartImage = off('labelStartImage');

/**
 * Stands in for `decode-named-character-reference` in the worker's upload (wrangler.toml `alias`):
 * the full table of HTML's 2,231 named character references (`character-entities`) would be a
 * sixth of the worker's 200 KB budget, for Markdown that town staff paste from Word and WPS,
 * which writes characters, not references. The references a pasted text may still hold are
 * decoded; any other stays in the text as written (escaped on output, so it shows as typed).
 */
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  shy: '\u00ad',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  plusmn: '±',
  times: '×',
  divide: '÷',
  middot: '·',
  bull: '•',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  sect: '§',
  para: '¶',
  permil: '‰',
  yen: '¥',
  euro: '€',
  le: '≤',
  ge: '≥',
  ne: '≠',
  larr: '←',
  rarr: '→',
  uarr: '↑',
  darr: '↓',
};

/** As decode-named-character-reference: the character(s) of a named reference (without & and ;), or false. */
export function decodeNamedCharacterReference(value: string): string | false {
  return Object.hasOwn(NAMED, value) ? NAMED[value]! : false;
}

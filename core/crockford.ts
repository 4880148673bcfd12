/** Crockford base32: random strings of it and what a person typed read back (query codes, recovery keys). */
import { randomBytes } from './bytes.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `length` random Crockford base32 characters (five bits each) from `crypto.getRandomValues`. */
export function randomCrockford(length: number): string {
  const bytes = randomBytes(Math.ceil((length * 5) / 8));
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out.slice(0, length);
}

/**
 * Crockford base32 of `length` characters from what someone typed: case, spaces and dashes do not
 * matter, and the look-alikes Crockford allows (O→0, I/L→1) are mapped. Null when it cannot be one.
 */
export function normalizeCrockford(input: string, length: number): string | null {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s\-_\u2010-\u2015\u2212\u30FC\uFF0D]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (cleaned.length !== length) return null;
  for (const ch of cleaned) if (!ALPHABET.includes(ch)) return null;
  return cleaned;
}

/** How a code may be written among other words, for finding it there. */
export interface CodeShape {
  /**
   * What may stand between its groups: `anything` (any run of characters but ASCII letters and
   * digits, so 473K—R3F9 张 AS9M too), or `punctuation` (nothing, or up to three spaces,
   * dashes, dots, underscores, slashes or other marks, never a letter or digit of any script:
   * `473K - R3F9`, `473K–R3F9`, `473K_R3F9` are read back by the lookup as one code).
   */
  between: 'anything' | 'punctuation';
  /** Its groups: `printed` (in quarters, 4-4-4-4; in halves; or whole), or any `quarters` (4-12, 8-4-4 …). */
  groups: 'printed' | 'quarters';
  /** Whether all digits can be one: a random code is about once in 10^8, and runs of digits are mostly amounts and dates. */
  digitsOnly: boolean;
  /**
   * Whether letters alone with a lower-case one among them read as words, not a code (`Work with
   * this team`, `Inconsistent with`): a printed code is upper case and holds a digit but about once
   * in 400 ((22/32)^16), so what this passes is a code with no digit written in lower case, once in
   * some thousands of codes copied by hand. For text to be published, where English words of
   * four letters would otherwise be refused; never for what only drops a search.
   */
  lowercaseWords: boolean;
}

/** A code found in a text: its UTF-16 span, and the code itself. */
export interface CodeSpan {
  start: number;
  /** Exclusive. */
  end: number;
  code: string;
}

/** A full-width form (Ａ, ４, －, the ideographic space) as the ASCII one, one UTF-16 unit for one: positions stay. */
function halfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
}

const IS_ALNUM = /[0-9A-Za-z]/;
/** A letter or digit of any script: what keeps two groups apart as words, not as parts of one code. */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Every Crockford code of `length` characters written in `text` in `shape`, left to right, none
 * overlapping: its groups are whole runs of ASCII letters and digits (full-width ones too), never
 * part of a longer word or number. What does not read as one (a U, a group too long) is passed
 * over and the search goes on from the next group, so `Your 473K R3F9 AS9M 2N0D` still finds it.
 */
export function findCrockfordCodes(text: string, length: number, shape: CodeShape): CodeSpan[] {
  const plain = halfWidth(text);
  const runs: { start: number; end: number }[] = [];
  for (let i = 0; i < plain.length; ) {
    if (!IS_ALNUM.test(plain[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j < plain.length && IS_ALNUM.test(plain[j]!)) j++;
    runs.push({ start: i, end: j });
    i = j;
  }
  const quarter = length / 4;
  const printed = [[quarter, quarter, quarter, quarter], [2 * quarter, 2 * quarter], [length]];
  const joins = (gap: string) => shape.between === 'anything' || gap === '' || (gap.length <= 3 && !LETTER_OR_DIGIT.test(gap));
  const found: CodeSpan[] = [];
  for (let i = 0; i < runs.length; ) {
    const sizes: number[] = [];
    let total = 0;
    let k = i;
    for (; k < runs.length && total < length; k++) {
      if (k > i && !joins(plain.slice(runs[k - 1]!.end, runs[k]!.start))) break;
      sizes.push(runs[k]!.end - runs[k]!.start);
      total += sizes.at(-1)!;
    }
    const grouped =
      total === length &&
      (shape.groups === 'quarters'
        ? sizes.every((n) => n % quarter === 0)
        : printed.some((p) => p.length === sizes.length && p.every((n, g) => sizes[g] === n)));
    const start = runs[i]!.start;
    const end = runs[k - 1]!.end;
    const code = grouped ? normalizeCrockford(plain.slice(start, end).replace(/[^0-9A-Za-z]/g, ''), length) : null;
    const written = code === null ? '' : plain.slice(start, end);
    const words = shape.lowercaseWords && !/[0-9]/.test(written) && /[a-z]/.test(written);
    if (code !== null && (shape.digitsOnly || /[^0-9]/.test(code)) && !words) {
      found.push({ start, end, code });
      i = k;
    } else i++;
  }
  return found;
}

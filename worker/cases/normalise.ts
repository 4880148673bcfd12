/**
 * Text as the personal-data check reads it, with a map back to the original. Someone hiding a
 * phone or a name from the check (or just pasting it from a chat) writes it in full-width or
 * other digits, in Chinese numerals, in traditional characters, or splits it with a line break,
 * a zero-width space or a soft hyphen; the normalised text undoes all of that, so the patterns
 * only have to know one spelling. Every normalised UTF-16 unit remembers the original span it
 * came from, so a finding still points at what the staff member typed.
 */
import { INVISIBLE } from './invisible.ts';

export interface Normalised {
  text: string;
  /** For each UTF-16 unit of `text`, where its source starts in the original. */
  from: number[];
  /** For each UTF-16 unit of `text`, where its source ends in the original (exclusive). */
  to: number[];
}

// OpenCC's character table (traditional → simplified), one entry per character: "個 个|們 们|…".
// Characters only, not phrases, so each character maps on its own and positions stay exact. Not
// bundled: whoever normalises hands it in first (the worker reads it from its static assets,
// services/traditional-characters.ts; it is opencc-js's dict/TSCharacters).
let table: string | null = null;

/** Hands in OpenCC's TSCharacters table (once per isolate; later calls change nothing). */
export function useTraditionalCharacters(characters: string): void {
  table ??= characters;
}

/** Whether the table has been handed in. */
export const hasTraditionalCharacters = (): boolean => table !== null;

let simplified: Map<string, string> | null = null;
function toSimplified(ch: string): string {
  if (!simplified) {
    if (table === null) throw new Error('traditional characters not loaded: call useTraditionalCharacters first');
    simplified = new Map();
    for (const entry of table.split('|')) {
      const [from, to] = entry.split(' ');
      if (from && to) simplified.set(from, to);
    }
  }
  return simplified.get(ch) ?? ch;
}

/** A base character with the combining marks after it: NFKC may compose them, so they go together. */
const CLUSTER = /\P{M}\p{M}*|\p{M}+/gsu;
const WHITESPACE = /^\s+$/u;
const DECIMAL = /\p{Nd}/u;

/** The ASCII digit of a decimal digit of any script (digit sets are runs of ten from zero). */
function asciiDigit(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x30 && cp <= 0x39) return ch;
  let zero = cp;
  while (zero > 0 && DECIMAL.test(String.fromCodePoint(zero - 1))) zero--;
  return String((cp - zero) % 10);
}

/** Chinese numerals as a phone is read out (幺 for one, 两 for two, 洞 for zero) and written on cheques. */
const CHINESE_DIGITS: Record<string, string> = {
  〇: '0', 零: '0', 洞: '0', 一: '1', 幺: '1', 壹: '1', 二: '2', 两: '2', 贰: '2', 三: '3', 叁: '3', 四: '4', 肆: '4',
  五: '5', 伍: '5', 六: '6', 陆: '6', 七: '7', 柒: '7', 八: '8', 捌: '8', 九: '9', 玖: '9',
};
// Seven or more in a row (a space or hyphen may stand between them): no word is that long, a local number is.
const CHINESE_NUMBER = new RegExp(`[${Object.keys(CHINESE_DIGITS).join('')}](?:[ -]?[${Object.keys(CHINESE_DIGITS).join('')}]){6,}`, 'gu');

/** Normalises `input` for matching; see the module comment. */
export function normalise(input: string): Normalised {
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  // True while the last unit written is a space and only invisible characters came after it.
  let inSpace = false;
  for (const m of input.matchAll(CLUSTER)) {
    const start = m.index;
    const end = start + m[0].length;
    const out = m[0].normalize('NFKC').replace(INVISIBLE, '');
    if (out === '') continue;
    if (WHITESPACE.test(out)) {
      // A run of whitespace, line breaks included, is one space.
      if (inSpace) to[to.length - 1] = end;
      else {
        text += ' ';
        from.push(start);
        to.push(end);
        inSpace = true;
      }
      continue;
    }
    inSpace = false;
    for (const ch of out) {
      const mapped = DECIMAL.test(ch) ? asciiDigit(ch) : toSimplified(ch);
      for (let k = 0; k < mapped.length; k++) {
        from.push(start);
        to.push(end);
      }
      text += mapped;
    }
  }
  text = text.replace(CHINESE_NUMBER, (run) => [...run].map((ch) => CHINESE_DIGITS[ch] ?? ch).join(''));
  return { text, from, to };
}

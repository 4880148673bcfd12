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

/**
 * The query code: the resident's only key to their case. 80 random bits written as 16 Crockford
 * base32 characters, shown grouped 4-4-4-4. Only its keyed hash is stored.
 */
import { hmacHex, randomBytes } from './crypto.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const QUERY_CODE_LENGTH = 16;

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

/** A fresh query code (16 characters, no separators): 80 bits, exactly 16 five-bit symbols. */
export function generateQueryCode(): string {
  return randomCrockford(QUERY_CODE_LENGTH);
}

/** The code as residents see it: ABCD-EFGH-JKMN-PQRS. */
export function formatQueryCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
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

/** The canonical query code from what a resident typed, or null when it cannot be one. */
export function normalizeQueryCode(input: string): string | null {
  return normalizeCrockford(input, QUERY_CODE_LENGTH);
}

/** The keyed hash stored in place of the code (HMAC-SHA-256 under the worker's secret). */
export function hashQueryCode(secret: string, code: string): Promise<string> {
  return hmacHex(secret, `query-code:${code}`);
}

/**
 * The query code: the resident's only key to their case. 80 random bits written as 16 Crockford
 * base32 characters, shown grouped 4-4-4-4. Only its keyed hash is stored.
 */
import { findCrockfordCodes, normalizeCrockford, randomCrockford } from '../../core/crockford.ts';
import * as z from 'zod/mini';
import { hmacHex } from './crypto.ts';
import { INVISIBLE } from './invisible.ts';
import { asTyped } from './validation.ts';


export const QUERY_CODE_LENGTH = 16;

/**
 * A receipt shows its code again for a retried POST (a lost answer, a double click) only this
 * long. After that a retry — the next person at a shared computer pressing reload — learns that
 * the case was received and its number, never the code. The cron then forgets the sealed code.
 */
export const RECEIPT_REPLAY_MS = 10 * 60 * 1000;

/** A fresh query code (16 characters, no separators): 80 bits, exactly 16 five-bit symbols. */
export function generateQueryCode(): string {
  return randomCrockford(QUERY_CODE_LENGTH);
}

/** The code as residents see it: ABCD-EFGH-JKMN-PQRS. */
export function formatQueryCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

/** The canonical query code from what a resident typed, or null when it cannot be one. */
export function normalizeQueryCode(input: string): string | null {
  return normalizeCrockford(input, QUERY_CODE_LENGTH);
}

/**
 * Whether `text` holds a query code: alone in any spelling a lookup takes, or among other words
 * (`查询码 473K-R3F9-AS9M-2N0D`, `473K.R3F9.AS9M.2N0D 张三`), full-width characters too: in any
 * groups of four (as printed, in halves, whole, or 4-12 and 4-8-4 as someone types it), with
 * anything between the groups, all digits too; characters that show nothing (a zero-width
 * space pasted inside a group) are not there for it.
 */
export function holdsQueryCode(text: string): boolean {
  const plain = text.normalize('NFKC').replace(INVISIBLE, '');
  return normalizeQueryCode(plain) !== null || findCrockfordCodes(plain, QUERY_CODE_LENGTH, TYPED).length > 0;
}

/** How a code is written when someone types it among other words (a search): any groups of four, any separator, all digits too. */
const TYPED = { between: 'anything', groups: 'quarters', digitsOnly: true, lowercaseWords: false } as const;

/** A code as typed that can be one (its format is no secret), kept as typed for the lookup. */
export const queryCodeText = z.string().check(z.refine((code: string) => normalizeQueryCode(code) !== null));

/** A lookup by code: the code, and the client id its proof of work is bound to ('' when none). */
export const trackSchema = z.object({ code: queryCodeText, clientId: asTyped });

/** A claim of a slip's case: its token ('' when none, which no case has). */
export const claimSchema = z.object({ token: asTyped });

/** The keyed hash stored in place of the code (HMAC-SHA-256 under the worker's secret). */
export function hashQueryCode(secret: string, code: string): Promise<string> {
  return hmacHex(secret, `query-code:${code}`);
}

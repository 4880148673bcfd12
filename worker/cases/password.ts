/**
 * Staff passwords: PBKDF2-SHA-256 through WebCrypto with a per-user salt, then HMAC-SHA-256 under
 * the pepper (worker/cases/pepper.ts), which is not in D1: without it a stored verifier cannot
 * test a guess at all.
 */
import { fromBase64Url, randomBytes, toBase64Url } from '../../core/bytes.ts';
import { sameBytes } from './crypto.ts';
import { pepperMac } from './pepper.ts';

/**
 * The highest iteration count Cloudflare's runtime accepts for PBKDF2 (it refuses more in
 * production; the open-source workerd behind `wrangler dev` does not check, so we do).
 */
export const PBKDF2_ITERATIONS = 100_000;
export const PASSWORD_MIN_LENGTH = 12;
/** A committee member's password: a passphrase (and zxcvbn's top score, password-strength.ts). */
export const MEMBER_PASSWORD_MIN_LENGTH = 16;

/** The stored form: pbkdf2-sha256-pepper$<iterations>$<salt>$<HMAC(pepper, PBKDF2 output)>. */
export const VERIFIER_SCHEME = 'pbkdf2-sha256-pepper';
/** The form before the pepper, pbkdf2-sha256$<iterations>$<salt>$<PBKDF2 output>: only ever upgraded, never checked. */
export const LEGACY_SCHEME = 'pbkdf2-sha256';

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array<ArrayBuffer>> {
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > PBKDF2_ITERATIONS) {
    throw new RangeError(`PBKDF2 iteration count must be 1 to ${PBKDF2_ITERATIONS}`);
  }
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256));
}

/** A storable verifier of `password` under the pepper. */
export async function hashPassword(password: string, pepper: CryptoKey, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const salt = randomBytes(16);
  const mac = await pepperMac(pepper, await derive(password, salt, iterations));
  return `${VERIFIER_SCHEME}$${iterations}$${toBase64Url(salt)}$${toBase64Url(mac)}`;
}

function parse(stored: string, scheme: string): { count: number; salt: string; hash: string } | null {
  const [s, iterations, salt, hash, ...rest] = typeof stored === 'string' ? stored.split('$') : [];
  if (s !== scheme || !iterations || !salt || !hash || rest.length > 0) return null;
  const count = Number(iterations);
  // A stored hash asking for more work than the platform allows is not ours: refuse, don't run it.
  return Number.isInteger(count) && count >= 1 && count <= PBKDF2_ITERATIONS ? { count, salt, hash } : null;
}

/** True when `password` matches `stored` under the pepper; compares in constant time. A legacy verifier never matches (upgrade it first). */
export async function verifyPassword(password: string, stored: string, pepper: CryptoKey): Promise<boolean> {
  const parsed = parse(stored, VERIFIER_SCHEME);
  if (!parsed) return false;
  const expected = fromBase64Url(parsed.hash);
  const actual = await pepperMac(pepper, await derive(password, fromBase64Url(parsed.salt), parsed.count));
  return sameBytes(actual, expected);
}

/** Whether a stored verifier is of the form before the pepper. */
export function isLegacyVerifier(stored: string): boolean {
  return parse(stored, LEGACY_SCHEME) !== null;
}

/**
 * A legacy verifier turned into the peppered one without the password: its PBKDF2 output is
 * exactly what the new scheme puts under the HMAC, so HMAC(pepper, old output) is the new verifier
 * of the same password. Null when `stored` is not a legacy verifier.
 */
export async function upgradeVerifier(stored: string, pepper: CryptoKey): Promise<string | null> {
  const parsed = parse(stored, LEGACY_SCHEME);
  if (!parsed) return null;
  const mac = await pepperMac(pepper, fromBase64Url(parsed.hash));
  return `${VERIFIER_SCHEME}$${parsed.count}$${parsed.salt}$${toBase64Url(mac)}`;
}

/** A verifier to compare against when the account does not exist, so the answer takes as long. */
export const DUMMY_PASSWORD_HASH = `${VERIFIER_SCHEME}$100000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;

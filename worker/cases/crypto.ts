/** Small WebCrypto helpers shared by the query-code and idempotency code. */

import { randomBytes, toBase64Url, fromBase64Url, toHex } from '../../core/bytes.ts';

const encoder = new TextEncoder();

/**
 * Whether two byte strings are equal, compared in constant time by the platform
 * (`crypto.subtle.timingSafeEqual`, an extension of the Workers runtime). Different lengths are
 * unequal at once: use it where the length is public (a MAC, a signature of fixed size), and
 * `sameSecret` where it is not. Node's WebCrypto lacks the extension: the operator's tools never
 * compare secrets, and a call there throws rather than compare by hand.
 */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  // Typed as optional: the site's and the tools' type-checks see the DOM's SubtleCrypto, without it.
  const subtle: SubtleCrypto & { timingSafeEqual?: (a: ArrayBufferView, b: ArrayBufferView) => boolean } = crypto.subtle;
  if (!subtle.timingSafeEqual) throw new Error('sameBytes needs crypto.subtle.timingSafeEqual (the Workers runtime)');
  return a.byteLength === b.byteLength && subtle.timingSafeEqual(a, b);
}

/** Whether two texts of any length are equal, in a time that tells nothing of either: their SHA-256 digests are compared. */
export async function sameSecret(a: string, b: string): Promise<boolean> {
  const [da, db] = await Promise.all([crypto.subtle.digest('SHA-256', encoder.encode(a)), crypto.subtle.digest('SHA-256', encoder.encode(b))]);
  return sameBytes(new Uint8Array(da), new Uint8Array(db));
}

/** Hex SHA-256 of a UTF-8 string. */
export async function sha256Hex(text: string): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

/**
 * The worker's secret imported once per isolate for each use (HMAC, HKDF), not on every request:
 * a non-extractable CryptoKey, held in memory as the secret itself is. Only the worker's own
 * secret is passed here (a test may use a few, hence the small bound).
 */
const importedKeys = new Map<string, Promise<CryptoKey>>();

function importedKey(secret: string, algorithm: 'HMAC' | 'HKDF'): Promise<CryptoKey> {
  const id = `${algorithm}|${secret}`;
  let key = importedKeys.get(id);
  if (!key) {
    if (importedKeys.size >= 8) importedKeys.clear();
    key =
      algorithm === 'HMAC'
        ? crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
        : crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey']);
    // A failed import is not kept: the next call tries again.
    key.catch(() => importedKeys.delete(id));
    importedKeys.set(id, key);
  }
  return key;
}

/** Hex HMAC-SHA-256 of `message` under `secret`. */
export async function hmacHex(secret: string, message: string): Promise<string> {
  return toHex(await crypto.subtle.sign('HMAC', await importedKey(secret, 'HMAC'), encoder.encode(message)));
}

async function sealingKey(secret: string, salt: string): Promise<CryptoKey> {
  const ikm = await importedKey(secret, 'HKDF');
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode(salt), info: encoder.encode('qinglian receipt seal v1') },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/**
 * Encrypts `plaintext` with AES-GCM under a key derived from both `secret` and `salt`, so the
 * result opens only for someone who holds both (the worker's secret and the client's id).
 */
export async function seal(secret: string, salt: string, plaintext: string): Promise<string> {
  const iv = randomBytes(12);
  const key = await sealingKey(secret, salt);
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, encoder.encode(plaintext)));
  const out = new Uint8Array(iv.length + ciphertext.length);
  out.set(iv);
  out.set(ciphertext, iv.length);
  return toBase64Url(out);
}

/** Opens what `seal` produced; null when the secret or salt do not match or the data is damaged. */
export async function unseal(secret: string, salt: string, sealed: string): Promise<string | null> {
  try {
    const bytes = fromBase64Url(sealed);
    const key = await sealingKey(secret, salt);
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.slice(0, 12) }, key, bytes.slice(12));
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}

/** A fresh client id for a form rendered on the server (128 random bits, base64url). */
export function newClientId(): string {
  return toBase64Url(randomBytes(16));
}

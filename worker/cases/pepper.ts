/**
 * The pepper: a key that never sits in D1, mixed into everything stored that a password could be
 * tested against (the sign-in verifier, a member's key, the sign-in failure counter's name hash),
 * so that a database export alone cannot test a single guess.
 *
 * It is derived from the worker's `QUERY_CODE_KEY` secret with HKDF-SHA-256 and its own info
 * label (domain separation: it equals no other key made from that secret). A Workers secret cannot
 * be read back from the dashboard or the API; the operator's tools get it from `.dev.vars` locally
 * or from the operator (the value they set with `wrangler secret put`). Pure WebCrypto: the worker
 * and Node's tools run it; browsers never see it, only what it gives one member about themselves.
 */
import { toBase64Url, toHex } from '../../core/bytes.ts';

const encoder = new TextEncoder();
const utf8 = (text: string) => new Uint8Array(encoder.encode(text));

/** HKDF info of the pepper; HKDF of the same secret with another label gives an unrelated key. */
export const PEPPER_INFO = 'qinglian/password-pepper/v1';

/** The pepper, as an HMAC-SHA-256 key, from the worker's secret. */
export async function pepperKey(secret: string): Promise<CryptoKey> {
  const ikm = await crypto.subtle.importKey('raw', utf8(secret), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: utf8(PEPPER_INFO) },
    ikm,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign'],
  );
}

/** HMAC-SHA-256 under the pepper. */
export async function pepperMac(pepper: CryptoKey, data: Uint8Array<ArrayBuffer> | string): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.sign('HMAC', pepper, typeof data === 'string' ? utf8(data) : data));
}

/** A username as every keyed value below reads it. */
export const canonicalUsername = (username: string) => username.trim().toLowerCase();

/**
 * The member's share of their key, base64url: HMAC(pepper, 'member-key|' + username). The worker
 * gives it to the member's browser only after they signed in (keys.json), and to a member who
 * creates or resets another member's account; the browser mixes it with Argon2id of the password.
 */
export async function memberSecret(pepper: CryptoKey, username: string): Promise<string> {
  return toBase64Url(await pepperMac(pepper, `member-key|${canonicalUsername(username)}`));
}

/**
 * The wrapping key of one sign-in, for the committee member's browser (core/sealed.ts
 * `sealForSession`): an HMAC under the pepper of the session's cookie value, which is stored
 * nowhere (the database holds only its hash). So it is known only to a request carrying that live
 * session's cookie, and no export, later visitor or other session can derive it.
 */
export async function sessionWrapKey(pepper: CryptoKey, sessionId: string): Promise<string> {
  return toBase64Url(await pepperMac(pepper, `session-wrap|${sessionId}`));
}

/** The sign-in failure counter's key for a typed name: keyed, so a password typed as a name is not recoverable from an export. */
export async function signInNameHash(pepper: CryptoKey, username: string): Promise<string> {
  return toHex(await pepperMac(pepper, `sign-in|${username.toLowerCase()}`));
}

/**
 * Sealed content: the envelopes that keep what is routed to the discipline committee readable by
 * its members and by the resident who holds the query code, and by no one else. WebCrypto only,
 * no cipher of our own. Pure: the same module runs in the worker, in Node (the operator's tools)
 * and, bundled, in the committee members' browsers (site/scripts/committee.ts).
 *
 * Every envelope is text: a version prefix and base64url parts joined by dots.
 *
 *   qls2:<iv>.<ciphertext>        a text under a data key (AES-256-GCM), padded before sealing to a
 *                                 size bucket (`paddedSize`) so its length tells nothing finer
 *   qls1:<iv>.<ciphertext>        the same, unpadded: written before padding, still read
 *   qlk1:<epk>.<iv>.<ciphertext>  bytes sealed to an ECDH P-256 public key: an ephemeral key pair,
 *                                 ECDH, HKDF-SHA-256 (salt = the ephemeral public key) → AES-256-GCM
 *   qlp2:<m>-<t>-<p>.<iv>.<ct>    bytes under a member's key: HKDF-SHA-256 of Argon2id(password,
 *                                 per-username salt; m KiB, t passes, p lanes) and the member's
 *                                 secret, an HMAC under the worker's pepper (qlp1: PBKDF2 only,
 *                                 legacy, opened once to be re-sealed)
 *   qlo1:<iv>.<ciphertext>        a legacy qlp1 text sealed by the worker under HKDF-SHA-256 of the
 *                                 member's secret, until the member's browser re-seals it as qlp2
 *   qlr1:<iv>.<ciphertext>        bytes under HKDF-SHA-256 of the committee's recovery key
 *   qlc1:<iv>.<ciphertext>        bytes under HKDF-SHA-256 of a query code (salt: the worker secret)
 *   qlt1:<iv>.<ciphertext>        bytes under HKDF-SHA-256 of a 30-minute track token
 */
import { fromBase64Url, randomBytes, toBase64Url } from './bytes.ts';
import { normalizeCrockford, randomCrockford } from './crockford.ts';

const encoder = new TextEncoder();
/** UTF-8 bytes, typed for WebCrypto on every platform this runs on. */
const utf8 = (text: string): Bytes => new Uint8Array(encoder.encode(text));
const decoder = new TextDecoder();
const AES = { name: 'AES-GCM', length: 256 } as const;
const EC = { name: 'ECDH', namedCurve: 'P-256' } as const;

type Bytes = Uint8Array<ArrayBuffer>;
type Prefix = 'qls1' | 'qls2' | 'qlp1' | 'qlp2' | 'qlo1' | 'qlr1' | 'qlc1' | 'qlt1' | 'qlw1';

async function encryptParts(key: CryptoKey, plain: Bytes): Promise<string> {
  const iv = randomBytes(12);
  const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain));
  return `${toBase64Url(iv)}.${toBase64Url(ct)}`;
}

async function decryptParts(key: CryptoKey, iv: string, ct: string): Promise<Bytes> {
  return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64Url(iv) }, key, fromBase64Url(ct)));
}

/** The parts after `prefix:`, or null when the text is not such an envelope. */
function partsOf(prefix: string, envelope: string, count: number): string[] | null {
  if (typeof envelope !== 'string' || !envelope.startsWith(`${prefix}:`)) return null;
  const parts = envelope.slice(prefix.length + 1).split('.');
  return parts.length === count && parts.every((p) => /^[A-Za-z0-9_-]+$/.test(p)) ? parts : null;
}

/** Whether `text` has the form of an envelope of this kind (no key is needed to tell). */
export function isEnvelope(kind: 'qlk1' | Prefix, text: unknown): text is string {
  return typeof text === 'string' && text.length <= 8192 && partsOf(kind, text, kind === 'qls1' || kind === 'qlr1' || kind === 'qlc1' || kind === 'qlt1' || kind === 'qlw1' ? 2 : 3) !== null;
}

async function sealWith(prefix: Prefix, key: CryptoKey, plain: Bytes): Promise<string> {
  return `${prefix}:${await encryptParts(key, plain)}`;
}

/** Opens an envelope of `prefix`; null when it is not one, or the key does not open it. */
async function openWith(prefix: Prefix, key: CryptoKey, envelope: string): Promise<Bytes | null> {
  const parts = partsOf(prefix, envelope, 2);
  if (!parts) return null;
  try {
    return await decryptParts(key, parts[0]!, parts[1]!);
  } catch {
    return null;
  }
}

async function hkdfKey(secret: Bytes, salt: Bytes, info: string): Promise<CryptoKey> {
  const ikm = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt, info: utf8(info) }, ikm, AES, false, ['encrypt', 'decrypt']);
}

// ── Data keys and the texts they seal ──────────────────────────────────────────────────────────

/** A fresh random data key (one per case or record-form entry), as raw bytes. */
export function newDataKey(): Bytes {
  return randomBytes(32);
}

/** The data key's raw bytes as an AES-GCM key. */
export function importDataKey(raw: Bytes): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw, AES, false, ['encrypt', 'decrypt']);
}

/**
 * The size a text of `bytes` UTF-8 bytes is padded to before sealing: the smallest bucket that holds
 * it and the one-byte end mark, 256 bytes, then powers of two (512, 1 KiB … 16 KiB: a description
 * of 4,000 characters of four bytes each, the longest text allowed, fits the 16 KiB bucket; a longer
 * one, which validation refuses, still doubles).
 */
export function paddedSize(bytes: number): number {
  let size = 256;
  while (size < bytes + 1) size *= 2;
  return size;
}

/** The length of a `qls2` envelope sealing up to `bytes` UTF-8 bytes (what an upload may be checked against). */
export function sealedTextLength(bytes: number): number {
  const b64 = (n: number) => Math.ceil((n * 4) / 3);
  return 'qls2:'.length + b64(12) + 1 + b64(paddedSize(bytes) + 16);
}

/** The longest stored envelope a sealed text can be (the 64 KiB bucket: far more than any text allowed). */
const SEALED_TEXT_CHARS = sealedTextLength(65_535);

/** Pads to the bucket (0x80, then zeros): unambiguous whatever the text ends with. */
function pad(plain: Bytes, atLeast: number): Bytes {
  const out = new Uint8Array(paddedSize(Math.max(plain.length, atLeast)));
  out.set(plain);
  out[plain.length] = 0x80;
  return out;
}

function unpad(padded: Bytes): Bytes | null {
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  return end >= 0 && padded[end] === 0x80 ? padded.slice(0, end) : null;
}

/** Whether a stored text is sealed (a `qls2:` envelope, or a `qls1:` one from before padding) rather than plain. */
export function isSealedText(text: string | null | undefined): text is string {
  return typeof text === 'string' && text.length <= SEALED_TEXT_CHARS && (partsOf('qls2', text, 2) !== null || partsOf('qls1', text, 2) !== null);
}

/** Whether a text is sealed the way every sealer writes it now (`qls2`, padded): what an upload must be. */
export function isPaddedText(text: unknown): text is string {
  return typeof text === 'string' && text.length <= SEALED_TEXT_CHARS && partsOf('qls2', text, 2) !== null;
}

/**
 * Seals a text under a data key, padded to its size bucket. `atLeast` (in UTF-8 bytes) pads as
 * if the text were that long: a text made of a template and the resident's words passes the length
 * of its longest template plus the words, so its bucket says nothing of which template it is.
 */
export async function sealText(dataKey: CryptoKey, text: string, atLeast = 0): Promise<string> {
  return sealWith('qls2', dataKey, pad(utf8(text), atLeast));
}

/** Opens a sealed text (`qls2`, or `qls1` from before padding); null when it is not sealed or the key is not its key. */
export async function openText(dataKey: CryptoKey, envelope: string): Promise<string | null> {
  if (!isSealedText(envelope)) return null;
  if (envelope.startsWith('qls1:')) {
    const plain = await openWith('qls1', dataKey, envelope);
    return plain ? decoder.decode(plain) : null;
  }
  const padded = await openWith('qls2', dataKey, envelope);
  const plain = padded ? unpad(padded) : null;
  return plain ? decoder.decode(plain) : null;
}

/** The UTF-8 length of a text, to compute `atLeast` for `sealText`. */
export function byteLength(text: string): number {
  return utf8(text).length;
}

/** Seals a nullable text: null stays null. */
export async function sealOptional(dataKey: CryptoKey, text: string | null, atLeast = 0): Promise<string | null> {
  return text === null ? null : sealText(dataKey, text, atLeast);
}

// ── Public keys: the committee's, each member's, each case's resident key ──────────────────────

export interface KeyPair {
  /** Raw uncompressed P-256 point, base64url. */
  publicKey: string;
  /** PKCS #8, raw bytes: only ever kept sealed. */
  privateKey: Bytes;
}

/** A fresh ECDH P-256 key pair. */
export async function newKeyPair(): Promise<KeyPair> {
  const pair = (await crypto.subtle.generateKey(EC, true, ['deriveBits'])) as CryptoKeyPair;
  const [pub, priv] = await Promise.all([crypto.subtle.exportKey('raw', pair.publicKey), crypto.subtle.exportKey('pkcs8', pair.privateKey)]);
  return { publicKey: toBase64Url(new Uint8Array(pub as ArrayBuffer)), privateKey: new Uint8Array(priv as ArrayBuffer) };
}

/** The public key (as `newKeyPair` writes it) that belongs to a PKCS #8 private key. */
export async function publicKeyOf(privateKey: Bytes): Promise<string> {
  const key = await crypto.subtle.importKey('pkcs8', privateKey, EC, true, ['deriveBits']);
  const jwk = (await crypto.subtle.exportKey('jwk', key)) as JsonWebKey;
  const point = new Uint8Array(65);
  point[0] = 4;
  point.set(fromBase64Url(jwk.x!), 1);
  point.set(fromBase64Url(jwk.y!), 33);
  return toBase64Url(point);
}

/** Whether `text` is a P-256 public key as `newKeyPair` writes it. */
export async function isPublicKey(text: unknown): Promise<boolean> {
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]{87}$/.test(text)) return false;
  try {
    await crypto.subtle.importKey('raw', fromBase64Url(text), EC, true, []);
    return true;
  } catch {
    return false;
  }
}

async function sharedKey(privateKey: CryptoKey, publicKey: CryptoKey, salt: Bytes): Promise<CryptoKey> {
  // Typed as the DOM and the Workers runtime each spell it; both take `public` at run time.
  const params = { name: 'ECDH', public: publicKey } as unknown as Parameters<SubtleCrypto['deriveBits']>[0];
  const bits = new Uint8Array(await crypto.subtle.deriveBits(params, privateKey, 256));
  return hkdfKey(bits, salt, 'qinglian/seal-to-key/v1');
}

/** Seals bytes so that only the holder of the private key of `publicKey` opens them. */
export async function sealTo(publicKey: string, plain: Bytes): Promise<string> {
  const recipient = await crypto.subtle.importKey('raw', fromBase64Url(publicKey), EC, false, []);
  const ephemeral = (await crypto.subtle.generateKey(EC, true, ['deriveBits'])) as CryptoKeyPair;
  const epk = new Uint8Array((await crypto.subtle.exportKey('raw', ephemeral.publicKey)) as ArrayBuffer);
  const key = await sharedKey(ephemeral.privateKey, recipient, epk);
  return `qlk1:${toBase64Url(epk)}.${await encryptParts(key, plain)}`;
}

/** Opens what `sealTo` sealed, with the PKCS #8 private key; null when it is not for this key. */
export async function openSealed(privateKey: Bytes, envelope: string): Promise<Bytes | null> {
  const parts = partsOf('qlk1', envelope, 3);
  if (!parts) return null;
  try {
    const own = await crypto.subtle.importKey('pkcs8', privateKey, EC, false, ['deriveBits']);
    const epk = fromBase64Url(parts[0]!);
    const key = await sharedKey(own, await crypto.subtle.importKey('raw', epk, EC, false, []), epk);
    return await decryptParts(key, parts[1]!, parts[2]!);
  } catch {
    return null;
  }
}

// ── Keys that wrap private keys: a member's password, the recovery key, a query code, a token ──

/**
 * Argon2id parameters of a member's password key (done in the browser and by the operator's tool,
 * never by the worker): memory in KiB, passes, lanes. Written into every `qlp2` envelope.
 */
export const MEMBER_KDF = { memoryKiB: 65_536, passes: 3, lanes: 1 } as const;
export type MemberKdf = { memoryKiB: number; passes: number; lanes: number };

/** The Argon2id salt of a member's password key: per username, so the browser can derive it at sign-in. */
export const memberKdfSalt = (username: string) => `qinglian/member-key/v2/${username.trim().toLowerCase()}`;

/**
 * A member's key, as raw bytes: HKDF-SHA-256 of the Argon2id output of their password (made in
 * their browser; see member-kdf.ts) and their member secret (HMAC of the worker's pepper, given
 * only to the signed-in member). Neither alone opens a `qlp2` envelope.
 */
export async function memberKeyFrom(passwordKey: Bytes, memberSecret: string): Promise<Bytes> {
  const secret = fromBase64Url(memberSecret);
  const ikm = new Uint8Array(passwordKey.length + secret.length);
  ikm.set(passwordKey);
  ikm.set(secret, passwordKey.length);
  const base = await crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: utf8('qinglian/member-key/v2') }, base, 256));
}

const kdfPart = (kdf: MemberKdf) => `${kdf.memoryKiB}-${kdf.passes}-${kdf.lanes}`;

/** Seals bytes (a member's private key) under the member's key (`memberKeyFrom`). */
export async function sealForMember(memberKey: Bytes, plain: Bytes, kdf: MemberKdf = MEMBER_KDF): Promise<string> {
  return `qlp2:${kdfPart(kdf)}.${await encryptParts(await importDataKey(memberKey), plain)}`;
}

/** The Argon2id parameters a `qlp2` envelope was made with; null when it is not one or they are out of bounds. */
export function memberKdfOf(envelope: string): MemberKdf | null {
  const parts = partsOf('qlp2', envelope, 3);
  const m = parts ? /^(\d{4,7})-(\d{1,2})-(\d)$/.exec(parts[0]!) : null;
  if (!m) return null;
  const kdf = { memoryKiB: Number(m[1]), passes: Number(m[2]), lanes: Number(m[3]) };
  return kdf.memoryKiB >= 8 * 1024 && kdf.memoryKiB <= 1024 * 1024 && kdf.passes >= 1 && kdf.lanes >= 1 ? kdf : null;
}

/** Opens a `qlp2` envelope with the member's key. */
export async function openForMember(memberKey: Bytes, envelope: string): Promise<Bytes | null> {
  const parts = partsOf('qlp2', envelope, 3);
  if (!parts) return null;
  try {
    return await decryptParts(await importDataKey(memberKey), parts[1]!, parts[2]!);
  } catch {
    return null;
  }
}

// The envelope before the pepper and Argon2id, `qlp1:<iterations>.<iv>.<ct>` under PBKDF2 of the
// password alone. Never written any more; a member's browser opens their old one once, with the
// password they type, to re-seal it as `qlp2` (at sign-in, or when they change their password).

/** The legacy key of a `qlp1` envelope: PBKDF2-SHA-256(password, per-username salt). */
export async function legacyMemberKeyBytes(username: string, password: string, iterations: number): Promise<Bytes> {
  const base = await crypto.subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveBits']);
  const salt = utf8(`qinglian/member-key/v1/${username.trim().toLowerCase()}`);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, 256));
}

/** The iteration count of a `qlp1` envelope, or null. */
export function legacyMemberIterations(envelope: string): number | null {
  const parts = partsOf('qlp1', envelope, 3);
  const n = parts ? Number(parts[0]) : Number.NaN;
  return Number.isInteger(n) && n > 0 && n <= 10_000_000 ? n : null;
}

/** Opens a legacy `qlp1` envelope with its PBKDF2 key. */
export async function openLegacyForMember(legacyKey: Bytes, envelope: string): Promise<Bytes | null> {
  const parts = partsOf('qlp1', envelope, 3);
  if (!parts) return null;
  try {
    return await decryptParts(await importDataKey(legacyKey), parts[1]!, parts[2]!);
  } catch {
    return null;
  }
}

const onionKey = (memberSecret: string) => hkdfKey(fromBase64Url(memberSecret), new Uint8Array(0), 'qinglian/member-onion/v1');

/**
 * A `qlp1` wrap sealed again by the worker, under the member's secret (from the pepper), so that
 * the database no longer holds anything a password guess can be tested against; the worker takes
 * the layer off when it gives the member their envelopes, and their browser re-seals it as `qlp2`.
 */
export async function sealLegacyWrap(memberSecret: string, legacyWrap: string): Promise<string> {
  return sealWith('qlo1', await onionKey(memberSecret), utf8(legacyWrap));
}

/** The `qlp1` wrap inside a `qlo1` envelope; null when it is not one or the secret is not its secret. */
export async function openLegacyWrap(memberSecret: string, envelope: string): Promise<string | null> {
  const plain = await openWith('qlo1', await onionKey(memberSecret), envelope);
  return plain ? decoder.decode(plain) : null;
}

/** A fresh recovery key: 160 random bits as 32 Crockford base32 characters, grouped by four. */
export function newRecoveryKey(): string {
  return randomCrockford(32).match(/.{4}/g)!.join('-');
}

/** A recovery key as typed: spaces, dashes, case and look-alikes do not matter. Null when it cannot be one. */
export function normalizeRecoveryKey(input: string): string | null {
  return normalizeCrockford(input, 32);
}

const recoveryKey = (key: string) => hkdfKey(utf8(normalizeRecoveryKey(key) ?? ''), new Uint8Array(0), 'qinglian/recovery/v1');

/** Seals bytes (the committee's private key) under the recovery key. */
export async function sealForRecovery(recovery: string, plain: Bytes): Promise<string> {
  return sealWith('qlr1', await recoveryKey(recovery), plain);
}

/** Opens the recovery envelope; null for a wrong recovery key. */
export async function openForRecovery(recovery: string, envelope: string): Promise<Bytes | null> {
  if (!normalizeRecoveryKey(recovery)) return null;
  return openWith('qlr1', await recoveryKey(recovery), envelope);
}

/**
 * The key a (normalized) query code derives, with the worker's secret as salt: computed during a
 * lookup, never stored. It seals the case's resident private key.
 */
const codeKey = (secret: string, code: string) => hkdfKey(utf8(code), utf8(secret), 'qinglian/resident-key/v1');

/** Seals bytes under a query code. */
export async function sealForCode(secret: string, code: string, plain: Bytes): Promise<string> {
  return sealWith('qlc1', await codeKey(secret, code), plain);
}

/** Opens bytes sealed under a query code; null for another code. */
export async function openForCode(secret: string, code: string, envelope: string): Promise<Bytes | null> {
  return openWith('qlc1', await codeKey(secret, code), envelope);
}

const tokenKey = (token: string) => hkdfKey(utf8(token), new Uint8Array(0), 'qinglian/track-token/v1');

/** Seals bytes under a track token (kept while the token lives, so a follow-up needs no code). */
export async function sealForToken(token: string, plain: Bytes): Promise<string> {
  return sealWith('qlt1', await tokenKey(token), plain);
}

/** Opens bytes sealed under a track token. */
export async function openForToken(token: string, envelope: string): Promise<Bytes | null> {
  return openWith('qlt1', await tokenKey(token), envelope);
}


/**
 * The per-sign-in wrapping key (the worker derives it from the session cookie and the pepper, and
 * hands it only to that signed-in session): what a member's browser keeps between tabs and reloads
 * is sealed under it (`qlw1`), so it opens nothing once the session has ended.
 */
const sessionKey = (wrap: string) => hkdfKey(fromBase64Url(wrap), new Uint8Array(0), 'qinglian/session-wrap/v1');

/** Seals bytes (the member's password key) under the session's wrapping key. */
export async function sealForSession(wrap: string, plain: Bytes): Promise<string> {
  return sealWith('qlw1', await sessionKey(wrap), plain);
}

/** Opens bytes sealed under the session's wrapping key; null under another session's. */
export async function openForSession(wrap: string, envelope: string): Promise<Bytes | null> {
  try {
    return await openWith('qlw1', await sessionKey(wrap), envelope);
  } catch {
    return null;
  }
}

// ── Photos under a case's data key ─────────────────────────────────────────────────────────────

/**
 * A photo's bytes are sealed as bytes, not text (a photo is megabytes, base64 would add a third):
 * the ASCII magic `qlb2`, the 96-bit IV, then AES-256-GCM's output under the case's data key of
 * the photo's width and height (two 32-bit big-endian numbers), its bytes, and padding to a size
 * bucket (`paddedPhotoSize`), so the stored length tells the bucket and nothing finer, and the
 * database need hold neither its size nor its dimensions. `qlb1` (the same without the dimensions
 * or padding, the stored size the photo's plus 32 bytes) was written before; it is still opened.
 */
const PHOTO_MAGIC = utf8('qlb2');
const LEGACY_PHOTO_MAGIC = utf8('qlb1');
/** The smallest bucket a sealed photo is padded to: a photo shrunk by the phone is mostly below it. */
export const PHOTO_BUCKET_MIN = 64 * 1024;

/** What a photo of `bytes` bytes is padded to before sealing (its dimensions and end mark included): 64 KiB, then powers of two. */
export function paddedPhotoSize(bytes: number): number {
  let size = PHOTO_BUCKET_MIN;
  while (size < 8 + bytes + 1) size *= 2;
  return size;
}

/** The stored length of a sealed photo of `bytes` bytes: magic, IV, the padded bucket and the tag. */
export const sealedPhotoLength = (bytes: number): number => 4 + 12 + paddedPhotoSize(bytes) + 16;

const hasMagic = (bytes: Uint8Array, magic: Uint8Array) => bytes.length > 4 + 12 + 16 && magic.every((b, i) => bytes[i] === b);

/** Whether stored bytes are a sealed photo (by their magic; no key is needed to tell). */
export function isSealedPhoto(bytes: Uint8Array): boolean {
  return hasMagic(bytes, PHOTO_MAGIC) || hasMagic(bytes, LEGACY_PHOTO_MAGIC);
}

export async function sealPhoto(dataKey: CryptoKey, plain: Uint8Array, size: { width: number; height: number }): Promise<Bytes> {
  const padded = new Uint8Array(paddedPhotoSize(plain.length));
  const view = new DataView(padded.buffer);
  view.setUint32(0, size.width);
  view.setUint32(4, size.height);
  padded.set(plain, 8);
  padded[8 + plain.length] = 0x80;
  const iv = randomBytes(12);
  const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, dataKey, padded));
  const out = new Uint8Array(4 + 12 + ct.length);
  out.set(PHOTO_MAGIC);
  out.set(iv, 4);
  out.set(ct, 16);
  return out;
}

/** A sealed photo opened: its bytes, and its dimensions (null for a `qlb1` one, which did not keep them). */
export interface OpenedPhoto {
  bytes: Bytes;
  width: number | null;
  height: number | null;
}

/** A sealed photo's bytes and dimensions; null when they are not one or the key is not its key. */
export async function openPhotoWithSize(dataKey: CryptoKey, sealed: Uint8Array): Promise<OpenedPhoto | null> {
  if (!isSealedPhoto(sealed)) return null;
  let plain: Bytes;
  try {
    plain = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: new Uint8Array(sealed.subarray(4, 16)) }, dataKey, new Uint8Array(sealed.subarray(16))));
  } catch {
    return null;
  }
  if (hasMagic(sealed, LEGACY_PHOTO_MAGIC)) return { bytes: plain, width: null, height: null };
  const unpadded = plain.length > 8 ? unpad(plain.subarray(8) as Bytes) : null;
  if (!unpadded) return null;
  const view = new DataView(plain.buffer, plain.byteOffset);
  return { bytes: unpadded, width: view.getUint32(0), height: view.getUint32(4) };
}

/** A sealed photo's bytes; null when they are not one or the key is not its key. */
export async function openPhoto(dataKey: CryptoKey, sealed: Uint8Array): Promise<Bytes | null> {
  return (await openPhotoWithSize(dataKey, sealed))?.bytes ?? null;
}

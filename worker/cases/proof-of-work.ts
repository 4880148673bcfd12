/**
 * A proof of work, as GlobaLeaks prices its submissions: the worker signs a challenge bound to
 * what it is for, to the form's client id, to the time it was issued and to a random salt (so two
 * challenges are never the same); the browser finds a nonce whose SHA-256 together with the
 * challenge starts with enough zero bits; the worker checks the signature, the binding, the age
 * and the bits, and that the bits are as many as the difficulty in force when it is spent asks.
 * Nothing is stored at issue; once spent, a proof's hash is recorded (services/gate.ts) so it pays
 * for one request only. Nothing in it says who the visitor is. Pure: WebCrypto only.
 */
import { hmacHex, sameBytes } from './crypto.ts';
import { randomBytes } from '../../core/bytes.ts';
import { CLIENT_ID_PATTERN } from './validation.ts';

const encoder = new TextEncoder();

/** What a challenge may be spent on. */
export const PROOF_PURPOSES = ['submission', 'followup', 'feedback', 'track', 'open311', 'signin'] as const;
export type ProofPurpose = (typeof PROOF_PURPOSES)[number];

const VERSION = 'v2';
const MINUTE = 60_000;

export interface ProofSettings {
  baseBits: number;
  maxBits: number;
  validMinutes: number;
  normalSubmissionsPerRecent: number;
}

/**
 * The bits asked for when `recent` submissions arrived in the recent window: the base while the
 * rate is normal, two more bits (four times the work) for each doubling beyond, up to the ceiling.
 */
export function difficultyFor(recent: number, s: ProofSettings): number {
  if (recent <= s.normalSubmissionsPerRecent) return s.baseBits;
  const doublings = Math.ceil(Math.log2(recent / s.normalSubmissionsPerRecent));
  return Math.min(s.baseBits + 2 * doublings, s.maxBits);
}

const signed = (secret: string, payload: string) => hmacHex(secret, `qinglian proof of work|${payload}`);

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * A challenge for `purpose` and `clientId`, asking for `bits` zero bits:
 * `v2.<purpose>.<id>.<minute>.<bits>.<salt>.<signature>`. The salt makes every challenge new, so a
 * browser that asks again for the same form gets one it has not spent yet.
 */
export async function issueChallenge(secret: string, purpose: ProofPurpose, clientId: string, bits: number, now = new Date()): Promise<string> {
  const payload = `${VERSION}.${purpose}.${clientId}.${Math.floor(now.getTime() / MINUTE)}.${bits}.${hex(randomBytes(8))}`;
  return `${payload}.${await signed(secret, payload)}`;
}

/** Zero bits at the start of `bytes`. */
export function leadingZeroBits(bytes: Uint8Array): number {
  let n = 0;
  for (const byte of bytes) {
    if (byte === 0) {
      n += 8;
      continue;
    }
    return n + Math.clz32(byte) - 24;
  }
  return n;
}

/** The SHA-256 of a challenge and a nonce, as the browser computes it. */
export async function proofDigest(challenge: string, nonce: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${challenge}:${nonce}`)));
}

export type ProofCheck =
  | { ok: true; bits: number; minute: number; spent: string }
  | { ok: false; reason: 'missing' | 'malformed' | 'forged' | 'mismatch' | 'expired' | 'insufficient' };

/**
 * Checks a proof (`<challenge>:<nonce>`) for `purpose` and `clientId` at `now`: it must have the
 * zero bits its challenge asked for and at least `requiredBits` (the difficulty in force now), so
 * a challenge collected in a quiet hour does not pass at its old difficulty once load has raised
 * it. A passing proof comes with `spent`, the hash under which it is recorded as used (one of
 * challenge and nonce together: it names nothing else) and the minute it was issued.
 */
export async function checkProof(
  secret: string,
  proof: unknown,
  purpose: ProofPurpose,
  clientId: string,
  s: Pick<ProofSettings, 'validMinutes'>,
  now = new Date(),
  requiredBits = 0,
): Promise<ProofCheck> {
  if (proof === undefined || proof === null || proof === '') return { ok: false, reason: 'missing' };
  if (typeof proof !== 'string' || proof.length > 300) return { ok: false, reason: 'malformed' };
  const match = /^(v2)\.([a-z0-9]+)\.([A-Za-z0-9_-]{22,64})\.(\d{1,12})\.(\d{1,2})\.([0-9a-f]{16})\.([0-9a-f]{64}):(\d{1,16})$/.exec(proof);
  if (!match) return { ok: false, reason: 'malformed' };
  const [, version, forPurpose, forId, minute, bitsText, salt, signature, nonce] = match as unknown as string[];
  const payload = `${version}.${forPurpose}.${forId}.${minute}.${bitsText}.${salt}`;
  if (!sameBytes(encoder.encode(await signed(secret, payload)), encoder.encode(signature!))) return { ok: false, reason: 'forged' };
  if (forPurpose !== purpose || forId !== clientId || !CLIENT_ID_PATTERN.test(clientId)) return { ok: false, reason: 'mismatch' };
  const age = now.getTime() - Number(minute) * MINUTE;
  if (age > s.validMinutes * MINUTE || age < -2 * MINUTE) return { ok: false, reason: 'expired' };
  const bits = Number(bitsText);
  const digest = await proofDigest(`${payload}.${signature}`, nonce!);
  if (leadingZeroBits(digest) < Math.max(bits, requiredBits)) return { ok: false, reason: 'insufficient' };
  return { ok: true, bits, minute: Number(minute), spent: hex(await proofDigest('qinglian spent proof', `${payload}.${signature}:${nonce}`)) };
}

/** Finds a nonce for a challenge (tests, the load benchmark and Open311 clients do this; browsers use the mailbox script). */
export async function solveChallenge(challenge: string): Promise<string> {
  const bits = Number(challenge.split('.')[4]);
  for (let nonce = 0; ; nonce++) {
    if (leadingZeroBits(await proofDigest(challenge, String(nonce))) >= bits) return `${challenge}:${nonce}`;
  }
}

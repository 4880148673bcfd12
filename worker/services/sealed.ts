/**
 * The worker's side of sealed reports. The worker holds the committee's public key only: it seals
 * a case for the committee and for the resident's key, and opens a case only during a lookup with
 * the query code (or with the 30-minute token that lookup issued). It can never open a case by itself.
 */
import {
  importDataKey,
  isSealedText,
  newDataKey,
  newKeyPair,
  openForCode,
  openForToken,
  openSealed,
  openText,
  sealForCode,
  sealForToken,
  sealOptional,
  sealTo,
} from '../../core/sealed.ts';
import * as db from '../db/sealed.ts';
import { ok, refuse, type Result } from '../cases/result.ts';

type NewCaseKeys = db.NewCaseKeys;

/** The new case's keys and its data key (null for a case stored in plain text); refused `unavailable` while the committee has no key. */
export type CaseKeysResult = Result<{ keys: NewCaseKeys; dataKey: CryptoKey | null }>;

/** A case's resident key: its public half, and its private half sealed under the code that opens it. */
export interface ResidentKeyPair {
  publicKey: string;
  sealedPrivate: string;
}

/** A fresh resident key pair whose private half only `code` opens. */
export async function residentKeyFor(secret: string, code: string): Promise<ResidentKeyPair> {
  const pair = await newKeyPair();
  return { publicKey: pair.publicKey, sealedPrivate: await sealForCode(secret, code, pair.privateKey) };
}

/**
 * The keys of a new case: its resident key (made for its code, or printed on a code card) and,
 * for a sealed case, a fresh data key sealed to the committee and to that resident key.
 */
export async function keysForNewCase(database: D1Database, resident: ResidentKeyPair, sealed: boolean): Promise<CaseKeysResult> {
  const committee = sealed ? await db.findCommitteeKey(database) : null;
  if (sealed && !committee) return refuse('unavailable', 'sealed.errors.noCommitteeKey');
  const keys: NewCaseKeys = {
    residentPublic: resident.publicKey,
    residentPrivate: resident.sealedPrivate,
    committeeKeyId: null,
    committeeWrap: null,
    residentWrap: null,
  };
  if (!committee) return ok({ keys, dataKey: null });
  const raw = newDataKey();
  keys.committeeKeyId = committee.id;
  keys.committeeWrap = await sealTo(committee.public_key, raw);
  keys.residentWrap = await sealTo(resident.publicKey, raw);
  return ok({ keys, dataKey: await importDataKey(raw) });
}

/** The resident's key of a case and what it opens: its private half (PKCS #8) and the data key, if sealed. */
export interface ResidentKey {
  privateKey: Uint8Array<ArrayBuffer>;
  dataKey: CryptoKey | null;
}

async function withDataKey(privateKey: Uint8Array<ArrayBuffer>, keys: db.CaseKeyRow): Promise<ResidentKey> {
  const raw = keys.resident_wrap ? await openSealed(privateKey, keys.resident_wrap) : null;
  return { privateKey, dataKey: raw ? await importDataKey(raw) : null };
}

/** Opens a case's resident key with the query code; null for a case without one (from before sealing). */
export async function residentKeyByCode(database: D1Database, secret: string, code: string, caseId: number): Promise<ResidentKey | null> {
  const keys = await db.findCaseKeys(database, caseId);
  const privateKey = keys?.resident_private ? await openForCode(secret, code, keys.resident_private) : null;
  return privateKey ? withDataKey(privateKey, keys!) : null;
}

/** Opens a case's resident key with a live track token. */
export async function residentKeyByToken(database: D1Database, token: string, tokenHash: string, caseId: number, now: Date): Promise<ResidentKey | null> {
  const [sealed, keys] = await Promise.all([db.findTokenKey(database, tokenHash, now.toISOString()), db.findCaseKeys(database, caseId)]);
  const privateKey = sealed ? await openForToken(token, sealed) : null;
  return privateKey && keys ? withDataKey(privateKey, keys) : null;
}

/** The resident key sealed under a fresh track token, to store with it. */
export function sealResidentKeyForToken(token: string, key: ResidentKey | null): Promise<string | null> {
  return key ? sealForToken(token, key.privateKey) : Promise.resolve(null);
}

/**
 * Reads stored texts: a plain text as it is, a sealed one opened with the data key, or null when
 * there is no key to open it (the reader then says the text is sealed).
 */
export function reader(dataKey: CryptoKey | null): (text: string | null) => Promise<string | null> {
  return async (text) => {
    if (!isSealedText(text)) return text;
    return dataKey ? openText(dataKey, text) : null;
  };
}

/**
 * Seals texts with the data key when there is one (a sealed case), else leaves them plain. Sealed
 * texts are padded to their size bucket, as if `atLeast` UTF-8 bytes long when that is more.
 */
export function sealer(dataKey: CryptoKey | null, atLeast = 0): (text: string | null) => Promise<string | null> {
  return (text) => (dataKey ? sealOptional(dataKey, text, atLeast) : Promise.resolve(text));
}

/** A fresh data key for a record-form entry, sealed to the committee; null before set-up. */
export async function keyForEntry(database: D1Database): Promise<{ committeeKeyId: number; committeeWrap: string; dataKey: CryptoKey } | null> {
  const committee = await db.findCommitteeKey(database);
  if (!committee) return null;
  const raw = newDataKey();
  return { committeeKeyId: committee.id, committeeWrap: await sealTo(committee.public_key, raw), dataKey: await importDataKey(raw) };
}

/**
 * A data key for a case that goes to the committee now (escalated, or sealed after the fact):
 * sealed to the committee and, where the case has a resident key, to it.
 */
export async function keyForEscalation(
  database: D1Database,
  caseId: number,
): Promise<{ keys: Pick<NewCaseKeys, 'committeeKeyId' | 'committeeWrap' | 'residentWrap'>; dataKey: CryptoKey } | null> {
  const [committee, existing] = await Promise.all([db.findCommitteeKey(database), db.findCaseKeys(database, caseId)]);
  if (!committee) return null;
  const raw = newDataKey();
  return {
    keys: {
      committeeKeyId: committee.id,
      committeeWrap: await sealTo(committee.public_key, raw),
      residentWrap: existing?.resident_public ? await sealTo(existing.resident_public, raw) : null,
    },
    dataKey: await importDataKey(raw),
  };
}

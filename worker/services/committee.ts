/**
 * The committee's keys as its members' browsers see them: the key in use, each member's own key,
 * giving a member the committee key, restoring one's own copy with the recovery key. The worker
 * only stores and hands out envelopes; every one is made and opened in a member's browser.
 */
import { storedMinute } from '../../core/clock.ts';
import { ok, refuse, type Result } from '../cases/result.ts';
import type { Viewer } from '../cases/access.ts';
import { isEnvelope, isPublicKey, openLegacyWrap, sealLegacyWrap } from '../../core/sealed.ts';
import { anyPendingCheckIn } from '../db/cases.ts';
import { USERNAME_PATTERN } from '../cases/accounts.ts';
import { memberSecret, pepperKey, sessionWrapKey } from '../cases/pepper.ts';
import * as db from '../db/sealed.ts';
export type { AccountLogRow } from '../db/sealed.ts';

export interface CommitteeState {
  key: db.CommitteeKeyRow | null;
  members: db.MemberRow[];
  log: db.AccountLogRow[];
}

/** What the committee page shows. */
export async function committeeState(database: D1Database): Promise<CommitteeState> {
  const [key, members, log] = await Promise.all([db.findCommitteeKey(database), db.listMembers(database), db.listAccountLog(database)]);
  return { key, members, log };
}

/**
 * The envelopes the signed-in member's browser needs to open sealed content (keys.json), the
 * member's secret (from the pepper, never stored) that their browser mixes into their key, and this
 * sign-in's wrapping key (from the pepper and the session's cookie value, never stored).
 */
export async function keysFor(database: D1Database, secret: string, viewer: Viewer & { username: string }, sessionId: string) {
  const pepper = await pepperKey(secret);
  const [key, own, mine, sessionKey] = await Promise.all([db.findCommitteeKey(database), db.findMemberKey(database, viewer.id), memberSecret(pepper, viewer.username), sessionWrapKey(pepper, sessionId)]);
  // An old wrap the cron sealed under the member's secret is handed over as the `qlp1` inside, for the browser to re-seal.
  const privateWrap = own?.private_wrap.startsWith('qlo1:') ? ((await openLegacyWrap(mine, own.private_wrap)) ?? own.private_wrap) : own?.private_wrap;
  return {
    username: viewer.username,
    memberSecret: mine,
    // This sign-in's wrapping key: the member's browser keeps its password key only sealed under it.
    sessionKey,
    committee: key && { id: key.id, publicKey: key.public_key, recoveryWrap: key.recovery_wrap },
    member: own && { publicKey: own.public_key, privateWrap: privateWrap!, committeeKeyId: own.committee_key_id, committeeWrap: own.committee_wrap },
  };
}

export type CommitteeResult = Result;

const membersOnly = refuse('forbidden', 'sealed.errors.membersOnly');

/** A member gives another member a copy of the committee key (sealed to that member's own key in their browser). */
export async function grant(database: D1Database, viewer: Viewer, fields: Record<string, unknown>, now = new Date()): Promise<CommitteeResult> {
  if (viewer.role !== 'discipline') return membersOnly;
  const staffId = Number(fields.staffId);
  const keyId = Number(fields.committeeKeyId);
  if (!Number.isSafeInteger(staffId) || !Number.isSafeInteger(keyId) || !isEnvelope('qlk1', fields.committeeWrap)) return refuse('invalid', 'sealed.errors.envelope');
  const done = await db.grantCommitteeKey(database, staffId, keyId, fields.committeeWrap, storedMinute(now));
  return done ? ok() : refuse('conflict', 'sealed.errors.grant');
}

/** A member replaces their own keys: a new own key pair and the committee key opened with the recovery key. */
export async function restore(database: D1Database, viewer: Viewer, fields: Record<string, unknown>, now = new Date()): Promise<CommitteeResult> {
  if (viewer.role !== 'discipline') return membersOnly;
  const { memberPublic, memberPrivate, committeeWrap } = fields;
  if (!(await isPublicKey(memberPublic)) || !isEnvelope('qlp2', memberPrivate) || !isEnvelope('qlk1', committeeWrap)) return refuse('invalid', 'sealed.errors.envelope');
  const key = await db.findCommitteeKey(database);
  if (!key || String(key.id) !== String(fields.committeeKeyId)) return refuse('conflict', 'sealed.errors.staleKey');
  await db.upsertMemberKey(database, { staffId: viewer.id, publicKey: memberPublic as string, privateWrap: memberPrivate, committeeKeyId: key.id, committeeWrap, at: storedMinute(now) });
  return ok();
}

/** What the rotating member's browser re-seals: everything sealed to the key in use, and who holds a copy. */
export async function rotationWork(database: D1Database) {
  const key = await db.findCommitteeKey(database);
  return key ? { keyId: key.id, ...(await db.listSealedTo(database, key.id)) } : null;
}

const wrapList = (value: unknown): { id: number; wrap: string }[] | null => {
  if (!Array.isArray(value) || value.length > 2000) return null;
  const items = value.map((v) => v as { id?: unknown; wrap?: unknown });
  return items.every((v) => Number.isSafeInteger(v.id) && isEnvelope('qlk1', v.wrap)) ? (items as { id: number; wrap: string }[]) : null;
};

/**
 * Replaces the committee key with the one the member's browser made: every data key re-sealed to
 * it, a copy for each member, a new recovery key. All or nothing; refused when anything sealed to
 * the old key is missing from the request (it arrived meanwhile: the browser tries again).
 */
export async function rotate(database: D1Database, viewer: Viewer, fields: Record<string, unknown>, now = new Date()): Promise<CommitteeResult> {
  if (viewer.role !== 'discipline') return membersOnly;
  // The 打击报复 cases of check-ins answered today are sealed to the current key until the cron
  // registers them (by the next town day): the key is rotated once they are.
  if (await anyPendingCheckIn(database)) return refuse('conflict', 'sealed.errors.checkinsPending');
  const [cases, entries, members] = [wrapList(fields.cases), wrapList(fields.entries), wrapList(fields.members)];
  if (!cases || !entries || !members || !(await isPublicKey(fields.publicKey)) || !isEnvelope('qlr1', fields.recoveryWrap)) {
    return refuse('invalid', 'sealed.errors.envelope');
  }
  const work = await rotationWork(database);
  if (!work || work.keyId !== fields.oldKeyId) return refuse('conflict', 'sealed.errors.staleKey');
  const covers = (want: { id: number }[], got: { id: number }[]) => want.every((w) => got.some((g) => g.id === w.id));
  if (!covers(work.cases, cases) || !covers(work.entries, entries) || !members.some((m) => m.id === viewer.id)) {
    return refuse('conflict', 'sealed.errors.staleKey');
  }
  try {
    const done = await db.rotateCommitteeKey(database, {
      oldKeyId: work.keyId,
      publicKey: fields.publicKey as string,
      recoveryWrap: fields.recoveryWrap as string,
      cases,
      entries,
      members: members.filter((m) => work.members.some((w) => w.id === m.id)),
      at: storedMinute(now),
    });
    return done ? ok() : refuse('conflict', 'sealed.errors.staleKey');
  } catch {
    // The batch's own guard: something was sealed to the old key meanwhile. Nothing was written.
    return refuse('conflict', 'sealed.errors.staleKey');
  }
}

/** A member without a key of their own (re-activated, say) gets one, made in their browser; another member then gives them the committee key. */
export async function createOwnKey(database: D1Database, viewer: Viewer, fields: Record<string, unknown>, now = new Date()): Promise<CommitteeResult> {
  if (viewer.role !== 'discipline') return membersOnly;
  if (!(await isPublicKey(fields.memberPublic)) || !isEnvelope('qlp2', fields.memberPrivate)) return refuse('invalid', 'sealed.errors.envelope');
  const created = await db.insertOwnKey(database, viewer.id, fields.memberPublic as string, fields.memberPrivate, storedMinute(now));
  return created ? ok() : refuse('conflict', 'sealed.errors.grant');
}

/**
 * The member secret of the account a member is creating or resetting (their browser seals that
 * account's new key under it and the password it sets). Members only; null for a malformed name.
 */
export async function memberSecretFor(secret: string, viewer: Viewer, username: unknown): Promise<string | null> {
  if (viewer.role !== 'discipline' || typeof username !== 'string' || !USERNAME_PATTERN.test(username.trim().toLowerCase())) return null;
  return memberSecret(await pepperKey(secret), username);
}

/**
 * A member's own key, re-sealed by their browser from the old `qlp1` (PBKDF2 of the password
 * alone) to `qlp2` (Argon2id and the member secret) at their first sign-in since: the same key
 * pair, so the public key must be the stored one, and only an old wrap is replaced.
 */
export async function rewrapOwnKey(database: D1Database, viewer: Viewer, fields: Record<string, unknown>, now = new Date()): Promise<CommitteeResult> {
  if (viewer.role !== 'discipline') return membersOnly;
  if (!isEnvelope('qlp2', fields.memberPrivate)) return refuse('invalid', 'sealed.errors.envelope');
  const own = await db.findMemberKey(database, viewer.id);
  const legacy = own && (own.private_wrap.startsWith('qlp1:') || own.private_wrap.startsWith('qlo1:'));
  if (!own || !legacy || own.public_key !== fields.memberPublic) return refuse('conflict', 'sealed.errors.grant');
  await db.rewrapMemberKeyStatement(database, viewer.id, fields.memberPrivate, storedMinute(now)).run();
  return ok();
}

/**
 * Seals every member's own key still in the old `qlp1` wrap (PBKDF2 of the password alone) once
 * more, under that member's secret (`qlo1`), so that a database export holds nothing a password
 * guess can be tested against; the member's browser re-seals it as `qlp2` at their next sign-in.
 * The hourly cron, and `npm start` for the local database. Returns how many it sealed.
 */
export async function sealLegacyMemberWraps(database: D1Database, secret: string): Promise<number> {
  const pepper = await pepperKey(secret);
  let sealed = 0;
  for (;;) {
    const rows = await db.listLegacyMemberWraps(database, 50);
    if (rows.length === 0) return sealed;
    const changes = await Promise.all(rows.map(async (r) => ({ staffId: r.staff_id, from: r.private_wrap, to: await sealLegacyWrap(await memberSecret(pepper, r.username), r.private_wrap) })));
    await db.replaceMemberWraps(database, changes);
    sealed += changes.length;
  }
}

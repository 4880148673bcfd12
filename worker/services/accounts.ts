/**
 * Staff accounts: who may create, change, reset, deactivate and re-activate which account, and a
 * member's own password change. The committee's accounts are the committee's alone: each comes
 * with the member's own key, made in the browser of whoever creates or resets it.
 */
import { storedMinute } from '../../core/clock.ts';
import { ok, refuse, type Refusal, type Result } from '../cases/result.ts';
import { mayManageAccount, ROLES, type Role, type Viewer } from '../cases/access.ts';
import { passwordProblem, validateAccount } from '../cases/accounts.ts';
import { hashPassword, verifyPassword } from '../cases/password.ts';
import { pepperKey } from '../cases/pepper.ts';
import { isEnvelope, isPublicKey } from '../../core/sealed.ts';
import type { FieldError } from '../cases/validation.ts';
import { findVillage } from '../../content/index.ts';
import * as sealedDb from '../db/sealed.ts';
import * as db from '../db/staff.ts';
import * as rightsDb from '../db/rights.ts';
import { RIGHTS, grantsLostWith, mayGrant, mayHold, rightsChange, scopeOf, type Right } from '../cases/rights.ts';
import { isOneOf } from '../cases/validation.ts';
export type { StaffListRow } from '../db/staff.ts';
export type { RightsLogRow } from '../db/rights.ts';

/** The account's username, or a refusal (marking the form's fields where one is at fault). */
export type AccountResult = Result<{ username: string }>;

const forbidden = refuse('forbidden', 'accounts.errors.disciplineByCommittee');

/** The accounts the viewer manages: every account for the admin, the committee's for a member. */
export async function listAccounts(database: D1Database, viewer: Viewer): Promise<db.StaffListRow[]> {
  const users = await db.listUsers(database);
  return viewer.role === 'discipline' ? users.filter((u) => u.role === 'discipline') : users;
}

interface MemberKeyFields {
  publicKey: string;
  privateWrap: string;
  committeeKeyId: number;
  committeeWrap: string;
}

/** The member's keys the creating browser sent with the form, or null when they are missing or malformed. */
async function memberKeyFields(database: D1Database, fields: Record<string, unknown>): Promise<MemberKeyFields | 'stale' | null> {
  const { memberPublic, memberPrivate, committeeKeyId, committeeWrap } = fields;
  if (!(await isPublicKey(memberPublic)) || !isEnvelope('qlp2', memberPrivate) || !isEnvelope('qlk1', committeeWrap)) return null;
  const current = await sealedDb.findCommitteeKey(database);
  if (!current || String(current.id) !== committeeKeyId) return 'stale';
  return { publicKey: memberPublic as string, privateWrap: memberPrivate, committeeKeyId: current.id, committeeWrap };
}

/** Creates an account the viewer may create; a committee account only with its member's keys. */
export async function createAccount(database: D1Database, secret: string, viewer: Viewer, fields: Record<string, unknown>, now = new Date()): Promise<AccountResult> {
  const valid = validateAccount(viewer.role === 'discipline' ? { ...fields, role: 'discipline', village: '' } : fields);
  if (!valid.ok) return valid;
  const { password, ...account } = valid.value;
  if (!mayManageAccount(viewer, account.role)) return forbidden;
  const extra: D1PreparedStatement[] = [];
  if (account.role === 'discipline') {
    const keys = await memberKeyFields(database, fields);
    if (keys === 'stale') return refuse('conflict', 'sealed.errors.staleKey');
    if (!keys) return refuse('invalid', 'accounts.errors.disciplineNeedsScript');
    extra.push(sealedDb.insertMemberKeyForUsernameStatement(database, account.username, { ...keys, at: storedMinute(now) }));
  }
  const inserted = await db.insertUser(
    database,
    { ...account, passwordHash: await hashPassword(password, await pepperKey(secret)), createdBy: viewer.id, createdAt: storedMinute(now) },
    extra,
  );
  if (!inserted) return refuse('conflict', 'staff.accounts.errors.taken', { fields: [{ field: 'username', key: 'staff.accounts.errors.taken' }] });
  return ok({ username: account.username });
}

async function target(database: D1Database, viewer: Viewer, id: number, newRole?: Role): Promise<db.StaffUserRow | { ok: false; refusal: Refusal }> {
  const user = Number.isSafeInteger(id) && id > 0 ? await db.findUserById(database, id) : null;
  if (!user) return refuse('not_found', 'staff.errors.notFound');
  if (!mayManageAccount(viewer, user.role, newRole)) return forbidden;
  if (user.id === viewer.id) return refuse('conflict', 'staff.accounts.errors.self');
  return user;
}

/**
 * Deactivates an account and ends its sessions; a member's keys are forgotten with it. Only once
 * the viewer has confirmed (the form's `confirm=yes`): one stray tap changes nothing.
 */
export async function deactivateAccount(database: D1Database, viewer: Viewer, id: number, fields: Record<string, unknown>): Promise<AccountResult> {
  const user = await target(database, viewer, id);
  if ('ok' in user) return user;
  if (fields.confirm !== 'yes') return refuse('invalid', 'staff.accounts.deactivate.unconfirmed');
  const extra = user.role === 'discipline' ? [sealedDb.deleteMemberKeyStatement(database, user.id)] : [];
  const username = await db.deactivateUser(database, user.id, extra);
  return username ? ok({ username }) : refuse('not_found', 'staff.errors.notFound');
}

/** Re-activates an account (a member comes back without keys: another member gives them the key again). */
export async function reactivateAccount(database: D1Database, viewer: Viewer, id: number): Promise<AccountResult> {
  const user = await target(database, viewer, id);
  if ('ok' in user) return user;
  await db.updateUser(database, user.id, { active: true });
  return ok({ username: user.username });
}

/** A new password for an account: long enough and hard to guess (zxcvbn, with the account's own names against it). */
function passwordErrors(password: unknown, field: string, user: { username: string; display_name: string; role: Role }): FieldError[] {
  const problem = passwordProblem(typeof password === 'string' ? password : '', user.username, user.display_name, user.role);
  return problem ? [{ ...problem, field }] : [];
}

/** Sets a new password on another account; a member's comes with new keys made in the resetting member's browser. */
export async function resetPassword(database: D1Database, secret: string, viewer: Viewer, id: number, fields: Record<string, unknown>, now = new Date()): Promise<AccountResult> {
  const user = await target(database, viewer, id);
  if ('ok' in user) return user;
  const errors = passwordErrors(fields.password, 'password', user);
  if (errors.length > 0) return refuse('invalid', 'errors.summary', { fields: errors });
  const extra: D1PreparedStatement[] = [db.deleteSessionsStatement(database, user.id)];
  if (user.role === 'discipline') {
    const keys = await memberKeyFields(database, fields);
    if (keys === 'stale') return refuse('conflict', 'sealed.errors.staleKey');
    if (!keys) return refuse('invalid', 'accounts.errors.disciplineNeedsScript');
    extra.push(sealedDb.upsertMemberKeyStatement(database, { staffId: user.id, ...keys, at: storedMinute(now) }));
  }
  await db.updateUser(database, user.id, { passwordHash: await hashPassword(fields.password as string, await pepperKey(secret)) }, extra);
  return ok({ username: user.username });
}

/** Gives another account a different role (never to or from the committee's, for the admin). */
export async function changeRole(database: D1Database, viewer: Viewer, id: number, fields: Record<string, unknown>, now = new Date()): Promise<AccountResult> {
  const role = isOneOf(ROLES, fields.role) ? fields.role : null;
  if (!role) return refuse('invalid', 'staff.accounts.errors.role');
  const user = await target(database, viewer, id, role);
  if ('ok' in user) return user;
  const village = typeof fields.village === 'string' ? fields.village : '';
  const ofVillage = role === 'liaison' || role === 'clerk';
  if (ofVillage && !findVillage(village)) return refuse('invalid', 'staff.accounts.errors.village');
  const villageId = ofVillage ? village : null;
  // Rights the new role cannot hold are taken back first, in the same batch (the database refuses the change otherwise).
  const lost = grantsLostWith({ role, villageId }, await rightsDb.liveGrants(database, user.id));
  const at = storedMinute(now);
  const revokes = lost.map((g) => rightsDb.revokeStatement(database, { staffId: user.id, right: g.right, villageId: g.villageId, by: viewer.id, at, why: 'role' }));
  await db.updateUser(database, user.id, { role, villageId }, [db.deleteSessionsStatement(database, user.id)], revokes);
  return ok({ username: user.username });
}

/**
 * Sets the rights an account holds over its scope (the town's documents for town accounts, its
 * village's disclosures for a village's clerk or liaison officer) to those ticked on the form
 * (`wanted`, read by rightsSchema): the ones not held yet are granted, the ones held and not ticked taken back,
 * in one batch, each with who and when (the grants are their own log). Only the admin, never on
 * their own account, and only to an account whose role may hold them (worker/cases/rights.ts).
 * The holder's sessions carry the new rights from their next request.
 */
export async function setRights(database: D1Database, viewer: Viewer, id: number, wanted: ReadonlySet<Right>, now = new Date()): Promise<Result<{ username: string; rights: Right[] }>> {
  const user = Number.isSafeInteger(id) && id > 0 ? await db.findUserById(database, id) : null;
  if (!user) return refuse('not_found', 'staff.errors.notFound');
  if (user.id === viewer.id) return refuse('conflict', 'rights.errors.self');
  if (!mayGrant(viewer, { id: user.id, role: user.role })) return refuse('forbidden', 'rights.errors.adminOnly');
  const holder = { role: user.role, villageId: user.village_id };
  const scope = scopeOf(holder);
  if ([...wanted].some((r) => !mayHold(holder, scope, r))) {
    return refuse('invalid', scope === null ? 'rights.errors.holder' : 'rights.errors.villageHolder', { params: { username: user.username } });
  }
  const held = new Set((await rightsDb.liveGrants(database, user.id)).filter((g) => g.villageId === scope).map((g) => g.right));
  const { grant, revoke } = rightsChange(held, wanted);
  await rightsDb.changeRights(database, { staffId: user.id, villageId: scope, grant, revoke, by: viewer.id, at: storedMinute(now) });
  return ok({ username: user.username, rights: RIGHTS.filter((r) => wanted.has(r)) });
}

/** The newest grants and take-backs of rights, for the admin's accounts page. */
export function rightsLog(database: D1Database, viewer: Viewer): Promise<rightsDb.RightsLogRow[]> {
  return viewer.role === 'admin' ? rightsDb.listRightsLog(database) : Promise.resolve([]);
}

/**
 * The signed-in member changes their own password. A committee member's own key is re-sealed
 * under the new password by their browser and sent along; without it the change is refused,
 * since the old seal would no longer open.
 */
export async function changeOwnPassword(database: D1Database, secret: string, viewer: Viewer, fields: Record<string, unknown>, now = new Date()): Promise<AccountResult> {
  const user = await db.findUserById(database, viewer.id);
  if (!user) return refuse('not_found', 'staff.errors.notFound');
  const pepper = await pepperKey(secret);
  const errors = passwordErrors(fields.newPassword, 'newPassword', user);
  if (errors.length > 0) return refuse('invalid', 'errors.summary', { fields: errors });
  if (typeof fields.currentPassword !== 'string' || !(await verifyPassword(fields.currentPassword, user.password_hash, pepper))) {
    return refuse('invalid', 'password.errors.current', { fields: [{ field: 'currentPassword', key: 'password.errors.current' }] });
  }
  const extra: D1PreparedStatement[] = [];
  const memberKey = user.role === 'discipline' ? await sealedDb.findMemberKey(database, user.id) : null;
  if (memberKey) {
    if (!isEnvelope('qlp2', fields.memberPrivate)) return refuse('invalid', 'password.errors.needsScript');
    extra.push(sealedDb.rewrapMemberKeyStatement(database, user.id, fields.memberPrivate, storedMinute(now)));
  }
  await db.updateUser(database, user.id, { passwordHash: await hashPassword(fields.newPassword as string, pepper), mustChangePassword: false }, extra);
  return ok({ username: user.username });
}

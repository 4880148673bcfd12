/** SQL for staff accounts and their sessions. */
import type { Role } from '../cases/access.ts';
import type { Grant } from '../cases/rights.ts';
import { LIVE_GRANTS_SQL, parseGrants } from './rights.ts';

export interface StaffUserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  village_id: string | null;
  password_hash: string;
  active: number;
  /** 1 while the account must choose a new password before anything else (migration 0014). */
  must_change_password: number;
  created_at: string;
}

export interface SessionRow {
  user_id: number;
  username: string;
  display_name: string;
  role: Role;
  village_id: string | null;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  must_change_password: number;
  /** The account's live grants (migration 0020), as parseGrants reads them. */
  grants: string | null;
}

/** The account with this username (any case), active or not. */
export function findUserByUsername(db: D1Database, username: string): Promise<StaffUserRow | null> {
  return db.prepare(`SELECT * FROM staff_users WHERE username = ?1`).bind(username).first<StaffUserRow>();
}

/**
 * Reserves the next slot of a name (hashed) for an attempt on it, in one statement, so attempts
 * sent at once queue one after another instead of each being checked after its own wait. The
 * attempt is counted as a failure before it is checked; a count older than `forgetBefore` starts
 * again. `delay(f)` (seconds) is what the attempt after `f` failures in a row waits after the one
 * before it: no attempt is reserved further than `maxDelay` seconds ahead of `nowSeconds`.
 * Returns the failures in a row counting this attempt and the name's next slot after it (whole
 * seconds since the epoch), or, when no slot is left within reach, only the next slot.
 */
export async function reserveSignInSlot(
  db: D1Database,
  nameHash: string,
  now: string,
  forgetBefore: string,
  nowSeconds: number,
  s: { freeFailures: number; firstDelaySeconds: number; maxDelaySeconds: number },
): Promise<{ ok: true; failures: number; nextSlot: number } | { ok: false; nextSlot: number }> {
  const delayAfter = (f: string) => `(CASE WHEN ${f} < ?5 THEN 0 ELSE min(?6 * (1 << min(${f} - ?5, 30)), ?7) END)`;
  const forgotten = `(last_at < ?3)`;
  const before = `(CASE WHEN ${forgotten} THEN 0 ELSE failures END)`;
  const slot = `(CASE WHEN ${forgotten} THEN ?4 ELSE max(next_slot, ?4) END)`;
  const row = await db
    .prepare(
      `INSERT INTO sign_in_failures (name_hash, failures, last_at, next_slot) VALUES (?1, 1, ?2, ?4 + ${delayAfter('1')})
       ON CONFLICT (name_hash) DO UPDATE SET failures = ${before} + 1, last_at = ?2, next_slot = ${slot} + ${delayAfter(`${before} + 1`)}
       WHERE ${slot} - ?4 <= ?7
       RETURNING failures, next_slot`,
    )
    .bind(nameHash, now, forgetBefore, nowSeconds, s.freeFailures, s.firstDelaySeconds, s.maxDelaySeconds)
    .first<{ failures: number; next_slot: number }>();
  if (row) return { ok: true, failures: row.failures, nextSlot: row.next_slot };
  const next = await db.prepare(`SELECT next_slot FROM sign_in_failures WHERE name_hash = ?1`).bind(nameHash).first<number>('next_slot');
  return { ok: false, nextSlot: next ?? nowSeconds };
}

/** Opens a session and clears the name's failure count, in one batch. */
export async function insertSession(db: D1Database, idHash: string, userId: number, csrfToken: string, now: string, nameHash: string): Promise<void> {
  await db.batch([
    db.prepare(`DELETE FROM sign_in_failures WHERE name_hash = ?1`).bind(nameHash),
    db
      .prepare(`INSERT INTO staff_sessions (id_hash, user_id, csrf_token, created_at, last_seen_at) VALUES (?1, ?2, ?3, ?4, ?4)`)
      .bind(idHash, userId, csrfToken, now),
  ]);
}

/** Accounts whose stored verifier has the given scheme (`pbkdf2-sha256$…`: from before the pepper), a page at a time. */
export async function listVerifiersOfScheme(db: D1Database, scheme: string, limit: number): Promise<{ id: number; password_hash: string }[]> {
  const { results } = await db
    .prepare(`SELECT id, password_hash FROM staff_users WHERE password_hash LIKE ?1 || '$%' ORDER BY id LIMIT ?2`)
    .bind(scheme, limit)
    .all<{ id: number; password_hash: string }>();
  return results;
}

/** Replaces verifiers, each only if it is still the one read (a password changed meanwhile stays). */
export async function replaceVerifiers(db: D1Database, changes: { id: number; from: string; to: string }[]): Promise<void> {
  if (changes.length === 0) return;
  await db.batch(changes.map((c) => db.prepare(`UPDATE staff_users SET password_hash = ?3 WHERE id = ?1 AND password_hash = ?2`).bind(c.id, c.from, c.to)));
}

/** Forgets failure counts that have been quiet since before `before` (cron). */
export async function purgeSignInFailures(db: D1Database, before: string): Promise<void> {
  await db.prepare(`DELETE FROM sign_in_failures WHERE last_at < ?1`).bind(before).run();
}

/** The session with this id hash and its (active) account. */
export function findSession(db: D1Database, idHash: string): Promise<SessionRow | null> {
  return db
    .prepare(
      `SELECT s.user_id, u.username, u.display_name, u.role, u.village_id, s.csrf_token, s.created_at, s.last_seen_at, u.must_change_password,
         ${LIVE_GRANTS_SQL} AS grants
       FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id WHERE s.id_hash = ?1 AND u.active = 1`,
    )
    .bind(idHash)
    .first<SessionRow>();
}

/** Marks the session as used now (the idle timeout counts from here). */
export async function touchSession(db: D1Database, idHash: string, now: string): Promise<void> {
  await db.prepare(`UPDATE staff_sessions SET last_seen_at = ?2 WHERE id_hash = ?1`).bind(idHash, now).run();
}

/** Ends one session. */
export async function deleteSession(db: D1Database, idHash: string): Promise<void> {
  await db.prepare(`DELETE FROM staff_sessions WHERE id_hash = ?1`).bind(idHash).run();
}

/** Ends every session of an account. */
export async function deleteUserSessions(db: D1Database, userId: number): Promise<void> {
  await db.prepare(`DELETE FROM staff_sessions WHERE user_id = ?1`).bind(userId).run();
}

/** Forgets sessions idle since before `idleBefore` or opened before `openedBefore`. */
export async function purgeSessions(db: D1Database, idleBefore: string, openedBefore: string): Promise<void> {
  await db.prepare(`DELETE FROM staff_sessions WHERE last_seen_at < ?1 OR created_at < ?2`).bind(idleBefore, openedBefore).run();
}

export interface NewStaffUser {
  username: string;
  displayName: string;
  role: Role;
  villageId: string | null;
  passwordHash: string;
  createdBy: number | null;
  createdAt: string;
}

/** The statement that creates an account unless the username is taken. */
export function insertUserStatement(db: D1Database, u: NewStaffUser): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO staff_users (username, display_name, role, village_id, password_hash, created_by, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (username) DO NOTHING RETURNING id`,
    )
    .bind(u.username, u.displayName, u.role, u.villageId, u.passwordHash, u.createdBy, u.createdAt);
}

/** Creates an account, with more statements of the same batch (a member's keys); false when the username is taken. */
export async function insertUser(db: D1Database, u: NewStaffUser, extra: D1PreparedStatement[] = []): Promise<boolean> {
  const [result] = await db.batch([insertUserStatement(db, u), ...extra]);
  return result!.results.length === 1;
}

/** An account by id, active or not. */
export function findUserById(db: D1Database, id: number): Promise<StaffUserRow | null> {
  return db.prepare(`SELECT * FROM staff_users WHERE id = ?1`).bind(id).first<StaffUserRow>();
}

/** Changes an account's password, role or activity, with more statements of the same batch (`before` it, or after); false when there is no such account. */
export async function updateUser(
  db: D1Database,
  id: number,
  change: { passwordHash?: string; role?: Role; villageId?: string | null; active?: boolean; mustChangePassword?: boolean },
  extra: D1PreparedStatement[] = [],
  before: D1PreparedStatement[] = [],
): Promise<boolean> {
  const results = await db.batch([
    ...before,
    db
      .prepare(
        `UPDATE staff_users SET password_hash = coalesce(?2, password_hash), role = coalesce(?3, role),
           village_id = CASE WHEN ?3 IS NULL THEN village_id ELSE ?4 END, active = coalesce(?5, active),
           must_change_password = coalesce(?6, must_change_password)
         WHERE id = ?1 RETURNING id`,
      )
      .bind(
        id,
        change.passwordHash ?? null,
        change.role ?? null,
        change.villageId ?? null,
        change.active === undefined ? null : change.active ? 1 : 0,
        change.mustChangePassword === undefined ? null : change.mustChangePassword ? 1 : 0,
      ),
    ...extra,
  ]);
  // (Triggers count in D1's change count: the returned row says whether the account was there.)
  return results[before.length]!.results.length === 1;
}

export interface StaffListRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  village_id: string | null;
  active: number;
  created_at: string;
  /** The rights granted to it (migration 0020). */
  grants: Grant[];
}

/** Every account, with its live grants, for the admin. */
export async function listUsers(db: D1Database): Promise<StaffListRow[]> {
  const { results } = await db
    .prepare(`SELECT id, username, display_name, role, village_id, active, created_at, ${LIVE_GRANTS_SQL} AS grants FROM staff_users u ORDER BY role, username`)
    .all<Omit<StaffListRow, 'grants'> & { grants: string | null }>();
  return results.map((r) => ({ ...r, grants: parseGrants(r.grants) }));
}

/** Deactivates an account and ends its sessions, in one batch (with `extra`, e.g. forgetting its keys); returns its username, or null. */
export async function deactivateUser(db: D1Database, userId: number, extra: D1PreparedStatement[] = []): Promise<string | null> {
  const [, , row] = await db.batch<{ username: string }>([
    db.prepare(`UPDATE staff_users SET active = 0 WHERE id = ?1`).bind(userId),
    db.prepare(`DELETE FROM staff_sessions WHERE user_id = ?1`).bind(userId),
    db.prepare(`SELECT username FROM staff_users WHERE id = ?1`).bind(userId),
    ...extra,
  ]);
  return row?.results[0]?.username ?? null;
}

export interface AssigneeRow {
  id: number;
  display_name: string;
  role: Role;
  village_id: string | null;
}

/** An active account by id, with what access decisions need. */
export function findActiveUser(db: D1Database, id: number): Promise<AssigneeRow | null> {
  return db.prepare(`SELECT id, display_name, role, village_id FROM staff_users WHERE id = ?1 AND active = 1`).bind(id).first<AssigneeRow>();
}

/** Not someone who declared a conflict of interest on case ?1. */
const NOT_DECLARED = `NOT EXISTS (SELECT 1 FROM conflict_declarations d WHERE d.case_id = ?1 AND d.staff_id = staff_users.id)`;

/**
 * Active accounts that may handle an ordinary case: town staff and that village's officers (none of
 * them for a case kept from its village), but nobody who stepped aside from it.
 */
export async function listAssignees(db: D1Database, c: { id: number; villageId: string; keptFromVillage: boolean }): Promise<AssigneeRow[]> {
  const { results } = await db
    .prepare(
      `SELECT id, display_name, role, village_id FROM staff_users
       WHERE active = 1 AND (role IN ('handler', 'admin') OR (role = 'liaison' AND village_id = ?2 AND NOT ?3)) AND ${NOT_DECLARED}
       ORDER BY role DESC, display_name`,
    )
    .bind(c.id, c.villageId, c.keptFromVillage ? 1 : 0)
    .all<AssigneeRow>();
  return results;
}

/** Active members of the discipline committee (the only possible assignees of its cases), but not those who stepped aside from case `caseId`. */
export async function listDisciplineMembers(db: D1Database, caseId: number): Promise<AssigneeRow[]> {
  const { results } = await db
    .prepare(`SELECT id, display_name, role, village_id FROM staff_users WHERE active = 1 AND role = 'discipline' AND ${NOT_DECLARED} ORDER BY display_name`)
    .bind(caseId)
    .all<AssigneeRow>();
  return results;
}

/** The statement that ends every session of an account, for the batch of a change to it. */
export function deleteSessionsStatement(db: D1Database, userId: number): D1PreparedStatement {
  return db.prepare(`DELETE FROM staff_sessions WHERE user_id = ?1`).bind(userId);
}

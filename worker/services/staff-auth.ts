/** Staff sign-in, sessions and sign-out. Sessions are random 256-bit ids, stored only as hashes. */
import { ok, refuse, type Result } from '../cases/result.ts';
import { storedMinute } from '../../core/clock.ts';
import { workflowSettings } from '../../content/workflow.ts';
import type { Viewer } from '../cases/access.ts';
import { townRights, type Grant, type Right } from '../cases/rights.ts';
import { parseGrants } from '../db/rights.ts';
import { sha256Hex } from '../cases/crypto.ts';
import { randomBytes, toBase64Url } from '../../core/bytes.ts';
import { DUMMY_PASSWORD_HASH, LEGACY_SCHEME, upgradeVerifier, verifyPassword } from '../cases/password.ts';
import { pepperKey, signInNameHash } from '../cases/pepper.ts';
import { signInDelayMs } from '../cases/sign-in-delay.ts';
import * as db from '../db/staff.ts';

export const SESSION_COOKIE = '__Host-qinglian-staff';
const MINUTE = 60 * 1000;
/** A session's last-seen time is written at most this often, not on every request. */
const TOUCH_EVERY_MS = MINUTE;

export interface StaffSession extends Viewer {
  username: string;
  displayName: string;
  csrfToken: string;
  sessionHash: string;
  /** The account must choose a new password before anything else (the console sends it to /staff/password). */
  mustChangePassword: boolean;
  /**
   * The rights the admin granted this account over the town's documents ('draft', 'approve'),
   * as far as its role may hold them (worker/cases/rights.ts).
   */
  rights: ReadonlySet<Right>;
  /** Every live grant, the villages' included (for village documents, once they publish from the console). */
  grants: readonly Grant[];
}

/**
 * `failed`: the password was checked and is wrong (or the name unknown); `busy`: the name's
 * attempts are queued further ahead than the longest wait, so this one was refused unchecked;
 * try again in `retryAfterSeconds`.
 */
/** The new session's id; refused `unauthenticated`, or `busy` with the seconds to wait as `params.n`. */
export type SignInResult = Result<{ sessionId: string }>;

const sessionHash = (sessionId: string) => sha256Hex(`staff-session:${sessionId}`);

/** Waits `ms` (the platform's timer; tests pass their own to record the wait). */
export type Sleep = (ms: number) => Promise<void>;
const sleep: Sleep = (ms) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

/**
 * Checks a username and password. Attempts on one name are checked one after another: each
 * reserves the name's next slot (one statement, so parallel attempts queue rather than each
 * waiting on its own), the slots spaced by a wait that doubles with the failures in a row up to a
 * ceiling; the attempt waits for its slot and is then checked. An attempt whose slot would be
 * further ahead than the ceiling is refused at once, unchecked, with the seconds until one is
 * free: a name is checked at most once per ceiling once it has failed a few times, however many
 * connections guess at it. There is no lockout beyond that queue: the right password gets in at
 * its slot, unless others keep taking every slot of the name (each paying a proof of work or the
 * no-JavaScript budget). Names that exist and names that do not are counted, queued and hashed
 * against alike (a dummy hash for unknown ones): the answer, its status and its timing say nothing
 * about whether an account exists.
 */
export async function signIn(database: D1Database, secret: string, username: string, password: string, now = new Date(), wait: Sleep = sleep): Promise<SignInResult> {
  const settings = workflowSettings.signIn;
  const pepper = await pepperKey(secret);
  const name = await signInNameHash(pepper, username);
  const forgetBefore = new Date(now.getTime() - settings.forgetAfterMinutes * MINUTE).toISOString();
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const [reserved, user] = await Promise.all([
    db.reserveSignInSlot(database, name, storedMinute(now), forgetBefore, nowSeconds, settings),
    username ? db.findUserByUsername(database, username) : null,
  ]);
  if (!reserved.ok) return refuse('busy', 'staff.signIn.tooMany', { params: { n: Math.max(1, reserved.nextSlot - nowSeconds - settings.maxDelaySeconds) } });
  // This attempt's slot: the next one less the wait that follows it.
  const slot = reserved.nextSlot - signInDelayMs(reserved.failures, settings) / 1000;
  await wait(Math.max(0, slot - nowSeconds) * 1000);
  const usable = user !== null && user.active === 1;
  let stored = usable ? user.password_hash : DUMMY_PASSWORD_HASH;
  // A verifier from before the pepper (the cron had not reached it yet) is upgraded first, without the password.
  const upgraded = usable ? await upgradeVerifier(stored, pepper) : null;
  if (upgraded && user) {
    await db.replaceVerifiers(database, [{ id: user.id, from: stored, to: upgraded }]);
    stored = upgraded;
  }
  const matches = await verifyPassword(password, stored, pepper);
  if (!usable || !matches) return refuse('unauthenticated', 'staff.signIn.failed');
  const sessionId = toBase64Url(randomBytes(32));
  await db.insertSession(database, await sessionHash(sessionId), user.id, toBase64Url(randomBytes(32)), storedMinute(now), name);
  return ok({ sessionId });
}

/** The live session behind a cookie value, or why there is none (`unauthenticated`, or `gone` once it expired). */
export async function loadSession(
  database: D1Database,
  sessionId: string | undefined,
  now = new Date(),
): Promise<Result<StaffSession>> {
  if (!sessionId || !/^[A-Za-z0-9_-]{43}$/.test(sessionId)) return refuse('unauthenticated', 'staff.signIn.required');
  const hash = await sessionHash(sessionId);
  const row = await db.findSession(database, hash);
  if (!row) return refuse('unauthenticated', 'staff.signIn.required');
  const { idleMinutes, maxHours } = workflowSettings.staffSession;
  const idle = now.getTime() - Date.parse(row.last_seen_at) > idleMinutes * MINUTE;
  const tooOld = now.getTime() - Date.parse(row.created_at) > maxHours * 60 * MINUTE;
  if (idle || tooOld) {
    await db.deleteSession(database, hash);
    return refuse('gone', 'staff.signIn.expired');
  }
  if (now.getTime() - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) await db.touchSession(database, hash, storedMinute(now));
  const grants = parseGrants(row.grants);
  return ok({
    id: row.user_id,
    role: row.role,
    villageId: row.village_id,
    username: row.username,
    displayName: row.display_name,
    csrfToken: row.csrf_token,
    sessionHash: hash,
    mustChangePassword: row.must_change_password === 1,
    rights: townRights({ role: row.role, villageId: row.village_id }, grants),
    grants,
  });
}

/** Ends this session. */
export function signOut(database: D1Database, session: StaffSession): Promise<void> {
  return db.deleteSession(database, session.sessionHash);
}

/** Ends every session of this account, on every device. */
export function signOutEverywhere(database: D1Database, session: StaffSession): Promise<void> {
  return db.deleteUserSessions(database, session.id);
}

/** Constant-time comparison of the form's CSRF token with the session's. */
export function csrfMatches(session: StaffSession, token: unknown): boolean {
  if (typeof token !== 'string' || token.length !== session.csrfToken.length) return false;
  let diff = 0;
  for (let i = 0; i < token.length; i++) diff |= token.charCodeAt(i) ^ session.csrfToken.charCodeAt(i);
  return diff === 0;
}

/** Forgets expired sessions and quiet sign-in failure counts (cron). */
export async function purgeStaffSessions(database: D1Database, now = new Date()): Promise<void> {
  const { idleMinutes, maxHours } = workflowSettings.staffSession;
  await Promise.all([
    db.purgeSessions(database, new Date(now.getTime() - idleMinutes * MINUTE).toISOString(), new Date(now.getTime() - maxHours * 60 * MINUTE).toISOString()),
    db.purgeSignInFailures(database, new Date(now.getTime() - workflowSettings.signIn.forgetAfterMinutes * MINUTE).toISOString()),
  ]);
}

/**
 * Turns every verifier from before the pepper into the peppered one, without the passwords
 * (HMAC under the pepper of the stored PBKDF2 output): the hourly cron, and `npm start` for the
 * local database. Returns how many it changed.
 */
export async function upgradeLegacyVerifiers(database: D1Database, secret: string): Promise<number> {
  const pepper = await pepperKey(secret);
  let changed = 0;
  for (;;) {
    const rows = await db.listVerifiersOfScheme(database, LEGACY_SCHEME, 50);
    const changes = (await Promise.all(rows.map(async (r) => ({ id: r.id, from: r.password_hash, to: await upgradeVerifier(r.password_hash, pepper) })))).filter(
      (c): c is { id: number; from: string; to: string } => c.to !== null,
    );
    if (changes.length === 0) return changed;
    await db.replaceVerifiers(database, changes);
    changed += changes.length;
  }
}

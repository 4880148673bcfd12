/** Staff accounts and signed-in requests for the worker tests. */
import { storedMinute } from '../../core/clock.ts';
import { env } from 'cloudflare:workers';
import type { Role } from '../../worker/cases/access.ts';
import { hashPassword } from '../../worker/cases/password.ts';
import { pepperKey } from '../../worker/cases/pepper.ts';
import { TEST_QUERY_CODE_KEY } from './test-key.ts';
import { insertUser } from '../../worker/db/staff.ts';
import { sealText } from '../../core/sealed.ts';
import { caseDataKey } from './committee-support.ts';
import { call, postForm, submission } from './support.ts';

export const PASSWORD = 'correct horse battery staple';

export interface Staff {
  username: string;
  role: Role;
  villageId: string | null;
  cookie: string;
  csrf: string;
}

let counter = 0;

/** Creates an account (role, village) with PASSWORD; returns its username. */
export async function createStaff(role: Role, villageId: string | null = null): Promise<string> {
  const username = `${role}-${villageId ?? 'town'}-${++counter}-${Math.random().toString(36).slice(2, 6)}`;
  const ok = await insertUser(env.DB, {
    username,
    displayName: `${role} ${villageId ?? ''}`.trim(),
    role,
    villageId,
    passwordHash: await hashPassword(PASSWORD, await pepperKey(TEST_QUERY_CODE_KEY)),
    createdBy: null,
    createdAt: storedMinute(new Date()),
  });
  if (!ok) throw new Error(`could not create ${username}`);
  return username;
}

/** The session cookie a sign-in response sets, as a request Cookie header. */
export function sessionCookie(res: Response): string {
  const set = res.headers.get('set-cookie') ?? '';
  const match = /(__Host-qinglian-staff=[^;]+)/.exec(set);
  if (!match) throw new Error(`no session cookie in: ${set}`);
  return match[1]!;
}

/** Signs in and reads the CSRF token from the console. */
export async function signedIn(username: string, password = PASSWORD): Promise<Staff> {
  const res = await postForm('/staff/sign-in', { username, password });
  if (res.status !== 303) throw new Error(`sign-in failed for ${username}: ${res.status}`);
  const cookie = sessionCookie(res);
  // A clerk's console is its village's desk (the queue sends it there).
  const page = await (await call('/staff/password', { headers: { cookie } })).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!csrf) throw new Error('no CSRF token on the console');
  const row = await env.DB.prepare('SELECT role, village_id FROM staff_users WHERE username = ?1').bind(username).first<{ role: Role; village_id: string | null }>();
  return { username, role: row!.role, villageId: row!.village_id, cookie, csrf };
}

/** A new account of this role, signed in. */
export async function staffMember(role: Role, villageId: string | null = null): Promise<Staff> {
  return signedIn(await createStaff(role, villageId));
}

/** GET as a staff member. */
export function staffGet(staff: Staff | null, path: string): Promise<Response> {
  return call(path, { headers: staff ? { cookie: staff.cookie } : {} });
}

/** POST a console form as a staff member, with their CSRF token unless `csrf` is given. */
export function staffPost(staff: Staff | null, path: string, fields: Record<string, string>, csrf?: string): Promise<Response> {
  const token = csrf ?? staff?.csrf;
  return postForm(path, { ...(token !== undefined && { csrf: token }), ...fields }, staff ? { cookie: staff.cookie } : {});
}

/**
 * Makes a workflow move and returns the response. A committee member's message and note on a
 * sealed case are sealed first, as their browser does.
 */
export async function move(staff: Staff, caseNumber: string, move: string, fields: Record<string, string> = {}): Promise<Response> {
  const form: Record<string, string> = { move, message: `答复：${move}`, ...fields };
  const key = staff.role === 'discipline' ? await caseDataKey(caseNumber) : null;
  if (key) {
    form.message = await sealText(key, form.message!);
    if (form.note) form.note = await sealText(key, form.note);
  }
  return staffPost(staff, `/staff/cases/${caseNumber}/moves`, form);
}

/** A case sent through the mailbox, accepted, resolved at once and closed by `officer`; its number. */
export async function closedCase(officer: Staff, overrides: Record<string, string> = {}): Promise<string> {
  const html = await (await postForm('/mailbox', submission(overrides))).text();
  const number = /CL-\d{4}-\d{6}/.exec(html)![0];
  await move(officer, number, 'accept');
  await move(officer, number, 'resolve_at_once', { message: '已当场处理。' });
  await move(officer, number, 'close', { message: '结案。' });
  return number;
}

/** Declares a conflict of interest on a case; a committee member's note is sealed first, as their browser does. */
export async function declare(staff: Staff, caseNumber: string, reason = 'relative', note = ''): Promise<Response> {
  const key = note && staff.role === 'discipline' ? await caseDataKey(caseNumber) : null;
  return staffPost(staff, `/staff/cases/${caseNumber}/conflict`, { reason, note: key ? await sealText(key, note) : note });
}

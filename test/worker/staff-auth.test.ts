import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { PBKDF2_ITERATIONS, hashPassword, verifyPassword } from '../../worker/cases/password.ts';
import { pepperKey } from '../../worker/cases/pepper.ts';
import { TEST_QUERY_CODE_KEY } from './test-key.ts';
import { signIn } from '../../worker/services/staff-auth.ts';
import { signInDelayMs } from '../../worker/cases/sign-in-delay.ts';
import { workflowSettings } from '../../content/workflow.ts';
import { call, newId, postForm, proofFor } from './support.ts';
import { abuseSettings } from '../../content/abuse.ts';
import { PASSWORD, createStaff, sessionCookie, signedIn, staffGet, staffMember, staffPost } from './staff-support.ts';
import { passwordContext } from '../../worker/cases/accounts.ts';
import { passwordWeakness } from '../../worker/cases/password-strength.ts';
import { loadPasswordDictionaries } from '../../worker/services/password-dictionaries.ts';

describe('staff passwords', () => {
  it('are PBKDF2-SHA-256 with a per-user salt at the highest iteration count the Workers runtime accepts, under a pepper', async () => {
    const pepper = await pepperKey(TEST_QUERY_CODE_KEY);
    const a = await hashPassword('the same password', pepper);
    const b = await hashPassword('the same password', pepper);
    expect(a).toMatch(/^pbkdf2-sha256-pepper\$100000\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('the same password', a, pepper)).toBe(true);
    expect(await verifyPassword('another password', a, pepper)).toBe(false);
    // Another secret, another pepper: the verifier does not match.
    expect(await verifyPassword('the same password', a, await pepperKey('another-secret-of-at-least-32-characters'))).toBe(false);
    expect(PBKDF2_ITERATIONS).toBe(100_000);
    // More than the production runtime allows is refused here too, so local runs behave the same.
    await expect(hashPassword('x', pepper, PBKDF2_ITERATIONS + 1)).rejects.toThrow(RangeError);
    // A crafted stored hash cannot make the worker do unbounded work.
    const greedy = a.replace('$100000$', '$100000000$');
    expect(await verifyPassword('the same password', greedy, pepper)).toBe(false);
    expect(await verifyPassword('the same password', 'md5$abc', pepper)).toBe(false);
  });
});

describe('new passwords', () => {
  // The estimator's word lists, as the worker reads them from its static assets on first use.
  beforeAll(() => loadPasswordDictionaries(env.ASSETS));

  it('are refused when zxcvbn finds them guessable, saying why in Chinese and in English', async () => {
    const admin = await staffMember('admin');
    const account = { username: 'new.officer', displayName: '新联络员', role: 'liaison', village: 'nanhe' };
    const zh = await staffPost(admin, '/staff/accounts', { ...account, password: '111111111111' });
    expect(zh.status).toBe(422);
    expect(await zh.text()).toContain('这个密码是同一个字符的重复（如“111111”），很容易被猜到。');
    const en = await staffPost(admin, '/en/staff/accounts', { ...account, password: 'qinglian123456' });
    expect(en.status).toBe(422);
    expect(await en.text()).toContain('This password contains the username, the name, or the name of the town or a village');
    expect(await env.DB.prepare(`SELECT count(*) AS n FROM staff_users WHERE username = 'new.officer'`).first('n')).toBe(0);
    const ok = await staffPost(admin, '/staff/accounts', { ...account, password: 'plum river lantern ninety' });
    expect(ok.status).toBe(303);
  });

  it('are judged by the estimator: common ones, keyboard rows and the account’s own names are weak', () => {
    expect(passwordWeakness('111111111111')).toBe('simpleRepeat');
    expect(passwordWeakness('qwertyuiopasdf')).not.toBeNull();
    expect(passwordWeakness('password1234')).not.toBeNull();
    expect(passwordWeakness('changling2026', passwordContext('wang.li', '王丽'))).not.toBeNull();
    expect(passwordWeakness('correct horse battery staple')).toBeNull();
    expect(passwordWeakness('admin-demo-2026')).toBeNull();
  });
});

describe('signing in', () => {
  it('sets a __Host- session cookie: HttpOnly, Secure, SameSite=Strict, path /', async () => {
    const username = await createStaff('handler');
    const res = await postForm('/staff/sign-in', { username, password: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/cases');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^__Host-qinglian-staff=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; SameSite=Strict/i);
    expect(cookie).toMatch(/; Path=\//i);
    expect(cookie).not.toMatch(/Domain=/i);
    // Only a hash of the session id is stored.
    const id = /=([^;]+)/.exec(cookie)![1]!;
    const stored = await env.DB.prepare('SELECT id_hash FROM staff_sessions').all<{ id_hash: string }>();
    expect(stored.results.map((r) => r.id_hash)).not.toContain(id);
  });

  it('refuses a wrong password and an unknown account with the same message', async () => {
    const username = await createStaff('handler');
    const wrong = await postForm('/staff/sign-in', { username, password: 'not the password' });
    const unknown = await postForm('/staff/sign-in', { username: 'nobody-here', password: PASSWORD });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.text()).toContain('用户名或密码不正确。');
    expect(await unknown.text()).toContain('用户名或密码不正确。');
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('never locks an account: after failures in a row the right password still signs in, after a wait', async () => {
    // Through the form: four failures in a row, then the right password gets in (no lock-out).
    const username = await createStaff('liaison', 'qinglian');
    for (let i = 0; i < 4; i++) expect((await postForm('/staff/sign-in', { username, password: `wrong ${i}` })).status).toBe(401);
    expect((await postForm('/staff/sign-in', { username, password: PASSWORD })).status).toBe(303);
    // The waits, read on the service's own clock (each attempt sent once the one before was answered):
    // 1 s after the third failure, doubling, and the right password after the fourth waits 2 s, then gets in.
    const other = await createStaff('liaison', 'qinglian');
    const waits: number[] = [];
    let at = Math.floor(Date.now() / 1000) * 1000;
    const attempt = async (password: string) => {
      const result = await signIn(env.DB, TEST_QUERY_CODE_KEY, other, password, new Date(at), async (ms) => void waits.push(ms));
      at += waits.at(-1)!;
      return result;
    };
    for (let i = 0; i < 4; i++) expect((await attempt(`wrong ${i}`)).ok).toBe(false);
    expect((await attempt(PASSWORD)).ok).toBe(true);
    expect(waits).toEqual([0, 0, 0, 1000, 2000]);
    // Signing in cleared the count: the next attempt does not wait.
    expect((await attempt(PASSWORD)).ok).toBe(true);
    expect(waits.at(-1)).toBe(0);
  });

  it('makes attempts wait longer after each failure in a row, the same for a name that exists and one that does not', async () => {
    const username = await createStaff('handler');
    // Each attempt is sent once the one before has been answered (the clock moves on by its wait).
    const start = Math.floor(Date.now() / 1000) * 1000;
    let at = start;
    const record = async (name: string) => {
      const waits: number[] = [];
      at = start;
      for (let i = 0; i < 9; i++) {
        const result = await signIn(env.DB, TEST_QUERY_CODE_KEY, name, `wrong ${i}`, new Date(at), async (ms) => void waits.push(ms));
        expect(result).toEqual({ ok: false, refusal: { code: 'unauthenticated', key: 'staff.signIn.failed' } });
        at += waits.at(-1)!;
      }
      return waits;
    };
    const existing = await record(username);
    expect(existing).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 16000, 30000]);
    expect(await record('nobody-at-all')).toEqual(existing);
    // The ceiling holds, and a count left quiet for an hour is forgotten.
    const later = new Date(at + 61 * 60 * 1000);
    const waits: number[] = [];
    await signIn(env.DB, TEST_QUERY_CODE_KEY, username, 'wrong again', later, async (ms) => void waits.push(ms));
    expect(waits).toEqual([0]);
  });

  it('answers an unknown name, a wrong password and a delayed account with the same status and page', async () => {
    const delayed = await createStaff('handler');
    const other = await createStaff('handler');
    for (let i = 0; i < 3; i++) await signIn(env.DB, TEST_QUERY_CODE_KEY, delayed, `wrong ${i}`, new Date(), async () => {});
    const pages = await Promise.all([
      postForm('/staff/sign-in', { username: 'no-such-officer', password: PASSWORD }),
      postForm('/staff/sign-in', { username: other, password: 'not the password' }),
      postForm('/staff/sign-in', { username: delayed, password: 'not the password' }),
    ]);
    expect(pages.map((p) => p.status)).toEqual([401, 401, 401]);
    // The same page but for the fresh client id each sign-in form carries for its proof of work.
    const bodies = (await Promise.all(pages.map((p) => p.text()))).map((html) => html.replace(/name="clientId" value="[^"]+"/, ''));
    expect(bodies[0]).toContain('用户名或密码不正确。');
    expect(new Set(bodies).size).toBe(1);
    expect(pages.every((p) => p.headers.get('retry-after') === null && p.headers.get('set-cookie') === null)).toBe(true);
  });

  it('checks at most the budgeted number of passwords on a name, however many attempts are sent at once', async () => {
    const { freeFailures, maxDelaySeconds } = workflowSettings.signIn;
    const username = await createStaff('handler');
    const start = Math.floor(Date.now() / 1000) * 1000;
    // Checked attempts are those answered "failed" (the password was hashed and compared); the
    // others were refused before it, without waiting. 10 connections at once, every 30 s, 10 minutes.
    let checked = 0;
    let refused = 0;
    const minutes = 10;
    for (let t = 0; t <= minutes * 60; t += 30) {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => signIn(env.DB, TEST_QUERY_CODE_KEY, username, `guess ${t} ${i}`, new Date(start + t * 1000), async (ms) => expect(ms).toBeLessThanOrEqual(maxDelaySeconds * 1000))),
      );
      for (const r of results) {
        expect(r.ok).toBe(false);
        if (!r.ok && r.refusal.code === 'unauthenticated') checked++;
        if (!r.ok && r.refusal.code === 'busy') {
          refused++;
          expect(r.refusal.params?.n).toBeGreaterThan(0);
        }
      }
    }
    // The free attempts and the doubling waits up to the ceiling, then one per ceiling.
    let budget = freeFailures;
    let slot = 0;
    for (let f = freeFailures; ; f++) {
      slot += signInDelayMs(f, workflowSettings.signIn) / 1000;
      if (slot > maxDelaySeconds) break;
      budget++;
    }
    budget += Math.ceil((minutes * 60) / maxDelaySeconds) + 1;
    expect(checked).toBeLessThanOrEqual(budget);
    expect(checked + refused).toBe(21 * 10);
    // The owner is refused while the queue is full, in the staff's language, and gets in once it is free.
    const clientId = newId();
    const full = await postForm('/en/staff/sign-in', { username, password: PASSWORD, clientId, proof: await proofFor('signin', clientId) });
    expect([401, 429]).toContain(full.status);
    await env.DB.prepare(`UPDATE sign_in_failures SET next_slot = next_slot + 3600`).run();
    const zh = await postForm('/staff/sign-in', { username, password: PASSWORD, clientId: newId() });
    expect(zh.status).toBe(429);
    expect(zh.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await zh.text()).toMatch(/这个用户名刚才的登录尝试太多，这次没有核对密码。请\d+秒后再试。/);
    const en = await postForm('/en/staff/sign-in', { username, password: PASSWORD, clientId: newId() });
    expect(await en.text()).toMatch(/Too many sign-in attempts on this username just now: this one was not checked. Try again in \d+ s./);
    await env.DB.prepare(`UPDATE sign_in_failures SET next_slot = 0`).run();
    expect((await signIn(env.DB, TEST_QUERY_CODE_KEY, username, PASSWORD, new Date(), async () => {})).ok).toBe(true);
  }, 60_000);

  it('is priced by a proof of work, or without JavaScript by an hourly budget for the whole town', async () => {
    const username = await createStaff('handler');
    const form = await (await call('/staff/sign-in')).text();
    expect(form).toMatch(/data-proof="signin" data-proof-id="clientId"/);
    const hour = new Date().toISOString().slice(0, 13);
    await env.DB.prepare(`INSERT INTO request_budgets (scope, hour, used) VALUES ('signin', ?1, ?2) ON CONFLICT (scope, hour) DO UPDATE SET used = ?2`)
      .bind(hour, abuseSettings.noScriptBudgets.signInsPerHour)
      .run();
    const busy = await postForm('/staff/sign-in', { username, password: PASSWORD });
    expect(busy.status).toBe(429);
    expect(await busy.text()).toContain('登录现在非常繁忙');
    const en = await postForm('/en/staff/sign-in', { username, password: PASSWORD });
    expect(await en.text()).toContain('Sign-in is very busy');
    const clientId = newId();
    const proven = await postForm('/staff/sign-in', { username, password: PASSWORD, clientId, proof: await proofFor('signin', clientId) });
    expect(proven.status).toBe(303);
    await env.DB.prepare(`DELETE FROM request_budgets WHERE scope = 'signin'`).run();
  });

  it('keeps no username in the clear for failed attempts, only a hash', async () => {
    await postForm('/staff/sign-in', { username: 'someone-typed-this', password: 'wrong' });
    const rows = await env.DB.prepare('SELECT * FROM sign_in_failures').all();
    expect(JSON.stringify(rows.results)).not.toContain('someone-typed-this');
  });

  it('sends whoever is signed out to the sign-in page', async () => {
    const res = await call('/staff/cases');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/sign-in?required=1');
    const en = await call('/en/staff/cases');
    expect(en.headers.get('location')).toBe('/en/staff/sign-in?required=1');
    const page = await (await call('/en/staff/sign-in?required=1')).text();
    expect(page).toContain('Please sign in first.');
  });
});

describe('sessions', () => {
  it('expire after the idle timeout', async () => {
    const staff = await signedIn(await createStaff('handler'));
    expect((await staffGet(staff, '/staff/cases')).status).toBe(200);
    await env.DB.prepare(`UPDATE staff_sessions SET last_seen_at = ?1`).bind(new Date(Date.now() - 31 * 60 * 1000).toISOString()).run();
    const res = await staffGet(staff, '/staff/cases');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/sign-in?expired=1');
    expect((await staffGet(staff, '/staff/cases')).headers.get('location')).toBe('/staff/sign-in?required=1');
  });

  it('end on sign-out, and everywhere on sign-out everywhere', async () => {
    const username = await createStaff('handler');
    const phone = await signedIn(username);
    const desk = await signedIn(username);
    const laptop = await signedIn(username);
    expect((await staffPost(phone, '/staff/sign-out', {})).headers.get('location')).toBe('/staff/sign-in?signedOut=1');
    expect((await staffGet(phone, '/staff/cases')).status).toBe(303);
    expect((await staffGet(desk, '/staff/cases')).status).toBe(200);
    expect((await staffPost(desk, '/staff/sign-out-everywhere', {})).status).toBe(303);
    expect((await staffGet(desk, '/staff/cases')).status).toBe(303);
    expect((await staffGet(laptop, '/staff/cases')).status).toBe(303);
  });

  it('refuse a state-changing request without the session’s CSRF token, or from another site', async () => {
    const staff = await signedIn(await createStaff('handler'));
    const noToken = await staffPost(staff, '/staff/sign-out', {}, '');
    expect(noToken.status).toBe(403);
    expect(await noToken.text()).toContain('页面已过期，请刷新后重试。');
    const other = await signedIn(await createStaff('handler'));
    expect((await staffPost(staff, '/staff/sign-out', {}, other.csrf)).status).toBe(403);
    const crossSite = await postForm('/staff/sign-out', { csrf: staff.csrf }, { cookie: staff.cookie, origin: 'https://elsewhere.example' });
    expect(crossSite.status).toBe(403);
    expect((await staffGet(staff, '/staff/cases')).status).toBe(200); // still signed in
  });

  it('never store the cookie value, only its hash', async () => {
    const staff = await signedIn(await createStaff('discipline'));
    const value = staff.cookie.split('=')[1]!;
    const { results } = await env.DB.prepare('SELECT * FROM staff_sessions').all();
    expect(JSON.stringify(results)).not.toContain(value);
    expect(sessionCookie(await postForm('/staff/sign-in', { username: staff.username, password: PASSWORD }))).not.toBe(staff.cookie);
  });
});

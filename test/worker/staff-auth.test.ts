import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { PBKDF2_ITERATIONS, hashPassword, verifyPassword } from '../../worker/cases/password.ts';
import { call, postForm } from './support.ts';
import { PASSWORD, createStaff, sessionCookie, signedIn, staffGet, staffPost } from './staff-support.ts';

describe('staff passwords', () => {
  it('are PBKDF2-SHA-256 with a per-user salt at the highest iteration count the Workers runtime accepts', async () => {
    const a = await hashPassword('the same password');
    const b = await hashPassword('the same password');
    expect(a).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('the same password', a)).toBe(true);
    expect(await verifyPassword('another password', a)).toBe(false);
    expect(PBKDF2_ITERATIONS).toBe(100_000);
    // More than the production runtime allows is refused here too, so local runs behave the same.
    await expect(hashPassword('x', PBKDF2_ITERATIONS + 1)).rejects.toThrow(RangeError);
    // A crafted stored hash cannot make the worker do unbounded work.
    const greedy = a.replace('$100000$', '$100000000$');
    expect(await verifyPassword('the same password', greedy)).toBe(false);
    expect(await verifyPassword('the same password', 'md5$abc')).toBe(false);
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

  it('locks an account after five failures in a row, even for the right password', async () => {
    const username = await createStaff('liaison', 'qinglian');
    for (let i = 0; i < 5; i++) expect((await postForm('/staff/sign-in', { username, password: `wrong ${i}` })).status).toBe(401);
    const locked = await postForm('/staff/sign-in', { username, password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(await locked.text()).toMatch(/登录失败次数过多，此账户已暂时锁定，请1[45]分钟后再试。/);
    // Another account is not affected.
    const other = await createStaff('liaison', 'qinglian');
    expect((await postForm('/staff/sign-in', { username: other, password: PASSWORD })).status).toBe(303);
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

// Committee members' passwords (issue 18, finding 3): a passphrase of 16 characters and zxcvbn's
// top score, asked for at the next sign-in of a member whose password predates the rule; verifiers
// from before the pepper upgraded at sign-in; an old member wrap handed back for re-sealing; the
// failure counter's names keyed; the console (alone) may run the committee script's WebAssembly.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { passwordProblem } from '../../worker/cases/accounts.ts';
import { randomBytes, toBase64Url, toHex } from '../../core/bytes.ts';
import { pepperKey, signInNameHash } from '../../worker/cases/pepper.ts';
import { newKeyPair, openLegacyWrap, sealForMember, sealLegacyWrap } from '../../core/sealed.ts';
import { sealLegacyMemberWraps } from '../../worker/services/committee.ts';
import { loadPasswordDictionaries } from '../../worker/services/password-dictionaries.ts';
import { browserMemberKey, memberSecretOf } from './member-keys.ts';
import { call, postForm } from './support.ts';
import { PASSWORD, createStaff, signedIn, staffGet, staffPost, staffMember } from './staff-support.ts';
import { TEST_QUERY_CODE_KEY } from './test-key.ts';

// The estimator's word lists, as the worker reads them from its static assets on first use.
beforeAll(() => loadPasswordDictionaries(env.ASSETS));

const idOf = (username: string) => env.DB.prepare('SELECT id FROM staff_users WHERE username = ?1').bind(username).first<number>('id');
const PASSPHRASE = 'plum rain over the tea hills';

/** A committee member with their own key (qlp2) under `password`. */
async function memberWithKey(password = PASSWORD): Promise<{ username: string; id: number; own: Awaited<ReturnType<typeof newKeyPair>> }> {
  const username = await createStaff('discipline');
  const id = (await idOf(username))!;
  const own = await newKeyPair();
  await env.DB.prepare(`INSERT INTO member_keys (staff_id, public_key, private_wrap, updated_at) VALUES (?1, ?2, ?3, ?4)`)
    .bind(id, own.publicKey, await sealForMember(await browserMemberKey(username, password), own.privateKey), new Date().toISOString())
    .run();
  return { username, id, own };
}

describe('a committee member’s password', () => {
  it('needs 16 characters and zxcvbn’s top score; everyone else keeps 12 and a score of 3', () => {
    // 15 characters, hard to guess: enough for town staff, too short for a member.
    expect(passwordProblem('Tq7#vLp2!mZr9xW', 'wang.li', '王丽', 'handler')).toBeNull();
    expect(passwordProblem('Tq7#vLp2!mZr9xW', 'wang.li', '王丽', 'discipline')).toMatchObject({ key: 'staff.accounts.errors.password', params: { min: 16 } });
    // Long enough, but zxcvbn rates it 3 (two common words): a member may not choose it.
    expect(passwordProblem('football-baseball', 'wang.li', '王丽', 'handler')).toBeNull();
    expect(passwordProblem('football-baseball', 'wang.li', '王丽', 'discipline')).toMatchObject({ key: 'password.member.weak' });
    expect(passwordProblem(PASSPHRASE, 'wang.li', '王丽', 'discipline')).toBeNull();
  });

  it('is refused by the form when it is not a passphrase, saying why and suggesting one, in both languages', async () => {
    const member = await staffMember('discipline');
    const form = await (await staffGet(member, '/staff/password')).text();
    expect(form).toContain('纪委成员的密码至少16个字符');
    expect(form).toContain('minlength="16"');
    expect(await (await staffGet(member, '/en/staff/password')).text()).toContain('four or five unrelated words');
    const zh = await staffPost(member, '/staff/password', { currentPassword: PASSWORD, newPassword: 'football-baseball' });
    expect(zh.status).toBe(422);
    expect(await zh.text()).toContain('纪委成员的密码还要更难猜');
    const en = await staffPost(member, '/en/staff/password', { currentPassword: PASSWORD, newPassword: 'short but odd!' });
    expect(en.status).toBe(422);
    expect(await en.text()).toContain('at least 16 characters');
    // Town staff are not held to it.
    const handler = await staffMember('handler');
    expect(await (await staffGet(handler, '/staff/password')).text()).toContain('minlength="12"');
  });

  it('must be changed first when it predates the rule: the console sends the member to /staff/password until done', async () => {
    const { username, id, own } = await memberWithKey();
    // Migration 0014 sets the flag on every member that existed before it.
    await env.DB.prepare('UPDATE staff_users SET must_change_password = 1 WHERE id = ?1').bind(id).run();
    const res = await postForm('/staff/sign-in', { username, password: PASSWORD });
    expect(res.status).toBe(303);
    const cookie = /(__Host-qinglian-staff=[^;]+)/.exec(res.headers.get('set-cookie')!)![1]!;
    for (const path of ['/staff/cases', '/staff/committee', '/en/staff/accounts', '/staff/cases/CL-2026-000001']) {
      const page = await call(path, { headers: { cookie } });
      expect(page.status, path).toBe(303);
      expect(page.headers.get('location'), path).toBe(path.startsWith('/en/') ? '/en/staff/password' : '/staff/password');
    }
    const form = await (await call('/staff/password', { headers: { cookie } })).text();
    expect(form).toContain('请先设置新密码，再继续使用工作台。');
    const csrf = /name="csrf" value="([^"]+)"/.exec(form)![1]!;
    // The member's browser may still fetch its keys (to re-seal its own key under the new password).
    expect((await call('/staff/committee/keys.json', { headers: { cookie } })).status).toBe(200);
    const wrap = await sealForMember(await browserMemberKey(username, PASSPHRASE), own.privateKey);
    const done = await call('/staff/password', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, currentPassword: PASSWORD, newPassword: PASSPHRASE, memberPrivate: wrap }),
    });
    expect(done.status).toBe(200);
    expect(await done.text()).not.toContain('请先设置新密码');
    expect(await env.DB.prepare('SELECT must_change_password FROM staff_users WHERE id = ?1').bind(id).first('must_change_password')).toBe(0);
    expect((await call('/staff/cases', { headers: { cookie } })).status).toBe(200);
  });
});

describe('what is stored from before the pepper', () => {
  it('a verifier is upgraded at sign-in without the password being needed twice, and the password still signs in', async () => {
    const username = await createStaff('handler');
    const salt = randomBytes(16);
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(PASSWORD), 'PBKDF2', false, ['deriveBits']);
    const hash = new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 100_000 }, key, 256));
    await env.DB.prepare('UPDATE staff_users SET password_hash = ?2 WHERE username = ?1').bind(username, `pbkdf2-sha256$100000$${toBase64Url(salt)}$${toBase64Url(hash)}`).run();
    expect((await postForm('/staff/sign-in', { username, password: 'not the password' })).status).toBe(401);
    const stored = await env.DB.prepare('SELECT password_hash FROM staff_users WHERE username = ?1').bind(username).first<string>('password_hash');
    expect(stored).toMatch(/^pbkdf2-sha256-pepper\$100000\$/);
    expect(stored).toContain(toBase64Url(salt));
    expect((await signedIn(username)).role).toBe('handler');
  });

  it('a member’s old wrap is sealed under their secret by the cron, handed back inside keys.json, and replaced by the re-sealed one', async () => {
    const { username, id, own } = await memberWithKey();
    const legacy = 'qlp1:310000.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    await env.DB.prepare('UPDATE member_keys SET private_wrap = ?2 WHERE staff_id = ?1').bind(id, legacy).run();
    expect(await sealLegacyMemberWraps(env.DB, TEST_QUERY_CODE_KEY)).toBe(1);
    const stored = await env.DB.prepare('SELECT private_wrap FROM member_keys WHERE staff_id = ?1').bind(id).first<string>('private_wrap');
    expect(stored).toMatch(/^qlo1:/);
    expect(await openLegacyWrap(await memberSecretOf(username), stored!)).toBe(legacy);
    expect(await openLegacyWrap(await memberSecretOf('someone.else'), stored!)).toBeNull();

    const member = await signedIn(username);
    const keys = (await (await staffGet(member, '/staff/committee/keys.json')).json()) as { memberSecret: string; member: { privateWrap: string } };
    expect(keys.memberSecret).toBe(await memberSecretOf(username));
    expect(keys.member.privateWrap).toBe(legacy);
    const rewrap = (body: Record<string, string>) =>
      call('/staff/committee/own-key/rewrap', { method: 'POST', headers: { cookie: member.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ csrf: member.csrf, ...body }) });
    const wrap = await sealForMember(await browserMemberKey(username, PASSWORD), own.privateKey);
    // Another key pair, or an old-style envelope, is refused; the same key re-sealed is taken, once.
    expect((await rewrap({ memberPublic: (await newKeyPair()).publicKey, memberPrivate: wrap })).status).toBe(409);
    expect((await rewrap({ memberPublic: own.publicKey, memberPrivate: legacy })).status).toBe(422);
    expect((await rewrap({ memberPublic: own.publicKey, memberPrivate: wrap })).status).toBe(200);
    expect(await env.DB.prepare('SELECT private_wrap FROM member_keys WHERE staff_id = ?1').bind(id).first('private_wrap')).toBe(wrap);
    expect((await rewrap({ memberPublic: own.publicKey, memberPrivate: wrap })).status).toBe(409);
  });

  it('gives a member the secret of an account they create or reset, and nobody else any', async () => {
    const member = await staffMember('discipline');
    const res = await staffGet(member, '/staff/committee/member-secret.json?username=New.Member');
    expect(((await res.json()) as { memberSecret: string }).memberSecret).toBe(await memberSecretOf('new.member'));
    expect((await staffGet(member, '/staff/committee/member-secret.json?username=no%20spaces')).status).toBe(422);
    const admin = await staffMember('admin');
    expect((await staffGet(admin, '/staff/committee/member-secret.json?username=new.member')).status).toBe(403);
    expect((await staffGet(admin, '/staff/committee/keys.json')).status).toBe(403);
  });

  it('refuses the old wrap for a new own key or a restore: only qlp2 is written', async () => {
    const username = await createStaff('discipline');
    const member = await signedIn(username);
    const own = await newKeyPair();
    const old = `qlp1:310000.${toBase64Url(randomBytes(12))}.${toBase64Url(randomBytes(48))}`;
    const res = await call('/staff/committee/own-key', {
      method: 'POST',
      headers: { cookie: member.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ csrf: member.csrf, memberPublic: own.publicKey, memberPrivate: old }),
    });
    expect(res.status).toBe(422);
  });
});

describe('the sign-in failure counter', () => {
  it('keys the names typed with the pepper: a password typed into the name box is not in the export', async () => {
    const typed = `Tea-hill-passphrase-${Date.now()}`;
    expect((await postForm('/staff/sign-in', { username: typed, password: 'whatever' })).status).toBe(401);
    const { results } = await env.DB.prepare('SELECT name_hash FROM sign_in_failures').all<{ name_hash: string }>();
    const hashes = results.map((r) => r.name_hash);
    const unkeyed = toHex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`sign-in:${typed.toLowerCase()}`)));
    expect(hashes).not.toContain(unkeyed);
    expect(hashes).toContain(await signInNameHash(await pepperKey(TEST_QUERY_CODE_KEY), typed));
  });
});

describe('the console’s content security policy', () => {
  it('lets staff pages compile WebAssembly (Argon2id) and no other page', async () => {
    const staff = (await call('/staff/sign-in')).headers.get('content-security-policy')!;
    expect(staff).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(staff).not.toContain('unsafe-inline');
    expect((await call('/en/staff/sign-in')).headers.get('content-security-policy')).toBe(staff);
    for (const path of ['/mailbox', '/track', '/api/challenge?purpose=track&id=abc']) {
      expect((await call(path)).headers.get('content-security-policy'), path).not.toContain('wasm');
    }
  });
});

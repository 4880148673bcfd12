// No offline guessing from D1 alone (issue 18, finding 3). An attacker holds every row of the
// staff tables, the members' keys and the sign-in failure counts (an export, a backup, a Time
// Travel restore), the code (so every algorithm and label in it), the public development key of
// .dev.vars.example, and the demo passwords README lists. They test each password against every
// stored verifier, every member's wrap and every counted name, with the algorithms of the code
// and those from before: nothing matches. The same script with the worker's secret finds them
// all, so it is looking at the right things.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../../worker/demo/cases.ts';
import { fromBase64Url, randomBytes, toBase64Url, toHex } from '../../core/bytes.ts';
import { hashPassword } from '../../worker/cases/password.ts';
import { memberSecret, pepperKey, PEPPER_INFO } from '../../worker/cases/pepper.ts';
import { newKeyPair, sealForMember, sealTo } from '../../core/sealed.ts';
import { insertUser } from '../../worker/db/staff.ts';
import { sealLegacyMemberWraps } from '../../worker/services/committee.ts';
import { upgradeLegacyVerifiers } from '../../worker/services/staff-auth.ts';
import { committeeKey } from './committee-support.ts';
import { browserMemberKey, passwordKeyOf } from './member-keys.ts';
import { postForm } from './support.ts';
import { TEST_QUERY_CODE_KEY } from './test-key.ts';

const encoder = new TextEncoder();
const utf8 = (text: string) => new Uint8Array(encoder.encode(text));
/** The public development key: an attacker tries it in case the deployment kept it. */
const DEV_KEY = 'local-development-key-not-secret-0123456789abcdef';
/** The discipline demo password before this change, and the account of a member from before it. */
const OLD_DEMO_PASSWORD = 'discipline-demo-2026';
const OLD_MEMBER = 'old.member';
const CANDIDATES = [...DEMO_STAFF.map((s) => s.password), OLD_DEMO_PASSWORD, 'correct horse battery staple'];

async function pbkdf2(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array<ArrayBuffer>> {
  const key = await crypto.subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256));
}

async function hmac(key: Uint8Array<ArrayBuffer> | CryptoKey, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const k = key instanceof Uint8Array ? await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']) : key;
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, data));
}

async function aesOpen(raw: Uint8Array<ArrayBuffer>, iv: string, ct: string): Promise<boolean> {
  try {
    const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['decrypt']);
    await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64Url(iv) }, key, fromBase64Url(ct));
    return true;
  } catch {
    return false;
  }
}

async function hkdf(ikm: Uint8Array<ArrayBuffer>, info: string): Promise<Uint8Array<ArrayBuffer>> {
  const base = await crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: utf8(info) }, base, 256));
}

const concat = (a: Uint8Array, b: Uint8Array) => {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};

/** The peppers the attacker can make: the code's derivation from the keys they know (none is the worker's). */
async function knownPeppers(extra: string[] = []): Promise<CryptoKey[]> {
  return Promise.all(['', DEV_KEY, ...extra].map((secret) => pepperKey(secret)));
}

interface Dump {
  users: { username: string; password_hash: string }[];
  memberKeys: { username: string; private_wrap: string }[];
  failures: { name_hash: string }[];
}

async function dump(): Promise<Dump> {
  const users = (await env.DB.prepare('SELECT * FROM staff_users').all<{ username: string; password_hash: string }>()).results;
  const memberKeys = (await env.DB.prepare('SELECT u.username, k.* FROM member_keys k JOIN staff_users u ON u.id = k.staff_id').all<{ username: string; private_wrap: string }>()).results;
  const failures = (await env.DB.prepare('SELECT * FROM sign_in_failures').all<{ name_hash: string }>()).results;
  return { users, memberKeys, failures };
}

/** Every (username, password) the verifiers confirm, with the algorithms of the code and those from before. */
async function verifiedPasswords(d: Dump, peppers: CryptoKey[]): Promise<string[]> {
  const found: string[] = [];
  for (const user of d.users) {
    const [, iterations, salt, hash] = user.password_hash.split('$');
    if (!iterations || !salt || !hash) continue;
    for (const password of CANDIDATES) {
      const derived = await pbkdf2(password, fromBase64Url(salt), Number(iterations));
      const tries = [toBase64Url(derived), ...(await Promise.all(peppers.map(async (p) => toBase64Url(await hmac(p, derived)))))];
      if (tries.includes(hash)) found.push(`${user.username}:${password}`);
    }
  }
  return found;
}

/** Every (username, password) whose member wrap opens: qlp1 (PBKDF2 alone), qlp2 (Argon2id with a member secret the attacker can make). */
async function openedWraps(d: Dump, peppers: CryptoKey[]): Promise<string[]> {
  const found: string[] = [];
  for (const row of d.memberKeys) {
    const [prefix, rest] = row.private_wrap.split(':');
    const [params, iv, ct] = (rest ?? '').split('.');
    if (!params || !iv || !ct) continue;
    for (const password of CANDIDATES) {
      const keys: Uint8Array<ArrayBuffer>[] = [];
      if (prefix === 'qlp1') keys.push(await pbkdf2(password, utf8(`qinglian/member-key/v1/${row.username}`), Number(params)));
      if (prefix === 'qlp2') {
        // Argon2id as the browser computes it (outputs made in Node, member-keys.ts), with every member secret the attacker can make, or none.
        const argon = await passwordKeyOf(row.username, password);
        const secrets = [new Uint8Array(0), ...(await Promise.all(peppers.map((p) => hmac(p, utf8(`member-key|${row.username}`)))))];
        keys.push(argon, ...(await Promise.all(secrets.map((s) => hkdf(concat(argon, s), 'qinglian/member-key/v2')))));
      }
      for (const key of keys) if (await aesOpen(key, iv, ct)) found.push(`${row.username}:${password}`);
    }
  }
  return found;
}

/** Every name typed at sign-in that a counter gives away: unkeyed SHA-256 as before, or HMAC under a pepper the attacker can make. */
async function recoveredNames(d: Dump, peppers: CryptoKey[], names: string[]): Promise<string[]> {
  const hashes = new Set(d.failures.map((f) => f.name_hash));
  const found: string[] = [];
  for (const name of names) {
    const tries = [
      toHex(await crypto.subtle.digest('SHA-256', utf8(`sign-in:${name.toLowerCase()}`))),
      ...(await Promise.all(peppers.map(async (p) => toHex(await hmac(p, utf8(`sign-in|${name.toLowerCase()}`)))))),
    ];
    if (tries.some((t) => hashes.has(t))) found.push(name);
  }
  return found;
}

/** The demo's accounts as `npm start` makes them, a member from before the pepper, and a password typed into the name box. */
async function aDayOfTheDemo(): Promise<void> {
  const pepper = await pepperKey(TEST_QUERY_CODE_KEY);
  const committee = await committeeKey();
  for (const s of DEMO_STAFF) {
    await insertUser(env.DB, { ...s, passwordHash: await hashPassword(s.password, pepper), createdBy: null, createdAt: new Date().toISOString() });
  }
  const own = await newKeyPair();
  const demoWrap = await sealForMember(await browserMemberKey('discipline', DEMO_STAFF.find((s) => s.role === 'discipline')!.password), own.privateKey);
  await env.DB.prepare(
    `INSERT INTO member_keys (staff_id, public_key, private_wrap, committee_key_id, committee_wrap, updated_at)
     SELECT id, ?2, ?3, ?4, ?5, ?6 FROM staff_users WHERE username = ?1`,
  )
    .bind('discipline', own.publicKey, demoWrap, committee.id, await sealTo(own.publicKey, committee.privateKey), new Date().toISOString())
    .run();

  // A member whose account predates the pepper: the old verifier and the old wrap, as main stored them.
  const salt = randomBytes(16);
  const legacyVerifier = `pbkdf2-sha256$100000$${toBase64Url(salt)}$${toBase64Url(await pbkdf2(OLD_DEMO_PASSWORD, salt, 100_000))}`;
  await insertUser(env.DB, { username: OLD_MEMBER, displayName: '老委员', role: 'discipline', villageId: null, passwordHash: legacyVerifier, createdBy: null, createdAt: new Date().toISOString() });
  const old = await newKeyPair();
  const legacyKey = await crypto.subtle.importKey('raw', await pbkdf2(OLD_DEMO_PASSWORD, utf8(`qinglian/member-key/v1/${OLD_MEMBER}`), 310_000), 'AES-GCM', false, ['encrypt']);
  const iv = randomBytes(12);
  const legacyWrap = `qlp1:310000.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, legacyKey, old.privateKey)))}`;
  await env.DB.prepare(`INSERT INTO member_keys (staff_id, public_key, private_wrap, updated_at) SELECT id, ?2, ?3, ?4 FROM staff_users WHERE username = ?1`)
    .bind(OLD_MEMBER, old.publicKey, legacyWrap, new Date().toISOString())
    .run();

  // The admin types their password into the name box, then signs in.
  expect((await postForm('/staff/sign-in', { username: 'admin-demo-2026', password: 'admin' })).status).toBe(401);
}

describe('an attacker holding a database export and the demo passwords', () => {
  it('can test no password: not against a verifier, not against a member’s key, not against a counted name', async () => {
    await aDayOfTheDemo();
    // Before the hourly cron has run, the member from before the pepper is exposed: that is what it is for.
    const before = await dump();
    expect(await verifiedPasswords(before, await knownPeppers())).toEqual([`${OLD_MEMBER}:${OLD_DEMO_PASSWORD}`]);
    expect(await openedWraps(before, await knownPeppers())).toEqual([`${OLD_MEMBER}:${OLD_DEMO_PASSWORD}`]);

    // The cron (and `npm start` locally) upgrades what is old, without any password.
    expect(await upgradeLegacyVerifiers(env.DB, TEST_QUERY_CODE_KEY)).toBe(1);
    expect(await sealLegacyMemberWraps(env.DB, TEST_QUERY_CODE_KEY)).toBe(1);
    const after = await dump();
    expect(after.users.length).toBeGreaterThanOrEqual(DEMO_STAFF.length + 1);
    expect(after.users.filter((u) => !u.password_hash.startsWith('pbkdf2-sha256-pepper$'))).toEqual([]);
    expect(after.memberKeys.filter((k) => !k.private_wrap.startsWith('qlp2:') && !k.private_wrap.startsWith('qlo1:'))).toEqual([]);
    expect(after.failures.length).toBeGreaterThan(0);

    const peppers = await knownPeppers();
    expect(await verifiedPasswords(after, peppers)).toEqual([]);
    expect(await openedWraps(after, peppers)).toEqual([]);
    expect(await recoveredNames(after, peppers, [...CANDIDATES, ...DEMO_STAFF.map((s) => s.username)])).toEqual([]);

    // With the worker's secret the same script finds them all: the export alone is what falls short.
    const withSecret = await knownPeppers([TEST_QUERY_CODE_KEY]);
    const verified = await verifiedPasswords(after, withSecret);
    for (const s of DEMO_STAFF) expect(verified).toContain(`${s.username}:${s.password}`);
    expect(verified).toContain(`${OLD_MEMBER}:${OLD_DEMO_PASSWORD}`);
    expect(await openedWraps(after, withSecret)).toEqual([`discipline:${DEMO_STAFF.find((s) => s.role === 'discipline')!.password}`]);
    expect(await recoveredNames(after, withSecret, CANDIDATES)).toEqual(['admin-demo-2026']);
    // The pepper is the code's derivation of the secret, under its own label.
    expect(PEPPER_INFO).toBe('qinglian/password-pepper/v1');
    expect(await memberSecret(await pepperKey(TEST_QUERY_CODE_KEY), 'Discipline ')).toBe(await memberSecret(await pepperKey(TEST_QUERY_CODE_KEY), 'discipline'));
  }, 120_000);
});

/**
 * The attacker's script on a real backup. After residents and staff have used the site in
 * Chromium (a named report to the committee, a lookup and a follow-up, sign-ins of the admin and a
 * committee member, a password typed into the name box by mistake), the local D1 that `wrangler
 * dev` serves is exported with `wrangler d1 export` — the operator's own backup command — and the
 * SQL is loaded into SQLite. The script holds that dump, the code (every algorithm and label in
 * it) and the demo passwords README lists, but not the worker's secret, as a thief of a backup
 * would. (Locally the secret is the development value of .dev.vars.example, which is public on
 * purpose; a deployment's is not, and the script does not use it.)
 */
import type { DatabaseSync } from 'node:sqlite';
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, test } from 'vitest';
import { STORED_TIMES, hasPrecision } from '../../core/clock.ts';
import { sha256Hex } from '../../worker/cases/crypto.ts';
import { fromBase64Url } from '../../core/bytes.ts';
import { memberPasswordKey } from '../../core/member-kdf.ts';
import { DEMO_STAFF } from '../../worker/demo/cases.ts';
import { baseURL, browserSession, signInAs } from './support.ts';
import { exportDatabase, load } from './d1-export.ts';

const QUERY_CODE = /[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){3}/;
const session = browserSession({ locale: 'zh-CN' }, 30_000);

async function pbkdf2(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256));
}

async function opens(raw: Uint8Array, iv: string, ct: string): Promise<boolean> {
  try {
    const key = await crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, 'AES-GCM', false, ['decrypt']);
    await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64Url(iv) }, key, fromBase64Url(ct));
    return true;
  } catch {
    return false;
  }
}

const toB64u = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

describe('a real backup of the database (wrangler d1 export), read by an attacker with the demo passwords', () => {
  const persistDir = inject('persistDir');
  const typedAsName = `admin-demo-2026`;
  const contactName = `王秀英${randomUUID().slice(0, 4)}`;
  // A number of its own: other journeys on the same database send 13812345678 in ordinary cases.
  const contactPhone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  let code = '';
  let dump: DatabaseSync;
  let text = '';

  test('a day on the site, then the backup', async () => {
    // A resident sends a named report about a cadre, keeps the code, looks the case up and adds to it.
    const resident = await session.newPage();
    await resident.goto(`${baseURL()}/mailbox`);
    await resident.locator('select#village').selectOption('qinglian');
    await resident.locator('#mailbox-form input[name="category"][value="cadre-report"]').check();
    await resident.locator('input#subject').fill('村干部优亲厚友');
    await resident.locator('textarea#description').fill('低保名额给了村干部的亲戚，请纪委核实。');
    await resident.locator('input[name="identity"][value="named"]').check();
    await resident.locator('input[name="name"]').fill(contactName);
    await resident.locator('input[name="phone"]').fill(contactPhone);
    await resident.locator('#mailbox-form button[type="submit"]').click();
    code = ((await resident.locator('#query-code').textContent()) ?? '').trim();
    expect(code).toMatch(QUERY_CODE);
    // Later, on the query page (a page of its own: the receipt asks before it is left).
    const tracker = await session.newPage();
    await tracker.goto(`${baseURL()}/track`);
    await tracker.locator('input[name="code"]').fill(code);
    await tracker.locator('form.track-form button[type="submit"]').click();
    await tracker.locator('textarea[name="text"]').fill('补充：名单在村部公开栏贴过。');
    await tracker.locator('form[action$="/track/followup"] button[type="submit"]').click();
    await tracker.locator('text=补充：名单在村部公开栏贴过。').first().waitFor();

    // Staff sign in; someone types a password into the name box first.
    const mistaken = await session.newPage();
    await mistaken.goto(`${baseURL()}/staff/sign-in`);
    await mistaken.fill('#username', typedAsName);
    await mistaken.fill('#password', 'admin');
    const [refused] = await Promise.all([
      mistaken.waitForResponse((r) => r.url().endsWith('/staff/sign-in') && r.request().method() === 'POST'),
      mistaken.click('main form button[type=submit]'),
    ]);
    expect(refused.status()).toBe(401);
    await mistaken.waitForLoadState('load');
    const admin = await session.newPage();
    await signInAs(admin, 'admin');
    const member = await session.newPage();
    await signInAs(member, 'discipline');

    text = exportDatabase(persistDir);
    dump = load(text);
    expect((dump.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBeGreaterThan(4);
  }, 180_000);

  test('holds no time finer than docs/security.md states for its column', () => {
    let checked = 0;
    for (const [table, columns] of Object.entries(STORED_TIMES)) {
      for (const [column, { precision }] of Object.entries(columns)) {
        let values: string[];
        try {
          values = (dump.prepare(`SELECT ${column} AS v FROM ${table} WHERE ${column} IS NOT NULL`).all() as { v: string }[]).map((r) => r.v);
        } catch {
          continue; // a table this database does not have yet
        }
        for (const v of values) expect(precision.some((p) => hasPrecision(v, p)), `${table}.${column} = ${v}`).toBe(true);
        checked += values.length;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  test('holds neither the code, nor the named reporter’s name or phone, nor a case number beside a lookup', () => {
    expect(text).not.toContain(code);
    expect(text).not.toContain(code.replaceAll('-', ''));
    expect(text).not.toContain(contactName);
    expect(text).not.toContain(contactPhone);
    expect(text).not.toContain('低保名额给了村干部的亲戚');
    const tokenColumns = (dump.prepare(`SELECT name FROM pragma_table_info('track_tokens')`).all() as { name: string }[]).map((c) => c.name);
    expect(tokenColumns).not.toContain('case_id');
  });

  test('lets no demo password be tested against a verifier, a counted name or a member’s key', async () => {
    const passwords = [...DEMO_STAFF.map((s) => s.password), 'discipline-demo-2026'];
    const users = dump.prepare('SELECT username, password_hash FROM staff_users').all() as { username: string; password_hash: string }[];
    expect(users.length).toBeGreaterThanOrEqual(DEMO_STAFF.length);
    for (const u of users) {
      const [scheme, iterations, salt, hash] = u.password_hash.split('$');
      expect(scheme, `${u.username}'s verifier is peppered`).toBe('pbkdf2-sha256-pepper');
      // The verifier without the pepper (the scheme before it) matches no password.
      for (const p of passwords) expect(toB64u(await pbkdf2(p, fromBase64Url(salt!), Number(iterations)))).not.toBe(hash);
    }
    // The password typed into the name box: not its hash, nor the old keyed-by-nothing one.
    const names = (dump.prepare('SELECT name_hash FROM sign_in_failures').all() as { name_hash: string }[]).map((r) => r.name_hash);
    expect(names.length).toBeGreaterThan(0);
    for (const candidate of [typedAsName, typedAsName.toLowerCase()]) {
      for (const guess of [await sha256Hex(candidate), await sha256Hex(`sign-in:${candidate}`)]) expect(names).not.toContain(guess);
    }
    // Members' keys: only the Argon2id-and-member-secret wrap; Argon2id of the password alone opens none.
    const wraps = dump.prepare('SELECT u.username, k.private_wrap FROM member_keys k JOIN staff_users u ON u.id = k.staff_id').all() as { username: string; private_wrap: string }[];
    expect(wraps.length).toBeGreaterThan(0);
    for (const w of wraps) {
      expect(w.private_wrap).toMatch(/^qlp2:/);
      const [, params, iv, ct] = /^qlp2:([^.]+)\.([^.]+)\.(.+)$/.exec(w.private_wrap)!;
      const [m, t, p] = params!.split('-').map(Number);
      const member = DEMO_STAFF.find((s) => s.username === w.username);
      for (const password of member ? [member.password] : passwords.slice(0, 1)) {
        const alone = await memberPasswordKey(w.username, password, { memoryKiB: m!, passes: t!, lanes: p! });
        expect(await opens(alone, iv!, ct!), `${w.username}'s key opens with the password alone`).toBe(false);
      }
    }
  }, 120_000);
});

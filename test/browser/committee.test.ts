// Sealed reports in a real Chromium: the committee's members open them in their browsers; a member
// added by another reads them; a password change keeps access; the recovery key restores it when
// every member's password is lost; the resident reads the committee's reply, JavaScript on or off.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { storedMinute } from '../../core/clock.ts';
import { randomBytes, toBase64Url } from '../../core/bytes.ts';
import { legacyMemberKeyBytes, newKeyPair, openForRecovery, sealTo } from '../../core/sealed.ts';
import { DEMO_RECOVERY_KEY, DEMO_STAFF } from '../../worker/demo/cases.ts';
import { executeSql, queryRows, sql } from '../../worker/tools/d1.ts';
import { baseURL, browserSession, staffSignIn as signIn } from './support.ts';

// A member's browser derives keys with Argon2id at sign-in and on a password change, and the
// operator's tool starts wrangler: on a busy machine these steps take a while.
const session = browserSession({}, 45_000);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DEMO_PASSWORD = DEMO_STAFF.find((s) => s.username === 'discipline')!.password;
const CADRE_CASE = 'CL-2026-000004';

async function signOut(page: Page) {
  await page.click('.staff-nav form[action$="/sign-out"] button');
  await page.waitForURL(/signedOut=1/);
}

/** Opens the cadre report and waits for the browser to decrypt it. */
async function readsTheReport(page: Page) {
  await page.goto(`${baseURL()}/staff/cases/${CADRE_CASE}`);
  await expect.poll(() => page.locator('#case-description').textContent(), { timeout: 30_000 }).toContain('低保评议');
  expect(await page.locator('#case-subject').textContent()).toContain('优亲厚友');
  expect(await page.locator('#sealed-status').textContent()).toBe('已在您的浏览器中解密。');
}

/** The operator resets a password from the command line (npm run staff:add -- --reset), on the served database. */
function operatorReset(username: string, password: string) {
  const result = spawnSync(process.execPath, ['worker/tools/staff-add.ts', '--username', username, '--reset', '--persist-to', inject('persistDir')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, STAFF_PASSWORD: password, WRANGLER_SEND_METRICS: 'false', PATH: [join(ROOT, 'node_modules', '.bin'), dirname(process.execPath), process.env.PATH].join(':') },
    timeout: 60_000,
  });
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
}

async function restoreWithRecoveryKey(page: Page) {
  await page.goto(`${baseURL()}/staff/committee`);
  await page.fill('#recovery', DEMO_RECOVERY_KEY.toLowerCase().replace(/-/g, ' '));
  await page.click('#recovery-form button[type=submit]');
  await page.waitForURL(/done=restored/);
  expect(await page.locator('#staff-notice').textContent()).toContain('已恢复');
}

describe('sealed reports in the committee’s browsers', () => {
  test('a member reads the report and replies; the resident reads the reply with JavaScript on and off', async () => {
    const page = await session.newPage();
    await signIn(page, 'discipline', DEMO_PASSWORD);
    await readsTheReport(page);
    // What reaches the page from the server is the envelope, not the text.
    const served = await (await page.request.get(`${baseURL()}/staff/cases/${CADRE_CASE}`)).text();
    expect(served).not.toContain('低保评议');

    const reply = `镇纪委已受理，正在核查低保评议情况 ${Date.now()}`;
    await page.click('#move-take_up summary');
    await page.fill('#take_up-message', reply);
    await page.fill('#take_up-note', '核查对象：村委委员');
    await page.click('#move-take_up button[type=submit]');
    await page.waitForURL(/done=take_up/);
    await expect.poll(() => page.locator('#history').textContent()).toContain(reply);
    expect(await page.locator('#history').textContent()).toContain('核查对象：村委委员');

    for (const javaScriptEnabled of [false, true]) {
      const resident = await session.newPage({ javaScriptEnabled });
      await resident.goto(`${baseURL()}/track`);
      await resident.fill('#code', 'DEM0-CASE-0000-0004');
      await resident.click('form.track-form button[type=submit]');
      const timeline = await resident.locator('.timeline').textContent();
      expect(timeline, `JavaScript ${javaScriptEnabled ? 'on' : 'off'}`).toContain(reply);
      expect(await resident.content()).not.toContain('核查对象');
    }
  });

  test('a member added by a member reads it, keeps access through a password change, and the recovery key restores access', async () => {
    const first = await session.newPage();
    await signIn(first, 'discipline', DEMO_PASSWORD);
    const username = `jiwei${Date.now() % 100000}`;
    await first.goto(`${baseURL()}/staff/accounts`);
    await first.fill('#username', username);
    await first.fill('#displayName', '镇纪委委员（测试）');
    await first.fill('#password', 'first password of the new member');
    await first.click('#account-form button[type=submit]');
    await first.waitForURL(/created=/);
    expect(await first.locator(`[data-account="${username}"]`).textContent()).toContain('镇纪委、监察办公室');

    const second = await session.newPage();
    await signIn(second, username, 'first password of the new member');
    await readsTheReport(second);

    await second.goto(`${baseURL()}/staff/password`);
    await second.fill('#currentPassword', 'first password of the new member');
    await second.fill('#newPassword', 'the new member chose this one');
    await second.click('#password-form button[type=submit]');
    await second.waitForSelector('#staff-notice');
    expect(await second.locator('#staff-notice').textContent()).toBe('密码已修改。');
    await signOut(second);
    await signIn(second, username, 'the new member chose this one');
    await readsTheReport(second);

    // Every member's password is lost; the operator resets them.
    operatorReset(username, 'reset by the operator 1');
    operatorReset('discipline', 'reset by the operator 2');
    const afterReset = await session.newPage();
    await signIn(afterReset, username, 'reset by the operator 1');
    await afterReset.goto(`${baseURL()}/staff/cases/${CADRE_CASE}`);
    await expect.poll(() => afterReset.locator('#sealed-status').textContent()).toContain('您还没有委员会密钥');
    expect(await afterReset.locator('#case-description').textContent()).not.toContain('低保评议');
    await restoreWithRecoveryKey(afterReset);
    await readsTheReport(afterReset);

    // The demo account gets its password back, and its key from the member who holds it now.
    operatorReset('discipline', DEMO_PASSWORD);
    await afterReset.goto(`${baseURL()}/staff/committee`);
    await afterReset.click('[data-member="discipline"] button[type=submit]');
    await afterReset.waitForURL(/done=given/);
    const demo = await session.newPage();
    await signIn(demo, 'discipline', DEMO_PASSWORD);
    await readsTheReport(demo);
  }, 240_000);

  test('a named report: the member reads the contact, and the browser keeps it out of the published case notice', async () => {
    const resident = await session.newPage();
    await resident.goto(`${baseURL()}/mailbox`);
    await resident.selectOption('#village', 'dongling');
    await resident.check('input[name=category][value=cadre-report]');
    const subject = `反映村会计虚报账目 ${Date.now()}`;
    await resident.fill('#subject', subject);
    await resident.fill('#description', '村会计把修路的钱多报了两万元，请纪委核查。');
    await resident.check('input[name="identity"][value="named"]');
    await resident.fill('#name', '赵春梅');
    await resident.fill('#phone', '13700001234');
    await resident.click('#mailbox-form button[type=submit]');
    const caseNumber = (await resident.locator('#case-number').textContent())!.trim();

    const page = await session.newPage();
    await signIn(page, 'discipline', DEMO_PASSWORD);
    await page.goto(`${baseURL()}/staff/cases/${caseNumber}`);
    await expect.poll(() => page.locator('#case-content').textContent()).toContain('赵春梅');
    expect(await page.locator('#case-content').textContent()).toContain('13700001234');
    for (const [move, message, note] of [['take_up', '您反映的问题已受理。', ''], ['conclude', '经核查，问题属实，已责令退回多报款项。', '经集体研究，予以了结。']] as const) {
      await page.click(`#move-${move} summary`);
      await page.fill(`#${move}-message`, message);
      if (note) await page.fill(`#${move}-note`, note);
      await page.click(`#move-${move} button[type=submit]`);
      await page.waitForURL(new RegExp(`done=${move}`));
    }
    await expect.poll(() => page.locator('#history').textContent()).toContain('经核查，问题属实');
    await page.fill('#outcome-problem', '群众反映村会计虚报修路账目。');
    await page.fill('#outcome-action', '镇纪委调查核实，约谈赵春梅了解情况。');
    await page.fill('#outcome-outcome', '问题属实，多报款项已退回。');
    await page.click('#outcome form button[type=submit]');
    await expect.poll(() => page.locator('.contact-check').textContent()).toContain('含有反映人的姓名或电话');
    await page.fill('#outcome-action', '镇纪委调查核实。');
    await page.click('#outcome form button[type=submit]');
    await page.waitForURL(/done=outcome/);
    const notice = await (await page.request.get(`${baseURL()}/outcomes/${caseNumber}`)).text();
    expect(notice).toContain('多报款项已退回');
    expect(notice).not.toContain('赵春梅');
  });

  test('a member from before the pepper is asked for a passphrase at sign-in; their browser re-seals their key, and they read the report', async () => {
    // The account as main stored it: PBKDF2 verifier without pepper, own key in a qlp1 wrap (PBKDF2 of the password alone), flagged by migration 0014.
    process.env.PATH = [join(ROOT, 'node_modules', '.bin'), dirname(process.execPath), process.env.PATH].join(':');
    const target = ['--local', '--persist-to', inject('persistDir')];
    // What `npm start` stored (the demo, as served here) has no verifier or wrap from before the pepper.
    const old = (where: string) => queryRows<{ n: number }>(`SELECT count(*) AS n FROM ${where}`, target)[0]!.n;
    expect(old(`staff_users WHERE password_hash NOT LIKE 'pbkdf2-sha256-pepper$%'`)).toBe(0);
    expect(old(`member_keys WHERE private_wrap NOT LIKE 'qlp2:%'`)).toBe(0);
    const username = `old${Date.now() % 100000}`;
    const oldPassword = 'discipline-demo-2026';
    const pbkdf2 = async (password: string, salt: Uint8Array<ArrayBuffer>, iterations: number) => {
      const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
      return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256));
    };
    const salt = randomBytes(16);
    const verifier = `pbkdf2-sha256$100000$${toBase64Url(salt)}$${toBase64Url(await pbkdf2(oldPassword, salt, 100_000))}`;
    const [committee] = queryRows<{ id: number; recovery_wrap: string }>('SELECT id, recovery_wrap FROM committee_keys WHERE retired_at IS NULL', target);
    const committeePrivate = (await openForRecovery(DEMO_RECOVERY_KEY, committee!.recovery_wrap))!;
    const own = await newKeyPair();
    const iv = randomBytes(12);
    const aes = await crypto.subtle.importKey('raw', await legacyMemberKeyBytes(username, oldPassword, 310_000), 'AES-GCM', false, ['encrypt']);
    const legacyWrap = `qlp1:310000.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, aes, own.privateKey)))}`;
    // As migration 0016 left every staff row from before it: to the minute.
    const at = storedMinute(new Date());
    executeSql(
      `INSERT INTO staff_users (username, display_name, role, password_hash, must_change_password, created_at) VALUES (${sql(username)}, '老委员（测试）', 'discipline', ${sql(verifier)}, 1, ${sql(at)});
       INSERT INTO member_keys (staff_id, public_key, private_wrap, committee_key_id, committee_wrap, updated_at)
         SELECT id, ${sql(own.publicKey)}, ${sql(legacyWrap)}, ${committee!.id}, ${sql(await sealTo(own.publicKey, committeePrivate))}, ${sql(at)} FROM staff_users WHERE username = ${sql(username)};`,
      target,
    );

    const page = await session.newPage();
    await page.goto(`${baseURL()}/staff/sign-in`);
    await page.fill('#username', username);
    await page.fill('#password', oldPassword);
    await page.click('main form button[type=submit]');
    await page.waitForURL(/\/staff\/password$/);
    expect(await page.locator('main').textContent()).toContain('请先设置新密码，再继续使用工作台。');
    expect(await page.locator('#hint-newPassword').textContent()).toContain('至少16个字符');
    await page.goto(`${baseURL()}/staff/cases/${CADRE_CASE}`);
    expect(page.url()).toMatch(/\/staff\/password$/);
    const passphrase = 'lantern moon over the stone bridge';
    await page.fill('#currentPassword', oldPassword);
    await page.fill('#newPassword', passphrase);
    await page.click('#password-form button[type=submit]');
    await page.waitForSelector('#staff-notice');
    expect(await page.locator('#staff-notice').textContent()).toBe('密码已修改。');
    const [stored] = queryRows<{ password_hash: string; must_change_password: number; private_wrap: string }>(
      `SELECT u.password_hash, u.must_change_password, k.private_wrap FROM staff_users u JOIN member_keys k ON k.staff_id = u.id WHERE u.username = ${sql(username)}`,
      target,
    );
    expect(stored!.password_hash).toMatch(/^pbkdf2-sha256-pepper\$/);
    expect(stored!.must_change_password).toBe(0);
    expect(stored!.private_wrap).toMatch(/^qlp2:65536-3-1\./);
    await readsTheReport(page);
    await signOut(page);
    await signIn(page, username, passphrase);
    await readsTheReport(page);
  }, 180_000);

  // Last: it replaces the demo key's recovery key.
  test('a rotation re-seals every case in the browser, shows the new recovery key once, and the members still read', async () => {
    const page = await session.newPage();
    await signIn(page, 'discipline', DEMO_PASSWORD);
    await page.goto(`${baseURL()}/staff/committee`);
    const before = await page.locator('#committee-key').textContent();
    await page.click('#rotate-form button[type=submit]');
    await expect.poll(() => page.locator('#rotate-recovery').textContent(), { timeout: 30_000 }).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    const recoveryKey = (await page.locator('#rotate-recovery').textContent())!;
    expect(recoveryKey).not.toBe(DEMO_RECOVERY_KEY);
    await page.reload();
    expect(await page.locator('#committee-key').textContent()).not.toBe(before);
    await readsTheReport(page);
    // The old recovery key no longer opens anything; the new one does.
    await page.goto(`${baseURL()}/staff/committee`);
    await page.fill('#recovery', DEMO_RECOVERY_KEY);
    await page.click('#recovery-form button[type=submit]');
    await expect.poll(() => page.locator('#committee-error').textContent()).toBe('恢复密钥不正确。');
    await page.fill('#recovery', recoveryKey);
    await page.click('#recovery-form button[type=submit]');
    await page.waitForURL(/done=restored/);
    await readsTheReport(page);
  });

  test('says plainly that the console needs JavaScript where it is off', async () => {
    const page = await session.newPage({ javaScriptEnabled: false });
    await page.goto(`${baseURL()}/staff/sign-in`);
    await page.fill('#username', 'discipline');
    await page.fill('#password', DEMO_PASSWORD);
    await page.click('main form button[type=submit]');
    await page.goto(`${baseURL()}/staff/cases/${CADRE_CASE}`);
    expect(await page.locator('#sealed-noscript').textContent()).toContain('镇纪委工作台需要启用浏览器的 JavaScript');
    expect(await page.locator('#case-description').textContent()).toBe('［已加密：需要在浏览器中解密］');
  });
});

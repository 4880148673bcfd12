// The committee key across tabs, in a real Chromium: a member who signed in reads the committee's
// reports in a second tab, after a reload and in a restored session, for as long as the sign-in
// lasts; the browser keeps the key only sealed under that sign-in's wrapping key (which the worker
// derives from the HttpOnly session cookie and gives to that session alone), so what is kept opens
// nothing in another sign-in; signing out in one tab clears it, and what was opened, in every tab.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { DEMO_STAFF } from '../../worker/demo/cases.ts';
import { baseURL, browserSession, staffSignIn as signIn } from './support.ts';

const session = browserSession({}, 45_000);
const DEMO_PASSWORD = DEMO_STAFF.find((s) => s.username === 'discipline')!.password;
const CADRE_CASE = 'CL-2026-000004';
const PLAIN = 'qinglian:member-key';
const WRAPPED = 'qinglian:member-key-session';

/** Opens the cadre report and waits for the browser to decrypt it. */
async function readsTheReport(page: Page) {
  await page.goto(`${baseURL()}/staff/cases/${CADRE_CASE}`);
  await expect.poll(() => page.locator('#case-description').textContent(), { timeout: 30_000 }).toContain('低保评议');
  expect(await page.locator('#sealed-status').textContent()).toBe('已在您的浏览器中解密。');
}

const stored = (page: Page) =>
  page.evaluate(([plain, wrapped]) => ({ plain: sessionStorage.getItem(plain!), wrapped: localStorage.getItem(wrapped!), keys: Object.keys(localStorage).concat(Object.keys(sessionStorage)) }), [PLAIN, WRAPPED]);

describe('the committee key across tabs', () => {
  test('a second tab, a reload and a restored session open the report; the key is kept only sealed for this sign-in', async () => {
    const first = await session.newPage();
    await signIn(first, 'discipline', DEMO_PASSWORD);
    // From the first console page on, only the sealed envelope is kept, in no readable form.
    await expect.poll(async () => (await stored(first)).wrapped ?? '').toMatch(/^qlw1:[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect((await stored(first)).plain).toBeNull();

    await readsTheReport(first);
    await first.reload();
    await expect.poll(() => first.locator('#case-description').textContent(), { timeout: 30_000 }).toContain('低保评议');

    // A second tab of the same browser, opened from a bookmark.
    const second = await first.context().newPage();
    await readsTheReport(second);
    expect(await second.locator('main').textContent()).not.toContain('请退出后重新登录');

    // The browser restores the session (its cookies and storage) after a restart.
    const restored = await session.newPage({ storageState: await first.context().storageState() });
    await readsTheReport(restored);
  }, 180_000);

  test('what one sign-in kept opens nothing in another sign-in', async () => {
    const page = await session.newPage();
    await signIn(page, 'discipline', DEMO_PASSWORD);
    await readsTheReport(page);
    const kept = (await stored(page)).wrapped!;
    // The same member signs in again in another browser: the envelope carried over from the first opens nothing there.
    const other = await session.newPage();
    await signIn(other, 'discipline', DEMO_PASSWORD);
    await other.evaluate(([plain, wrapped, value]) => {
      sessionStorage.removeItem(plain!);
      localStorage.setItem(wrapped!, value!);
    }, [PLAIN, WRAPPED, kept]);
    await other.goto(`${baseURL()}/staff/cases/${CADRE_CASE}`);
    await expect.poll(() => other.locator('#sealed-status').textContent(), { timeout: 30_000 }).toContain('请退出后重新登录');
    expect(await other.locator('#case-description').textContent()).not.toContain('低保评议');
    // …and is dropped there.
    expect((await stored(other)).wrapped).toBeNull();
  }, 180_000);

  test('signing out in one tab clears the key and what was opened in every tab', async () => {
    const first = await session.newPage();
    await signIn(first, 'discipline', DEMO_PASSWORD);
    await readsTheReport(first);
    const second = await first.context().newPage();
    await readsTheReport(second);

    await first.click('.staff-nav form[action$="/sign-out"] button');
    await first.waitForURL(/signedOut=1/);
    // The other tab drops the page it had decrypted and, the session being over, lands on the sign-in page.
    await second.waitForURL(/\/staff\/sign-in/, { timeout: 30_000 });
    expect(await second.content()).not.toContain('低保评议');
    for (const page of [first, second]) {
      const left = await stored(page);
      expect(left.plain).toBeNull();
      expect(left.wrapped).toBeNull();
      expect(left.keys.filter((k) => k.startsWith('qinglian:member-key'))).toEqual([]);
    }
    // A new tab, or the back button, opens nothing.
    const third = await first.context().newPage();
    await third.goto(`${baseURL()}/staff/cases/${CADRE_CASE}`);
    expect(third.url()).toMatch(/\/staff\/sign-in/);
  }, 180_000);
});

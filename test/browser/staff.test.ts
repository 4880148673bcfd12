// The staff console in a real Chromium against `wrangler dev` with the demo accounts.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { DEMO_STAFF } from '../../worker/demo/cases.ts';
import { baseURL, browserSession } from './support.ts';

const session = browserSession();

const account = (username: string) => DEMO_STAFF.find((s) => s.username === username)!;

async function signIn(page: Page, username: string) {
  await page.goto(`${baseURL()}/staff/cases`);
  await expect.poll(() => page.url()).toContain('/staff/sign-in');
  await page.fill('#username', username);
  await page.fill('#password', account(username).password);
  await page.click('main form button[type=submit]');
  await page.waitForURL(/\/staff\/cases$/);
}

async function sendCase(page: Page, subject: string): Promise<string> {
  await page.goto(`${baseURL()}/mailbox`);
  await page.selectOption('#village', 'qinglian');
  await page.check('input[name=category][value=demand]');
  await page.fill('#subject', subject);
  await page.fill('#description', '村西头的水井被杂物堵住了，全组二十多户吃水困难。');
  await page.click('#mailbox-form button[type=submit]');
  return (await page.locator('#query-code').textContent())!.trim();
}

describe('the staff console in a browser', () => {
  test('an officer accepts a web case, sets a time limit and writes to the resident, who reads it on the query page', async () => {
    const residentPage = await session.newPage();
    const subject = `水井堵塞 ${Date.now()}`;
    const code = await sendCase(residentPage, subject);
    const caseNumber = (await residentPage.locator('#case-number').textContent())!.trim();

    const page = await session.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, 'qinglian');
    const item = page.locator(`[data-case="${caseNumber}"]`);
    await expect.poll(() => item.textContent()).toContain(subject);
    expect(await item.textContent()).toContain('待受理');
    await item.locator('a').click();
    await page.waitForURL(new RegExp(`/staff/cases/${caseNumber}$`));

    await page.click('#move-accept summary');
    await page.fill('#accept-message', '您反映的水井问题已受理，联络员今天到现场查看。');
    await page.fill('#accept-note', '联系村水管员');
    await page.click('#move-accept button[type=submit]');
    await page.waitForURL(/done=accept/);
    expect(await page.locator('#staff-notice').textContent()).toContain('已保存：受理。');

    await page.click('#move-set_time_limit summary');
    await page.fill('#set_time_limit-days', '3');
    await page.fill('#set_time_limit-message', '需要请专业人员清淤，3个工作日内办结。');
    await page.click('#move-set_time_limit button[type=submit]');
    await page.waitForURL(/done=set_time_limit/);
    expect(await page.locator('#case-status').textContent()).toBe('限时办理中');
    expect(await page.locator('#history').textContent()).toContain('联系村水管员');

    await residentPage.goto(`${baseURL()}/track`);
    await residentPage.fill('#code', code);
    await residentPage.click('form.track-form button[type=submit]');
    expect(await residentPage.locator('#case-status').textContent()).toBe('限时办理中');
    const timeline = await residentPage.locator('.timeline').textContent();
    expect(timeline).toContain('您反映的水井问题已受理，联络员今天到现场查看。');
    expect(timeline).toContain('需要请专业人员清淤，3个工作日内办结。');
    expect(await residentPage.content()).not.toContain('联系村水管员');
  });

  test('a cadre report is invisible to the village officer and readable by the discipline committee', async () => {
    const officerPage = await session.newPage();
    await signIn(officerPage, 'qinglian');
    await officerPage.goto(`${baseURL()}/staff/cases?show=all`);
    expect(await officerPage.content()).not.toContain('CL-2026-000004');
    const direct = await officerPage.goto(`${baseURL()}/staff/cases/CL-2026-000004`);
    expect(direct?.status()).toBe(403);
    expect(await officerPage.locator('#staff-message').textContent()).toContain('您无权查看或办理这个案件。');
    expect(await officerPage.content()).not.toContain('优亲厚友');

    const page = await session.newPage();
    await signIn(page, 'discipline');
    await expect.poll(() => page.locator('[data-case="CL-2026-000004"]').textContent()).toContain('（示例）反映村干部优亲厚友问题');
    await page.click('[data-case="CL-2026-000004"] a');
    // Sealed: the member's browser decrypts it after the page loads.
    await expect.poll(() => page.locator('#case-description').textContent()).toContain('低保评议');
  });

  test('signing out ends the session; the console then asks to sign in again', async () => {
    const page = await session.newPage();
    await signIn(page, 'handler');
    const cookies = await page.context().cookies();
    const cookie = cookies.find((c) => c.name === '__Host-qinglian-staff')!;
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
    await page.click('.staff-nav button[type=submit]');
    await page.waitForURL(/signedOut=1/);
    expect(await page.content()).toContain('已退出。');
    await page.goto(`${baseURL()}/staff/cases`);
    expect(page.url()).toContain('/staff/sign-in?required=1');
  });

  test('a wrong password is refused in the page’s language', async () => {
    const page = await session.newPage();
    await page.goto(`${baseURL()}/en/staff/sign-in`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.fill('#username', 'handler');
    await page.fill('#password', 'not the password at all');
    await page.click('main form button[type=submit]');
    expect(await page.locator('#sign-in-error').textContent()).toBe('Wrong username or password.');
  });
});

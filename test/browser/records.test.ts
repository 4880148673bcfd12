// The performance record form in a real Chromium against `wrangler dev` with the demo accounts.
import { describe, expect, test } from 'vitest';
import { axeViolations, baseURL, browserSession, signInAs } from './support.ts';

const session = browserSession();

describe('the performance record form in a browser', () => {
  test('an officer adds an entry with JavaScript off, sees it listed, and prints the form', async () => {
    const page = await session.newPage({ javaScriptEnabled: false });
    await signInAs(page, 'qinglian');

    await page.click('.staff-nav a[href="/staff/records"]');
    await page.waitForURL(/\/staff\/records$/);
    await page.click('#new-entry');
    await page.waitForURL(/\/staff\/records\/new$/);

    const matter = `村务公开栏检查 ${Date.now()}`;
    // First without a date: the form comes back with the message and keeps what was typed.
    await page.check('input[name=focus][value=power]');
    await page.fill('#matter', matter);
    await page.fill('#findings', '本月村务公开栏未列出集体鱼塘承包费收缴明细。');
    await page.fill('#actions', '提醒村报账员在本月公开中补上。');
    await page.evaluate(() => document.querySelector('#date')?.removeAttribute('required'));
    await page.click('#entry-form button[type=submit]');
    expect(await page.locator('#error-summary').textContent()).toContain('请填写日期。');
    expect(await page.inputValue('#matter')).toBe(matter);

    await page.fill('#date', '2026-11-20');
    await page.fill('#followUp', '下月复查。');
    await page.click('#entry-form button[type=submit]');
    await page.waitForURL(/\/staff\/records\/\d+\?saved=1$/);
    expect(await page.locator('#staff-notice').textContent()).toContain('记录已保存。');
    expect(await page.locator('#entry-matter').textContent()).toBe(matter);

    await page.goto(`${baseURL()}/staff/records`);
    const listed = page.locator('#records li', { hasText: matter });
    expect(await listed.count()).toBe(1);
    expect(await listed.textContent()).toContain('待审核');
    // The demo entries of the officer's village are there too, and not the other village's.
    expect(await page.locator('#records').textContent()).toContain('（示例）耕地地力保护补贴发放');
    expect(await page.locator('#records').textContent()).not.toContain('（示例）集体鱼塘承包合同公开');

    await page.click('#print-link');
    await page.waitForURL(/\/staff\/records\/print/);
    const sheet = page.locator('.record-sheet[data-village="qinglian"]');
    expect(await sheet.locator('h1').textContent()).toContain('村级监督工作联络站履职纪实表');
    const row = sheet.locator('tr', { hasText: matter });
    expect(await row.textContent()).toContain('权力规范运行');
    expect(await row.textContent()).toContain('下月复查。');
    // Only the officer's own village is on the form.
    expect(await page.locator('.record-sheet').count()).toBe(1);

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.staff-nav').isVisible()).toBe(false);
    expect(await row.isVisible()).toBe(true);
    expect(await sheet.locator('.signatures').textContent()).toContain('联络员签字');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.byteLength).toBeGreaterThan(1000);
  });

  test('the list, the form and the printed form pass axe', async () => {
    const page = await session.newPage();
    await signInAs(page, 'qinglian');
    for (const path of ['/staff/records', '/staff/records/new', '/staff/records/print', '/en/staff/records/new']) {
      await page.goto(`${baseURL()}${path}`);
      expect(await axeViolations(page), path).toEqual([]);
    }
  });
});

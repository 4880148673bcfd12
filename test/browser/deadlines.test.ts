// Deadlines in a real Chromium with the demo data: the demo case past its time limit on the query
// page, and the admin's warning that the calendar lacks a year, both accessible and fitting a phone.
import { describe, expect, test } from 'vitest';
import { missingCalendarYear, workingDaysBetween } from '../../core/clock.ts';
import { DEMO_STAFF } from '../../worker/demo/cases.ts';
import { axeViolations, browserSession, overflowing } from './support.ts';

const session = browserSession({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 });

describe('the demo case past its time limit', () => {
  // DEM0-CASE-0000-0003 was due by the end of 26 November 2026.
  const days = workingDaysBetween(new Date('2026-11-26T15:59:59Z'), new Date());

  test.each([
    ['', `现已超期${days}个工作日`, '请镇里接手办理'],
    ['/en', `it is now ${days} working day${days === 1 ? '' : 's'} overdue`, 'Ask the town to take the case over'],
  ])('says so on the query page (%s), with where to turn, accessibly and within 360 px', async (prefix, overdue, takeOver) => {
    const page = await session.newPage();
    await page.goto(`${prefix}/track`);
    await page.locator('input#code').fill('DEM0-CASE-0000-0003');
    await page.locator('form.track-form button[type="submit"]').click();
    const block = page.locator('#case-overdue');
    await block.waitFor({ state: 'visible' });
    const text = (await block.textContent()) ?? '';
    expect(text).toContain(overdue);
    expect(text).toContain(takeOver);
    expect(text).toContain('0731-55550110');
    expect(await page.locator('#case-status + .flag-overdue').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflowing(page)).toEqual([]);
  });
});

describe('the admin’s calendar warning', () => {
  const missing = missingCalendarYear(new Date());

  test('shows on the console while the calendar lacks a year, accessibly and within 360 px', async () => {
    const page = await session.newPage();
    await page.goto('/staff/sign-in');
    await page.fill('#username', 'admin');
    await page.fill('#password', DEMO_STAFF.find((s) => s.username === 'admin')!.password);
    await page.click('main form button[type=submit]');
    await page.waitForURL(/\/staff\/cases$/);
    const warning = page.locator('#calendar-warning');
    if (!missing) {
      expect(await warning.count()).toBe(0);
      return;
    }
    expect(await warning.textContent()).toContain(`${missing.year}年的法定节假日和调休安排还没有录入`);
    await page.goto('/staff/password');
    expect(await warning.count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflowing(page)).toEqual([]);
  });
});

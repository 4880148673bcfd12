// What an officer and town staff meet on the console's case page, in a real Chromium as the officer.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { DEMO_STAFF } from '../../worker/demo/cases.ts';
import { baseURL, browserSession } from './support.ts';

const session = browserSession();

async function signIn(page: Page, username: string) {
  await page.goto(`${baseURL()}/staff/sign-in`);
  await page.fill('#username', username);
  await page.fill('#password', DEMO_STAFF.find((s) => s.username === username)!.password);
  await page.click('main form button[type=submit]');
  await page.waitForURL(/\/staff\/cases$/);
}

describe('the case page as the village officer reads it', () => {
  test('the 申请回避 heading sits on the line of its disclosure triangle, not below a bare ▶', async () => {
    const page = await session.newPage({ viewport: { width: 360, height: 740 } });
    await signIn(page, 'qinglian');
    await page.goto(`${baseURL()}/staff/cases/CL-2026-000001`);
    const summary = (await page.locator('#conflict summary').boundingBox())!;
    const heading = (await page.locator('#conflict-title').boundingBox())!;
    expect(await page.locator('#conflict-title').textContent()).toContain('申请回避');
    // One line: the heading starts at the top of the summary, right of the triangle.
    expect(heading.y - summary.y).toBeLessThan(heading.height / 2);
    expect(heading.x).toBeGreaterThan(summary.x);
  });
});

// The statistics page in a real Chromium: the baked figures without JavaScript, the latest with it.
import { describe, expect, test } from 'vitest';
import { baseURL, browserSession } from './support.ts';

const session = browserSession();

describe('the statistics page', () => {
  test('shows the latest snapshot from the worker, with the town, village and month tables', async () => {
    const page = await session.newPage();
    await page.goto(`${baseURL()}/stats/`);
    await page.waitForSelector('#stats-villages');
    const villages = (await page.locator('#stats-villages').textContent()) ?? '';
    expect(villages).toContain('清廉村（示例·示范村）');
    expect(villages).toContain('按时受理率');
    expect(await page.locator('#stats-town').textContent()).toMatch(/收到/);
    expect(await page.locator('.stats-chart svg').count()).toBe(1);
    expect(await page.locator('[data-built-at]').getAttribute('data-built-at')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  test('without JavaScript shows what was baked in at build time and says when', async () => {
    const page = await session.newPage({ javaScriptEnabled: false });
    await page.goto(`${baseURL()}/en/stats/`);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toMatch(/This page was built at/);
    expect(main.includes('Figures as of') || main.includes('No statistics yet.')).toBe(true);
  });

  test('each village page shows its own figures', async () => {
    const page = await session.newPage();
    await page.goto(`${baseURL()}/villages/qinglian/`);
    await page.waitForSelector('#stats-village');
    expect(await page.locator('#stats-village').textContent()).toContain('清廉村（示例·示范村）');
    expect(await page.locator('#stats-village tbody tr').count()).toBe(1);
  });
});

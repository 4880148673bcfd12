// The statistics page in a real Chromium: the release baked in without JavaScript, the latest
// release with it, and what is not released yet marked as such.
import { describe, expect, test } from 'vitest';
import { baseURL, browserSession } from './support.ts';

const session = browserSession();

describe('the statistics page', () => {
  test('shows the latest release, what it covers and when the next one is due, month by month', async () => {
    const page = await session.newPage();
    await page.goto(`${baseURL()}/stats/`);
    await page.waitForSelector('#stats-villages');
    const release = (await page.locator('.stats-release').textContent()) ?? '';
    expect(release).toMatch(/^统计截至\d{4}年\d{1,2}月\d{1,2}日；下次更新：\d{4}年\d{1,2}月\d{1,2}日。$/);
    const villages = (await page.locator('#stats-villages').textContent()) ?? '';
    expect(villages).toContain('清廉村（示例·示范村）');
    expect(villages).toContain('按时受理率');
    // Every month since the demo's first case (July), then this month, not released yet.
    const months = await page.locator('#stats-months tbody th').allTextContents();
    expect(months[0]).toBe('2026年7月');
    expect(await page.locator('#stats-months tr.stat-pending').textContent()).toContain('尚未发布');
    expect(await page.locator('.stats-chart svg').count()).toBe(1);
    expect(await page.locator('.stats-open').textContent()).toMatch(/全镇办理中/);
    // No time of day anywhere in the figures.
    expect((await page.locator('main').textContent()) ?? '').not.toMatch(/\d{1,2}:\d{2}/);
  });

  test('without JavaScript shows the release baked in at build time and says so', async () => {
    const page = await session.newPage({ javaScriptEnabled: false });
    await page.goto(`${baseURL()}/en/stats/`);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('This page is rebuilt with the site');
    // The release exported before the build (npm start, deploy), or, for a build without one (the tests'), none.
    expect(/Figures up to \d{1,2} [A-Z][a-z]+ \d{4}; next update: /.test(main) || main.includes('No statistics yet.')).toBe(true);
  });

  test('on a phone says the wide tables scroll sideways; on a desktop does not', async () => {
    const phone = await session.newPage({ viewport: { width: 360, height: 740 } });
    await phone.goto(`${baseURL()}/villages/qinglian/`);
    await phone.waitForSelector('#stats-village');
    expect(await phone.locator('#figures ~ * .scroll-hint, section:has(#figures) .scroll-hint').first().isVisible()).toBe(true);
    const desktop = await session.newPage({ viewport: { width: 1280, height: 800 } });
    await desktop.goto(`${baseURL()}/villages/qinglian/`);
    await desktop.waitForSelector('#stats-village');
    expect(await desktop.locator('section:has(#figures) .scroll-hint').first().isVisible()).toBe(false);
  });

  test('each village page shows its own figures, period by period', async () => {
    const page = await session.newPage();
    await page.goto(`${baseURL()}/villages/qinglian/`);
    await page.waitForSelector('#stats-village');
    expect(await page.locator('#stats-village caption').textContent()).toContain('清廉村（示例·示范村）');
    const rows = await page.locator('#stats-village tbody tr').count();
    expect(rows).toBeGreaterThan(2);
    expect(await page.locator('#stats-village tbody tr').last().textContent()).toContain('尚未发布');
  });
});

// What an officer and town staff meet on the console's case page, in a real Chromium as the officer.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { formatQueryCode, generateQueryCode } from '../../worker/cases/query-code.ts';
import { axeViolations, baseURL, browserSession, overflowing, signInAs } from './support.ts';

const session = browserSession();

describe('the case page as the village officer reads it', () => {
  test('the 申请回避 heading sits on the line of its disclosure triangle, not below a bare ▶', async () => {
    const page = await session.newPage({ viewport: { width: 360, height: 740 } });
    await signInAs(page, 'qinglian');
    await page.goto(`${baseURL()}/staff/cases/CL-2026-000001`);
    const summary = (await page.locator('#conflict summary').boundingBox())!;
    const heading = (await page.locator('#conflict-title').boundingBox())!;
    expect(await page.locator('#conflict-title').textContent()).toContain('申请回避');
    // One line: the heading starts at the top of the summary, right of the triangle.
    expect(heading.y - summary.y).toBeLessThan(heading.height / 2);
    expect(heading.x).toBeGreaterThan(summary.x);
  });
});

describe('the queue as town staff filter it', () => {
  test('village, category, clock and words narrow the list, stay in the address and in the form, accessibly within 360 px', async () => {
    const page = await session.newPage({ viewport: { width: 360, height: 740 } });
    await signInAs(page, 'handler');
    await page.selectOption('#show', 'all');
    await page.selectOption('#filter-village', 'qinglian');
    await page.selectOption('#filter-category', 'demand');
    await page.fill('#filter-q', '路灯');
    await page.click('form.filter-form button[type=submit]');
    await page.waitForURL(/village=qinglian/);
    const url = new URL(page.url());
    expect(url.searchParams.get('category')).toBe('demand');
    expect(url.searchParams.get('q')).toBe('路灯');
    const items = page.locator('#queue-all .queue-item');
    expect(await items.evaluateAll((list) => list.map((li) => li.getAttribute('data-case')))).toContain('CL-2026-000001');
    for (const text of await items.allTextContents()) {
      expect(text).toContain('路灯');
      expect(text).toContain('清廉村');
    }
    expect(await page.inputValue('#filter-q')).toBe('路灯');
    expect(await page.inputValue('#filter-village')).toBe('qinglian');
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflowing(page)).toEqual([]);

    // A closed case runs against no clock: "overdue" leaves it out.
    await page.selectOption('#filter-clock', 'overdue');
    await page.click('form.filter-form button[type=submit]');
    await page.waitForURL(/clock=overdue/);
    expect(await page.locator('[data-case="CL-2026-000001"]').count()).toBe(0);
  });

  // Whatever a staff member types in the search box goes in a POST's body: a resident's query code
  // typed there is in no address the browser visits or keeps, with JavaScript or without.
  for (const javaScriptEnabled of [true, false]) {
    test(`a query code typed in the search box is in no URL the browser visits, and the page says it was dropped (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const page = await session.newPage({ viewport: { width: 360, height: 740 }, javaScriptEnabled });
      const visited: string[] = [];
      page.on('request', (request) => visited.push(request.url()));
      await signInAs(page, 'handler');
      const code = formatQueryCode(generateQueryCode());
      await page.selectOption('#filter-village', 'qinglian');
      await page.fill('#filter-q', code);
      await page.click('form.filter-form button[type=submit]');
      await page.waitForURL(/codeTyped=1/);
      const bare = code.replace(/-/g, '');
      expect(visited.filter((url) => url.includes(code) || url.includes(bare) || url.includes(encodeURIComponent(code)))).toEqual([]);
      expect(new URL(page.url()).searchParams.get('village')).toBe('qinglian');
      expect(await page.locator('.notice-error').textContent()).toContain('查询码不能用于工作台的搜索');
      expect(await page.inputValue('#filter-q')).toBe('');
      expect(await page.content()).not.toContain(code);
    });
  }

  test('a village officer has no village to choose', async () => {
    const page = await session.newPage({ viewport: { width: 360, height: 740 } });
    await signInAs(page, 'qinglian');
    expect(await page.locator('#filter-village').count()).toBe(0);
    expect(await page.locator('#filter-category').count()).toBe(1);
  });
});

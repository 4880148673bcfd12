// The console's pages as a phone and a printer show them: nothing sticks out of a 360 px screen in
// either language, headings stay readable, the accounts form's boxes are one width, and the
// printed record form keeps its columns to a line in one type size.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { axeViolations, baseURL, browserSession, overflowing, signInAs } from './support.ts';

const session = browserSession({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 });

async function signedIn(username: string): Promise<Page> {
  const page = await session.newPage();
  await signInAs(page, username);
  return page;
}

/** How many lines each element matching `selector` takes (its text's distinct line boxes). */
function linesOf(page: Page, selector: string): Promise<number[]> {
  return page.$$eval(selector, (elements) =>
    elements.map((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
    }),
  );
}

describe('the console on a phone', () => {
  test.each(['/staff/records', '/en/staff/records', '/staff/accounts', '/en/staff/accounts', '/staff/cases/new', '/en/staff/cases/new', '/en/staff/rhythm', '/staff/publishing/regulations', '/staff/publishing/regulations/new', '/en/staff/publishing/regulations/new'])(
    '%s fits a 360 px wide screen',
    async (path) => {
      const page = await signedIn('admin');
      await page.goto(`${baseURL()}${path}`);
      expect(await overflowing(page)).toEqual([]);
      await page.close();
    },
  );

  test('the weekly sheet’s headings keep their words whole on a phone, in both languages', async () => {
    const page = await signedIn('admin');
    for (const prefix of ['', '/en']) {
      await page.goto(`${baseURL()}${prefix}/staff/rhythm`);
      await page.click(`a[href^="${prefix}/staff/rhythm/weeks/"]`);
      await page.waitForURL(/\/staff\/rhythm\/weeks\//);
      expect(await overflowing(page)).toEqual([]);
      const lines = await linesOf(page, '#weekly-sheet thead th');
      expect(lines.length).toBe(8);
      // Chinese headings keep their words whole (two lines at most); English ones wrap between words.
      expect(Math.max(...lines), `${prefix} ${lines.join(',')}`).toBeLessThanOrEqual(prefix === '' ? 2 : 4);
      // The villages' names break at their punctuation only (清廉村 / （示例· / 示范村）), not a character a line.
      if (prefix === '') expect(Math.max(...(await linesOf(page, '#weekly-sheet tbody th')))).toBeLessThanOrEqual(3);
    }
    await page.close();
  });

  test.each(['/staff/accounts', '/en/staff/accounts', '/staff/cases/new', '/staff/publishing/regulations', '/staff/publishing/regulations/new', '/en/staff/publishing/regulations/new'])('%s passes axe on a phone and on a desktop', async (path) => {
    const page = await signedIn('admin');
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${baseURL()}${path}`);
      expect(await axeViolations(page), `${path} at ${width}px`).toEqual([]);
    }
    await page.close();
  });

  test('the new account’s password box is as wide as its other boxes', async () => {
    const page = await signedIn('admin');
    await page.goto(`${baseURL()}/staff/accounts`);
    const width = (selector: string) => page.locator(selector).evaluate((el) => el.getBoundingClientRect().width);
    expect(await width('#password')).toBe(await width('#username'));
    expect(await width('#password')).toBe(await width('#role'));
    await page.close();
  });
});

describe('the printed record form', () => {
  test('keeps each focus on one line, the review in the table’s type size, across an A4 sheet', async () => {
    const page = await signedIn('admin');
    // The width an A4 sheet across leaves inside its margins (297 mm − 2 × 12 mm, at 96 dpi).
    await page.setViewportSize({ width: 1032, height: 740 });
    await page.goto(`${baseURL()}/staff/records/print`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.record-sheet').first().evaluate((el) => getComputedStyle(el).getPropertyValue('page'))).toBe('record-form');
    const focus = await linesOf(page, '.record-focus');
    expect(focus.length).toBeGreaterThan(0);
    expect(Math.max(...focus)).toBe(1);
    const sizes = await page.$$eval('.record-table tbody tr', (rows) =>
      rows.flatMap((row) =>
        [...row.querySelectorAll('.review-comment, .flag')].map((el) => [getComputedStyle(el).fontSize, getComputedStyle(row.querySelector('td')!).fontSize]),
      ),
    );
    expect(sizes.some(([, cell]) => cell === '12px')).toBe(true); // 9pt
    for (const [size, cell] of sizes) expect(size).toBe(cell);
    await page.close();
  });
});

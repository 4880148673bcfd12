/**
 * Every page template of the portal, in both languages, in a real Chromium: axe-core finds no
 * accessibility violation, and at 360 px wide nothing sticks out sideways (a screenshot of each
 * is kept in test-results/screenshots/ for a look).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { axeViolations, browserSession, overflowing } from './support.ts';

/** One page per template; the search page with a query, so its results are checked too. */
const TEMPLATES: [name: string, path: string][] = [
  ['home', '/'],
  ['regulations', '/regulations/'],
  ['regulations-filtered', '/regulations/filter/in-force/working-rules/'],
  ['regulation', '/regulations/clean-village-opinions-2023/'],
  ['regulation-repealed', '/regulations/village-cadre-assessment-2019/'],
  ['villages', '/villages/'],
  ['village', '/villages/dongling/'],
  ['disclosures', '/disclosures/'],
  ['disclosure', '/disclosures/qinglian/2026-10-finances/'],
  ['disclosure-event', '/disclosures/xiling/2026-08-20-decisions/'],
  ['process', '/process/'],
  ['privacy', '/privacy/'],
  ['search', '/search/?q=%E8%81%94%E7%BB%9C%E7%AB%99'],
  ['stats', '/stats/'],
  ['outcomes', '/outcomes'],
  ['outcome', '/outcomes/CL-2026-000001'],
  ['mailbox', '/mailbox'],
  ['track', '/track'],
  ['staff-sign-in', '/staff/sign-in'],
  ['not-found', '/no-such-page/'],
];
const PAGES = TEMPLATES.flatMap(([name, path]) => [
  [name, path],
  [`${name}-en`, `/en${path.replace(/\?q=.*$/, '?q=liaison')}`],
]) as [string, string][];

const SHOTS = join(import.meta.dirname, '../../test-results/screenshots');
const session = browserSession({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 });

beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
});

async function open(path: string) {
  const page = await session.newPage();
  await page.goto(path);
  if (path.includes('/search/')) await page.locator('#search-results li').first().waitFor();
  return page;
}

describe('every page template', () => {
  test.each(PAGES)('%s (%s) has no accessibility violations', async (_name, path) => {
    const page = await open(path);
    const violations = await axeViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await page.close();
  });

  test.each(PAGES)('%s (%s) fits a 360 px wide screen', async (name, path) => {
    const page = await open(path);
    expect(await page.evaluate(() => window.innerWidth)).toBe(360);
    await page.screenshot({ path: join(SHOTS, `${name}-360.png`), fullPage: true });
    expect(await overflowing(page)).toEqual([]);
    await page.close();
  });
});

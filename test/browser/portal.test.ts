/**
 * The public portal in a real Chromium, served by `wrangler dev` as in production: a resident
 * finds their way in both languages, switches language without losing the page, searches in
 * Chinese, uses the keyboard alone, and prints a regulation.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { browserSession } from './support.ts';

const { newPage } = browserSession({ locale: 'zh-CN' });

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
const path = (page: Page) => new URL(page.url()).pathname;

/** Follows a link by its visible text, as a person would, and waits for the next page. */
async function follow(page: Page, scope: string, name: string | RegExp): Promise<void> {
  const link = page.locator(scope).getByRole('link', { name, exact: typeof name === 'string' }).first();
  await Promise.all([page.waitForEvent('framenavigated'), link.click()]);
  await page.waitForLoadState();
}

describe('the portal in a browser', () => {
  test('a resident finds a regulation, their village and its finances, in Chinese', async () => {
    const page = await newPage();
    await page.goto('/');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');

    await follow(page, 'header nav', '制度文件');
    expect(path(page)).toBe('/regulations/');
    await follow(page, 'main', '长岭镇农村干部管理规定（示例文本）');
    expect(path(page)).toBe('/regulations/rural-cadre-management/');
    expect(await text(page, '#status')).toContain('现行有效');
    expect(await text(page, 'dl.facts')).toContain('长岭发〔2021〕14号');

    await follow(page, 'header nav', '各村');
    await follow(page, 'main', '清廉村（示例·示范村）');
    expect(path(page)).toBe('/villages/qinglian/');
    expect(await text(page, 'h1')).toContain('清廉村（示例·示范村）');
    expect(await page.locator('ol.focuses li').count()).toBe(3);

    await follow(page, 'ul.schedule', '2026年10月');
    expect(path(page)).toBe('/disclosures/qinglian/2026-10-finances/');
    expect(await text(page, 'table caption')).toBe('收入');
    expect(await text(page, 'table tfoot')).toMatch(/^合计\s*[\d,]+\.\d\d$/);
  });

  test('the same journey in English, under /en/', async () => {
    const page = await newPage({ locale: 'en-GB' });
    await page.goto('/en/');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await follow(page, 'header nav', 'Regulations');
    await follow(page, 'main', /Regulations of Changling Town on the Management of Rural Cadres/);
    expect(path(page)).toBe('/en/regulations/rural-cadre-management/');
    expect(await text(page, '#status')).toContain('In force');
    await follow(page, 'header nav', 'Village affairs');
    expect(path(page)).toBe('/en/disclosures/');
    await follow(page, 'main section:has(#v-dongling)', /Subsidies and relief funds, Q3 2026/);
    expect(path(page)).toBe('/en/disclosures/dongling/2026-q3-subsidies/');
    expect(await text(page, 'dl.facts')).toContain('Published late (due by 10 October 2026)');
  });

  test('the language switcher keeps the page', async () => {
    const page = await newPage();
    await page.goto('/villages/dongling/');
    await follow(page, 'header nav', 'English');
    expect(path(page)).toBe('/en/villages/dongling/');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await text(page, 'h1')).toBe('Dongling Village (sample)');
    await follow(page, 'header nav', '中文');
    expect(path(page)).toBe('/villages/dongling/');
    expect(await text(page, 'h1')).toBe('东岭村（示例）');
  });

  test('filtering the regulations by status needs no JavaScript', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await page.goto('/regulations/');
    await follow(page, 'main .filters', /^已废止/);
    expect(path(page)).toBe('/regulations/filter/repealed/all/');
    const titles = await page.locator('main .doc-list li > a').allTextContents();
    expect(titles).toEqual(['长岭镇村干部年度考核办法（示例文本）']);
    await follow(page, 'main .doc-list', '长岭镇村干部年度考核办法（示例文本）');
    expect(await text(page, '#status')).toContain('本文件已废止');
    expect(await text(page, '.regulation-text')).toContain('考核对象');
  });

  test('search finds a regulation by a Chinese word, from the search box in the header, without JavaScript', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await page.goto('/');
    await page.locator('header input[name="q"]').fill('述职');
    await Promise.all([page.waitForURL((url) => url.pathname === '/search/'), page.locator('header input[name="q"]').press('Enter')]);
    await page.locator('#search-results li').first().waitFor();
    expect(await page.locator('#q').inputValue()).toBe('述职');
    expect(await text(page, '#search-status')).toMatch(/^找到 \d+ 条与“述职”相关的结果。$/);
    const first = page.locator('#search-results li a').first();
    expect(await first.getAttribute('href')).toBe('/regulations/rural-cadre-management/');
    const excerpt = page.locator('#search-results li p').first();
    expect(await excerpt.textContent()).toContain('述职');
    expect(await excerpt.locator('mark').allTextContents()).toEqual(expect.arrayContaining(['述职']));
    await Promise.all([page.waitForURL('**/regulations/rural-cadre-management/'), first.click()]);
  });

  test('a query code pasted into the header’s search box reaches no address: the page says where a code goes', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    const visited: string[] = [];
    page.on('request', (r) => void visited.push(r.url()));
    await page.goto('/');
    await page.locator('header input[name="q"]').fill('查询码 473K-R3F9-AS9M-2N0D');
    await Promise.all([page.waitForURL((url) => url.pathname === '/search/'), page.locator('header input[name="q"]').press('Enter')]);
    expect(await text(page, '#search-code-typed')).toContain('查询码不能用来搜索本站');
    expect(await page.locator('#q').inputValue()).toBe('');
    expect(visited.filter((u) => /473K|R3F9|2N0D/i.test(decodeURIComponent(u)))).toEqual([]);
    expect(await page.content()).not.toMatch(/473K|R3F9|AS9M|2N0D/);
  });

  test('search in English finds English pages only, and says when nothing matches', async () => {
    const page = await newPage({ locale: 'en-GB' });
    await page.goto('/en/search/?q=cadre');
    await page.locator('#search-results li').first().waitFor();
    const links = await page.locator('#search-results li a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link).toMatch(/^\/en\//);
    await page.locator('#q').fill('zzyzx');
    await page.locator('#q').press('Enter');
    await page.locator('#search-status', { hasText: 'Nothing found for “zzyzx”.' }).waitFor();
    expect(await page.locator('#search-results li').count()).toBe(0);
    expect(new URL(page.url()).search).toBe('?q=zzyzx');
  });

  // Search is the worker's (no JavaScript): the regulations from D1, and the disclosures, the
  // villages' pages, 办理流程 and privacy from the text the build writes (dist/data/search-pages.json).
  test('search finds disclosures by the words people use, and its snippets keep labels apart', async () => {
    const page = await newPage({ locale: 'en-GB', javaScriptEnabled: false });
    for (const word of ['finance', 'financial']) {
      await page.goto(`/en/search/?q=${word}`);
      await page.locator('#search-results li').first().waitFor();
      const links = await page.locator('#search-results li a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(links.some((l) => /^\/en\/disclosures\/[a-z]+\/\d{4}-\d{2}-finances\/$/.test(l ?? '')), word).toBe(true);
    }
    const zh = await newPage({ javaScriptEnabled: false });
    for (const [word, kind] of [['财务', 'finances'], ['低保', 'subsidies'], ['补贴', 'subsidies']] as const) {
      await zh.goto(`/search/?q=${word}`);
      await zh.locator('#search-results li').first().waitFor();
      const hit = zh.locator('#search-results li', { has: zh.locator(`a[href$="-${kind}/"]`) }).first();
      expect(await hit.locator('a').getAttribute('href'), word).toMatch(new RegExp(`^/disclosures/[a-z]+/[^/]+-${kind}/$`));
      expect(await hit.locator('.snippet mark').allTextContents(), word).toContain(word);
    }
    await zh.goto('/search/?q=财务收支');
    await zh.locator('#search-results li').first().waitFor();
    const excerpts = await zh.locator('#search-results li p').allTextContents();
    expect(excerpts.join('\n')).not.toMatch(/（示例）公开内容财务收支/);
  });

  test('works by keyboard: skip link first, then the search box, results reached with Tab', async () => {
    const page = await newPage();
    await page.goto('/villages/');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到正文');
    await page.keyboard.press('Enter');
    expect(new URL(page.url()).hash).toBe('#main');

    await page.goto('/villages/');
    await page.keyboard.press('Tab'); // skip link
    await page.keyboard.press('Tab'); // brand
    await page.keyboard.press('Tab'); // English
    await page.keyboard.press('Tab'); // 关怀版
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search-q');
    await page.keyboard.type('联络员');
    await Promise.all([page.waitForURL((url) => url.pathname === '/search/'), page.keyboard.press('Enter')]);
    await page.locator('#search-results li').first().waitFor();
    for (let i = 0; i < 40 && !(await page.evaluate(() => !!document.activeElement?.closest('#search-results'))); i++) await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    expect(focused).toBe(await page.locator('#search-results li a').first().getAttribute('href'));
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe('solid');
  });

  test('a regulation and a disclosure print without the navigation, the tables whole', async () => {
    const page = await newPage();
    await page.goto('/regulations/clean-village-opinions-2023/');
    await page.emulateMedia({ media: 'print' });
    for (const nav of await page.locator('header nav').all()) expect(await nav.isVisible()).toBe(false); // the links and the language
    expect(await page.locator('header .elder-switch').isVisible()).toBe(false);
    expect(await page.locator('header .site-search').isVisible()).toBe(false);
    expect(await page.locator('footer').isVisible()).toBe(false);
    expect(await page.locator('#status').isVisible()).toBe(true);
    expect(await page.locator('.sample-notice').isVisible()).toBe(true);
    expect(await page.locator('.regulation-text .prose').isVisible()).toBe(true);
    const attachment = await page.locator('a[type="application/pdf"]').evaluate((a) => getComputedStyle(a, '::after').content);
    expect(attachment).toContain('files/clean-village-opinions-2023.pdf');

    await page.goto('/disclosures/qinglian/2026-10-finances/');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.table-wrap').first().evaluate((el) => getComputedStyle(el).overflowX)).toBe('visible');
    expect(await page.locator('tbody tr').first().evaluate((el) => getComputedStyle(el).breakInside)).toBe('avoid');
    expect((await page.pdf({ format: 'A4' })).subarray(0, 5).toString()).toBe('%PDF-');
  });

  test('a missing page answers 404 in the language of its address', async () => {
    const page = await newPage();
    const zh = await page.goto('/regulations/no-such-regulation/');
    expect(zh?.status()).toBe(404);
    expect(await text(page, 'h1')).toBe('页面不存在');
    const en = await page.goto('/en/regulations/no-such-regulation/');
    expect(en?.status()).toBe(404);
    expect(await text(page, 'h1')).toBe('Page not found');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });
});

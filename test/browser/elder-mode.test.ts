/**
 * The 关怀版 (elder mode) and the frame around every page, played by a reader of seventy on a
 * 360 × 740 phone and on a 1280 px desktop: the switch is found in the header, big and worded
 * 关怀版; it turns the whole site to large text with and without JavaScript and stays on from page
 * to page; with JavaScript it switches in place, so nothing typed into the mailbox is lost; axe
 * finds nothing in either mode; at 200 % zoom nothing needs sideways scrolling. Without JavaScript
 * it keeps what was typed into the mailbox and a case's follow-up, and the search's words. The
 * header takes at most a quarter of the phone's first screen, in Chinese and in English; the footer shows the site's information; an article
 * has 字号 and 打印本页.
 *
 * Run with SCREENSHOTS=1 to write the screenshots of docs/elder-mode.md (docs/img/elder-*.png).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, baseURL, browserSession, overflowing } from './support.ts';

const PHONE = { width: 360, height: 740 };
const session = browserSession({ viewport: PHONE, deviceScaleFactor: 1 });

const REGULATION = '/regulations/clean-village-opinions-2023/';
const KEY_PAGES: [name: string, path: string][] = [
  ['home', '/'],
  ['regulation', REGULATION],
  ['mailbox', '/mailbox'],
  ['track', '/track'],
];

const isElder = (page: Page) => page.evaluate(() => document.documentElement.classList.contains('elder'));
const switchButton = (page: Page) => page.locator('header form.elder-switch button.elder-button');
/** What the switch says as shown (the label of the other mode is not displayed). */
const label = async (page: Page) => (await switchButton(page).innerText()).replace(/\s+/g, '');

/** A page in elder mode from the start: the cookie the switch sets. */
async function elderPage(options: Parameters<typeof session.newPage>[0] = {}): Promise<Page> {
  const page = await session.newPage(options);
  await page.context().addCookies([{ name: 'qinglian-elder', value: '1', url: baseURL() }]);
  return page;
}

describe('the 关怀版 switch', () => {
  test('is in the header, worded 关怀版 / 长者模式, at least 48 px tall, and the first control after the name', async () => {
    const page = await session.newPage();
    await page.goto('/villages/');
    const button = switchButton(page);
    expect(await label(page)).toBe('关怀版长者模式');
    expect(await button.evaluate((b) => b.closest('header') !== null)).toBe(true);
    const box = (await button.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(48);
    expect(box.y + box.height).toBeLessThanOrEqual(70); // on the first line of the page
    await page.goto('/en/villages/');
    expect(await label(page)).toBe('LargetextEldermode');
  });

  test('with JavaScript turns the whole site to large text and keeps it from page to page', async () => {
    const page = await session.newPage();
    await page.goto('/mailbox');
    const standard = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    expect(standard).toBeLessThan(18);
    await switchButton(page).click();
    expect(await isElder(page)).toBe(true);
    expect(await label(page)).toBe('退出关怀版回到标准版');
    for (const path of ['/villages/', '/process/', REGULATION, '/mailbox', '/track', '/en/disclosures/']) {
      await page.goto(path);
      expect(await isElder(page), path).toBe(true);
      expect(await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize)), path).toBeGreaterThanOrEqual(20);
    }
    // A static page carries no script: there the switch is the plain form, and the page comes back in the other mode.
    await Promise.all([page.waitForEvent('framenavigated'), switchButton(page).click()]);
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toBe('/en/disclosures/');
    expect(await isElder(page)).toBe(false);
    await page.goto('/villages/');
    expect(await isElder(page)).toBe(false);
  });

  test('works without JavaScript: a plain form that comes back to the same page', async () => {
    const page = await session.newPage({ javaScriptEnabled: false });
    await page.goto('/villages/dongling/');
    await Promise.all([page.waitForURL('**/villages/dongling/'), switchButton(page).click()]);
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toBe('/villages/dongling/');
    expect(await isElder(page)).toBe(true);
    expect(await label(page)).toBe('退出关怀版回到标准版');
    await page.goto('/en/mailbox');
    expect(await isElder(page)).toBe(true);
    await Promise.all([page.waitForURL('**/en/mailbox'), switchButton(page).click()]);
    await page.waitForLoadState();
    expect(await isElder(page)).toBe(false);
    expect(new URL(page.url()).search).toBe('');
  });

  test('with JavaScript switches in place on the mailbox: what was typed stays, nothing reloads, nothing goes into the address', async () => {
    const page = await session.newPage();
    await page.goto('/mailbox');
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    await page.fill('#subject', '路灯坏了');
    await page.fill('#description', '村口的路灯坏了两个星期，晚上看不清路。');
    await switchButton(page).click();
    expect(await isElder(page)).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(await page.inputValue('#subject')).toBe('路灯坏了');
    expect(await page.inputValue('#description')).toBe('村口的路灯坏了两个星期，晚上看不清路。');
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/mailbox');
    // And on the query page, a code typed but not yet sent stays in its box.
    await page.goto('/track');
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    await page.fill('#code', 'ABCD-EFGH-JKMN-PQRS');
    await switchButton(page).click();
    expect(await isElder(page)).toBe(false);
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(await page.inputValue('#code')).toBe('ABCD-EFGH-JKMN-PQRS');
    expect(page.url()).not.toContain('ABCD');
  });
  test('with JavaScript on a closed case: a comment typed, the switch switches in place and the comment stays', async () => {
    const page = await session.newPage();
    await page.goto('/track');
    await page.locator('#code').fill('DEM0-CASE-0000-0001');
    await page.locator('main form button[type="submit"]').first().click();
    await page.locator('section.feedback textarea[name="comment"]').waitFor({ state: 'visible' });
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    await page.locator('section.feedback textarea[name="comment"]').fill('路灯修好了。');
    const shown = switchButton(page);
    await shown.click();
    expect(await isElder(page)).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(await page.locator('section.feedback textarea[name="comment"]').inputValue()).toBe('路灯修好了。');
    // And back, in place again: the button asks for the mode the page is not in.
    await shown.click();
    expect(await isElder(page)).toBe(false);
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  });
});

describe('the 关怀版 switch without JavaScript keeps what was typed', () => {
  const unique = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;
  /** Every address the page asked for or went to (nothing typed may be in one). */
  function addresses(page: Page): string[] {
    const urls: string[] = [];
    page.context().on('request', (request) => urls.push(request.url()));
    page.on('framenavigated', (frame) => urls.push(frame.url()));
    return urls;
  }
  const inNoAddress = (urls: string[], text: string) => expect(urls.filter((u) => decodeURIComponent(u).includes(text))).toEqual([]);

  test('on the mailbox: a resident of seventy types, switches, and finds every word still there', async () => {
    const page = await session.newPage({ javaScriptEnabled: false });
    const urls = addresses(page);
    await page.goto('/mailbox?village=dongling');
    const subject = unique('路灯坏了');
    const description = '村口的路灯坏了两个星期，晚上看不清路，老人出门不方便。';
    await page.locator('#mailbox-form input[name="category"][value="demand"]').check();
    await page.locator('input#subject').fill(subject);
    await page.locator('textarea#description').fill(description);
    await page.locator('input[name="identity"][value="named"]').check();
    await page.locator('input#name').fill('王秀英');
    await Promise.all([page.waitForURL('**/mailbox/elder-mode'), switchButton(page).click()]);
    await page.waitForLoadState();
    expect(await isElder(page)).toBe(true);
    expect(await label(page)).toBe('退出关怀版回到标准版');
    expect(await page.locator('select#village').inputValue()).toBe('dongling');
    expect(await page.locator('#mailbox-form input[name="category"][value="demand"]').isChecked()).toBe(true);
    expect(await page.inputValue('#subject')).toBe(subject);
    expect(await page.inputValue('#description')).toBe(description);
    expect(await page.inputValue('#name')).toBe('王秀英');
    expect(await page.locator('#elder-kept').innerText()).toContain('还没有提交');
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBeGreaterThanOrEqual(20);
    for (const text of [subject, '路灯坏了两个星期', '王秀英']) inNoAddress(urls, text);
    // Enter in a field sends the form itself, not the switch: still in 关怀版, the missing phone marked.
    await page.locator('input#subject').press('Enter');
    await page.locator('#error-summary').waitFor({ state: 'visible' });
    expect(new URL(page.url()).pathname).toBe('/mailbox');
    expect(await isElder(page)).toBe(true);
    expect(await page.inputValue('#subject')).toBe(subject);
    // And back to the standard page, from a page that answered the form: everything still there.
    await Promise.all([page.waitForURL('**/mailbox/elder-mode'), switchButton(page).click()]);
    await page.waitForLoadState();
    expect(await isElder(page)).toBe(false);
    expect(await page.inputValue('#description')).toBe(description);
  });

  test('on the mailbox: a reload after the switch (the form sent again) keeps 关怀版 and every word, both ways', async () => {
    const page = await session.newPage({ javaScriptEnabled: false });
    const sent: string[] = [];
    page.on('request', (request) => void (request.method() === 'POST' && sent.push(new URL(request.url()).pathname)));
    // Were the browser to ask before sending the form again, the resident says yes.
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto('/mailbox');
    const subject = unique('井盖松了');
    await page.locator('input#subject').fill(subject);
    await Promise.all([page.waitForURL('**/mailbox/elder-mode'), switchButton(page).click()]);
    await page.waitForLoadState();
    expect(await isElder(page)).toBe(true);
    for (const round of [1, 2]) {
      await page.reload();
      expect(sent, `reload ${round}`).toEqual(Array(1 + round).fill('/mailbox/elder-mode'));
      expect(await isElder(page), `reload ${round}`).toBe(true);
      expect(await label(page)).toBe('退出关怀版回到标准版');
      expect(await page.inputValue('#subject')).toBe(subject);
    }
    // Back to the standard page, and a reload there stays standard.
    await Promise.all([page.waitForResponse('**/mailbox/elder-mode'), switchButton(page).click()]);
    await page.waitForLoadState();
    expect(await isElder(page)).toBe(false);
    await page.reload();
    expect(sent).toHaveLength(5);
    expect(await isElder(page)).toBe(false);
    expect(await page.inputValue('#subject')).toBe(subject);
  });

  test('on a case page: the follow-up being written stays, and the query code goes into no address', async () => {
    const page = await session.newPage({ javaScriptEnabled: false });
    const urls = addresses(page);
    await page.goto('/en/mailbox');
    await page.locator('select#village').selectOption('qinglian');
    await page.locator('#mailbox-form input[name="category"][value="demand"]').check();
    await page.locator('input#subject').fill(unique('Ditch blocked'));
    await page.locator('textarea#description').fill('The ditch by the school has been blocked for a week and floods the road.');
    await page.locator('#mailbox-form button[type="submit"]').click();
    await page.locator('#query-code').waitFor({ state: 'visible' });
    const code = ((await page.locator('#query-code').textContent()) ?? '').trim();
    await page.goto('/en/track');
    await page.locator('#code').fill(code);
    await page.locator('main form button[type="submit"]').first().click();
    await page.locator('#followup-form').waitFor({ state: 'visible' });
    expect(await switchButton(page).isVisible()).toBe(true);
    const text = 'It is still blocked, and it rained again last night.';
    await page.locator('#followup-form textarea').fill(text);
    await Promise.all([page.waitForURL('**/en/track/elder-mode'), switchButton(page).click()]);
    await page.waitForLoadState();
    expect(await isElder(page)).toBe(true);
    expect(await page.locator('#followup-form textarea').inputValue()).toBe(text);
    expect((await page.content()).toUpperCase()).not.toContain(code.replace(/-/g, ''));
    expect(await page.content()).not.toContain(code);
    for (const t of [code, code.replace(/-/g, ''), text]) inNoAddress(urls, t);
  });

  test('on a closed case: the feedback comment being written stays, with its rating, across the switch and a reload', async () => {
    // The demo case (closed, not yet rated): looked up and switched, nothing is sent or stored.
    const code = 'DEM0-CASE-0000-0001';
    const page = await session.newPage({ javaScriptEnabled: false });
    const urls = addresses(page);
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto('/track');
    await page.locator('#code').fill(code);
    await page.locator('main form button[type="submit"]').first().click();
    await page.locator('section.feedback textarea[name="comment"]').waitFor({ state: 'visible' });
    const comment = '电工当天就来了，谢谢。';
    await page.locator('section.feedback input[name="rating"][value="basically_satisfied"]').check();
    await page.locator('section.feedback textarea[name="comment"]').fill(comment);
    await Promise.all([page.waitForURL('**/track/elder-mode'), switchButton(page).click()]);
    await page.waitForLoadState();
    for (const when of ['after the switch', 'after a reload']) {
      expect(await isElder(page), when).toBe(true);
      expect(await page.locator('section.feedback textarea[name="comment"]').inputValue(), when).toBe(comment);
      expect(await page.locator('section.feedback input[name="rating"][value="basically_satisfied"]').isChecked(), when).toBe(true);
      expect(await page.content()).not.toContain(code);
      if (when === 'after the switch') await page.reload();
    }
    for (const t of [code, code.replace(/-/g, ''), comment]) inNoAddress(urls, t);
  });

  test('on the search page: the same search comes back, its words in the address they came in', async () => {
    const page = await session.newPage({ javaScriptEnabled: false });
    await page.goto('/search/?q=%E8%B4%A2%E5%8A%A1');
    await Promise.all([page.waitForURL('**/search/?q=*'), switchButton(page).click()]);
    await page.waitForLoadState();
    expect(await isElder(page)).toBe(true);
    expect(new URL(page.url()).searchParams.get('q')).toBe('财务');
    expect(await page.inputValue('main input#q')).toBe('财务');
  });
});

describe('elder mode on the page', () => {
  test('large text, hints and dates no longer small grey, targets at least 48 px, nothing moves', async () => {
    const page = await elderPage();
    await page.goto('/mailbox');
    expect(await isElder(page)).toBe(true);
    const sizes = await page.evaluate(() => {
      const px = (sel: string) => parseFloat(getComputedStyle(document.querySelector(sel)!).fontSize);
      return { body: px('body'), h1: px('h1'), hint: px('.hint'), footer: px('.site-footer') };
    });
    expect(sizes.body).toBeGreaterThanOrEqual(20);
    expect(sizes.h1).toBeGreaterThan(sizes.body * 1.4);
    expect(sizes.hint).toBeGreaterThanOrEqual(18);
    expect(sizes.footer).toBeGreaterThanOrEqual(18);
    const hintColour = await page.evaluate(() => getComputedStyle(document.querySelector('.hint')!).color);
    expect(hintColour).toBe('rgb(29, 36, 48)');
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('header nav a, .site-footer a, button, input[type="text"], input[type="search"], textarea')]
        .filter((el) => (el as HTMLElement).offsetParent !== null)
        .map((el) => [el.textContent?.trim() || el.id, el.getBoundingClientRect().height] as const)
        .filter(([, h]) => h < 48),
    );
    expect(small).toEqual([]);
    await page.goto(REGULATION);
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.doc-meta, .facts dd, .timeline-head')!).fontSize))).toBeGreaterThanOrEqual(18);
    const moving = await page.evaluate(() => [...document.querySelectorAll('*')].filter((el) => ['fixed', 'sticky'].includes(getComputedStyle(el).position) || getComputedStyle(el).animationName !== 'none').length);
    expect(moving).toBe(0);
  });

  test.each(KEY_PAGES)('%s (%s) has no accessibility violations in either mode', async (_name, path) => {
    for (const elder of [false, true]) {
      const page = elder ? await elderPage() : await session.newPage();
      await page.goto(path);
      expect(await isElder(page)).toBe(elder);
      const violations = await axeViolations(page);
      expect(violations, `${elder ? 'elder' : 'standard'}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
      await page.goto(`/en${path}`);
      const en = await axeViolations(page);
      expect(en, `en ${elder ? 'elder' : 'standard'}: ${JSON.stringify(en, null, 2)}`).toEqual([]);
      await page.close();
    }
  });

  test.each(KEY_PAGES)('%s (%s) needs no sideways scrolling at 200 per cent zoom (360 CSS px) in elder mode', async (_name, path) => {
    // 200 % zoom of a 720 px window is a 360 CSS px layout with two device pixels to each.
    const page = await elderPage({ viewport: PHONE, deviceScaleFactor: 2 });
    for (const p of [path, `/en${path}`]) {
      await page.goto(p);
      expect(await page.evaluate(() => window.innerWidth)).toBe(360);
      expect(await overflowing(page), p).toEqual([]);
    }
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(path);
    expect(await overflowing(page), `${path} at 320 px`).toEqual([]);
  });
});

describe('the frame', () => {
  // Chinese, the portal's language, and English (a longer name, two lines of links) alike in a quarter,
  // with the language switch, 关怀版, search and the mailbox link all in it.
  // In 关怀版 too: the larger text and targets must not push the page's own content down.
  const HEADER_PAGES = ['/', '/villages/', REGULATION, '/mailbox', '/track', '/en/', '/en/villages/', '/en/mailbox', '/en/track', '/en/search/?q=village'];
  test.each(HEADER_PAGES.flatMap((path) => [[path, 'standard'], [path, 'elder']] as const))('the header of %s takes at most a quarter of a 360 × 740 first screen (%s)', async (path, mode) => {
    const page = mode === 'elder' ? await elderPage() : await session.newPage();
    await page.goto(path);
    expect(await isElder(page)).toBe(mode === 'elder');
    // Everything above the page's own content: the name, the switch, search, the links and the sample notice.
    const top = await page.evaluate(() => Math.max(...['header', '.sample-notice'].map((s) => document.querySelector(s)!.getBoundingClientRect().bottom)));
    expect(top, `${Math.round((top / 740) * 1000) / 10} %`).toBeLessThanOrEqual(740 * 0.25);
    const en = path.startsWith('/en/');
    const shown = [
      page.locator('header .language a'),
      switchButton(page),
      page.locator('header input[type="search"]'),
      page.locator('header nav a', { hasText: en ? 'Mass mailbox' : '群众信箱' }),
    ];
    for (const part of shown) {
      expect(await part.isVisible()).toBe(true);
      expect((await part.boundingBox())!.y + (await part.boundingBox())!.height).toBeLessThanOrEqual(top);
    }
    const search = page.locator('header input[type="search"]');
    expect(await search.getAttribute('placeholder')).toBeTruthy();
    expect(await search.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent)).toBe(path.startsWith('/en') ? 'Search this site' : '搜索本站');
  });

  test('the footer names who runs the site and leads to 我为政府网站找错; empty items are left out', async () => {
    const page = await session.newPage();
    await page.goto('/villages/');
    const info = await page.locator('.site-footer .site-info').innerText();
    expect(info).toContain('主办单位');
    expect(info).toContain('长岭镇人民政府（示例）');
    expect(info).toContain('联系我们');
    expect(info).toContain('0731-55550100');
    expect(info).not.toContain('ICP');
    expect(info).not.toContain('网站标识码');
    expect(info).not.toContain('公安机关备案号');
    await Promise.all([page.waitForURL('**/mailbox'), page.locator('.site-footer a', { hasText: '我为政府网站找错' }).click()]);
    await page.goto('/en/villages/');
    expect(await page.locator('.site-footer a', { hasText: 'Report an error on this site' }).getAttribute('href')).toBe('/en/mailbox');
  });

  test('an article has 字号 大 中 小 (without JavaScript too) and 打印本页, and prints without the header and navigation', async () => {
    const page = await session.newPage();
    await page.goto(REGULATION);
    const prose = page.locator('.regulation-text .prose');
    const size = () => prose.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const medium = await size();
    await page.locator('.article-tools label', { hasText: '大' }).click();
    expect(await size()).toBeGreaterThan(medium * 1.2);
    await page.locator('.article-tools label', { hasText: '小' }).click();
    expect(await size()).toBeLessThan(medium);
    expect(await page.locator('.article-tools .print-page').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    for (const part of ['header nav', '.header-nav', '.elder-switch', '.article-tools', 'footer']) expect(await page.locator(part).first().isVisible(), part).toBe(false);
    expect(await prose.isVisible()).toBe(true);

    const plain = await session.newPage({ javaScriptEnabled: false });
    await plain.goto('/process/');
    expect(await plain.locator('.article-tools .print-page').isVisible()).toBe(false);
    const before = await plain.locator('.reading .prose').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    await plain.locator('.article-tools label', { hasText: '大' }).click();
    expect(await plain.locator('.reading .prose').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThan(before * 1.2);
  });

  test('on a 1280 px desktop the town has its own band across the page and the page is wider than a phone column', async () => {
    const page = await session.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto('/');
    const band = await page.locator('.masthead').boundingBox();
    expect(band!.width).toBe(1280);
    expect(await page.locator('.masthead').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(158, 27, 27)');
    expect(await page.locator('.brand-name').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(30);
    expect((await page.locator('main').boundingBox())!.width).toBeGreaterThan(1000);
    expect(await overflowing(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    // The band in elder mode too: the town's name stays readable on it.
    const elder = await elderPage({ viewport: { width: 1280, height: 800 } });
    for (const path of ['/', REGULATION, '/mailbox']) {
      await elder.goto(path);
      expect(await isElder(elder)).toBe(true);
      expect(await axeViolations(elder), path).toEqual([]);
    }
  });
});

describe.runIf(process.env.SCREENSHOTS)('screenshots for docs/elder-mode.md', () => {
  test.each(KEY_PAGES)('%s', async (name, path) => {
    for (const width of [360, 1280]) {
      for (const elder of [false, true]) {
        const options = { viewport: { width, height: width === 360 ? 740 : 800 } };
        const page = elder ? await elderPage(options) : await session.newPage(options);
        await page.goto(path);
        await page.screenshot({ path: `docs/img/elder-${name}-${width}-${elder ? 'elder' : 'standard'}.png` });
        await page.close();
      }
    }
  });
});

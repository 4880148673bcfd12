/**
 * What a resident met between the receipt, the query page and the mailbox, played in Chromium
 * with and without JavaScript: going from the receipt to the case without losing the code or
 * putting it in an address, being asked about an anonymous text that names its writer, and the
 * mailbox opened from a village's page.
 */
import { randomUUID } from 'node:crypto';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { browserSession } from './support.ts';

const session = browserSession({ locale: 'zh-CN' });

async function newPage(options: BrowserContextOptions = {}): Promise<{ page: Page; urls: string[]; dialogs: string[]; posts: string[] }> {
  const page = await session.newPage(options);
  const urls: string[] = [];
  const dialogs: string[] = [];
  const posts: string[] = [];
  page.context().on('request', (request) => {
    urls.push(request.url());
    if (request.method() === 'POST') posts.push(new URL(request.url()).pathname);
  });
  page.on('framenavigated', (frame) => urls.push(frame.url()));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    void dialog.dismiss();
  });
  return { page, urls, dialogs, posts };
}

const unique = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;

async function fill(page: Page, description: string, subject = unique('路灯不亮')): Promise<void> {
  await page.locator('select#village').selectOption('qinglian');
  await page.locator('#mailbox-form input[name="category"][value="demand"]').check();
  await page.locator('input#subject').fill(subject);
  await page.locator('textarea#description').fill(description);
}

async function receipt(page: Page): Promise<string> {
  await page.locator('#mailbox-form button[type="submit"]').click();
  await page.locator('#query-code').waitFor({ state: 'visible' });
  return ((await page.locator('#query-code').textContent()) ?? '').trim();
}

function codeNowhere(code: string, haystack: string, where: string): void {
  const upper = haystack.toUpperCase();
  for (const spelling of [code, code.replace(/-/g, '')]) expect(upper.includes(spelling), `${where} holds the code`).toBe(false);
}

describe('from the receipt to the case', () => {
  test('with JavaScript: no "leave page?", the code in no address, and Back brings the receipt with its code', async () => {
    const { page, urls, dialogs } = await newPage();
    await page.goto('/mailbox');
    await fill(page, `村口到学校的路灯已经坏了一个星期。${unique('编号')}`);
    const code = await receipt(page);
    const caseNumber = ((await page.locator('#case-number').textContent()) ?? '').trim();

    await page.getByRole('button', { name: '去查询办理进度' }).click();
    await page.locator('#case-status').waitFor({ state: 'visible' });
    expect(dialogs).toEqual([]);
    expect(await page.locator('.case-number').first().textContent()).toBe(caseNumber);
    expect(new URL(page.url()).pathname).toBe('/track');
    codeNowhere(code, await page.content(), 'the case page');

    await page.goBack();
    await page.locator('#query-code').waitFor({ state: 'visible' });
    expect(((await page.locator('#query-code').textContent()) ?? '').trim()).toBe(code);
    expect(await page.locator('#mailbox-form').count()).toBe(0);
    // Forward again shows the case; leaving the receipt otherwise still asks first.
    await page.goForward();
    await page.locator('#case-status').waitFor({ state: 'visible' });
    expect(dialogs).toEqual([]);
    for (const url of urls) codeNowhere(code, url, url);
  });

  test('without JavaScript: the browser posts the code it holds; the case page neither shows it nor puts it in the address', async () => {
    const { page, urls } = await newPage({ javaScriptEnabled: false });
    await page.goto('/mailbox');
    await fill(page, `村口到学校的路灯已经坏了一个星期。${unique('编号')}`);
    const code = await receipt(page);
    await page.getByRole('button', { name: '去查询办理进度' }).click();
    await page.locator('#case-status').waitFor({ state: 'visible' });
    expect(new URL(page.url()).pathname).toBe('/track');
    codeNowhere(code, await page.content(), 'the case page');
    for (const url of urls) codeNowhere(code, url, url);
    // Back never shows an empty mailbox form where the code was.
    await page.goBack().catch(() => null);
    const subject = page.locator('#mailbox-form input#subject');
    if ((await subject.count()) > 0) expect(await subject.inputValue()).not.toBe('');
  });
});

describe('an anonymous text that names its writer', () => {
  const naming = () => `我叫王秀英，电话13812345678。村口到学校的路灯已经坏了一个星期。${unique('编号')}`;

  test('with JavaScript: asked before anything is sent; editing changes nothing for the resident; sending as it is sends it', async () => {
    const { page, posts } = await newPage();
    await page.goto('/mailbox');
    const text = naming();
    await fill(page, text);
    await page.locator('#mailbox-form button[type="submit"]').click();
    const box = page.locator('#anonymous-check');
    await box.waitFor({ state: 'visible' });
    expect(await box.textContent()).toContain('您选择了匿名，但内容里有电话号码/姓名，村里可能据此认出您。要删掉吗？');
    expect(await box.textContent()).toContain('13812345678');
    expect(await box.textContent()).toContain('王秀英');
    expect(posts.filter((p) => p === '/mailbox')).toEqual([]);

    await page.getByRole('button', { name: '返回修改' }).click();
    expect(await box.count()).toBe(0);
    expect(await page.locator('textarea#description').inputValue()).toBe(text);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('description');

    await page.locator('#mailbox-form button[type="submit"]').click();
    await box.waitFor({ state: 'visible' });
    await page.getByRole('button', { name: '不删，照原样匿名发送' }).click();
    await page.locator('#query-code').waitFor({ state: 'visible' });
    expect(posts.filter((p) => p === '/mailbox')).toHaveLength(1);
  });

  test('without JavaScript: the form comes back with the question and every field; ticking the box sends it', async () => {
    const { page } = await newPage({ javaScriptEnabled: false });
    await page.goto('/mailbox');
    const text = naming();
    const subject = unique('路灯不亮');
    await fill(page, text, subject);
    await page.locator('#mailbox-form button[type="submit"]').click();
    await page.locator('#anonymous-check').waitFor({ state: 'visible' });
    expect(await page.locator('#anonymous-check').textContent()).toContain('要删掉吗？');
    expect(await page.locator('textarea#description').inputValue()).toBe(text);
    expect(await page.locator('input#subject').inputValue()).toBe(subject);
    expect(await page.locator('select#village').inputValue()).toBe('qinglian');
    await page.getByLabel('不删，照原样匿名发送').check();
    await page.locator('#mailbox-form button[type="submit"]').click();
    await page.locator('#query-code').waitFor({ state: 'visible' });
  });

  test('a text that names nobody is sent at once', async () => {
    const { page } = await newPage();
    await page.goto('/mailbox');
    await fill(page, `村口到学校的路灯已经坏了一个星期。${unique('编号')}`);
    await receipt(page);
    expect(await page.locator('#anonymous-check').count()).toBe(0);
  });
});

describe('the mailbox from a village', () => {
  for (const javaScriptEnabled of [true, false]) {
    test(`the village page's 我要反映 and a disclosure's 对这项公开有疑问 choose that village (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const { page } = await newPage({ javaScriptEnabled });
      await page.goto('/villages/dongling/');
      await page.locator('main').getByRole('link', { name: '我要反映' }).click();
      await page.locator('#mailbox-form').waitFor({ state: 'visible' });
      expect(await page.locator('select#village').inputValue()).toBe('dongling');

      await page.goto('/disclosures/');
      const disclosure = page.locator('main a[href^="/disclosures/beishan/"]').first();
      await disclosure.click();
      await page.locator('main').getByRole('button', { name: '对这项公开有疑问' }).click();
      await page.locator('#mailbox-form').waitFor({ state: 'visible' });
      expect(await page.locator('select#village').inputValue()).toBe('beishan');
    });
  }
});

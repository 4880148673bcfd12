/**
 * The mass mailbox and the query page in a real Chromium, against the whole site served by
 * `wrangler dev` (see global-setup.ts): what a resident sees, with and without JavaScript.
 */
import { randomUUID } from 'node:crypto';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { baseURL, browserSession } from './support.ts';

/** Crockford base32 as the receipt shows it: four groups of four. */
const QUERY_CODE = /^[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){3}$/;
const CASE_NUMBER = /^CL-\d{4}-\d{6}$/;
const WAIT_MS = 15_000;

const session = browserSession({ locale: 'zh-CN' });

/** A fresh context (its own cookies and storage) with every URL it asks for recorded. */
async function newContext(options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page; urls: string[] }> {
  const page = await session.newPage(options);
  const context = page.context();
  context.setDefaultTimeout(WAIT_MS);
  const urls: string[] = [page.url()];
  context.on('request', (request) => urls.push(request.url()));
  page.on('framenavigated', (frame) => urls.push(frame.url()));
  return { context, page, urls };
}

/** Something no other test writes, so a page shows this test's case and no other. */
function unique(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

async function text(page: Page, selector: string): Promise<string> {
  const locator = page.locator(selector);
  await locator.first().waitFor({ state: 'visible' });
  return ((await locator.first().textContent()) ?? '').trim();
}

interface Typed {
  village: string;
  category: string;
  subject: string;
  description: string;
}

async function fillMailbox(page: Page, typed: Typed): Promise<void> {
  await page.locator('select#village').selectOption(typed.village);
  await page.locator(`#mailbox-form input[name="category"][value="${typed.category}"]`).check();
  await page.locator('input#subject').fill(typed.subject);
  await page.locator('textarea#description').fill(typed.description);
  // Anonymous is the preselected identity.
  expect(await page.locator('input[name="identity"][value="anonymous"]').isChecked()).toBe(true);
}

function submitButton(page: Page) {
  return page.locator('#mailbox-form button[type="submit"]');
}

/** Sends the filled form and reads the receipt. */
async function submitForReceipt(page: Page): Promise<{ code: string; caseNumber: string }> {
  await submitButton(page).click();
  const code = await text(page, '#query-code');
  const caseNumber = await text(page, '#case-number');
  return { code, caseNumber };
}

/** Opens /track and looks up `typedCode`; waits for the case or the notice. */
async function lookUp(page: Page, typedCode: string, prefix = ''): Promise<void> {
  await page.goto(`${prefix}/track`);
  await page.locator('input#code').fill(typedCode);
  const button = page.locator('form.track-form button[type="submit"]');
  expect((await button.textContent())?.trim()).toBe(prefix === '/en' ? 'Look up' : '查询');
  await button.click();
  await page.locator('#case-status, #track-notice').first().waitFor({ state: 'visible' });
}

function expectCodeNowhere(code: string, haystack: string, where: string): void {
  const grouped = code.toUpperCase();
  const ungrouped = grouped.replace(/-/g, '');
  const upper = haystack.toUpperCase();
  expect(upper.includes(grouped), `${where} contains the query code ${grouped}`).toBe(false);
  expect(upper.includes(ungrouped), `${where} contains the query code ${ungrouped}`).toBe(false);
  expect(upper.includes(grouped.replace(/-/g, ' ')), `${where} contains the query code with spaces`).toBe(false);
}

/** The whole resident journey: send, read the receipt, look the case up, add information. */
async function residentJourney(javaScriptEnabled: boolean): Promise<void> {
  const { page, urls } = await newContext({ javaScriptEnabled });
  const typed: Typed = {
    village: 'qinglian',
    category: 'demand',
    subject: unique('村口水管漏水'),
    description: `村口的自来水管已经漏水一个星期了，路面结冰很滑。${unique('编号')}`,
  };

  await page.goto('/mailbox');
  expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  expect((await submitButton(page).textContent())?.trim()).toBe('提交');
  await fillMailbox(page, typed);
  const sent = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/mailbox');
  const { code, caseNumber } = await submitForReceipt(page);
  // With JavaScript the script sends the form in the background; without it the browser posts it.
  expect((await sent).resourceType()).toBe(javaScriptEnabled ? 'fetch' : 'document');
  // With JavaScript it carries the proof of work its Web Worker solved for this form's id; without, none.
  const body = new URLSearchParams((await sent).postData() ?? '');
  if (javaScriptEnabled) expect(body.get('proof')).toContain(`.submission.${body.get('submissionId')}.`);
  else expect(body.has('proof')).toBe(false);

  // The receipt.
  expect(code).toMatch(QUERY_CODE);
  expect(caseNumber).toMatch(CASE_NUMBER);
  expect(await text(page, 'h1')).toBe('已收到您的反映');
  expect(await page.locator('.receipt .facts').textContent()).toContain(typed.subject);
  expectCodeNowhere(code, page.url(), 'the receipt page URL');

  // The query page: the code typed the way people do, lower-case with spaces.
  const typedCode = code.toLowerCase().replace(/-/g, ' ');
  await lookUp(page, typedCode);
  expectCodeNowhere(code, page.url(), 'the track page URL');
  expect(await page.locator('#track-notice').count()).toBe(0);
  expect(await text(page, '.case-number')).toBe(caseNumber);
  expect(await text(page, '#case-status')).toBe('已收到，等待受理');
  expect(await text(page, 'h2#case-title')).toBe(typed.subject);
  expect(await page.locator('.timeline').textContent()).toContain(typed.description);
  expectCodeNowhere(code, await page.content(), 'the track page HTML');

  // A follow-up.
  const followup = `补充：今天早上又有人在这里滑倒了。${unique('补充')}`;
  await page.locator('textarea#text').fill(followup);
  const add = page.locator('.followup button[type="submit"]');
  expect((await add.textContent())?.trim()).toBe('提交补充');
  await add.click();
  await page.locator('.notice-ok', { hasText: '补充信息已收到。' }).waitFor({ state: 'visible' });
  expect(await page.locator('.timeline').textContent()).toContain(followup);
  expect(await text(page, '.case-number')).toBe(caseNumber);
  expectCodeNowhere(code, page.url(), 'the follow-up page URL');
  expectCodeNowhere(code, await page.content(), 'the follow-up page HTML');

  // No address the browser asked for or showed carried the code.
  expect(urls.length).toBeGreaterThan(0);
  for (const url of urls) expectCodeNowhere(code, url, `the URL ${url}`);
}

describe('the mass mailbox in a browser', () => {
  test('"I have saved my code" takes the code off the page and clears what the tab kept', async () => {
    const { page } = await newContext();
    await page.goto('/mailbox');
    await fillMailbox(page, { village: 'nanhe', category: 'suggestion', subject: unique('公告栏'), description: `建议在村委会门口增设一块公告栏。${unique('编号')}` });
    const { code } = await submitForReceipt(page);
    await page.evaluate(() => sessionStorage.setItem('qinglian:mailbox-draft:/en/mailbox', '{"subject":"left over"}'));
    await page.locator('#code-saved').click();
    await page.waitForURL((url) => url.pathname === '/mailbox');
    await page.locator('#mailbox-form').waitFor({ state: 'visible' });
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('qinglian:')))).toEqual([]);
    expectCodeNowhere(code, await page.content(), 'the page after "I have saved my code"');
    expect(await page.locator('input#subject').inputValue()).toBe('');
    // The receipt left no history entry to come back to.
    await page.goBack().catch(() => null);
    expectCodeNowhere(code, await page.content(), 'the page one step back');
  });


  test('a resident fills the Chinese form, gets a code, and follows the case with it', async () => {
    await residentJourney(true);
  });

  test('the same journey works with JavaScript disabled', async () => {
    await residentJourney(false);
  });

  test('with JavaScript an empty form is answered inline, without a request', async () => {
    const { page } = await newContext();
    await page.goto('/mailbox');
    const start = page.url();
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() !== 'GET') posts.push(request.url());
    });

    await submitButton(page).click();
    await page.locator('#field-village .field-error').waitFor({ state: 'visible' });
    expect(await text(page, '#field-village .field-error')).toBe('请选择所在村。');
    expect(await text(page, '#field-description .field-error')).toBe('请填写具体情况。');
    expect(await page.locator('.field-error').count()).toBeGreaterThanOrEqual(4); // village, category, subject, description
    expect(await page.locator('#village').getAttribute('aria-invalid')).toBe('true');

    // Name and phone are asked for only once the resident chooses to give them.
    expect(await page.locator('input#phone').isVisible()).toBe(false);
    await page.locator('input[name="identity"][value="named"]').check();
    await page.locator('input#phone').waitFor({ state: 'visible' });
    expect(await page.locator('input#name').isVisible()).toBe(true);
    await page.locator('input[name="identity"][value="anonymous"]').check();
    await page.locator('input#phone').waitFor({ state: 'hidden' });

    await page.waitForTimeout(500);
    expect(posts).toEqual([]);
    expect(page.url()).toBe(start);
    expect(await page.locator('#query-code').count()).toBe(0);
    expect(await page.locator('#mailbox-form').count()).toBe(1);
  });

  test('without JavaScript the server answers a too-short description with the form, keeping what was typed', async () => {
    const { page } = await newContext({ javaScriptEnabled: false });
    await page.goto('/mailbox');
    const subject = unique('路灯');
    await fillMailbox(page, { village: 'dongling', category: 'suggestion', subject, description: '太短了' });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/mailbox'),
      submitButton(page).click(),
    ]);
    expect(response.status()).toBe(422);
    const error = await text(page, '#field-description .field-error');
    expect(error.startsWith('具体情况至少10个字')).toBe(true);
    expect(await page.locator('input#subject').inputValue()).toBe(subject);
    expect(await page.locator('textarea#description').inputValue()).toBe('太短了');
    expect(await page.locator('select#village').inputValue()).toBe('dongling');
    expect(await page.locator('#query-code').count()).toBe(0);
    expect(await page.locator('#error-summary').count()).toBe(1);
  });

  test('when the network drops, nothing typed is lost and a retry sends it once', async () => {
    const { context, page } = await newContext();
    await page.goto('/mailbox');
    const typed: Typed = {
      village: 'xiling',
      category: 'complaint',
      subject: unique('垃圾没人清运'),
      description: `西岭村垃圾点已经十天没有清运了，气味很大。${unique('断网')}`,
    };
    await fillMailbox(page, typed);
    const submissionId = await page.locator('input[name="submissionId"]').inputValue();
    const posts: string[] = [];
    const proofs: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.url());
      if (request.method() === 'POST') proofs.push(new URLSearchParams(request.postData() ?? '').get('proof') ?? '');
    });

    await context.setOffline(true);
    await submitButton(page).click();
    await page.locator('#offline').waitFor({ state: 'visible' });
    await page.locator('#retry').waitFor({ state: 'visible' });
    expect(await page.locator('#offline').textContent()).toContain('网络连接失败');
    expect(await page.locator('textarea#description').inputValue()).toBe(typed.description);
    expect(await page.locator('input#subject').inputValue()).toBe(typed.subject);
    expect(await page.locator('#query-code').count()).toBe(0);

    await context.setOffline(false);
    await page.locator('#retry').click();
    const code = await text(page, '#query-code');
    const caseNumber = await text(page, '#case-number');
    expect(code).toMatch(QUERY_CODE);
    expect(caseNumber).toMatch(CASE_NUMBER);
    expect(await text(page, 'h1')).toBe('已收到您的反映');
    // A proof pays for one request: the retry carried a new one, solved for the same submission id.
    expect(proofs.length).toBeGreaterThanOrEqual(2);
    expect(proofs.at(-1)).toContain(`.submission.${submissionId}.`);
    expect(proofs.at(-1)).not.toBe(proofs[0]);

    // The code opens exactly this one case, with the description once.
    await lookUp(page, code);
    expect(await text(page, '.case-number')).toBe(caseNumber);
    expect(await text(page, 'h2#case-title')).toBe(typed.subject);
    const timeline = (await page.locator('.timeline').textContent()) ?? '';
    expect(timeline.split(typed.description).length - 1).toBe(1);
    expect(await page.locator('.timeline > li').count()).toBe(1);

    // Sending the same submission again answers with the same receipt, not a second case.
    const again = await context.request.post('/mailbox', {
      headers: { Origin: baseURL() },
      form: { submissionId, ...typed, identity: 'anonymous' },
    });
    expect(again.status()).toBe(200);
    const html = await again.text();
    expect(html).toContain(caseNumber);
    expect(html).toContain(code);
  });

  test('each retry while still offline says so anew, and the notice stands apart from the send button', async () => {
    const { context, page } = await newContext();
    await page.goto('/mailbox');
    await fillMailbox(page, { village: 'xiling', category: 'suggestion', subject: unique('断网重试'), description: `建议在村委会门口安装一盏路灯。${unique('断网')}` });
    await context.setOffline(true);
    await submitButton(page).click();
    const notice = page.locator('#offline');
    await page.locator('#retry').waitFor({ state: 'visible' });
    expect(await notice.textContent()).toContain('网络连接失败');

    // The notice does not touch the send button below it.
    const box = (await notice.boundingBox())!;
    const button = (await submitButton(page).boundingBox())!;
    expect(button.y - (box.y + box.height)).toBeGreaterThanOrEqual(12);

    for (const attempt of [2, 3]) {
      await page.locator('#retry').click();
      await page.locator('#offline', { hasText: `已尝试 ${attempt} 次` }).waitFor({ state: 'visible' });
      expect(await notice.textContent()).toContain('仍然没有连上网络');
      // The retry button stays, usable and focused, for the next try.
      expect(await page.locator('#retry').isEnabled()).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('retry');
    }
    expect(await page.locator('#query-code').count()).toBe(0);

    await context.setOffline(false);
    await page.locator('#retry').click();
    expect(await text(page, '#query-code')).toMatch(QUERY_CODE);
  });

  test('the receipt shows copy and print only where they work: not without JavaScript', async () => {
    const { page } = await newContext({ javaScriptEnabled: false });
    await page.goto('/mailbox');
    await fillMailbox(page, { village: 'nanhe', category: 'demand', subject: unique('无脚本回执'), description: `村里的公交站牌被风吹倒了。${unique('编号')}` });
    await submitForReceipt(page);
    expect(await page.locator('#copy-code').isVisible()).toBe(false);
    expect(await page.locator('#print-receipt').isVisible()).toBe(false);
    // What works without a script is still there.
    expect(await page.locator('#code-saved').isVisible()).toBe(true);

    const scripted = await newContext();
    await scripted.page.goto('/mailbox');
    await fillMailbox(scripted.page, { village: 'nanhe', category: 'demand', subject: unique('有脚本回执'), description: `村里的公交站牌被风吹倒了。${unique('编号')}` });
    await submitForReceipt(scripted.page);
    expect(await scripted.page.locator('#copy-code').isVisible()).toBe(true);
    expect(await scripted.page.locator('#print-receipt').isVisible()).toBe(true);
  });

  test('leaving or reloading a receipt whose code is not saved asks first; "I have saved my code" and "去查询办理进度" do not', async () => {
    const { page } = await newContext();
    await page.goto('/mailbox');
    await fillMailbox(page, { village: 'qinglian', category: 'demand', subject: unique('刷新回执'), description: `村口的垃圾桶坏了，需要更换。${unique('编号')}` });
    const { code } = await submitForReceipt(page);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.dismiss();
    });
    await page.reload({ timeout: 3_000 }).catch(() => null);
    expect(dialogs).toEqual(['beforeunload']);
    // Staying on the page keeps the code.
    expect(await text(page, '#query-code')).toBe(code);
    await page.locator('header nav a[href="/regulations/"]').click({ timeout: 3_000 }).catch(() => null);
    await page.waitForTimeout(500);
    expect(dialogs).toEqual(['beforeunload', 'beforeunload']);
    expect(await text(page, '#query-code')).toBe(code);

    // The way on to the case carries the code without a prompt (test/browser/resident-defects.test.ts).
    await page.locator('#track-case-form button', { hasText: '去查询办理进度' }).click();
    await page.locator('#case-status').waitFor({ state: 'visible' });
    expect(dialogs).toHaveLength(2);
    await page.goBack();
    await page.locator('#code-saved').click();
    await page.waitForURL((url) => url.pathname === '/mailbox');
    await page.locator('#mailbox-form').waitFor({ state: 'visible' });
    expect(dialogs).toHaveLength(2);
  });

  test('the English mailbox speaks English and gives an English receipt', async () => {
    const { page } = await newContext({ locale: 'en-GB' });
    await page.goto('/en/mailbox');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect((await submitButton(page).textContent())?.trim()).toBe('Send');
    await fillMailbox(page, {
      village: 'nanhe',
      category: 'suggestion',
      subject: unique('Bus timetable'),
      description: `Please post the bus timetable at the village gate. ${unique('en')}`,
    });
    const { code, caseNumber } = await submitForReceipt(page);
    expect(code).toMatch(QUERY_CODE);
    expect(caseNumber).toMatch(CASE_NUMBER);
    expect(await text(page, 'h1')).toBe('We have received your submission');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });

  test('the language switcher on the mailbox leads to the English mailbox', async () => {
    const { page } = await newContext();
    await page.goto('/mailbox');
    const link = page.locator('header nav a', { hasText: /^\s*English\s*$/ });
    expect(await link.count()).toBe(1);
    expect(await link.getAttribute('href')).toBe('/en/mailbox');
    await link.click();
    await page.waitForURL((url) => url.pathname === '/en/mailbox');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect((await submitButton(page).textContent())?.trim()).toBe('Send');
  });

  test('the demo case opens with its code and shows what the staff wrote', async () => {
    const { page } = await newContext();
    await lookUp(page, 'DEM0-CASE-0000-0001');
    expect(await text(page, '.case-number')).toBe('CL-2026-000001');
    expect(await text(page, '#case-status')).toBe('已结案');
    expect(await text(page, 'h2#case-title')).toBe('（示例）村东路灯不亮');
    const timeline = (await page.locator('.timeline').textContent()) ?? '';
    expect(timeline).toContain('（示例）村电工当天更换了三盏路灯的灯泡，已恢复照明。感谢您的反映。');
    expect(timeline).toContain('（示例）您反映的问题已受理，联络员已联系村电工。');
    expect(page.url()).not.toContain('DEM0');
  });

  test('a wrong code is refused with a notice that does not echo it', async () => {
    const { page } = await newContext();
    const wrong = 'ZZZZ-9999-XXXX-7777'; // well-formed, but no case has it (and unlike the hint's example it appears nowhere)
    await lookUp(page, wrong);
    expect(await text(page, '#track-notice')).toBe('没有找到与这个查询码对应的反映。请核对后重新输入。');
    expect(await page.locator('#case-status').count()).toBe(0);
    expect(await page.locator('input#code').inputValue()).toBe('');
    expectCodeNowhere(wrong, await page.content(), 'the refusal page');
  });
});

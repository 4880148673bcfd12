/**
 * "对这项公开有疑问" in a real Chromium, with and without JavaScript: a resident reading a village
 * disclosure presses the button, finds the mailbox with the question's category and the village
 * chosen and the disclosure named, writes the question anonymously and reads the receipt.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { browserSession, signInAs } from './support.ts';

const QUERY_CODE = /^[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){3}$/;
const CASE_NUMBER = /^CL-\d{4}-\d{6}$/;
const session = browserSession({ locale: 'zh-CN' });

async function ask(javaScriptEnabled: boolean): Promise<{ code: string; caseNumber: string }> {
  const page = await session.newPage({ javaScriptEnabled });
  page.context().setDefaultTimeout(15_000);
  await page.goto('/disclosures/qinglian/2026-10-finances/');
  expect((await page.locator('h1').textContent())?.trim()).toMatch(/2026年10月 财务收支$/);
  await page.locator('#disclosure-question button').click();
  await page.waitForURL(/\/mailbox\?disclosure=qinglian-2026-10-finances$/);
  expect((await page.locator('#mailbox-about').textContent())?.replace(/\s+/g, ' ').trim()).toMatch(/^您的疑问针对这项村务公开：.*2026年10月 财务收支$/);
  // The question's category and the disclosure's village are chosen; anonymous is the preselected identity.
  expect(await page.locator('#mailbox-form input[name="category"][value="disclosure-question"]').isChecked()).toBe(true);
  expect(await page.locator('select#village').inputValue()).toBe('qinglian');
  expect(await page.locator('input[name="identity"][value="anonymous"]').isChecked()).toBe(true);
  const subject = `10月办公费是哪些开支-${randomUUID().slice(0, 8)}`;
  await page.locator('input#subject').fill(subject);
  await page.locator('textarea#description').fill('财务公开里10月办公费2737元，想知道具体买了什么，凭证能不能看。');
  const sent = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/mailbox');
  await page.locator('#mailbox-form button[type="submit"]').click();
  // Sent as multipart/form-data (the form may carry photos) or url-encoded: the disclosure travels either way.
  const posted = (await sent).postData() ?? '';
  const disclosure = /name="disclosure"\r\n\r\n([^\r]*)/.exec(posted)?.[1] ?? new URLSearchParams(posted).get('disclosure');
  expect(disclosure).toBe('qinglian-2026-10-finances');
  const code = ((await page.locator('#query-code').textContent()) ?? '').trim();
  const caseNumber = ((await page.locator('#case-number').textContent()) ?? '').trim();
  expect(code).toMatch(QUERY_CODE);
  expect(caseNumber).toMatch(CASE_NUMBER);
  expect((await page.locator('h1').textContent())?.trim()).toBe('已收到您的反映');
  const facts = (await page.locator('.receipt .facts').textContent()) ?? '';
  expect(facts).toContain(subject);
  expect(facts).toContain('对村务公开的疑问');
  expect(page.url()).not.toContain(code);
  await page.close();
  return { code, caseNumber };
}

/**
 * The village's liaison officer publishes the answer from the case page, “同时办结并告知群众” left
 * ticked; the resident reads it and where it is published with the query code, and rates it.
 */
async function answer(javaScriptEnabled: boolean): Promise<void> {
  const { code, caseNumber } = await ask(javaScriptEnabled);
  const officer = await session.newPage({ javaScriptEnabled });
  officer.context().setDefaultTimeout(15_000);
  await signInAs(officer, 'qinglian');
  await officer.goto(`/staff/cases/${caseNumber}`);
  const box = officer.locator('#answer input[type="checkbox"][name="resolve"]');
  expect(await box.isChecked()).toBe(true);
  expect((await officer.locator('#answer label.checkbox').textContent())?.trim()).toBe('同时办结并告知群众');
  const text = `10月办公费2737元为打印纸、墨盒和公开栏维修费用，凭证可在工作日查阅。${randomUUID().slice(0, 6)}`;
  await officer.locator('#answer-zh').fill(text);
  await officer.locator('#answer form button[type="submit"]').click();
  await officer.waitForURL(/done=answer-resolved/);
  expect(await officer.locator('main').textContent()).toContain('这件事已办结并结案');
  await officer.close();

  const resident = await session.newPage({ javaScriptEnabled });
  resident.context().setDefaultTimeout(15_000);
  await resident.goto('/track');
  await resident.fill('#code', code);
  await resident.click('form.track-form button[type=submit]');
  const timeline = (await resident.locator('.timeline').textContent()) ?? '';
  expect(timeline).toContain(text);
  expect(timeline).toContain('答复已公布在这项村务公开下面：https://qinglian.example.org/disclosures/qinglian/2026-10-finances/');
  await resident.locator('.feedback input[name="rating"][value="satisfied"]').check();
  await resident.locator('.feedback button[type="submit"]').click();
  await expect.poll(() => resident.locator('#feedback-given').count()).toBe(1);
  await resident.close();
}

describe('a question about a disclosure', () => {
  test('is asked from the disclosure page and gets its receipt, with JavaScript', () => ask(true), 90_000);
  test('and without JavaScript', () => ask(false), 90_000);
  test('is answered and ended from the case page, the resident told with the query code, with JavaScript', () => answer(true), 120_000);
  test('and without JavaScript', () => answer(false), 120_000);
});

/**
 * "对这项公开有疑问" in a real Chromium, with and without JavaScript: a resident reading a village
 * disclosure presses the button, finds the mailbox with the question's category and the village
 * chosen and the disclosure named, writes the question anonymously and reads the receipt.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { browserSession } from './support.ts';

const QUERY_CODE = /^[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){3}$/;
const CASE_NUMBER = /^CL-\d{4}-\d{6}$/;
const session = browserSession({ locale: 'zh-CN' });

async function ask(javaScriptEnabled: boolean): Promise<void> {
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
}

describe('a question about a disclosure', () => {
  test('is asked from the disclosure page and gets its receipt, with JavaScript', () => ask(true), 90_000);
  test('and without JavaScript', () => ask(false), 90_000);
});

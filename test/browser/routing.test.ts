// Keeping a case away from the people it is about, in a real Chromium: the mailbox's 打击报复 link
// (its code never kept by the page or the tab), with JavaScript and without; a committee member who
// steps aside with a note their browser seals, read by another member's browser.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { DEMO_STAFF } from '../../worker/demo/cases.ts';
import { axeViolations, baseURL, browserSession, staffSignIn as signIn } from './support.ts';

// A member's browser derives keys with PBKDF2 at sign-in: on a busy machine that takes a while.
const session = browserSession({}, 45_000);
const DEMO_PASSWORD = DEMO_STAFF.find((s) => s.username === 'discipline')!.password;

/** Fills and sends the mailbox form; returns the receipt's case number and query code. */
async function send(page: Page, fields: { category: string; subject: string; earlierCode?: string; concerns?: boolean }) {
  await page.goto(`${baseURL()}/mailbox`);
  await page.selectOption('#village', 'qinglian');
  await page.check(`#mailbox-form input[name=category][value=${fields.category}]`);
  if (fields.concerns) await page.check('input[name=concernsOfficers]');
  await page.fill('#subject', fields.subject);
  await page.fill('#description', '结案以后，村里给我家的补贴一直没有发下来，也没有人说明原因。');
  if (fields.earlierCode !== undefined) await page.fill('#earlierCode', fields.earlierCode);
  await page.click('#mailbox-form button[type=submit]');
  await page.locator('#case-number, #error-summary, #error-earlierCode').first().waitFor({ state: 'visible' });
}

const receiptOf = async (page: Page) => ({ number: (await page.locator('#case-number').textContent())!.trim(), code: ((await page.locator('#query-code').textContent()) ?? '').trim() });

function expectNoCode(code: string, haystack: string, where: string) {
  for (const spelling of [code, code.replace(/-/g, ''), code.toLowerCase(), code.toLowerCase().replace(/-/g, ' ')]) expect(haystack.includes(spelling), `${where} holds ${spelling}`).toBe(false);
}

describe('the 打击报复 link on the mailbox', () => {
  test('with JavaScript: asked only for 打击报复, never kept by the tab, and linked on the receipt', async () => {
    const resident = await session.newPage();
    await send(resident, { category: 'demand', subject: `反映村里低保评议不公 ${Date.now()}` });
    const earlier = await receiptOf(resident);

    const page = await session.newPage();
    await page.goto(`${baseURL()}/mailbox`);
    // Out of the way until 打击报复 is chosen; "concerns the village's officers" only for the village's categories.
    expect(await page.locator('#field-earlierCode').isVisible()).toBe(false);
    expect(await page.locator('#field-concernsOfficers').isVisible()).toBe(true);
    await page.check('#mailbox-form input[name=category][value=retaliation]');
    await page.locator('#field-earlierCode').waitFor({ state: 'visible' });
    expect(await page.locator('#field-concernsOfficers').isVisible()).toBe(false);
    await page.check('#mailbox-form input[name=category][value=complaint]');
    await page.locator('#field-earlierCode').waitFor({ state: 'hidden' });
    expect(await page.locator('#earlierCode').isDisabled()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // Typed: the tab keeps a draft of the form, but not the code.
    const subject = `举报后补贴被扣 ${Date.now()}`;
    await page.selectOption('#village', 'qinglian');
    await page.check('#mailbox-form input[name=category][value=retaliation]');
    await page.fill('#subject', subject);
    await page.fill('#description', '结案以后，村里给我家的补贴一直没有发下来，也没有人说明原因。');
    await page.fill('#earlierCode', earlier.code.toLowerCase().replace(/-/g, ' '));
    const drafts = await page.evaluate(() => JSON.stringify(Object.entries(sessionStorage)));
    expect(drafts).toContain(subject);
    expectNoCode(earlier.code, drafts, 'the tab’s storage');
    await page.click('#mailbox-form button[type=submit]');
    await page.locator('#receipt-linked').waitFor({ state: 'visible' });
    expect(await page.locator('#receipt-linked').textContent()).toContain(`已关联到您早先的案件 ${earlier.number}`);
    const receipt = await receiptOf(page);
    expect(receipt.code).not.toBe(earlier.code);
    expectNoCode(earlier.code, await page.content(), 'the receipt');
  });

  test('a wrong code is “not found” on its field, which comes back empty; without JavaScript it works the same', async () => {
    const page = await session.newPage();
    await send(page, { category: 'retaliation', subject: `举报后被刁难 ${Date.now()}`, earlierCode: 'ABCD EFGH JKMN PQRS' });
    expect(await page.locator('#error-earlierCode').textContent()).toContain('没有找到与这个查询码对应的反映');
    expect(await page.locator('#earlierCode').inputValue()).toBe('');
    expect(await page.locator('#field-earlierCode').isVisible()).toBe(true);
    expectNoCode('ABCD-EFGH-JKMN-PQRS', await page.content(), 'the page');
    const drafts = await page.evaluate(() => JSON.stringify(Object.entries(sessionStorage)));
    expect(drafts).toContain('举报后被刁难');
    expectNoCode('ABCD-EFGH-JKMN-PQRS', drafts, 'the tab’s storage');

    const noScript = await session.newPage({ javaScriptEnabled: false });
    await send(noScript, { category: 'demand', subject: `反映村务不公开 ${Date.now()}`, concerns: true });
    expect(await noScript.locator('#receipt-next').textContent()).toContain('这件事由镇里的工作人员办理');
    const earlier = await receiptOf(noScript);
    await send(noScript, { category: 'retaliation', subject: `举报后被打击 ${Date.now()}`, earlierCode: earlier.code });
    expect(await noScript.locator('#receipt-linked').textContent()).toContain(earlier.number);
  });
});

describe('a committee member stepping aside', () => {
  test('sends the note sealed by their browser; another member’s browser reads it on the list', async () => {
    // A second member first: the case must have someone to go to.
    const first = await session.newPage();
    await signIn(first, 'discipline', DEMO_PASSWORD);
    const username = `jiwei-aside-${Date.now() % 100000}`;
    await first.goto(`${baseURL()}/staff/accounts`);
    await first.fill('#username', username);
    await first.fill('#displayName', '镇纪委委员（回避测试）');
    await first.fill('#password', 'a password for stepping aside');
    await first.click('#account-form button[type=submit]');
    await first.waitForURL(/created=/);

    const resident = await session.newPage();
    await send(resident, { category: 'cadre-report', subject: `反映村主任侵占宅基地 ${Date.now()}` });
    const { number } = await receiptOf(resident);

    await first.goto(`${baseURL()}/staff/cases/${number}`);
    await expect.poll(() => first.locator('#case-subject').textContent(), { timeout: 30_000 }).toContain('反映村主任侵占宅基地');
    await first.click('#conflict summary');
    expect(await axeViolations(first)).toEqual([]);
    await first.check('input[name=reason][value=relative]');
    await first.fill('#conflict-note', '村主任是我的舅舅');
    const sent = first.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/staff/cases/${number}/conflict`));
    await first.click('#conflict form button[type=submit]');
    const body = new URLSearchParams((await sent).postData() ?? '');
    expect(body.get('note')).toMatch(/^qls2:/);
    await first.waitForURL(/declared=/);
    await first.locator('main p.notice-ok', { hasText: `您已申请回避案件 ${number}` }).waitFor({ state: 'visible' });
    expect(await first.locator('main').textContent()).not.toContain('反映村主任侵占宅基地');

    const second = await session.newPage();
    await signIn(second, username, 'a password for stepping aside');
    await second.goto(`${baseURL()}/staff/conflicts`);
    await expect.poll(() => second.locator('#declarations').textContent(), { timeout: 30_000 }).toContain('村主任是我的舅舅');
    expect(await second.locator('#declarations').textContent()).toContain('我与涉及的人是亲属');
    expect(await axeViolations(second)).toEqual([]);
    // What the server sends is the envelope, not the note.
    expect(await (await second.request.get(`${baseURL()}/staff/conflicts`)).text()).not.toContain('村主任是我的舅舅');
  }, 180_000);
});

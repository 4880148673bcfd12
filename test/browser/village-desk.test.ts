// 本村公开 in a real Chromium, with JavaScript on and off: Qinglian's clerk opens its village's
// desk, drafts a monthly finance disclosure by pasting rows copied out of a spreadsheet, sees a
// wrong line refused beside its table, fixes it, previews the public page and sends it for review;
// the village's liaison officer signs it off; the disclosure is published (the desk shows it as the
// latest, no longer due or overdue) with both offices named, and the village page lists it at once.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { baseURL, browserSession, signInAs } from './support.ts';

const session = browserSession({}, 30_000);

const text = (page: Page, selector: string) => page.locator(selector).innerText();

async function journey(js: boolean, period: string) {
  const slug = `qinglian-${period}-finances`;
  // The clerk signs in and lands on its village's desk: nothing of any case.
  const clerk = await session.newPage({ javaScriptEnabled: js, viewport: { width: 1280, height: 900 } });
  await signInAs(clerk, 'qinglian-clerk', /\/staff\/villages\/qinglian$/);
  expect(await clerk.locator('nav.staff-nav a[href="/staff/cases"]').count()).toBe(0);
  const row = clerk.locator('tr[data-kind="finances"]');
  expect(await row.innerText()).toContain('每月');
  await clerk.goto(`${baseURL()}/staff/villages/qinglian/new?kind=finances&period=${period}`);
  expect(await clerk.inputValue('#period')).toBe(period);

  // Rows as copied out of Excel: a header, tabs between columns, a total line; one amount mistyped.
  await clerk.fill('#summary', `清廉村${period}集体财务收支。`);
  await clerk.fill('#income', '项目\t金额（元）\n上级转移支付\t48,300\n村集体经营收入\t2l448\n合计\t69748\n');
  await clerk.fill('#spending', '村干部报酬\t24150\n办公费\t2737.50\n');
  await clerk.click('#desk-save');
  await clerk.waitForSelector('#errors-income');
  expect(await text(clerk, '#errors-income')).toContain('第 3 行：“金额（元）”一栏的“2l448”不是金额。');
  expect(await text(clerk, '#staff-error')).toContain('什么都没有保存');

  // Fixed: saved, and the public page previewed with its computed totals and offices.
  await clerk.fill('#income', '项目\t金额（元）\n上级转移支付\t48,300\n村集体经营收入\t21448\n合计\t69748\n');
  await clerk.click('#desk-save');
  await clerk.waitForURL(/\/staff\/villages\/qinglian\/\d+\?done=saved$/);
  const preview = await text(clerk, '#disclosure-preview');
  expect(preview).toContain('69,748.00');
  expect(preview).toContain('26,887.50');
  expect(preview).toContain('清廉村村民委员会');
  expect(preview).toContain('清廉村村务监督委员会');
  const documentPath = new URL(clerk.url()).pathname;
  await clerk.click('#desk-submit button');
  await clerk.waitForURL(/done=sent$/);
  // The clerk has no sign-off button.
  expect(await clerk.locator('#desk-approve').count()).toBe(0);

  // The village's liaison officer (its supervision) signs it off.
  const officer = await session.newPage({ javaScriptEnabled: js, viewport: { width: 1280, height: 900 } });
  await signInAs(officer, 'qinglian', /\/staff\/cases$/);
  await officer.click('nav.staff-nav >> text=本村公开');
  await officer.waitForURL(/\/staff\/villages\/qinglian$/);
  await officer.click(`tr[data-document="${slug}"] a`);
  await officer.waitForURL((url) => url.pathname === documentPath);
  expect(await text(officer, '#document-meta')).toContain('待审核');
  await officer.click('#desk-approve button');
  await officer.waitForURL(/done=approved$/);
  expect(await text(officer, '#document-meta')).toContain('已发布');
  const published = await text(officer, '#disclosure-preview');
  expect(published).toContain('清廉村村务监督委员会');
  expect(published).not.toContain('签发后公开');

  // The desk now shows it as the latest, and no longer owes it.
  await clerk.goto(`${baseURL()}/staff/villages/qinglian`);
  const after = clerk.locator('tr[data-kind="finances"]');
  expect(await after.getAttribute('data-overdue') ?? '').not.toContain(period);
  expect(await after.innerText()).toContain(`${period.slice(0, 4)}年${Number(period.slice(5))}月（`);
  expect(await clerk.locator(`tr[data-document="${slug}"]`).innerText()).toContain('已发布');

  // A resident's phone: the village page lists it at once; its own page names both offices.
  const resident = await session.newPage({ javaScriptEnabled: js, viewport: { width: 360, height: 740 } });
  await resident.goto(`${baseURL()}/villages/qinglian/`);
  const affairs = resident.locator('section[aria-labelledby="affairs"]');
  const href = `/disclosures/qinglian/${period}-finances/`;
  expect(await affairs.locator(`.doc-list a[href="${href}"]`).count()).toBe(1);
  const month = `${period.slice(0, 4)}年${Number(period.slice(5))}月`;
  for (const flag of await affairs.locator('.flag-overdue').allInnerTexts()) expect(flag).not.toContain(month);
  await resident.click(`section[aria-labelledby="affairs"] .doc-list a[href="${href}"]`);
  await resident.waitForURL((url) => url.pathname === href);
  const article = await text(resident, 'article.disclosure');
  expect(article).toContain('69,748.00');
  expect(article).toContain('清廉村村民委员会');
  expect(article).toContain('清廉村村务监督委员会');
}

describe('a village clerk drafts, its supervision signs off', () => {
  test('with JavaScript', async () => {
    await journey(true, '2026-11');
  });
  test('without JavaScript', async () => {
    await journey(false, '2026-12');
  });
});

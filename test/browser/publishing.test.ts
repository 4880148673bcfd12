// The town office publishes a regulation from the console in a real Chromium, with JavaScript on
// and off: the clerk (`handler`) drafts it with its signed PDF and sends it for review; a second
// staff member (`admin`) reads it beside its preview and approves it; the public page, the index,
// the home page, search, the feed and the sitemap show it at once. With JavaScript the 文号 is
// checked as it is typed and text pasted from Word becomes Markdown; without it the page says
// that a .docx needs JavaScript. The JavaScript run saves the screenshots of docs/publishing.md.
import { mkdirSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { baseURL, browserSession, signInAs } from './support.ts';

const session = browserSession({}, 30_000);
const IMG = 'docs/img';
mkdirSync(IMG, { recursive: true });

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const WORD_HTML =
  '<html><body><h1>第一章 总则</h1><p class=MsoNormal>第一条 为规范村级小微权力运行，制定本清单。</p>' +
  '<p class=MsoListParagraph style="mso-list:l0 level1 lfo1"><span style="mso-list:Ignore">1.</span>低保评议：村民代表会议评议，结果公示七天。</p>' +
  '<p class=MsoListParagraph style="mso-list:l0 level1 lfo1"><span style="mso-list:Ignore">2.</span>财务收支审批：由村务监督委员会审核。</p>' +
  '<table><tr><td>事项</td><td>公开方式</td></tr><tr><td>补贴发放</td><td>村务公开栏</td></tr></table></body></html>';
const MARKDOWN = '## 第一章 总则\n\n第一条 为规范村级小微权力运行，制定本清单。\n\n1. 低保评议：村民代表会议评议，结果公示七天。\n1. 财务收支审批：由村务监督委员会审核。\n\n| 事项 | 公开方式 |\n| --- | --- |\n| 补贴发放 | 村务公开栏 |\n';

/** A .docx as Word writes one, reduced to what the conversion reads: word/document.xml, deflated in a ZIP. */
function docx(): Buffer {
  const w = (inner: string) => `<w:p>${inner}</w:p>`;
  const run = (text: string, bold = false) => `<w:r>${bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t>${text}</w:t></w:r>`;
  const xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
    w('<w:pPr><w:pStyle w:val="1"/></w:pPr>' + run('第一章 总则')) +
    w(run('第一条 ') + run('为规范村级小微权力运行', true) + run('，制定本清单。')) +
    w('<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>' + run('低保评议')) +
    '<w:tbl><w:tr><w:tc>' + w(run('事项')) + '</w:tc><w:tc>' + w(run('公开方式')) + '</w:tc></w:tr><w:tr><w:tc>' + w(run('补贴发放')) + '</w:tc><w:tc>' + w(run('村务公开栏')) + '</w:tc></w:tr></w:tbl>' +
    '</w:body></w:document>';
  const name = Buffer.from('word/document.xml');
  const raw = Buffer.from(xml);
  const data = deflateRawSync(raw);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc32(raw), 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(raw.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc32(raw), 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(raw.length, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const directoryAt = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(directoryAt, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

async function shot(page: Page, name: string, js: boolean) {
  if (js) await page.screenshot({ path: `${IMG}/${name}.png`, fullPage: true });
}

async function journey(js: boolean) {
  const tag = js ? 'js' : 'nojs';
  const slug = `small-power-list-${tag}-${Date.now().toString(36)}`;
  const title = `长岭镇村级小微权力清单（${js ? '甲' : '乙'}）`;

  // The clerk drafts.
  const clerk = await session.newPage({ javaScriptEnabled: js, viewport: { width: 1280, height: 900 } });
  await signInAs(clerk, 'handler');
  await clerk.click('nav.staff-nav >> text=发布');
  await clerk.waitForURL(/\/staff\/publishing\/regulations/);
  await shot(clerk, 'console-list', js);
  await clerk.click('#console-new');
  await clerk.waitForURL(/\/regulations\/new$/);
  await clerk.fill('#title_zh', title);
  await clerk.fill('#issued', '2026-11-20');
  if (js) {
    // Checked as typed: a wrong 文号 is named at once, the right one confirmed.
    await clerk.fill('#docNumber', '长岭发2026第12号');
    await expect.poll(() => clerk.locator('#docNumber-live').textContent()).toContain('文号的写法是');
    await clerk.fill('#docNumber', '长岭发〔2025〕12号');
    await expect.poll(() => clerk.locator('#docNumber-live').textContent()).toContain('与印发日期 2026-11-20 不一致');
    await clerk.fill('#docNumber', '长岭发〔2026〕12号');
    await expect.poll(() => clerk.locator('#docNumber-live').textContent()).toBe('文号格式正确。');
    expect(await clerk.locator('#docx').isDisabled()).toBe(false);
    expect(await clerk.locator('#docx-noscript').isVisible()).toBe(false);
  } else {
    // Without JavaScript: checked on submit, and the page says a .docx needs JavaScript.
    await clerk.fill('#docNumber', '长岭发2026第12号');
    expect(await clerk.locator('#docx').isDisabled()).toBe(true);
    expect(await clerk.locator('#docx-noscript').textContent()).toContain('上传 .docx 转换需要 JavaScript');
  }
  await clerk.fill('#slug', slug);
  await clerk.fill('#issuer_zh', '长岭镇人民政府（示例）');
  await clerk.fill('#effective', '2026-12-01');
  await clerk.selectOption('#category', 'clean-village');
  await clerk.fill('#summary_zh', '列出村级小微权力事项及其办理流程，包括低保评议和财务收支审批。');
  if (js) {
    // Pasted from Word: headings, numbered articles and the table kept, as Markdown.
    await clerk.focus('#body_zh');
    await clerk.evaluate((html) => {
      const data = new DataTransfer();
      data.setData('text/html', html);
      data.setData('text/plain', 'plain');
      document.getElementById('body_zh')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, WORD_HTML);
    expect(await clerk.inputValue('#body_zh')).toBe(MARKDOWN);
    // A .docx is converted in the browser: its heading, bold words, numbered item and table kept.
    await clerk.setInputFiles('#docx', { name: '小微权力清单.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: docx() });
    await expect.poll(() => clerk.locator('#body-live').textContent()).toBe('已把 小微权力清单.docx 转换为正文，请检查后保存。');
    expect(await clerk.inputValue('#body_zh')).toBe('## 第一章 总则\n\n第一条 **为规范村级小微权力运行**，制定本清单。\n\n1. 低保评议\n\n| 事项 | 公开方式 |\n| --- | --- |\n| 补贴发放 | 村务公开栏 |\n');
  }
  await clerk.fill('#body_zh', MARKDOWN);
  await clerk.setInputFiles('#attachment', { name: '小微权力清单.pdf', mimeType: 'application/pdf', buffer: PDF });
  if (!js) {
    // The wrong 文号 comes back beside its field; everything typed is kept (the file is chosen again).
    await clerk.click('button[value=submit]');
    expect(await clerk.locator('#error-docNumber').textContent()).toContain('文号的写法是');
    expect(await clerk.inputValue('#body_zh')).toBe(MARKDOWN);
    await clerk.fill('#docNumber', '长岭发〔2026〕12号');
    await clerk.setInputFiles('#attachment', { name: '小微权力清单.pdf', mimeType: 'application/pdf', buffer: PDF });
  }
  await shot(clerk, 'console-new', js);
  await clerk.click('button[value=submit]');
  await clerk.waitForURL(/done=sent/);
  expect(await clerk.locator('#staff-notice').textContent()).toContain('已送审');
  // The drafter never approves: no button.
  expect(await clerk.locator('#approve-form').count()).toBe(0);
  expect(await clerk.locator('#review-refused').textContent()).toContain('须由另一位有审核权限的工作人员审核');
  const documentUrl = clerk.url().replace(/\?.*$/, '');

  // A second staff member approves, reading the draft beside its preview.
  const reviewer = await session.newPage({ javaScriptEnabled: js, viewport: { width: 1280, height: 900 } });
  await signInAs(reviewer, 'admin');
  await reviewer.goto(`${baseURL()}/staff/publishing/regulations?list=review`);
  await reviewer.click(`[data-document="${slug}"] a`);
  await reviewer.waitForURL(documentUrl);
  const frame = reviewer.frameLocator('iframe.preview-frame');
  await expect.poll(() => frame.locator('h1').textContent()).toContain(title);
  expect(await frame.locator('table').count()).toBeGreaterThan(0);
  await shot(reviewer, 'console-review', js);
  await reviewer.click('#approve-form button');
  await reviewer.waitForURL(/done=approved/);
  expect(await reviewer.locator('#staff-notice').textContent()).toContain('已审核发布');
  const history = await reviewer.locator('#document-history').textContent();
  for (const text of ['起草或修改', '上传附件', '送审', '审核发布']) expect(history).toContain(text);
  await shot(reviewer, 'console-history', js);

  // Public at once: page, index, home page, search, feed, sitemap.
  const reader = await session.newPage({ javaScriptEnabled: js });
  await reader.goto(`${baseURL()}/regulations/${slug}/`);
  expect(await reader.locator('h1').textContent()).toContain(title);
  expect(await reader.content()).toContain('长岭发〔2026〕12号');
  expect(await reader.locator('table').count()).toBeGreaterThan(0);
  await shot(reader, 'public-page', js);
  await reader.goto(`${baseURL()}/regulations/`);
  expect(await reader.content()).toContain(title);
  await reader.goto(`${baseURL()}/`);
  expect(await reader.content()).toContain(title);
  await reader.goto(`${baseURL()}/search?q=${encodeURIComponent('低保')}`);
  expect(await reader.content()).toContain(title);
  const feed = await (await fetch(`${baseURL()}/regulations/rss.xml`)).text();
  expect(feed).toContain(title);
  const sitemap = await (await fetch(`${baseURL()}/sitemap-documents.xml`)).text();
  expect(sitemap).toContain(`/regulations/${slug}/`);
}

describe('publishing a regulation from the console', () => {
  test('with JavaScript: the 文号 checked as typed, Word paste and a .docx converted, approved by a second person, public at once', () => journey(true), 120_000);
  test('without JavaScript: checked on submit, the .docx note shown, approved by a second person, public at once', () => journey(false), 120_000);
});

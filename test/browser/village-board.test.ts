// 本村公开 with the posted board, in a real Chromium, with JavaScript on and off: Qinglian's clerk
// adds a photo of the posted 公开栏 (a JPEG carrying GPS and the phone's make in its EXIF) and a PDF
// to a monthly finance disclosure; the preview shows both, while a reader with no account cannot
// fetch the draft's photo; the village's liaison officer signs it off; a resident's phone shows the
// photo (its bytes without GPS or EXIF) and the PDF link with its size.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { GPS_LATITUDE_BYTES, contains, jpegWithMetadata, secretsIn } from '../helpers/photo-fixtures.ts';
import { baseURL, browserSession, signInAs } from './support.ts';
import { findVillage } from '../../content/index.ts';
import { formatPeriodLabel } from '../../core/disclosure-format.ts';

const session = browserSession({}, 30_000);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

async function journey(js: boolean, period: string) {
  const clerk = await session.newPage({ javaScriptEnabled: js, viewport: { width: 1280, height: 900 } });
  await signInAs(clerk, 'qinglian-clerk', /\/staff\/villages\/qinglian$/);
  await clerk.goto(`${baseURL()}/staff/villages/qinglian/new?kind=finances&period=${period}`);
  await clerk.fill('#summary', `清廉村${period}集体财务收支，附公开栏照片。`);
  await clerk.fill('#income', '上级转移支付\t48300\n');
  await clerk.fill('#spending', '办公费\t2737.50\n');
  await clerk.locator('#photos').setInputFiles([{ name: 'IMG_2026.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(jpegWithMetadata(1)) }]);
  await clerk.locator('#attachment').setInputFiles([{ name: '财务公开表.pdf', mimeType: 'application/pdf', buffer: PDF }]);
  // With JavaScript the photo is shrunk on the clerk's computer first, and previewed.
  if (js) await expect.poll(() => clerk.locator('.photo-previews li').count()).toBe(1);
  await clerk.click('#desk-save');
  await clerk.waitForURL(/\/staff\/villages\/qinglian\/\d+\?done=saved$/);

  // The preview shows the photo and the PDF, from the console's own address.
  const img = clerk.locator('#disclosure-preview .board-photos img');
  await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  const src = (await img.getAttribute('src'))!;
  const sha = /\/files\/([0-9a-f]{64})\.jpg$/.exec(src)![1]!;
  expect(await clerk.locator('#disclosure-preview .disclosure-pdf').innerText()).toMatch(/下载 PDF 版\s*（PDF，0\.\d KB）/);

  // A reader with no account cannot fetch the draft's photo, at its public address or the console's.
  const reader = await session.newPage({ javaScriptEnabled: js });
  expect((await reader.request.get(`${baseURL()}/attachments/${sha}.jpg`)).status()).toBe(404);
  const console = await reader.request.get(`${baseURL()}${src}`, { maxRedirects: 0 });
  expect(console.status()).toBe(303);

  const documentPath = new URL(clerk.url()).pathname;
  await clerk.click('#desk-submit button');
  await clerk.waitForURL(/done=sent$/);
  const officer = await session.newPage({ javaScriptEnabled: js, viewport: { width: 1280, height: 900 } });
  await signInAs(officer, 'qinglian', /\/staff\/cases$/);
  await officer.goto(`${baseURL()}${documentPath}`);
  // The officer sees the photo before signing off.
  expect(await officer.locator('#disclosure-preview .board-photos img').count()).toBe(1);
  await officer.click('#desk-approve button');
  await officer.waitForURL(/done=approved$/);

  // A resident's phone: the photo, lazy-loaded, no wider than the screen, its alt text; the PDF with its size.
  const resident = await session.newPage({ javaScriptEnabled: js, viewport: { width: 360, height: 740 } });
  await resident.goto(`${baseURL()}/disclosures/qinglian/${period}-finances/`);
  const photo = resident.locator('.board-photos img');
  // Its alt text names the disclosure it shows and which photo it is.
  expect(await photo.getAttribute('alt')).toBe(`${findVillage('qinglian')!.name['zh-CN']}${formatPeriodLabel(period, 'zh-CN')}财务收支公开栏照片（第1张，共1张）`);
  expect(await photo.getAttribute('loading')).toBe('lazy');
  await photo.scrollIntoViewIfNeeded();
  await expect.poll(() => photo.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  expect(await photo.evaluate((el) => el.getBoundingClientRect().right)).toBeLessThanOrEqual(360);
  const link = resident.locator('.disclosure-pdf a');
  expect(await resident.locator('.disclosure-pdf').innerText()).toMatch(/（PDF，0\.\d KB）/);
  const pdf = await resident.request.get(`${baseURL()}${await link.getAttribute('href')}`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  const served = await resident.request.get(`${baseURL()}${await photo.getAttribute('src')}`);
  expect(served.status()).toBe(200);
  const bytes = new Uint8Array(await served.body());
  expect(secretsIn(bytes)).toEqual([]);
  expect(contains(bytes, GPS_LATITUDE_BYTES)).toBe(false);
  // Shrunk in the browser with JavaScript (a canvas re-encodes it), cleaned by the worker without: the same 16×8 either way.
  expect(await photo.evaluate((el) => [(el as HTMLImageElement).naturalWidth, (el as HTMLImageElement).naturalHeight])).toEqual([16, 8]);
}

describe('a village clerk adds the posted board’s photo and a PDF', () => {
  test('with JavaScript', async () => {
    await journey(true, '2026-04');
  }, 120_000);
  test('without JavaScript', async () => {
    await journey(false, '2026-03');
  }, 120_000);
});

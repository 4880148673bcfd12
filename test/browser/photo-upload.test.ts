/**
 * Photos on the mailbox in a real Chromium: with JavaScript the photos chosen are previewed and
 * sent with the report (the request carries them); without it the plain file input sends them too;
 * and three photos on a 2G connection (250 kbps, 300 ms) still arrive.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { DEMO_STAFF } from '../../worker/demo/cases.ts';
import { baseURL, browserSession, staffSignIn } from './support.ts';

const session = browserSession({ locale: 'zh-CN' }, 60_000);

/** A real JPEG of about `kb` KB (noise compresses badly), encoded by the browser's own canvas. */
async function noiseJpeg(page: Page, width: number, height: number): Promise<Buffer> {
  const b64 = await page.evaluate(
    async ([w, h]) => {
      const canvas = new OffscreenCanvas(w!, h!);
      const g = canvas.getContext('2d')!;
      const image = g.createImageData(w!, h!);
      for (let i = 0; i < image.data.length; i++) image.data[i] = i % 4 === 3 ? 255 : (Math.random() * 255) | 0;
      g.putImageData(image, 0, 0);
      const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.6 })).arrayBuffer());
      let s = '';
      for (const b of bytes) s += String.fromCharCode(b);
      return btoa(s);
    },
    [width, height],
  );
  return Buffer.from(b64, 'base64');
}

async function fill(page: Page, village: string, category = 'demand'): Promise<void> {
  await page.goto('/mailbox');
  await page.locator('select#village').selectOption(village);
  await page.locator(`#mailbox-form input[name="category"][value="${category}"]`).check();
  await page.locator('input#subject').fill(`河边垃圾-${randomUUID().slice(0, 8)}`);
  await page.locator('textarea#description').fill('河边堆了很多建筑垃圾，已经一个多月了，附上照片。');
}

/**
 * Sends the form and returns the POST's content type and the receipt's photo line: how many photos
 * the worker took from the request (Chromium gives no body with files to look at).
 */
async function send(page: Page): Promise<{ contentType: string; receipt: string }> {
  const request = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/mailbox', { timeout: 60_000 });
  await page.locator('#mailbox-form button[type="submit"]').click();
  const sent = await request;
  const receipt = ((await page.locator('#receipt-photos').textContent({ timeout: 60_000 })) ?? '').trim();
  return { contentType: (await sent.allHeaders())['content-type'] ?? '', receipt };
}

describe('photos on the mailbox', () => {
  test('with JavaScript: previews, remove one, and the request carries the photos', async () => {
    const page = await session.newPage();
    await fill(page, 'qinglian');
    const photo = await noiseJpeg(page, 400, 300);
    await page.locator('input#photos').setInputFiles([
      { name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: photo },
      { name: 'IMG_0002.jpg', mimeType: 'image/jpeg', buffer: photo },
    ]);
    await expect.poll(() => page.locator('.photo-previews li').count()).toBe(2);
    await page.locator('.photo-previews li button').first().click();
    await expect.poll(() => page.locator('.photo-previews li').count()).toBe(1);
    const { contentType, receipt } = await send(page);
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    // One photo went, not the one removed.
    expect(receipt).toContain('1 张照片');
  });

  test('without JavaScript: the plain file input sends the photos', async () => {
    const page = await session.newPage({ javaScriptEnabled: false });
    await fill(page, 'dongling');
    const page2 = await session.newPage();
    const photo = await noiseJpeg(page2, 300, 200);
    await page.locator('input#photos').setInputFiles([{ name: 'IMG_0003.jpg', mimeType: 'image/jpeg', buffer: photo }]);
    const { contentType, receipt } = await send(page);
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(receipt).toContain('1 张照片');
  });

  test('three photos on 2G (250 kbps, 300 ms) arrive', async () => {
    const page = await session.newPage();
    const photos = [await noiseJpeg(page, 480, 360), await noiseJpeg(page, 480, 360), await noiseJpeg(page, 480, 360)];
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 300, downloadThroughput: 250_000 / 8, uploadThroughput: 250_000 / 8 });
    await fill(page, 'beishan');
    await page.locator('input#photos').setInputFiles(photos.map((buffer, i) => ({ name: `IMG_10${i}.jpg`, mimeType: 'image/jpeg', buffer })));
    await expect.poll(() => page.locator('.photo-previews li').count()).toBe(3);
    const { receipt } = await send(page);
    expect(receipt).toContain('3 张照片');
  }, 180_000);

  test('a cadre report’s photo is opened in the committee member’s browser only', async () => {
    const page = await session.newPage();
    await fill(page, 'qinglian', 'cadre-report');
    const photo = await noiseJpeg(page, 320, 240);
    await page.locator('input#photos').setInputFiles([{ name: 'IMG_0004.jpg', mimeType: 'image/jpeg', buffer: photo }]);
    await expect.poll(() => page.locator('.photo-previews li').count()).toBe(1);
    const { receipt } = await send(page);
    expect(receipt).toContain('1 张照片');
    const caseNumber = ((await page.locator('#case-number').textContent()) ?? '').trim();
    const member = await session.newPage();
    await staffSignIn(member, 'discipline', DEMO_STAFF.find((s) => s.username === 'discipline')!.password);
    // What the console serves is the envelope; the member's browser shows it from a blob: address.
    const envelope = member.waitForResponse((r) => r.url().includes(`/staff/cases/${caseNumber}/photos/`));
    await member.goto(`${baseURL()}/staff/cases/${caseNumber}`);
    const served = await envelope;
    expect(served.headers()['content-type']).toBe('application/octet-stream');
    const body = await served.body();
    // Padded to its size bucket, and its size and dimensions nowhere but inside it.
    expect(body.subarray(0, 4).toString('latin1')).toBe('qlb2');
    expect(body.length).toBe(4 + 12 + 64 * 1024 + 16);
    expect(await member.locator('#case-photos').textContent()).not.toContain('320×240');
    const img = member.locator('#case-photos img.unsealed-photo');
    await expect.poll(() => img.getAttribute('src'), { timeout: 45_000 }).toMatch(/^blob:/);
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(320);
    // Sized from the dimensions the envelope carried, before the picture is decoded.
    expect([await img.getAttribute('width'), await img.getAttribute('height')]).toEqual(['320', '240']);
  }, 120_000);
});

// Photos in a real Chromium: what the worker's cleaner (worker/photos/clean.ts) writes still
// decodes, at its size and upright; and the phone's shrinker (site/scripts/photo-shrink.ts, as
// built to site/public/scripts/photo-shrink.js) turns a 12-megapixel photo with EXIF into a JPEG
// of at most 2048 px without it. Runs on a blank page: nothing here needs the served site.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanPhoto, type CleanPhoto } from '../../worker/photos/clean.ts';
import { animatedWebp, BASE_WEBP_LOSSLESS, fromBase64, heicStub, jpegSegments, jpegWithMetadata, pngWithMetadata, secretsIn, simpleWebp, toBase64, webpWithMetadata, withoutJfif, BASE_JPEG } from '../helpers/photo-fixtures.ts';
import { launchBrowser } from './support.ts';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto('about:blank');
});
afterAll(async () => {
  await browser?.close();
});

function cleaned(bytes: Uint8Array): CleanPhoto {
  const result = cleanPhoto(bytes);
  if (!result.ok) throw new Error(`refused: ${result.refusal.key}`);
  return result.value;
}

interface Shown {
  decoded: boolean;
  naturalWidth: number;
  naturalHeight: number;
  box: [number, number];
  /** The colour at a quarter and at three quarters down the middle column, and across the middle row. */
  top: number[];
  bottom: number[];
  left: number[];
  right: number[];
}

/** The bytes shown as an <img> on the page, as a resident's or a clerk's browser shows them. */
function show(bytes: Uint8Array, type: string): Promise<Shown> {
  return page.evaluate(
    async ({ base64, type }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const img = document.createElement('img');
      img.src = URL.createObjectURL(new Blob([bytes], { type }));
      document.body.append(img);
      let decoded = true;
      try {
        await img.decode();
      } catch {
        decoded = false;
      }
      const rect = img.getBoundingClientRect();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const context = canvas.getContext('2d')!;
      if (decoded) context.drawImage(img, 0, 0);
      const at = (x: number, y: number) => [...context.getImageData(Math.floor(x), Math.floor(y), 1, 1).data.slice(0, 3)];
      const w = img.naturalWidth;
      const h = img.naturalHeight;
      img.remove();
      return {
        decoded,
        naturalWidth: w,
        naturalHeight: h,
        box: [rect.width, rect.height] as [number, number],
        top: at(w / 2, h / 4),
        bottom: at(w / 2, (3 * h) / 4),
        left: at(w / 4, h / 2),
        right: at((3 * w) / 4, h / 2),
      };
    },
    { base64: toBase64(bytes), type },
  );
}

const red = (c: number[]) => c[0]! > 150 && c[2]! < 100;
const blue = (c: number[]) => c[2]! > 150 && c[0]! < 100;

describe('a cleaned photo in Chromium', () => {
  it('a JPEG with orientation 6 decodes upright: turned a quarter, the red half on top', async () => {
    const photo = cleaned(jpegWithMetadata(6));
    const shown = await show(photo.bytes, photo.type);
    expect(shown).toMatchObject({ decoded: true, naturalWidth: 8, naturalHeight: 16, box: [8, 16] });
    expect([photo.width, photo.height]).toEqual([8, 16]);
    expect(red(shown.top), `top ${shown.top}`).toBe(true);
    expect(blue(shown.bottom), `bottom ${shown.bottom}`).toBe(true);
  });

  it('a phone’s JPEG without JFIF (EXIF first) decodes upright too', async () => {
    const photo = cleaned(jpegWithMetadata(6, withoutJfif(BASE_JPEG)));
    const shown = await show(photo.bytes, photo.type);
    expect(shown).toMatchObject({ decoded: true, naturalWidth: 8, naturalHeight: 16 });
    expect(red(shown.top) && blue(shown.bottom), `${shown.top} ${shown.bottom}`).toBe(true);
  });

  it('the same JPEG upright stays as it was: 16 × 8, red on the left', async () => {
    const photo = cleaned(jpegWithMetadata(1));
    const shown = await show(photo.bytes, photo.type);
    expect(shown).toMatchObject({ decoded: true, naturalWidth: 16, naturalHeight: 8 });
    expect(red(shown.left) && blue(shown.right), `${shown.left} ${shown.right}`).toBe(true);
  });

  it('a PNG with orientation 6 in eXIf decodes upright too', async () => {
    const photo = cleaned(pngWithMetadata(6));
    const shown = await show(photo.bytes, photo.type);
    expect(shown).toMatchObject({ decoded: true, naturalWidth: 8, naturalHeight: 16 });
    expect([photo.width, photo.height]).toEqual([8, 16]);
    expect(red(shown.top) && blue(shown.bottom), `${shown.top} ${shown.bottom}`).toBe(true);
  });

  it('a PNG and every kind of WebP decode at the size the cleaner says', async () => {
    for (const [name, bytes] of [
      ['png', pngWithMetadata(1)],
      ['webp', webpWithMetadata()],
      ['webp lossless', webpWithMetadata(BASE_WEBP_LOSSLESS)],
      ['webp simple', simpleWebp()],
      ['webp animated', animatedWebp()],
    ] as const) {
      const photo = cleaned(bytes);
      const shown = await show(photo.bytes, photo.type);
      expect(shown, name).toMatchObject({ decoded: true, naturalWidth: photo.width, naturalHeight: photo.height });
      expect([photo.width, photo.height], name).toEqual([16, 8]);
      expect(red(shown.left) && blue(shown.right), `${name}: ${shown.left} ${shown.right}`).toBe(true);
    }
  });
});

describe('the phone’s shrinker', () => {
  const script = () => readFileSync(new URL('../../site/public/scripts/photo-shrink.js', import.meta.url), 'utf8');

  it('turns a 12-megapixel photo with EXIF into an upright JPEG of 2048 px at most, without EXIF', async () => {
    await page.addScriptTag({ content: script() });
    // A 4000 × 3000 photo made on a canvas (left half red, right half blue), then given a phone's EXIF with orientation 6.
    const made = await page.evaluate(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 4000;
      canvas.height = 3000;
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#d00';
      context.fillRect(0, 0, 2000, 3000);
      context.fillStyle = '#00d';
      context.fillRect(2000, 0, 2000, 3000);
      for (let i = 0; i < 3000; i += 7) context.fillRect(i % 1900, i, 40, 3); // some detail to encode
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.92));
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let s = '';
      for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
      return btoa(s);
    });
    const original = jpegWithMetadata(6, fromBase64(made));
    expect(secretsIn(original).length).toBeGreaterThan(5);

    const out = await page.evaluate(async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const file = new File([bytes], 'IMG_0042.JPG', { type: 'image/jpeg' });
      const api = (window as unknown as { QinglianPhotos: { shrinkPhoto: (f: File) => Promise<Blob> } }).QinglianPhotos;
      const blob = await api.shrinkPhoto(file);
      const shrunk = new Uint8Array(await blob.arrayBuffer());
      let s = '';
      for (let i = 0; i < shrunk.length; i += 8192) s += String.fromCharCode(...shrunk.subarray(i, i + 8192));
      return { type: blob.type, base64: btoa(s), inputSize: file.size };
    }, toBase64(original));
    const shrunk = fromBase64(out.base64);
    expect(out.type).toBe('image/jpeg');
    expect(shrunk.length).toBeLessThan(out.inputSize);
    // No APP1 at all (EXIF or XMP), no metadata string, and the photo turned upright in its pixels.
    const { segments } = jpegSegments(shrunk);
    expect(segments.filter((s) => s.marker === 0xe1 || s.marker === 0xed || s.marker === 0xfe)).toEqual([]);
    expect(secretsIn(shrunk)).toEqual([]);
    const photo = cleaned(shrunk);
    expect([photo.width, photo.height]).toEqual([1536, 2048]);
    const shown = await show(shrunk, 'image/jpeg');
    expect(shown).toMatchObject({ decoded: true, naturalWidth: 1536, naturalHeight: 2048 });
    expect(red(shown.top) && blue(shown.bottom), `${shown.top} ${shown.bottom}`).toBe(true);
  });

  it('leaves a small photo at its size, turned by its orientation', async () => {
    await page.addScriptTag({ content: script() });
    const out = await page.evaluate(async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const api = (window as unknown as { QinglianPhotos: { shrinkPhoto: (f: File) => Promise<Blob> } }).QinglianPhotos;
      const bitmap = await createImageBitmap(await api.shrinkPhoto(new File([bytes], 'a.png', { type: 'image/png' })));
      return [bitmap.width, bitmap.height];
    }, toBase64(pngWithMetadata(6)));
    expect(out).toEqual([8, 16]);
  });

  it('refuses what this browser cannot decode (HEIC in Chromium) with a reason key', async () => {
    await page.addScriptTag({ content: script() });
    const reason = await page.evaluate(async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const api = (window as unknown as { QinglianPhotos: { shrinkPhoto: (f: File) => Promise<Blob> } }).QinglianPhotos;
      try {
        await api.shrinkPhoto(new File([bytes], 'IMG_0001.HEIC', { type: 'image/heic' }));
        return 'shrunk';
      } catch (error) {
        return `${(error as Error).name} ${(error as { key?: string }).key}`;
      }
    }, toBase64(heicStub()));
    expect(reason).toBe('ShrinkError photos.shrink.cannotRead');
  });
});

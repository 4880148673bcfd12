// A photo as it arrives, rewritten without what could name the phone or the place
// (worker/photos/clean.ts). Fixtures are made here (test/helpers/photo-fixtures.ts); the cleaned
// files are read back with a reader of their own, and test/browser/photos.test.ts shows them in
// Chromium.
import { describe, expect, it } from 'vitest';
import { cleanPhoto, orientationExif, PHOTO_MAX_PIXELS, sniffPhoto, type CleanPhoto } from '../../worker/photos/clean.ts';
import {
  animatedWebp,
  BASE_JPEG,
  BASE_WEBP,
  BASE_WEBP_LOSSLESS,
  concat,
  heicStub,
  jpegSegment,
  jpegSegments,
  jpegWithMetadata,
  PNG_SIGNATURE,
  pngChunk,
  pngChunkTypes,
  pngWithMetadata,
  riff,
  riffChunk,
  secretsIn,
  simpleWebp,
  webpChunks,
  webpWithMetadata,
  withoutJfif,
} from '../helpers/photo-fixtures.ts';

const text = (s: string) => new TextEncoder().encode(s);

function cleaned(bytes: Uint8Array): CleanPhoto {
  const result = cleanPhoto(bytes);
  if (!result.ok) throw new Error(`refused: ${result.refusal.key}`);
  return result.value;
}

function refusalOf(bytes: Uint8Array): string {
  const result = cleanPhoto(bytes);
  return result.ok ? 'accepted' : `${result.refusal.code} ${result.refusal.key}`;
}

describe('the type of a photo', () => {
  it('is read from its first bytes, never from a name', () => {
    expect(sniffPhoto(BASE_JPEG)).toBe('image/jpeg');
    expect(sniffPhoto(pngWithMetadata())).toBe('image/png');
    expect(sniffPhoto(BASE_WEBP)).toBe('image/webp');
    expect(sniffPhoto(heicStub())).toBe('image/heic');
    expect(sniffPhoto(concat(Uint8Array.of(0, 0, 0, 0x18), text('ftypmif1'), new Uint8Array(4), text('mif1heic')))).toBe('image/heic');
    expect(sniffPhoto(concat(Uint8Array.of(0, 0, 0, 0x18), text('ftypavif'), new Uint8Array(4), text('mif1avif')))).toBe(null);
    expect(sniffPhoto(text('GIF89a\x01\x00\x01\x00'))).toBe(null);
    expect(sniffPhoto(text('<html><body>photo.jpg</body></html>'))).toBe(null);
    expect(sniffPhoto(new Uint8Array(0))).toBe(null);
  });

  it('refuses what is not a photo, and HEIC with its own message saying which formats work', () => {
    expect(refusalOf(text('%PDF-1.7 not a photo'))).toBe('unsupported photos.refused.notPhoto');
    expect(refusalOf(text('<html><script>alert(1)</script></html>'))).toBe('unsupported photos.refused.notPhoto');
    expect(refusalOf(heicStub())).toBe('unsupported photos.refused.heic');
  });
});

describe('a JPEG from a phone', () => {
  const original = jpegWithMetadata(6);

  it('has the metadata to begin with (the fixture is what it claims)', () => {
    expect(secretsIn(original).length).toBeGreaterThanOrEqual(10);
    expect(jpegSegments(original).segments.map((s) => s.marker.toString(16))).toEqual(['e0', 'e1', 'e1', 'ed', 'e9', 'fe', 'e2', 'db', 'db', 'c0', 'c4', 'c4', 'c4', 'c4', 'da']);
  });

  it('keeps only a fresh JFIF, an EXIF that holds the orientation alone, the ICC profile and the image', () => {
    const photo = cleaned(original);
    expect(photo.type).toBe('image/jpeg');
    // Orientation 6 turns the 16 × 8 picture a quarter: it is shown 8 wide and 16 high.
    expect([photo.width, photo.height]).toEqual([8, 16]);
    const { segments, afterEoi } = jpegSegments(photo.bytes);
    expect(segments.map((s) => s.marker.toString(16))).toEqual(['e0', 'e1', 'e2', 'db', 'db', 'c0', 'c4', 'c4', 'c4', 'c4', 'da']);
    expect(afterEoi).toBe(0);
    // The EXIF is written afresh: one IFD, one entry, the orientation; nothing of the phone's.
    const exif = segments.find((s) => s.marker === 0xe1)!;
    expect(jpegSegment(0xe1, exif.body)).toEqual(orientationExif(6));
    expect(exif.body.length).toBe(32);
    expect(exif.body[6 + 8 + 2 + 9]).toBe(6);
    const jfif = segments.find((s) => s.marker === 0xe0)!;
    expect(jfif.body.length).toBe(14);
    expect(secretsIn(photo.bytes)).toEqual([]);
    // The ICC profile, the tables and the scan are the original's, byte for byte.
    const originalIcc = jpegSegments(BASE_JPEG).segments.find((s) => s.marker === 0xe2)!.body;
    expect(segments.find((s) => s.marker === 0xe2)!.body).toEqual(originalIcc);
    const scanStart = (b: Uint8Array) => b.length - [...b].reverse().findIndex((_, i, r) => r[i] === 0xda && r[i + 1] === 0xff) - 1;
    expect(photo.bytes.subarray(scanStart(photo.bytes))).toEqual(BASE_JPEG.subarray(scanStart(BASE_JPEG)));
  });

  it('writes no EXIF for a photo already upright, and cleaning twice changes nothing', () => {
    const upright = cleaned(jpegWithMetadata(1));
    expect(jpegSegments(upright.bytes).segments.some((s) => s.marker === 0xe1)).toBe(false);
    expect([upright.width, upright.height]).toEqual([16, 8]);
    for (const photo of [upright, cleaned(original)]) expect(cleaned(photo.bytes).bytes).toEqual(photo.bytes);
  });

  it('reads the orientation from a big-endian EXIF too, and every value 1–8', () => {
    for (let o = 1; o <= 8; o++) {
      const photo = cleaned(jpegWithMetadata(o));
      expect([photo.width, photo.height], `orientation ${o}`).toEqual(o >= 5 ? [8, 16] : [16, 8]);
    }
    const bigEndian = concat(BASE_JPEG.subarray(0, 2), orientationExif(8), BASE_JPEG.subarray(2));
    expect(jpegSegments(cleaned(bigEndian).bytes).segments.find((s) => s.marker === 0xe1)!.body[6 + 8 + 2 + 9]).toBe(8);
  });

  it('drops anything after the end of the image, and refuses a polyglot with HTML after EOI', () => {
    const trailer = cleaned(concat(original, text('SEFH trailer of a phone')));
    expect(jpegSegments(trailer.bytes).afterEoi).toBe(0);
    expect(new TextDecoder('latin1').decode(trailer.bytes)).not.toContain('SEFH');
    expect(refusalOf(concat(original, text('<html><body><script>fetch("/staff")</script></body></html>')))).toBe('invalid photos.refused.damaged');
  });

  it('refuses HTML wherever it is: where it would be kept (the ICC profile) and where it would go (a comment)', () => {
    const icc = concat(text('ICC_PROFILE\0\x01\x01'), text('<html><script>alert(1)</script></html>'));
    expect(refusalOf(concat(BASE_JPEG.subarray(0, 2), jpegSegment(0xe2, icc), BASE_JPEG.subarray(2)))).toBe('invalid photos.refused.damaged');
    const inComment = concat(BASE_JPEG.subarray(0, 2), jpegSegment(0xfe, text('<html><script>alert(1)</script>')), BASE_JPEG.subarray(2));
    expect(refusalOf(inComment)).toBe('invalid photos.refused.damaged');
  });

  it('writes no JFIF where the phone wrote none: the orientation comes first, as phones write it', () => {
    const photo = cleaned(jpegWithMetadata(6, withoutJfif(BASE_JPEG)));
    expect(jpegSegments(photo.bytes).segments.map((s) => s.marker.toString(16)).slice(0, 3)).toEqual(['e1', 'e2', 'db']);
    expect(secretsIn(photo.bytes)).toEqual([]);
  });

  it('refuses an HTML document hidden in the compressed image data, but not a chance run of letters', () => {
    const scanEnd = BASE_JPEG.length - 2;
    const inScan = (s: string) => concat(BASE_JPEG.subarray(0, scanEnd), text(s), BASE_JPEG.subarray(scanEnd));
    expect(refusalOf(inScan('<html><script>alert(1)</script>'))).toBe('invalid photos.refused.damaged');
    expect(refusalOf(inScan('<SCRIPT>alert(1)</SCRIPT>'))).toBe('invalid photos.refused.damaged');
    expect(cleanPhoto(inScan('<svg x<a b<imgz')).ok).toBe(true);
  });

  it('refuses a JPEG header with HTML after it, a truncated file, a file without a scan', () => {
    expect(refusalOf(concat(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 16), text('JFIF\0\x01\x01\0\0\x01\0\x01\0\0'), text('<html><body>hello</body></html>')))).toBe('invalid photos.refused.damaged');
    for (const cut of [3, 20, 300, BASE_JPEG.length - 40, BASE_JPEG.length - 2, BASE_JPEG.length - 1]) {
      expect(refusalOf(BASE_JPEG.subarray(0, cut)), `cut at ${cut}`).toBe('invalid photos.refused.damaged');
    }
    const sos = jpegSegments(BASE_JPEG).segments.length;
    expect(sos).toBeGreaterThan(0);
    expect(refusalOf(concat(BASE_JPEG.subarray(0, 2), Uint8Array.of(0xff, 0xd9)))).toBe('invalid photos.refused.damaged');
  });

  it('refuses a photo of more than 50 megapixels before anyone decodes it', () => {
    const sofAt = BASE_JPEG.findIndex((b, i) => b === 0xff && BASE_JPEG[i + 1] === 0xc0);
    const huge = BASE_JPEG.slice();
    huge.set([0x27, 0x10, 0x27, 0x10], sofAt + 5); // 10,000 × 10,000
    expect(refusalOf(huge)).toBe('too_large photos.refused.tooManyPixels');
    expect(cleanPhoto(huge)).toMatchObject({ refusal: { params: { max: PHOTO_MAX_PIXELS / 1e6 } } });
    const fits = BASE_JPEG.slice();
    fits.set([0x1b, 0x58, 0x1b, 0x58], sofAt + 5); // 7,000 × 7,000 = 49 MP
    expect(cleanPhoto(fits).ok).toBe(true);
  });
});

describe('a PNG with text chunks', () => {
  const original = pngWithMetadata();

  it('keeps only the image, its colour chunks and a fresh eXIf with the orientation alone, with every CRC right', () => {
    expect(secretsIn(original).length).toBeGreaterThanOrEqual(8);
    const photo = cleaned(original);
    // Orientation 6: shown 8 wide and 16 high.
    expect(photo).toMatchObject({ type: 'image/png', width: 8, height: 16 });
    expect(pngChunkTypes(photo.bytes)).toEqual(['IHDR', 'sRGB', 'eXIf', 'IDAT', 'IEND']);
    expect(new TextDecoder('latin1').decode(photo.bytes)).toContain(new TextDecoder('latin1').decode(pngChunk('eXIf', orientationExif(6).subarray(10))));
    expect(secretsIn(photo.bytes)).toEqual([]);
    expect(cleaned(photo.bytes).bytes).toEqual(photo.bytes);
    const upright = cleaned(pngWithMetadata(1));
    expect(upright).toMatchObject({ width: 16, height: 8 });
    expect(pngChunkTypes(upright.bytes)).toEqual(['IHDR', 'sRGB', 'IDAT', 'IEND']);
  });

  it('keeps an ICC profile under a neutral name', () => {
    const iccp = pngChunk('iCCP', concat(text(`Zhang San's phone\0\0`), Uint8Array.of(0x78, 0x9c, 3, 0, 0, 0, 0, 1)));
    const png = concat(original.subarray(0, 33), iccp, original.subarray(33));
    const photo = cleaned(png);
    expect(pngChunkTypes(photo.bytes)).toEqual(['IHDR', 'iCCP', 'sRGB', 'eXIf', 'IDAT', 'IEND']);
    expect(new TextDecoder('latin1').decode(photo.bytes)).not.toContain('Zhang');
    expect(cleaned(photo.bytes).bytes).toEqual(photo.bytes);
  });

  it('refuses a wrong CRC, a truncated file, a missing IEND, an unknown critical chunk, and drops what follows IEND', () => {
    const badCrc = original.slice();
    badCrc[40] = badCrc[40]! ^ 1;
    expect(refusalOf(badCrc)).toBe('invalid photos.refused.damaged');
    expect(refusalOf(original.subarray(0, original.length - 12))).toBe('invalid photos.refused.damaged');
    expect(refusalOf(original.subarray(0, 50))).toBe('invalid photos.refused.damaged');
    const unknownCritical = concat(original.subarray(0, 33), pngChunk('ABCD', text('x')), original.subarray(33));
    expect(refusalOf(unknownCritical)).toBe('invalid photos.refused.damaged');
    const trailing = cleaned(concat(original, text('a trailer')));
    expect(pngChunkTypes(trailing.bytes).at(-1)).toBe('IEND');
    expect(new TextDecoder('latin1').decode(trailing.bytes)).not.toContain('a trailer');
    expect(refusalOf(concat(original, text('<html><script>alert(1)</script></html>')))).toBe('invalid photos.refused.damaged');
    expect(refusalOf(concat(PNG_SIGNATURE, pngChunk('IEND', new Uint8Array(0))))).toBe('invalid photos.refused.damaged');
  });

  it('refuses HTML in a text chunk that would go and in a kept one alike', () => {
    const withHtml = concat(original.subarray(0, 33), pngChunk('tEXt', text('Comment\0<html><script>alert(1)</script></html>')), original.subarray(33));
    expect(refusalOf(withHtml)).toBe('invalid photos.refused.damaged');
    const inBackground = concat(original.subarray(0, 33), pngChunk('bKGD', text('<svg onload=alert(1)>')), original.subarray(33));
    expect(refusalOf(inBackground)).toBe('invalid photos.refused.damaged');
  });

  it('refuses more than 50 megapixels', () => {
    const ihdr = new Uint8Array(13);
    new DataView(ihdr.buffer).setUint32(0, 100_000);
    new DataView(ihdr.buffer).setUint32(4, 100_000);
    ihdr.set([8, 2, 0, 0, 0], 8);
    const bomb = concat(PNG_SIGNATURE, pngChunk('IHDR', ihdr), ...pngChunkTypes(original).slice(1).length ? [original.subarray(33)] : []);
    expect(refusalOf(bomb)).toBe('too_large photos.refused.tooManyPixels');
  });
});

describe('a WebP with EXIF and XMP', () => {
  it('loses both chunks, their flags and unknown chunks; the RIFF size is right', () => {
    const original = webpWithMetadata();
    expect(secretsIn(original).length).toBeGreaterThanOrEqual(8);
    const photo = cleaned(original);
    expect(photo).toMatchObject({ type: 'image/webp', width: 16, height: 8 });
    const chunks = webpChunks(photo.bytes);
    expect(chunks.map((c) => c.fourcc)).toEqual(['VP8X', 'ICCP', 'VP8 ']);
    expect(chunks[0]!.data[0]! & 0x0c).toBe(0);
    expect(chunks[0]!.data[0]! & 0x20).toBe(0x20); // the ICC flag stays
    expect(chunks[0]!.data.length).toBe(10);
    expect(new DataView(photo.bytes.buffer, photo.bytes.byteOffset).getUint32(4, true)).toBe(photo.bytes.length - 8);
    expect(secretsIn(photo.bytes)).toEqual([]);
    expect(cleaned(photo.bytes).bytes).toEqual(photo.bytes);
  });

  it('writes VP8X afresh: bytes hidden after its ten are gone', () => {
    const chunks = webpChunks(BASE_WEBP).map((c) => riffChunk(c.fourcc, c.fourcc === 'VP8X' ? concat(c.data, text('Zhang San 张三')) : c.data));
    const photo = cleaned(riff(chunks));
    expect(webpChunks(photo.bytes)[0]!.data.length).toBe(10);
    expect(secretsIn(photo.bytes)).toEqual([]);
  });

  it('keeps an animation’s frames with their image chunks only', () => {
    const original = animatedWebp();
    expect(secretsIn(original).length).toBeGreaterThan(3);
    const photo = cleaned(original);
    expect(photo).toMatchObject({ width: 16, height: 8 });
    const chunks = webpChunks(photo.bytes);
    expect(chunks.map((c) => c.fourcc)).toEqual(['VP8X', 'ANIM', 'ANMF']);
    expect(webpChunks(concat(text('RIFF\0\0\0\0WEBP'), chunks[2]!.data.subarray(16))).map((c) => c.fourcc)).toEqual(['VP8 ']);
    expect(secretsIn(photo.bytes)).toEqual([]);
    expect(cleaned(photo.bytes).bytes).toEqual(photo.bytes);
  });

  it('reads the size of a simple lossy and a simple lossless WebP', () => {
    expect(cleaned(simpleWebp())).toMatchObject({ width: 16, height: 8 });
    expect(cleaned(simpleWebp(BASE_WEBP_LOSSLESS))).toMatchObject({ width: 16, height: 8 });
    expect(cleaned(webpWithMetadata(BASE_WEBP_LOSSLESS))).toMatchObject({ width: 16, height: 8 });
  });

  it('refuses a truncated WebP, one without an image, and drops what follows the RIFF', () => {
    const original = webpWithMetadata();
    for (const cut of [12, 30, original.length - 1, original.length - 100]) expect(refusalOf(original.subarray(0, cut)), `cut at ${cut}`).toBe('invalid photos.refused.damaged');
    expect(refusalOf(riff([riffChunk('EXIF', text('nothing else'))]))).toBe('invalid photos.refused.damaged');
    const trailing = cleaned(concat(simpleWebp(), text('a trailer')));
    expect(trailing.bytes).toEqual(simpleWebp());
    expect(refusalOf(concat(simpleWebp(), text('<html><script>alert(1)</script></html>')))).toBe('invalid photos.refused.damaged');
  });
});

/**
 * A photo as it arrives, rewritten without what could name the phone or the place: pure, no
 * decoding of pixels (the worker has 128 MB; a 12-megapixel decode through WASM codecs does not
 * fit), only the file's own segments and chunks read and written again.
 *
 * - JPEG: every APPn segment is dropped but a freshly written minimal JFIF APP0, the ICC profile
 *   (APP2 ICC_PROFILE) and a freshly written Adobe APP14 (its colour transform only); COM is
 *   dropped. The EXIF orientation is kept in a freshly written EXIF APP1 that holds that one tag
 *   (nothing of the original IFD is copied). Anything after EOI is dropped.
 * - PNG: the signature and every chunk's CRC are checked; only the critical chunks and the colour
 *   chunks a decoder needs (tRNS, gAMA, cHRM, sRGB, iCCP with its name replaced, sBIT, bKGD,
 *   pHYs, cICP) are kept; tEXt, iTXt, zTXt, eXIf, tIME and every unknown chunk are dropped, and
 *   an orientation found in eXIf is written again alone in a fresh eXIf, as for a JPEG.
 * - WebP: EXIF and XMP chunks and unknown chunks are dropped, VP8X written afresh without their
 *   flags, the RIFF size fixed; an animation's frames (ANMF) keep only their image chunks.
 * - HEIC/HEIF is recognised only to say which formats work.
 *
 * Type by magic bytes only. Truncated or damaged files are refused, and so is a file whose kept
 * bytes would still carry HTML-like markup (a polyglot), in case anything ever sniffs it.
 * Why no library: docs/security.md, "Photos: formats, limits and what is stripped".
 */
import { concatBytes } from '../../core/bytes.ts';
import { ok, refuse, type Result } from '../cases/result.ts';

export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp';

export interface CleanPhoto {
  bytes: Uint8Array;
  type: PhotoType;
  /** As displayed: for a photo turned by its EXIF orientation (5–8), the stored width and height swapped. */
  width: number;
  height: number;
}

/** The most pixels a photo may have (width × height): a larger one is refused before anyone decodes it. */
export const PHOTO_MAX_PIXELS = 50_000_000;

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1']);

function ascii(bytes: Uint8Array, at: number, length: number): string {
  let s = '';
  for (let i = at; i < at + length && i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

function startsWith(bytes: Uint8Array, at: number, text: string): boolean {
  return ascii(bytes, at, text.length) === text;
}

/** The photo's type by its first bytes, never by its name or the type the browser claims. */
export function sniffPhoto(bytes: Uint8Array): PhotoType | 'image/heic' | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && startsWith(bytes, 0, '\x89PNG\r\n\x1a\n')) return 'image/png';
  if (bytes.length >= 12 && startsWith(bytes, 0, 'RIFF') && startsWith(bytes, 8, 'WEBP')) return 'image/webp';
  if (bytes.length >= 12 && startsWith(bytes, 4, 'ftyp')) {
    const size = u32be(bytes, 0);
    if (HEIF_BRANDS.has(ascii(bytes, 8, 4))) return 'image/heic';
    // The major brand may be another; a compatible brand names HEIF then (but AVIF is not HEIC).
    if (ascii(bytes, 8, 4) !== 'avif') {
      for (let at = 16; at + 4 <= Math.min(size, bytes.length, 64); at += 4) if (HEIF_BRANDS.has(ascii(bytes, at, 4))) return 'image/heic';
    }
  }
  return null;
}

const notPhoto = () => refuse('unsupported', 'photos.refused.notPhoto');
const heic = () => refuse('unsupported', 'photos.refused.heic');
const damaged = () => refuse('invalid', 'photos.refused.damaged');
const tooManyPixels = () => refuse('too_large', 'photos.refused.tooManyPixels', { params: { max: PHOTO_MAX_PIXELS / 1_000_000 } });

/** The file rewritten without metadata, or why it is refused. Never throws. */
export function cleanPhoto(bytes: Uint8Array): Result<CleanPhoto> {
  const type = sniffPhoto(bytes);
  if (type === null) return notPhoto();
  if (type === 'image/heic') return heic();
  // A polyglot: a photo that also carries an HTML document anywhere (after its end, in a comment,
  // in its metadata) is refused whole, not quietly cut down: whoever made it meant something else.
  // The narrower list, as compressed pixel data may hold a short run of letters by chance.
  if (hasMarkup(bytes, DATA_MARKUP)) return damaged();
  let cleaned: Cleaned | Refused;
  try {
    cleaned = type === 'image/jpeg' ? cleanJpeg(bytes) : type === 'image/png' ? cleanPng(bytes) : cleanWebp(bytes);
  } catch {
    // A bound missed somewhere is a damaged file, never an exception.
    return damaged();
  }
  if ('refused' in cleaned) return cleaned.refused;
  if (cleaned.width < 1 || cleaned.height < 1) return damaged();
  if (cleaned.width * cleaned.height > PHOTO_MAX_PIXELS) return tooManyPixels();
  if (cleaned.parts.some((p) => hasMarkup(p.bytes, p.data ? DATA_MARKUP : MARKUP))) return damaged();
  return ok({ bytes: concat(cleaned.parts.map((p) => p.bytes)), type, width: cleaned.width, height: cleaned.height });
}

/** A piece of the output: the image data proper (compressed pixels), or a header/segment around it. */
interface Part {
  bytes: Uint8Array;
  data?: boolean;
}
interface Cleaned {
  parts: Part[];
  width: number;
  height: number;
}
interface Refused {
  refused: ReturnType<typeof refuse>;
}

/**
 * Markup that must not survive in the kept headers, and (narrower, as compressed pixel data may
 * hold any short run of letters by chance) in the image data: the start of an HTML, SVG or XML
 * document a sniffing browser or a careless viewer could run, i.e. `<` and one of these names,
 * followed by white space, `>` or `/`.
 */
const MARKUP = ['!doctype', '!--', '?xml', 'html', 'head', 'body', 'script', 'iframe', 'object', 'embed', 'svg', 'style', 'meta', 'link', 'img', 'form', 'title', 'base', 'frame', 'frameset', 'x:xmpmeta'];
const DATA_MARKUP = ['!doctype', 'html', 'head', 'body', 'script', 'iframe', 'object', 'embed'];

/** Whether `<name` (any case) then white space, `>` or `/` occurs; found with indexOf, as a photo may be megabytes. */
function hasMarkup(bytes: Uint8Array, names: readonly string[]): boolean {
  for (let at = bytes.indexOf(0x3c); at >= 0; at = bytes.indexOf(0x3c, at + 1)) {
    for (const name of names) {
      const end = at + 1 + name.length;
      if (end >= bytes.length) continue;
      let i = 0;
      for (; i < name.length; i++) {
        const want = name.charCodeAt(i);
        const got = bytes[at + 1 + i]!;
        if (got !== want && !(want >= 0x61 && want <= 0x7a && got === want - 0x20)) break;
      }
      const next = bytes[end]!;
      if (i === name.length && (next === 0x3e || next === 0x2f || next === 0x20 || (next >= 0x09 && next <= 0x0d))) return true;
    }
  }
  return false;
}

const concat = concatBytes;

function u16be(b: Uint8Array, at: number): number {
  return (b[at]! << 8) | b[at + 1]!;
}
function u32be(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) >>> 0) + ((b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!);
}
function u16le(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}
function u24le(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
}
function u32le(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16)) + ((b[at + 3]! << 24) >>> 0);
}

// ---------------------------------------------------------------------------------------------
// JPEG (ITU-T T.81; JFIF; EXIF 2.3 for the orientation tag)

const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function segment(marker: number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + body.length);
  out[0] = 0xff;
  out[1] = marker;
  out[2] = (body.length + 2) >> 8;
  out[3] = (body.length + 2) & 0xff;
  out.set(body, 4);
  return out;
}

/** A minimal JFIF APP0: version 1.01, the original's pixel density (units 0–2), no thumbnail. */
function jfif(original: Uint8Array): Uint8Array {
  const units = original.length >= 12 && original[7]! <= 2 ? original[7]! : 0;
  const x = original.length >= 12 ? u16be(original, 8) || 1 : 1;
  const y = original.length >= 12 ? u16be(original, 10) || 1 : 1;
  return segment(0xe0, Uint8Array.of(0x4a, 0x46, 0x49, 0x46, 0, 1, 1, units, x >> 8, x & 0xff, y >> 8, y & 0xff, 0, 0));
}

/** An EXIF APP1 written afresh: a big-endian TIFF header and one IFD holding only Orientation (0x0112). */
export function orientationExif(orientation: number): Uint8Array {
  return segment(0xe1, Uint8Array.of(
    0x45, 0x78, 0x69, 0x66, 0, 0, // "Exif\0\0"
    0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, // "MM", 42, IFD0 at 8
    0, 1, // one entry
    0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, // Orientation, SHORT, 1, value
    0, 0, 0, 0, // no next IFD
  ));
}

/** An Adobe APP14 written afresh: only the colour transform a decoder needs (0 RGB/CMYK, 1 YCbCr, 2 YCCK). */
function adobe(original: Uint8Array): Uint8Array {
  const transform = original.length >= 12 && original[11]! <= 2 ? original[11]! : 0;
  return segment(0xee, Uint8Array.of(0x41, 0x64, 0x6f, 0x62, 0x65, 0, 100, 0, 0, 0, 0, transform));
}

/** The orientation (1–8) in the IFD0 of a TIFF at `t` (6 in a JPEG's APP1, after "Exif\0\0"), or 1 when it has none or cannot be read. */
export function exifOrientation(app1: Uint8Array, t: number): number {
  if (app1.length < t + 8) return 1;
  const little = startsWith(app1, t, 'II');
  if (!little && !startsWith(app1, t, 'MM')) return 1;
  const r16 = (at: number) => (at + 2 <= app1.length ? (little ? u16le(app1, at) : u16be(app1, at)) : -1);
  const r32 = (at: number) => (at + 4 <= app1.length ? (little ? u32le(app1, at) : u32be(app1, at)) : -1);
  if (r16(t + 2) !== 42) return 1;
  const ifd = r32(t + 4);
  if (ifd < 8) return 1;
  const count = r16(t + ifd);
  if (count < 0) return 1;
  for (let i = 0; i < Math.min(count, 512); i++) {
    const entry = t + ifd + 2 + i * 12;
    if (entry + 12 > app1.length) return 1;
    if (r16(entry) === 0x0112 && r16(entry + 2) === 3) {
      const value = r16(entry + 8);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

/** DQT, DHT, DAC, DNL, DRI. */
const TABLES = new Set([0xdb, 0xc4, 0xcc, 0xdc, 0xdd]);

/** Whether a table segment is exactly the tables it says it is. */
function tableHolds(marker: number, body: Uint8Array): boolean {
  if (marker === 0xdd || marker === 0xdc) return body.length === 2;
  if (marker === 0xcc) return body.length > 0 && body.length % 2 === 0;
  let i = 0;
  while (i < body.length) {
    const kind = body[i]! >> 4;
    const id = body[i]! & 15;
    if (kind > 1 || id > 3) return false;
    if (marker === 0xdb) i += 1 + 64 * (kind + 1);
    else {
      if (i + 17 > body.length) return false;
      let codes = 0;
      for (let k = 1; k <= 16; k++) codes += body[i + k]!;
      i += 17 + codes;
    }
  }
  return body.length > 0 && i === body.length;
}

function cleanJpeg(b: Uint8Array): Cleaned | Refused {
  const head: Part[] = [{ bytes: Uint8Array.of(0xff, 0xd8) }];
  const rest: Part[] = [];
  let app0: Uint8Array | undefined;
  let adobe14: Uint8Array | undefined;
  const icc: Uint8Array[] = [];
  let orientation = 1;
  let width = 0;
  let height = 0;
  let sawSof = false;
  let sawScan = false;
  let at = 2;
  for (;;) {
    // A marker: 0xFF, perhaps fill bytes 0xFF, then the marker's code.
    if (at >= b.length || b[at] !== 0xff) return { refused: damaged() };
    while (at < b.length && b[at] === 0xff) at++;
    if (at >= b.length) return { refused: damaged() };
    const marker = b[at++]!;
    if (marker === 0xd9) {
      if (!sawScan) return { refused: damaged() };
      rest.push({ bytes: Uint8Array.of(0xff, 0xd9) });
      break; // anything after EOI is dropped
    }
    if (marker === 0x00 || marker === 0x01 || marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7)) return { refused: damaged() };
    if (at + 2 > b.length) return { refused: damaged() };
    const length = u16be(b, at);
    if (length < 2 || at + length > b.length) return { refused: damaged() };
    const body = b.subarray(at + 2, at + length);
    const whole = b.subarray(at - 2, at + length);
    at += length;
    if (marker === 0xe0) {
      if (!app0 && startsWith(body, 0, 'JFIF\0')) app0 = jfif(body);
    } else if (marker === 0xe1) {
      if (orientation === 1 && startsWith(body, 0, 'Exif\0')) orientation = exifOrientation(body, 6);
    } else if (marker === 0xe2) {
      if (startsWith(body, 0, 'ICC_PROFILE\0')) icc.push(whole);
    } else if (marker === 0xee) {
      if (!adobe14 && startsWith(body, 0, 'Adobe')) adobe14 = adobe(body);
    } else if ((marker >= 0xe3 && marker <= 0xef) || marker === 0xfe) {
      // every other APPn, and comments: dropped
    } else if (SOF_MARKERS.has(marker)) {
      if (sawSof || body.length < 6) return { refused: damaged() };
      sawSof = true;
      height = u16be(body, 1);
      width = u16be(body, 3);
      if (width * height > PHOTO_MAX_PIXELS) return { refused: tooManyPixels() }; // before reading the rest
      const components = body[5]!;
      if (components < 1 || body.length !== 6 + 3 * components) return { refused: damaged() };
      rest.push({ bytes: whole });
    } else if (marker === 0xda) {
      if (!sawSof || body.length < 1 || body.length !== 4 + 2 * body[0]!) return { refused: damaged() };
      rest.push({ bytes: whole });
      // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart.
      const start = at;
      for (;;) {
        at = b.indexOf(0xff, at);
        if (at < 0 || at + 1 >= b.length) return { refused: damaged() }; // no EOI: truncated
        const next = b[at + 1]!;
        if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) at += 2;
        else if (next === 0xff) at += 1;
        else break;
      }
      sawScan = true;
      rest.push({ bytes: b.subarray(start, at), data: true });
    } else if (TABLES.has(marker)) {
      // The image's own tables, kept as they are once their lengths add up (nothing else fits in them).
      if (!tableHolds(marker, body)) return { refused: damaged() };
      rest.push({ bytes: whole });
    }
    // Any other marker (JPGn, DHP, EXP, extensions): dropped.
  }
  if (app0) head.push({ bytes: app0 });
  if (orientation !== 1) head.push({ bytes: orientationExif(orientation) });
  for (const s of icc) head.push({ bytes: s });
  if (adobe14) head.push({ bytes: adobe14 });
  const turned = orientation >= 5;
  return { parts: [...head, ...rest], width: turned ? height : width, height: turned ? width : height };
}

// ---------------------------------------------------------------------------------------------
// PNG (ISO/IEC 15948, PNG third edition)

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The ancillary chunks kept: how the pixels are to be shown, nothing about who made them or when. */
const PNG_KEPT = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'bKGD', 'pHYs', 'cICP']);

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

function cleanPng(b: Uint8Array): Cleaned | Refused {
  const parts: Part[] = [{ bytes: b.subarray(0, 8) }];
  let at = 8;
  let width = 0;
  let height = 0;
  let colourType = -1;
  let orientation = 1;
  let sawPlte = false;
  let sawIdat = false;
  let first = true;
  for (;;) {
    if (at + 12 > b.length) return { refused: damaged() };
    const length = u32be(b, at);
    if (length > 0x7fffffff || at + 12 + length > b.length) return { refused: damaged() };
    const type = ascii(b, at + 4, 4);
    if (!/^[A-Za-z]{4}$/.test(type)) return { refused: damaged() };
    if (crc32(b, at + 4, at + 8 + length) !== u32be(b, at + 8 + length)) return { refused: damaged() };
    const data = b.subarray(at + 8, at + 8 + length);
    const whole = b.subarray(at, at + 12 + length);
    at += 12 + length;
    if (first !== (type === 'IHDR')) return { refused: damaged() };
    if (type === 'IHDR') {
      if (length !== 13) return { refused: damaged() };
      width = u32be(data, 0);
      height = u32be(data, 4);
      colourType = data[9]!;
      const depth = data[8]!;
      const depths: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
      if (!depths[colourType]?.includes(depth) || data[10] !== 0 || data[11] !== 0 || data[12]! > 1) return { refused: damaged() };
      if (width > 0x7fffffff || height > 0x7fffffff) return { refused: damaged() };
      if (width * height > PHOTO_MAX_PIXELS) return { refused: tooManyPixels() }; // before reading the rest
    }
    first = false;
    if (type === 'IEND') {
      if (!sawIdat || (colourType === 3 && !sawPlte)) return { refused: damaged() };
      parts.push({ bytes: whole });
      break; // anything after IEND is dropped
    }
    if (type === 'PLTE') sawPlte = true;
    if (type === 'eXIf' && !sawIdat && orientation === 1) orientation = exifOrientation(data, 0);
    if (type === 'IDAT' && !sawIdat && orientation !== 1) {
      // The orientation alone, in a fresh eXIf before the image data (the TIFF of the JPEG's APP1).
      parts.push({ bytes: pngChunk('eXIf', orientationExif(orientation).subarray(10)) });
    }
    if (type === 'IDAT') sawIdat = true;
    if (type === 'iCCP') {
      // The profile's name is free text: replaced; the compressed profile itself is kept.
      const nul = data.indexOf(0);
      if (nul < 1 || nul > 79 || nul + 2 > data.length) return { refused: damaged() };
      const renamed = new Uint8Array(3 + data.length - nul);
      renamed.set([0x49, 0x43, 0x43], 0); // "ICC"
      renamed.set(data.subarray(nul), 3);
      parts.push({ bytes: pngChunk('iCCP', renamed) });
      continue;
    }
    if (PNG_KEPT.has(type)) parts.push({ bytes: whole, data: type === 'IDAT' });
    else if (!(type.charCodeAt(0) & 0x20)) return { refused: damaged() }; // an unknown critical chunk: cannot be shown
  }
  const turned = orientation >= 5;
  return { parts, width: turned ? height : width, height: turned ? width : height };
}

// ---------------------------------------------------------------------------------------------
// WebP (RIFF container, RFC 9649)

const WEBP_KEPT = new Set(['VP8 ', 'VP8L', 'ALPH', 'ICCP', 'ANIM']);

/** An animation frame written again with its 16-byte header and only its ALPH, VP8 and VP8L chunks; null when it does not add up. */
function animationFrame(data: Uint8Array): Uint8Array | null {
  if (data.length < 16) return null;
  const parts: Uint8Array[] = [data.subarray(0, 16)];
  let at = 16;
  let image = false;
  while (at < data.length) {
    if (at + 8 > data.length) return null;
    const fourcc = ascii(data, at, 4);
    const size = u32le(data, at + 4);
    const end = at + 8 + size + (size & 1);
    if (end > data.length) return null;
    if (fourcc === 'ALPH' || fourcc === 'VP8 ' || fourcc === 'VP8L') parts.push(data.subarray(at, end));
    if (fourcc === 'VP8 ' || fourcc === 'VP8L') image = true;
    at = end;
  }
  if (!image) return null;
  const length = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(8 + length);
  out.set([0x41, 0x4e, 0x4d, 0x46], 0);
  new DataView(out.buffer).setUint32(4, length, true);
  let to = 8;
  for (const p of parts) {
    out.set(p, to);
    to += p.length;
  }
  return out;
}

function cleanWebp(b: Uint8Array): Cleaned | Refused {
  const riffSize = u32le(b, 4);
  if (riffSize < 4 || 8 + riffSize > b.length) return { refused: damaged() };
  const end = 8 + riffSize; // anything after the RIFF's own length is dropped
  const kept: Part[] = [];
  let at = 12;
  let vp8x: Uint8Array | undefined;
  let width = 0;
  let height = 0;
  let image = false;
  let first = true;
  while (at < end) {
    if (at + 8 > end) return { refused: damaged() };
    const fourcc = ascii(b, at, 4);
    const size = u32le(b, at + 4);
    const padded = size + (size & 1);
    if (at + 8 + padded > end) return { refused: damaged() };
    const data = b.subarray(at + 8, at + 8 + size);
    const whole = b.subarray(at, at + 8 + padded);
    at += 8 + padded;
    if (fourcc === 'VP8X') {
      if (!first || size < 10) return { refused: damaged() };
      // Written afresh, 10 bytes: the flags but EXIF (0x08) and XMP (0x04), and the canvas size.
      vp8x = new Uint8Array(18);
      vp8x.set([0x56, 0x50, 0x38, 0x58, 10, 0, 0, 0, data[0]! & 0x3e & ~0x0c]);
      vp8x.set(data.subarray(4, 10), 12);
      width = u24le(data, 4) + 1;
      height = u24le(data, 7) + 1;
      continue;
    }
    if (fourcc === 'VP8 ') {
      // A key frame: frame tag (3 bytes, bit 0 clear), start code 9D 01 2A, 14-bit width and height.
      if (size < 10 || data[0]! & 1 || data[3] !== 0x9d || data[4] !== 0x01 || data[5] !== 0x2a) return { refused: damaged() };
      if (!vp8x) {
        width = u16le(data, 6) & 0x3fff;
        height = u16le(data, 8) & 0x3fff;
      }
      image = true;
    } else if (fourcc === 'VP8L') {
      if (size < 5 || data[0] !== 0x2f) return { refused: damaged() };
      if (!vp8x) {
        const bits = u32le(data, 1);
        width = (bits & 0x3fff) + 1;
        height = ((bits >>> 14) & 0x3fff) + 1;
      }
      image = true;
    } else if (fourcc === 'ANMF') {
      if (!vp8x) return { refused: damaged() };
      const frame = animationFrame(data);
      if (!frame) return { refused: damaged() };
      kept.push({ bytes: frame, data: true });
      image = true;
      first = false;
      continue;
    }
    if (first && !vp8x && fourcc !== 'VP8 ' && fourcc !== 'VP8L') return { refused: damaged() };
    first = false;
    if (WEBP_KEPT.has(fourcc)) kept.push({ bytes: whole, data: fourcc !== 'ICCP' && fourcc !== 'ANIM' });
    // EXIF, XMP and unknown chunks: dropped
  }
  if (!image) return { refused: damaged() };
  if (vp8x) kept.unshift({ bytes: vp8x });
  const body = kept.reduce((n, p) => n + p.bytes.length, 0);
  const header = new Uint8Array(12);
  header.set([0x52, 0x49, 0x46, 0x46], 0);
  new DataView(header.buffer).setUint32(4, body + 4, true);
  header.set([0x57, 0x45, 0x42, 0x50], 8);
  return { parts: [{ bytes: header }, ...kept], width, height };
}

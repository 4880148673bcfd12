/**
 * PLACEHOLDER for the photo cleaner (type by magic bytes, metadata stripped without decoding
 * pixels). The real module replaces this file whole; only its interface is relied on elsewhere.
 * This one is deliberately crude: JPEG keeps only SOI, DQT/DHT/SOFn/SOS and the scan (every APPn
 * and COM dropped), PNG only IHDR/PLTE/IDAT/IEND and a few colour chunks, WebP only the image chunks.
 */
import { ok, refuse, type Result } from '../cases/result.ts';

export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp';
export interface CleanPhoto {
  bytes: Uint8Array;
  type: PhotoType;
  width: number;
  height: number;
}

const ascii = (b: Uint8Array, at: number, text: string) => [...text].every((ch, i) => b[at + i] === ch.charCodeAt(0));

/** The type the bytes are, by their first bytes alone; null for anything else. */
export function sniffPhoto(bytes: Uint8Array): PhotoType | 'image/heic' | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes[0] === 0x89 && ascii(bytes, 1, 'PNG\r\n\x1a\n')) return 'image/png';
  if (bytes.length >= 12 && ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return 'image/webp';
  if (bytes.length >= 12 && ascii(bytes, 4, 'ftyp') && ['heic', 'heix', 'mif1', 'msf1', 'hevc', 'heif'].some((b) => ascii(bytes, 8, b))) return 'image/heic';
  return null;
}

const unreadable = () => refuse('invalid', 'photos.errors.unreadable');

function cleanJpeg(b: Uint8Array): Result<CleanPhoto> {
  const out: Uint8Array[] = [b.subarray(0, 2)];
  let i = 2;
  let width = 0;
  let height = 0;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return unreadable();
    const marker = b[i + 1]!;
    const length = (b[i + 2]! << 8) | b[i + 3]!;
    if (length < 2 || i + 2 + length > b.length) return unreadable();
    const segment = b.subarray(i, i + 2 + length);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      height = (b[i + 5]! << 8) | b[i + 6]!;
      width = (b[i + 7]! << 8) | b[i + 8]!;
    }
    if (marker === 0xda) {
      // The scan runs to the end-of-image marker, which must be there (a cut file is refused).
      const end = lastEoi(b);
      if (end < i) return unreadable();
      out.push(b.subarray(i, end + 2));
      if (!width || !height) return unreadable();
      // Anything after the image (an HTML page glued on) is not an image: refused.
      if (end + 2 !== b.length) return unreadable();
      return ok({ bytes: join(out), type: 'image/jpeg', width, height });
    }
    if (!((marker >= 0xe0 && marker <= 0xef) || marker === 0xfe)) out.push(segment);
    i += 2 + length;
  }
  return unreadable();
}

function lastEoi(b: Uint8Array): number {
  for (let i = b.length - 2; i >= 0; i--) if (b[i] === 0xff && b[i + 1] === 0xd9) return i;
  return -1;
}

function join(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const u32 = (b: Uint8Array, i: number) => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
const u32le = (b: Uint8Array, i: number) => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
const PNG_KEEP = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'pHYs', 'bKGD']);

function cleanPng(b: Uint8Array): Result<CleanPhoto> {
  const out: Uint8Array[] = [b.subarray(0, 8)];
  let i = 8;
  let width = 0;
  let height = 0;
  while (i + 12 <= b.length) {
    const length = u32(b, i);
    const type = String.fromCharCode(...b.subarray(i + 4, i + 8));
    if (i + 12 + length > b.length) return unreadable();
    if (type === 'IHDR') {
      width = u32(b, i + 8);
      height = u32(b, i + 12);
    }
    if (PNG_KEEP.has(type)) out.push(b.subarray(i, i + 12 + length));
    i += 12 + length;
    if (type === 'IEND') {
      if (i !== b.length || !width || !height) return unreadable();
      return ok({ bytes: join(out), type: 'image/png', width, height });
    }
  }
  return unreadable();
}

function cleanWebp(b: Uint8Array): Result<CleanPhoto> {
  if (u32le(b, 4) + 8 !== b.length) return unreadable();
  const kept: Uint8Array[] = [];
  let i = 12;
  let width = 0;
  let height = 0;
  let vp8x: Uint8Array | null = null;
  while (i + 8 <= b.length) {
    const type = String.fromCharCode(...b.subarray(i, i + 4));
    const length = u32le(b, i + 4);
    const end = i + 8 + length + (length & 1);
    if (i + 8 + length > b.length) return unreadable();
    const chunk = b.slice(i, Math.min(end, b.length));
    if (type === 'VP8X') {
      width = 1 + (b[i + 12]! | (b[i + 13]! << 8) | (b[i + 14]! << 16));
      height = 1 + (b[i + 15]! | (b[i + 16]! << 8) | (b[i + 17]! << 16));
      chunk[8] = chunk[8]! & ~0x0c; // no EXIF, no XMP
      vp8x = chunk;
    } else if (type === 'VP8 ') {
      if (!width) {
        width = (b[i + 14]! | (b[i + 15]! << 8)) & 0x3fff;
        height = (b[i + 16]! | (b[i + 17]! << 8)) & 0x3fff;
      }
      kept.push(chunk);
    } else if (type === 'VP8L') {
      if (!width) {
        const bits = u32le(b, i + 9);
        width = (bits & 0x3fff) + 1;
        height = ((bits >>> 14) & 0x3fff) + 1;
      }
      kept.push(chunk);
    } else if (type === 'ALPH' || type === 'ICCP' || type === 'ANIM' || type === 'ANMF') kept.push(chunk);
    i = end;
  }
  if (!width || !height || kept.length === 0) return unreadable();
  const body = join([...(vp8x ? [vp8x] : []), ...kept]);
  const head = new Uint8Array(12);
  head.set(b.subarray(0, 12));
  const size = body.length + 4;
  head.set([size & 0xff, (size >>> 8) & 0xff, (size >>> 16) & 0xff, (size >>> 24) & 0xff], 4);
  return ok({ bytes: join([head, body]), type: 'image/webp', width, height });
}

/** The photo rewritten without its metadata, or refused (not a photo we take, cut short, or more than an image). */
export function cleanPhoto(bytes: Uint8Array): Result<CleanPhoto> {
  const type = sniffPhoto(bytes);
  if (type === 'image/jpeg') return cleanJpeg(bytes);
  if (type === 'image/png') return cleanPng(bytes);
  if (type === 'image/webp') return cleanWebp(bytes);
  return refuse('unsupported', 'photos.errors.type');
}

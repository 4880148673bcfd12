/**
 * Photos carrying everything a phone writes into them (GPS, serial number, times, XMP, text
 * chunks), built in the test from small images Chromium encoded (a 16 × 8 picture: left half red,
 * right half blue), and a small reader that lists what a file holds, independent of
 * worker/photos/clean.ts. The one set of photo fixtures of every test: the worker's (in workerd),
 * the site's and the browser tests' (in Node) import this file, so it uses nothing of either
 * runtime alone (no Buffer, no node:zlib: a PNG's data is stored in deflate's uncompressed blocks).
 */
import { concatBytes } from '../../core/bytes.ts';

export const fromBase64 = (s: string): Uint8Array => Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0));
/** Bytes read as Latin-1 (one character a byte), in slices small enough for any runtime's argument list. */
const latin1 = (b: Uint8Array): string => {
  let out = '';
  for (let i = 0; i < b.length; i += 0x8000) out += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return out;
};
export const toBase64 = (b: Uint8Array): string => btoa(latin1(b));

/** Chromium's canvas.toDataURL('image/jpeg', 0.8) of the picture: JFIF, an ICC profile, baseline DCT. */
export const BASE_JPEG = fromBase64(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAIABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAAAAYH/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/EABQBAQAAAAAAAAAAAAAAAAAAAAb/xAAYEQACAwAAAAAAAAAAAAAAAAAAB0SCwv/aAAwDAQACEQMRAD8AyxEgVLOVTY1YUa+T/9k=',
);

/** Chromium's canvas.toDataURL('image/webp', 0.8): VP8X, ICCP, a lossy VP8 frame. */
export const BASE_WEBP = fromBase64(
  'UklGRiACAABXRUJQVlA4WAoAAAAgAAAADwAABwAASUNDUMgBAAAAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADZWUDggMgAAAJABAJ0BKhAACAABQCYloAJ0ugADmAD++Zt//unsf+Ur/+Whekn/loX/5aEVX/loOZAA',
);

/** Chromium's canvas.toDataURL('image/webp', 1): VP8X, ICCP, a lossless VP8L frame. */
export const BASE_WEBP_LOSSLESS = fromBase64(
  'UklGRggCAABXRUJQVlA4WAoAAAAgAAAADwAABwAASUNDUMgBAAAAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADZWUDhMGgAAAC8PwAEADxDT/ZHu+Q8HYsFk/tKdKUT0PzIA',
);

/** What the metadata below says, each a string that must be gone from a cleaned file. */
export const SECRETS = {
  make: 'QinglianCam',
  model: 'QL-9 Pro Max',
  serial: 'SN-7741-QX-0042',
  date: '2026:11:03 14:22:51',
  owner: 'Zhang San 张三',
  xmp: 'x:xmpmeta',
  xmpSecret: 'xmp-owner-li-si',
  comment: 'shot at the back of the village committee office',
  iptc: 'IPTC-byline-wang-wu',
  pngText: 'png-author-zhao-liu',
  pngKeyword: 'Author',
  unknownChunk: 'private-chunk-data',
};
/** The GPS latitude written (28° 12′ 34.56″ N), as the rational numerators a reader could find. */
export const GPS_LATITUDE = [28, 12, 3456];

const enc = new TextEncoder();
const text = (s: string) => enc.encode(s);

export const concat = (...parts: Uint8Array[]): Uint8Array => concatBytes(parts);

// --- EXIF (a TIFF file) ---------------------------------------------------------------------

type TiffEntry = { tag: number; type: 2 | 3 | 4 | 5; value: string | number[] };
const TYPE_SIZE = { 2: 1, 3: 2, 4: 4, 5: 8 } as const;

function entryData(e: TiffEntry): Uint8Array {
  if (e.type === 2) return concat(text(e.value as string), Uint8Array.of(0));
  const values = e.value as number[];
  const out = new Uint8Array(values.length * TYPE_SIZE[e.type]);
  const v = new DataView(out.buffer);
  values.forEach((n, i) => {
    if (e.type === 3) v.setUint16(i * 2, n, true);
    else if (e.type === 4) v.setUint32(i * 4, n, true);
    else {
      v.setUint32(i * 8, n, true);
      v.setUint32(i * 8 + 4, n === 3456 ? 100 : 1, true);
    }
  });
  return out;
}

function ifdSize(entries: TiffEntry[]): number {
  return 2 + entries.length * 12 + 4 + entries.reduce((n, e) => { const d = entryData(e).length; return n + (d > 4 ? d + (d & 1) : 0); }, 0);
}

function ifd(entries: TiffEntry[], offset: number): Uint8Array {
  const out = new Uint8Array(ifdSize(entries));
  const v = new DataView(out.buffer);
  v.setUint16(0, entries.length, true);
  let extra = 2 + entries.length * 12 + 4;
  entries.forEach((e, i) => {
    const at = 2 + i * 12;
    const data = entryData(e);
    v.setUint16(at, e.tag, true);
    v.setUint16(at + 2, e.type, true);
    v.setUint32(at + 4, e.type === 2 ? data.length : (e.value as number[]).length, true);
    if (data.length <= 4) out.set(data, at + 8);
    else {
      v.setUint32(at + 8, offset + extra, true);
      out.set(data, extra);
      extra += data.length + (data.length & 1);
    }
  });
  return out;
}

/** A little-endian TIFF as phones write it: IFD0 (make, model, orientation, date), the EXIF IFD (serial, original date, owner), the GPS IFD. */
export function exifTiff(orientation: number): Uint8Array {
  const gps: TiffEntry[] = [
    { tag: 0x0001, type: 2, value: 'N' },
    { tag: 0x0002, type: 5, value: GPS_LATITUDE },
    { tag: 0x0003, type: 2, value: 'E' },
    { tag: 0x0004, type: 5, value: [112, 58, 3456] },
  ];
  const exif: TiffEntry[] = [
    { tag: 0x9003, type: 2, value: SECRETS.date },
    { tag: 0xa430, type: 2, value: SECRETS.owner },
    { tag: 0xa431, type: 2, value: SECRETS.serial },
  ];
  const ifd0 = (exifAt: number, gpsAt: number): TiffEntry[] => [
    { tag: 0x010f, type: 2, value: SECRETS.make },
    { tag: 0x0110, type: 2, value: SECRETS.model },
    { tag: 0x0112, type: 3, value: [orientation] },
    { tag: 0x0132, type: 2, value: SECRETS.date },
    { tag: 0x8769, type: 4, value: [exifAt] },
    { tag: 0x8825, type: 4, value: [gpsAt] },
  ];
  const size0 = ifdSize(ifd0(0, 0));
  const exifAt = 8 + size0;
  const gpsAt = exifAt + ifdSize(exif);
  return concat(Uint8Array.of(0x49, 0x49, 0x2a, 0, 8, 0, 0, 0), ifd(ifd0(exifAt, gpsAt), 8), ifd(exif, exifAt), ifd(gps, gpsAt));
}

export const XMP_PACKET = `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:exif="http://ns.adobe.com/exif/1.0/"><dc:creator>${SECRETS.xmpSecret}</dc:creator><exif:GPSLatitude>28,12.576N</exif:GPSLatitude></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

// --- JPEG ---------------------------------------------------------------------------------

export function jpegSegment(marker: number, body: Uint8Array): Uint8Array {
  return concat(Uint8Array.of(0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff), body);
}

/** A JPEG as a phone writes it: EXIF (GPS, serial, dates, the given orientation), XMP, IPTC, a comment, a maker's APP. */
export function jpegWithMetadata(orientation = 6, base: Uint8Array = BASE_JPEG): Uint8Array {
  const segments = [
    jpegSegment(0xe1, concat(text('Exif\0\0'), exifTiff(orientation))),
    jpegSegment(0xe1, concat(text('http://ns.adobe.com/xap/1.0/\0'), text(XMP_PACKET))),
    jpegSegment(0xed, concat(text('Photoshop 3.0\0' + '8BIM'), Uint8Array.of(4, 4, 0, 0, 0, 0, 0, 24), Uint8Array.of(0x1c, 2, 0x50, 0, 19), text(SECRETS.iptc))),
    jpegSegment(0xe9, text(`maker notes ${SECRETS.serial}`)),
    jpegSegment(0xfe, text(SECRETS.comment)),
  ];
  // After SOI and the JFIF APP0, as phones place them; a comment also late among the tables.
  const app0End = base[3] === 0xe0 ? 2 + 2 + ((base[4]! << 8) | base[5]!) : 2;
  return concat(base.subarray(0, app0End), ...segments, base.subarray(app0End));
}

/** The JPEG without its JFIF APP0, as most phones write theirs (EXIF first). */
export function withoutJfif(jpeg: Uint8Array): Uint8Array {
  return jpeg[3] === 0xe0 ? concat(jpeg.subarray(0, 2), jpeg.subarray(4 + ((jpeg[4]! << 8) | jpeg[5]!))) : jpeg;
}

export interface JpegSegmentInfo {
  marker: number;
  body: Uint8Array;
}

/** The segments before the first scan, and what follows the first EOI (independent reader). */
export function jpegSegments(bytes: Uint8Array): { segments: JpegSegmentInfo[]; afterEoi: number } {
  const segments: JpegSegmentInfo[] = [];
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    segments.push({ marker, body: bytes.subarray(at + 4, at + 2 + length) });
    at += 2 + length;
    if (marker === 0xda) break;
  }
  let eoi = -1;
  for (let i = at; i + 1 < bytes.length; i++) if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) { eoi = i; break; }
  return { segments, afterEoi: eoi < 0 ? -1 : bytes.length - eoi - 2 };
}

// --- PNG ----------------------------------------------------------------------------------

/** A zlib stream of `data` in deflate's stored (uncompressed) blocks: valid for every inflater, and as long as the data says. */
export function zlibStored(data: Uint8Array): Uint8Array {
  const blocks: Uint8Array[] = [Uint8Array.of(0x78, 0x01)];
  for (let at = 0; at < data.length || at === 0; at += 0xffff) {
    const part = data.subarray(at, at + 0xffff);
    const last = at + 0xffff >= data.length ? 1 : 0;
    blocks.push(Uint8Array.of(last, part.length & 0xff, part.length >> 8, ~part.length & 0xff, (~part.length >> 8) & 0xff), part);
    if (data.length === 0) break;
  }
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  const adler = new Uint8Array(4);
  new DataView(adler.buffer).setUint32(0, ((b << 16) | a) >>> 0);
  return concat(...blocks, adler);
}

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, data.length);
  out.set(text(type), 4);
  out.set(data, 8);
  v.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** The picture as an RGB PNG, with every text chunk, eXIf (GPS, serial, the given orientation), tIME and a private chunk. */
export function pngWithMetadata(orientation = 6, width = 16, height = 8): Uint8Array {
  const raw = new Uint8Array(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw.set(x < width / 2 ? [0xdd, 0, 0] : [0, 0, 0xdd], y * (1 + width * 3) + 1 + x * 3);
  }
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, width);
  new DataView(ihdr.buffer).setUint32(4, height);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return concat(
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('sRGB', Uint8Array.of(0)),
    pngChunk('tEXt', text(`${SECRETS.pngKeyword}\0${SECRETS.pngText}`)),
    pngChunk('tIME', Uint8Array.of(0x07, 0xea, 11, 3, 14, 22, 51)),
    pngChunk('eXIf', exifTiff(orientation)),
    pngChunk('iTXt', concat(text('XML:com.adobe.xmp\0\0\0\0\0'), text(XMP_PACKET))),
    pngChunk('zTXt', concat(text('Comment\0\0'), zlibStored(text(SECRETS.comment)))),
    pngChunk('prVt', text(SECRETS.unknownChunk)),
    pngChunk('IDAT', zlibStored(raw)),
    pngChunk('tEXt', text(`Software\0${SECRETS.model}`)),
    pngChunk('IEND', new Uint8Array(0)),
  );
}

/** Every chunk's CRC written again where its length fits, so that a mutation reaches the parser behind the CRC check. */
export function fixPngCrcs(bytes: Uint8Array): Uint8Array {
  const b = bytes.slice();
  const v = new DataView(b.buffer);
  let at = 8;
  while (at + 12 <= b.length) {
    const length = v.getUint32(at);
    if (at + 12 + length > b.length) break;
    v.setUint32(at + 8 + length, crc32(b.subarray(at + 4, at + 8 + length)));
    at += 12 + length;
  }
  return b;
}

export function pngChunkTypes(bytes: Uint8Array): string[] {
  const types: string[] = [];
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(at);
    types.push(String.fromCharCode(...bytes.subarray(at + 4, at + 8)));
    at += 12 + length;
  }
  return types;
}

// --- WebP ---------------------------------------------------------------------------------

export function riffChunk(fourcc: string, data: Uint8Array): Uint8Array {
  const head = concat(text(fourcc), new Uint8Array(4));
  new DataView(head.buffer).setUint32(4, data.length, true);
  return concat(head, data, data.length & 1 ? new Uint8Array(1) : new Uint8Array(0));
}

export function webpChunks(bytes: Uint8Array): { fourcc: string; data: Uint8Array }[] {
  const chunks: { fourcc: string; data: Uint8Array }[] = [];
  const v = new DataView(bytes.buffer, bytes.byteOffset);
  let at = 12;
  while (at + 8 <= bytes.length) {
    const size = v.getUint32(at + 4, true);
    chunks.push({ fourcc: String.fromCharCode(...bytes.subarray(at, at + 4)), data: bytes.subarray(at + 8, at + 8 + size) });
    at += 8 + size + (size & 1);
  }
  return chunks;
}

export function riff(chunks: Uint8Array[]): Uint8Array {
  const body = concat(text('WEBP'), ...chunks);
  const head = concat(text('RIFF'), new Uint8Array(4));
  new DataView(head.buffer).setUint32(4, body.length, true);
  return concat(head, body);
}

/** The WebP with EXIF (GPS, serial) and XMP chunks added and flagged in VP8X. */
export function webpWithMetadata(base: Uint8Array = BASE_WEBP): Uint8Array {
  const chunks = webpChunks(base).map((c) => {
    if (c.fourcc !== 'VP8X') return riffChunk(c.fourcc, c.data);
    const data = c.data.slice();
    data[0] = data[0]! | 0x08 | 0x04;
    return riffChunk('VP8X', data);
  });
  return riff([...chunks, riffChunk('EXIF', exifTiff(1)), riffChunk('XMP ', text(XMP_PACKET)), riffChunk('prVt', text(SECRETS.unknownChunk))]);
}

/** The same picture as a simple WebP: one VP8 (or VP8L) chunk, no VP8X. */
export function simpleWebp(base: Uint8Array = BASE_WEBP): Uint8Array {
  const frame = webpChunks(base).find((c) => c.fourcc === 'VP8 ' || c.fourcc === 'VP8L')!;
  return riff([riffChunk(frame.fourcc, frame.data)]);
}

/** The picture as a one-frame animated WebP (VP8X, ANIM, ANMF), its frame carrying an EXIF chunk of its own. */
export function animatedWebp(): Uint8Array {
  const frame = webpChunks(BASE_WEBP).find((c) => c.fourcc === 'VP8 ')!;
  const vp8x = Uint8Array.of(0x02, 0, 0, 0, 15, 0, 0, 7, 0, 0);
  const anim = Uint8Array.of(255, 255, 255, 255, 0, 0);
  const header = Uint8Array.of(0, 0, 0, 0, 0, 0, 15, 0, 0, 7, 0, 0, 100, 0, 0, 0);
  return riff([riffChunk('VP8X', vp8x), riffChunk('ANIM', anim), riffChunk('ANMF', concat(header, riffChunk('VP8 ', frame.data), riffChunk('EXIF', exifTiff(1))))]);
}

/** A file as an iPhone writes HEIC: an ftyp box with brand heic (the rest need not be real here). */
export function heicStub(): Uint8Array {
  return concat(Uint8Array.of(0, 0, 0, 0x18), text('ftypheic'), Uint8Array.of(0, 0, 0, 0), text('mif1heic'), new Uint8Array(64));
}

/** Every string of SECRETS (and the XMP packet's marks) that occurs in the bytes, read as Latin-1 and as UTF-8. */
export function secretsIn(bytes: Uint8Array): string[] {
  const latin = latin1(bytes);
  const utf8 = new TextDecoder().decode(bytes);
  return [...Object.values(SECRETS), 'xpacket', 'GPSLatitude', 'Photoshop', '8BIM'].filter((s) => latin.includes(s) || utf8.includes(s));
}

// --- What the worker's tests send and read ------------------------------------------------

/** The GPS latitude's rationals as the EXIF stores them (little-endian): found nowhere after cleaning. */
export const GPS_LATITUDE_BYTES = entryData({ tag: 0x0002, type: 5, value: GPS_LATITUDE });

/** The picture as a JPEG with nothing of a phone's in it (Chromium's own JFIF and ICC profile only). */
export const plainJpeg = (): Uint8Array => BASE_JPEG.slice();

/** Whether `needle` occurs in `bytes`. */
export function contains(bytes: Uint8Array, needle: Uint8Array | string): boolean {
  const n = typeof needle === 'string' ? text(needle) : needle;
  outer: for (let i = 0; i + n.length <= bytes.length; i++) {
    for (let j = 0; j < n.length; j++) if (bytes[i + j] !== n[j]) continue outer;
    return true;
  }
  return false;
}

/** The dimensions a JPEG's frame header says (independent reader). */
export function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  let i = 2;
  while (i + 9 < b.length && b[i] === 0xff) {
    const m = b[i + 1]!;
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    if (m >= 0xc0 && m <= 0xc3) return { height: (b[i + 5]! << 8) | b[i + 6]!, width: (b[i + 7]! << 8) | b[i + 8]! };
    i += 2 + len;
  }
  return null;
}

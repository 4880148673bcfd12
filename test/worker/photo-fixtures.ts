/**
 * Photos as phones send them, for the tests: small real images (encoded by Chromium's canvas) with
 * the metadata a phone adds written into them: a JPEG with EXIF (make, model, serial number, the
 * date, GPS), a PNG with text chunks and a time, a WebP with EXIF and XMP. `PHOTO_SECRETS` are the
 * strings none of which may survive storage.
 */
import { concatBytes } from '../../core/bytes.ts';

const JPEG_64x48 = '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAoHBwgHBgoICAgLCgoLDhgQDg0NDh0VFhEYIx8lJCIfIiEmKzcvJik0KSEiMEExNDk7Pj4+JS5ESUM8SDc9Pjv/2wBDAQoLCw4NDhwQEBw7KCIoOzs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozv/wAARCAAwAEADASIAAhEBAxEB/8QAGQABAQEBAQEAAAAAAAAAAAAAAgEABAUG/8QAIhABAQAAAwkBAAAAAAAAAAAAAQARFTEDBRMWISIyMzRS/8QAFwEBAQEBAAAAAAAAAAAAAAAABAUDBv/EABsRAQEBAAIDAAAAAAAAAAAAAAIAARESMVFx/9oADAMBAAIRAxEAPwD1txcj5NsM4+7u4vu/Th49NMNL41bLFY5zni67D0S3tu8+98fLLFbLRmA2LVFi1WKzQIjVli2WKzQIbV2LFbLRaEBWmqLFarFZoENqi0WyxWaBEassVstFmgxGrrWK1YrQQKy1Rotlis4CI1Zitlos0CG1RYrVYrNBiNX/2Q==';
const PNG_32x24 = 'iVBORw0KGgoAAAANSUhEUgAAACAAAAAYCAYAAACbU/80AAADVElEQVR4AYxWy2oVQRDtrvqkvi5EUARFEQ0KQSQLcSEufIAPULIIAUUhKPgAxYW4EEHJIgQJKopCcCHC/aVUeapreqY7d24eUNTU45w6XdNzCf1Lh/RvOqx/0hHdTsf0VzquP9JJ/ZZO61Y6q5tpQTfSBV1Pi/o5XdKPaUk/pMv6Pl3Rd+mqvk3X9E26rq/STX2RbuuzdFfX0n19kpb1UVrR1bSqK+mhLqfH+iCt6b30VO+k53orvdQb6bWSBA47gULtpYslxKB4trqO9FleRvICjCAvB8BTITk63Q7Hp7/DienPcGr6PZyZboVz0y9ZnIJsB2SSiU1sMc51yXVqDuH9nOvz8RTIixTm/dXk0ggwctuQexkVQY0oafCUxWEDEU3zBZQNzfqI18MgicAzjLJ5nz/LPqLs8PkOCJTtvQEf4uSMoYRh3HvDF1NwDX0FFzux1OCsDxvw5NfJmbA1WQibk/NhY7IY1icXw6fJEgBeLwMMJAc4md0BRZ9AkMA7zrjMuBefN+DFIVliyWDqRFAGGWkhNy89Oef6bEwN3utlIzF0GyhNPIfE82W4k1BeqzQi+UB456GMx1fgJ5N8kgi1DJKYi2UTu710Qz3f4p18b3yNyxuoQUbuMUFMMYYoQsyj3vuHoR4T+ovxKE5w6JE7UE5EHQEDXMiLJ9QYeRrxu/EWF1zxAy5vwJT4WniEdAD5ySKGUmc80k+ocZN3HHWvtcXjDjCaY1ekGfAgzk7S1gU/z4o12tfgvq23hxrwku8QY1b+CurhRmDGEEVo4FHvw2JXj534iJh6a4fzCI/1c6juAFXg2JP6MKvxCAkBw33eT0bI0YHxo3fAhw4iBmLuhlEeInn99sxdvvZjeOr6qMdXG+CuOOslvzMCyEgLCVf9EbU6piYe8ITNtHgIIDSXZPFckRPq3MRlQwMxo4ey7f/uCSIYfBEe/w8UEsUpDax7rpUwhAGm7Au2+AFv5Nz3WV7m8DZ3wIdHkFNvDi4x70k64L1PcShpzPNSicErmE1KBTISF1H3mcg6JgjmXlzBO476vP1eSB4esX7vbzbgRWrIjER7kNXMGD3mi3E1hFDjJh7whotVHXegLg4KqWrihkyq7Zg46cVZX01uMY3ySMXxHwAA//942sgVAAAABklEQVQDAG+CGn2pD7SPAAAAAElFTkSuQmCC';
const WEBP_40x30 = 'UklGRnoCAABXRUJQVlA4WAoAAAAgAAAAJwAAHQAASUNDUMgBAAAAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADZWUDggjAAAAJAEAJ0BKigAHgA+nUqfTCWkIqIlaACwE4lkAJ0zR0hAgBzYAonM/FOjuv/3wADif1bRVjqnHgGht3ZqPffNFk+rLs3aMkKcsSH3h/tIZ/su6XNX+Xy5eKaQcKR9NYxDYQF9GVD3ivyaXW4bktFCTAyBVat9s+plnC+AWkaD6bI963jZC0XilAE3SsAA';

export const PHOTO_SECRETS = ['SecretPhone', 'Model-X1000', 'SN-77001234', '2026:11:30 09:15:00', 'GPS-DATUM-SECRET', 'Shot at Qinglian well', 'xmp-secret-creator', 'Comment-in-chunk'];

const decode = (b64: string): Uint8Array => Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

const concat = (...parts: Uint8Array[]): Uint8Array => concatBytes(parts);

interface Entry {
  tag: number;
  type: 2 | 3 | 4 | 5; // ASCII, SHORT, LONG, RATIONAL
  count: number;
  data: Uint8Array; // little-endian value bytes
}
const asciiEntry = (tag: number, text: string): Entry => ({ tag, type: 2, count: text.length + 1, data: concat(ascii(text), new Uint8Array(1)) });
const le32 = (n: number) => new Uint8Array([n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff]);
const le16 = (n: number) => new Uint8Array([n & 0xff, (n >>> 8) & 0xff]);

/** One IFD at `offset` (from the TIFF header), its values that do not fit inline after it. */
function ifd(entries: Entry[], offset: number): Uint8Array {
  const sorted = [...entries].sort((a, b) => a.tag - b.tag);
  let dataAt = offset + 2 + sorted.length * 12 + 4;
  const heads: Uint8Array[] = [];
  const data: Uint8Array[] = [];
  for (const e of sorted) {
    let value: Uint8Array;
    if (e.data.length <= 4) {
      value = new Uint8Array(4);
      value.set(e.data);
    } else {
      value = le32(dataAt);
      const padded = e.data.length %2 ? concat(e.data, new Uint8Array(1)) : e.data;
      data.push(padded);
      dataAt += padded.length;
    }
    heads.push(concat(le16(e.tag), le16(e.type), le32(e.count), value));
  }
  return concat(le16(sorted.length), ...heads, le32(0), ...data);
}

const ifdLength = (entries: Entry[]) => ifd(entries, 0).length;

/** A TIFF block as EXIF carries it: IFD0 (make, model, date), the Exif IFD (date taken, serial) and the GPS IFD. */
function exifTiff(): Uint8Array {
  const exifIfd = [asciiEntry(0x9003, '2026:11:30 09:15:00'), asciiEntry(0xa431, 'SN-77001234')];
  const rational = (n: number, d: number) => concat(le32(n), le32(d));
  const gpsIfd: Entry[] = [
    { tag: 0x0001, type: 2, count: 2, data: ascii('N\0') },
    { tag: 0x0002, type: 5, count: 3, data: concat(rational(29, 1), rational(36, 1), rational(123456, 10000)) },
    { tag: 0x0003, type: 2, count: 2, data: ascii('E\0') },
    { tag: 0x0004, type: 5, count: 3, data: concat(rational(112, 1), rational(17, 1), rational(654321, 10000)) },
    asciiEntry(0x0012, 'GPS-DATUM-SECRET'),
  ];
  const base = [asciiEntry(0x010f, 'SecretPhone'), asciiEntry(0x0110, 'Model-X1000'), { tag: 0x0112, type: 3 as const, count: 1, data: le16(1) }, asciiEntry(0x0132, '2026:11:30 09:15:00')];
  // IFD0 with two pointers; its length does not depend on the pointers' values.
  const ifd0Length = ifdLength([...base, { tag: 0x8769, type: 4, count: 1, data: le32(0) }, { tag: 0x8825, type: 4, count: 1, data: le32(0) }]);
  const exifAt = 8 + ifd0Length;
  const gpsAt = exifAt + ifdLength(exifIfd);
  const ifd0 = ifd([...base, { tag: 0x8769, type: 4, count: 1, data: le32(exifAt) }, { tag: 0x8825, type: 4, count: 1, data: le32(gpsAt) }], 8);
  return concat(ascii('II'), le16(42), le32(8), ifd0, ifd(exifIfd, exifAt), ifd(gpsIfd, gpsAt));
}

/** The GPS latitude's bytes as stored in the EXIF (29/1, 36/1, 123456/10000): found nowhere after cleaning. */
export const GPS_LATITUDE_BYTES = concat(le32(29), le32(1), le32(36), le32(1), le32(123456), le32(10000));

const segment = (marker: number, body: Uint8Array) => concat(new Uint8Array([0xff, marker, ((body.length + 2) >> 8) & 0xff, (body.length + 2) & 0xff]), body);

/** A 64×48 JPEG with EXIF (make, model, serial, dates, GPS), an XMP packet and a comment. */
export function jpegWithMetadata(): Uint8Array {
  const base = decode(JPEG_64x48);
  const exif = segment(0xe1, concat(ascii('Exif\0\0'), exifTiff()));
  const xmp = segment(0xe1, ascii('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><dc:creator>xmp-secret-creator</dc:creator></x:xmpmeta>'));
  const comment = segment(0xfe, ascii('Comment-in-chunk'));
  return concat(base.subarray(0, 2), exif, xmp, comment, base.subarray(2));
}

export function plainJpeg(): Uint8Array {
  return decode(JPEG_64x48);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
const be32 = (n: number) => new Uint8Array([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
function pngChunk(type: string, body: Uint8Array): Uint8Array {
  const typed = concat(ascii(type), body);
  return concat(be32(body.length), typed, be32(crc32(typed)));
}

/** A 32×24 PNG with tEXt, iTXt, tIME and eXIf chunks after its header. */
export function pngWithText(): Uint8Array {
  const base = decode(PNG_32x24);
  const afterIhdr = 8 + 25;
  const chunks = concat(
    pngChunk('tEXt', ascii('Comment\0Shot at Qinglian well')),
    pngChunk('iTXt', ascii('Author\0\0\0\0\0xmp-secret-creator')),
    pngChunk('tIME', new Uint8Array([0x07, 0xea, 11, 30, 9, 15, 0])),
    pngChunk('eXIf', exifTiff()),
    pngChunk('tEXt', ascii('Source\0SecretPhone Model-X1000')),
  );
  return concat(base.subarray(0, afterIhdr), chunks, base.subarray(afterIhdr));
}

const le24 = (n: number) => new Uint8Array([n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff]);
function riffChunk(type: string, body: Uint8Array): Uint8Array {
  return concat(ascii(type), le32(body.length), body, body.length % 2 ? new Uint8Array(1) : new Uint8Array(0));
}

/** A 40×30 WebP made extended (VP8X) with an EXIF chunk and an XMP chunk. */
export function webpWithExif(): Uint8Array {
  const base = decode(WEBP_40x30);
  // Chromium writes VP8X (with an ICC profile), ICCP, VP8: its own VP8X is replaced by one that also announces EXIF and XMP.
  const image = base.subarray(12 + 18);
  const vp8x = riffChunk('VP8X', concat(new Uint8Array([0x20 | 0x08 | 0x04, 0, 0, 0]), le24(40 - 1), le24(30 - 1)));
  const exif = riffChunk('EXIF', exifTiff());
  const xmp = riffChunk('XMP ', ascii('<x:xmpmeta><dc:creator>xmp-secret-creator</dc:creator></x:xmpmeta>'));
  const body = concat(ascii('WEBP'), vp8x, image, exif, xmp);
  return concat(ascii('RIFF'), le32(body.length), body);
}

/** The first bytes of an iPhone's HEIC file: a box of type ftyp, brand heic. */
export function heicStart(): Uint8Array {
  return concat(be32(24), ascii('ftypheic'), be32(0), ascii('mif1heic'), new Uint8Array(200));
}

/** Whether `needle` occurs in `bytes`. */
export function contains(bytes: Uint8Array, needle: Uint8Array | string): boolean {
  const n = typeof needle === 'string' ? ascii(needle) : needle;
  outer: for (let i = 0; i + n.length <= bytes.length; i++) {
    for (let j = 0; j < n.length; j++) if (bytes[i + j] !== n[j]) continue outer;
    return true;
  }
  return false;
}

/** The dimensions a JPEG's frame header says. */
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

/**
 * Reads a request body as fields, whether it came from a plain HTML form or from the JSON API,
 * refusing oversized bodies, invalid UTF-8 and malformed data with a message key. An oversized
 * form is still read (up to a bound), so the page can come back with every field that can be kept
 * and name the text that is too long.
 */
import type { UiKey } from '../../content/translate.ts';
import { portal } from '../../content/index.ts';

/** Large enough for a 4,000-character description percent-encoded, small enough to refuse abuse. */
export const MAX_BODY_BYTES = 64 * 1024;
/** A value of an oversized form longer than this (encoded) is not kept: only its field's name and length are. */
const FORM_KEEP_BYTES = 256 * 1024;
/** An oversized form is read this far and no further (the fields after it are lost). */
const FORM_READ_BYTES = 1024 * 1024;

/** What an oversized form still gave: the fields that could be kept, and the length in characters of each text left out. */
export interface OversizedForm {
  fields: Record<string, unknown>;
  tooLong: Record<string, number>;
}

export type InputResult =
  | { ok: true; fields: Record<string, unknown>; json: boolean }
  | { ok: false; status: 400 | 413 | 415; key: UiKey; oversized?: OversizedForm };

const fail = (status: 400 | 413 | 415, key: UiKey): InputResult => ({ ok: false, status, key });

/** Reads a body until it ends or passes `max` bytes: the chunks so far, and the reader still open when it passed. */
async function readUpTo(request: Request, max: number): Promise<{ chunks: Uint8Array[]; size: number; rest: ReadableStreamDefaultReader<Uint8Array> | null }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (!request.body) return { chunks, size, rest: null };
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { chunks, size, rest: null };
    chunks.push(value);
    size += value.byteLength;
    if (size > max) return { chunks, size, rest: reader };
  }
}

async function readLimited(request: Request): Promise<Uint8Array | null> {
  const length = request.headers.get('content-length');
  const declared = Number(length ?? '0');
  if (declared > MAX_BODY_BYTES) return null;
  // A body whose length is declared within the bound (every browser's and program's POST) is read
  // in one call: HTTP framing holds it to that length, and a reader's chunk-by-chunk reads cost
  // more than the JSON itself. Checked again all the same; a body without a length is read in chunks.
  if (length !== null && /^\d+$/.test(length.trim())) {
    const bytes = new Uint8Array(await request.arrayBuffer());
    return bytes.byteLength > MAX_BODY_BYTES ? null : bytes;
  }
  const { chunks, size, rest } = await readUpTo(request, MAX_BODY_BYTES);
  if (rest) {
    await rest.cancel();
    return null;
  }
  return concat(chunks, size);
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

const AMPERSAND = 0x26;
const EQUALS = 0x3d;
const PERCENT = 0x25;

/** Counts the characters of a percent-encoded value byte by byte (UTF-8 lead bytes), without keeping it. */
function characterCounter() {
  let escape = -1; // hex digits of a %XX escape seen so far, or -1 outside one
  let high = 0;
  let n = 0;
  const decoded = (byte: number) => {
    if ((byte & 0xc0) !== 0x80) n++;
  };
  const hex = (byte: number) => {
    if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
    const lower = byte | 0x20;
    return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
  };
  return {
    feed(byte: number) {
      if (escape === 0) {
        high = hex(byte);
        escape = 1;
      } else if (escape === 1) {
        const low = hex(byte);
        escape = -1;
        if (high >= 0 && low >= 0) decoded(high * 16 + low);
      } else if (byte === PERCENT) escape = 0;
      else decoded(byte);
    },
    get count() {
      return n;
    },
  };
}

interface Skipped {
  /** The field's name, still percent-encoded. */
  name: Uint8Array;
  counter: ReturnType<typeof characterCounter>;
}

/**
 * The rest of an oversized form body: every pair kept but a value longer than FORM_KEEP_BYTES,
 * which is left out (its field named, its characters counted), up to FORM_READ_BYTES in all.
 * Percent-encoding never writes a raw `&` or `=`, so pairs are found in the bytes themselves.
 */
async function readOversizedForm(reader: ReadableStreamDefaultReader<Uint8Array>, start: Uint8Array[]): Promise<{ bytes: Uint8Array; tooLong: [Uint8Array, number][] }> {
  let kept = new Uint8Array(2 * FORM_KEEP_BYTES);
  let length = 0;
  let pairStart = 0;
  let skipping: Skipped | null = null;
  const tooLong: [Uint8Array, number][] = [];
  // Leaves out the pair being read: its value so far is counted, the rest will be.
  const skip = () => {
    const pair = kept.subarray(pairStart, length);
    const eq = pair.indexOf(EQUALS);
    const counter = characterCounter();
    for (let i = eq < 0 ? pair.length : eq + 1; i < pair.length; i++) counter.feed(pair[i]!);
    skipping = { name: pair.slice(0, eq < 0 ? pair.length : eq), counter };
    length = pairStart;
  };
  const endSkip = (s: Skipped) => {
    tooLong.push([s.name, s.counter.count]);
    skipping = null;
  };
  const take = (chunk: Uint8Array) => {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (skipping) {
        if (byte !== AMPERSAND) {
          skipping.counter.feed(byte);
          continue;
        }
        endSkip(skipping);
      }
      if (length === kept.length) {
        const bigger = new Uint8Array(kept.length * 2);
        bigger.set(kept);
        kept = bigger;
      }
      kept[length++] = byte;
      if (byte === AMPERSAND) pairStart = length;
      else if (length - pairStart > FORM_KEEP_BYTES) skip();
    }
  };
  let read = 0;
  for (const chunk of start) {
    read += chunk.byteLength;
    take(chunk);
  }
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    read += value.byteLength;
    if (read > FORM_READ_BYTES) {
      await reader.cancel();
      // Cut off here: the pair being read is incomplete, so it is left out like a long one.
      if (!skipping && length > pairStart) skip();
      break;
    }
    take(value);
  }
  if (skipping) endSkip(skipping);
  return { bytes: kept.slice(0, length), tooLong };
}

/** A form body: its bytes, or, past MAX_BODY_BYTES, what `readOversizedForm` kept of it. */
async function readFormBody(request: Request): Promise<{ bytes: Uint8Array; tooLong: [Uint8Array, number][] | null }> {
  const { chunks, size, rest } = await readUpTo(request, MAX_BODY_BYTES);
  return rest ? readOversizedForm(rest, chunks) : { bytes: concat(chunks, size), tooLong: null };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Percent-decodes one form component to bytes, then to text, refusing invalid UTF-8. */
function decodeFormComponent(component: string): string {
  const bytes: number[] = [];
  const plain = component.replace(/\+/g, ' ');
  const encoder = new TextEncoder();
  // By code point, so a character outside the BMP sent unescaped stays whole.
  const chars = [...plain];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '%') {
      const hex = (chars[i + 1] ?? '') + (chars[i + 2] ?? '');
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw new SyntaxError('bad percent escape');
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...encoder.encode(ch));
    }
  }
  return strictUtf8.decode(new Uint8Array(bytes));
}

function parseForm(text: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const pair of text.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const name = decodeFormComponent(eq < 0 ? pair : pair.slice(0, eq));
    const value = decodeFormComponent(eq < 0 ? '' : pair.slice(eq + 1));
    // A field sent twice is not something our forms do: keep both so validation reports the type.
    fields[name] = name in fields ? [fields[name], value] : value;
  }
  return fields;
}

/** The fields an oversized form still gave, or none when even they cannot be read. */
function oversizedForm(bytes: Uint8Array, tooLong: [Uint8Array, number][]): OversizedForm | undefined {
  try {
    const fields = parseForm(strictUtf8.decode(bytes));
    const lengths: Record<string, number> = {};
    for (const [name, n] of tooLong) {
      const field = decodeFormComponent(strictUtf8.decode(name));
      lengths[field] = (lengths[field] ?? 0) + n;
      delete fields[field];
    }
    return { fields, tooLong: lengths };
  } catch {
    return undefined;
  }
}

/**
 * The largest body with photos read: every photo at its limit, one more photo's worth (so a photo
 * too large is still read and named on its field, the rest of the form kept), and the text.
 */
export const PHOTO_BODY_BYTES = portal.photos.maxTotalBytes + portal.photos.maxBytesEach + MAX_BODY_BYTES;

/** The files of a multipart body, by field name: each file's bytes, in the order sent. */
export type SentFiles = Record<string, Uint8Array[]>;

export type InputWithFiles = ({ ok: true; fields: Record<string, unknown>; json: boolean; files: SentFiles }) | Exclude<InputResult, { ok: true }>;

/**
 * Like `readInput`, and a `multipart/form-data` body too (a form with photos): read up to `maxBytes`
 * and no further (past it, refused whole as `tooLargeKey`), parsed by the platform's form reader;
 * its text fields must be valid UTF-8, as in every other form. `fileFields` name the form's file
 * inputs, whose empty parts (nothing chosen) are dropped.
 */
export async function readInputWithFiles(request: Request, maxBytes: number, tooLargeKey: UiKey, fileFields: readonly string[] = ['photos']): Promise<InputWithFiles> {
  const contentType = request.headers.get('content-type') ?? '';
  if (contentType.split(';')[0]!.trim().toLowerCase() !== 'multipart/form-data') {
    const input = await readInput(request);
    return input.ok ? { ...input, files: {} } : input;
  }
  if (Number(request.headers.get('content-length') ?? '0') > maxBytes) return fail(413, tooLargeKey) as Exclude<InputResult, { ok: true }>;
  const { chunks, size, rest } = await readUpTo(request, maxBytes);
  if (rest) {
    await rest.cancel();
    return fail(413, tooLargeKey) as Exclude<InputResult, { ok: true }>;
  }
  let form: FormData;
  try {
    form = await new Response(concat(chunks, size), { headers: { 'content-type': contentType } }).formData();
  } catch {
    return fail(400, 'errors.body.malformed') as Exclude<InputResult, { ok: true }>;
  }
  const fields: Record<string, unknown> = {};
  const files: SentFiles = {};
  for (const [name, value] of form.entries()) {
    // A file input left empty arrives as an empty text under its name: no file, and no field either.
    if (typeof value === 'string' && fileFields.includes(name)) continue;
    if (typeof value === 'string') {
      // The platform decodes invalid UTF-8 as U+FFFD: a text that had some is refused, as the other forms do.
      if (value.includes('\uFFFD')) return fail(400, 'errors.body.encoding') as Exclude<InputResult, { ok: true }>;
      fields[name] = name in fields ? [fields[name], value] : value;
    } else {
      // Only the bytes: the file's name and declared type are never read.
      (files[name] ??= []).push(new Uint8Array(await value.arrayBuffer()));
    }
  }
  return { ok: true, fields, json: false, files };
}

/** The request body as fields, or the reason it cannot be read (for an oversized form, with what could be kept). */
export async function readInput(request: Request): Promise<InputResult> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const json = type === 'application/json';
  if (!json && type !== 'application/x-www-form-urlencoded') return fail(415, 'errors.body.contentType');
  let bytes: Uint8Array | null;
  if (json) bytes = await readLimited(request);
  else {
    const form = await readFormBody(request);
    if (form.tooLong) return { ok: false, status: 413, key: 'errors.body.tooLarge', oversized: oversizedForm(form.bytes, form.tooLong) };
    bytes = form.bytes;
  }
  if (!bytes) return fail(413, 'errors.body.tooLarge');
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return fail(400, 'errors.body.encoding');
  }
  if (json) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return fail(400, 'errors.body.malformed');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return fail(400, 'errors.body.malformed');
    return { ok: true, fields: parsed as Record<string, unknown>, json };
  }
  try {
    return { ok: true, fields: parseForm(text), json };
  } catch (error) {
    return fail(400, error instanceof TypeError ? 'errors.body.encoding' : 'errors.body.malformed');
  }
}

/**
 * Reads a request body as fields, whether it came from a plain HTML form or from the JSON API,
 * refusing oversized bodies, invalid UTF-8 and malformed data with a message key.
 */
import type { UiKey } from '../../content/ui.ts';

/** Large enough for a 4,000-character description percent-encoded, small enough to refuse abuse. */
export const MAX_BODY_BYTES = 64 * 1024;

export type InputResult =
  | { ok: true; fields: Record<string, unknown>; json: boolean }
  | { ok: false; status: 400 | 413 | 415; key: UiKey };

const fail = (status: 400 | 413 | 415, key: UiKey): InputResult => ({ ok: false, status, key });

async function readLimited(request: Request): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) return null;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
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

/** The request body as fields, or the reason it cannot be read. */
export async function readInput(request: Request): Promise<InputResult> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const json = type === 'application/json';
  if (!json && type !== 'application/x-www-form-urlencoded') return fail(415, 'errors.body.contentType');
  const bytes = await readLimited(request);
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

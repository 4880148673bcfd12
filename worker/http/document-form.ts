/**
 * Reads the publishing console's forms, which are larger than the console's others: a regulation's
 * text (up to content/portal.json `publishing.bodyMaxChars`, percent-encoded) and its signed PDF
 * scan (`multipart/form-data`, up to `attachmentMaxBytes`). The body is read up to a bound and no
 * further, then parsed by the platform's own form reader; text fields must be valid UTF-8.
 */
import type { UiKey } from '../../content/ui.ts';
import { portal } from '../../content/index.ts';

/** A file field as sent: its bytes (empty when no file was chosen); `more`, the other files of a field that takes several. */
export interface SentFile {
  name: string;
  bytes: Uint8Array;
  more?: Uint8Array[];
}

export type DocumentFormResult =
  | { ok: true; fields: Record<string, string>; files: Record<string, SentFile> }
  | { ok: false; status: 400 | 413 | 415; key: UiKey };

/** Text: a body of bodyMaxChars in both languages at 9 bytes a character encoded, and the rest of the form. */
const TEXT_BYTES = 2 * 9 * portal.publishing.bodyMaxChars + 256 * 1024;
/** The largest body taken: the attachment and the text (and a village disclosure's board photos, `photos`). */
export const DOCUMENT_FORM_MAX_BYTES = portal.publishing.attachmentMaxBytes + TEXT_BYTES;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

async function readBounded(request: Request, max: number): Promise<Uint8Array | null> {
  if (Number(request.headers.get('content-length') ?? '0') > max) return null;
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** The fields and files of a publishing form, or why it cannot be read. */
export async function readDocumentForm(request: Request, photos = false): Promise<DocumentFormResult> {
  const contentType = request.headers.get('content-type') ?? '';
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type !== 'multipart/form-data' && type !== 'application/x-www-form-urlencoded') return { ok: false, status: 415, key: 'errors.body.contentType' };
  const bytes = await readBounded(request, type === 'multipart/form-data' ? DOCUMENT_FORM_MAX_BYTES + (photos ? portal.photos.maxTotalBytes : 0) : TEXT_BYTES);
  if (!bytes) return { ok: false, status: 413, key: 'errors.body.tooLarge' };
  if (type === 'application/x-www-form-urlencoded') {
    try {
      strictUtf8.decode(bytes);
    } catch {
      return { ok: false, status: 400, key: 'errors.body.encoding' };
    }
  }
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return { ok: false, status: 400, key: 'errors.body.malformed' };
  }
  const fields: Record<string, string> = {};
  const files: Record<string, SentFile> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') {
      // The platform decodes invalid UTF-8 as U+FFFD: a text that had some is refused, as the other forms do.
      if (value.includes('\uFFFD')) return { ok: false, status: 400, key: 'errors.body.encoding' };
      if (!(name in fields)) fields[name] = value;
    } else {
      const bytes = new Uint8Array(await value.arrayBuffer());
      if (!(name in files)) files[name] = { name: value.name, bytes };
      else (files[name]!.more ??= []).push(bytes);
    }
  }
  return { ok: true, fields, files };
}

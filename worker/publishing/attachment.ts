/**
 * Attachments of a document: a PDF (and a village disclosure's board photos), recognised by its bytes, not
 * by the name or the type the browser claims. Stored under the SHA-256 of its bytes, so its
 * address never changes for a version and two uploads of one file are one object.
 */
import { ok, refuse, type Result } from '../cases/result.ts';

/** A PDF starts with `%PDF-` (ISO 32000-1, 7.5.2), possibly after a little junk some scanners write; we take it at the start only. */
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d];

export function isPdf(bytes: Uint8Array): boolean {
  return bytes.length > PDF_MAGIC.length + 3 && PDF_MAGIC.every((b, i) => bytes[i] === b);
}

export interface CheckedAttachment {
  bytes: Uint8Array;
  contentType: 'application/pdf';
  extension: 'pdf';
}

/** A file as uploaded, checked: a PDF by its bytes, not empty, within the size limit. */
export function checkAttachment(bytes: Uint8Array, maxBytes: number): Result<CheckedAttachment> {
  if (bytes.length > maxBytes) return refuse('too_large', 'publishing.errors.attachmentTooLarge', { params: { max: Math.floor(maxBytes / (1024 * 1024)) }, fields: [{ field: 'attachment', key: 'publishing.errors.attachmentTooLarge', params: { max: Math.floor(maxBytes / (1024 * 1024)) } }] });
  if (!isPdf(bytes)) return refuse('unsupported', 'publishing.errors.notPdf', { fields: [{ field: 'attachment', key: 'publishing.errors.notPdf' }] });
  return ok({ bytes, contentType: 'application/pdf', extension: 'pdf' });
}

/** The hash-named address of a stored attachment: a PDF, or a photo of a village's posted board (a disclosure's). */
export const ATTACHMENT_PATH = /^\/attachments\/([0-9a-f]{64})\.(pdf|jpg|png|webp)$/;

/** The extension a photo of that type is stored and served under. */
export const photoExtension = (type: string): string => (type === 'image/jpeg' ? 'jpg' : type.slice(6));

export function attachmentPath(sha: string, extension = 'pdf'): string {
  return `/attachments/${sha}.${extension}`;
}

export function attachmentKey(sha: string, extension = 'pdf'): string {
  return `attachments/${sha}.${extension}`;
}

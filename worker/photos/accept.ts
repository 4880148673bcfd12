/**
 * Which photos a submission may carry (content/portal.json `photos`): how many, how large each and
 * all together, of a type taken (by their bytes, never their name or declared type), and readable
 * whole. Pure: the bytes in, the cleaned photos out, or the refusal that marks the photo field.
 */
import { portal } from '../../content/index.ts';
import { cleanPhoto, sniffPhoto, type CleanPhoto } from './clean.ts';
import { ok, refuseField, type Result } from '../cases/result.ts';

/** The form field that carries the photos (the mailbox, a follow-up) and Open311's `media`. */
export const PHOTO_FIELD = 'photos';

export const photoLimits = portal.photos;

/** A size in bytes as residents read it: "5 MB", "800 KB". */
export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** The limits as the field's hint says them. */
export function limitParams(): Record<string, string | number> {
  return { count: photoLimits.maxCount, each: sizeText(photoLimits.maxBytesEach), total: sizeText(photoLimits.maxTotalBytes) };
}

/**
 * The photos sent, cleaned, or the first thing wrong with them, on `field`. Empty parts (a file
 * input left empty sends one) are not photos. `already` photos of the case count towards the number.
 */
export function acceptPhotos(files: Uint8Array[], field = PHOTO_FIELD, already = 0): Result<CleanPhoto[]> {
  const sent = files.filter((f) => f.byteLength > 0);
  if (sent.length + already > photoLimits.maxCount) return refuseField('invalid', field, 'photos.errors.tooMany', { max: photoLimits.maxCount });
  if (sent.some((f) => f.byteLength > photoLimits.maxBytesEach)) return refuseField('too_large', field, 'photos.errors.tooLarge', { max: sizeText(photoLimits.maxBytesEach) });
  if (sent.reduce((n, f) => n + f.byteLength, 0) > photoLimits.maxTotalBytes) {
    return refuseField('too_large', field, 'photos.errors.totalTooLarge', { max: sizeText(photoLimits.maxTotalBytes) });
  }
  const cleaned: CleanPhoto[] = [];
  for (const bytes of sent) {
    const type = sniffPhoto(bytes);
    if (type === 'image/heic') return refuseField('unsupported', field, 'photos.errors.heic');
    if (type === null) return refuseField('unsupported', field, 'photos.errors.type');
    const clean = cleanPhoto(bytes);
    if (!clean.ok) return refuseField('invalid', field, 'photos.errors.unreadable');
    cleaned.push(clean.value);
  }
  return ok(cleaned);
}

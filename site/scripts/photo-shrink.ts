/**
 * A photo shrunk on the phone before it is sent: decoded by the browser (turned upright by its
 * EXIF orientation), drawn on a canvas with its long side at most 2048 px and encoded again as
 * JPEG. A canvas keeps pixels only, so EXIF (GPS, serial number, times), XMP and IPTC are gone
 * before the photo leaves the phone; the worker strips again whatever arrives
 * (worker/photos/clean.ts). Bundled by `npm run build` to site/public/scripts/photo-shrink.js,
 * which sets `window.QinglianPhotos.shrinkPhoto`.
 */

/** The longest side of a shrunk photo, in pixels. */
export const SHRINK_LONG_SIDE = 2048;
/** The JPEG quality of a shrunk photo. */
export const SHRINK_QUALITY = 0.85;

/** Why a photo could not be shrunk: a key of content/ui (photo-files.ts) for the page to show. */
export type ShrinkFailure = 'photos.shrink.cannotRead';

export class ShrinkError extends Error {
  constructor(readonly key: ShrinkFailure) {
    super(key);
    this.name = 'ShrinkError';
  }
}

async function decode(file: Blob): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch (error) {
    // A browser that does not know the option value throws a TypeError; from-image is its default then.
    if (!(error instanceof TypeError)) throw error;
    return createImageBitmap(file);
  }
}

/**
 * The photo as a JPEG of at most 2048 px on its long side, without metadata. Rejects with a
 * ShrinkError (its `key` says why) when this browser cannot decode the file, e.g. HEIC outside
 * Apple's browsers.
 */
export async function shrinkPhoto(file: File): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await decode(file);
  } catch {
    throw new ShrinkError('photos.shrink.cannotRead');
  }
  try {
    const scale = Math.min(1, SHRINK_LONG_SIDE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(width, height) : Object.assign(document.createElement('canvas'), { width, height });
    const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
    if (!context) throw new ShrinkError('photos.shrink.cannotRead');
    // JPEG has no transparency: a transparent PNG goes on white, not black.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    const blob =
      canvas instanceof HTMLCanvasElement
        ? await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', SHRINK_QUALITY))
        : await canvas.convertToBlob({ type: 'image/jpeg', quality: SHRINK_QUALITY });
    if (!blob || blob.type !== 'image/jpeg') throw new ShrinkError('photos.shrink.cannotRead');
    return blob;
  } finally {
    bitmap.close();
  }
}

/**
 * PLACEHOLDER for the browser's photo shrinker (re-encoding through a canvas, long side ≤ 2048 px,
 * JPEG). The real module replaces this file; the mailbox's photo script imports only `shrinkPhoto`.
 */
export async function shrinkPhoto(file: File): Promise<Blob> {
  return file;
}

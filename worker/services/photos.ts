/**
 * The photos of a case in R2 (the FILES bucket, under photos/<random id>): stored only after they
 * were accepted and cleaned, and linked to their case in the batch that creates the case or adds to
 * it; a cadre report's sealed under the case's data key (the object is the envelope, padded; its row
 * holds no size or dimensions); read back for
 * the staff who may read the case and the resident after a lookup; orphans swept by the cron.
 */
import { storedDay } from '../../core/clock.ts';
import { randomBytes, toBase64Url } from '../../core/bytes.ts';
import { openPhoto, sealPhoto } from '../../core/sealed.ts';
import type { CleanPhoto, PhotoType } from '../photos/clean.ts';
import * as db from '../db/photos.ts';
import { listedAttachmentShas } from '../db/documents.ts';

export const PHOTO_PREFIX = 'photos/';
/** A photo id as stored: 128 random bits, base64url. */
export const PHOTO_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
/** An object older than this with no row is an orphan (a request still running has not linked it yet). */
const ORPHAN_AFTER_MS = 60 * 60 * 1000;

const keyOf = (id: string) => `${PHOTO_PREFIX}${id}`;

/** What a page lists of a photo: never its bytes, never where it came from. */
export interface PhotoItem {
  id: string;
  n: number;
  type: PhotoType;
  /** Null for a sealed photo: its dimensions are in its envelope, which only the case's key opens. */
  width: number | null;
  height: number | null;
  sealed: boolean;
}

/** Photos written to R2 and the rows that will link them, or nothing written. */
export interface StagedPhotos {
  rows: db.NewPhoto[];
  /** Removes the objects again when the batch that was to link them did not run. */
  undo: () => Promise<void>;
}

/**
 * Writes accepted photos to R2 under fresh random ids, sealed when the case has a data key. Throws
 * (nothing left behind that the cron would not remove) when R2 refuses.
 */
export async function stagePhotos(bucket: R2Bucket, photos: CleanPhoto[], dataKey: CryptoKey | null, now: Date): Promise<StagedPhotos> {
  const addedOn = storedDay(now);
  // A sealed photo's row says nothing of its size: that is in its envelope, padded to a bucket.
  const rows = photos.map((p) => ({ id: toBase64Url(randomBytes(16)), type: p.type, ...(dataKey ? { size: null, width: null, height: null } : { size: p.bytes.byteLength, width: p.width, height: p.height }), sealed: dataKey !== null, addedOn }));
  const undo = async () => {
    if (rows.length) await bucket.delete(rows.map((r) => keyOf(r.id))).catch(() => undefined);
  };
  try {
    await Promise.all(
      photos.map(async (p, i) => {
        const body = dataKey ? await sealPhoto(dataKey, p.bytes, p) : p.bytes;
        // Stored with no metadata of its own: the type is in D1, the name nowhere.
        await bucket.put(keyOf(rows[i]!.id), body);
      }),
    );
  } catch (error) {
    await undo();
    throw error;
  }
  return { rows, undo };
}

export function photoItems(rows: db.PhotoRow[]): PhotoItem[] {
  return rows.map((r) => ({ id: r.id, n: r.seq, type: r.type, width: r.width, height: r.height, sealed: r.sealed === 1 }));
}

export async function listCasePhotos(database: D1Database, caseId: number): Promise<PhotoItem[]> {
  return photoItems(await db.listPhotos(database, caseId));
}

/** A photo's bytes as stored (the envelope, for a sealed one); null when it is not the case's or its object is gone. */
export async function storedPhoto(database: D1Database, bucket: R2Bucket, caseId: number, id: string): Promise<{ item: PhotoItem; bytes: Uint8Array } | null> {
  if (!PHOTO_ID_PATTERN.test(id)) return null;
  const row = await db.findPhoto(database, caseId, id);
  if (!row) return null;
  const object = await bucket.get(keyOf(id));
  if (!object) return null;
  return { item: photoItems([row])[0]!, bytes: new Uint8Array(await object.arrayBuffer()) };
}

/** A photo opened for the resident: a sealed one with the data key their lookup opened; null when it cannot be. */
export async function openedPhoto(database: D1Database, bucket: R2Bucket, caseId: number, id: string, dataKey: CryptoKey | null): Promise<{ type: PhotoType; bytes: Uint8Array } | null> {
  const stored = await storedPhoto(database, bucket, caseId, id);
  if (!stored) return null;
  if (!stored.item.sealed) return { type: stored.item.type, bytes: stored.bytes };
  const plain = dataKey ? await openPhoto(dataKey, stored.bytes) : null;
  return plain ? { type: stored.item.type, bytes: plain } : null;
}

/**
 * Seals a case's plain photos under its new data key (escalation): each is written sealed under a
 * new id first; the statements put the sealed ones in the rows in the batch that seals the texts;
 * then `done(applied)` deletes the plain objects (or, the batch refused, the sealed copies). Should
 * the worker stop in between, the objects left without a row are orphans the hourly sweep removes.
 */
export async function resealPhotos(
  database: D1Database,
  bucket: R2Bucket,
  caseId: number,
  versionAfter: number,
  dataKey: CryptoKey,
): Promise<{ statements: D1PreparedStatement[]; done: (applied: boolean) => Promise<void> }> {
  const rows = (await db.listPhotos(database, caseId)).filter((r) => r.sealed === 0);
  const moves: { from: string; to: string }[] = [];
  for (const row of rows) {
    const object = await bucket.get(keyOf(row.id));
    if (!object) continue;
    const to = toBase64Url(randomBytes(16));
    // A plain row holds its dimensions (the CHECK of migration 0027): they go into the envelope.
    await bucket.put(keyOf(to), await sealPhoto(dataKey, new Uint8Array(await object.arrayBuffer()), { width: row.width ?? 0, height: row.height ?? 0 }));
    moves.push({ from: row.id, to });
  }
  return {
    statements: moves.map((m) => db.resealStatement(database, caseId, versionAfter, m.from, m.to)),
    done: async (applied) => {
      await deletePhotoObjects(bucket, moves.map((m) => (applied ? m.from : m.to))).catch(() => undefined);
    },
  };
}

/** Deletes the objects of photos whose rows are gone (a case's content destroyed). */
export async function deletePhotoObjects(bucket: R2Bucket, ids: string[]): Promise<void> {
  if (ids.length) await bucket.delete(ids.map(keyOf));
}

/**
 * The hourly sweep: every object under photos/ older than an hour with no row in D1 is deleted (an
 * upload whose batch failed, a case whose photos went with its content). Returns how many.
 */
export function sweepOrphanPhotos(database: D1Database, bucket: R2Bucket, now = new Date()): Promise<number> {
  return sweepPrefix(bucket, PHOTO_PREFIX, now, (keys) => {
    const ids = keys.map((k) => k.slice(PHOTO_PREFIX.length));
    return db.knownPhotoIds(database, ids).then((known) => keys.filter((_, i) => !known.has(ids[i]!)));
  });
}

/** A document's file as stored: attachments/<SHA-256 hex>.<extension> (worker/publishing/attachment.ts). */
const ATTACHMENT_KEY = /^attachments\/([0-9a-f]{64})\.(?:pdf|jpg|png|webp)$/;

/**
 * The hourly sweep of documents' files: a board photo or PDF that a clerk removed or replaced on a
 * draft, or whose save never linked it, is deleted once older than an hour, unless any version of
 * any document (draft, in review, published, withdrawn, earlier) still lists its hash. An object
 * named otherwise is left alone. Returns how many.
 */
export function sweepOrphanAttachments(database: D1Database, bucket: R2Bucket, now = new Date()): Promise<number> {
  return sweepPrefix(bucket, 'attachments/', now, async (keys) => {
    const named = keys.filter((k) => ATTACHMENT_KEY.test(k));
    const listed = await listedAttachmentShas(database, [...new Set(named.map((k) => ATTACHMENT_KEY.exec(k)![1]!))]);
    return named.filter((k) => !listed.has(ATTACHMENT_KEY.exec(k)![1]!));
  });
}

/**
 * Deletes, page by page, the objects under `prefix` uploaded more than an hour before `now` that
 * `orphans` finds unlinked. Each is looked at again just before: one written again since (the same
 * bytes uploaded anew, about to be linked) is kept.
 */
async function sweepPrefix(bucket: R2Bucket, prefix: string, now: Date, orphans: (keys: string[]) => Promise<string[]>): Promise<number> {
  const old = (o: { uploaded: Date }) => now.getTime() - o.uploaded.getTime() > ORPHAN_AFTER_MS;
  let cursor: string | undefined;
  let removed = 0;
  do {
    const listed = await bucket.list({ prefix, limit: 500, ...(cursor && { cursor }) });
    const found = await orphans(listed.objects.filter(old).map((o) => o.key));
    const heads = await Promise.all(found.map((key) => bucket.head(key)));
    const still = found.filter((_, i) => heads[i] && old(heads[i]));
    if (still.length) await bucket.delete(still);
    removed += still.length;
    cursor = listed.truncated ? listed.cursor : undefined;
  } while (cursor);
  return removed;
}

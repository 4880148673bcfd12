/**
 * Sending a committee case up to the county commission (worker/cases/sendup.ts): the member confirms
 * it was sent, and the town's copy is destroyed in the batch that records it.
 */
import { deletePhotoObjects, listCasePhotos } from './photos.ts';
import { storedDay, storedMinute } from '../../core/clock.ts';
import { canRead, type Viewer } from '../cases/access.ts';
import { ok, refuse, type Result } from '../cases/result.ts';
import { sendUpRefusalFor, type SendUp } from '../cases/sendup.ts';
import * as handling from '../db/handling.ts';
import * as db from '../db/sendup.ts';
import { CASE_NUMBER_PATTERN, scopeOf } from './handling.ts';
export type { SendUpRow } from '../db/sendup.ts';

const notFound = refuse('not_found', 'staff.errors.notFound');
const forbidden = refuse('forbidden', 'staff.errors.forbidden');

/** Records that the member sent the case up (the form validated by `sendUpSchema`), and removes its sealed texts and keys. */
export async function sendUp(database: D1Database, viewer: Viewer, caseNumber: string, form: SendUp, now = new Date(), bucket: R2Bucket | null = null): Promise<Result> {
  const scope = CASE_NUMBER_PATTERN.test(caseNumber) ? await handling.findScope(database, caseNumber) : null;
  if (!scope) return notFound;
  if (!canRead(viewer, scopeOf(scope))) return forbidden;
  const row = await handling.findReadableCase(database, viewer, scope.id);
  if (!row) return forbidden;
  const why = sendUpRefusalFor(viewer, row);
  if (why) return { ok: false, refusal: why };
  const photos = bucket ? await listCasePhotos(database, row.id) : [];
  const done = await db.sendUpCase(database, { caseId: row.id, version: row.version, staffId: viewer.id, day: storedDay(now), minute: storedMinute(now), ...form });
  // The batch removed the photos' rows: their objects go now (and, should this fail, with the hourly sweep of orphans).
  if (done && bucket) await deletePhotoObjects(bucket, photos.map((p) => p.id)).catch(() => undefined);
  return done ? ok() : refuse('conflict', 'staff.errors.conflict');
}

/** That a case was sent up (for its page and the resident's), or null. */
export const sendUpOf = (database: D1Database, caseId: number) => db.findSendUp(database, caseId);

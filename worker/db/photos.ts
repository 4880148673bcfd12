/** SQL for the photos of a case (migration 0022): the rows that link an R2 object to its case. */
import type { PhotoType } from '../photos/clean.ts';

export interface PhotoRow {
  id: string;
  seq: number;
  type: PhotoType;
  /** Null for a sealed photo: its size and dimensions are inside its envelope. */
  size: number | null;
  width: number | null;
  height: number | null;
  sealed: number;
}

export interface NewPhoto {
  id: string;
  type: PhotoType;
  /** Null for a sealed photo (migration 0027: its row says nothing of its size). */
  size: number | null;
  width: number | null;
  height: number | null;
  sealed: boolean;
  addedOn: string;
}

/**
 * The statements that link photos to a case, for the batch that creates the case or adds to it.
 * `caseId` is an SQL expression (with its own parameter as ?1) and `caseParam` its value.
 */
export function insertPhotoStatements(db: D1Database, caseId: string, caseParam: string | number, photos: NewPhoto[]): D1PreparedStatement[] {
  return photos.map((p) =>
    db
      .prepare(
        `INSERT INTO case_photos (id, case_id, seq, type, size, width, height, sealed, added_on)
         VALUES (?2, ${caseId}, (SELECT COALESCE(MAX(seq), 0) + 1 FROM case_photos WHERE case_id = ${caseId}), ?3, ?4, ?5, ?6, ?7, ?8)`,
      )
      .bind(caseParam, p.id, p.type, p.size, p.width, p.height, p.sealed ? 1 : 0, p.addedOn),
  );
}

/** The statements that link photos to a case being created in the same batch (found by its code hash). */
export function newCasePhotoStatements(db: D1Database, codeHash: string, photos: NewPhoto[]): D1PreparedStatement[] {
  return insertPhotoStatements(db, '(SELECT id FROM cases WHERE code_hash = ?1)', codeHash, photos);
}

/** The photos of a case, in the order they were added. */
export async function listPhotos(db: D1Database, caseId: number): Promise<PhotoRow[]> {
  const { results } = await db.prepare('SELECT id, seq, type, size, width, height, sealed FROM case_photos WHERE case_id = ?1 ORDER BY seq').bind(caseId).all<PhotoRow>();
  return results;
}

/** One photo of a case, or null (a photo of another case is not found). */
export async function findPhoto(db: D1Database, caseId: number, id: string): Promise<PhotoRow | null> {
  return db.prepare('SELECT id, seq, type, size, width, height, sealed FROM case_photos WHERE case_id = ?1 AND id = ?2').bind(caseId, id).first<PhotoRow>();
}

/** Which of these ids have a row (the others are orphans in R2). */
export async function knownPhotoIds(db: D1Database, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { results } = await db.prepare(`SELECT id FROM case_photos WHERE id IN (SELECT value FROM json_each(?1))`).bind(JSON.stringify(ids)).all<{ id: string }>();
  return new Set(results.map((r) => r.id));
}

/**
 * The statement that puts a photo's sealed copy in place of its plain one (escalation): the row
 * takes the sealed object's id and forgets the size and dimensions, in the batch that seals the case's texts and only if that batch's
 * move applied (the case at `versionAfter`).
 */
export function resealStatement(db: D1Database, caseId: number, versionAfter: number, from: string, to: string): D1PreparedStatement {
  return db
    .prepare(`UPDATE case_photos SET id = ?4, sealed = 1, size = NULL, width = NULL, height = NULL WHERE case_id = ?1 AND id = ?3 AND sealed = 0 AND (SELECT version FROM cases WHERE id = ?1) = ?2`)
    .bind(caseId, versionAfter, from, to);
}

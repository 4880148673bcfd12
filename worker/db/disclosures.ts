/**
 * SQL for the public side of village disclosures: the published ones of a village (for the
 * schedules), the question ↔ disclosure link of a case and the answers published under a
 * disclosure (migration 0024).
 */
import type { Disclosure } from '../../content/schemas.ts';
import { TO_TOWN } from '../cases/history.ts';
import { OPEN_STATUSES } from '../cases/status.ts';
import { nextSeq } from './cases.ts';
import { signedOffGuard, signedOffParams, type SignOff } from './documents.ts';
import { sqlIn } from './sql.ts';

export interface AddendumRow {
  id: number;
  published_on: string;
  text_zh: string;
  text_en: string | null;
}

/** The answers published under a document, oldest first. */
export async function addendaOf(db: D1Database, documentId: number): Promise<AddendumRow[]> {
  const { results } = await db
    .prepare(`SELECT id, published_on, text_zh, text_en FROM disclosure_addenda WHERE document_id = ?1 ORDER BY id`)
    .bind(documentId)
    .all<AddendumRow>();
  return results;
}

/** Changes whenever an answer is published under any disclosure (part of the public pages' validator). */
export async function addendaStamp(db: D1Database): Promise<string> {
  const row = await db.prepare(`SELECT COUNT(*) AS n, coalesce(MAX(id), 0) AS last FROM disclosure_addenda`).first<{ n: number; last: number }>();
  return `${row?.n ?? 0}.${row?.last ?? 0}`;
}

/** The statement that links a new case (by its code hash, as the case's own statements) to a disclosure. */
export function linkQuestionStatement(db: D1Database, codeHash: string, documentId: number): D1PreparedStatement {
  return db.prepare(`INSERT INTO disclosure_questions (case_id, document_id) SELECT id, ?2 FROM cases WHERE code_hash = ?1`).bind(codeHash, documentId);
}

/** The published, not withdrawn disclosure a case asks about: id, slug and its current meta. */
export async function questionOf(db: D1Database, caseId: number): Promise<{ document_id: number; slug: string; meta: Disclosure } | null> {
  const row = await db
    .prepare(
      `SELECT d.id AS document_id, d.slug, v.meta FROM disclosure_questions q JOIN documents d ON d.id = q.document_id
       JOIN document_versions v ON v.document_id = d.id AND v.seq = d.published_seq WHERE q.case_id = ?1`,
    )
    .bind(caseId)
    .first<{ document_id: number; slug: string; meta: string }>();
  return row && { document_id: row.document_id, slug: row.slug, meta: JSON.parse(row.meta) as Disclosure };
}

/** Publishes an answer under the disclosure a case asks about. */
export async function insertAddendum(db: D1Database, a: { documentId: number; caseId: number | null; textZh: string; textEn: string | null; day: string; by: number }): Promise<number> {
  const row = await db
    .prepare(`INSERT INTO disclosure_addenda (document_id, case_id, text_zh, text_en, published_on, published_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id`)
    .bind(a.documentId, a.caseId, a.textZh, a.textEn, a.day, a.by)
    .first<{ id: number }>();
  return row!.id;
}

/**
 * The statement that publishes an answer after the moves that end its case, in the same batch:
 * written only if the last of them applied (changes() = 1), so an answer never stands without them.
 */
export function addendumAfterMovesStatement(db: D1Database, a: { documentId: number; caseId: number; textZh: string; textEn: string | null; day: string; by: number }): D1PreparedStatement {
  return db
    .prepare(`INSERT INTO disclosure_addenda (document_id, case_id, text_zh, text_en, published_on, published_by) SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE changes() = 1`)
    .bind(a.documentId, a.caseId, a.textZh, a.textEn, a.day, a.by);
}

/** Open questions a correction may answer: linked to the document, not the committee's, not kept from the village, not yet ended. */
const ANSWERABLE = `c.discipline = 0 AND c.kept_from_village IS NULL AND c.status IN ${sqlIn([...OPEN_STATUSES, 'resolved_at_once', 'resolved'])}`;

/**
 * The questions about a document still waiting for an answer, by case number and subject, for a
 * liaison officer of its village or town staff (never a clerk's: the caller checks who may read
 * cases). A case the viewer stepped aside from is left out.
 */
export async function openQuestionsOf(db: D1Database, documentId: number, viewerId: number): Promise<{ id: number; case_number: string; subject: string }[]> {
  const { results } = await db
    .prepare(
      `SELECT c.id, c.case_number, c.subject FROM disclosure_questions q JOIN cases c ON c.id = q.case_id
       WHERE q.document_id = ?1 AND ${ANSWERABLE}
         AND NOT EXISTS (SELECT 1 FROM conflict_declarations d WHERE d.case_id = c.id AND d.staff_id = ?2)
       ORDER BY c.id`,
    )
    .bind(documentId, viewerId)
    .all<{ id: number; case_number: string; subject: string }>();
  return results;
}

/** How many questions about a document wait for an answer: all a clerk may know of them (the same cases as above). */
export async function openQuestionCount(db: D1Database, documentId: number): Promise<number> {
  const row = await db
    .prepare(`SELECT count(*) AS n FROM disclosure_questions q JOIN cases c ON c.id = q.case_id WHERE q.document_id = ?1 AND ${ANSWERABLE}`)
    .bind(documentId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** The statement that publishes an addendum under a document (a correction's "已更正") in its sign-off's batch, only if that applied. */
export function addendumAfterSignOffStatement(db: D1Database, a: { documentId: number; caseId: number | null; textZh: string; textEn: string | null; day: string; by: number }, signOff: SignOff): D1PreparedStatement {
  return db
    .prepare(`INSERT INTO disclosure_addenda (document_id, case_id, text_zh, text_en, published_on, published_by) SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE ${signedOffGuard(7)}`)
    .bind(a.documentId, a.caseId, a.textZh, a.textEn, a.day, a.by, ...signedOffParams(signOff));
}

/** What a village has published of each kind (period and publication day), from D1: what the schedules count. */
export async function publishedDisclosures(db: D1Database): Promise<Pick<Disclosure, 'village' | 'kind' | 'period' | 'published'>[]> {
  const { results } = await db
    .prepare(
      `SELECT json_extract(v.meta, '$.village') AS village, json_extract(v.meta, '$.kind') AS kind, json_extract(v.meta, '$.period') AS period,
         json_extract(v.meta, '$.published') AS published
       FROM documents d JOIN document_versions v ON v.document_id = d.id AND v.seq = d.published_seq
       WHERE d.kind = 'disclosure' AND d.withdrawn_at IS NULL ORDER BY village, kind, period`,
    )
    .all<Pick<Disclosure, 'village' | 'kind' | 'period' | 'published'>>();
  return results;
}

/** The published, not withdrawn disclosure a question may be about, by its slug. */
export async function findQuestionTarget(db: D1Database, slug: string): Promise<{ id: number; village_id: string } | null> {
  return db
    .prepare(`SELECT id, village_id FROM documents WHERE kind = 'disclosure' AND slug = ?1 AND published_seq IS NOT NULL AND withdrawn_at IS NULL AND village_id IS NOT NULL`)
    .bind(slug)
    .first<{ id: number; village_id: string }>();
}

/** The statement that gives a new case (by its code hash) its category's fixed time limit, counted from arrival. */
export function fixedTimeLimitStatement(db: D1Database, codeHash: string, days: number, dueAt: string): D1PreparedStatement {
  return db.prepare(`UPDATE cases SET time_limit_days = ?2, due_at = ?3 WHERE code_hash = ?1`).bind(codeHash, days, dueAt);
}

/**
 * Passes to town staff every open case of `categories` (JSON array) whose time limit ran out before
 * `now` with no answer published for it: one system event `to_town` on `day` (a town day), once per
 * case, whatever the number of runs. Not a committee's case, nor one town staff handle already (kept
 * from its village). One statement: nothing half-done. How many cases it passed.
 */
export async function passOverdueToTown(db: D1Database, categories: string, now: string, day: string): Promise<number> {
  const { meta } = await db
    .prepare(
      `INSERT INTO case_events (case_id, seq, kind, actor, created_at)
       SELECT c.id, ${nextSeq('c.id')}, '${TO_TOWN}', 'system', ?3 FROM cases c
       WHERE c.category_id IN (SELECT value FROM json_each(?1)) AND c.discipline = 0 AND c.kept_from_village IS NULL
         AND c.status IN ${sqlIn(OPEN_STATUSES)} AND c.due_at < ?2
         AND NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.kind = '${TO_TOWN}')
         AND NOT EXISTS (SELECT 1 FROM disclosure_addenda a WHERE a.case_id = c.id)`,
    )
    .bind(categories, now, day)
    .run();
  return meta.changes;
}

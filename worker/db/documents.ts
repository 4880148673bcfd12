/**
 * SQL for published documents (worker/publishing/): documents, their versions, review comments,
 * the audit of who did what on which town day, and the search index. Every change of state is
 * one `DB.batch`, guarded by the state it expects, so two staff acting at once cannot both move
 * one version.
 */
import type { DocumentKind, DocumentMeta, VersionState } from '../publishing/model.ts';
import type { RegulationStatus } from '../../content/schemas.ts';

export interface DocumentRow {
  id: number;
  kind: DocumentKind;
  slug: string;
  village_id: string | null;
  status: RegulationStatus;
  published_seq: number | null;
  issued: string | null;
  withdrawn_at: string | null;
  withdrawn_reason_zh: string | null;
  withdrawn_reason_en: string | null;
  created_at: string;
}

interface StoredVersion {
  document_id: number;
  seq: number;
  state: VersionState;
  meta: string;
  body_zh: string;
  body_en: string | null;
  note_zh: string | null;
  note_en: string | null;
  attachment_sha: string | null;
  attachment_file: string | null;
  attachment_size: number | null;
  drafted_by: number | null;
  approved_by: number | null;
  published_at: string | null;
  updated_at: string;
}

export interface VersionRow extends Omit<StoredVersion, 'meta'> {
  meta: DocumentMeta;
}

const VERSION_STATES: readonly VersionState[] = ['draft', 'review', 'published', 'withdrawn', 'returned'];
const DOC_STATUSES: readonly RegulationStatus[] = ['in-force', 'amended', 'repealed'];

function version(row: StoredVersion): VersionRow {
  if (!VERSION_STATES.includes(row.state)) throw new Error(`unknown version state ${row.state}`);
  return { ...row, meta: JSON.parse(row.meta) as DocumentMeta };
}

function documentOf(row: DocumentRow): DocumentRow {
  if (!DOC_STATUSES.includes(row.status)) throw new Error(`unknown document status ${row.status}`);
  return row;
}

const VERSION_COLUMNS = 'document_id, seq, state, meta, body_zh, body_en, note_zh, note_en, attachment_sha, attachment_file, attachment_size, drafted_by, approved_by, published_at, updated_at';

export async function findDocument(db: D1Database, id: number): Promise<DocumentRow | null> {
  const row = await db.prepare('SELECT * FROM documents WHERE id = ?1').bind(id).first<DocumentRow>();
  return row && documentOf(row);
}

export async function findDocumentBySlug(db: D1Database, kind: DocumentKind, slug: string): Promise<DocumentRow | null> {
  const row = await db.prepare('SELECT * FROM documents WHERE kind = ?1 AND slug = ?2').bind(kind, slug).first<DocumentRow>();
  return row && documentOf(row);
}

export async function versionsOf(db: D1Database, documentId: number): Promise<VersionRow[]> {
  const { results } = await db.prepare(`SELECT ${VERSION_COLUMNS} FROM document_versions WHERE document_id = ?1 ORDER BY seq`).bind(documentId).all<StoredVersion>();
  return results.map(version);
}

export async function findVersion(db: D1Database, documentId: number, seq: number): Promise<VersionRow | null> {
  const row = await db.prepare(`SELECT ${VERSION_COLUMNS} FROM document_versions WHERE document_id = ?1 AND seq = ?2`).bind(documentId, seq).first<StoredVersion>();
  return row && version(row);
}

/** The newest version of a document. */
export async function latestVersion(db: D1Database, documentId: number): Promise<VersionRow | null> {
  const row = await db.prepare(`SELECT ${VERSION_COLUMNS} FROM document_versions WHERE document_id = ?1 ORDER BY seq DESC LIMIT 1`).bind(documentId).first<StoredVersion>();
  return row && version(row);
}

/**
 * A version's drafting, from its audit in one query: everyone who saved it (the drafters: four
 * eyes keeps each of them from approving it), and the town day it was last sent for review (送审;
 * null when it never was, an imported one).
 */
export async function draftingOf(db: D1Database, documentId: number, seq: number): Promise<{ drafters: number[]; submitted: string | null }> {
  const { results } = await db
    .prepare(`SELECT actor_id, action, at FROM document_audit WHERE document_id = ?1 AND seq = ?2 AND action IN ('draft', 'correct', 'attach', 'submit') ORDER BY id`)
    .bind(documentId, seq)
    .all<{ actor_id: number | null; action: string; at: string }>();
  return {
    drafters: [...new Set(results.flatMap((r) => (r.actor_id === null ? [] : [r.actor_id])))],
    submitted: results.findLast((r) => r.action === 'submit')?.at ?? null,
  };
}

function audit(db: D1Database, documentId: number | null, seq: number, action: string, actorId: number | null, day: string): D1PreparedStatement {
  // A new document's id is the last one inserted in the same batch.
  return documentId === null
    ? db.prepare(`INSERT INTO document_audit (document_id, seq, action, actor_id, at) VALUES ((SELECT MAX(id) FROM documents), ?1, ?2, ?3, ?4)`).bind(seq, action, actorId, day)
    : db.prepare(`INSERT INTO document_audit (document_id, seq, action, actor_id, at) VALUES (?1, ?2, ?3, ?4, ?5)`).bind(documentId, seq, action, actorId, day);
}

export interface NewVersion {
  meta: DocumentMeta;
  bodyZh: string;
  bodyEn: string | null;
  noteZh?: string | null;
  noteEn?: string | null;
  attachmentSha?: string | null;
  attachmentFile?: string | null;
  attachmentSize?: number | null;
}

/** A new document with its first version as a draft (a village's when `villageId` is given); null when the address is taken. */
export async function createDocument(db: D1Database, kind: DocumentKind, slug: string, v: NewVersion, actorId: number, day: string, villageId: string | null = null): Promise<number | null> {
  const [inserted] = await db.batch<{ id: number }>([
    db.prepare(`INSERT INTO documents (kind, slug, village_id, created_at) VALUES (?1, ?2, ?4, ?3) ON CONFLICT (kind, slug) DO NOTHING RETURNING id`).bind(kind, slug, day, villageId),
    db
      .prepare(
        `INSERT INTO document_versions (document_id, seq, state, meta, body_zh, body_en, drafted_by, updated_at, attachment_sha, attachment_size)
         SELECT id, 1, 'draft', ?3, ?4, ?5, ?6, ?7, ?8, ?9 FROM documents WHERE kind = ?1 AND slug = ?2 AND NOT EXISTS (SELECT 1 FROM document_versions WHERE document_id = documents.id)`,
      )
      .bind(kind, slug, JSON.stringify(v.meta), v.bodyZh, v.bodyEn, actorId, day, v.attachmentSha ?? null, v.attachmentSize ?? null),
    db
      .prepare(`INSERT INTO document_audit (document_id, seq, action, actor_id, at) SELECT id, 1, 'draft', ?3, ?4 FROM documents WHERE kind = ?1 AND slug = ?2 AND changes() > 0`)
      .bind(kind, slug, actorId, day),
  ]);
  return inserted?.results[0]?.id ?? null;
}

/** Saves an open version (draft or returned) again, as a draft (its attachment too when `v` names one, or null); false when it is no longer open. */
export async function updateOpenVersion(db: D1Database, documentId: number, seq: number, v: NewVersion, slug: string | null, actorId: number, day: string): Promise<boolean> {
  const attach = v.attachmentSha !== undefined;
  const statements = [
    db
      .prepare(
        `UPDATE document_versions SET state = 'draft', meta = ?3, body_zh = ?4, body_en = ?5, updated_at = ?6${attach ? ', attachment_sha = ?7, attachment_file = NULL, attachment_size = ?8' : ''} WHERE document_id = ?1 AND seq = ?2 AND state IN ('draft', 'returned')`,
      )
      .bind(documentId, seq, JSON.stringify(v.meta), v.bodyZh, v.bodyEn, day, ...(attach ? [v.attachmentSha, v.attachmentSize ?? null] : [])),
    db.prepare(`INSERT INTO document_audit (document_id, seq, action, actor_id, at) SELECT ?1, ?2, 'draft', ?3, ?4 WHERE changes() > 0`).bind(documentId, seq, actorId, day),
  ];
  // A document never published may still change its address.
  if (slug !== null) statements.push(db.prepare(`UPDATE documents SET slug = ?2 WHERE id = ?1 AND published_seq IS NULL AND withdrawn_at IS NULL`).bind(documentId, slug));
  const [updated] = await db.batch(statements);
  return (updated?.meta.changes ?? 0) > 0;
}

/** Moves a version from one state to another (submit, return), with its audit and an optional comment, guarded by the state expected. */
export async function moveVersion(
  db: D1Database,
  documentId: number,
  seq: number,
  from: readonly VersionState[],
  to: VersionState,
  action: string,
  actorId: number,
  day: string,
  comment?: string,
): Promise<boolean> {
  const statements = [
    db.prepare(`UPDATE document_versions SET state = ?3, updated_at = ?4 WHERE document_id = ?1 AND seq = ?2 AND state IN (SELECT value FROM json_each(?5))`).bind(documentId, seq, to, day, JSON.stringify(from)),
    db.prepare(`INSERT INTO document_audit (document_id, seq, action, actor_id, at) SELECT ?1, ?2, ?3, ?4, ?5 WHERE changes() > 0`).bind(documentId, seq, action, actorId, day),
  ];
  if (comment !== undefined) {
    statements.push(
      db
        .prepare(`INSERT INTO document_comments (document_id, seq, author_id, comment, at) SELECT ?1, ?2, ?3, ?4, ?5 WHERE changes() > 0`)
        .bind(documentId, seq, actorId, comment, day),
    );
  }
  const [moved] = await db.batch(statements);
  return (moved?.meta.changes ?? 0) > 0;
}

/** The statements that rewrite a document's search terms (none: it leaves search). */
function reindex(db: D1Database, documentId: number, terms: readonly string[]): D1PreparedStatement[] {
  const out = [db.prepare('DELETE FROM search_terms WHERE document_id = ?1').bind(documentId)];
  if (terms.length > 0) out.push(db.prepare('INSERT OR IGNORE INTO search_terms (term, document_id) SELECT value, ?1 FROM json_each(?2)').bind(documentId, JSON.stringify(terms)));
  return out;
}

/**
 * Publishes a version under review: it becomes the document's public version, the document it
 * amends or replaces takes its new status, and the search terms are rewritten, in one batch.
 * False when the version was not under review any more.
 */
export async function publishVersion(
  db: D1Database,
  documentId: number,
  seq: number,
  issued: string,
  given: { slug: string; status: RegulationStatus } | null,
  kind: DocumentKind,
  terms: readonly string[],
  actorId: number,
  day: string,
  /** The version's metadata as published, when publishing sets something in it (a disclosure's day of publication). */
  meta?: unknown,
  /**
   * More statements of the same sign-off, each guarded itself by `signedOffGuard` on this sign-off's
   * token (a correction's answers to questions), the version holding that token only if this batch
   * moves it. Without, the sign-off has a token of its own.
   */
  after: { token: string; statements: D1PreparedStatement[] } | null = null,
): Promise<boolean> {
  const signOff: SignOff = { documentId, seq, token: after?.token ?? crypto.randomUUID() };
  const [moved] = await db.batch([
    db
      .prepare(
        `UPDATE document_versions SET state = 'published', approved_by = ?3, published_at = ?4, updated_at = ?4, meta = coalesce(?5, meta), sign_off = ?6
         WHERE document_id = ?1 AND seq = ?2 AND state = 'review'`,
      )
      .bind(documentId, seq, actorId, day, meta === undefined ? null : JSON.stringify(meta), signOff.token),
    // The rest only if that moved it (changes() of the statement before).
    db.prepare(`INSERT INTO document_audit (document_id, seq, action, actor_id, at) SELECT ?1, ?2, 'approve', ?3, ?4 WHERE changes() > 0`).bind(documentId, seq, actorId, day),
    db.prepare(`UPDATE documents SET published_seq = ?4, issued = ?5, withdrawn_at = NULL, withdrawn_reason_zh = NULL, withdrawn_reason_en = NULL WHERE id = ?1 AND ${signedOffGuard(1)}`).bind(...signedOffParams(signOff), seq, issued),
    ...(given ? [db.prepare(`UPDATE documents SET status = ?3 WHERE kind = ?1 AND slug = ?2 AND published_seq IS NOT NULL`).bind(kind, given.slug, given.status)] : []),
    ...reindex(db, documentId, terms),
    ...(after?.statements ?? []),
  ]);
  return (moved?.meta.changes ?? 0) > 0;
}

/** A version's sign-off, as the statements that must not stand without it check it. */
export interface SignOff {
  documentId: number;
  seq: number;
  /** Random, one for each sign-off sent: `publishVersion` writes it into the version only when that batch moves it. */
  token: string;
}

/**
 * SQL that holds only once this very sign-off of the version applied, for the statements of the
 * same batch that must not stand without it: the version is published and holds this sign-off's
 * token. Not who and which day: a second sign-off by the same officer on the same day, sent at
 * once, finds the version published by the first and must write nothing. Its parameters are
 * `signedOffParams`.
 */
export const signedOffGuard = (from: number) =>
  `EXISTS (SELECT 1 FROM document_versions WHERE document_id = ?${from} AND seq = ?${from + 1} AND state = 'published' AND sign_off = ?${from + 2})`;

/** The parameters of `signedOffGuard`, in order. */
export const signedOffParams = (s: SignOff): unknown[] => [s.documentId, s.seq, s.token];

/** A correction: a new draft version copied from the published one, with its public note. False when one is open already. */
export async function openCorrection(db: D1Database, documentId: number, fromSeq: number, noteZh: string, noteEn: string | null, actorId: number, day: string): Promise<boolean> {
  const [inserted] = await db.batch([
    db
      .prepare(
        `INSERT INTO document_versions (document_id, seq, state, meta, body_zh, body_en, note_zh, note_en, attachment_sha, attachment_file, attachment_size, drafted_by, updated_at)
         SELECT document_id, seq + 1, 'draft', meta, body_zh, body_en, ?3, ?4, attachment_sha, attachment_file, attachment_size, ?5, ?6 FROM document_versions
         WHERE document_id = ?1 AND seq = ?2 AND state = 'published' AND seq = (SELECT MAX(seq) FROM document_versions WHERE document_id = ?1)`,
      )
      .bind(documentId, fromSeq, noteZh, noteEn, actorId, day),
    db.prepare(`INSERT INTO document_audit (document_id, seq, action, actor_id, at) SELECT ?1, ?2 + 1, 'correct', ?3, ?4 WHERE changes() > 0`).bind(documentId, fromSeq, actorId, day),
  ]);
  return (inserted?.meta.changes ?? 0) > 0;
}

/** Withdraws a published document: its versions are withdrawn, the notice's reason and day kept, and it leaves search, in one batch. */
export async function withdrawDocument(db: D1Database, documentId: number, seq: number, reasonZh: string, reasonEn: string | null, actorId: number, day: string): Promise<boolean> {
  const [moved] = await db.batch([
    db.prepare(`UPDATE documents SET withdrawn_at = ?2, withdrawn_reason_zh = ?3, withdrawn_reason_en = ?4 WHERE id = ?1 AND published_seq = ?5 AND withdrawn_at IS NULL`).bind(documentId, day, reasonZh, reasonEn, seq),
    db.prepare(`INSERT INTO document_audit (document_id, seq, action, actor_id, at) SELECT ?1, ?2, 'withdraw', ?3, ?4 WHERE changes() > 0`).bind(documentId, seq, actorId, day),
    db.prepare(`UPDATE document_versions SET state = 'withdrawn' WHERE document_id = ?1 AND state IN ('published', 'draft', 'review', 'returned') AND EXISTS (SELECT 1 FROM documents WHERE id = ?1 AND withdrawn_at = ?2)`).bind(documentId, day),
    ...reindex(db, documentId, []),
  ]);
  return (moved?.meta.changes ?? 0) > 0;
}

/** Sets an open version's attachment. */
export async function setAttachment(db: D1Database, documentId: number, seq: number, sha: string, size: number, actorId: number, day: string): Promise<boolean> {
  const [updated] = await db.batch([
    db.prepare(`UPDATE document_versions SET attachment_sha = ?3, attachment_file = NULL, attachment_size = ?4, updated_at = ?5 WHERE document_id = ?1 AND seq = ?2 AND state IN ('draft', 'returned')`).bind(documentId, seq, sha, size, day),
    db.prepare(`INSERT INTO document_audit (document_id, seq, action, actor_id, at) SELECT ?1, ?2, 'attach', ?3, ?4 WHERE changes() > 0`).bind(documentId, seq, actorId, day),
  ]);
  return (updated?.meta.changes ?? 0) > 0;
}

/**
 * Which of these hashes any version of any document still lists, whatever its state (draft,
 * returned, in review, published, withdrawn, earlier): as its PDF, or among its board photos.
 */
export async function listedAttachmentShas(db: D1Database, shas: string[]): Promise<Set<string>> {
  if (shas.length === 0) return new Set();
  const { results } = await db
    .prepare(
      `SELECT attachment_sha AS sha FROM document_versions WHERE attachment_sha IN (SELECT value FROM json_each(?1))
       UNION SELECT json_extract(p.value, '$.sha') FROM document_versions v, json_each(v.meta, '$.photos') p
       WHERE json_valid(v.meta) AND json_extract(p.value, '$.sha') IN (SELECT value FROM json_each(?1))`,
    )
    .bind(JSON.stringify(shas))
    .all<{ sha: string }>();
  return new Set(results.map((r) => r.sha));
}

/** Whether an attachment of that hash belongs to a published (or withdrawn: its notice stays) version. */
export async function attachmentIsPublic(db: D1Database, sha: string): Promise<boolean> {
  const row = await db.prepare(`SELECT 1 AS yes FROM document_versions WHERE attachment_sha = ?1 AND state = 'published' LIMIT 1`).bind(sha).first<{ yes: number }>();
  return row !== null;
}

/** Whether a photo of that hash and type is among the board photos of a published version (a withdrawn one's are not). */
export async function boardPhotoIsPublic(db: D1Database, sha: string, type: string): Promise<boolean> {
  const row = await db
    .prepare(`SELECT 1 AS yes FROM document_versions v, json_each(v.meta, '$.photos') p WHERE v.state = 'published' AND json_extract(p.value, '$.sha') = ?1 AND json_extract(p.value, '$.type') = ?2 LIMIT 1`)
    .bind(sha, type)
    .first<{ yes: number }>();
  return row !== null;
}

export interface ConsoleListRow {
  id: number;
  kind: DocumentKind;
  slug: string;
  status: RegulationStatus;
  published_seq: number | null;
  withdrawn_at: string | null;
  seq: number;
  state: VersionState;
  meta: DocumentMeta;
  updated_at: string;
  drafted_by: number | null;
}

/** Every document with its newest version, newest change first; filtered by kind and that version's state. */
export async function listDocuments(db: D1Database, filter: { kind?: DocumentKind; state?: VersionState } = {}): Promise<ConsoleListRow[]> {
  const { results } = await db
    .prepare(
      `SELECT d.id, d.kind, d.slug, d.status, d.published_seq, d.withdrawn_at, v.seq, v.state, v.meta, v.updated_at, v.drafted_by
       FROM documents d JOIN document_versions v ON v.document_id = d.id AND v.seq = (SELECT MAX(seq) FROM document_versions WHERE document_id = d.id)
       WHERE (?1 IS NULL OR d.kind = ?1) AND (?2 IS NULL OR v.state = ?2)
       ORDER BY v.updated_at DESC, d.id DESC LIMIT 500`,
    )
    .bind(filter.kind ?? null, filter.state ?? null)
    .all<Omit<ConsoleListRow, 'meta'> & { meta: string }>();
  return results.map((r) => ({ ...r, meta: JSON.parse(r.meta) as DocumentMeta }));
}

/** A village's disclosure in the console: the document, its newest version's state and meta (the disclosure JSON), and its public version's seq. */
export interface VillageDocumentRow {
  id: number;
  slug: string;
  village_id: string;
  published_seq: number | null;
  withdrawn_at: string | null;
  seq: number;
  state: VersionState;
  meta: string;
  updated_at: string;
}

/** The disclosures of some villages (all when `villages` is null) with their newest versions, newest change first. */
export async function listVillageDocuments(db: D1Database, villages: readonly string[] | null): Promise<VillageDocumentRow[]> {
  const { results } = await db
    .prepare(
      `SELECT d.id, d.slug, d.village_id, d.published_seq, d.withdrawn_at, v.seq, v.state, v.meta, v.updated_at
       FROM documents d JOIN document_versions v ON v.document_id = d.id AND v.seq = (SELECT MAX(seq) FROM document_versions WHERE document_id = d.id)
       WHERE d.kind = 'disclosure' AND d.village_id IS NOT NULL AND (?1 IS NULL OR d.village_id IN (SELECT value FROM json_each(?1)))
       ORDER BY v.updated_at DESC, d.id DESC LIMIT 500`,
    )
    .bind(villages === null ? null : JSON.stringify(villages))
    .all<VillageDocumentRow>();
  return results;
}

export interface CommentRow {
  seq: number;
  author: string | null;
  comment: string;
  at: string;
}

export async function commentsOf(db: D1Database, documentId: number): Promise<CommentRow[]> {
  const { results } = await db
    .prepare(`SELECT c.seq, u.username AS author, c.comment, c.at FROM document_comments c LEFT JOIN staff_users u ON u.id = c.author_id WHERE c.document_id = ?1 ORDER BY c.id`)
    .bind(documentId)
    .all<CommentRow>();
  return results;
}

export interface AuditRow {
  seq: number;
  action: 'import' | 'draft' | 'submit' | 'approve' | 'return' | 'correct' | 'withdraw' | 'attach';
  actor_id: number | null;
  username: string | null;
  display_name: string | null;
  at: string;
}

export async function auditOf(db: D1Database, documentId: number): Promise<AuditRow[]> {
  const { results } = await db
    .prepare(`SELECT a.seq, a.action, a.actor_id, u.username, u.display_name, a.at FROM document_audit a LEFT JOIN staff_users u ON u.id = a.actor_id WHERE a.document_id = ?1 ORDER BY a.id`)
    .bind(documentId)
    .all<AuditRow>();
  return results;
}

// The public side.

export interface PublishedRow extends DocumentRow {
  seq: number;
  meta: DocumentMeta;
  body_zh: string;
  body_en: string | null;
  note_zh: string | null;
  note_en: string | null;
  attachment_sha: string | null;
  attachment_file: string | null;
  attachment_size: number | null;
  published_at: string;
}

type StoredPublished = Omit<PublishedRow, 'meta'> & { meta: string };

const PUBLISHED = `SELECT d.*, v.seq, v.meta, v.body_zh, v.body_en, v.note_zh, v.note_en, v.attachment_sha, v.attachment_file, v.attachment_size, v.published_at
  FROM documents d JOIN document_versions v ON v.document_id = d.id`;

function published(row: StoredPublished): PublishedRow {
  return { ...documentOf(row as unknown as DocumentRow), ...row, meta: JSON.parse(row.meta) as DocumentMeta } as PublishedRow;
}

/** A published document without its texts: what lists, feeds and links need. */
export type PublishedHead = Omit<PublishedRow, 'body_zh' | 'body_en' | 'note_zh' | 'note_en'>;

/** Every published document of a kind (withdrawn ones too: their notice stays) with its public version's metadata, newest issue first. */
export async function listPublished(db: D1Database, kind: DocumentKind): Promise<PublishedHead[]> {
  const { results } = await listPublishedStatement(db, kind).all<Omit<StoredPublished, 'body_zh' | 'body_en' | 'note_zh' | 'note_en'>>();
  return results.map(publishedHead);
}

function listPublishedStatement(db: D1Database, kind: DocumentKind): D1PreparedStatement {
  return db
    .prepare(
      `SELECT d.*, v.seq, v.meta, v.attachment_sha, v.attachment_file, v.attachment_size, v.published_at FROM documents d JOIN document_versions v ON v.document_id = d.id
       AND v.seq = d.published_seq WHERE d.kind = ?1 ORDER BY d.issued DESC, d.id DESC`,
    )
    .bind(kind);
}

function publishedHead(row: Omit<StoredPublished, 'body_zh' | 'body_en' | 'note_zh' | 'note_en'>): PublishedHead {
  return { ...documentOf(row as unknown as DocumentRow), ...row, meta: JSON.parse(row.meta) as DocumentMeta } as PublishedHead;
}

/** A document's public version, or an earlier published one (`seq`). */
export async function findPublished(db: D1Database, kind: DocumentKind, slug: string, seq?: number): Promise<PublishedRow | null> {
  const row = await db
    .prepare(`${PUBLISHED} AND v.seq = coalesce(?3, d.published_seq) AND v.published_at IS NOT NULL WHERE d.kind = ?1 AND d.slug = ?2 AND d.published_seq IS NOT NULL`)
    .bind(kind, slug, seq ?? null)
    .first<StoredPublished>();
  return row && published(row);
}

/**
 * What a document's public page shows, in one round trip: its public version (or an earlier
 * published one, `seq`), every published document of its kind (for the links between them) and
 * its published versions; null when nothing is published at that slug (and version).
 */
export async function findPublishedPage(
  db: D1Database,
  kind: DocumentKind,
  slug: string,
  seq?: number,
): Promise<{ document: PublishedRow; all: PublishedHead[]; versions: { seq: number; published_at: string; note_zh: string | null; note_en: string | null }[] } | null> {
  const [found, all, versions] = await db.batch([
    db
      .prepare(`${PUBLISHED} AND v.seq = coalesce(?3, d.published_seq) AND v.published_at IS NOT NULL WHERE d.kind = ?1 AND d.slug = ?2 AND d.published_seq IS NOT NULL`)
      .bind(kind, slug, seq ?? null),
    listPublishedStatement(db, kind),
    db
      .prepare(
        `SELECT v.seq, v.published_at, v.note_zh, v.note_en FROM document_versions v JOIN documents d ON d.id = v.document_id
         WHERE d.kind = ?1 AND d.slug = ?2 AND d.published_seq IS NOT NULL AND v.published_at IS NOT NULL ORDER BY v.seq`,
      )
      .bind(kind, slug),
  ]);
  const row = found!.results[0] as StoredPublished | undefined;
  if (!row) return null;
  return {
    document: published(row),
    all: (all!.results as Omit<StoredPublished, 'body_zh' | 'body_en' | 'note_zh' | 'note_en'>[]).map(publishedHead),
    versions: versions!.results as { seq: number; published_at: string; note_zh: string | null; note_en: string | null }[],
  };
}

/** The published versions of a document (numbers, days, 更正 notes), oldest first. */
export async function publishedVersions(db: D1Database, documentId: number): Promise<{ seq: number; published_at: string; note_zh: string | null; note_en: string | null }[]> {
  const { results } = await db
    .prepare(`SELECT seq, published_at, note_zh, note_en FROM document_versions WHERE document_id = ?1 AND published_at IS NOT NULL ORDER BY seq`)
    .bind(documentId)
    .all<{ seq: number; published_at: string; note_zh: string | null; note_en: string | null }>();
  return results;
}

/**
 * What is public now, in one line (each published document's id, public version, status and
 * withdrawal), and the newest day anything was published or withdrawn: the validator of every
 * public page changes exactly when this does.
 */
export async function publicStamp(db: D1Database): Promise<{ list: string; changed: string | null }> {
  const row = await db
    .prepare(
      `SELECT group_concat(entry, ',') AS list, MAX(changed) AS changed FROM (
         SELECT d.id || ':' || d.published_seq || ':' || d.status || ':' || coalesce(d.withdrawn_at, '') AS entry, coalesce(d.withdrawn_at, v.published_at) AS changed
         FROM documents d JOIN document_versions v ON v.document_id = d.id AND v.seq = d.published_seq ORDER BY d.id)`,
    )
    .first<{ list: string | null; changed: string | null }>();
  return { list: row?.list ?? '', changed: row?.changed ?? null };
}

/** Published, not withdrawn documents holding every one of `terms`, newest issue or best match first, at most `limit`. */
export async function searchDocuments(db: D1Database, terms: readonly string[], order: 'date' | 'relevance', limit: number): Promise<PublishedRow[]> {
  if (terms.length === 0) return [];
  const { results } = await db
    .prepare(
      `${PUBLISHED} AND v.seq = d.published_seq
       WHERE d.withdrawn_at IS NULL AND d.id IN (SELECT document_id FROM search_terms WHERE term IN (SELECT value FROM json_each(?1)) GROUP BY document_id HAVING COUNT(*) = ?2)
       ORDER BY ${order === 'date' ? 'd.issued DESC' : "(d.status = 'in-force') DESC, d.issued DESC"}, d.id DESC LIMIT ?3`,
    )
    .bind(JSON.stringify(terms), terms.length, limit)
    .all<StoredPublished>();
  return results.map(published);
}

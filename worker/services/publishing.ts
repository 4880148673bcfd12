/**
 * Publishing documents from the console: drafting, review, approval (four eyes), corrections,
 * withdrawal, attachments; and reading them back for the console and the public pages. Every
 * function returns a Result; the rules are in worker/publishing/, the SQL in worker/db/documents.ts.
 *
 * `actor` is the signed-in staff member with the rights granted to the account ('draft',
 * 'approve'); a village's documents will follow the same machinery with village-level rights.
 */
import { portal } from '../../content/index.ts';
import { storedDay } from '../../core/clock.ts';
import { toHex } from '../../core/bytes.ts';
import { ok, refuse, type Result, type ResultWith } from '../cases/result.ts';
import { checkPublication, type TextFinding } from '../cases/publication-check.ts';
import { hasTraditionalCharacters } from '../cases/normalise.ts';
import * as db from '../db/documents.ts';
import type { AuditRow, CommentRow, ConsoleListRow, DocumentRow, PublishedHead, PublishedRow, VersionRow } from '../db/documents.ts';
import { attachmentKey, checkAttachment } from '../publishing/attachment.ts';
import { plainTextOf } from '../publishing/markdown.ts';
import { isOpen, mayApprove, mayDraft, readDraft, readNote, statusGiven, type Actor, type DocumentKind, type DraftInput, type Localized, type VersionState } from '../publishing/model.ts';
import { indexTerms, queryTerms } from '../publishing/search.ts';
import { disclosureSearchText, isDisclosure } from '../publishing/disclosure.ts';
import type { DisclosureMeta } from '../publishing/disclosure-rows.ts';

export type { Actor, DraftInput, Localized };

/**
 * What the drafting form sends: its fields by name (see readDraft in worker/publishing/model.ts),
 * with `id` (the document) when an existing draft is saved again. `kind` defaults to 'regulation'.
 */
export type DraftFields = Record<string, unknown> & { id?: number | string; kind?: DocumentKind };

export interface Saved {
  id: number;
  seq: number;
}

/** Saves a draft: a new document, or the open version (draft or returned) of an existing one. Nothing partial is stored. */
export async function saveDraft(database: D1Database, actor: Actor, input: DraftFields, now = new Date()): Promise<Result<Saved>> {
  const allowed = mayDraft(actor);
  if (!allowed.ok) return allowed;
  const read = readDraft(input);
  if (!read.ok) return read;
  const draft = read.value;
  const version: db.NewVersion = { meta: draft.meta, bodyZh: draft.body['zh-CN'], bodyEn: draft.body.en ?? null };
  const day = storedDay(now);
  const kind: DocumentKind = input.kind === 'disclosure' ? 'disclosure' : 'regulation';
  const related = await relatedProblem(database, kind, draft);
  if (related) return related;
  const id = input.id === undefined || input.id === '' ? null : Number(input.id);
  if (id === null) {
    const created = await db.createDocument(database, kind, draft.slug, version, actor.id, day);
    if (created === null) return refuse('conflict', 'errors.summary', { fields: [{ field: 'slug', key: 'publishing.errors.slugTaken' }] });
    return ok({ id: created, seq: 1 });
  }
  if (!Number.isSafeInteger(id)) return refuse('not_found', 'publishing.errors.notFound');
  const doc = await db.findDocument(database, id);
  if (!doc) return refuse('not_found', 'publishing.errors.notFound');
  const latest = await db.latestVersion(database, id);
  if (!latest || !isOpen(latest.state)) return refuse('conflict', latest?.state === 'review' ? 'publishing.errors.inReview' : 'publishing.errors.notOpen');
  if (draft.slug !== doc.slug) {
    if (doc.published_seq !== null) return refuse('invalid', 'errors.summary', { fields: [{ field: 'slug', key: 'publishing.errors.slugFixed' }] });
    const taken = await db.findDocumentBySlug(database, kind, draft.slug);
    if (taken) return refuse('conflict', 'errors.summary', { fields: [{ field: 'slug', key: 'publishing.errors.slugTaken' }] });
  }
  const saved = await db.updateOpenVersion(database, id, latest.seq, version, draft.slug !== doc.slug ? draft.slug : null, actor.id, day);
  if (!saved) return refuse('conflict', 'publishing.errors.notOpen');
  return ok({ id, seq: latest.seq });
}

/** Amends / replaces must name another published document of the same kind. */
async function relatedProblem(database: D1Database, kind: DocumentKind, draft: DraftInput): Promise<{ ok: false; refusal: import('../cases/result.ts').Refusal } | null> {
  for (const field of ['amends', 'replaces'] as const) {
    const slug = draft.meta[field];
    if (!slug) continue;
    const target = await db.findDocumentBySlug(database, kind, slug);
    if (!target || target.published_seq === null || target.withdrawn_at !== null) return refuse('invalid', 'errors.summary', { fields: [{ field, key: 'publishing.errors.related' }] });
  }
  return null;
}

/** The open or reviewed version of a document: the one the next step acts on. */
async function current(database: D1Database, id: number): Promise<Result<{ doc: DocumentRow; version: VersionRow }>> {
  if (!Number.isSafeInteger(id)) return refuse('not_found', 'publishing.errors.notFound');
  const doc = await db.findDocument(database, id);
  const version = doc && (await db.latestVersion(database, id));
  if (!doc || !version) return refuse('not_found', 'publishing.errors.notFound');
  return ok({ doc, version });
}

export type Findings = { findings: TextFinding[]; confirmation: string };

/**
 * Sends the open version for review (the route loads the traditional-character table first:
 * `loadTraditionalCharacters(c.env.ASSETS)`, else this refuses as `unavailable`), after the personal-data check that guards outcomes: a
 * blocking finding stops it; findings only to confirm stop it until `fields` carries the
 * confirmation shown with them (CONFIRM_FIELD).
 */
export async function submitForReview(database: D1Database, actor: Actor, id: number, fields: Record<string, unknown> = {}, now = new Date()): Promise<ResultWith<Saved, { check?: Findings }>> {
  const allowed = mayDraft(actor);
  if (!allowed.ok) return allowed;
  const found = await current(database, id);
  if (!found.ok) return found;
  const { doc, version } = found.value;
  if (!isOpen(version.state)) return refuse('conflict', version.state === 'review' ? 'publishing.errors.inReview' : 'publishing.errors.notOpen');
  const m = version.meta;
  // A village's disclosure: its summary, notes and 更正 note (its rows were checked line by line as they were saved).
  const texts: Record<string, string> = doc.kind === 'disclosure' ? disclosureCheckTexts(version) : {
    title_zh: m.title['zh-CN'],
    title_en: m.title.en ?? '',
    summary_zh: m.summary['zh-CN'],
    summary_en: m.summary.en ?? '',
    body_zh: plainTextOf(version.body_zh),
    body_en: version.body_en ? plainTextOf(version.body_en) : '',
    note_zh: version.note_zh ?? '',
    note_en: version.note_en ?? '',
  };
  // The check reads traditional characters with a table the route loads first (loadTraditionalCharacters(c.env.ASSETS)).
  if (!hasTraditionalCharacters()) return refuse('unavailable', 'errors.unavailable');
  const check = checkPublication(texts, { name: null, phone: null }, fields);
  if (check) return { ...refuse('invalid', 'publishing.errors.personalData'), check };
  const moved = await db.moveVersion(database, id, version.seq, ['draft', 'returned'], 'review', 'submit', actor.id, storedDay(now));
  return moved ? ok({ id, seq: version.seq }) : refuse('conflict', 'publishing.errors.notOpen');
}

/** Approves the version under review: public at once. Never by anyone who drafted it. */
export async function approve(
  database: D1Database,
  actor: Actor,
  id: number,
  now = new Date(),
  /** What must stand only with this sign-off (a correction's answers), guarded by its token. */
  after: { token: string; statements: D1PreparedStatement[] } | null = null,
): Promise<Result<Saved & { slug: string }>> {
  const found = await current(database, id);
  if (!found.ok) return found;
  const { doc, version } = found.value;
  const { drafters, submitted } = await db.draftingOf(database, id, version.seq);
  const allowed = mayApprove(actor, [...drafters, ...(version.drafted_by === null ? [] : [version.drafted_by])]);
  if (!allowed.ok) return allowed;
  if (version.state !== 'review') return refuse('conflict', 'publishing.errors.notInReview');
  const day = storedDay(now);
  // A village's disclosure is published on the day it is signed off, and says the day it was sent for review: its meta holds both.
  const disclosure = doc.kind === 'disclosure' ? { ...(version.meta as unknown as DisclosureMeta), published: day, ...(submitted ? { submitted } : {}) } : null;
  const terms = termsOf(disclosure ? { ...version, meta: disclosure as unknown as VersionRow['meta'] } : version);
  const published = disclosure
    ? await db.publishVersion(database, id, version.seq, day, null, doc.kind, terms, actor.id, day, disclosure, after)
    : await db.publishVersion(database, id, version.seq, version.meta.issued, statusGiven(version.meta), doc.kind, terms, actor.id, day, undefined, after);
  return published ? ok({ id, seq: version.seq, slug: doc.slug }) : refuse('conflict', 'publishing.errors.notInReview');
}

/** What the personal-data check reads of a disclosure before review: its summary, notes, a decision's text and the 更正 note. */
function disclosureCheckTexts(version: VersionRow): Record<string, string> {
  const m = version.meta as unknown as DisclosureMeta;
  return { summary_zh: m.summary['zh-CN'], notes_zh: m.notes.map((n) => n['zh-CN']).join('\n'), body_zh: plainTextOf(version.body_zh), note_zh: version.note_zh ?? '' };
}

/** The search terms of a version: its title, 文号, summary and body in both languages (a disclosure's: its title, tables and notes). */
export function termsOf(version: Pick<VersionRow, 'meta' | 'body_zh' | 'body_en'>): string[] {
  const m = version.meta;
  // A village disclosure: its tables and notes (worker/publishing/disclosure.ts).
  if (isDisclosure(m)) return [...indexTerms([disclosureSearchText(m), plainTextOf(version.body_zh)].join('\n'))];
  const text = [m.title['zh-CN'], m.title.en, m.docNumber, m.summary['zh-CN'], m.summary.en, plainTextOf(version.body_zh), version.body_en && plainTextOf(version.body_en)].filter(Boolean).join('\n');
  return [...indexTerms(text)];
}

/** Returns the version under review to its drafters, with a comment they read (required). */
export async function returnDraft(database: D1Database, actor: Actor, id: number, comment: string, now = new Date()): Promise<Result<Saved>> {
  const found = await current(database, id);
  if (!found.ok) return found;
  const { version } = found.value;
  const allowed = mayApprove(actor, []);
  if (!allowed.ok) return allowed;
  const note = readNote(comment, 'comment');
  if (!note.ok) return note;
  if (version.state !== 'review') return refuse('conflict', 'publishing.errors.notInReview');
  const moved = await db.moveVersion(database, id, version.seq, ['review'], 'returned', 'return', actor.id, storedDay(now), note.value['zh-CN']);
  return moved ? ok({ id, seq: version.seq }) : refuse('conflict', 'publishing.errors.notInReview');
}

/** Starts a correction of a published document: a new draft version, copied from the public one, with its public 更正 note. */
export async function startCorrection(database: D1Database, actor: Actor, id: number, note: string | Localized, now = new Date()): Promise<Result<Saved>> {
  const allowed = mayDraft(actor);
  if (!allowed.ok) return allowed;
  const found = await current(database, id);
  if (!found.ok) return found;
  const { doc, version } = found.value;
  const read = readNote(note, 'note');
  if (!read.ok) return read;
  if (doc.withdrawn_at !== null) return refuse('conflict', 'publishing.errors.withdrawn');
  if (doc.published_seq === null || version.seq !== doc.published_seq) return refuse('conflict', isOpen(version.state) || version.state === 'review' ? 'publishing.errors.correctionOpen' : 'publishing.errors.notPublished');
  const opened = await db.openCorrection(database, id, version.seq, read.value['zh-CN'], read.value.en ?? null, actor.id, storedDay(now));
  return opened ? ok({ id, seq: version.seq + 1 }) : refuse('conflict', 'publishing.errors.correctionOpen');
}

/** Withdraws a published document with a public reason: its address keeps a dated notice, and it leaves search at once. */
export async function withdraw(database: D1Database, actor: Actor, id: number, reason: string | Localized, now = new Date()): Promise<Result<Saved>> {
  const allowed = mayApprove(actor, []);
  if (!allowed.ok) return allowed;
  const found = await current(database, id);
  if (!found.ok) return found;
  const { doc } = found.value;
  const read = readNote(reason, 'reason');
  if (!read.ok) return read;
  if (doc.withdrawn_at !== null) return refuse('conflict', 'publishing.errors.withdrawn');
  if (doc.published_seq === null) return refuse('conflict', 'publishing.errors.notPublished');
  const done = await db.withdrawDocument(database, id, doc.published_seq, read.value['zh-CN'], read.value.en ?? null, actor.id, storedDay(now));
  return done ? ok({ id, seq: doc.published_seq }) : refuse('conflict', 'publishing.errors.withdrawn');
}

/** An uploaded file: its bytes (as the form sent them). */
export interface UploadedFile {
  bytes: ArrayBuffer | Uint8Array;
}

/** Attaches a PDF to the open version: checked by its bytes, stored under its SHA-256. */
export async function attach(database: D1Database, bucket: R2Bucket, actor: Actor, id: number, file: UploadedFile | Blob, now = new Date()): Promise<Result<{ sha: string; size: number }>> {
  const allowed = mayDraft(actor);
  if (!allowed.ok) return allowed;
  const found = await current(database, id);
  if (!found.ok) return found;
  const { version } = found.value;
  if (!isOpen(version.state)) return refuse('conflict', version.state === 'review' ? 'publishing.errors.inReview' : 'publishing.errors.notOpen');
  const maxBytes = portal.publishing.attachmentMaxBytes;
  if ('size' in file && typeof file.size === 'number' && file.size > maxBytes) return checkAttachment(new Uint8Array(maxBytes + 1), maxBytes) as Result<never>;
  const raw = 'bytes' in file && !(file instanceof Blob) ? file.bytes : await (file as Blob).arrayBuffer();
  const bytes = raw instanceof Uint8Array ? raw : new Uint8Array(raw);
  const checked = checkAttachment(bytes, maxBytes);
  if (!checked.ok) return checked;
  const sha = toHex(await crypto.subtle.digest('SHA-256', bytes));
  await bucket.put(attachmentKey(sha), bytes, { httpMetadata: { contentType: 'application/pdf' }, sha256: sha });
  const set = await db.setAttachment(database, id, version.seq, sha, bytes.length, actor.id, storedDay(now));
  return set ? ok({ sha, size: bytes.length }) : refuse('conflict', 'publishing.errors.notOpen');
}

export interface ConsoleFilter {
  kind?: DocumentKind;
  state?: VersionState;
}

/** The console's list: every document with its newest version. */
export async function listForConsole(database: D1Database, filter: ConsoleFilter = {}): Promise<Result<ConsoleListRow[]>> {
  return ok(await db.listDocuments(database, filter));
}

export interface ConsoleDocument {
  document: DocumentRow;
  versions: VersionRow[];
  comments: CommentRow[];
  /** Who drafted the newest version (everyone who saved it): they may not approve it. */
  drafters: number[];
}

/** One document for the console: every version, the review comments. */
export async function getForConsole(database: D1Database, id: number): Promise<Result<ConsoleDocument>> {
  if (!Number.isSafeInteger(id)) return refuse('not_found', 'publishing.errors.notFound');
  const document = await db.findDocument(database, id);
  if (!document) return refuse('not_found', 'publishing.errors.notFound');
  const versions = await db.versionsOf(database, id);
  const latest = versions.at(-1);
  const drafters = latest ? [...new Set([...(await db.draftingOf(database, id, latest.seq)).drafters, ...(latest.drafted_by === null ? [] : [latest.drafted_by])])] : [];
  return ok({ document, versions, comments: await db.commentsOf(database, id), drafters });
}

/** Who drafted, sent, approved, returned, corrected, withdrew and attached, by town day, oldest first. */
export async function history(database: D1Database, id: number): Promise<Result<AuditRow[]>> {
  if (!Number.isSafeInteger(id)) return refuse('not_found', 'publishing.errors.notFound');
  const document = await db.findDocument(database, id);
  if (!document) return refuse('not_found', 'publishing.errors.notFound');
  return ok(await db.auditOf(database, id));
}

// The public side.

export interface PublicDocument {
  document: PublishedRow;
  /** The published versions, oldest first, with their 更正 notes. */
  versions: { seq: number; published_at: string; note_zh: string | null; note_en: string | null }[];
  /** The documents it amends / replaces, and those that amend / replace it. */
  related: { key: 'amends' | 'replaces' | 'amendedBy' | 'replacedBy'; document: PublishedHead }[];
}

/** A published document (or one of its earlier versions) for its public page; null when there is none at that address. */
export async function publicDocument(database: D1Database, kind: DocumentKind, slug: string, seq?: number): Promise<PublicDocument | null> {
  // The version, the documents it links to and its versions in one round trip.
  const found = await db.findPublishedPage(database, kind, slug, seq);
  if (!found) return null;
  const { document, all } = found;
  const bySlug = (s: string | undefined) => (s ? all.find((d) => d.slug === s) : undefined);
  const related: PublicDocument['related'] = [];
  const add = (key: PublicDocument['related'][number]['key'], d: PublishedHead | undefined) => {
    if (d && d.withdrawn_at === null) related.push({ key, document: d });
  };
  add('amends', bySlug(document.meta.amends));
  add('replaces', bySlug(document.meta.replaces));
  add('amendedBy', all.find((d) => d.meta.amends === slug));
  add('replacedBy', all.find((d) => d.meta.replaces === slug));
  return { document, versions: found.versions, related };
}

/** Every published document of a kind (withdrawn ones included, marked), newest issue first. */
export function publicList(database: D1Database, kind: DocumentKind = 'regulation'): Promise<PublishedHead[]> {
  return db.listPublished(database, kind);
}

/** A validator for every public list: changes whenever anything is published, corrected, withdrawn or changes status. */
export async function publicStamp(database: D1Database): Promise<{ value: string; changed: string | null }> {
  const s = await db.publicStamp(database);
  // The digest of the same list is the same: hashed again only when the list has changed.
  if (lastStamp?.list !== s.list) {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s.list)));
    lastStamp = { list: s.list, value: toHex(digest.slice(0, 9)) };
  }
  return { value: lastStamp.value, changed: s.changed };
}

/** The last list of what is public this isolate hashed, and its digest. */
let lastStamp: { list: string; value: string } | null = null;

/** Whether an attachment (by the SHA-256 of its bytes; a PDF, or a board photo by its extension) belongs to a published version: a draft's is nobody's to fetch. */
export function attachmentIsPublic(database: D1Database, sha: string, extension = 'pdf'): Promise<boolean> {
  return extension === 'pdf' ? db.attachmentIsPublic(database, sha) : db.boardPhotoIsPublic(database, sha, extension === 'jpg' ? 'image/jpeg' : `image/${extension}`);
}

/** The results shown at most for one query. */
export const SEARCH_LIMIT = 50;

/** Published documents holding every term of the query (not withdrawn), by relevance or newest first. */
export async function searchPublished(database: D1Database, query: string, order: 'date' | 'relevance' = 'relevance'): Promise<PublishedRow[]> {
  // Regulations and village disclosures alike: the search page shows a disclosure as a page.
  return db.searchDocuments(database, queryTerms(query), order, SEARCH_LIMIT);
}

export type { AuditRow, CommentRow, ConsoleListRow, DocumentRow, PublishedHead, PublishedRow, VersionRow };

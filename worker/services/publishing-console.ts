/**
 * The publishing console's flows on top of the documents' services (services/publishing.ts):
 * saving a draft with its PDF in one step (the PDF checked before anything is stored), what the
 * console shows of a document (versions, who drafted, who may act), and a draft's preview as the
 * public page would show it.
 */
import { portal } from '../../content/index.ts';
import { ok, refuse, type Result } from '../cases/result.ts';
import { hasRight, isOpen, type Actor } from '../publishing/model.ts';
import { inList, mayUseConsole, type ConsoleList } from '../publishing/console.ts';
import { attachmentKey, checkAttachment } from '../publishing/attachment.ts';
import * as publishing from './publishing.ts';
import type { ConsoleDocument, ConsoleListRow, DraftFields, PublicDocument, PublishedHead, PublishedRow, Saved, VersionRow } from './publishing.ts';

export type { ConsoleDocument, ConsoleListRow, PublicDocument, PublishedHead, PublishedRow, VersionRow };

/** The town's regulations in the console, in one of its lists. */
export async function consoleList(database: D1Database, actor: Actor, list: ConsoleList): Promise<Result<ConsoleListRow[]>> {
  const allowed = mayUseConsole(actor);
  if (!allowed.ok) return allowed;
  const all = await publishing.listForConsole(database, { kind: 'regulation' });
  if (!all.ok) return all;
  return ok(all.value.filter((row) => inList(row, list)));
}

/** The published regulations a new one may amend or replace (not withdrawn), newest first. */
export async function relatedChoices(database: D1Database): Promise<PublishedHead[]> {
  return (await publishing.publicList(database, 'regulation')).filter((d) => d.withdrawn_at === null);
}

/**
 * Saves a draft (new when `fields.id` is empty) and, when a file was chosen, attaches it. The file
 * is checked first: a file that is not a PDF, or too large, stores nothing at all.
 */
export async function saveWithAttachment(
  database: D1Database,
  bucket: R2Bucket,
  actor: Actor,
  fields: DraftFields,
  file: Uint8Array | null,
  now = new Date(),
): Promise<Result<Saved>> {
  const allowed = mayUseConsole(actor);
  if (!allowed.ok) return allowed;
  if (file && file.length > 0) {
    const checked = checkAttachment(file, portal.publishing.attachmentMaxBytes);
    if (!checked.ok) return { ok: false, refusal: { ...checked.refusal, key: 'errors.summary' } };
  }
  const saved = await publishing.saveDraft(database, actor, { ...fields, kind: 'regulation' }, now);
  if (!saved.ok || !file || file.length === 0) return saved;
  const attached = await publishing.attach(database, bucket, actor, saved.value.id, { bytes: file }, now);
  return attached.ok ? saved : attached;
}

/**
 * Refused as not found when `id` is a village's disclosure: the console acts on the town's
 * regulations alone. A disclosure's steps are its village desk's, with that village's rights
 * (services/village-desk.ts), which no town account holds, whatever its rights over the town's.
 */
export async function regulationOnly(database: D1Database, id: number): Promise<Result> {
  const found = await publishing.getForConsole(database, id);
  return found.ok && found.value.document.kind !== 'regulation' ? refuse('not_found', 'publishing.errors.notFound') : ok();
}

/** One document in the console, with what the actor may do to its newest version. */
export interface ConsoleView extends ConsoleDocument {
  latest: VersionRow;
  /** May edit the open version (a draft, or returned) and send it for review. */
  mayEdit: boolean;
  /** May approve or return the version under review: the right to approve, and not one of its drafters. */
  mayReview: boolean;
  /** Holds the right to approve but drafted it: says why there is no button. */
  ownDraft: boolean;
  /** May start a correction of the published document. */
  mayCorrect: boolean;
  /** May withdraw the published document. */
  mayWithdraw: boolean;
}

export async function consoleDocument(database: D1Database, actor: Actor, id: number): Promise<Result<ConsoleView>> {
  const allowed = mayUseConsole(actor);
  if (!allowed.ok) return allowed;
  const found = await publishing.getForConsole(database, id);
  if (!found.ok) return found;
  const { document, versions, drafters } = found.value;
  const latest = versions.at(-1);
  if (!latest || document.kind !== 'regulation') return refuse('not_found', 'publishing.errors.notFound');
  const drafts = hasRight(actor, 'draft');
  const approves = hasRight(actor, 'approve');
  const drafted = drafters.includes(actor.id);
  const live = document.published_seq !== null && document.withdrawn_at === null;
  return ok({
    ...found.value,
    latest,
    mayEdit: drafts && isOpen(latest.state),
    mayReview: approves && !drafted && latest.state === 'review',
    ownDraft: approves && drafted && latest.state === 'review',
    mayCorrect: drafts && live && latest.seq === document.published_seq,
    mayWithdraw: approves && live,
  });
}

/**
 * The newest version of a document as its public page would show it once approved: the same
 * shape the public page is rendered from (services/publishing.ts publicDocument), so the preview
 * is that page.
 */
export async function preview(database: D1Database, actor: Actor, id: number): Promise<Result<{ doc: PublicDocument; seq: number }>> {
  const found = await consoleDocument(database, actor, id);
  if (!found.ok) return found;
  const { document, latest } = found.value;
  const earlier = document.published_seq === null ? null : await publishing.publicDocument(database, 'regulation', document.slug);
  const row: PublishedRow = {
    ...document,
    seq: latest.seq,
    meta: latest.meta,
    body_zh: latest.body_zh,
    body_en: latest.body_en,
    note_zh: latest.note_zh,
    note_en: latest.note_en,
    attachment_sha: latest.attachment_sha,
    attachment_file: latest.attachment_file,
    attachment_size: latest.attachment_size,
    published_at: latest.published_at ?? latest.updated_at,
    issued: latest.meta.issued,
  };
  const versions = [...(earlier?.versions.filter((v) => v.seq < latest.seq) ?? []), ...(latest.published_at ? [] : [{ seq: latest.seq, published_at: latest.updated_at, note_zh: latest.note_zh, note_en: latest.note_en }])];
  const related: PublicDocument['related'] = [];
  const all = await publishing.publicList(database, 'regulation');
  for (const key of ['amends', 'replaces'] as const) {
    const target = all.find((d) => d.slug === latest.meta[key] && d.withdrawn_at === null);
    if (target) related.push({ key, document: target });
  }
  for (const r of earlier?.related ?? []) if (r.key === 'amendedBy' || r.key === 'replacedBy') related.push(r);
  return ok({ doc: { document: row, versions, related }, seq: latest.seq });
}

/** The PDF of a document's newest version, for the console (a draft's is not public yet). */
export async function consoleAttachment(database: D1Database, bucket: R2Bucket, actor: Actor, id: number): Promise<Result<{ sha: string; body: ReadableStream; size: number }>> {
  const found = await consoleDocument(database, actor, id);
  if (!found.ok) return found;
  const sha = found.value.latest.attachment_sha;
  const object = sha ? await bucket.get(attachmentKey(sha)) : null;
  if (!sha || !object) return refuse('not_found', 'publishing.errors.notFound');
  return ok({ sha, body: object.body, size: object.size });
}

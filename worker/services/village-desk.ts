/**
 * 本村公开: a village's disclosures in the console. The clerk drafts one of a kind from pasted or
 * uploaded rows (worker/publishing/disclosure-rows.ts), sees it as the public page will show it,
 * sends it for review; the village's liaison officer (the supervision station) returns it with a
 * comment or signs it off, and it is public at once. Drafts, review, four eyes, corrections,
 * withdrawal and audit are the documents' own (services/publishing.ts), with the staff member's
 * rights over that village (worker/publishing/village-desk.ts villageActor).
 */
import { findVillage, town } from '../../content/index.ts';
import { storedDay, townDate } from '../../core/clock.ts';
import type { KindSchedule } from '../../core/disclosure-cadence.ts';
import type { Viewer } from '../cases/access.ts';
import { ok, refuse, type Result, type ResultWith } from '../cases/result.ts';
import type { Grant } from '../cases/rights.ts';
import * as db from '../db/documents.ts';
import { buildDisclosure, disclosureSlug, isDraftedKind, type BoardPhoto, type DisclosureMeta, type DraftedKind, type Line } from '../publishing/disclosure-rows.ts';
import { acceptPhotos } from '../photos/accept.ts';
import { attachmentKey, checkAttachment, photoExtension } from '../publishing/attachment.ts';
import { portal } from '../../content/index.ts';
import type { FieldError } from '../cases/validation.ts';
import { toHex } from '../../core/bytes.ts';
import { hasRight, isOpen } from '../publishing/model.ts';
import { textField } from '../publishing/console.ts';
import { deskVillages, financeCadenceOf, mayOpenDesk, villageActor, villageSchedule } from '../publishing/village-desk.ts';
import { loadDisclosureInputs } from './disclosures.ts';
import * as publishing from './publishing.ts';
import { correctionAnswerStatements, openQuestions, prepareCorrectionAnswers, tickedQuestions, type OpenQuestion } from './disclosure-answers.ts';
import type { Disclosure } from '../../content/schemas.ts';
import type { CommentRow, Findings, Saved, VersionRow } from './publishing.ts';

export type DeskSession = Viewer & { username: string; grants: readonly Grant[] };

const ALL = town.villages.map((v) => v.id);

/** A disclosure in a desk's list: its address, kind, period and where it stands. */
export interface DeskRow {
  id: number;
  slug: string;
  village: string;
  kind: string;
  period: string;
  state: VersionRow['state'];
  published: boolean;
  withdrawn: boolean;
  updated_at: string;
}

/** A village's desk: its schedule by kind, and its disclosures in the console. */
export interface Desk {
  village: string;
  financeCadence: 'monthly' | 'quarterly';
  schedule: KindSchedule[];
  rows: DeskRow[];
  mayDraft: boolean;
}

const metaOf = (text: string): DisclosureMeta => JSON.parse(text) as DisclosureMeta;

/** The desks the viewer opens (one village, or every village for the town), each with what is due and overdue on `now`. */
export async function desks(database: D1Database, assets: Fetcher | undefined, session: DeskSession, only: string | null, now = new Date()): Promise<Result<Desk[]>> {
  if (only !== null) {
    const allowed = mayOpenDesk(session, only, ALL);
    if (!allowed.ok) return allowed;
  }
  const villages = only !== null ? [only] : deskVillages(session, ALL);
  if (villages.length === 0) return refuse('forbidden', 'staff.errors.forbidden');
  const cadence = await loadDisclosureInputs(assets, database);
  if (!cadence) return refuse('unavailable', 'errors.unavailable');
  const today = townDate(now);
  const listed = await db.listVillageDocuments(database, villages);
  return ok(
    villages.map((village) => ({
      village,
      financeCadence: financeCadenceOf(cadence, village) ?? 'quarterly',
      schedule: villageSchedule(cadence, village, today),
      mayDraft: hasRight(villageActor(session, village), 'draft'),
      rows: listed
        .filter((r) => r.village_id === village)
        .map((r) => {
          const m = metaOf(r.meta);
          return { id: r.id, slug: r.slug, village, kind: m.kind, period: m.period, state: r.state, published: r.published_seq !== null, withdrawn: r.withdrawn_at !== null, updated_at: r.updated_at };
        }),
    })),
  );
}

/** What the drafting form sends, read: the kind, period, summary, notes, each table's lines, a decision's text, and the files. */
export interface DeskForm {
  kind: string;
  period: string;
  summary: string;
  notes: string;
  lines: Record<string, readonly Line[]>;
  body?: string;
  /** Photos of the posted board added (as sent), and the stored ones (by SHA-256) to remove. */
  photos?: Uint8Array[];
  removePhotos?: string[];
  /** A PDF to attach (replacing the one there), or the one there removed. */
  pdf?: Uint8Array | null;
  removePdf?: boolean;
}

const hex = async (bytes: Uint8Array) => toHex(await crypto.subtle.digest('SHA-256', bytes));

/**
 * Saves a draft of a disclosure (new when `id` is null; else the open version of that one): every
 * row checked first, and nothing stored unless all of it is right.
 */
export async function saveDisclosure(
  database: D1Database,
  assets: Fetcher | undefined,
  bucket: R2Bucket,
  session: DeskSession,
  villageId: string,
  id: number | null,
  form: DeskForm,
  now = new Date(),
): Promise<Result<Saved>> {
  const allowed = mayOpenDesk(session, villageId, ALL);
  if (!allowed.ok) return allowed;
  const actor = villageActor(session, villageId);
  if (!hasRight(actor, 'draft')) return refuse('forbidden', 'publishing.errors.noDraftRight');
  if (!isDraftedKind(form.kind)) return refuse('invalid', 'errors.summary');
  const cadence = await loadDisclosureInputs(assets, database);
  const village = findVillage(villageId);
  const financeCadence = cadence && financeCadenceOf(cadence, villageId);
  if (!village || !financeCadence) return refuse('unavailable', 'errors.unavailable');
  const built = buildDisclosure({ kind: form.kind, village: { id: villageId, name: village.name, financeCadence }, period: form.period, summary: form.summary, notes: form.notes, lines: form.lines, body: form.body, today: townDate(now) });
  const found = id === null ? null : await ownDocument(database, villageId, id);
  if (found && !found.ok) return found;
  const latest = id === null ? null : await db.latestVersion(database, id);
  if (id !== null && (!latest || !isOpen(latest.state))) return refuse('conflict', latest?.state === 'review' ? 'publishing.errors.inReview' : 'publishing.errors.notOpen');
  // The files are checked with the rows, and every problem is shown at once: nothing is stored unless all of it is right.
  const kept = ((latest?.meta as unknown as DisclosureMeta | undefined)?.photos ?? []).filter((p) => !form.removePhotos?.includes(p.sha));
  const photos = acceptPhotos(form.photos ?? [], 'photos', kept.length);
  const pdf = form.pdf?.length ? checkAttachment(form.pdf, portal.publishing.attachmentMaxBytes) : null;
  const errors: FieldError[] = [...(built.ok ? [] : (built.refusal.fields ?? [])), ...(photos.ok ? [] : (photos.refusal.fields ?? [])), ...(pdf && !pdf.ok ? (pdf.refusal.fields ?? []) : [])];
  if (!built.ok && errors.length === 0) return built;
  if (!built.ok || !photos.ok || (pdf && !pdf.ok)) return refuse('invalid', 'desk.errors.fix', { params: { n: errors.length }, fields: errors });
  const added: BoardPhoto[] = await Promise.all(photos.value.map(async (p) => ({ sha: await hex(p.bytes), type: p.type, size: p.bytes.length, width: p.width, height: p.height })));
  const all = [...kept, ...added.filter((p, i) => !kept.some((k) => k.sha === p.sha) && added.findIndex((q) => q.sha === p.sha) === i)];
  const meta: DisclosureMeta = { ...built.value.meta, ...(all.length > 0 && { photos: all }) };
  const pdfSha = pdf?.ok ? await hex(pdf.value.bytes) : null;
  const attachment = pdfSha ? { attachmentSha: pdfSha, attachmentSize: pdf!.ok ? pdf!.value.bytes.length : 0 } : form.removePdf ? { attachmentSha: null, attachmentSize: null } : {};
  const version: db.NewVersion = { meta: meta as never, bodyZh: built.value.body, bodyEn: null, ...attachment };
  const day = storedDay(now);
  const slug = disclosureSlug(villageId, meta.period, form.kind);
  const taken = () => refuse('conflict', 'desk.errors.taken', { params: { period: meta.period }, fields: [{ field: 'period', key: 'desk.errors.taken', params: { period: meta.period } }] });
  if (found) {
    const was = latest!.meta as unknown as DisclosureMeta;
    // Once published, a disclosure keeps its kind and period (its address): a correction changes its rows.
    if (found.value.published_seq !== null && (was.kind !== meta.kind || was.period !== meta.period)) return refuse('conflict', 'desk.errors.fixedPeriod');
    if (slug !== found.value.slug && (await db.findDocumentBySlug(database, 'disclosure', slug))) return taken();
  } else if (await db.findDocumentBySlug(database, 'disclosure', slug)) return taken();
  // The files in R2 first, under the hash of their bytes, then the one batch that links them. Should that batch not
  // run (another save got there first), what was written stays unlinked: nobody's to fetch, and the same bytes if ever sent again.
  await Promise.all([
    ...added.map((p, i) => bucket.put(attachmentKey(p.sha, photoExtension(p.type)), photos.value[i]!.bytes, { httpMetadata: { contentType: p.type } })),
    ...(pdfSha && pdf?.ok ? [bucket.put(attachmentKey(pdfSha), pdf.value.bytes, { httpMetadata: { contentType: 'application/pdf' } })] : []),
  ]);
  if (!found) {
    const created = await db.createDocument(database, 'disclosure', slug, version, actor.id, day, villageId);
    return created === null ? taken() : ok({ id: created, seq: 1 });
  }
  const saved = await db.updateOpenVersion(database, id!, latest!.seq, version, slug !== found.value.slug ? slug : null, actor.id, day);
  return saved ? ok({ id: id!, seq: latest!.seq }) : refuse('conflict', 'publishing.errors.notOpen');
}

/** A village's disclosure by id: refused as not found when it is another village's (or not a disclosure). */
async function ownDocument(database: D1Database, villageId: string, id: number): Promise<Result<db.DocumentRow>> {
  const doc = Number.isSafeInteger(id) ? await db.findDocument(database, id) : null;
  if (!doc || doc.kind !== 'disclosure' || doc.village_id !== villageId) return refuse('not_found', 'publishing.errors.notFound');
  return ok(doc);
}

/** One disclosure in the console: its versions, the newest one's disclosure, comments, history, and what the viewer may do. */
export interface DeskDocument {
  document: db.DocumentRow;
  versions: VersionRow[];
  latest: VersionRow;
  disclosure: DisclosureMeta;
  /** The public version's disclosure (a correction in progress shows what is public now beside it). */
  comments: CommentRow[];
  history: db.AuditRow[];
  /** Holds the right to draft this village's disclosures. */
  mayDraft: boolean;
  mayEdit: boolean;
  mayReview: boolean;
  ownDraft: boolean;
  mayCorrect: boolean;
  mayWithdraw: boolean;
  /** The residents' questions about it awaiting an answer: listed for whoever reads cases, counted for a clerk. */
  questions: { list: OpenQuestion[] | null; count: number };
  /** A correction in review, which may answer those questions on sign-off. */
  correctionInReview: boolean;
}

export async function deskDocument(database: D1Database, session: DeskSession, villageId: string, id: number): Promise<Result<DeskDocument>> {
  const allowed = mayOpenDesk(session, villageId, ALL);
  if (!allowed.ok) return allowed;
  const own = await ownDocument(database, villageId, id);
  if (!own.ok) return own;
  const found = await publishing.getForConsole(database, id);
  if (!found.ok) return found;
  const { document, versions, comments, drafters } = found.value;
  const latest = versions.at(-1);
  if (!latest) return refuse('not_found', 'publishing.errors.notFound');
  const actor = villageActor(session, villageId);
  const drafts = hasRight(actor, 'draft');
  const approves = hasRight(actor, 'approve');
  const drafted = drafters.includes(session.id);
  const live = document.published_seq !== null && document.withdrawn_at === null;
  const history = await publishing.history(database, id);
  return ok({
    document,
    versions,
    latest,
    disclosure: latest.meta as unknown as DisclosureMeta,
    comments,
    history: history.ok ? history.value : [],
    mayDraft: drafts,
    mayEdit: drafts && isOpen(latest.state),
    mayReview: approves && !drafted && latest.state === 'review',
    ownDraft: approves && drafted && latest.state === 'review',
    mayCorrect: drafts && live && latest.seq === document.published_seq,
    mayWithdraw: approves && live,
    questions: document.published_seq === null ? { list: null, count: 0 } : await openQuestions(database, session, id),
    correctionInReview: latest.state === 'review' && latest.seq > 1 && latest.note_zh !== null,
  });
}

/** The steps on a disclosure after drafting, each the documents' own, with the viewer's rights over the village. */
export type DeskStep = 'submit' | 'approve' | 'return' | 'correct' | 'withdraw';

export async function deskStep(
  database: D1Database,
  session: DeskSession,
  villageId: string,
  id: number,
  step: DeskStep,
  fields: Record<string, unknown>,
  now = new Date(),
): Promise<ResultWith<Saved & { answered?: number }, { check?: Findings }>> {
  const allowed = mayOpenDesk(session, villageId, ALL);
  if (!allowed.ok) return allowed;
  const own = await ownDocument(database, villageId, id);
  if (!own.ok) return own;
  const actor = villageActor(session, villageId);
  const text = (name: string) => textField(fields, name);
  switch (step) {
    case 'submit':
      return publishing.submitForReview(database, actor, id, fields, now);
    case 'approve': {
      const ticked = tickedQuestions(fields);
      if (ticked.length === 0) return publishing.approve(database, actor, id, now);
      // Only a correction answers questions, ticked by whoever may sign it off: checked before anything is signed off.
      if (!hasRight(actor, 'approve')) return refuse('forbidden', 'publishing.errors.noApproveRight');
      const latest = await db.latestVersion(database, id);
      if (!latest || latest.state !== 'review' || latest.seq < 2 || latest.note_zh === null) return refuse('conflict', 'desk.answers.notOfThis');
      const prepared = await prepareCorrectionAnswers(database, session, id, ticked, now);
      if (!prepared.ok) return prepared;
      const correction = { documentId: id, seq: latest.seq, noteZh: latest.note_zh, noteEn: latest.note_en, disclosure: latest.meta as unknown as Disclosure };
      // One batch: the sign-off, "已更正" under the disclosure, and the questions ended; nothing of it without the sign-off.
      const answers = correctionAnswerStatements(database, actor, correction, prepared.value, now);
      if (!answers.ok) return answers;
      const approved = await publishing.approve(database, actor, id, now, answers.value);
      return approved.ok ? ok({ ...approved.value, answered: prepared.value.length }) : approved;
    }
    case 'return':
      return publishing.returnDraft(database, actor, id, text('comment'), now);
    case 'correct':
      return publishing.startCorrection(database, actor, id, text('note'), now);
    case 'withdraw':
      return publishing.withdraw(database, actor, id, text('reason'), now);
  }
}

/**
 * A file of one of the village's disclosures, for the console (a draft's files are not public):
 * a photo of the posted board or the PDF of any of its versions, by its hash-named file name.
 */
export async function deskFile(database: D1Database, bucket: R2Bucket, session: DeskSession, villageId: string, id: number, file: string): Promise<Result<R2ObjectBody>> {
  const view = await deskDocument(database, session, villageId, id);
  if (!view.ok) return view;
  const [sha, extension] = file.split('.');
  const object = view.value.versions.some((v) => (extension === 'pdf' ? v.attachment_sha === sha : (v.meta as unknown as DisclosureMeta).photos?.some((p) => p.sha === sha && photoExtension(p.type) === extension)))
    ? await bucket.get(attachmentKey(sha!, extension))
    : null;
  return object ? ok(object) : refuse('not_found', 'publishing.errors.notFound');
}

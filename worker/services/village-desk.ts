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
import { buildDisclosure, disclosureSlug, isDraftedKind, type DisclosureMeta, type DraftedKind, type Line } from '../publishing/disclosure-rows.ts';
import { hasRight, isOpen } from '../publishing/model.ts';
import { textField } from '../publishing/console.ts';
import { deskVillages, financeCadenceOf, mayOpenDesk, villageActor, villageSchedule } from '../publishing/village-desk.ts';
import { loadDisclosureInputs } from './disclosures.ts';
import * as publishing from './publishing.ts';
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

/** What the drafting form sends, read: the kind, period, summary, notes, and each table's lines. */
export interface DeskForm {
  kind: string;
  period: string;
  summary: string;
  notes: string;
  lines: Record<string, readonly Line[]>;
}

/**
 * Saves a draft of a disclosure (new when `id` is null; else the open version of that one): every
 * row checked first, and nothing stored unless all of it is right.
 */
export async function saveDisclosure(
  database: D1Database,
  assets: Fetcher | undefined,
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
  const built = buildDisclosure({ kind: form.kind, village: { id: villageId, name: village.name, financeCadence }, period: form.period, summary: form.summary, notes: form.notes, lines: form.lines, today: townDate(now) });
  if (!built.ok) return built;
  const meta = built.value.meta;
  const version: db.NewVersion = { meta: meta as never, bodyZh: '', bodyEn: null };
  const day = storedDay(now);
  const slug = disclosureSlug(villageId, meta.period, form.kind);
  if (id === null) {
    const created = await db.createDocument(database, 'disclosure', slug, version, actor.id, day, villageId);
    if (created === null) return refuse('conflict', 'desk.errors.taken', { params: { period: meta.period }, fields: [{ field: 'period', key: 'desk.errors.taken', params: { period: meta.period } }] });
    return ok({ id: created, seq: 1 });
  }
  const found = await ownDocument(database, villageId, id);
  if (!found.ok) return found;
  const latest = await db.latestVersion(database, id);
  if (!latest || !isOpen(latest.state)) return refuse('conflict', latest?.state === 'review' ? 'publishing.errors.inReview' : 'publishing.errors.notOpen');
  const was = latest.meta as unknown as DisclosureMeta;
  // Once published, a disclosure keeps its kind and period (its address): a correction changes its rows.
  if (found.value.published_seq !== null && (was.kind !== meta.kind || was.period !== meta.period)) return refuse('conflict', 'desk.errors.fixedPeriod');
  if (slug !== found.value.slug && (await db.findDocumentBySlug(database, 'disclosure', slug))) return refuse('conflict', 'desk.errors.taken', { params: { period: meta.period } });
  const saved = await db.updateOpenVersion(database, id, latest.seq, version, slug !== found.value.slug ? slug : null, actor.id, day);
  return saved ? ok({ id, seq: latest.seq }) : refuse('conflict', 'publishing.errors.notOpen');
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
): Promise<ResultWith<Saved, { check?: Findings }>> {
  const allowed = mayOpenDesk(session, villageId, ALL);
  if (!allowed.ok) return allowed;
  const own = await ownDocument(database, villageId, id);
  if (!own.ok) return own;
  const actor = villageActor(session, villageId);
  const text = (name: string) => textField(fields, name);
  switch (step) {
    case 'submit':
      return publishing.submitForReview(database, actor, id, fields, now);
    case 'approve':
      return publishing.approve(database, actor, id, now);
    case 'return':
      return publishing.returnDraft(database, actor, id, text('comment'), now);
    case 'correct':
      return publishing.startCorrection(database, actor, id, text('note'), now);
    case 'withdraw':
      return publishing.withdraw(database, actor, id, text('reason'), now);
  }
}

/** The kinds a village drafts here, for the form's choice. */
export const DESK_KINDS: readonly DraftedKind[] = ['finances', 'subsidies', 'assets', 'projects'];

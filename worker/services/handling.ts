/** The staff side of cases: the queue, opening a case (logged), moving it, and the access log. */
import { listCasePhotos, resealPhotos, storedPhoto, type PhotoItem } from './photos.ts';
import { workflowSettings } from '../../content/workflow.ts';
import { canRead, canSeeExistence, hasDeclared, mayReadAccessLog, restrictedTo, stepAside, type CaseScope, type Viewer } from '../cases/access.ts';
import { parseConflictForm } from '../cases/conflict.ts';
import { endOfTownDay, storedDay, storedMinute, endOfWorkingDaysAfter, townDate } from '../../core/clock.ts';
import type { CaseStatus } from '../cases/status.ts';
import {
  DISPOSAL_MOVES,
  applyMove,
  availableMoves,
  currentDeadline,
  urgency,
  type CaseState,
  type MoveRequest,
  type StaffMove,
  type Transition,
  type Urgency,
} from '../cases/workflow.ts';
import { translate } from '../../content/translate.ts';
import { findCategory, findVillage } from '../../content/index.ts';
import { holdsQueryCode } from '../cases/query-code.ts';
import { QUEUE_CLOCKS, QUEUE_SEARCH_MAX, type QueueSearch } from '../cases/queue-search.ts';
import { committeeClocks, type ClockedCase, type CommitteeClock } from '../cases/committee-clock.ts';
import { isOneOf } from '../cases/validation.ts';
import { ok, refuse, refuseField, type Result } from '../cases/result.ts';
import { claimOf, claimState, type CaseRecord } from '../db/cases.ts';
import * as db from '../db/handling.ts';
export type { AccessRow, DeclarationRow } from '../db/handling.ts';
import * as staffDb from '../db/staff.ts';
import { findOutcomeOfCase, type OutcomeRow } from '../db/outcomes.ts';
import { findCaseKeys, listEventTexts, listPlainDisciplineCases, listPlainLinkedEntries, sealCaseStatements, sealEntry } from '../db/sealed.ts';
import { isPaddedText, isSealedText, sealedTextLength } from '../../core/sealed.ts';
import { keyForEntry, keyForEscalation, sealer } from './sealed.ts';

export const CASE_NUMBER_PATTERN = /^[A-Z]{2,4}-\d{4}-\d{6}$/;

export interface QueueItem {
  caseNumber: string;
  readable: boolean;
  villageId: string | null;
  categoryId: string | null;
  subject: string | null;
  status: CaseStatus | null;
  /** The committee's case: readable here, but not the village's to refuse. */
  discipline: boolean;
  createdAt: string;
  deadline: string | null;
  urgency: Urgency;
  /** A sealed case's data key, sealed to the committee: the member's browser opens it. */
  sealedKey: string | null;
  /** For a case the viewer may only know of: who has it now. */
  restrictedTo: 'committee' | 'town' | null;
  /** The committee's clocks on it (taking it up, the notices to a real-name reporter); none for other cases. */
  clocks: CommitteeClock[];
  /** Open, and passed to town staff: its time limit ran out unanswered (a question about a disclosure). */
  toTown: boolean;
}

function clockOf(now: Date) {
  const today = townDate(now);
  const soon = endOfWorkingDaysAfter(now, workflowSettings.dueSoonWorkingDays);
  return {
    isToday: (deadline: Date) => townDate(deadline) === today,
    isSoon: (deadline: Date) => deadline.getTime() <= soon.getTime(),
    sql: { now: now.toISOString(), endOfToday: endOfTownDay(now).toISOString(), dueSoon: soon.toISOString() },
  };
}

export type { QueueSection } from '../db/handling.ts';

export interface QueuePage {
  section: db.QueueSection;
  items: QueueItem[];
  /** Cases in the whole section. */
  total: number;
  /** 1-based; clamped to the pages there are. */
  page: number;
  pageCount: number;
}

/**
 * One page of a section of the viewer's queue, most urgent first. New cases and cases in hand are
 * separate sections, so no number of new arrivals can push a case someone is handling out of view;
 * within a section the oldest deadline comes first, so they cannot push older new cases out either.
 */
export async function queue(database: D1Database, viewer: Viewer, section: db.QueueSection, page = 1, now = new Date(), filter: db.QueueFilter = {}): Promise<QueuePage> {
  const size = workflowSettings.queuePageSize;
  const clock = clockOf(now);
  const wanted = Number.isInteger(page) && page >= 1 ? page : 1;
  let { rows, total } = await db.listQueue(database, viewer, section, clock.sql, { limit: size, offset: (wanted - 1) * size }, filter);
  const pageCount = Math.max(1, Math.ceil(total / size));
  const shown = Math.min(wanted, pageCount);
  if (shown !== wanted) ({ rows, total } = await db.listQueue(database, viewer, section, clock.sql, { limit: size, offset: (shown - 1) * size }, filter));
  const items = rows.map((r) => {
    const status = r.status;
    const times = { status: status ?? 'escalated', acceptDueAt: r.accept_due_at, dueAt: r.due_at };
    return {
      caseNumber: r.case_number,
      readable: r.readable === 1,
      villageId: r.village_id,
      categoryId: r.category_id,
      subject: r.subject,
      status,
      discipline: r.discipline === 1,
      createdAt: r.created_at,
      deadline: status ? currentDeadline(times) : null,
      urgency: status ? urgency(times, now, clock.isToday, clock.isSoon) : ('done' as const),
      sealedKey: r.committee_wrap,
      restrictedTo: r.readable === 1 ? null : r.away_discipline === 1 ? ('committee' as const) : ('town' as const),
      toTown: r.to_town === 1,
      clocks:
        r.readable === 1 && status
          ? committeeClocks(
              { status, discipline: r.discipline === 1, anonymous: r.anonymous !== 0, createdAt: r.created_at, committeeDueAt: r.committee_due_at, noticeKind: r.notice_kind, noticeDueAt: r.notice_due_at },
              now,
            )
          : [],
    };
  });
  return { section, items, total, page: shown, pageCount };
}

export { QUEUE_CLOCKS, QUEUE_SEARCH_MAX, type QueueSearch } from '../cases/queue-search.ts';

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/**
 * Reads the queue's filter from the page's parameters: a village only for a role that reads
 * several, a known category and clock state, and a search text, matched against case numbers and
 * (plain-text) subjects. A query code typed into the search is dropped (`codeTyped`): it has no
 * place in a staff page's address, and the page asks for it to be taken out of the history.
 */
export function queueSearch(viewer: Viewer, param: (name: string) => string | undefined): { search: QueueSearch; filter: db.QueueFilter; codeTyped: boolean } {
  const village = param('village') ?? '';
  const category = param('category') ?? '';
  const clock = param('clock') ?? '';
  const typed = (param('q') ?? '').replace(/\s+/g, ' ').trim();
  // Looked for in all that was typed (among other words too), before it is cut to its length.
  const codeTyped = typed !== '' && holdsQueryCode(typed);
  const q = codeTyped ? '' : typed.slice(0, QUEUE_SEARCH_MAX);
  const search: QueueSearch = {
    village: viewer.role !== 'liaison' && findVillage(village) ? village : '',
    category: findCategory(category) ? category : '',
    clock: isOneOf(QUEUE_CLOCKS, clock) ? clock : '',
    q,
  };
  const numberLike = /^[A-Za-z]{0,4}-?[\d-]*\d[\d-]*$/.test(q);
  const filter: db.QueueFilter = {
    ...(search.village && { villageId: search.village }),
    ...(search.category && { categoryId: search.category }),
    ...(isOneOf(QUEUE_CLOCKS, search.clock) && { clock: search.clock }),
    ...(q && { words: likePattern(q) }),
    ...(q && numberLike && { number: likePattern(q.toUpperCase()) }),
  };
  return { search, filter, codeTyped };
}

export interface OpenedCase {
  row: CaseRecord;
  /** Who may be made responsible for it (offered on acceptance). */
  assignees: staffDb.AssigneeRow[];
  /** Its public outcome, published or withdrawn. */
  outcome: OutcomeRow | null;
  events: db.StaffEventRow[];
  feedback: db.FeedbackRow[];
  moves: StaffMove[];
  urgency: Urgency;
  /** A sealed case's data key, sealed to the committee; null for a case stored in plain text. */
  sealedKey: string | null;
  /** Its code only claims it (a slip's or a card staff saw): pending, or claimed on a town date; null otherwise. */
  claim: { state: 'pending' | 'claimed'; day: string | null } | null;
  /** The committee's clocks on it; none for other cases. */
  clocks: CommitteeClock[];
  /** Its photos (a sealed case's are envelopes the committee's browser opens). */
  photos: PhotoItem[];
}

/** The viewer entered or escalated it, so may know it exists (and where it went), but not read it. */
export interface RestrictedCase {
  caseNumber: string;
  claim: 'pending' | 'claimed' | null;
  to: 'committee' | 'town';
}

/** The case opened, or (for a viewer who may only know it exists) `restricted`; refused `not_found` or `forbidden`. */
export type OpenResult = Result<{ opened: OpenedCase; restricted: null } | { opened: null; restricted: RestrictedCase }>;

const notFound = refuse('not_found', 'staff.errors.notFound');
const forbidden = refuse('forbidden', 'staff.errors.forbidden');

export function stateOf(row: CaseRecord): CaseState {
  return {
    status: row.status,
    discipline: row.discipline === 1,
    reopenCount: row.reopen_count,
    acceptedAt: row.accepted_at,
    named: row.anonymous === 0,
    noticeKind: row.notice_kind,
  };
}

/** What the committee's clocks read of a case. */
export const clockedOf = (row: CaseRecord): ClockedCase => ({
  status: row.status,
  discipline: row.discipline === 1,
  anonymous: row.anonymous !== 0,
  createdAt: row.created_at,
  committeeDueAt: row.committee_due_at,
  noticeKind: row.notice_kind,
  noticeDueAt: row.notice_due_at,
});

/** What the access rules need to know of a case, from its scope row. */
export const scopeOf = (s: db.ScopeRow): CaseScope => ({
  villageId: s.village_id,
  discipline: s.discipline === 1,
  createdBy: s.created_by,
  escalatedBy: s.escalated_by,
  keptFromVillage: s.kept_from_village !== null,
  declaredBy: s.declared_by ? s.declared_by.split(',').map(Number) : [],
});

/**
 * Opens a case for a staff member, and records in the access log that they did (or were refused).
 * One row per opening: the pages a member sees of the case shortly after their last logged read of
 * it (the page after each of their moves, a reload) are that same opening. Every refusal is a row.
 */
export async function openCase(database: D1Database, viewer: Viewer, caseNumber: string, now = new Date()): Promise<OpenResult> {
  if (!CASE_NUMBER_PATTERN.test(caseNumber)) return notFound;
  const scope = await db.findScope(database, caseNumber);
  if (!scope) return notFound;
  const readable = canRead(viewer, scopeOf(scope));
  const sameOpeningSince = new Date(now.getTime() - workflowSettings.accessLogSameOpeningMinutes * 60_000).toISOString();
  await db.insertAccess(database, scope.id, viewer.id, readable ? 'read' : 'refused', storedMinute(now), readable ? sameOpeningSince : undefined);
  if (!readable) {
    if (!canSeeExistence(viewer, scopeOf(scope))) return forbidden;
    return ok({ opened: null, restricted: { caseNumber, claim: await claimState(database, scope.id), to: restrictedTo(viewer, scopeOf(scope)) } });
  }
  const row = await db.findReadableCase(database, viewer, scope.id);
  if (!row) return forbidden;
  const [events, feedback, assignees, outcome, keys, claim, photos] = await Promise.all([
    db.listEvents(database, viewer, scope.id),
    db.listFeedback(database, scope.id),
    row.discipline ? staffDb.listDisciplineMembers(database, row.id) : staffDb.listAssignees(database, { id: row.id, villageId: row.village_id, keptFromVillage: row.kept_from_village !== null }),
    findOutcomeOfCase(database, scope.id),
    findCaseKeys(database, scope.id),
    claimOf(database, scope.id),
    listCasePhotos(database, scope.id),
  ]);
  const clock = clockOf(now);
  const times = { status: row.status, acceptDueAt: row.accept_due_at, dueAt: row.due_at };
  const clocks = committeeClocks(clockedOf(row), now);
  return ok({ restricted: null, opened: { row, events, feedback, assignees, outcome, moves: availableMoves(stateOf(row)), urgency: urgency(times, now, clock.isToday, clock.isSoon), sealedKey: keys?.committee_wrap ?? null, claim, clocks, photos } });
}

/**
 * A photo of a case, to a staff member who may read the case: the same check as opening the case
 * page (and the same line in its access log). A sealed case's photo is its envelope, opened in the
 * committee member's browser. Someone who may only know the case exists gets no photo.
 */
export async function staffPhoto(
  database: D1Database,
  bucket: R2Bucket,
  viewer: Viewer,
  caseNumber: string,
  id: string,
  now = new Date(),
): Promise<Result<{ type: string; bytes: Uint8Array }>> {
  const opened = await openCase(database, viewer, caseNumber, now);
  if (!opened.ok) return opened;
  if (!opened.value.opened) return forbidden;
  const stored = await storedPhoto(database, bucket, opened.value.opened.row.id, id);
  if (!stored) return notFound;
  return ok({ type: stored.item.sealed ? 'application/octet-stream' : stored.item.type, bytes: stored.bytes });
}

/** The database columns after a transition. */
export function updateFor(row: CaseRecord, t: Transition, extra: { escalatedBy?: number; notAcceptedReason?: string } = {}): db.CaseUpdate {
  return {
    status: t.status,
    discipline: t.discipline,
    acceptedAt: t.acceptedAt,
    acceptDueAt: t.acceptDueAt ?? row.accept_due_at,
    dueAt: t.dueAt === undefined ? row.due_at : t.dueAt,
    timeLimitDays: t.timeLimitDays === undefined ? row.time_limit_days : t.timeLimitDays,
    closedAt: t.closedAt === undefined ? row.closed_at : t.closedAt,
    reopenCount: t.reopenCount,
    escalatedBy: extra.escalatedBy ?? row.escalated_by,
    notAcceptedReason: extra.notAcceptedReason ?? null,
    categoryId: t.categoryId ?? row.category_id,
    assigneeId: t.assigneeId === undefined ? row.assignee_id : t.assigneeId,
    committeeDueAt: t.committeeDueAt === undefined ? row.committee_due_at : t.committeeDueAt,
    disposal: t.disposal ?? row.disposal,
    noticeKind: t.notice === undefined ? row.notice_kind : (t.notice?.kind ?? null),
    noticeDueAt: t.notice === undefined ? row.notice_due_at : (t.notice?.dueAt ?? null),
  };
}

export type MoveOutcome = Result;

/** Makes a workflow move on a case the viewer may handle; every move is one event in the log. */
export async function moveCase(
  database: D1Database,
  viewer: Viewer,
  caseNumber: string,
  request: MoveRequest & { move: StaffMove },
  now = new Date(),
  bucket: R2Bucket | null = null,
): Promise<MoveOutcome> {
  const scope0 = CASE_NUMBER_PATTERN.test(caseNumber) ? await db.findScope(database, caseNumber) : null;
  if (!scope0) return notFound;
  if (!canRead(viewer, scopeOf(scope0))) return forbidden;
  const row = await db.findReadableCase(database, viewer, scope0.id);
  if (!row) return forbidden;
  const keys = await findCaseKeys(database, row.id);
  const sealed = keys?.committee_wrap != null;
  // A sealed case's message and note arrive sealed by the member's browser: the worker checks their
  // form and lets the workflow check the rest (the browser checked the lengths before sealing).
  if (sealed) {
    // A committee move may leave out its message to the resident: nothing is sent for it then.
    // A text left out is left to the workflow's checks (some moves need a message, a disposal its reason).
    const texts = [request.message, request.note ?? ''].filter((text) => text !== '');
    if (!texts.every((text) => isPaddedText(text) && text.length <= SEALED_TEXT_MAX)) {
      return refuse('invalid', texts.some((text) => isSealedText(text)) ? 'sealed.errors.envelope' : 'sealed.errors.needsScript');
    }
  }
  const standIn = { ...request, message: request.message ? SEALED_STAND_IN : '', note: request.note ? SEALED_STAND_IN : undefined };
  const result = applyMove(stateOf(row), sealed ? standIn : request, now);
  if (!result.ok) return result;
  if (request.assigneeId !== undefined) {
    const assignee = Number.isInteger(request.assigneeId) ? await staffDb.findActiveUser(database, request.assigneeId) : null;
    const scope = { ...scopeOf(scope0), discipline: result.value.discipline };
    if (!assignee || !canRead({ id: assignee.id, role: assignee.role, villageId: assignee.village_id }, scope)) {
      return refuse('invalid', 'workflow.errors.assignee');
    }
  }
  const update = updateFor(row, result.value, {
    ...(request.move === 'escalate' && { escalatedBy: viewer.id }),
    ...(request.move === 'not_accept' && request.reason && { notAcceptedReason: request.reason }),
  });
  let publicMessage: string | null = request.message.trim() || null;
  let internalNote = request.note?.trim() || null;
  let sealing: D1PreparedStatement[] = [];
  let photosDone: ((applied: boolean) => Promise<void>) | null = null;
  if (!sealed && result.value.discipline) {
    // Going to the committee now: everything the case holds is sealed in the same batch, its photos too.
    const escalation = await keyForEscalation(database, row.id);
    if (!escalation) return refuse('conflict', 'sealed.errors.noCommitteeKey');
    const seal = sealer(escalation.dataKey);
    [publicMessage, internalNote] = await Promise.all([seal(publicMessage), seal(internalNote)]);
    sealing = await sealingStatements(database, row, row.version + 1, escalation);
    if (bucket) {
      const photos = await resealPhotos(database, bucket, row.id, row.version + 1, escalation.dataKey);
      sealing.push(...photos.statements);
      photosDone = photos.done;
    }
  }
  const applied = await db.applyMove(
    database,
    row.id,
    row.version,
    update,
    {
      kind: request.move,
      actor: `staff:${viewer.id}`,
      publicMessage,
      internalNote,
      at: storedDay(now),
      data: eventData(request.move, result.value, request.reason),
    },
    sealing,
  );
  await photosDone?.(applied);
  return applied ? ok() : refuse('conflict', 'staff.errors.conflict');
}

/** The longest sealed message accepted: the message limit in four-byte characters, padded, sealed and encoded. */
const SEALED_TEXT_MAX = sealedTextLength(workflowSettings.messageMax * 4);
/** What the workflow's checks see in place of a sealed message (they need two characters or more). */
const SEALED_STAND_IN = 'sealed';

/** Statements that seal a case's content, events and feedback under the escalation's data key. */
async function sealingStatements(
  database: D1Database,
  row: CaseRecord,
  versionAfter: number,
  escalation: NonNullable<Awaited<ReturnType<typeof keyForEscalation>>>,
): Promise<D1PreparedStatement[]> {
  const seal = sealer(escalation.dataKey);
  const [events, feedback, notes] = await Promise.all([listEventTexts(database, row.id), db.listFeedback(database, row.id), db.listPlainDeclarationNotes(database, row.id)]);
  const [subject, description, contactName, contactPhone] = await Promise.all([seal(row.subject), seal(row.description), seal(row.contact_name), seal(row.contact_phone)]);
  // A conflict note is the case's words too: it goes to the committee sealed.
  const sealedNotes = await Promise.all(notes.map(async (n) => ({ id: n.id, note: (await seal(n.note))! })));
  return [...sealCaseStatements(database, {
    caseId: row.id,
    versionAfter,
    subject: subject!,
    description: description!,
    contactName,
    contactPhone,
    events: await Promise.all(
      events
        .filter((e) => (e.public_message && !isSealedText(e.public_message)) || (e.internal_note && !isSealedText(e.internal_note)))
        .map(async (e) => ({ id: e.id, publicMessage: await seal(e.public_message), internalNote: await seal(e.internal_note) })),
    ),
    feedback: await Promise.all(feedback.filter((f) => f.comment).map(async (f) => ({ closing: f.closing, comment: (await seal(f.comment))! }))),
    committeeKeyId: escalation.keys.committeeKeyId!,
    committeeWrap: escalation.keys.committeeWrap!,
    residentWrap: escalation.keys.residentWrap,
  }), ...db.sealDeclarationStatements(database, row.id, versionAfter, sealedNotes)];
}

/** What a move's event records for the statistics (a refusal its reason: spam leaves the figures). */
export function eventData(move: StaffMove, t: Transition, reason?: string): Record<string, string | number | null> | null {
  if (move === 'set_time_limit') return { workingDays: t.timeLimitDays ?? null, dueAt: t.dueAt ?? null };
  if (move === 'accept') return { categoryId: t.categoryId ?? null, assigneeId: t.assigneeId ?? null };
  if (move === 'not_accept') return { reason: reason ?? null };
  // The committee's disposals, for the quarterly figures by way (Art. 17, 18); its notices, for their clocks.
  if (t.disposal && isOneOf(DISPOSAL_MOVES, move)) return { way: t.disposal };
  if (move === 'take_up') return { committeeDueAt: null };
  if (t.notice !== undefined) return { notice: t.notice?.kind ?? null, noticeDueAt: t.notice?.dueAt ?? null };
  return null;
}

/** At most this many cases are marked as spam by one request (a page of the queue is fewer). */
export const SPAM_BATCH_MAX = 200;

export type SpamOutcome = Result<{ marked: number; skipped: number }>;

/**
 * Marks cases "not accepted: spam or abuse", one or many at once, in one batch. Each goes through
 * the workflow's not_accept move (so only new cases the viewer may read, and not the committee's),
 * with the standard message to the resident in the case's language; the others are skipped and
 * counted. The cases leave the queue and stay in the database with their events and access log.
 */
export async function markSpam(database: D1Database, viewer: Viewer, caseNumbers: string[], now = new Date()): Promise<SpamOutcome> {
  const numbers = [...new Set(caseNumbers)];
  if (numbers.length === 0) return refuse('invalid', 'spam.errors.none');
  if (numbers.length > SPAM_BATCH_MAX) return refuse('invalid', 'spam.errors.tooMany', { params: { max: SPAM_BATCH_MAX } });
  const moves: Parameters<typeof db.applyMoves>[1] = [];
  for (const caseNumber of numbers) {
    const scope = CASE_NUMBER_PATTERN.test(caseNumber) ? await db.findScope(database, caseNumber) : null;
    if (!scope || !canRead(viewer, scopeOf(scope))) continue;
    const row = await db.findReadableCase(database, viewer, scope.id);
    if (!row) continue;
    const message = translate(row.locale === 'en' ? 'en' : 'zh-CN', 'spam.message');
    const result = applyMove(stateOf(row), { move: 'not_accept', reason: 'spam', message }, now);
    if (!result.ok) continue;
    moves.push({
      caseId: row.id,
      version: row.version,
      update: updateFor(row, result.value, { notAcceptedReason: 'spam' }),
      event: { kind: 'not_accept', actor: `staff:${viewer.id}`, publicMessage: message, internalNote: null, at: storedDay(now), data: eventData('not_accept', result.value, 'spam') },
    });
  }
  const marked = await db.applyMoves(database, moves);
  return ok({ marked, skipped: numbers.length - marked });
}

/**
 * The access log of a case, with the conflicts of interest declared on it: the committee's own
 * cases for its members, the others for the admin.
 */
export async function accessLog(
  database: D1Database,
  viewer: Viewer,
  caseNumber: string,
): Promise<Result<{ rows: db.AccessRow[]; declarations: db.DeclarationRow[] }>> {
  const adminOnly = refuse('forbidden', 'staff.errors.adminOnly');
  if (viewer.role !== 'admin' && viewer.role !== 'discipline') return adminOnly;
  const scope = CASE_NUMBER_PATTERN.test(caseNumber) ? await db.findScope(database, caseNumber) : null;
  if (!scope) return notFound;
  if (!mayReadAccessLog(viewer, scope.discipline === 1)) return adminOnly;
  // Whoever stepped aside from the case sees nothing of it any more: who opens it and when, neither.
  if (hasDeclared(viewer, scopeOf(scope))) return forbidden;
  const [rows, declarations] = await Promise.all([db.listAccess(database, scope.id), db.listCaseDeclarations(database, scope.id)]);
  return ok({ rows, declarations });
}

/** Every conflict declaration the viewer reads: the committee's cases' for its members, the others' for the admin. */
export async function conflictLog(database: D1Database, viewer: Viewer): Promise<Result<db.DeclarationRow[]>> {
  if (viewer.role !== 'admin' && viewer.role !== 'discipline') return refuse('forbidden', 'conflict.log.forbidden');
  return ok(await db.listDeclarations(database, viewer.role === 'discipline', viewer.id));
}

/** Refused `invalid` with the form's field marked, or as a whole. */
export type DeclareOutcome = Result<{ takenBy: 'town' | 'committee' }>;

/**
 * A staff member declares a conflict of interest on a case they may read: it leaves their view at
 * once and for good, and is taken over by the rules (`stepAside`): a liaison officer's village gives
 * it to town staff, a town handler or the admin to the other town staff, a committee member to the
 * other members. Refused when nobody else could read it then. Logged for the admin (for a committee
 * case, for the committee), with the reason and the optional note.
 */
export async function declareConflict(database: D1Database, viewer: Viewer, caseNumber: string, fields: Record<string, unknown>, now = new Date()): Promise<DeclareOutcome> {
  const scope = CASE_NUMBER_PATTERN.test(caseNumber) ? await db.findScope(database, caseNumber) : null;
  if (!scope) return notFound;
  const caseScope = scopeOf(scope);
  // A retried form (a double click): the declaration stands, as the first answer said.
  if (hasDeclared(viewer, caseScope)) return ok({ takenBy: stepAside(viewer, caseScope).takenBy });
  if (!canRead(viewer, caseScope)) return forbidden;
  const row = await db.findReadableCase(database, viewer, scope.id);
  if (!row) return forbidden;
  const keys = await findCaseKeys(database, row.id);
  const form = parseConflictForm(fields, keys?.committee_wrap != null);
  if (!form.ok) return form;
  const effect = stepAside(viewer, caseScope);
  if ((await db.readersBesides(database, row.id, viewer.id, caseScope.discipline)) === 0) return refuse('conflict', 'conflict.errors.nobodyElse');
  // The assignee stays only if they can still read the case afterwards.
  const assignee = row.assignee_id === null || row.assignee_id === viewer.id ? null : await staffDb.findActiveUser(database, row.assignee_id);
  const after: CaseScope = { ...caseScope, keptFromVillage: caseScope.keptFromVillage || effect.keepsFromVillage, declaredBy: [...(caseScope.declaredBy ?? []), viewer.id] };
  const assigneeId = assignee && canRead({ id: assignee.id, role: assignee.role, villageId: assignee.village_id }, after) ? assignee.id : null;
  const stored = await db.insertDeclaration(database, {
    caseId: row.id,
    version: row.version,
    staffId: viewer.id,
    role: viewer.role,
    reason: form.value.reason,
    note: form.value.note,
    at: storedDay(now),
    keepFromVillage: effect.keepsFromVillage,
    assigneeId,
  });
  return stored ? ok({ takenBy: effect.takenBy }) : refuse('conflict', 'staff.errors.conflict');
}

/** The reader the sealing pass reads a committee case as (the queries' scoping needs a role). */
const COMMITTEE: Viewer = { id: 0, role: 'discipline', villageId: null };

/**
 * Seals what is still plain of the committee's cases and their linked record-form entries (rows
 * written before sealing existed; the demo data): with the committee's public key only, so the
 * cron can do it. A case without a resident key keeps its status for the resident, not its texts.
 */
export async function sealPlainDisciplineCases(database: D1Database, limit = 50): Promise<number> {
  let sealed = 0;
  for (const id of await listPlainDisciplineCases(database, limit)) {
    const row = await db.findReadableCase(database, COMMITTEE, id);
    const escalation = row && (await keyForEscalation(database, id));
    if (!row || !escalation) return sealed;
    await database.batch(await sealingStatements(database, row, row.version, escalation));
    sealed++;
  }
  for (const entry of await listPlainLinkedEntries(database, limit)) {
    const key = await keyForEntry(database);
    if (!key) return sealed;
    const seal = sealer(key.dataKey);
    const [matter, findings, actions, followUp] = await Promise.all([seal(entry.matter), seal(entry.findings), seal(entry.actions), seal(entry.follow_up)]);
    await sealEntry(database, { id: entry.id, matter: matter!, findings: findings!, actions: actions!, followUp: followUp!, committeeKeyId: key.committeeKeyId, committeeWrap: key.committeeWrap });
    sealed++;
  }
  return sealed;
}

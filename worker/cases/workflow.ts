/**
 * The case workflow of the clean-village mechanism: the only place where moves between states
 * are defined. Pure: it takes a case's state and a requested move and answers with the new state
 * or the reason the move is refused.
 *
 *   received ─accept→ accepted ─resolve_at_once→ resolved_at_once ─close→ closed
 *      │                  ├─set_time_limit→ in_progress ─resolve→ resolved ─close→ closed
 *      │                  └─explain→ explained ─close→ closed_unresolved
 *      ├─not_accept→ not_accepted
 *      └─escalate→ escalated (discipline committee; cadre reports start here; its own moves only)
 *   closed | closed_unresolved | not_accepted ─reopen (resident, once)→ reopened ─accept→ …
 *
 * The discipline committee's own moves (content/committee.json; only on its cases):
 *   escalated | reopened ─take_up (受理, Art. 16)→ taken_up
 *   taken_up ─talk→ talk_inquiry | ─verify→ preliminary_check | ─shelve→ shelved   (Art. 17)
 *            ─conclude (予以了结)→ concluded | ─transfer (移送审查调查)→ transferred
 *   talk_inquiry, preliminary_check: the other ways; shelved ─resume→ taken_up
 *   concluded | transferred | shelved ─object | add_evidence (resident)→ reopened
 *   notify: a notice to the resident, the state unchanged (the real-name reporter's duties)
 */
import { findCategory } from '../../content/index.ts';
import { workflowSettings } from '../../content/workflow.ts';
import type { UiKey } from '../../content/translate.ts';
import { endOfWorkingDaysAfter, storedDay, provisionalYear, workingDaysBetween } from '../../core/clock.ts';
import { committeeRule, type DisposalWay } from '../../content/committee.ts';
import { AWAITING_ACCEPTANCE, COMMITTEE_AWAITING, COMMITTEE_CLOSED, OPEN_STATUSES, type CaseStatus } from './status.ts';
import { ok, refuse, type Refusal, type Result } from './result.ts';
import * as z from 'zod/mini';
import { charCount, isOneOf, mark, plainText, raw, unreadable } from './validation.ts';

/** The committee's moves: taking a case up, the four ways and 移送审查调查, resuming a shelved case, a notice. */
export const COMMITTEE_MOVES = ['take_up', 'talk', 'verify', 'shelve', 'conclude', 'transfer', 'resume', 'notify'] as const;
export type CommitteeMove = (typeof COMMITTEE_MOVES)[number];
export const STAFF_MOVES = ['accept', 'not_accept', 'resolve_at_once', 'set_time_limit', 'resolve', 'explain', 'escalate', 'close', ...COMMITTEE_MOVES] as const;
export type StaffMove = (typeof STAFF_MOVES)[number];
/** The resident's moves on a committee case: an objection to its result, or new evidence. */
export const RESIDENT_COMMITTEE_MOVES = ['object', 'add_evidence'] as const;
export type ResidentCommitteeMove = (typeof RESIDENT_COMMITTEE_MOVES)[number];
export type Move = StaffMove | 'reopen' | ResidentCommitteeMove;

/** The moves that dispose of a clue (Art. 17): each records the way and requires a (sealed) internal reason. */
export const DISPOSAL_MOVES: readonly DisposalWay[] = ['talk', 'verify', 'shelve', 'conclude', 'transfer'];
/** Committee moves whose message to the resident may be left out (the others require one). */
const MESSAGE_OPTIONAL: readonly Move[] = ['take_up', 'talk', 'verify', 'shelve', 'transfer', 'resume'];
/** Whether a move may be made without a message to the resident. */
export const messageOptional = (move: Move): boolean => MESSAGE_OPTIONAL.includes(move);

export const NOT_ACCEPTED_REASONS = ['out_of_scope', 'duplicate', 'spam'] as const;
export type NotAcceptedReason = (typeof NOT_ACCEPTED_REASONS)[number];

export { AWAITING_ACCEPTANCE, CLOCKED, FINAL_STATUSES, IN_HAND, OPEN_STATUSES } from './status.ts';

/**
 * The workflow: from a state, a move leads to a state. A move missing from a state's row is
 * refused there; a legal cell may still be refused by the move's guard (below).
 */
export const WORKFLOW: { readonly [From in CaseStatus]?: { readonly [M in Move]?: CaseStatus } } = {
  received: { accept: 'accepted', not_accept: 'not_accepted', escalate: 'escalated' },
  accepted: { resolve_at_once: 'resolved_at_once', set_time_limit: 'in_progress', explain: 'explained', escalate: 'escalated' },
  in_progress: { resolve: 'resolved', explain: 'explained', escalate: 'escalated' },
  // Only the committee's cases are here, and the committee takes them up (受理) and disposes of them
  // (Art. 16, 17): a village's time limit, "resolved" or "explained" would skip its clock, the
  // recorded way and reason, and the real-name reporter's notices.
  escalated: { take_up: 'taken_up' },
  resolved_at_once: { close: 'closed' },
  resolved: { close: 'closed' },
  explained: { close: 'closed_unresolved' },
  closed: { reopen: 'reopened' },
  closed_unresolved: { reopen: 'reopened' },
  not_accepted: { reopen: 'reopened' },
  reopened: { accept: 'accepted', escalate: 'escalated', take_up: 'taken_up' },
  taken_up: { talk: 'talk_inquiry', verify: 'preliminary_check', shelve: 'shelved', conclude: 'concluded', transfer: 'transferred', notify: 'taken_up' },
  talk_inquiry: { verify: 'preliminary_check', shelve: 'shelved', conclude: 'concluded', transfer: 'transferred', notify: 'talk_inquiry' },
  preliminary_check: { talk: 'talk_inquiry', shelve: 'shelved', conclude: 'concluded', transfer: 'transferred', notify: 'preliminary_check' },
  shelved: { resume: 'taken_up', conclude: 'concluded', transfer: 'transferred', notify: 'shelved', object: 'reopened', add_evidence: 'reopened' },
  concluded: { notify: 'concluded', object: 'reopened', add_evidence: 'reopened' },
  transferred: { notify: 'transferred', object: 'reopened', add_evidence: 'reopened' },
};

/** A condition on the case beyond its state: when `refuses`, the move is refused with `key`. */
export interface Guard {
  refuses: (state: CaseState) => boolean;
  key: UiKey;
}

/** Refuses a move on any case but the committee's. */
const committeeOnly: Guard = { refuses: (state) => !state.discipline, key: 'workflow.errors.illegal' };

export const GUARDS: { readonly [M in Move]?: Guard } = {
  // The committee takes up its cases itself (take_up): a village's acceptance is not its.
  accept: { refuses: (state) => state.discipline, key: 'workflow.errors.illegal' },
  ...Object.fromEntries([...COMMITTEE_MOVES, ...RESIDENT_COMMITTEE_MOVES].map((move) => [move, committeeOnly])),
  // A case is escalated once: the discipline committee's cases are not escalated again.
  escalate: { refuses: (state) => state.discipline, key: 'workflow.errors.illegal' },
  // A case escalated from a village is accepted through the escalation itself.
  not_accept: { refuses: (state) => state.discipline, key: 'workflow.errors.illegal' },
  // The resident reopens a case once.
  reopen: { refuses: (state) => state.reopenCount >= 1, key: 'workflow.errors.reopenedOnce' },
};

/** What the workflow needs to know about a case. */
export interface CaseState {
  status: CaseStatus;
  /** Readable by the discipline committee only (cadre reports and escalated cases). */
  discipline: boolean;
  reopenCount: number;
  acceptedAt: string | null;
  /** A real-name report (not anonymous): the committee owes its reporter the notices. Only the notice duties depend on it. */
  named?: boolean;
  /** The notice owed to a real-name reporter now, if any. */
  noticeKind?: NoticeKind | null;
}

/** The notices owed to a real-name reporter: whether it was accepted, and its result. */
export type NoticeKind = 'acceptance' | 'result';

export interface MoveRequest {
  move: Move;
  /** What the resident reads on the query page; required for every move. */
  message: string;
  note?: string;
  workingDays?: number;
  reason?: NotAcceptedReason;
  /** On acceptance: the corrected category (an ordinary one; cadre reports are escalated instead). */
  categoryId?: string;
  /** On acceptance: the staff member who handles it. */
  assigneeId?: number;
}

/** The changes a legal move makes to a case. */
export interface Transition {
  status: CaseStatus;
  discipline: boolean;
  /** Set by the first staff response to the case. */
  acceptedAt: string | null;
  dueAt?: string | null;
  acceptDueAt?: string;
  timeLimitDays?: number | null;
  closedAt?: string | null;
  reopenCount: number;
  categoryId?: string;
  assigneeId?: number | null;
  /** The committee's clock: its acceptance deadline (Art. 16), null once taken up. */
  committeeDueAt?: string | null;
  /** The way the committee disposed of it (Art. 17), kept until another. */
  disposal?: DisposalWay;
  /** The notice now owed to a real-name reporter, and its deadline; null when none is. */
  notice?: { kind: NoticeKind; dueAt: string } | null;
}

/** A move's transition, or why it is refused (`invalid`: the move, its message or its arguments do not hold here). */
export type MoveResult = Result<Transition>;

/** The moves staff may make on a case in this state (the resident's reopen is not among them). */
export function availableMoves(state: CaseState): StaffMove[] {
  return STAFF_MOVES.filter((move) => allowed(state, move));
}

/** The state a move leads to from this case's state, or null when the table or the move's guard refuses it. */
export function targetOf(state: CaseState, move: Move): CaseStatus | null {
  const to = WORKFLOW[state.status]?.[move];
  return to && !GUARDS[move]?.refuses(state) ? to : null;
}

/**
 * The moves that end a case with an answer from where it stands, in order: accepted first if it
 * waits for acceptance, resolved at once (accepted) or resolved (in progress), then closed, so the
 * resident may rate it. A case already resolved is only closed. Null when the table or a guard
 * allows no such way (a committee's case, one explained, closed, refused or sent up).
 */
export function movesToEnd(state: CaseState): StaffMove[] | null {
  const moves: StaffMove[] = [];
  let at = state;
  const step = (move: StaffMove): boolean => {
    const to = targetOf(at, move);
    if (to === null) return false;
    moves.push(move);
    at = { ...at, status: to };
    return true;
  };
  step('accept');
  const resolved = at.status === 'resolved_at_once' || at.status === 'resolved' || step('resolve_at_once') || step('resolve');
  return resolved && step('close') ? moves : null;
}

function allowed(state: CaseState, move: Move): boolean {
  return targetOf(state, move) !== null;
}

/** Applies a move to a case at `now`, or says why it cannot be made. */
export function applyMove(state: CaseState, request: MoveRequest, now: Date): MoveResult {
  const to = targetOf(state, request.move);
  if (to === null) {
    const guard = GUARDS[request.move];
    return refuse('invalid', guard?.refuses(state) ? guard.key : 'workflow.errors.illegal');
  }
  const message = request.message.trim();
  const silent = message === '' && messageOptional(request.move);
  if (!silent && charCount(message) < 2) return refuse('invalid', 'workflow.errors.messageRequired');
  if (charCount(message) > workflowSettings.messageMax) return refuse('invalid', 'workflow.errors.messageTooLong', { params: { max: workflowSettings.messageMax } });
  if (request.note && charCount(request.note) > workflowSettings.messageMax) {
    return refuse('invalid', 'workflow.errors.noteTooLong', { params: { max: workflowSettings.messageMax } });
  }

  if ((DISPOSAL_MOVES as readonly Move[]).includes(request.move) && charCount(request.note?.trim() ?? '') < 2) {
    return refuse('invalid', 'committee.errors.reasonRequired');
  }

  const at = storedDay(now);
  const base = { discipline: state.discipline, acceptedAt: state.acceptedAt ?? at, reopenCount: state.reopenCount };
  const committee = committeeTransition(state, request.move, to, !silent, now);
  if (committee) return ok<Transition>({ ...base, status: to, ...committee });
  switch (request.move) {
    case 'accept': {
      const category = request.categoryId === undefined ? undefined : findCategory(request.categoryId);
      // A committee case keeps its category: it is what keeps it the committee's.
      if (request.categoryId !== undefined && (state.discipline || category?.route !== 'village')) return refuse('invalid', 'workflow.errors.category');
      return ok<Transition>({
        ...base,
        status: to,
        ...(category && { categoryId: category.id }),
        ...(request.assigneeId !== undefined && { assigneeId: request.assigneeId }),
      });
    }
    case 'not_accept':
      if (!request.reason || !NOT_ACCEPTED_REASONS.includes(request.reason)) return refuse('invalid', 'workflow.errors.reasonRequired');
      return ok<Transition>({ ...base, status: to, closedAt: at });
    case 'set_time_limit': {
      const days = request.workingDays;
      const max = workflowSettings.timeLimit.maxWorkingDays;
      if (days === undefined || !Number.isInteger(days) || days < 1 || days > max) {
        return refuse('invalid', 'workflow.errors.workingDays', { params: { max } });
      }
      return ok<Transition>({ ...base, status: to, timeLimitDays: days, dueAt: endOfWorkingDaysAfter(now, days).toISOString() });
    }
    case 'resolve_at_once':
    case 'resolve':
    case 'explain':
      return ok<Transition>({ ...base, status: to });
    case 'escalate':
      // The village's assignee can no longer read it: the committee assigns its own.
      return ok<Transition>({ ...base, status: to, discipline: true, dueAt: null, assigneeId: null, ...arrivalAtCommittee(state.named === true, now) });
    case 'close':
      return ok<Transition>({ ...base, status: to, closedAt: at });
    case 'reopen':
      return ok<Transition>({
        ...base,
        status: to,
        reopenCount: state.reopenCount + 1,
        closedAt: null,
        dueAt: null,
        acceptDueAt: endOfWorkingDaysAfter(now, workflowSettings.acceptWithinWorkingDays).toISOString(),
      });
    default:
      // The committee's moves were answered above.
      return refuse('invalid', 'workflow.errors.illegal');
  }
}

/**
 * What a case owes when it reaches the committee at `now` (a cadre report, an escalation, the
 * resident's objection or new evidence): taken up within the rule's working days, and a real-name
 * reporter told whether it was (Art. 16; the chapter on real-name reports).
 */
export function arrivalAtCommittee(named: boolean, now: Date): Pick<Transition, 'committeeDueAt' | 'notice'> {
  const { acceptance, acceptanceNotice } = committeeRule.limits;
  return {
    committeeDueAt: endOfWorkingDaysAfter(now, acceptance.workingDays).toISOString(),
    notice: named ? { kind: 'acceptance', dueAt: endOfWorkingDaysAfter(now, acceptanceNotice.workingDays).toISOString() } : null,
  };
}

/** The same, as a new case stores it. */
export function arrivalOf(t: Pick<Transition, 'committeeDueAt' | 'notice'>): { dueAt: string | null; notice: { kind: NoticeKind; dueAt: string } | null } {
  return { dueAt: t.committeeDueAt ?? null, notice: t.notice ?? null };
}

/**
 * The changes a committee move makes beyond its state (null for the other moves): the disposal it
 * records, its clock, and the notice owed to a real-name reporter. A move with a message to the
 * resident gives the notice owed, once the case is taken up (acceptance) or closed (result).
 */
function committeeTransition(state: CaseState, move: Move, to: CaseStatus, withMessage: boolean, now: Date): Partial<Transition> | null {
  if (move === 'object' || move === 'add_evidence') {
    return { closedAt: null, dueAt: null, reopenCount: state.reopenCount + 1, ...arrivalAtCommittee(state.named === true, now) };
  }
  if (!(COMMITTEE_MOVES as readonly Move[]).includes(move)) return null;
  const owed = state.named === true ? (state.noticeKind ?? null) : null;
  const closes = COMMITTEE_CLOSED.includes(to) && !COMMITTEE_CLOSED.includes(state.status);
  let notice: Transition['notice'];
  if (closes) {
    // Closing with a message tells the result; an anonymous reporter is owed no notice.
    notice = state.named === true && !withMessage ? { kind: 'result', dueAt: endOfWorkingDaysAfter(now, committeeRule.limits.resultNotice.workingDays).toISOString() } : null;
  } else if (withMessage && owed && (owed === 'result' ? COMMITTEE_CLOSED.includes(to) : !COMMITTEE_AWAITING.includes(to))) {
    notice = null;
  }
  return {
    ...(move === 'take_up' && { committeeDueAt: null }),
    ...((DISPOSAL_MOVES as readonly Move[]).includes(move) && { disposal: move as DisposalWay }),
    ...(closes && { closedAt: storedDay(now) }),
    ...(notice !== undefined && { notice }),
  };
}

/** How a case stands against its clock at `now`, for sorting and flags in the console. */
export type Urgency = 'overdue' | 'due_today' | 'awaiting_acceptance' | 'due_soon' | 'in_time' | 'done';

/** The deadline that applies now: acceptance while unaccepted, the time limit while in progress. */
export function currentDeadline(c: { status: CaseStatus; acceptDueAt: string | null; dueAt: string | null }): string | null {
  if (AWAITING_ACCEPTANCE.includes(c.status)) return c.acceptDueAt;
  // Accepted: only a category with a fixed time limit from arrival (a question about a disclosure) has one yet.
  if (c.status === 'in_progress' || c.status === 'accepted') return c.dueAt;
  return null;
}

/** A case past the deadline that applies now. */
export interface Overdue {
  /** Which deadline ran out: acceptance (a new or reopened case), or the time limit. */
  stage: 'acceptance' | 'time_limit';
  /** UTC ISO instant, the end of the deadline's day. */
  deadline: string;
  /** Working days since that day, today included: 0 on a rest day right after it. */
  workingDays: number;
  /** A year the count runs through whose holidays the calendar lacks (it counts Monday to Friday there), or null. */
  provisionalYear: number | null;
}

/** How far a case is past its current deadline at `now`, or null when it is not (or is no longer open). */
export function overdueAt(c: { status: CaseStatus; acceptDueAt: string | null; dueAt: string | null }, now: Date): Overdue | null {
  if (!OPEN_STATUSES.includes(c.status)) return null;
  const deadline = currentDeadline(c);
  if (!deadline || Date.parse(deadline) >= now.getTime()) return null;
  const due = new Date(deadline);
  return { stage: AWAITING_ACCEPTANCE.includes(c.status) ? 'acceptance' : 'time_limit', deadline, workingDays: workingDaysBetween(due, now), provisionalYear: provisionalYear(due, now) };
}

/** The urgency of a case at `now`. `sameTownDay` and `dueSoon` come from the clock. */
export function urgency(
  c: { status: CaseStatus; acceptDueAt: string | null; dueAt: string | null },
  now: Date,
  isToday: (deadline: Date) => boolean,
  isSoon: (deadline: Date) => boolean,
): Urgency {
  if (!OPEN_STATUSES.includes(c.status)) return 'done';
  const deadline = currentDeadline(c);
  if (deadline) {
    const due = new Date(deadline);
    if (due.getTime() < now.getTime()) return 'overdue';
    if (isToday(due)) return 'due_today';
  }
  if (AWAITING_ACCEPTANCE.includes(c.status)) return 'awaiting_acceptance';
  if (deadline && isSoon(new Date(deadline))) return 'due_soon';
  return 'in_time';
}

const URGENCY_ORDER: Urgency[] = ['overdue', 'due_today', 'awaiting_acceptance', 'due_soon', 'in_time', 'done'];

/**
 * Most urgent first; among equals, the earliest deadline, then the oldest case (by its arrival day,
 * then its case number: arrival times are stored as days).
 */
export function byUrgency<T extends { urgency: Urgency; deadline: string | null; createdAt: string; caseNumber?: string }>(a: T, b: T): number {
  return (
    URGENCY_ORDER.indexOf(a.urgency) - URGENCY_ORDER.indexOf(b.urgency) ||
    (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') ||
    a.createdAt.localeCompare(b.createdAt) ||
    (a.caseNumber ?? '').localeCompare(b.caseNumber ?? '')
  );
}

/** A field of the move form as plain text; a value of another type reads as empty, as a form never sends one. */
const plain = z.pipe(raw, z.transform(plainText));
/** A message or note that can be stored (`unreadable`); the workflow checks its length. */
const storable = plain.check(
  z.superRefine((value: string, ctx) => {
    const problem = unreadable(value);
    if (problem) mark(ctx, problem);
  }),
);
/** A whole number as typed (up to `digits` digits), absent, or NaN for the workflow to refuse. */
const wholeNumber = (digits: number) => z.pipe(plain, z.transform((typed: string) => (new RegExp(`^\\d{1,${digits}}$`).test(typed) ? Number(typed) : typed === '' ? undefined : Number.NaN)));

/** A move from a staff form: an unknown move, or a text that cannot be stored, is refused with its message. */
export const moveSchema = z.pipe(
  z.object({
    move: z.pipe(
      plain,
      z.transform((move: string, ctx) => {
        if (!isOneOf(STAFF_MOVES, move)) mark(ctx, 'workflow.errors.unknownMove');
        return move as StaffMove;
      }),
    ),
    message: storable,
    note: z.pipe(storable, z.transform((note: string) => note || undefined)),
    workingDays: wholeNumber(3),
    reason: z.pipe(plain, z.transform((reason: string) => (isOneOf(NOT_ACCEPTED_REASONS, reason) ? reason : undefined))),
    category: z.pipe(plain, z.transform((category: string) => category || undefined)),
    assignee: wholeNumber(9),
  }),
  z.transform(({ category, assignee, ...request }): MoveRequest & { move: StaffMove } => ({ ...request, categoryId: category, assigneeId: assignee })),
);

/** A refused move form says its first problem alone, as the workflow's own refusals do. */
export function moveRefusal(refusal: Refusal): Refusal {
  return refusal.fields?.length ? refuse('invalid', refusal.fields[0]!.key).refusal : refusal;
}

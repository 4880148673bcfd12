/**
 * What the statistics need to know about one case, folded from its event log. The same fold runs
 * incrementally (one new event at a time, after each move) and from scratch (over the whole log,
 * by the cron); a property test checks the two agree.
 */
import { workingDaysBetween } from '../cases/clock.ts';

/** The case as it was submitted (never changed by the workflow, except its category on acceptance). */
export interface CaseBase {
  villageId: string;
  categoryId: string;
  /** A cadre report (counted town-wide by quarter only). */
  cadreReport: boolean;
  receivedAt: string;
  acceptDueAt: string | null;
}

/** One entry of the log as the fold reads it; feedback rows come in as kind "feedback". */
export interface FactEvent {
  id: number;
  kind: string;
  at: string;
  data: { categoryId?: string; dueAt?: string; rating?: string; acceptDueAt?: string } | null;
}

export interface CaseFacts {
  villageId: string;
  categoryId: string;
  cadreReport: boolean;
  receivedAt: string;
  acceptDueAt: string | null;
  /** The first staff response: accepting, refusing or passing it to the committee. */
  firstResponseAt: string | null;
  /** After a reopen: the new acceptance deadline (the first one still judges the first acceptance). */
  reopenAcceptDueAt?: string | null;
  status: string;
  resolvedAtOnce: boolean;
  /** The time limit's deadline, once one was set. */
  dueAt: string | null;
  /** When it was resolved after a time limit was set. */
  resolvedAt: string | null;
  explained: boolean;
  notAccepted: boolean;
  escalated: boolean;
  closedAt: string | null;
  /** How the last closing ended: resolved, not resolved (explained), or not accepted. */
  closing: 'resolved' | 'unresolved' | 'not_accepted' | null;
  workingDaysToClose: number | null;
  rating: string | null;
}

/** The facts of a case before any event. */
export function initialFacts(base: CaseBase): CaseFacts {
  return {
    ...base,
    firstResponseAt: null,
    status: 'received',
    resolvedAtOnce: false,
    dueAt: null,
    resolvedAt: null,
    explained: false,
    notAccepted: false,
    escalated: false,
    closedAt: null,
    closing: null,
    workingDaysToClose: null,
    rating: null,
  };
}

const STATUS_AFTER: Record<string, string> = {
  accept: 'accepted',
  not_accept: 'not_accepted',
  resolve_at_once: 'resolved_at_once',
  set_time_limit: 'in_progress',
  resolve: 'resolved',
  explain: 'explained',
  escalate: 'escalated',
  reopen: 'reopened',
};

const closeAt = (f: CaseFacts, at: string, closing: CaseFacts['closing']): CaseFacts => ({
  ...f,
  closedAt: at,
  closing,
  workingDaysToClose: workingDaysBetween(new Date(f.receivedAt), new Date(at)),
});

/** The facts after one more event. */
export function foldFact(f: CaseFacts, e: FactEvent): CaseFacts {
  const responded = ['accept', 'not_accept', 'escalate'].includes(e.kind) && f.firstResponseAt === null ? { firstResponseAt: e.at } : {};
  const next: CaseFacts = { ...f, ...responded, status: STATUS_AFTER[e.kind] ?? f.status };
  switch (e.kind) {
    case 'accept':
      return e.data?.categoryId ? { ...next, categoryId: e.data.categoryId } : next;
    case 'not_accept':
      return closeAt({ ...next, notAccepted: true }, e.at, 'not_accepted');
    case 'resolve_at_once':
      return { ...next, resolvedAtOnce: true };
    case 'set_time_limit':
      return { ...next, dueAt: e.data?.dueAt ?? null, resolvedAt: null };
    case 'resolve':
      return { ...next, resolvedAt: e.at };
    case 'explain':
      return { ...next, explained: true };
    case 'escalate':
      // The committee sets its own clock: a village's time limit no longer applies.
      return { ...next, escalated: true, dueAt: null, resolvedAt: null };
    case 'close':
      return closeAt({ ...next, status: f.status === 'explained' ? 'closed_unresolved' : 'closed' }, e.at, f.status === 'explained' ? 'unresolved' : 'resolved');
    case 'reopen':
      return { ...next, closedAt: null, closing: null, workingDaysToClose: null, rating: null, reopenAcceptDueAt: e.data?.acceptDueAt ?? null };
    case 'feedback':
      return { ...next, rating: e.data?.rating ?? null };
    default:
      return next; // submitted, followup: no change to the figures
  }
}

/** The facts of a case from its whole log. */
export function factsFromScratch(base: CaseBase, events: FactEvent[]): CaseFacts {
  return [...events].sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id).reduce(foldFact, initialFacts(base));
}

/**
 * The discipline committee's clocks (content/committee.json), on the town's working-day calendar:
 * taking a case up within 5 working days of its arrival (Art. 16), and the notices owed to a
 * real-name reporter (whether it was accepted, within 15 working days of receipt; the result,
 * within 15 working days of closing). Pure: it reads a case's stored deadlines and the time.
 */
import { committeeRule } from '../../content/committee.ts';
import { endOfWorkingDaysAfter, townDate, workingDaysBetween } from '../../core/clock.ts';
import { COMMITTEE_AWAITING, OPEN_STATUSES, type CaseStatus } from './status.ts';
import type { NoticeKind } from './workflow.ts';

export interface CommitteeClock {
  /** Taking it up (受理), or a notice owed to the real-name reporter (whether it was accepted, its result). */
  kind: 'take_up' | NoticeKind;
  /** The end of the deadline's working day, UTC ISO. */
  deadline: string;
  /** Where it stands: working days left (today not counted), due today, or overdue by working days. */
  state: 'running' | 'today' | 'overdue';
  /** Working days left while running, working days past the deadline when overdue, 0 today. */
  days: number;
}

export interface ClockedCase {
  status: CaseStatus;
  discipline: boolean;
  anonymous: boolean;
  createdAt: string;
  committeeDueAt: string | null;
  noticeKind: NoticeKind | null;
  noticeDueAt: string | null;
}

function clockAt(kind: CommitteeClock['kind'], deadline: string, now: Date): CommitteeClock {
  const due = new Date(deadline);
  if (due.getTime() < now.getTime()) return { kind, deadline, state: 'overdue', days: workingDaysBetween(due, now) };
  if (townDate(due) === townDate(now)) return { kind, deadline, state: 'today', days: 0 };
  return { kind, deadline, state: 'running', days: workingDaysBetween(now, due) };
}

/**
 * The clocks that apply to a committee case at `now`, most pressing first: taking it up while it
 * waits (a case from before these clocks counts from its arrival), then the notice owed to a
 * real-name reporter. None for other cases; an anonymous reporter is owed no notice.
 */
export function committeeClocks(c: ClockedCase, now: Date): CommitteeClock[] {
  if (!c.discipline) return [];
  const clocks: CommitteeClock[] = [];
  if (COMMITTEE_AWAITING.includes(c.status) && OPEN_STATUSES.includes(c.status)) {
    const deadline = c.committeeDueAt ?? endOfWorkingDaysAfter(new Date(c.createdAt), committeeRule.limits.acceptance.workingDays).toISOString();
    clocks.push(clockAt('take_up', deadline, now));
  }
  if (!c.anonymous && c.noticeKind && c.noticeDueAt) clocks.push(clockAt(c.noticeKind, c.noticeDueAt, now));
  return clocks;
}

/** The message key of a clock as the committee's queue and case page show it. */
export function clockLabelKey(clock: CommitteeClock) {
  const base = clock.kind === 'take_up' ? 'committee.clock.acceptance' : (`committee.clock.notice.${clock.kind}` as const);
  return clock.state === 'running' ? base : (`${base}.${clock.state}` as const);
}

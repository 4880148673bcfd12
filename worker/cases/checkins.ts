/**
 * Check-ins after a committee case closes: 30, 90 and 180 days later (content/workflow.json), the
 * resident's query page asks once whether anyone has treated them unfairly because of the case.
 * Nothing is sent to anyone (nothing is known about the resident): the question is there when they
 * look the case up. Pure.
 *
 * A check-in is due by calendar days: from the start of the town day that many days after the town
 * day of the closing, holidays or not. The town's clock is used only to show that day.
 */
import { workflowSettings } from '../../content/workflow.ts';
import { startOfTownDay, townDate } from '../../core/clock.ts';
import { COMMITTEE_CLOSED, type CaseStatus } from './status.ts';
import * as z from 'zod/mini';
import { charCount, CLIENT_ID_PATTERN, asTyped, mark, oneOf, plainField } from './validation.ts';

/** The answers: yes opens a 打击报复 case for the committee. */
export const CHECKIN_ANSWERS = ['yes', 'no', 'skip'] as const;
/** The longest detail a resident may add to a check-in answer, in characters. */
export const CHECKIN_TEXT_MAX = 2000;
export type CheckInAnswer = (typeof CHECKIN_ANSWERS)[number];

/** Whether a case's resident is asked check-ins: a committee case, closed (the last closing counts). */
export function checkInsApply(c: { discipline: boolean; status: CaseStatus; closedAt: string | null }): boolean {
  return c.discipline && (c.status === 'closed' || c.status === 'closed_unresolved' || COMMITTEE_CLOSED.includes(c.status)) && c.closedAt !== null;
}

/** The town date `days` calendar days after the town day of `closedAt`. */
export function checkInDate(closedAt: string, days: number): string {
  const [y, m, d] = townDate(new Date(closedAt)).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The instant a check-in becomes due: the start of its town day. */
export function checkInDueAt(closedAt: string, days: number): Date {
  return startOfTownDay(new Date(`${checkInDate(closedAt, days)}T12:00:00+08:00`));
}

export interface CheckInPoint {
  /** Days after the closing. */
  days: number;
  /** The town date it is (or was) due from. */
  date: string;
}

export interface CheckInSchedule {
  /** The check-in to ask now, if one is due and unanswered; a later one due makes an earlier one lapse. */
  due: CheckInPoint | null;
  /** The next one after it (or after the latest answered or lapsed). */
  next: CheckInPoint | null;
}

/**
 * Which check-in is due at `now` for a closing, given the ones answered since (by their days).
 * Only the latest one due is asked: a resident who comes back after 100 days is asked the 90-day
 * question, not the 30-day one too. One answered makes the earlier ones lapse.
 */
export function checkInSchedule(closedAt: string, answered: readonly number[], now: Date, days: readonly number[] = workflowSettings.checkInDays): CheckInSchedule {
  const point = (d: number): CheckInPoint => ({ days: d, date: checkInDate(closedAt, d) });
  const reached = days.filter((d) => checkInDueAt(closedAt, d).getTime() <= now.getTime());
  const latestAnswered = Math.max(0, ...answered);
  const latestReached = reached.at(-1);
  const due = latestReached !== undefined && latestReached > latestAnswered ? latestReached : null;
  const after = Math.max(latestAnswered, latestReached ?? 0);
  const next = days.find((d) => d > after);
  return { due: due === null ? null : point(due), next: next === undefined ? null : point(next) };
}

/** The check-in form's fields, in the order they are checked. */
export const CHECKIN_FIELDS = ['checkinId', 'answer', 'detail'] as const;

/** The check-in form's schema: the form's own id, an answer from the list, and a detail within its limit. */
export const checkInSchema = z.object({
  checkinId: z.pipe(
    asTyped,
    z.transform((id: string, ctx) => {
      if (!CLIENT_ID_PATTERN.test(id)) mark(ctx, 'errors.submission.invalid');
      return id;
    }),
  ),
  answer: oneOf(CHECKIN_ANSWERS, 'checkin.errors.answer'),
  detail: plainField('checkin.errors.text', { max: CHECKIN_TEXT_MAX }, (text, fail) => charCount(text) > CHECKIN_TEXT_MAX && fail('checkin.errors.text', { max: CHECKIN_TEXT_MAX })),
});

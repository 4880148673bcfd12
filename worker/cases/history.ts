/**
 * How each event of a case's history is labelled: by who made it (the resident, a staff member,
 * the system) and, for its text, whom the text is for. One set of rules for the staff's case page
 * and the resident's query page, so the two never disagree about who did what.
 */
import type { UiKey } from '../../content/translate.ts';

/**
 * The system's event on a case passed to town staff when its time limit ran out unanswered (a
 * question about a disclosure: content/town.json `overdueToTown`). Not `escalate`: that is the
 * discipline committee's.
 */
export const TO_TOWN = 'to_town';

export type EventAuthor = 'resident' | 'staff' | 'system';

/** Who made an event, from its stored actor ('resident', 'system' or 'staff:<id>'). */
export function eventAuthor(actor: string): EventAuthor {
  return actor === 'resident' ? 'resident' : actor === 'system' ? 'system' : 'staff';
}

/** The staff's labels of the workflow's moves. */
const MOVE_LABEL: Record<string, UiKey> = {
  accept: 'staff.move.accept',
  not_accept: 'staff.move.not_accept',
  resolve_at_once: 'staff.move.resolve_at_once',
  set_time_limit: 'staff.move.set_time_limit',
  resolve: 'staff.move.resolve',
  explain: 'staff.move.explain',
  escalate: 'staff.move.escalate',
  close: 'staff.move.close',
  take_up: 'staff.move.take_up',
  talk: 'staff.move.talk',
  verify: 'staff.move.verify',
  shelve: 'staff.move.shelve',
  conclude: 'staff.move.conclude',
  transfer: 'staff.move.transfer',
  resume: 'staff.move.resume',
  notify: 'staff.move.notify',
  object: 'history.staff.object',
  add_evidence: 'history.staff.add_evidence',
  link: 'event.link',
  checkin: 'checkin.event.staff',
  conflict: 'conflict.event',
  sent_up: 'sendup.event',
  [TO_TOWN]: 'toTown.event',
};

/**
 * What happened, as staff read it (the actor's name is shown beside it). A case recorded by a
 * staff member from a letter, call or visit was recorded for the resident, not sent by them.
 */
export function staffEventLabel(kind: string, actor: string): UiKey {
  const author = eventAuthor(actor);
  if (kind === 'submitted') return author === 'staff' ? 'history.staff.recorded' : 'history.staff.submitted';
  if (kind === 'followup') return 'history.staff.followup';
  if (kind === 'reopen') return author === 'resident' ? 'history.staff.reopenedByResident' : 'staff.move.reopen';
  return MOVE_LABEL[kind] ?? 'history.staff.other';
}

/**
 * The name of a staff step as the resident reads it (受理, 限时办结, 说明情况…): the workflow's
 * moves (cases/workflow.ts), the committee's dispositions as one word, since which one it chose is
 * told in its message.
 */
const RESIDENT_STEP: Record<string, UiKey> = {
  accept: 'event.step.accept',
  not_accept: 'event.step.not_accept',
  resolve_at_once: 'event.step.resolve_at_once',
  set_time_limit: 'event.step.set_time_limit',
  resolve: 'event.step.resolve',
  explain: 'event.step.explain',
  escalate: 'event.step.escalate',
  close: 'event.step.close',
  reopen: 'event.step.reopen',
  take_up: 'event.step.take_up',
  talk: 'event.step.dispose',
  verify: 'event.step.dispose',
  shelve: 'event.step.dispose',
  conclude: 'event.step.dispose',
  transfer: 'event.step.dispose',
  resume: 'event.step.resume',
  notify: 'event.step.notify',
};

/** What happened, as the resident reads it on the query page (addressed to them). */
export function residentEventLabel(kind: string, actor: string): UiKey {
  const author = eventAuthor(actor);
  if (kind === 'submitted') return author === 'staff' ? 'history.resident.recorded' : 'event.submitted';
  if (kind === 'followup') return 'event.followup';
  if (kind === 'reopen' && author === 'resident') return 'history.resident.reopened';
  if (kind === 'checkin') return 'event.checkin';
  if (kind === 'link') return 'event.link';
  if (kind === 'object') return 'event.object';
  if (kind === 'add_evidence') return 'event.add_evidence';
  if (kind === 'sent_up') return 'sendup.event';
  if (kind === TO_TOWN) return 'toTown.event';
  if (author === 'system') return 'history.resident.system';
  return RESIDENT_STEP[kind] ?? 'event.staff';
}

/**
 * The label of an event's text on the staff's page: the resident's own words, a message staff
 * wrote to the resident, or a message the system sent the resident on its own.
 */
export function staffTextLabel(kind: string, actor: string): UiKey {
  const author = eventAuthor(actor);
  if (author === 'staff') return 'staff.case.toResident';
  if (kind === 'checkin') return 'history.staff.checkinText';
  return kind === 'followup' || kind === 'object' || kind === 'add_evidence' ? 'history.staff.followupText' : 'history.staff.toResidentAuto';
}

/** The states a case can be in, as stored and as the resident reads them. */
import type { UiKey } from '../../content/translate.ts';

export const CASE_STATUSES = [
  'received',
  'accepted',
  'resolved_at_once',
  'in_progress',
  'resolved',
  'explained',
  'escalated',
  'not_accepted',
  'reopened',
  'closed',
  'closed_unresolved',
  // The discipline committee's own states (content/committee.json, Art. 16 and 17): taken up
  // (受理), then disposed of in one of the four ways or passed to 审查调查.
  'taken_up',
  'talk_inquiry',
  'preliminary_check',
  'shelved',
  'concluded',
  'transferred',
  // Passed up to the county commission (Art. 15): the town keeps only that, how and when.
  'sent_up',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** States in which someone still has to act. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['received', 'accepted', 'in_progress', 'escalated', 'reopened', 'taken_up', 'talk_inquiry', 'preliminary_check', 'shelved'];
/** States that end a case; the resident may give feedback on them. */
export const FINAL_STATUSES: readonly CaseStatus[] = ['closed', 'closed_unresolved', 'not_accepted', 'concluded', 'transferred'];
/** Open states waiting for staff to accept (or refuse) the case: its acceptance deadline runs. */
export const AWAITING_ACCEPTANCE: readonly CaseStatus[] = ['received', 'reopened'];
/** Open states past acceptance. */
export const IN_HAND: readonly CaseStatus[] = ['accepted', 'in_progress', 'escalated', 'taken_up', 'talk_inquiry', 'preliminary_check', 'shelved'];
/**
 * Resolved (办结) or explained, not yet closed (结案): the resident has been told the result, but
 * can rate it only once the case is closed. Still to be done, so the open queue keeps them.
 */
export const AWAITING_CLOSE: readonly CaseStatus[] = ['resolved_at_once', 'resolved', 'explained'];
/** The committee's states after it took a case up and before it closed it. */
export const COMMITTEE_IN_HAND: readonly CaseStatus[] = ['taken_up', 'talk_inquiry', 'preliminary_check', 'shelved'];
/** The committee's closings: 予以了结, or passed to 审查调查. */
export const COMMITTEE_CLOSED: readonly CaseStatus[] = ['concluded', 'transferred'];
/** A committee case waiting to be taken up (受理): arrived, escalated, or reopened by the resident. */
export const COMMITTEE_AWAITING: readonly CaseStatus[] = ['escalated', 'reopened'];
/** States that run against a deadline: acceptance, or the time limit (accepted: one its category fixes from arrival, if any). */
export const CLOCKED: readonly CaseStatus[] = ['received', 'reopened', 'accepted', 'in_progress'];

/** A stored status read back: anything but a known status throws (the database holds something this code does not know). */
export function parseStatus(value: unknown): CaseStatus {
  const status = CASE_STATUSES.find((s) => s === value);
  if (status === undefined) throw new Error(`Unknown case status in the database: ${JSON.stringify(value)}`);
  return status;
}

/** The message key that names a status in plain words. */
export function statusLabelKey(status: string): UiKey {
  return `status.${CASE_STATUSES.find((s) => s === status) ?? 'received'}`;
}

/**
 * The status the resident is shown: the committee's states between taking a case up and closing
 * it read alike (how a clue is being disposed of stays with the committee); its closings are the
 * result, and are shown.
 */
export function residentStatus(status: CaseStatus): CaseStatus {
  return COMMITTEE_IN_HAND.includes(status) ? 'taken_up' : status;
}

/** The message key that names a status to the resident (see `residentStatus`). */
export function residentStatusLabelKey(status: CaseStatus): UiKey {
  return residentStatus(status) === 'taken_up' ? 'status.committee.inHand' : statusLabelKey(status);
}

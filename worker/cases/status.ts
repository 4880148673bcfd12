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
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** States in which someone still has to act. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['received', 'accepted', 'in_progress', 'escalated', 'reopened'];
/** States that end a case; the resident may give feedback on them. */
export const FINAL_STATUSES: readonly CaseStatus[] = ['closed', 'closed_unresolved', 'not_accepted'];
/** Open states waiting for staff to accept (or refuse) the case: its acceptance deadline runs. */
export const AWAITING_ACCEPTANCE: readonly CaseStatus[] = ['received', 'reopened'];
/** Open states past acceptance. */
export const IN_HAND: readonly CaseStatus[] = ['accepted', 'in_progress', 'escalated'];
/** States that run against a deadline: acceptance, or the time limit. */
export const CLOCKED: readonly CaseStatus[] = ['received', 'reopened', 'in_progress'];

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

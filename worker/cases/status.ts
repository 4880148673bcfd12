/** The states a case can be in, as stored and as the resident reads them. */
import type { UiKey } from '../../content/ui.ts';

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

/** The message key that names a status in plain words. */
export function statusLabelKey(status: string): UiKey {
  return (CASE_STATUSES as readonly string[]).includes(status) ? (`status.${status}` as UiKey) : 'status.received';
}

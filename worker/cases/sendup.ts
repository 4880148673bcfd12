/**
 * "This is for the county": a committee member passes a case up to the county discipline commission
 * (Art. 15 of the 2020 rules on handling reports: a report about the organ's own head goes directly
 * to the level above; one that belongs to the level above is sent up, not copied, not entered into a
 * reporting platform, its circle of knowledge not widened). Pure: what may be sent up, and the form.
 *
 * The town keeps only that it was sent, why, by which channel and on which town day. Once the member
 * confirms it was sent, the case's sealed texts, its keys and any copy of them in a record-form entry
 * are removed in the batch that records it (worker/db/sendup.ts).
 */
import { OPEN_STATUSES, type CaseStatus } from './status.ts';
import { ok, refuse, refuseField, type Result } from './result.ts';
import type { Viewer } from './access.ts';

export const SEND_UP_REASONS = ['own_head', 'county'] as const;
export type SendUpReason = (typeof SEND_UP_REASONS)[number];

/** How a case goes up: by confidential mail (机要交通), or handed over in person; never through a platform or a copy. */
export const SEND_UP_CHANNELS = ['confidential_mail', 'in_person'] as const;
export type SendUpChannel = (typeof SEND_UP_CHANNELS)[number];

export interface SendUp {
  reason: SendUpReason;
  channel: SendUpChannel;
}

/** Whether this viewer may send this case up: a committee member, a committee case still open. */
export function maySendUp(viewer: Viewer, c: { discipline: boolean; status: CaseStatus }): boolean {
  return viewer.role === 'discipline' && c.discipline && OPEN_STATUSES.includes(c.status);
}

/** The form: a reason, a channel, and the member's confirmation that the case has been sent by it. */
export function parseSendUp(fields: Record<string, unknown>): Result<SendUp> {
  const reason = SEND_UP_REASONS.find((r) => r === fields.reason);
  const channel = SEND_UP_CHANNELS.find((c) => c === fields.channel);
  if (!reason) return refuseField('invalid', 'reason', 'sendup.errors.reason');
  if (!channel) return refuseField('invalid', 'channel', 'sendup.errors.channel');
  if (fields.confirmSent !== 'yes') return refuseField('invalid', 'confirmSent', 'sendup.errors.confirm');
  return ok({ reason, channel });
}

export const notSendable = refuse('conflict', 'sendup.errors.notOpen');

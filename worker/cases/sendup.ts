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
import * as z from 'zod/mini';
import type { UiKey } from '../../content/ui.ts';
import { OPEN_STATUSES, type CaseStatus } from './status.ts';
import { refuse, type Refusal } from './result.ts';
import type { Viewer } from './access.ts';
import { isOneOf, textWith } from './validation.ts';

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

/** One of `choices`, or the field marked with `key`. */
const oneOf = <const T extends readonly string[]>(choices: T, key: UiKey) =>
  z.pipe(
    textWith((value, fail) => isOneOf(choices, value) || fail(key)),
    z.transform((value: string) => value as T[number]),
  );

/** The form: a reason, a channel, and the member's confirmation that the case has been sent by it. */
export const sendUpSchema = z.pipe(
  z.object({
    reason: oneOf(SEND_UP_REASONS, 'sendup.errors.reason'),
    channel: oneOf(SEND_UP_CHANNELS, 'sendup.errors.channel'),
    confirmSent: textWith((value, fail) => value === 'yes' || fail('sendup.errors.confirm')),
  }),
  z.transform(({ reason, channel }): SendUp => ({ reason, channel })),
);

export const notSendable = refuse('conflict', 'sendup.errors.notOpen');

/** Why this viewer may not send this case up (a committee case no longer open, or not theirs to send), or null when they may. */
export function sendUpRefusalFor(viewer: Viewer, c: { discipline: number | boolean; status: CaseStatus }): Refusal | null {
  const discipline = c.discipline === true || c.discipline === 1;
  if (maySendUp(viewer, { discipline, status: c.status })) return null;
  return viewer.role === 'discipline' && discipline ? notSendable.refusal : refuse('forbidden', 'staff.errors.forbidden').refusal;
}

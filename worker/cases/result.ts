/**
 * The one result contract of services and the domain: a value, or a refusal that names what went
 * wrong (a small closed set of codes) and the message key to say it with. Never an HTTP status:
 * `worker/http/refusal.ts` maps a code to its status and renders the refusal for each format.
 */
import type { UiKey } from '../../content/translate.ts';
import type { FieldError } from './validation.ts';

/** What went wrong, in the domain's terms. */
export const REFUSAL_CODES = [
  /** The request cannot be read at all (a broken body, a malformed argument). */
  'bad_request',
  /** Read, but a value is not acceptable (fields marked). */
  'invalid',
  /** The body is not of a type taken here. */
  'unsupported',
  /** The body is larger than taken here. */
  'too_large',
  /** Nobody known is signed in (a wrong password, no session). */
  'unauthenticated',
  /** Not the caller's to do. */
  'forbidden',
  /** A proof of work is needed (or the one sent did not hold). */
  'proof_required',
  /** Nothing of that name here. */
  'not_found',
  /** Not allowed in the present state (a stale version, done already). */
  'conflict',
  /** Was there once: a token or code that expired or was spent. */
  'gone',
  /** A budget is used up: try later. */
  'busy',
  /** A method the resource does not answer. */
  'not_allowed',
  /** Cannot be done now for want of a key or a setting on the town's side. */
  'unavailable',
] as const;

export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface Refusal {
  code: RefusalCode;
  key: UiKey;
  params?: Record<string, string | number>;
  /** The fields to mark on a form (their own keys); none for a refusal of the whole request. */
  fields?: FieldError[];
  /** The JSON API's error code where it is not the generic one for `code` (e.g. `claim_required`). */
  wire?: string;
}

export type Result<T = undefined> = { ok: true; value: T } | { ok: false; refusal: Refusal };
/** A result whose refusal also carries what its page needs to be shown again (the case as it stands, the draft). */
export type ResultWith<T, C> = { ok: true; value: T } | ({ ok: false; refusal: Refusal } & C);

export function ok(): { ok: true; value: undefined };
export function ok<T>(value: T): { ok: true; value: T };
export function ok<T>(value?: T) {
  return { ok: true as const, value };
}

export function refuse(code: RefusalCode, key: UiKey, more: Omit<Refusal, 'code' | 'key'> = {}): { ok: false; refusal: Refusal } {
  return { ok: false as const, refusal: { code, key, ...more } };
}

/** A refusal that marks one field of a form, with the field's own message. */
export function refuseField(code: RefusalCode, field: string, key: UiKey, params?: Record<string, string | number>): { ok: false; refusal: Refusal } {
  return refuse(code, 'errors.summary', { fields: [{ field, key, ...(params && { params }) }] });
}

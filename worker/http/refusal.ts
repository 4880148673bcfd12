/**
 * A refusal (worker/cases/result.ts) as an answer: its HTTP status, and one responder per format —
 * the JSON API's envelope, Open311's error list, and a page shown again with its fields marked.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Locale } from '../../content/index.ts';
import { translate, type UiKey } from '../../content/translate.ts';
import type { Format } from '../cases/open311.ts';
import type { Refusal, RefusalCode } from '../cases/result.ts';
import type { FieldError } from '../cases/validation.ts';
import { jsonEnvelope, jsonError } from './json.ts';
import { open311Errors } from './open311-format.ts';

const STATUS: Record<RefusalCode, ContentfulStatusCode> = {
  bad_request: 400,
  invalid: 422,
  unsupported: 415,
  too_large: 413,
  unauthenticated: 401,
  forbidden: 403,
  proof_required: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  busy: 429,
  not_allowed: 405,
  unavailable: 503,
};

/** The HTTP status of a refusal's code. */
export const statusOf = (code: RefusalCode): ContentfulStatusCode => STATUS[code];

/** A body `readInput` could not take, as a refusal: unreadable, too large, or of a type not taken. */
export function inputRefusal(input: { status: 400 | 413 | 415; key: UiKey }): Refusal {
  const code: RefusalCode = input.status === 413 ? 'too_large' : input.status === 415 ? 'unsupported' : 'bad_request';
  return { code, key: input.key };
}

/** The JSON API's error code of each refusal code, unless the refusal names its own (`wire`). */
const WIRE: Record<RefusalCode, string> = {
  bad_request: 'bad_request',
  invalid: 'invalid',
  unsupported: 'unsupported_media_type',
  too_large: 'bad_request',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  proof_required: 'proof_required',
  not_found: 'not_found',
  conflict: 'conflict',
  gone: 'expired',
  busy: 'limit',
  not_allowed: 'method_not_allowed',
  unavailable: 'unavailable',
};

/**
 * The JSON API's envelope `{ error: { code, message, fields? } }`; `more.error` adds to the error
 * (a proof's challenge), `more.beside` goes beside it (a claim's token).
 */
export function jsonRefusal(c: Context, locale: Locale, refusal: Refusal, more: { error?: Record<string, unknown>; beside?: Record<string, unknown> } = {}): Response {
  const code = refusal.wire ?? WIRE[refusal.code];
  const status = statusOf(refusal.code);
  if (!more.error && !more.beside) return jsonError(c, status, code, locale, refusal.key, refusal.fields, refusal.params);
  return jsonEnvelope(c, status, code, translate(locale, refusal.key, refusal.params), [], more.beside, more.error);
}

/** Open311 answers every refusal of a request's content with 400, as the spec's examples do. */
const OPEN311_STATUS: Partial<Record<RefusalCode, number>> = { invalid: 400, conflict: 400 };

/** Open311's error list, `[{ code, description }]` in JSON or XML, one description per refusal. */
export function open311Refusal(format: Format, locale: Locale, refusal: Refusal, more: string[] = [], headers: Record<string, string> = {}): Response {
  const status = OPEN311_STATUS[refusal.code] ?? statusOf(refusal.code);
  return open311Errors(format, status, [translate(locale, refusal.key, refusal.params), ...more], headers);
}

/** What a form shown again for a refusal marks: its fields, or (when it marks none) its message as the page's notice. */
export function marked(locale: Locale, refusal: Refusal): { errors: FieldError[]; notice: string | undefined } {
  const errors = refusal.fields ?? [];
  return { errors, notice: errors.length ? undefined : translate(locale, refusal.key, refusal.params) };
}

/** A page answering a refusal, with the refusal's status. */
export function htmlRefusal(c: Context, refusal: Refusal, page: string | Promise<string>): Response | Promise<Response> {
  return c.render(page, statusOf(refusal.code));
}

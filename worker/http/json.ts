/** The JSON API's one error shape: { error: { code, message, fields? } }, messages in the caller's language. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Locale } from '../../content/index.ts';
import { translate, type UiKey } from '../../content/translate.ts';
import type { FieldError } from '../cases/validation.ts';

/** Sends the API error envelope. */
export function jsonError(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  locale: Locale,
  key: UiKey,
  fields: FieldError[] = [],
  params: Record<string, string | number> = {},
) {
  const listed = fields.map((f) => ({ field: f.field, message: translate(locale, f.key, f.params) }));
  return jsonEnvelope(c, status, code, translate(locale, key, { n: fields.length, ...params }), listed);
}

/** The envelope itself, for a message already written; `beside` goes beside `error` (a token), `more` into it (a challenge). */
export function jsonEnvelope(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  fields: { field: string; message: string }[] = [],
  beside: Record<string, unknown> = {},
  more: Record<string, unknown> = {},
) {
  return c.json({ error: { code, message, ...(fields.length > 0 && { fields }), ...more }, ...beside }, status);
}

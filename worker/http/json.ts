/** The JSON API's one error shape: { error: { code, message, fields? } }, messages in the caller's language. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Locale } from '../../content/index.ts';
import { translate, type UiKey } from '../../content/ui.ts';
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
  return c.json(
    {
      error: {
        code,
        message: translate(locale, key, { n: fields.length, ...params }),
        ...(fields.length > 0 && { fields: fields.map((f) => ({ field: f.field, message: translate(locale, f.key, f.params) })) }),
      },
    },
    status,
  );
}

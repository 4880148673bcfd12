/** Shared shapes and small checks for validating what residents send. */
import type { UiKey } from '../../content/ui.ts';

/** One problem with one field, as a message key and its parameters. */
export interface FieldError {
  field: string;
  key: UiKey;
  params?: Record<string, string | number>;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Length as a resident counts it: characters (code points), not UTF-16 units. */
export function charCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Reads an optional string field; records a type error for anything else. */
export function stringField(input: Record<string, unknown>, field: string, errors: FieldError[]): string {
  const value = input[field];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') {
    errors.push({ field, key: 'errors.field.type', params: { field } });
    return '';
  }
  return value.replace(/\r\n?/g, '\n').trim();
}

/** Records an error for every field not in `allowed`. */
export function rejectUnknownFields(input: Record<string, unknown>, allowed: readonly string[], errors: FieldError[]): void {
  for (const field of Object.keys(input)) {
    if (!allowed.includes(field)) errors.push({ field, key: 'errors.field.unknown', params: { field } });
  }
}

/**
 * Checks a free-text field against its limits; `prefix` names its message keys
 * (`errors.<prefix>.required|tooShort|tooLong`).
 */
export function checkLength(
  text: string,
  field: string,
  prefix: 'subject' | 'description' | 'followup',
  min: number,
  max: number,
  errors: FieldError[],
): void {
  const n = charCount(text);
  if (n === 0) errors.push({ field, key: `errors.${prefix}.required` });
  else if (n < min) errors.push({ field, key: `errors.${prefix}.tooShort`, params: { min, n } });
  else if (n > max) errors.push({ field, key: `errors.${prefix}.tooLong`, params: { max, n } });
}

/** A client-generated id: at least 128 bits written in base64url. */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;

/** One error per field, the first found: a field of the wrong type is not also reported as empty. */
export function firstPerField(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => !seen.has(e.field) && seen.add(e.field));
}

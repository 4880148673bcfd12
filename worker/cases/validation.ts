/** Shared shapes and small checks for validating what residents send. */
import type { UiKey } from '../../content/ui.ts';
import { refuse, type Refusal } from './result.ts';

/** One problem with one field, as a message key and its parameters. */
export interface FieldError {
  field: string;
  key: UiKey;
  params?: Record<string, string | number>;
}

/** Texts too long to be read at all (an oversized form), by field: their length in characters. */
export type TooLong = Record<string, number>;

/** A form refused for its fields: each marked with its own message, the whole summed up by `errors.summary`. */
export function invalid(errors: FieldError[]): { ok: false; refusal: Refusal } {
  return refuse('invalid', 'errors.summary', { fields: errors });
}

/** Zero-width spaces and joiners, soft hyphens, bidi controls, BOMs, variation selectors…: characters that show nothing. */
export const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

/** Control characters, NUL among them: C0 but tab and line feed, DEL, C1. They show as boxes, or cut a text short. */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;

/**
 * Length as a resident counts it: the characters one sees (code points, not UTF-16 units), so
 * zero-width characters and the white space around them count for nothing, and a text of only
 * those is empty.
 */
export function charCount(text: string): number {
  let n = 0;
  for (const _ of text.replace(INVISIBLE, '').trim()) n++;
  return n;
}

/** A text as sent, its line breaks written as one line feed and its ends trimmed; '' for anything but a string. */
export function plainText(value: unknown): string {
  return typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : '';
}

/**
 * Why a text cannot be stored as it is, or null: a lone UTF-16 surrogate (only JSON can carry one;
 * stored, it turns into invalid bytes), or a control character (NUL among them) that shows as a box.
 */
export function unreadable(text: string): 'errors.text.surrogate' | 'errors.text.control' | null {
  if (!text.isWellFormed()) return 'errors.text.surrogate';
  if (CONTROL.test(text)) return 'errors.text.control';
  return null;
}

/** Reads an optional string field; records a type error for anything else, and for a text that cannot be stored. */
export function stringField(input: Record<string, unknown>, field: string, errors: FieldError[]): string {
  const value = input[field];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') {
    errors.push({ field, key: 'errors.field.type', params: { field } });
    return '';
  }
  const text = plainText(value);
  const problem = unreadable(text);
  if (problem) errors.push({ field, key: problem });
  return text;
}

/** Records an error for every field not in `allowed`. */
export function rejectUnknownFields(input: Record<string, unknown>, allowed: readonly string[], errors: FieldError[]): void {
  for (const field of Object.keys(input)) {
    if (!allowed.includes(field)) errors.push({ field, key: 'errors.field.unknown', params: { field } });
  }
}

/**
 * Checks a free-text field against its limits; `prefix` names its message keys
 * (`errors.<prefix>.required|tooShort|tooLong`). A text left out of an oversized form is too long
 * by the length `tooLong` gives it.
 */
export function checkLength(
  text: string,
  field: string,
  prefix: 'subject' | 'description' | 'followup',
  min: number,
  max: number,
  errors: FieldError[],
  tooLong: TooLong = {},
): void {
  const n = tooLong[field] ?? charCount(text);
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

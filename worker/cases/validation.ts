/**
 * Shared shapes and small checks for validating what residents and staff send, and the pieces the
 * request schemas (zod/mini) are built of: the plain-text rule, written once as the `text` schema,
 * issues that carry a FieldError's key and parameters, and `parseFields`, which runs a schema and
 * answers Result<T> with every field marked by its own message. Pure: no Hono.
 */
import * as z from 'zod/mini';
import type { UiKey } from '../../content/translate.ts';
import { ok, refuse, type Refusal, type Result } from './result.ts';

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

import { INVISIBLE } from './invisible.ts';
/** Zero-width spaces and joiners, soft hyphens, bidi controls, BOMs, variation selectors…: characters that show nothing. */
export { INVISIBLE };

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

/** Where a schema's checks put their issues (a transform's or a refinement's payload). */
export type Issues = { issues: z.core.$ZodRawIssue[] };

/**
 * Marks a field with one of its messages: the field being parsed (the issue's path), or `field` of
 * the object being checked. Every issue lets the others run, so a form hears of all its problems.
 */
export function mark(ctx: Issues, key: UiKey, params?: Record<string, string | number>, field?: string): void {
  ctx.issues.push({ code: 'custom', message: key, input: undefined, params: { key, ...(params && { params }) }, ...(field !== undefined && { path: [field] }), continue: true });
}

/**
 * The plain-text rule, once: an absent field is '', anything but a string is refused
 * (`errors.field.type`), line breaks are one line feed and the ends are trimmed, and a text that
 * cannot be stored (a lone surrogate, a control character: `unreadable`) is refused.
 */
export const text = z.prefault(
  z
    .pipe(
      z.unknown(),
      z.transform((value: unknown, ctx) => {
        if (value === undefined || value === null) return '';
        if (typeof value === 'string') return plainText(value);
        mark(ctx, 'errors.field.type');
        return '';
      }),
    )
    .check(
      z.superRefine((value: string, ctx) => {
        const problem = unreadable(value);
        if (problem) mark(ctx, problem);
      }),
    ),
  // An absent field is read as an empty one, so its own rule (required or not) says what it lacks.
  '',
);

/** A field read as it comes, by the rule of another field (the contact details of a named report). */
export const raw = z.optional(z.unknown());

/** A string as typed, never trimmed (a password, a proof's client id), or '' for anything else. */
export const asTyped = z.pipe(
  raw,
  z.transform((value: unknown) => (typeof value === 'string' ? value : '')),
);

/** A text and a check of it: `check(text, mark)` marks the field when the text does not hold. */
export function textWith(check: (value: string, mark: (key: UiKey, params?: Record<string, string | number>) => void) => void) {
  return z.pipe(
    text,
    z.transform((value: string, ctx) => {
      check(value, (key, params) => mark(ctx, key, params));
      return value;
    }),
  );
}

/**
 * A free text within its limits; `prefix` names its message keys
 * (`errors.<prefix>.required|tooShort|tooLong`). A text an oversized form left out is too long by
 * the length `tooLong` gives it (the `tooLong` refinement).
 */
export function boundedText(prefix: 'subject' | 'description' | 'followup', min: number, max: number, tooLong?: number) {
  return textWith((value, fail) => {
    const n = tooLong ?? charCount(value);
    if (n === 0) fail(`errors.${prefix}.required`);
    else if (n < min) fail(`errors.${prefix}.tooShort`, { min, n });
    else if (n > max) fail(`errors.${prefix}.tooLong`, { max, n });
  });
}

/** A client-generated id, or the field marked with `key`. */
export const clientId = (key: UiKey) => textWith((value, fail) => CLIENT_ID_PATTERN.test(value) || fail(key));

/** One of `choices`, or '' when absent; anything else marks the field with `key`. */
export function choice<const T extends readonly string[]>(choices: T, key: UiKey) {
  return z.pipe(
    text,
    z.transform((value: string, ctx) => {
      if (value !== '' && !choices.includes(value)) mark(ctx, key);
      return value as T[number] | '';
    }),
  );
}

/** A raw value read by the plain-text rule inside an object's check, its problems marked on `field`. */
export function textOf(ctx: Issues, field: string, value: unknown): string {
  const parsed = z.safeParse(text, value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const carried = issue.code === 'custom' ? (issue.params as { key: UiKey } | undefined) : undefined;
    mark(ctx, carried?.key ?? 'errors.field.type', undefined, field);
  }
  return '';
}

/**
 * One of `choices` exactly as sent (not trimmed), or the field marked with `key`: a form's radio
 * buttons or select, where anything else is not the resident's mistake to correct but a choice to make.
 */
export function oneOf<const T extends readonly string[]>(choices: T, key: UiKey) {
  return z.pipe(
    raw,
    z.transform((value: unknown, ctx): T[number] => {
      if (isOneOf(choices, value)) return value;
      mark(ctx, key);
      return choices[0]!;
    }),
  );
}

/**
 * A text read as `plainText` reads it: absent is '', anything else but a string marks the field
 * with `key` (the field's own message, not `errors.field.type`), then `check` marks what does not hold.
 */
export function plainField(key: UiKey, params?: Record<string, string | number>, check?: (value: string, mark: (key: UiKey, params?: Record<string, string | number>) => void) => void) {
  return z.pipe(
    raw,
    z.transform((value: unknown, ctx) => {
      if (value !== undefined && typeof value !== 'string') mark(ctx, key, params);
      const read = plainText(value);
      check?.(read, (k, p) => mark(ctx, k, p));
      return read;
    }),
  );
}

/**
 * Runs a schema on a form that stops at its first problem: the value, or an `invalid` refusal
 * marking only the first field at fault, in the order `order` gives the fields.
 */
export function parseFirst<T>(schema: z.core.$ZodType<T>, input: Record<string, unknown>, order: readonly string[]): Result<T> {
  const parsed = parseFields(schema, input, order);
  return parsed.ok || !parsed.refusal.fields?.length ? parsed : invalid(parsed.refusal.fields.slice(0, 1));
}

/** A field as typed when it is a string, or nothing (a draft shows again only what was typed). */
const typed = z.catch(z.optional(z.string()), undefined);

/** The fields of a form shown again as they were typed: each one sent as a string, the others left out. */
export function draftOf<const N extends readonly string[]>(names: N, fields: Record<string, unknown>): Partial<Record<N[number], string>> {
  return Object.fromEntries(
    names.flatMap((name) => {
      const value = z.parse(typed, fields[name]);
      return value === undefined ? [] : [[name, value]];
    }),
  ) as Partial<Record<N[number], string>>;
}

/** True for one of `choices` (a typed `includes`). */
export const isOneOf = <const T extends readonly string[]>(choices: T, value: unknown): value is T[number] => typeof value === 'string' && choices.includes(value);

/** The FieldErrors of a failed parse: unknown fields first, then the schema's marks in its fields' order. */
function fieldErrors(issues: readonly z.core.$ZodIssue[], order: readonly string[]): FieldError[] {
  const unknown: FieldError[] = [];
  const marked: FieldError[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const field of issue.keys) unknown.push({ field, key: 'errors.field.unknown', params: { field } });
      continue;
    }
    const field = String(issue.path[0] ?? '');
    const carried = issue.code === 'custom' ? (issue.params as { key?: UiKey; params?: Record<string, string | number> } | undefined) : undefined;
    if (!carried?.key || carried.key === 'errors.field.type') marked.push({ field, key: 'errors.field.type', params: { field } });
    else marked.push({ field, key: carried.key, ...(carried.params && { params: carried.params }) });
  }
  const rank = (e: FieldError) => (order.includes(e.field) ? order.indexOf(e.field) : order.length);
  return [...unknown, ...marked.map((e, i) => [e, i] as const).sort(([a, i], [b, j]) => rank(a) - rank(b) || i - j).map(([e]) => e)];
}

/**
 * Runs a request schema on what was sent: the value, or an `invalid` refusal marking each field
 * with its first problem (a field of the wrong type is not also reported as empty). `order` lists
 * the form's fields as the page shows them, for the order of the marks.
 */
export function parseFields<T>(schema: z.core.$ZodType<T>, input: Record<string, unknown>, order: readonly string[] = []): Result<T> {
  const parsed = z.safeParse(schema, input);
  return parsed.success ? ok(parsed.data) : invalid(firstPerField(fieldErrors(parsed.error.issues, order)));
}

/** A client-generated id: at least 128 bits written in base64url. */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;

/** One error per field, the first found: a field of the wrong type is not also reported as empty. */
export function firstPerField(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => !seen.has(e.field) && seen.add(e.field));
}

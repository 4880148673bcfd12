/**
 * A request validated by its schema before its handler runs, the body read once: the handler reads
 * the value with `c.req.valid(target)`, as with `hono/validator`, whose contract (`Input`'s `out`,
 * `addValidatedData`) this keeps. Hono's own validator reads the body itself (FormData or
 * JSON.parse, no size bound, no strict UTF-8), so the body is read by `readInput`, whose checks
 * need the bytes; where the staff guard has already read it (`c.var.fields`), that is used.
 * The schema may be built for the request (`(c) => schema`, a form checked against today's date).
 * `order` lists the form's fields as the page shows them, for the order of the marks.
 * A refusal is answered by `refused`, built on the responders of worker/http/refusal.ts in the
 * request's format (the page again with its fields marked, the JSON envelope, Open311's list).
 */
import type { Context, Env, MiddlewareHandler } from 'hono';
import type * as z from 'zod/mini';
import type { Refusal } from '../cases/result.ts';
import { parseFields } from '../cases/validation.ts';
import { readInput } from './input.ts';
import { inputRefusal } from './refusal.ts';

/** What a validated request gives its handler: `c.req.valid(target)`. */
export type Validated<Target extends 'form' | 'json', T> = { in: { [K in Target]: Record<string, unknown> }; out: { [K in Target]: T } };

export function validated<E extends Env, Target extends 'form' | 'json', T>(
  target: Target,
  schema: z.core.$ZodType<T> | ((c: Context<E>) => z.core.$ZodType<T>),
  refused: (c: Context<E>, refusal: Refusal) => Response | Promise<Response>,
  order: readonly string[] = [],
): MiddlewareHandler<E, string, Validated<Target, T>> {
  return async (c, next) => {
    let fields = (c.var as { fields?: Record<string, unknown> }).fields;
    if (!fields) {
      const input = await readInput(c.req.raw);
      if (!input.ok) return refused(c, inputRefusal(input));
      fields = input.fields;
    }
    const result = parseFields(typeof schema === 'function' ? schema(c) : schema, fields, order);
    if (!result.ok) return refused(c, result.refusal);
    c.req.addValidatedData(target, result.value as object);
    await next();
  };
}

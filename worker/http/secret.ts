/** Refuses to handle resident data while the query-code key is missing or too weak. */
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';

/** The configured key, or null when it is unusable (shorter than 32 characters). */
export function queryCodeKey(c: Context<AppEnv>): string | null {
  const key = c.env.QUERY_CODE_KEY;
  return typeof key === 'string' && key.length >= 32 ? key : null;
}

/** Refuses to handle resident data while the query-code key is missing or too weak. */
import type { Env } from '../env.ts';

/** The configured key, or null when it is unusable (shorter than 32 characters). */
export function queryCodeKey(env: Pick<Env, 'QUERY_CODE_KEY'>): string | null {
  const key = env.QUERY_CODE_KEY;
  return typeof key === 'string' && key.length >= 32 ? key : null;
}

/** Refuses to handle resident data while the query-code key is missing or too weak. */
import { sameSecret } from '../cases/crypto.ts';
import type { Env } from '../env.ts';

/** The configured key, or null when it is unusable (shorter than 32 characters). */
export function queryCodeKey(env: Pick<Env, 'QUERY_CODE_KEY'>): string | null {
  const key = env.QUERY_CODE_KEY;
  return typeof key === 'string' && key.length >= 32 ? key : null;
}

/** The fixed proof-of-work difficulty of a local measurement run, or null (adaptive). */
export function fixedProofBits(env: Pick<Env, 'PROOF_OF_WORK_BITS'>): number | null {
  const bits = Number(env.PROOF_OF_WORK_BITS);
  return env.PROOF_OF_WORK_BITS && Number.isInteger(bits) && bits >= 1 && bits <= 28 ? bits : null;
}

/** The name of the Open311 client program whose API key this is, or null. Compared in constant time (`sameSecret`), against every key. */
export async function open311Program(env: Pick<Env, 'OPEN311_API_KEYS'>, apiKey: string): Promise<string | null> {
  if (!env.OPEN311_API_KEYS || apiKey.length < 16) return null;
  let found: string | null = null;
  for (const pair of env.OPEN311_API_KEYS.split(',')) {
    const at = pair.indexOf(':');
    const name = pair.slice(0, at).trim();
    const key = pair.slice(at + 1).trim();
    if (at < 1 || key.length < 16) continue;
    if (await sameSecret(key, apiKey)) found = name;
  }
  return found;
}

import { describe, expect, it } from 'vitest';
import { sameBytes, sameSecret } from '../../worker/cases/crypto.ts';
import { open311Program } from '../../worker/http/secret.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('comparing secrets in constant time', () => {
  it('compares bytes through the platform, unequal at once when the lengths differ', () => {
    expect(sameBytes(bytes('a'.repeat(32)), bytes('a'.repeat(32)))).toBe(true);
    expect(sameBytes(bytes('a'.repeat(32)), bytes(`${'a'.repeat(31)}b`))).toBe(false);
    expect(sameBytes(bytes('abc'), bytes('abcd'))).toBe(false);
  });

  it('compares texts of any length through their digests', async () => {
    expect(await sameSecret('a-long-open311-key-0001', 'a-long-open311-key-0001')).toBe(true);
    expect(await sameSecret('a-long-open311-key-0001', 'a-long-open311-key-000')).toBe(false);
    expect(await sameSecret('a-long-open311-key-0001', '')).toBe(false);
  });

  it('finds the Open311 program of a key, and none for a prefix, an extension or another key', async () => {
    const env = { OPEN311_API_KEYS: 'city-app:key-of-the-city-app-0001, citizen:key-citizen-00000000002' };
    expect(await open311Program(env, 'key-of-the-city-app-0001')).toBe('city-app');
    expect(await open311Program(env, 'key-citizen-00000000002')).toBe('citizen');
    for (const wrong of ['key-of-the-city-app-000', 'key-of-the-city-app-00011', 'key-citizen-00000000003', 'short']) {
      expect(await open311Program(env, wrong), wrong).toBeNull();
    }
    expect(await open311Program({}, 'key-of-the-city-app-0001')).toBeNull();
  });
});

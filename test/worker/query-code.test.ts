import { describe, expect, it } from 'vitest';
import { formatQueryCode, generateQueryCode, hashQueryCode, normalizeQueryCode } from '../../worker/cases/query-code.ts';

describe('query codes', () => {
  it('are 16 Crockford base32 characters, shown grouped 4-4-4-4', () => {
    const code = generateQueryCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(formatQueryCode(code)).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  });

  it('use all 80 bits: no repeats and every symbol in every position over many draws', () => {
    const codes = Array.from({ length: 4000 }, generateQueryCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const position of [0, 7, 15]) {
      expect(new Set(codes.map((c) => c[position])).size).toBe(32);
    }
  });

  it('are read back however the resident types them', () => {
    expect(normalizeQueryCode('abcd-efgh-jkmn-pqrs')).toBe('ABCDEFGHJKMNPQRS');
    expect(normalizeQueryCode(' ABCD EFGH JKMN PQRS ')).toBe('ABCDEFGHJKMNPQRS');
    expect(normalizeQueryCode('ABCD－EFGH－JKMN－PQRS')).toBe('ABCDEFGHJKMNPQRS'); // full-width dashes from a Chinese keyboard
    expect(normalizeQueryCode('O0I1-L1oo-0000-0000')).toBe('0011110000000000');
  });

  it('reject what cannot be a code', () => {
    for (const bad of ['', 'ABCD-EFGH-JKMN-PQR', 'ABCD-EFGH-JKMN-PQRST', 'ABCD-EFGH-JKMN-PQRU', '查询码查询码查询码查询码查询码查询', 'ABCD<EFGH>JKMN"PQ']) {
      expect(normalizeQueryCode(bad)).toBeNull();
    }
  });

  it('are stored as a keyed hash that depends on the key', async () => {
    const code = generateQueryCode();
    const a = await hashQueryCode('key-one-0123456789abcdef0123456789', code);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toContain(code);
    expect(await hashQueryCode('key-one-0123456789abcdef0123456789', code)).toBe(a);
    expect(await hashQueryCode('key-two-0123456789abcdef0123456789', code)).not.toBe(a);
  });
});

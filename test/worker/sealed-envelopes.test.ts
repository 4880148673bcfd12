// The envelopes themselves (core/sealed.ts), as the worker, the tools and the browsers use them.
import { describe, expect, it } from 'vitest';
import {
  importDataKey,
  isPaddedText,
  isSealedText,
  memberKeyFrom,
  newDataKey,
  newKeyPair,
  newRecoveryKey,
  normalizeRecoveryKey,
  openForCode,
  openForMember,
  openForRecovery,
  openSealed,
  openText,
  paddedSize,
  publicKeyOf,
  sealForCode,
  sealForMember,
  sealForRecovery,
  sealText,
  sealTo,
  sealedTextLength,
} from '../../core/sealed.ts';
import { toBase64Url } from '../../core/bytes.ts';

describe('the sealed envelopes', () => {
  it('open only with their own key, and say so (null) otherwise', async () => {
    const key = await importDataKey(newDataKey());
    const other = await importDataKey(newDataKey());
    const sealed = await sealText(key, '村支书王某');
    expect(sealed).toMatch(/^qls2:[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(isSealedText(sealed)).toBe(true);
    expect(isSealedText('村支书王某')).toBe(false);
    expect(await openText(key, sealed)).toBe('村支书王某');
    expect(await openText(other, sealed)).toBeNull();
    expect(await openText(key, sealed.slice(0, -2) + 'AA')).toBeNull();

    const alice = await newKeyPair();
    const bob = await newKeyPair();
    const toAlice = await sealTo(alice.publicKey, new Uint8Array([1, 2, 3]));
    expect(await openSealed(alice.privateKey, toAlice)).toEqual(new Uint8Array([1, 2, 3]));
    expect(await openSealed(bob.privateKey, toAlice)).toBeNull();

    // A member's key: HKDF of the browser's Argon2id output and the member secret; neither alone opens it.
    const argon = crypto.getRandomValues(new Uint8Array(32));
    const secret = 'c2VjcmV0LW9mLXRoZS1tZW1iZXItMDEyMzQ1Njc4OWFi';
    const member = await memberKeyFrom(argon, secret);
    const wrap = await sealForMember(member, alice.privateKey);
    expect(wrap).toMatch(/^qlp2:65536-3-1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(await openForMember(member, wrap)).toEqual(alice.privateKey);
    expect(await openForMember(argon, wrap)).toBeNull();
    expect(await openForMember(await memberKeyFrom(crypto.getRandomValues(new Uint8Array(32)), secret), wrap)).toBeNull();
    expect(await openForMember(await memberKeyFrom(argon, 'b3RoZXItc2VjcmV0LW9mLWEtbWVtYmVyLTAxMjM0NTY3'), wrap)).toBeNull();

    const recovery = newRecoveryKey();
    expect(recovery).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    const recoveryWrap = await sealForRecovery(recovery, alice.privateKey);
    expect(await openForRecovery(recovery.toLowerCase().replace(/-/g, ' '), recoveryWrap)).toEqual(alice.privateKey);
    expect(await openForRecovery(newRecoveryKey(), recoveryWrap)).toBeNull();
    expect(normalizeRecoveryKey('too short')).toBeNull();

    const byCode = await sealForCode('secret-1', 'ABCDEFGHJKMNPQRS', alice.privateKey);
    expect(await openForCode('secret-1', 'ABCDEFGHJKMNPQRS', byCode)).toEqual(alice.privateKey);
    expect(await openForCode('secret-1', 'ABCDEFGHJKMNPQRT', byCode)).toBeNull();
    expect(await openForCode('secret-2', 'ABCDEFGHJKMNPQRS', byCode)).toBeNull();
  });

  it('tell which public key belongs to a private key (the browser checks the committee key against the database)', async () => {
    const alice = await newKeyPair();
    const bob = await newKeyPair();
    expect(await publicKeyOf(alice.privateKey)).toBe(alice.publicKey);
    expect(await publicKeyOf(alice.privateKey)).not.toBe(bob.publicKey);
  });
});

describe('a sealed text’s length', () => {
  const key = importDataKey(newDataKey());
  const ctLength = (envelope: string) => envelope.split('.')[1]!.length;

  it('is one of the buckets: 256 bytes, then powers of two, whatever the text within one', async () => {
    const k = await key;
    expect([0, 1, 255, 256, 511, 512, 16_000, 16_384].map(paddedSize)).toEqual([256, 256, 256, 512, 512, 1024, 16_384, 32_768]);
    // A name of two characters and one of twenty, a phone number and none: one length.
    const short = await Promise.all(['王', '欧阳'.repeat(10), '13800001111', '', '0731-5555'].map((t) => sealText(k, t)));
    expect(new Set(short.map((e) => e.length)).size).toBe(1);
    expect(short[0]!.length).toBe(sealedTextLength(0));
    // Across a bucket's edge the length changes, and never within one.
    const long = await sealText(k, '长'.repeat(100));
    expect(long.length).toBe(sealedTextLength(300));
    expect(long.length).toBeGreaterThan(short[0]!.length);
    // The longest description allowed (4,000 characters of four bytes) fits the 16 KiB bucket and is still a sealed text.
    const longest = await sealText(k, '𠀀'.repeat(4000));
    expect(longest.length).toBe(sealedTextLength(16_000));
    expect(isSealedText(longest)).toBe(true);
    expect(await openText(k, longest)).toBe('𠀀'.repeat(4000));
  });

  it('pads unambiguously, and pads as if longer when asked (a template plus words)', async () => {
    const k = await key;
    for (const text of ['', 'a\u0000', '\u0080', 'x'.repeat(255), 'x'.repeat(256), '结案后\n']) expect(await openText(k, await sealText(k, text))).toBe(text);
    const plain = await sealText(k, 'x'.repeat(100));
    const floored = await sealText(k, 'x'.repeat(100), 300);
    expect(ctLength(floored)).toBeGreaterThan(ctLength(plain));
    expect(await openText(k, floored)).toBe('x'.repeat(100));
  });

  it('reads the unpadded qls1 envelopes written before padding', async () => {
    const raw = newDataKey();
    const k = await importDataKey(raw);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, k, new TextEncoder().encode('轮换前的问题线索')));
    const old = `qls1:${toBase64Url(iv)}.${toBase64Url(ct)}`;
    expect(isSealedText(old)).toBe(true);
    expect(isPaddedText(old)).toBe(false);
    expect(await openText(k, old)).toBe('轮换前的问题线索');
    expect(isPaddedText(await sealText(k, '新'))).toBe(true);
  });
});

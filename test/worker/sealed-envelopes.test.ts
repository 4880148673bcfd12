// The envelopes themselves (worker/cases/sealed.ts), as the worker, the tools and the browsers use them.
import { describe, expect, it } from 'vitest';
import {
  importDataKey,
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
  publicKeyOf,
  sealForCode,
  sealForMember,
  sealForRecovery,
  sealText,
  sealTo,
} from '../../worker/cases/sealed.ts';

describe('the sealed envelopes', () => {
  it('open only with their own key, and say so (null) otherwise', async () => {
    const key = await importDataKey(newDataKey());
    const other = await importDataKey(newDataKey());
    const sealed = await sealText(key, '村支书王某');
    expect(sealed).toMatch(/^qls1:[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
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

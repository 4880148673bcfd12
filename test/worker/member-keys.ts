/**
 * Members' keys in the worker tests. A member's browser derives Argon2id of the password with
 * hash-wasm's WebAssembly, which workerd (like the Workers runtime) will not compile from bytes:
 * the worker tests use either the real Argon2id outputs below, made in Node by
 * core/member-kdf.ts (test/site/member-kdf.test.ts checks they still are), or, where the
 * KDF does not matter (the worker never checks it, it only stores envelopes), a SHA-256 stand-in.
 */
import { fromBase64Url } from '../../core/bytes.ts';
import { memberSecret, pepperKey } from '../../worker/cases/pepper.ts';
import { memberKeyFrom } from '../../core/sealed.ts';
import { TEST_QUERY_CODE_KEY } from './test-key.ts';

/** memberPasswordKey(username, password) with the default parameters (m = 64 MiB, t = 3, p = 1), base64url. */
export const ARGON2ID_OUTPUTS: Record<string, string> = {
  'discipline|plum rain over the tea hills': 'j3j9xotoYb65UC3dUkV1xbzU7c2EXXZihaZZ2wbOnuw',
  'discipline|discipline-demo-2026': '9qjOJzqtHnjiO67vIYodBNXbdMjvqGymhfR3RMflZs8',
  'argon.member|correct horse battery staple': 'rskFBarOVM2mJ00jSuSzBpBcVASH6aQHm8kaQwyckBw',
};

/** The password key a member's browser derives: the real Argon2id output when listed above, else a SHA-256 stand-in. */
export async function passwordKeyOf(username: string, password: string): Promise<Uint8Array<ArrayBuffer>> {
  const real = ARGON2ID_OUTPUTS[`${username}|${password}`];
  if (real) return fromBase64Url(real);
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`stand-in|${username}|${password}`)));
}

/** The member secret the worker gives this member's browser (keys.json). */
export async function memberSecretOf(username: string): Promise<string> {
  return memberSecret(await pepperKey(TEST_QUERY_CODE_KEY), username);
}

/** The key a member's browser seals their own key under (`qlp2`). */
export async function browserMemberKey(username: string, password: string): Promise<Uint8Array<ArrayBuffer>> {
  return memberKeyFrom(await passwordKeyOf(username, password), await memberSecretOf(username));
}

/**
 * Argon2id of a member's password, through hash-wasm's WebAssembly build: run by the committee
 * script in the member's browser (bundled with it) and by the operator's Node tools, never by the
 * worker (Workers do not compile WebAssembly from bytes at run time, and the worker never sees a
 * member's key). The result alone opens nothing: `memberKeyFrom` (sealed.ts) mixes in the member
 * secret the worker derives from its pepper.
 */
import { argon2id } from 'hash-wasm';
import { MEMBER_KDF, memberKdfSalt, type MemberKdf } from './sealed.ts';

/** Argon2id(password, per-username salt) with `kdf`'s cost, 32 bytes. */
export async function memberPasswordKey(username: string, password: string, kdf: MemberKdf = MEMBER_KDF): Promise<Uint8Array<ArrayBuffer>> {
  const out = await argon2id({
    password,
    salt: memberKdfSalt(username),
    memorySize: kdf.memoryKiB,
    iterations: kdf.passes,
    parallelism: kdf.lanes,
    hashLength: 32,
    outputType: 'binary',
  });
  return new Uint8Array(out);
}

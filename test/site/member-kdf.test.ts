// A member's password key: Argon2id through hash-wasm, as the committee script (bundled) and the
// operator's tools run it. The worker tests cannot run it (workerd compiles no WebAssembly from
// bytes), so they use outputs made here: this keeps those outputs true.
import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../../core/bytes.ts';
import { memberPasswordKey } from '../../core/member-kdf.ts';
import { MEMBER_KDF } from '../../core/sealed.ts';
import { ARGON2ID_OUTPUTS } from '../worker/member-keys.ts';

describe('a member’s password key', () => {
  it('is Argon2id with m = 64 MiB, t = 3, p = 1, salted per username, and the worker tests’ outputs are its outputs', async () => {
    expect(MEMBER_KDF).toEqual({ memoryKiB: 65_536, passes: 3, lanes: 1 });
    for (const [pair, output] of Object.entries(ARGON2ID_OUTPUTS)) {
      const [username, password] = pair.split('|') as [string, string];
      expect(toBase64Url(await memberPasswordKey(username, password)), pair).toBe(output);
    }
    const [a, b] = await Promise.all([memberPasswordKey('jiwei1', 'same password here'), memberPasswordKey('jiwei2', 'same password here')]);
    expect(a).not.toEqual(b);
    expect(await memberPasswordKey(' JiWei1 ', 'same password here')).toEqual(a);
  }, 60_000);
});

// The committee key across tabs, the worker's side: keys.json gives a signed-in member this
// sign-in's wrapping key, the same for every request of the session and another for every other
// sign-in; it is stored nowhere, and once the session ends nothing gives it out.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { openForSession, sealForSession } from '../../core/sealed.ts';
import { randomBytes } from '../../core/bytes.ts';
import { dumpDatabase } from './support.ts';
import { createStaff, signedIn, staffGet, staffPost } from './staff-support.ts';

const sessionKeyOf = async (staff: Awaited<ReturnType<typeof signedIn>>) => {
  const res = await staffGet(staff, '/staff/committee/keys.json');
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return ((await res.json()) as { sessionKey: string }).sessionKey;
};

describe('the wrapping key of a committee member’s sign-in', () => {
  it('is one per sign-in, stored nowhere, and opens what was sealed under it only', async () => {
    const username = await createStaff('discipline');
    const first = await signedIn(username);
    const second = await signedIn(username);
    const key = await sessionKeyOf(first);
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await sessionKeyOf(first)).toBe(key);
    const other = await sessionKeyOf(second);
    expect(other).not.toBe(key);
    expect(await dumpDatabase(env.DB)).not.toContain(key);

    const passwordKey = randomBytes(32);
    const envelope = await sealForSession(key, passwordKey);
    expect(envelope).toMatch(/^qlw1:/);
    expect(await openForSession(key, envelope)).toEqual(passwordKey);
    expect(await openForSession(other, envelope)).toBeNull();
  });

  it('is given to nobody once the session has ended, nor to anyone but a committee member', async () => {
    const member = await signedIn(await createStaff('discipline'));
    expect((await staffPost(member, '/staff/sign-out', {})).status).toBe(303);
    const after = await staffGet(member, '/staff/committee/keys.json');
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toMatch(/\/staff\/sign-in/);
    const admin = await signedIn(await createStaff('admin'));
    const refused = await staffGet(admin, '/staff/committee/keys.json');
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain('sessionKey');
  });
});

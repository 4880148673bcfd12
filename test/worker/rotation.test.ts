// Rotating the committee key (its own file: the committee key of this file changes).
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { importDataKey, newKeyPair, newRecoveryKey, openForRecovery, openSealed, openText, sealForRecovery, sealTo } from '../../core/sealed.ts';
import { committeeKey } from './committee-support.ts';
import { call, codeFromReceipt, postForm, submission } from './support.ts';
import { move, staffGet, staffMember, type Staff } from './staff-support.ts';

interface Work {
  keyId: number;
  cases: { id: number; wrap: string }[];
  entries: { id: number; wrap: string }[];
  members: { id: number; publicKey: string }[];
}

/** What the rotating member's browser does, with the committee private key it holds. */
async function rotation(member: Staff, oldPrivate: Uint8Array<ArrayBuffer>, drop = 0) {
  const work = (await (await staffGet(member, '/staff/committee/rotation.json')).json()) as Work;
  const pair = await newKeyPair();
  const recoveryKey = newRecoveryKey();
  const reseal = (items: { id: number; wrap: string }[]) => Promise.all(items.map(async (i) => ({ id: i.id, wrap: await sealTo(pair.publicKey, (await openSealed(oldPrivate, i.wrap))!) })));
  const body = {
    csrf: member.csrf,
    oldKeyId: work.keyId,
    publicKey: pair.publicKey,
    recoveryWrap: await sealForRecovery(recoveryKey, pair.privateKey),
    cases: (await reseal(work.cases)).slice(drop),
    entries: await reseal(work.entries),
    members: await Promise.all(work.members.map(async (m) => ({ id: m.id, wrap: await sealTo(m.publicKey, pair.privateKey) }))),
  };
  const res = await call('/staff/committee/rotate', { method: 'POST', headers: { cookie: member.cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { res, pair, recoveryKey };
}

const wrapOf = (number: string) =>
  env.DB.prepare(`SELECT k.committee_wrap, k.committee_key_id FROM case_keys k JOIN cases c ON c.id = k.case_id WHERE c.case_number = ?1`)
    .bind(number)
    .first<{ committee_wrap: string; committee_key_id: number }>();

describe('rotating the committee key', () => {
  it('re-seals every case to the new key in one go, gives each member a copy, and retires the old key and recovery key', async () => {
    const old = await committeeKey();
    const member = await staffMember('discipline');
    const own = await newKeyPair();
    await env.DB.prepare(`INSERT INTO member_keys (staff_id, public_key, private_wrap, committee_key_id, committee_wrap, updated_at) SELECT id, ?2, 'qlp2:65536-3-1.AA.AA', ?3, ?4, ?5 FROM staff_users WHERE username = ?1`)
      .bind(member.username, own.publicKey, old.id, await sealTo(own.publicKey, old.privateKey), new Date().toISOString())
      .run();
    const html = await (await postForm('/mailbox', submission({ category: 'cadre-report', subject: '轮换前的问题线索' }))).text();
    const number = /CL-\d{4}-\d{6}/.exec(html)![0];
    await move(member, number, 'take_up', { message: '轮换前的答复' });

    // A case the browser did not re-seal (it arrived meanwhile): refused, nothing changes.
    const partial = await rotation(member, old.privateKey, 1);
    expect(partial.res.status).toBe(409);
    expect((await wrapOf(number))!.committee_key_id).toBe(old.id);

    const { res, pair, recoveryKey } = await rotation(member, old.privateKey);
    expect(res.status).toBe(200);
    const after = (await wrapOf(number))!;
    expect(after.committee_key_id).not.toBe(old.id);
    expect(await openSealed(old.privateKey, after.committee_wrap)).toBeNull();
    const dataKey = await importDataKey((await openSealed(pair.privateKey, after.committee_wrap))!);
    const subject = await env.DB.prepare('SELECT subject FROM cases WHERE case_number = ?1').bind(number).first<string>('subject');
    expect(await openText(dataKey, subject!)).toBe('轮换前的问题线索');
    const copy = await env.DB.prepare('SELECT committee_wrap FROM member_keys k JOIN staff_users u ON u.id = k.staff_id WHERE u.username = ?1').bind(member.username).first<string>('committee_wrap');
    expect(await openSealed(own.privateKey, copy!)).toEqual(pair.privateKey);
    const keys = await env.DB.prepare('SELECT id, recovery_wrap, retired_at FROM committee_keys ORDER BY id').all<{ id: number; recovery_wrap: string; retired_at: string | null }>();
    expect(keys.results.filter((k) => k.retired_at === null)).toHaveLength(1);
    const current = keys.results.find((k) => k.retired_at === null)!;
    expect(await openForRecovery(recoveryKey, current.recovery_wrap)).toEqual(pair.privateKey);
    expect(await openForRecovery(old.recoveryKey, current.recovery_wrap)).toBeNull();
    // The resident's way in does not change.
    const page = await (await postForm('/track', { code: codeFromReceipt(html) })).text();
    expect(page).toContain('轮换前的答复');
    // New reports are sealed to the new key.
    const next = /CL-\d{4}-\d{6}/.exec(await (await postForm('/mailbox', submission({ category: 'cadre-report' }))).text())![0];
    expect(await openSealed(pair.privateKey, (await wrapOf(next))!.committee_wrap)).not.toBeNull();
  });
});

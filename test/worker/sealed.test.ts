// Sealed reports: what reaches the discipline committee is stored only encrypted; the admin cannot
// give themselves a way in; the resident reads the committee's replies with the code; the database
// refuses a cadre report without the discipline flag.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import town from '../../content/town.json';
import { newKeyPair, openForMember, openSealed, sealForMember, sealTo } from '../../core/sealed.ts';
import { browserMemberKey } from './member-keys.ts';
import { sealPlainDisciplineCases } from '../../worker/services/handling.ts';
import { asCommitteeSees, committeeKey } from './committee-support.ts';
import { call, codeFromReceipt, dumpDatabase, followupFormOf, postForm, postJson, proven, submission } from './support.ts';
import { PASSWORD, createStaff, move, signedIn, staffGet, staffPost, staffMember, type Staff } from './staff-support.ts';

const dump = () => dumpDatabase(env.DB);

const idOf = (username: string) => env.DB.prepare('SELECT id FROM staff_users WHERE username = ?1').bind(username).first<number>('id');

/** A cadre report sent on the web, named, with its case number and code. */
async function cadreReport(fields: Record<string, string> = {}): Promise<{ number: string; code: string }> {
  const html = await (await postForm('/mailbox', submission({ category: 'cadre-report', ...fields }))).text();
  return { number: /CL-\d{4}-\d{6}/.exec(html)![0], code: codeFromReceipt(html) };
}

/** What a member's browser adds to the form that creates (or resets) a member: their keys. */
async function memberKeysFor(username: string, password: string): Promise<Record<string, string>> {
  const committee = await committeeKey();
  const own = await newKeyPair();
  return {
    memberPublic: own.publicKey,
    memberPrivate: await sealForMember(await browserMemberKey(username, password), own.privateKey),
    committeeKeyId: String(committee.id),
    committeeWrap: await sealTo(own.publicKey, committee.privateKey),
  };
}

describe('a sealed cadre report', () => {
  it('tells the resident, on the form and the receipt, who can read it and who cannot, in both languages', async () => {
    const who = '只有镇纪委、监察办公室的工作人员能够阅读。村联络员、镇工作人员、系统管理员和运行服务器的人员都看不到内容。';
    expect(await (await call('/mailbox')).text()).toContain(who);
    expect(await (await call('/en/mailbox')).text()).toContain('the system administrator and the people who run the servers cannot read them');
    expect(await (await postForm('/mailbox', submission({ category: 'cadre-report' }))).text()).toContain(who);
    expect(await (await postForm('/mailbox', submission())).text()).not.toContain(who);
  });

  it('leaves none of its words in the database: report, contact, follow-up, reply and note are stored only encrypted', async () => {
    const committee = await staffMember('discipline');
    const texts = {
      subject: '反映支书挪用扶贫款',
      description: '村支书王某把今年的扶贫款挪去修自家的房子，村会计知情。',
      name: '李秀兰',
      phone: '13912345678',
      followup: '补充：挪用的金额大约有三万元。',
      reply: '镇纪委已受理，正在调查核实，请保持电话畅通。',
      note: '嫌疑人是支书王某，与会计是亲戚',
    };
    const { number, code } = await cadreReport({ subject: texts.subject, description: texts.description, identity: 'named', name: texts.name, phone: texts.phone });
    const page = await (await postForm('/track', { code })).text();
    const { token, followupId } = followupFormOf(page);
    expect((await postForm('/track/followup', { token, followupId, text: texts.followup })).status).toBe(201);
    expect((await move(committee, number, 'take_up', { message: texts.reply, note: texts.note })).status).toBe(303);

    const stored = await dump();
    expect(stored).toContain(number); // the dump covers the case
    for (const [what, text] of Object.entries(texts)) expect(stored, what).not.toContain(text);
    expect(stored).not.toContain('13912345678'.slice(3));
    // …while the clocks and the statistics still read what they need.
    const row = await env.DB.prepare(`SELECT village_id, category_id, status, discipline, due_at FROM cases WHERE case_number = ?1`).bind(number).first();
    expect(row).toMatchObject({ village_id: 'qinglian', category_id: 'cadre-report', status: 'taken_up', discipline: 1 });

    // The committee member's browser reads all of it.
    const seen = await asCommitteeSees(await (await staffGet(committee, `/staff/cases/${number}`)).text());
    for (const [what, text] of Object.entries(texts)) expect(seen, what).toContain(text);
  });

  it('shows the resident the committee’s replies with the code, without JavaScript and in the JSON API, never the note', async () => {
    const committee = await staffMember('discipline');
    const { number, code } = await cadreReport({ subject: '反映村主任收红包' });
    await move(committee, number, 'take_up', { message: '已受理，5个工作日内答复您。', note: '先约谈会计' });

    const html = await (await postForm('/track', { code })).text();
    expect(html).toContain('反映村主任收红包');
    expect(html).toContain('已受理，5个工作日内答复您。');
    expect(html).not.toContain('先约谈会计');
    const json = (await (await postJson('/api/track', await proven('track', { code }))).json()) as { case: { subject: string; events: { message: string | null }[] } };
    expect(json.case.subject).toBe('反映村主任收红包');
    expect(json.case.events.map((e) => e.message)).toContain('已受理，5个工作日内答复您。');
    expect(JSON.stringify(json)).not.toContain('先约谈会计');
  });

  it('refuses a plain reply (the console needs JavaScript) and stores nothing', async () => {
    const committee = await staffMember('discipline');
    const { number } = await cadreReport();
    const events = () => env.DB.prepare(`SELECT count(*) AS n FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.case_number = ?1`).bind(number).first('n');
    const before = await events();
    const res = await staffPost(committee, `/staff/cases/${number}/moves`, { move: 'take_up', message: '明文答复不应被保存' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('答复和备注必须在您的浏览器中加密后发送');
    const en = await staffPost(committee, `/en/staff/cases/${number}/moves`, { move: 'take_up', message: 'a plain reply' });
    expect(await en.text()).toContain('replies and notes must be encrypted in your browser');
    expect(await events()).toBe(before);
    expect(await dump()).not.toContain('明文答复不应被保存');
  });

  it('is sealed when a village officer escalates a case, with everything it held', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const html = await (await postForm('/mailbox', submission({ subject: '低保评议有问题', description: '村干部把名额给了自己的亲戚。' }))).text();
    const number = /CL-\d{4}-\d{6}/.exec(html)![0];
    await move(officer, number, 'accept', { message: '已受理。', note: '可能涉及村干部' });
    expect(await dump()).toContain('可能涉及村干部');
    await move(officer, number, 'escalate', { message: '已转镇纪委。', note: '转办说明' });
    const stored = await dump();
    for (const text of ['低保评议有问题', '村干部把名额给了自己的亲戚。', '可能涉及村干部', '转办说明', '已转镇纪委。']) expect(stored).not.toContain(text);
    // The resident still reads the whole story with the code.
    const page = await (await postForm('/track', { code: codeFromReceipt(html) })).text();
    for (const text of ['低保评议有问题', '已受理。', '已转镇纪委。']) expect(page).toContain(text);
  });

  it('seals, after the fact, a committee case written before sealing existed', async () => {
    await env.DB.prepare(
      `INSERT INTO cases (case_number, code_hash, village_id, category_id, subject, description, anonymous, channel, locale, status, created_at, updated_at, discipline)
       VALUES ('CL-2026-900001', 'old-hash', 'nanhe', 'cadre-report', '旧的明文问题线索', '旧的明文内容', 1, 'web', 'zh-CN', 'escalated', '2026-10-01T00:00:00Z', '2026-10-01T00:00:00Z', 1)`,
    ).run();
    expect(await dump()).toContain('旧的明文问题线索');
    expect(await sealPlainDisciplineCases(env.DB)).toBeGreaterThan(0);
    expect(await dump()).not.toContain('旧的明文问题线索');
    const committee = await staffMember('discipline');
    expect(await asCommitteeSees(await (await staffGet(committee, '/staff/cases/CL-2026-900001')).text())).toContain('旧的明文内容');
  });
});

describe('the admin and the discipline role', () => {
  it('cannot create, promote, re-activate or reset a discipline account', async () => {
    const admin = await staffMember('admin');
    const created = await staffPost(admin, '/staff/accounts', { username: 'fake.jiwei', displayName: '冒充纪委', role: 'discipline', village: '', password: PASSWORD });
    expect(created.status).toBe(403);
    expect(await created.text()).toContain('纪委成员账号只能由现任纪委成员在工作台中创建和管理');
    expect(await idOf('fake.jiwei')).toBeNull();

    const handler = await createStaff('handler');
    const promoted = await staffPost(admin, `/staff/accounts/${await idOf(handler)}/role`, { role: 'discipline', village: '' });
    expect(promoted.status).toBe(403);
    expect(await env.DB.prepare('SELECT role FROM staff_users WHERE username = ?1').bind(handler).first('role')).toBe('handler');

    const member = await createStaff('discipline');
    const memberId = await idOf(member);
    const colleague = await staffMember('discipline');
    expect((await staffPost(colleague, `/staff/accounts/${memberId}/deactivate`, { confirm: 'yes' })).status).toBe(200);
    const reactivated = await staffPost(admin, `/staff/accounts/${memberId}/reactivate`, {});
    expect(reactivated.status).toBe(403);
    expect(await env.DB.prepare('SELECT active FROM staff_users WHERE id = ?1').bind(memberId).first('active')).toBe(0);

    const other = await createStaff('discipline');
    const before = await env.DB.prepare('SELECT password_hash FROM staff_users WHERE username = ?1').bind(other).first('password_hash');
    const reset = await staffPost(admin, `/staff/accounts/${await idOf(other)}/password`, { password: 'the admin would like in' });
    expect(reset.status).toBe(403);
    expect(await env.DB.prepare('SELECT password_hash FROM staff_users WHERE username = ?1').bind(other).first('password_hash')).toBe(before);
    // Nor demote one into a role the admin could then reset.
    expect((await staffPost(admin, `/staff/accounts/${await idOf(other)}/role`, { role: 'handler', village: '' })).status).toBe(403);
    // The admin still manages the town's accounts.
    expect((await staffPost(admin, `/staff/accounts/${await idOf(handler)}/password`, { password: 'a new long password' })).status).toBe(200);
  });

  it('sees that a sealed case exists and nothing more', async () => {
    const admin = await staffMember('admin');
    const committee = await staffMember('discipline');
    const { number } = await cadreReport({ subject: '管理员不应看到的线索', identity: 'named', name: '王大明', phone: '13800001111' });
    await move(committee, number, 'take_up', { message: '管理员不应看到的答复' });
    const pages = [
      await staffGet(admin, `/staff/cases/${number}`),
      await staffGet(admin, '/staff/cases?show=all'),
      await staffGet(admin, `/staff/cases/${number}/access`),
      await staffGet(admin, '/staff/records'),
      await staffGet(admin, '/staff/committee'),
    ];
    expect(pages.map((p) => p.status)).toEqual([403, 200, 403, 200, 403]);
    for (const page of pages) {
      const html = await page.text();
      for (const text of ['管理员不应看到的线索', '管理员不应看到的答复', '王大明', '13800001111', 'qls1:', 'qlk1:']) expect(html).not.toContain(text);
    }
  });

  it('lets a committee member create a member (with keys made in their browser), and see every change to the committee’s accounts', async () => {
    const committee = await staffMember('discipline');
    const withoutKeys = await staffPost(committee, '/staff/accounts', { username: 'no.keys', displayName: '新成员', password: PASSWORD });
    expect(withoutKeys.status).toBe(422);
    expect(await withoutKeys.text()).toContain('创建纪委成员账号需要启用 JavaScript');
    expect(await idOf('no.keys')).toBeNull();

    const res = await staffPost(committee, '/staff/accounts', {
      username: 'new.member',
      displayName: '新纪委成员',
      role: 'handler', // ignored: the committee makes only committee accounts
      password: PASSWORD,
      ...(await memberKeysFor('new.member', PASSWORD)),
    });
    expect(res.status).toBe(303);
    const newcomer = await signedIn('new.member');
    expect(newcomer.role).toBe('discipline');
    const keys = (await (await staffGet(newcomer, '/staff/committee/keys.json')).json()) as { member: { privateWrap: string; committeeWrap: string } };
    const own = await openForMember(await browserMemberKey('new.member', PASSWORD), keys.member.privateWrap);
    expect(own).not.toBeNull();
    expect(await openSealed(own!, keys.member.committeeWrap)).toEqual((await committeeKey()).privateKey);

    const admin = await staffMember('admin');
    const promotedHandler = await createStaff('handler');
    await staffPost(admin, `/staff/accounts/${await idOf(promotedHandler)}/role`, { role: 'discipline' });
    const log = await (await staffGet(committee, '/staff/committee')).text();
    expect(log).toContain('new.member');
    expect(log).toContain('创建');
    expect(log).toContain('获得委员会密钥');
    expect(log).toContain('<td>discipline</td>'); // who made it
  });

  it('takes a re-activated member back: keys gone with the deactivation, their browser makes a new own key, a member gives them the committee key', async () => {
    const colleague = await staffMember('discipline');
    const username = await createStaff('discipline');
    const id = await idOf(username);
    await env.DB.prepare(`INSERT INTO member_keys (staff_id, public_key, private_wrap, updated_at) VALUES (?1, ?2, 'qlp2:65536-3-1.AA.AA', ?3)`)
      .bind(id, (await newKeyPair()).publicKey, new Date().toISOString())
      .run();
    expect((await staffPost(colleague, `/staff/accounts/${id}/deactivate`, { confirm: 'yes' })).status).toBe(200);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM member_keys WHERE staff_id = ?1').bind(id).first('n')).toBe(0);
    expect((await staffPost(colleague, `/staff/accounts/${id}/reactivate`, {})).status).toBe(200);

    const member = await signedIn(username);
    const own = await newKeyPair();
    const body = { csrf: member.csrf, memberPublic: own.publicKey, memberPrivate: await sealForMember(await browserMemberKey(username, PASSWORD), own.privateKey) };
    const post = () => call('/staff/committee/own-key', { method: 'POST', headers: { cookie: member.cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(409); // one's own key is replaced only by a reset or the recovery key
    const page = await (await staffGet(colleague, '/staff/committee')).text();
    expect(page).toContain(`data-give="${own.publicKey}"`);
    const committee = await committeeKey();
    const given = await staffPost(colleague, '/staff/committee/grant', { staffId: String(id), committeeKeyId: String(committee.id), committeeWrap: await sealTo(own.publicKey, committee.privateKey) });
    expect(given.status).toBe(303);
    const keys = (await (await staffGet(member, '/staff/committee/keys.json')).json()) as { member: { committeeWrap: string } };
    expect(await openSealed(own.privateKey, keys.member.committeeWrap)).toEqual(committee.privateKey);
  });

  it('shows a committee member the access log of the committee’s cases, and the admin only the others', async () => {
    const committee = await staffMember('discipline');
    const admin = await staffMember('admin');
    const { number } = await cadreReport();
    await staffGet(committee, `/staff/cases/${number}`);
    await staffGet(admin, `/staff/cases/${number}`);
    const log = await staffGet(committee, `/staff/cases/${number}/access`);
    expect(log.status).toBe(200);
    const html = await log.text();
    expect(html).toContain(admin.username);
    expect(html).toContain('被拒绝');
  });

  it('needs the member’s browser to re-seal their key when a member changes their password', async () => {
    const username = await createStaff('discipline');
    const own = await newKeyPair();
    const staffId = await idOf(username);
    await env.DB.prepare(`INSERT INTO member_keys (staff_id, public_key, private_wrap, updated_at) VALUES (?1, ?2, ?3, ?4)`)
      .bind(staffId, own.publicKey, await sealForMember(await browserMemberKey(username, PASSWORD), own.privateKey), new Date().toISOString())
      .run();
    const member: Staff = await signedIn(username);
    const plain = await staffPost(member, '/staff/password', { currentPassword: PASSWORD, newPassword: 'a brand new password' });
    expect(plain.status).toBe(422);
    expect(await plain.text()).toContain('纪委成员修改密码需要启用 JavaScript');
    const wrap = await sealForMember(await browserMemberKey(username, 'a brand new password'), own.privateKey);
    const wrong = await staffPost(member, '/staff/password', { currentPassword: 'not my password', newPassword: 'a brand new password', memberPrivate: wrap });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain('现在的密码不正确。');
    const done = await staffPost(member, '/staff/password', { currentPassword: PASSWORD, newPassword: 'a brand new password', memberPrivate: wrap });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('密码已修改。');
    expect(await env.DB.prepare('SELECT private_wrap FROM member_keys WHERE staff_id = ?1').bind(staffId).first('private_wrap')).toBe(wrap);
    expect((await signedIn(username, 'a brand new password')).role).toBe('discipline');
  });
});

describe('the discipline-flag rule', () => {
  it('lists in the database exactly the town’s categories that go to the committee', async () => {
    const { results } = await env.DB.prepare('SELECT category_id FROM committee_categories ORDER BY category_id').all<{ category_id: string }>();
    expect(results.map((r) => r.category_id)).toEqual(town.categories.filter((c) => c.route === 'discipline').map((c) => c.id).sort());
  });

  it('refuses an unflagged cadre report, and un-flagging one', async () => {
    const insert = (discipline: number, number: string) =>
      env.DB.prepare(
        `INSERT INTO cases (case_number, code_hash, village_id, category_id, subject, description, anonymous, channel, locale, status, created_at, updated_at, discipline)
         VALUES (?1, ?1, 'qinglian', 'cadre-report', 's', 'd', 1, 'mailbox', 'zh-CN', 'escalated', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z', ?2)`,
      )
        .bind(number, discipline)
        .run();
    await expect(insert(0, 'CL-2026-910001')).rejects.toThrow(/discipline flag/);
    await insert(1, 'CL-2026-910002');
    await expect(env.DB.prepare(`UPDATE cases SET discipline = 0 WHERE case_number = 'CL-2026-910002'`).run()).rejects.toThrow(/discipline/);
    const ordinary = await (await postForm('/mailbox', submission())).text();
    const number = /CL-\d{4}-\d{6}/.exec(ordinary)![0];
    await expect(env.DB.prepare(`UPDATE cases SET category_id = 'cadre-report' WHERE case_number = ?1`).bind(number).run()).rejects.toThrow(/discipline flag/);
  });
});

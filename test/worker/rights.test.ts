// Drafting and approving the town's documents are rights the admin grants to town staff accounts
// on the accounts page: shown there, granted and taken back with who and when in a log nobody can
// rewrite, carried by the holder's session from their next request, held only by town staff and
// the town administrator (never a liaison officer or the discipline committee), and taken back
// when the account's role changes to one that cannot hold them.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { loadSession } from '../../worker/services/staff-auth.ts';
import { createStaff, signedIn, staffGet, staffMember, staffPost, type Staff } from './staff-support.ts';

const idOf = async (username: string) => (await env.DB.prepare('SELECT id FROM staff_users WHERE username = ?1').bind(username).first<number>('id'))!;
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
/** The role cell of the accounts table's row for `username`, as text. */
const roleCell = (html: string, username: string) => textOf(new RegExp(`<tr data-account="${username}">\\s*<td>[\\s\\S]*?</td>\\s*<td[^>]*>([\\s\\S]*?)</td>`).exec(html)?.[1] ?? '');
/** The rights log's rows, as text. */
const logRows = (html: string) => [...(/<table class="data-table" id="rights-log">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '').matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => textOf(m[1]!)).slice(1);
/** The rights a signed-in member's session carries now. */
async function rightsOf(staff: Staff): Promise<string[]> {
  const loaded = await loadSession(env.DB, staff.cookie.split('=')[1]);
  if (!loaded.ok) throw new Error('no session');
  return [...loaded.value.rights].sort();
}
const live = async (id: number) =>
  (await env.DB.prepare('SELECT kind FROM staff_rights WHERE staff_id = ?1 AND revoked_at IS NULL ORDER BY kind').bind(id).all<{ kind: string }>()).results.map((r) => r.kind);

describe('publishing rights', () => {
  it('are granted by the admin on the accounts page, shown there, logged, and carried by the holder’s session at once', async () => {
    const admin = await staffMember('admin');
    const clerk = await signedIn(await createStaff('handler'));
    const id = await idOf(clerk.username);
    expect(await rightsOf(clerk)).toEqual([]);

    const page = await (await staffGet(admin, '/staff/accounts')).text();
    const form = new RegExp(`<details class="account-actions" id="rights-${clerk.username}">([\\s\\S]*?)</details>`).exec(page)?.[1] ?? '';
    expect(textOf(form)).toContain('起草镇规章制度');
    expect(textOf(form)).toContain('审核发布镇规章制度');
    expect(textOf(form)).toContain('起草的人不能审核同一份文件');
    expect(form).toContain(`action="/staff/accounts/${id}/rights"`);
    expect(form).not.toContain('checked');
    expect(page).toContain('还没有授予过发布权限。');

    const granted = await staffPost(admin, `/staff/accounts/${id}/rights`, { draft: 'yes', approve: 'yes' });
    expect(granted.status).toBe(200);
    const after = await granted.text();
    expect(after).toContain(`已更新 ${clerk.username} 的发布权限：起草镇规章制度、审核发布镇规章制度。`);
    expect(roleCell(after, clerk.username)).toBe('镇工作人员 发布权限：起草镇规章制度、审核发布镇规章制度');
    expect(logRows(after).slice(0, 2)).toEqual([
      expect.stringMatching(new RegExp(`${clerk.username}.*授予“审核发布镇规章制度” .*${admin.username}`)),
      expect.stringMatching(new RegExp(`${clerk.username}.*授予“起草镇规章制度” .*${admin.username}`)),
    ]);
    // The clerk's own session, opened before the grant, carries it on the next request.
    expect(await rightsOf(clerk)).toEqual(['approve', 'draft']);

    // Ticking the same again changes nothing and logs nothing.
    const rows = async () => (await env.DB.prepare('SELECT count(*) AS n FROM staff_rights WHERE staff_id = ?1').bind(id).first<number>('n'))!;
    expect(await rows()).toBe(2);
    expect((await staffPost(admin, `/staff/accounts/${id}/rights`, { draft: 'yes', approve: 'yes' })).status).toBe(200);
    expect(await rows()).toBe(2);

    // In English too.
    const en = await (await staffGet(admin, '/en/staff/accounts')).text();
    expect(roleCell(en, clerk.username)).toBe('Town staff Publishing: Draft town regulations; Approve town regulations for publication');
    expect(logRows(en)[0]).toMatch(/Granted “Approve town regulations for publication”/);
  });

  it('are taken back by unticking them, logged with who took them back, and leave the session at once', async () => {
    const admin = await staffMember('admin');
    const clerk = await signedIn(await createStaff('handler'));
    const id = await idOf(clerk.username);
    await staffPost(admin, `/staff/accounts/${id}/rights`, { draft: 'yes', approve: 'yes' });
    const taken = await staffPost(admin, `/staff/accounts/${id}/rights`, { draft: 'yes' });
    expect(taken.status).toBe(200);
    const html = await taken.text();
    expect(html).toContain(`已更新 ${clerk.username} 的发布权限：起草镇规章制度。`);
    expect(logRows(html)[0]).toMatch(new RegExp(`${clerk.username}.*收回“审核发布镇规章制度” .*${admin.username}`));
    expect(await rightsOf(clerk)).toEqual(['draft']);

    const none = await (await staffPost(admin, `/en/staff/accounts/${id}/rights`, {})).text();
    expect(none).toContain(`${clerk.username} now has no publishing rights.`);
    expect(await rightsOf(clerk)).toEqual([]);
    expect(roleCell(none, clerk.username)).toBe('Town staff');
    // Granted again later: a new grant, the old ones stay in the log.
    await staffPost(admin, `/staff/accounts/${id}/rights`, { approve: 'yes' });
    expect(await live(id)).toEqual(['approve']);
    const log = logRows(await (await staffGet(admin, '/staff/accounts')).text()).filter((r) => r.includes(clerk.username));
    expect(log.map((r) => /(授予|收回)“[^”]+”/.exec(r)![0])).toEqual(['授予“审核发布镇规章制度”', '收回“起草镇规章制度”', '收回“审核发布镇规章制度”', '授予“审核发布镇规章制度”', '授予“起草镇规章制度”']);
  });

  it('are held only by town staff and the town administrator: never a liaison officer or the discipline committee', async () => {
    const admin = await staffMember('admin');
    const officer = await createStaff('liaison', 'qinglian');
    const member = await createStaff('discipline');
    const otherAdmin = await createStaff('admin');
    const page = await (await staffGet(admin, '/staff/accounts')).text();
    // No form to tick for those who cannot hold them; a liaison officer's form is over their village's disclosures.
    expect(page).toContain(`id="rights-${officer}"`);
    expect(page).not.toContain(`id="rights-${member}"`);
    expect(page).toContain(`id="rights-${otherAdmin}"`);
    expect(page).not.toContain(`id="rights-${admin.username}"`);

    const toMember = await staffPost(admin, `/staff/accounts/${await idOf(member)}/rights`, { approve: 'yes' });
    expect(toMember.status).toBe(403);
    expect(await toMember.text()).toContain('只有镇管理员可以授予或收回发布权限。');
    // The committee manages its own accounts, and grants no rights, not even to its own members.
    const committee = await staffMember('discipline');
    expect((await staffPost(committee, `/staff/accounts/${await idOf(member)}/rights`, { approve: 'yes' })).status).toBe(403);
    // Nor does the admin grant themselves: another administrator does.
    const self = await staffPost(admin, `/staff/accounts/${await idOf(admin.username)}/rights`, { draft: 'yes', approve: 'yes' });
    expect(self.status).toBe(409);
    expect(await self.text()).toContain('不能给自己授予或收回发布权限：请另一位镇管理员操作。');
    expect((await staffPost(admin, `/staff/accounts/${await idOf(otherAdmin)}/rights`, { approve: 'yes' })).status).toBe(200);
    // Town staff themselves grant nothing.
    const handler = await staffMember('handler');
    expect((await staffPost(handler, `/staff/accounts/${await idOf(otherAdmin)}/rights`, { draft: 'yes' })).status).toBe(403);
    for (const username of [officer, member, admin.username]) expect(await live(await idOf(username))).toEqual([]);
    // The rights form of a liaison officer grants over their village only: never the town's.
    expect((await staffPost(admin, `/staff/accounts/${await idOf(officer)}/rights`, { draft: 'yes' })).status).toBe(200);
    expect(await env.DB.prepare(`SELECT village_id FROM staff_rights WHERE staff_id = ?1 AND revoked_at IS NULL`).bind(await idOf(officer)).all()).toMatchObject({ results: [{ village_id: 'qinglian' }] });
    expect(await live(await idOf(otherAdmin))).toEqual(['approve']);

    // The database itself refuses a grant the role cannot hold, whatever path it came by.
    for (const username of [officer, member]) {
      await expect(
        env.DB.prepare(`INSERT INTO staff_rights (staff_id, kind, village_id, granted_by, granted_at) VALUES (?1, 'draft', NULL, NULL, '2026-12-01T00:00:00.000Z')`)
          .bind(await idOf(username))
          .run(),
      ).rejects.toThrow(/cannot hold this right/);
    }
  });

  it('are taken back when the account’s role changes to one that cannot hold them, in the same step, and logged so', async () => {
    const admin = await staffMember('admin');
    const clerk = await createStaff('handler');
    const id = await idOf(clerk);
    await staffPost(admin, `/staff/accounts/${id}/rights`, { draft: 'yes', approve: 'yes' });
    // Still town staff (as administrator): the rights stay.
    expect((await staffPost(admin, `/staff/accounts/${id}/role`, { role: 'admin', village: '' })).status).toBe(200);
    expect(await live(id)).toEqual(['approve', 'draft']);
    const moved = await staffPost(admin, `/staff/accounts/${id}/role`, { role: 'liaison', village: 'qinglian' });
    expect(moved.status).toBe(200);
    expect(await live(id)).toEqual([]);
    const log = logRows(await moved.text()).filter((r) => r.includes(clerk));
    expect(log.slice(0, 2)).toEqual([expect.stringContaining('角色变更，收回“'), expect.stringContaining('角色变更，收回“')]);
    expect(log[0]).toContain(admin.username);
    // The database does not let a role change keep them.
    await staffPost(admin, `/staff/accounts/${id}/role`, { role: 'handler', village: '' });
    await staffPost(admin, `/staff/accounts/${id}/rights`, { draft: 'yes' });
    await expect(env.DB.prepare(`UPDATE staff_users SET role = 'liaison', village_id = 'qinglian' WHERE id = ?1`).bind(id).run()).rejects.toThrow(/cannot hold/);
  });

  it('keep their log append-only', async () => {
    const admin = await staffMember('admin');
    const id = await idOf(await createStaff('handler'));
    await staffPost(admin, `/staff/accounts/${id}/rights`, { draft: 'yes' });
    await staffPost(admin, `/staff/accounts/${id}/rights`, {});
    await expect(env.DB.prepare('DELETE FROM staff_rights WHERE staff_id = ?1').bind(id).run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare('DELETE FROM staff_rights_log WHERE staff_id = ?1').bind(id).run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare(`UPDATE staff_rights_log SET by_id = NULL WHERE staff_id = ?1`).bind(id).run()).rejects.toThrow(/append-only/);
    // A grant taken back is not given back by rewriting it, nor its time changed.
    await expect(env.DB.prepare('UPDATE staff_rights SET revoked_at = NULL, revoked_by = NULL, revoked_why = NULL WHERE staff_id = ?1').bind(id).run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare(`UPDATE staff_rights SET granted_at = '2020-01-01T00:00:00.000Z' WHERE staff_id = ?1`).bind(id).run()).rejects.toThrow(/append-only/);
  });

  it('are not shown to the committee on its accounts page', async () => {
    const committee = await staffMember('discipline');
    const html = await (await staffGet(committee, '/staff/accounts')).text();
    expect(html).not.toContain('发布权限记录');
    expect(html).not.toContain('发布权限…');
  });
});

describe('a village’s rights (its disclosures)', () => {
  it('are granted by the admin on the accounts page: a clerk drafts for its village only, its liaison officer approves', async () => {
    const admin = await staffMember('admin');
    const clerk = await createStaff('clerk', 'qinglian');
    const officer = await createStaff('liaison', 'qinglian');
    const page = await (await staffGet(admin, '/staff/accounts')).text();
    // The clerk's form offers drafting alone, over its village.
    const form = new RegExp(`id="rights-${clerk}"[\\s\\S]*?</details>`).exec(page)![0];
    expect(textOf(form)).toContain('起草本村公开');
    expect(form).not.toContain('name="approve"');
    expect(roleCell(page, clerk)).toContain('村文书');

    expect((await staffPost(admin, `/staff/accounts/${await idOf(clerk)}/rights`, { draft: 'yes' })).status).toBe(200);
    const refused = await staffPost(admin, `/staff/accounts/${await idOf(clerk)}/rights`, { draft: 'yes', approve: 'yes' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain(`${clerk} 不能持有这项权限：村的账号只管本村的公开，村文书只能起草，审核签发由本村联络员负责。`);
    expect((await staffPost(admin, `/staff/accounts/${await idOf(officer)}/rights`, { approve: 'yes' })).status).toBe(200);
    const grants = async (username: string) =>
      (await env.DB.prepare(`SELECT kind, village_id FROM staff_rights WHERE staff_id = ?1 AND revoked_at IS NULL ORDER BY kind`).bind(await idOf(username)).all()).results;
    expect(await grants(clerk)).toEqual([{ kind: 'draft', village_id: 'qinglian' }]);
    expect(await grants(officer)).toEqual([{ kind: 'approve', village_id: 'qinglian' }]);
    const log = logRows(await (await staffGet(admin, '/staff/accounts')).text());
    expect(log.find((row) => row.includes(clerk))).toContain('授予“起草本村公开”（清廉村');

    // The database refuses what the rules refuse: a clerk approving, a clerk of another village, a clerk over the town's.
    const insert = (id: number, kind: string, village: string | null) =>
      env.DB.prepare(`INSERT INTO staff_rights (staff_id, kind, village_id, granted_by, granted_at) VALUES (?1, ?2, ?3, NULL, '2026-12-01T00:00:00.000Z')`).bind(id, kind, village).run();
    await expect(insert(await idOf(clerk), 'approve', 'qinglian')).rejects.toThrow(/cannot hold this right/);
    await expect(insert(await idOf(clerk), 'draft', 'dongling')).rejects.toThrow(/cannot hold this right/);
    await expect(insert(await idOf(clerk), 'draft', null)).rejects.toThrow(/cannot hold this right/);
    // Nor may the clerk's village change while it holds the right: the admin's change takes it back first.
    await expect(env.DB.prepare(`UPDATE staff_users SET village_id = 'dongling' WHERE id = ?1`).bind(await idOf(clerk)).run()).rejects.toThrow(/cannot hold/);
    expect((await staffPost(admin, `/staff/accounts/${await idOf(clerk)}/role`, { role: 'clerk', village: 'dongling' })).status).toBe(200);
    expect(await grants(clerk)).toEqual([]);
  });
});


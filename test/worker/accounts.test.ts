// The admin's accounts page: every column named, a status apart from what can be done, a
// deactivation that asks first and can be undone at once, and no role chosen for a new account.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createStaff, signedIn, staffGet, staffMember, staffPost } from './staff-support.ts';

const idOf = async (username: string) => (await env.DB.prepare('SELECT id FROM staff_users WHERE username = ?1').bind(username).first<number>('id'))!;
const activeOf = async (username: string) => env.DB.prepare('SELECT active FROM staff_users WHERE username = ?1').bind(username).first<number>('active');
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
/** The cells of the accounts table's row for `username`, as text. */
function rowOf(html: string, username: string): string[] {
  const row = new RegExp(`<tr data-account="${username}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '';
  return [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => textOf(m[1]!));
}

describe('the accounts page', () => {
  it('names every column, and shows each account’s status apart from what can be done to it', async () => {
    const admin = await staffMember('admin');
    const handler = await createStaff('handler');
    const html = await (await staffGet(admin, '/staff/accounts')).text();
    const headers = [...(/<thead>([\s\S]*?)<\/thead>/.exec(html)?.[1] ?? '').matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((m) => textOf(m[1]!));
    expect(headers).toEqual(['用户名 / 姓名或职务', '角色', '状态', '操作']);
    const own = rowOf(html, admin.username);
    expect(own[2]).toBe('在用');
    expect(own[3]).toBe('（您本人的账户）');
    const other = rowOf(html, handler);
    expect(other[2]).toBe('在用');
    expect(other[3]).not.toContain('在用');
    expect(other[3]).toContain('停用…');

    const en = await (await staffGet(admin, '/en/staff/accounts')).text();
    expect([...en.matchAll(/<th scope="col">([\s\S]*?)<\/th>/g)].map((m) => textOf(m[1]!))).toEqual(['Username / Name or title', 'Role', 'Status', 'Actions']);
  });

  it('deactivates only after a confirmation that says what happens, and offers to undo it at once', async () => {
    const admin = await staffMember('admin');
    const handler = await signedIn(await createStaff('handler'));
    const id = await idOf(handler.username);
    const page = await (await staffGet(admin, '/staff/accounts')).text();
    const form = new RegExp(`<details class="account-actions" id="deactivate-${handler.username}">([\\s\\S]*?)</details>`).exec(page)?.[1] ?? '';
    expect(form).toContain('name="confirm" value="yes"');
    expect(textOf(form)).toContain(`停用后，${handler.username} 立即在所有设备上退出，不能再登录。需要时可以在这里重新启用。`);
    expect(textOf(form)).toContain(`确认停用 ${handler.username}`);

    // One stray tap (no confirmation) changes nothing.
    const stray = await staffPost(admin, `/staff/accounts/${id}/deactivate`, {});
    expect(stray.status).toBe(422);
    expect(await stray.text()).toContain('账户没有停用：请在确认后再停用。');
    expect(await activeOf(handler.username)).toBe(1);
    expect((await staffGet(handler, '/staff/cases')).status).toBe(200);

    const done = await staffPost(admin, `/staff/accounts/${id}/deactivate`, { confirm: 'yes' });
    expect(done.status).toBe(200);
    const after = await done.text();
    expect(after).toContain(`已停用账户 ${handler.username}，其所有登录已退出。`);
    expect(after).toMatch(new RegExp(`<p id="undo"><form method="post" action="/staff/accounts/${id}/reactivate"[\\s\\S]*?撤销：重新启用 ${handler.username}`));
    expect(rowOf(after, handler.username)[2]).toBe('已停用');
    expect(await activeOf(handler.username)).toBe(0);
    expect((await staffGet(handler, '/staff/cases')).status).toBe(303);

    expect((await staffPost(admin, `/staff/accounts/${id}/reactivate`, {})).status).toBe(200);
    expect(await activeOf(handler.username)).toBe(1);
    expect((await staffPost(admin, `/en/staff/accounts/${id}/deactivate`, {})).status).toBe(422);
  });

  it('chooses no role for a new account: the admin picks one, or is asked to', async () => {
    const admin = await staffMember('admin');
    const html = await (await staffGet(admin, '/staff/accounts')).text();
    const select = /<select id="role"[^>]*>([\s\S]*?)<\/select>/.exec(html)![1]!;
    expect(select).toMatch(/^<option value="">请选择角色<\/option>/);
    expect(select).not.toContain('selected');
    const res = await staffPost(admin, '/staff/accounts', { username: 'no.role', displayName: '新同事', role: '', village: '', password: 'plum river lantern ninety' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('请选择角色。');
    expect(await activeOf('no.role')).toBeNull();
  });
});

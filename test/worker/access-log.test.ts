// The access log has one row per opening of a case: the page after each of a member's own moves,
// or a reload soon after, is the same opening; a later opening, another member and every refusal
// are rows of their own.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { workflowSettings } from '../../content/workflow.ts';
import { openCase } from '../../worker/services/handling.ts';
import { postForm, submission } from './support.ts';
import { move, staffGet, staffMember, type Staff } from './staff-support.ts';

async function webCase(): Promise<string> {
  return /CL-\d{4}-\d{6}/.exec(await (await postForm('/mailbox', submission())).text())![0];
}
const rowsOf = async (number: string) =>
  (
    await env.DB.prepare(
      `SELECT u.username, a.outcome FROM case_access a JOIN staff_users u ON u.id = a.staff_id JOIN cases c ON c.id = a.case_id WHERE c.case_number = ?1 ORDER BY a.id`,
    )
      .bind(number)
      .all<{ username: string; outcome: string }>()
  ).results;
const viewerOf = async (staff: Staff) => {
  const row = await env.DB.prepare('SELECT id, role, village_id FROM staff_users WHERE username = ?1').bind(staff.username).first<{ id: number; role: 'admin'; village_id: string | null }>();
  return { id: row!.id, role: row!.role, villageId: row!.village_id };
};

describe('the access log', () => {
  it('keeps one row for an admin who opens a case and handles it, page after page', async () => {
    const admin = await staffMember('admin');
    const number = await webCase();
    await staffGet(admin, `/staff/cases/${number}`);
    for (const [step, fields] of [
      ['accept', {}],
      ['resolve_at_once', { message: '已当场处理。' }],
      ['close', { message: '结案。' }],
    ] as const) {
      const moved = await move(admin, number, step, fields);
      expect(moved.status).toBe(303);
      expect((await staffGet(admin, moved.headers.get('location')!)).status).toBe(200); // the redirect's page
    }
    await move(admin, number, 'accept'); // refused by the workflow: the case shown again, with why
    await staffGet(admin, `/staff/cases/${number}`); // a reload
    expect(await rowsOf(number)).toEqual([{ username: admin.username, outcome: 'read' }]);

    const log = await (await staffGet(admin, `/staff/cases/${number}/access`)).text();
    expect(log.match(/<td>查阅<\/td>/g)).toHaveLength(1);
  });

  it('keeps a row for a later opening, for each member, and for every refusal', async () => {
    const admin = await staffMember('admin');
    const handler = await staffMember('handler');
    const stranger = await staffMember('liaison', 'dongling');
    const number = await webCase();
    await staffGet(admin, `/staff/cases/${number}`);
    await staffGet(handler, `/staff/cases/${number}`);
    await staffGet(stranger, `/staff/cases/${number}`);
    await staffGet(stranger, `/staff/cases/${number}`);
    const later = new Date(Date.now() + (workflowSettings.accessLogSameOpeningMinutes + 1) * 60_000);
    expect(await openCase(env.DB, await viewerOf(admin), number, later)).toMatchObject({ ok: true, value: { restricted: null } });
    expect(await rowsOf(number)).toEqual([
      { username: admin.username, outcome: 'read' },
      { username: handler.username, outcome: 'read' },
      { username: stranger.username, outcome: 'refused' },
      { username: stranger.username, outcome: 'refused' },
      { username: admin.username, outcome: 'read' },
    ]);
  });
});

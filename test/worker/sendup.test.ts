// "This is for the county" (Art. 15): a committee member passes a case up, and once they confirm it
// was sent the town keeps only the fact, the day and the channel: every sealed text of the case and
// every key that opens them leave the database in one batch; the access log keeps that it happened;
// the resident reads, in both languages, that it was passed to the level above.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { committeeKey } from './committee-support.ts';
import { codeFromReceipt, dumpDatabase, followupFormOf, postForm, submission } from './support.ts';
import { declare, move, staffGet, staffMember, staffPost } from './staff-support.ts';

async function cadreReport(fields: Record<string, string> = {}): Promise<{ number: string; code: string }> {
  const html = await (await postForm('/mailbox', submission({ category: 'cadre-report', ...fields }))).text();
  return { number: /CL-\d{4}-\d{6}/.exec(html)![0], code: codeFromReceipt(html) };
}

/** Every sealed text and key of a case, as stored: what sending it up must remove. */
async function sealedOf(number: string): Promise<string[]> {
  const id = (await env.DB.prepare('SELECT id FROM cases WHERE case_number = ?1').bind(number).first<number>('id'))!;
  const rows = await env.DB.batch<Record<string, string | null>>([
    env.DB.prepare('SELECT subject, description, contact_name, contact_phone FROM cases WHERE id = ?1').bind(id),
    env.DB.prepare('SELECT public_message, internal_note FROM case_events WHERE case_id = ?1').bind(id),
    env.DB.prepare('SELECT comment FROM case_feedback WHERE case_id = ?1').bind(id),
    env.DB.prepare('SELECT note FROM conflict_declarations WHERE case_id = ?1').bind(id),
    env.DB.prepare('SELECT resident_private, committee_wrap, resident_wrap FROM case_keys WHERE case_id = ?1').bind(id),
  ]);
  return rows.flatMap((r) => r.results.flatMap((row) => Object.values(row))).filter((v): v is string => typeof v === 'string' && v.length > 0);
}

const sendUpForm = { reason: 'own_head', channel: 'confidential_mail', confirmSent: 'yes' };

describe('sending a case up to the county commission', () => {
  it('leaves no sealed text or key of the case in the database, keeps the fact, day and channel, and logs it', async () => {
    await committeeKey();
    const member = await staffMember('discipline');
    const other = await staffMember('discipline');
    const { number, code } = await cadreReport({ subject: '反映镇纪委书记收钱', identity: 'named', name: '王桂芳', phone: '13812345678' });
    const page = await (await postForm('/track', { code })).text();
    const { token, followupId } = followupFormOf(page);
    expect((await postForm('/track/followup', { token, followupId, text: '补充：时间是上个月。' })).status).toBe(201);
    expect((await move(member, number, 'take_up', { message: '已收到。', note: '涉及本委主要负责人' })).status).toBe(303);
    expect((await declare(other, number, 'relationship', '与被反映人是同学')).status).toBe(303);

    const sealed = await sealedOf(number);
    expect(sealed.filter((s) => s.startsWith('qls')).length).toBeGreaterThanOrEqual(7);
    expect(sealed.filter((s) => s.startsWith('qlk1:') || s.startsWith('qlc1:')).length).toBe(3);
    const before = await dumpDatabase(env.DB);
    for (const s of sealed) expect(before).toContain(s);

    // The member sends it by confidential mail and confirms.
    const form = await (await staffGet(member, `/staff/cases/${number}`)).text();
    expect(form).toContain('报送县纪委监委');
    expect(form).toContain('第十五条');
    const sent = await staffPost(member, `/staff/cases/${number}/send-up`, sendUpForm);
    expect(sent.status).toBe(303);

    const after = await dumpDatabase(env.DB);
    for (const s of sealed) expect(after, s.slice(0, 12)).not.toContain(s);
    expect(await sealedOf(number)).toEqual([]);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM case_keys k JOIN cases c ON c.id = k.case_id WHERE c.case_number = ?1').bind(number).first('n')).toBe(0);

    const row = await env.DB.prepare('SELECT c.status, s.reason, s.channel, s.sent_on FROM cases c JOIN case_sendups s ON s.case_id = c.id WHERE c.case_number = ?1').bind(number).first();
    expect(row).toMatchObject({ status: 'sent_up', reason: 'own_head', channel: 'confidential_mail' });
    expect((row as { sent_on: string }).sent_on).toMatch(/T16:00:00\.000Z$/); // a town day, like every resident-facing time
    const logged = await env.DB.prepare(`SELECT a.outcome, a.staff_id FROM case_access a JOIN cases c ON c.id = a.case_id WHERE c.case_number = ?1 AND a.outcome = 'sent_up'`).bind(number).all();
    expect(logged.results).toHaveLength(1);

    // The member's page: the fact, the day and the channel, no form, nothing sealed to open.
    const shown = await (await staffGet(member, `/staff/cases/${number}`)).text();
    expect(shown).toContain('已报送上一级纪委监委');
    expect(shown).toContain('机要交通');
    expect(shown).not.toContain('id="sendup-form"');
    expect(shown).not.toContain('data-sealed=');
    expect(shown).not.toContain('data-case-key=');
    // It leaves the committee's queue.
    expect(await (await staffGet(member, '/staff/cases')).text()).not.toContain(number);
  });

  it('tells the resident, in both languages, that the report was passed up, with no content and no way to add to it', async () => {
    await committeeKey();
    const member = await staffMember('discipline');
    const { number, code } = await cadreReport({ subject: '反映镇纪委干部' });
    const before = await (await postForm('/track', { code })).text();
    const { token, followupId } = followupFormOf(before);
    expect((await staffPost(member, `/staff/cases/${number}/send-up`, { ...sendUpForm, reason: 'county', channel: 'in_person' })).status).toBe(303);

    const zh = await (await postForm('/track', { code })).text();
    expect(zh).toContain('这件反映已于');
    expect(zh).toContain('报送上一级纪委监委办理');
    expect(zh).not.toContain('反映镇纪委干部');
    expect(zh).not.toContain('name="text"');
    const en = await (await postForm('/en/track', { code })).text();
    expect(en).toContain('This report was passed to the discipline commission of the level above on');

    // A follow-up sent with a token from before is not stored, sealed or plain.
    const events = () => env.DB.prepare(`SELECT count(*) AS n FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.case_number = ?1`).bind(number).first<number>('n');
    const n = await events();
    const late = await postForm('/track/followup', { token, followupId, text: '补充：还有一件事情要说。' });
    expect(late.status).toBe(410);
    expect(await late.text()).toContain('不再接收补充材料');
    expect(await events()).toBe(n);
  });

  it('needs the member’s confirmation, a reason and a channel; nothing is removed without them', async () => {
    await committeeKey();
    const member = await staffMember('discipline');
    const { number } = await cadreReport();
    const sealed = await sealedOf(number);
    const refused = await staffPost(member, `/staff/cases/${number}/send-up`, { reason: 'county', channel: 'in_person' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('请先通过所选渠道报送，再勾选确认。');
    expect((await staffPost(member, `/staff/cases/${number}/send-up`, { reason: 'elsewhere', channel: 'in_person', confirmSent: 'yes' })).status).toBe(422);
    expect((await staffPost(member, `/staff/cases/${number}/send-up`, { reason: 'county', channel: 'platform', confirmSent: 'yes' })).status).toBe(422);
    expect(await sealedOf(number)).toEqual(sealed);
    // Sent once; a second time is refused.
    expect((await staffPost(member, `/staff/cases/${number}/send-up`, sendUpForm)).status).toBe(303);
    expect((await staffPost(member, `/staff/cases/${number}/send-up`, sendUpForm)).status).toBe(409);
  });

  it('is the committee’s alone, on the committee’s cases', async () => {
    await committeeKey();
    const { number } = await cadreReport();
    const sealed = await sealedOf(number);
    for (const role of ['admin', 'handler'] as const) {
      expect((await staffPost(await staffMember(role), `/staff/cases/${number}/send-up`, sendUpForm)).status, role).toBe(403);
    }
    expect((await staffPost(await staffMember('liaison', 'qinglian'), `/staff/cases/${number}/send-up`, sendUpForm)).status).toBe(403);
    expect(await sealedOf(number)).toEqual(sealed);
    // An ordinary case is not the committee's to send up, and no one else's.
    const html = await (await postForm('/mailbox', submission())).text();
    const ordinary = /CL-\d{4}-\d{6}/.exec(html)![0];
    expect((await staffPost(await staffMember('discipline'), `/staff/cases/${ordinary}/send-up`, sendUpForm)).status).toBe(403);
    expect((await staffPost(await staffMember('handler'), `/staff/cases/${ordinary}/send-up`, sendUpForm)).status).toBe(403);
  });

  it('the database itself refuses new text on a case sent up', async () => {
    await committeeKey();
    const member = await staffMember('discipline');
    const { number } = await cadreReport();
    await staffPost(member, `/staff/cases/${number}/send-up`, sendUpForm);
    const id = (await env.DB.prepare('SELECT id FROM cases WHERE case_number = ?1').bind(number).first<number>('id'))!;
    await expect(
      env.DB.prepare(`INSERT INTO case_events (case_id, seq, kind, public_message, actor, created_at) VALUES (?1, 99, 'followup', 'qls2:x.y', 'resident', '2026-01-01T16:00:00.000Z')`).bind(id).run(),
    ).rejects.toThrow(/keeps no text/);
    await expect(env.DB.prepare(`UPDATE cases SET description = 'qls2:x.y' WHERE id = ?1`).bind(id).run()).rejects.toThrow(/keeps no text/);
    await expect(env.DB.prepare(`DELETE FROM case_sendups WHERE case_id = ?1`).bind(id).run()).rejects.toThrow(/append-only/);
  });
});

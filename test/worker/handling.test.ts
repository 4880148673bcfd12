import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { codeFromReceipt, followupFormOf, postForm, submission } from './support.ts';
import { move, staffGet, staffMember, staffPost } from './staff-support.ts';
import { asCommitteeSees } from './committee-support.ts';

async function webCase(overrides: Record<string, string> = {}) {
  const html = await (await postForm('/mailbox', submission(overrides))).text();
  return { number: /CL-\d{4}-\d{6}/.exec(html)![0], code: codeFromReceipt(html) };
}
const track = async (code: string) => (await postForm('/track', { code })).text();

describe('a liaison officer handling a case', () => {
  it('accepts it, sets a time limit and resolves it; the resident reads every message, never the internal notes', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const { number, code } = await webCase({ subject: '垃圾清运不及时' });

    const queue = await (await staffGet(officer, '/staff/cases')).text();
    expect(queue).toContain(number);
    expect(queue).toContain('待受理');

    expect((await move(officer, number, 'accept', { message: '您反映的问题已受理。', note: '联系保洁公司' })).headers.get('location')).toBe(
      `/staff/cases/${number}?done=accept`,
    );
    const limited = await move(officer, number, 'set_time_limit', { message: '将在3个工作日内办结。', workingDays: '3' });
    expect(limited.status).toBe(303);
    const page = await (await staffGet(officer, `/staff/cases/${number}?done=set_time_limit`)).text();
    expect(page).toContain('已保存：限时办结（设定时限）。');
    expect(page).toContain('限时办理中');
    expect(page).toContain('3个工作日');
    expect(page).toContain('联系保洁公司');

    const resident = await track(code);
    expect(resident).toContain('限时办理中');
    expect(resident).toContain('您反映的问题已受理。');
    expect(resident).toContain('将在3个工作日内办结。');
    expect(resident).toContain('办理时限');
    expect(resident).not.toContain('联系保洁公司');

    await move(officer, number, 'resolve', { message: '保洁公司已恢复每日清运。' });
    await move(officer, number, 'close', { message: '本件已办结，欢迎评价。' });
    const closed = await track(code);
    expect(closed).toContain('已结案');
    expect(closed).toContain('您对办理结果满意吗？');
  });

  it('cannot make an illegal move, and is told why', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const { number } = await webCase();
    const res = await move(officer, number, 'resolve', { message: '已办结' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('当前状态下不能进行这项操作。');
    const noMessage = await move(officer, number, 'accept', { message: '' });
    expect(noMessage.status).toBe(422);
    expect(await noMessage.text()).toContain('请填写给群众的答复（至少2个字）。');
    const unknown = await move(officer, number, 'delete');
    expect(unknown.status).toBe(422);
    expect(await unknown.text()).toContain('不认识的操作。');
  });

  it('loses a race cleanly: two officers accepting at once make one move, one event', async () => {
    const a = await staffMember('liaison', 'qinglian');
    const b = await staffMember('liaison', 'qinglian');
    const { number } = await webCase();
    const results = await Promise.all([move(a, number, 'accept'), move(b, number, 'accept')]);
    const statuses = results.map((r) => r.status).sort();
    // The loser is told someone else moved it first (409), or, if it read the case after the
    // winner wrote, that accepting is no longer possible (422).
    expect(statuses[0]).toBe(303);
    expect([409, 422]).toContain(statuses[1]);
    const { results: events } = await env.DB.prepare(
      `SELECT kind FROM case_events WHERE case_id = (SELECT id FROM cases WHERE case_number = ?1) AND kind = 'accept'`,
    )
      .bind(number)
      .all();
    expect(events).toHaveLength(1);
  });

  it('escalates a case to the discipline committee and then cannot read it any more', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const committee = await staffMember('discipline');
    const { number, code } = await webCase({ subject: '村干部收取好处费' });
    await move(officer, number, 'escalate', { message: '已转镇纪委、监察办公室。' });
    const after = await staffGet(officer, `/staff/cases/${number}`);
    expect(after.status).toBe(200);
    const restricted = await after.text();
    expect(restricted).toContain('内容仅纪委可见');
    expect(restricted).not.toContain('村干部收取好处费');
    const committeePage = await (await staffGet(committee, `/staff/cases/${number}`)).text();
    expect(committeePage).not.toContain('村干部收取好处费'); // sealed in the same move
    expect(await asCommitteeSees(committeePage)).toContain('村干部收取好处费');
    expect(await track(code)).toContain('已转镇纪委、监察办公室');
  });
});

describe('a cadre report', () => {
  it('goes straight to the discipline committee: invisible to the village’s officer, readable by the committee', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const committee = await staffMember('discipline');
    const { number, code } = await webCase({ category: 'cadre-report', subject: '反映村支书问题' });
    expect(await (await staffGet(officer, '/staff/cases?show=all')).text()).not.toContain(number);
    expect((await staffGet(officer, `/staff/cases/${number}`)).status).toBe(403);
    const queue = await asCommitteeSees(await (await staffGet(committee, '/staff/cases')).text());
    expect(queue).toContain(number);
    expect(queue).toContain('反映村支书问题');
    const resident = await track(code);
    expect(resident).toContain('已转镇纪委、监察办公室');
    expect(resident).toContain('您反映的问题线索已直接转镇纪委、监察办公室办理。');
    // The committee takes it up itself, on its own clock.
    expect((await move(committee, number, 'take_up', { message: '正在核查，10个工作日内答复。' })).status).toBe(303);
    expect(await track(code)).toContain('正在核查，10个工作日内答复。');
  });
});

describe('recording a letter from the village mailbox', () => {
  it('gives a printable slip whose query code opens the case for the resident', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const res = await staffPost(officer, '/staff/cases/new', { ...submission({ subject: '信箱来信：桥栏杆松动' }), channel: 'mailbox' });
    expect(res.status).toBe(201);
    const slip = await res.text();
    expect(slip).toContain('群众反映回执单');
    const code = codeFromReceipt(slip);
    const resident = await track(code);
    expect(resident).toContain('信箱来信：桥栏杆松动');
    const page = await (await staffGet(officer, `/staff/cases/${/CL-\d{4}-\d{6}/.exec(slip)![0]}`)).text();
    expect(page).toContain('村群众信箱来信');
    expect(page).not.toContain(code);
  });

  it('refuses a channel that is not a letter, call or visit', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const res = await staffPost(officer, '/staff/cases/new', { ...submission(), channel: 'telepathy' });
    expect(res.status).toBe(422);
  });
});

describe('the resident’s feedback', () => {
  async function closedCase() {
    const officer = await staffMember('liaison', 'qinglian');
    const c = await webCase();
    await move(officer, c.number, 'accept');
    await move(officer, c.number, 'explain', { message: '经核实，此事需县里统一安排，暂时无法办理。' });
    await move(officer, c.number, 'close', { message: '结案。' });
    return { ...c, officer };
  }
  const tokenFor = async (code: string) => followupFormOf(await track(code)).token;

  it('is taken once per closing, and a dissatisfied resident can have the case reopened once', async () => {
    const { number, code, officer } = await closedCase();
    expect(await track(code)).toContain('已结案（未解决）');
    const reopened = await postForm('/track/feedback', { token: await tokenFor(code), rating: 'dissatisfied', comment: '没有解决', reopen: 'yes' });
    expect(reopened.status).toBe(201);
    const page = await reopened.text();
    expect(page).toContain('已为您申请重新办理');
    expect(page).toContain('重新办理中');
    const staffPage = await (await staffGet(officer, `/staff/cases/${number}`)).text();
    expect(staffPage).toContain('不满意');
    expect(staffPage).toContain('没有解决');

    // Handled again and closed again: feedback is open again, but no second reopen is offered.
    await move(officer, number, 'accept', { message: '重新受理。' });
    await move(officer, number, 'explain', { message: '仍需县里统一安排。' });
    await move(officer, number, 'close', { message: '再次结案。' });
    const again = await track(code);
    expect(again).toContain('您对办理结果满意吗？');
    expect(again).not.toContain('申请重新办理（每件只能申请一次）');
    const refused = await postForm('/track/feedback', { token: await tokenFor(code), rating: 'dissatisfied', reopen: 'yes' });
    expect(refused.status).toBe(409);
    const row = await env.DB.prepare('SELECT status, reopen_count FROM cases WHERE case_number = ?1').bind(number).first();
    expect(row).toEqual({ status: 'closed_unresolved', reopen_count: 1 });
  });

  it('is refused before the case is closed, without a rating, and a second time', async () => {
    const open = await webCase();
    const early = await postForm('/track/feedback', { token: await tokenFor(open.code), rating: 'satisfied' });
    expect(early.status).toBe(409);
    const { code } = await closedCase();
    const noRating = await postForm('/track/feedback', { token: await tokenFor(code), rating: 'great' });
    expect(noRating.status).toBe(422);
    expect(await noRating.text()).toContain('请选择满意程度。');
    expect((await postForm('/track/feedback', { token: await tokenFor(code), rating: 'basically_satisfied' })).status).toBe(201);
    const twice = await postForm('/track/feedback', { token: await tokenFor(code), rating: 'satisfied' });
    expect(twice.status).toBe(409);
    expect(await track(code)).toContain('您的评价：基本满意');
  });
});

describe('accepting a case', () => {
  it('can correct its category and name who handles it', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const { number } = await webCase({ category: 'suggestion' });
    const id = await env.DB.prepare('SELECT id FROM staff_users WHERE username = ?1').bind(officer.username).first<number>('id');
    const page = await (await staffGet(officer, `/staff/cases/${number}`)).text();
    expect(page).toContain(`<option value="${id}" selected="">`);
    expect((await move(officer, number, 'accept', { category: 'complaint', assignee: String(id) })).status).toBe(303);
    const row = await env.DB.prepare('SELECT category_id, assignee_id FROM cases WHERE case_number = ?1').bind(number).first();
    expect(row).toEqual({ category_id: 'complaint', assignee_id: id });
    expect(await (await staffGet(officer, `/staff/cases/${number}`)).text()).toContain('id="case-assignee"><bdi>liaison qinglian</bdi><');
  });

  it('refuses a cadre-report category (that is an escalation) and an assignee who may not handle it', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const other = await staffMember('liaison', 'dongling');
    const otherId = await env.DB.prepare('SELECT id FROM staff_users WHERE username = ?1').bind(other.username).first<number>('id');
    const { number } = await webCase();
    const cadre = await move(officer, number, 'accept', { category: 'cadre-report' });
    expect(cadre.status).toBe(422);
    expect(await cadre.text()).toContain('请选择“转镇纪委、监察办公室”');
    const wrongPerson = await move(officer, number, 'accept', { assignee: String(otherId) });
    expect(wrongPerson.status).toBe(422);
    expect(await wrongPerson.text()).toContain('承办人须是能办理这个案件的在岗工作人员。');
    expect((await move(officer, number, 'accept', { assignee: 'abc' })).status).toBe(422);
    const status = await env.DB.prepare('SELECT status FROM cases WHERE case_number = ?1').bind(number).first('status');
    expect(status).toBe('received');
  });
});

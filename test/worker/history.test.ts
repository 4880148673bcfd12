// A case's history labels each event by who made it and, for its text, whom the text is for:
// on the staff's case page and on the resident's query page.
import { describe, expect, it } from 'vitest';
import { codeFromReceipt, followupFormOf, postForm, submission } from './support.ts';
import { move, staffGet, staffMember, staffPost, type Staff } from './staff-support.ts';

async function webCase() {
  const html = await (await postForm('/mailbox', submission())).text();
  return { number: /CL-\d{4}-\d{6}/.exec(html)![0], code: codeFromReceipt(html) };
}
const track = async (code: string, path = '/track') => (await postForm(path, { code })).text();

/** The entries of a history list (`<ol class="timeline" …>`), each as its visible text. */
function entries(html: string): string[] {
  const list = /<ol class="timeline"[^>]*>([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
  return list
    .split(/<li\b/)
    .slice(1)
    .map((li) =>
      `<li${li}`
        .replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    );
}
const staffHistory = async (staff: Staff, number: string, path = `/staff/cases/${number}`) => entries(await (await staffGet(staff, path)).text());

describe('the history of a case', () => {
  it('shows a resident’s follow-up as the resident’s own words, not as a reply to them', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const { number, code } = await webCase();
    const { token, followupId } = followupFormOf(await track(code));
    expect((await postForm('/track/followup', { token, followupId, text: '补充：路灯旁的电线也松了。' })).status).toBe(201);

    const history = await staffHistory(officer, number);
    expect(history[0]).toContain('群众 · 提交了反映');
    expect(history[1]).toContain('群众 · 补充了信息');
    expect(history[1]).toContain('群众补充：补充：路灯旁的电线也松了。');
    expect(history.join('\n')).not.toContain('您');
    expect(history.join('\n')).not.toContain('答复群众');

    const english = await staffHistory(officer, number, `/en/staff/cases/${number}`);
    expect(english[1]).toContain('Resident · added information');
    expect(english[1]).toContain('The resident added：');
    expect(english.join('\n')).not.toContain('To the resident');

    const resident = entries(await track(code));
    expect(resident[0]).toContain('您提交了反映');
    expect(resident[1]).toContain('您补充了信息');
  });

  it('shows a resident’s reopening as theirs, with the message the system sent them', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const { number, code } = await webCase();
    await move(officer, number, 'accept');
    await move(officer, number, 'resolve_at_once', { message: '已当场处理。' });
    await move(officer, number, 'close', { message: '结案。' });
    const { token } = followupFormOf(await track(code));
    expect((await postForm('/track/feedback', { token, rating: 'dissatisfied', reopen: 'yes' })).status).toBe(201);

    const history = await staffHistory(officer, number);
    const reopen = history.at(-1)!;
    expect(reopen).toContain('群众 · 对办理结果不满意，申请重新办理');
    expect(reopen).toContain('系统自动告知群众：已为您申请重新办理');
    expect(history[1]).toContain(`liaison qinglian · 受理`);
    expect(history[1]).toContain('答复群众：答复：accept');

    const resident = entries(await track(code));
    expect(resident.at(-1)).toContain('您申请了重新办理');
    expect(resident.at(-1)).toContain('已为您申请重新办理');
    expect(resident.at(-1)).not.toContain('工作人员回复');
    // A staff move is named by its step (结案), not only as “staff wrote”.
    expect(resident.at(-2)).toMatch(/日 结案结案。/);
    expect(resident.at(-2)).toContain('结案。');
  });

  it('shows a case an officer recorded as recorded by them for the resident, on both sides', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const res = await staffPost(officer, '/staff/cases/new', { ...submission(), channel: 'phone' });
    expect(res.status).toBe(201);
    const slip = await res.text();
    const number = /CL-\d{4}-\d{6}/.exec(slip)![0];

    const history = await staffHistory(officer, number);
    expect(history[0]).toContain('liaison qinglian · 代群众登记（电话）');
    expect(history[0]).not.toContain('提交了反映');
    expect((await staffHistory(officer, number, `/en/staff/cases/${number}`))[0]).toContain('liaison qinglian · recorded it for the resident (Phone call)');

    const resident = entries(await track(codeFromReceipt(slip)));
    expect(resident[0]).toContain('工作人员为您登记了反映');
    expect(resident[0]).not.toContain('您提交了反映');
  });

  it('shows the passing of a cadre report to the committee as the system’s notice', async () => {
    const code = codeFromReceipt(await (await postForm('/mailbox', submission({ category: 'cadre-report' }))).text());
    const resident = entries(await track(code));
    expect(resident[1]).toContain('系统通知');
    expect(resident[1]).toContain('已直接转镇纪委、监察办公室办理');
  });
});

// Deadlines as residents and staff meet them: an overdue case on the query page, a deadline in a
// year whose holidays the calendar lacks, and the admin's warning that a year is missing.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { missingCalendarYear, workingDaysBetween } from '../../core/clock.ts';
import { codeFromReceipt, postForm, postJson, proven, submission } from './support.ts';
import { move, staffGet, staffMember } from './staff-support.ts';

async function webCase(overrides: Record<string, string> = {}) {
  const html = await (await postForm('/mailbox', submission(overrides))).text();
  return { number: /CL-\d{4}-\d{6}/.exec(html)![0], code: codeFromReceipt(html) };
}

/** Moves a case's deadline to the end of a day some days ago, as if its time had run out. */
async function runOut(number: string, column: 'due_at' | 'accept_due_at', daysAgo: number): Promise<Date> {
  const day = new Date(Date.now() + 8 * 3600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const deadline = new Date(Date.parse(`${day}T23:59:59Z`) - 8 * 3600_000);
  await env.DB.prepare(`UPDATE cases SET ${column} = ?1 WHERE case_number = ?2`).bind(deadline.toISOString(), number).run();
  return deadline;
}

describe('an overdue case on the query page', () => {
  it('says it is overdue, by how many working days, and where to turn, with the published contacts', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const { number, code } = await webCase();
    await move(officer, number, 'accept');
    await move(officer, number, 'set_time_limit', { message: '将在3个工作日内办结。', workingDays: '3' });
    const before = await (await postForm('/track', { code })).text();
    expect(before).not.toContain('id="case-overdue"');

    const deadline = await runOut(number, 'due_at', 15);
    const days = workingDaysBetween(deadline, new Date());
    const page = await (await postForm('/track', { code })).text();
    expect(page).toContain('限时办理中');
    expect(page).toContain('<span class="flag flag-overdue">已超期</span>');
    expect(page).toContain('已超过办理时限');
    expect(page).toContain(`现已超期${days}个工作日。`);
    expect(page).toContain('请镇里接手办理：</strong>镇党政综合办公室，电话 0731-55550100');
    expect(page).toContain('向镇纪委、监察办公室反映办理超期：</strong>电话 0731-55550110');
    expect(page).toContain('示例号码');
    expect(page).toContain(`只需报上案件编号 ${number}`);

    const en = await (await postForm('/en/track', { code })).text();
    expect(en).toContain('Past its deadline');
    expect(en).toContain(`it is now ${days} working day${days === 1 ? '' : 's'} overdue`);
    expect(en).toContain('Ask the town to take the case over: </strong>Town Party and Government Office, telephone 0731-55550100');
    expect(en).toContain('Tell the Town Discipline Inspection Committee and Supervisory Office that the case is overdue');

    // Programs read the same through the JSON API.
    const api = (await (await postJson('/api/track', await proven('track', { code }))).json()) as { case: { overdue: { stage: string; workingDays: number } } };
    expect(api.case.overdue).toMatchObject({ stage: 'time_limit', workingDays: days });
  });

  it('says a new case not accepted in time is overdue too', async () => {
    const { number, code } = await webCase();
    await runOut(number, 'accept_due_at', 15);
    const page = await (await postForm('/track', { code })).text();
    expect(page).toContain('还没有受理');
    expect(page).toContain('请镇里接手办理');
  });

  it('sends a committee case to the committee alone, not to the town office', async () => {
    const { number, code } = await webCase({ category: 'cadre-report' });
    // A committee case given a time limit before the committee kept to its own moves (take_up and the disposals).
    await env.DB.prepare(`UPDATE cases SET status = 'in_progress' WHERE case_number = ?1`).bind(number).run();
    await runOut(number, 'due_at', 15);
    const page = await (await postForm('/track', { code })).text();
    expect(page).toContain('已超过办理时限');
    expect(page).toContain('向镇纪委、监察办公室反映办理超期');
    expect(page).not.toContain('请镇里接手办理');
    expect(page).not.toContain('每周调度');
  });
});

describe('a deadline in a year the calendar lacks', () => {
  it('carries a note that it is provisional, on the query page and in the console; one in a year it has does not', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const { number, code } = await webCase();
    await move(officer, number, 'accept');
    await move(officer, number, 'set_time_limit', { message: '将在5个工作日内办结。', workingDays: '5' });
    await env.DB.prepare(`UPDATE cases SET due_at = '2026-12-09T15:59:59.000Z' WHERE case_number = ?1`).bind(number).run();
    expect(await (await postForm('/track', { code })).text()).not.toContain('暂定');

    // 2099 is a year no calendar will hold for a long while: its working days are counted Monday to Friday.
    await env.DB.prepare(`UPDATE cases SET due_at = '2099-01-05T15:59:59.000Z' WHERE case_number = ?1`).bind(number).run();
    const page = await (await postForm('/track', { code })).text();
    expect(page).toContain('（2099年的放假安排还没有公布，这个日期暂按周一到周五上班计算，遇到节假日可能顺延）');
    expect(await (await postForm('/en/track', { code })).text()).toContain('(the 2099 public holidays have not been announced yet: this date counts Monday to Friday as working days and may move later for a holiday)');
    const staffPage = await (await staffGet(officer, `/staff/cases/${number}`)).text();
    expect(staffPage).toContain('2099年的节假日安排尚未录入');
    const queue = await (await staffGet(officer, '/staff/cases')).text();
    expect(queue).toContain('2099年的节假日安排尚未录入');
  });
});

describe('the admin’s warning that the calendar lacks a year', () => {
  // The calendar as shipped holds 2026 only, so from 2 November 2026 on 2027 (or the current year)
  // is missing; once the town enters it, the console is quiet until 60 days before the next.
  const missing = missingCalendarYear(new Date());

  it('is on every page of the console for the admin while a year is missing, and for no one else', async () => {
    const admin = await staffMember('admin');
    for (const path of ['/staff/cases', '/staff/accounts', '/staff/password', '/staff/records', '/staff/rhythm', '/staff/cards', '/en/staff/cases']) {
      const html = await (await staffGet(admin, path)).text();
      if (!missing) {
        expect(html, path).not.toContain('id="calendar-warning"');
        continue;
      }
      expect(html, path).toContain('id="calendar-warning"');
      // The admin works in the console, not in the repository: no file to edit, the operator to ask.
      expect(html, path).not.toContain('content/calendar.json');
      expect(html, path).toContain('docs/operating.md');
    }
    if (missing) {
      const zh = await (await staffGet(admin, '/staff/cases')).text();
      expect(zh).toContain(`${missing.year}年的法定节假日和调休安排还没有录入`);
      expect(zh).toContain(`国务院办公厅公布${missing.year}年部分节假日安排的通知后`);
      expect(zh).toContain(`请把通知转给本站的系统运维人员，由其录入${missing.year}年的放假和调休上班日期`);
      expect(zh).toContain('运维手册 docs/operating.md 第3节“录入下一年的法定节假日”');
      expect(zh).not.toContain('Entering next year');
      const en = await (await staffGet(admin, '/en/staff/cases')).text();
      expect(en).toContain(`The public holidays and adjusted working days of ${missing.year} are not entered`);
      expect(en).toContain(`pass the notice on to the site’s operator, who enters the ${missing.year} days off and adjusted working days`);
      expect(en).toContain('section 3 of the operating guide, docs/operating.md, “Entering next year’s public holidays”');
      expect(en).not.toContain('录入下一年');
    }
    for (const staff of [await staffMember('handler'), await staffMember('discipline'), await staffMember('liaison', 'qinglian')]) {
      expect(await (await staffGet(staff, '/staff/cases')).text(), staff.role).not.toContain('id="calendar-warning"');
    }
  });
});

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { scheduledStatistics } from '../../worker/services/stats.ts';
import { startOfTownDate } from '../../core/stats/periods.ts';
import { townDate } from '../../core/clock.ts';
import { call, codeFromReceipt, followupFormOf, postForm, submission, timesOfDay } from './support.ts';
import { closedCase, move, staffGet, staffMember, staffPost } from './staff-support.ts';

const text = {
  problem: '村道两侧路灯损坏，夜间通行不便。',
  action: '村联络员当天联系电工，更换了损坏的灯泡。',
  outcome: '路灯已恢复照明，群众表示满意。',
};

describe('publishing an outcome', () => {
  it('puts it on the portal, in the feed and in the open data at once, and withdrawing takes it off', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const handler = await staffMember('handler');
    const number = await closedCase(officer);
    // A liaison officer cannot publish; town staff can.
    expect((await staffPost(officer, `/staff/cases/${number}/outcome`, text)).status).toBe(403);
    const res = await staffPost(handler, `/staff/cases/${number}/outcome`, text);
    expect(res.status).toBe(303);

    const list = await (await call('/outcomes')).text();
    expect(list).toContain('村道两侧路灯损坏');
    const page = await call(`/outcomes/${number}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('路灯已恢复照明');
    expect(html).toContain('已解决');
    expect(html).not.toContain(submission().description!.slice(0, 8)); // the resident's own words never appear
    expect(await (await call('/outcomes/rss.xml')).text()).toContain(`<guid isPermaLink="false">${number}</guid>`);
    const json = (await (await call('/api/public/outcomes.json')).json()) as { outcomes: { caseNumber: string; problem: string }[] };
    expect(json.outcomes.map((o) => o.caseNumber)).toContain(number);
    expect(Object.keys(json.outcomes[0]!)).not.toContain('description');
    const csv = await (await call('/api/public/outcomes.csv')).text();
    expect(csv).toContain('caseNumber,village,category,kind,result,problem,action,outcome,workingDays,language,publishedAt,reopenedOn\r\n');
    expect(csv).toContain(number);
    // Published on a day, never at a time: not on the page, in the feed, the open data or Open311.
    const feed = await (await call('/outcomes/rss.xml')).text();
    const open311 = await (await call(`/open311/v2/requests/${number}.json`)).text();
    for (const body of [list, html, feed, JSON.stringify(json), csv, open311]) expect(timesOfDay(body)).toEqual([]);

    expect((await staffPost(handler, `/staff/cases/${number}/outcome/withdraw`, {})).status).toBe(303);
    expect(await (await call('/outcomes')).text()).not.toContain('村道两侧路灯损坏');
    expect((await call(`/outcomes/${number}`)).status).toBe(404);
    expect(await (await call('/outcomes/rss.xml')).text()).not.toContain(number);
    expect(await (await call('/api/public/outcomes.json')).text()).not.toContain(number);
  });

  it('is blocked while the text contains personal data, showing what was found and where', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const handler = await staffMember('handler');
    const number = await closedCase(officer, { identity: 'named', name: '王小明', phone: '13912345678' });
    const res = await staffPost(handler, `/staff/cases/${number}/outcome`, {
      problem: '王 小明反映村道路灯损坏。',
      action: '联络员拨打139 1234 5678联系了反映人，到清廉村3组12号查看。',
      outcome: '已修好。身份证11010519491231002X已核对。',
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('发现可能的个人信息，不能发布');
    expect(html).toContain('“反映的问题”第1个字起：反映人姓名“王 小明”');
    expect(html).toContain('反映人电话“139 1234 5678”');
    expect(html).toContain('门牌地址');
    expect(html).toContain('身份证号“11010519491231002X”');
    // What was typed stays in the form, and nothing was published.
    expect(html).toContain('联络员拨打139 1234 5678联系了反映人');
    expect((await call(`/outcomes/${number}`)).status).toBe(404);
  });

  it('lets the published numbers of the station, the town and the county through, and blocks any other phone', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const handler = await staffMember('handler');
    const number = await closedCase(officer);
    const published = {
      problem: '村道两侧路灯损坏，夜间通行不便。',
      action: '村联络员当天联系电工，更换了损坏的灯泡。再有损坏请拨打联络站电话0731-55550101，或镇党政综合办公室 0731-55550100。',
      outcome: '路灯已恢复照明。对办理有意见可拨打镇纪委电话0731-55550110，或示例县纪委监委信访室0731-12388。',
    };
    expect((await staffPost(handler, `/staff/cases/${number}/outcome`, published)).status).toBe(303);
    expect(await (await call(`/outcomes/${number}`)).text()).toContain('0731-55550101');

    // A number one digit off the station's is nobody's published number: blocked as before.
    const other = await closedCase(officer);
    const res = await staffPost(handler, `/staff/cases/${other}/outcome`, { ...published, action: '村联络员联系电工修好了，电工电话0731-55550199。' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('电话号码“0731-55550199”');
    // So is a mobile number.
    const mobile = await staffPost(handler, `/staff/cases/${other}/outcome`, { ...published, action: '联络站电话0731-55550101，电工手机13812345678。' });
    expect(mobile.status).toBe(422);
    expect(await mobile.text()).toContain('13812345678');
  });

  it('is refused before the case is closed, and with empty texts', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const handler = await staffMember('handler');
    const html = await (await postForm('/mailbox', submission())).text();
    const open = /CL-\d{4}-\d{6}/.exec(html)![0];
    expect((await staffPost(handler, `/staff/cases/${open}/outcome`, text)).status).toBe(409);
    const number = await closedCase(officer);
    const empty = await staffPost(handler, `/staff/cases/${number}/outcome`, { problem: '', action: 'x', outcome: text.outcome });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('请填写这一项（至少4个字）。');
  });

  it('of a cadre report is a case notice published by the discipline committee only', async () => {
    const committee = await staffMember('discipline');
    const handler = await staffMember('handler');
    const html = await (await postForm('/mailbox', submission({ category: 'cadre-report' }))).text();
    const number = /CL-\d{4}-\d{6}/.exec(html)![0];
    await move(committee, number, 'take_up', { message: '已受理。' });
    await move(committee, number, 'conclude', { message: '经查属实，已依规处理。', note: '经集体研究，予以了结。' });
    expect((await staffPost(handler, `/staff/cases/${number}/outcome`, text)).status).toBe(403);
    expect((await staffPost(committee, `/staff/cases/${number}/outcome`, { problem: '反映村干部在低保评议中优亲厚友。', action: '镇纪委调查核实。', outcome: '问题属实，相关人员已受到党纪处分。' })).status).toBe(303);
    const page = await (await call(`/outcomes/${number}`)).text();
    expect(page).toContain('案件通报');
    const staffPage = await (await staffGet(committee, `/staff/cases/${number}`)).text();
    expect(staffPage).toContain('已公开。');
  });

  it('lists filter by village, category and result, and the English pages speak English', async () => {
    const officer = await staffMember('liaison', 'dongling');
    const handler = await staffMember('handler');
    const number = await closedCase(officer, { village: 'dongling', category: 'suggestion' });
    await staffPost(handler, `/staff/cases/${number}/outcome`, { ...text, problem: '东岭村建议公开收支明细。' });
    expect(await (await call('/outcomes?village=dongling')).text()).toContain('东岭村建议公开收支明细');
    expect(await (await call('/outcomes?village=qinglian')).text()).not.toContain('东岭村建议公开收支明细');
    expect(await (await call('/outcomes?result=explained')).text()).not.toContain('东岭村建议公开收支明细');
    expect(await (await call('/outcomes?category=suggestion&result=resolved')).text()).toContain('东岭村建议公开收支明细');
    expect(await (await call('/outcomes?village=<script>')).text()).toContain('东岭村建议公开收支明细'); // unknown filters are ignored
    const en = await (await call('/en/outcomes/')).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Case outcomes');
  });
});

describe('an outcome whose case the resident reopens', () => {
  it('is marked reopened on its page, the list, the feed, the open data and Open311 from the next release after the reopen, until the new result is published', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const handler = await staffMember('handler');
    const receipt = await (await postForm('/mailbox', submission())).text();
    const number = /CL-\d{4}-\d{6}/.exec(receipt)![0];
    const code = codeFromReceipt(receipt);
    await move(officer, number, 'accept');
    await move(officer, number, 'resolve_at_once', { message: '已恢复值守。' });
    await move(officer, number, 'close', { message: '结案。' });
    const published = { problem: '村便民服务点无人值守。', action: '联络员协调安排值班人员。', outcome: '服务点已恢复正常值守。' };
    expect((await staffPost(handler, `/staff/cases/${number}/outcome`, published)).status).toBe(303);
    expect(await (await call(`/outcomes/${number}`)).text()).toContain('<strong>已解决</strong>');

    // The resident is not satisfied and asks for the case to be reopened.
    const token = followupFormOf(await (await postForm('/track', { code })).text()).token;
    expect((await postForm('/track/feedback', { token, rating: 'dissatisfied', comment: '服务点还是经常没人', reopen: 'yes' })).status).toBe(201);

    // Nothing public changes until the next release after the reopen is made: not at once, not
    // at a release whose cut-off is before the reopen's day.
    const unchanged = async () => {
      expect(await (await call(`/outcomes/${number}`)).text()).toContain('<strong>已解决</strong>');
      expect(await (await call('/outcomes?result=reopened')).text()).not.toContain(number);
      expect(await (await call('/outcomes?result=resolved')).text()).toContain(number);
      expect(await (await call('/outcomes/rss.xml')).text()).not.toContain('<category>重新办理中</category>');
      const data = (await (await call('/api/public/outcomes.json')).json()) as { outcomes: { caseNumber: string; reopenedOn: string | null }[] };
      expect(data.outcomes.find((o) => o.caseNumber === number)!.reopenedOn).toBeNull();
      expect((await (await call('/api/public/outcomes.csv')).text()).split('\r\n').find((l) => l.startsWith(number))).toMatch(/,$/);
      const request = (await (await call(`/open311/v2/requests/${number}.json`)).json()) as { status: string }[];
      expect(request[0]!.status).toBe('closed');
    };
    await unchanged();
    await scheduledStatistics(env.DB, new Date());
    await unchanged();
    // Staff see it at once: closed again, the console says the published outcome is the earlier one.
    await move(officer, number, 'accept', { message: '重新受理。' });
    await move(officer, number, 'resolve_at_once', { message: '已排定每日值班表。' });
    await move(officer, number, 'close', { message: '再次结案。' });
    const staffPage = await (await staffGet(handler, `/staff/cases/${number}`)).text();
    expect(staffPage).toContain('id="outcome-superseded"');
    expect(staffPage).not.toContain('已公开。');
    await unchanged();
    // The day's release the morning after covers the reopen's day: from then on it shows.
    await scheduledStatistics(env.DB, new Date(startOfTownDate(townDate(new Date())).getTime() + 31 * 60 * 60 * 1000));

    const page = await (await call(`/outcomes/${number}`)).text();
    expect(page).not.toContain('<strong>已解决</strong>');
    expect(page).toContain('重新办理中');
    expect(page).toContain(`本案已于${new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long' }).format(new Date())}重新办理`);
    expect(page).toContain('已不是本案的最终结果');
    expect(page).toContain('此前公布的结果：已解决');
    expect(page).toContain('服务点已恢复正常值守。'); // what was published stays readable, marked
    expect(await (await call(`/en/outcomes/${number}`)).text()).toContain('it is no longer how the case ended');
    expect(await (await call('/outcomes?result=resolved')).text()).not.toContain(number);
    expect(await (await call('/outcomes?result=reopened')).text()).toContain(number);
    const feed = await (await call('/outcomes/rss.xml')).text();
    expect(feed).toContain('<category>重新办理中</category>');
    const json = (await (await call('/api/public/outcomes.json')).json()) as { outcomes: { caseNumber: string; reopenedOn: string | null }[] };
    expect(json.outcomes.find((o) => o.caseNumber === number)!.reopenedOn).toBe(townDate(new Date()));
    const csv = await (await call('/api/public/outcomes.csv')).text();
    expect(csv.split('\r\n').find((l) => l.startsWith(number))).toMatch(new RegExp(`,${townDate(new Date())}$`));
    const open311 = (await (await call(`/open311/v2/requests/${number}.json`)).json()) as { status: string; status_notes: string; updated_datetime: string }[];
    expect(open311[0]).toMatchObject({ status: 'open', updated_datetime: `${townDate(new Date())}T00:00:00+08:00` });
    expect(open311[0]!.status_notes).toBe('反映人对办理结果不满意，本案已重新办理。 此前公布的结果：已解决: 服务点已恢复正常值守。');
    const listed = (await (await call('/open311/v2/requests.json?status=open')).json()) as { service_request_id: string }[];
    expect(listed.map((r) => r.service_request_id)).toContain(number);
    const closedOnes = (await (await call('/open311/v2/requests.json?status=closed')).json()) as { service_request_id: string }[];
    expect(closedOnes.map((r) => r.service_request_id)).not.toContain(number);
    // A day, never a time of day, in any of them.
    for (const body of [page, feed, JSON.stringify(json), csv, JSON.stringify(open311)]) expect(timesOfDay(body)).toEqual([]);

    // Staff publish the new one over it.
    const again = { ...published, action: '镇里督促村里排定每日值班表。', outcome: '服务点每天有人值守。' };
    expect((await staffPost(handler, `/staff/cases/${number}/outcome`, again)).status).toBe(303);
    const renewed = await (await call(`/outcomes/${number}`)).text();
    expect(renewed).toContain('<strong>已解决</strong>');
    expect(renewed).toContain('服务点每天有人值守。');
    expect(renewed).not.toContain('id="outcome-reopened"');
    const status = (await (await call(`/open311/v2/requests/${number}.json`)).json()) as { status: string }[];
    expect(status[0]!.status).toBe('closed');
  });
});

describe('the outcomes export', () => {
  it('neutralises a published text that a spreadsheet would run as a formula', async () => {
    const officer = await staffMember('liaison', 'dongling');
    const handler = await staffMember('handler');
    const number = await closedCase(officer, { village: 'dongling' });
    const formula = '=HYPERLINK("http://evil.example","点击查看详情")';
    expect((await staffPost(handler, `/staff/cases/${number}/outcome`, { ...text, action: formula })).status).toBe(303);
    const csv = await (await call('/api/public/outcomes.csv')).text();
    const line = csv.split('\r\n').find((l) => l.startsWith(number))!;
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example"",""点击查看详情"")"`);
    expect(line).not.toMatch(/,"?=HYPERLINK/);
  });

  it('keeps a bidi override in a published title from reordering the page title around it', async () => {
    const officer = await staffMember('liaison', 'xiling');
    const handler = await staffMember('handler');
    const number = await closedCase(officer, { village: 'xiling' });
    const problem = '村道路灯\u202Elive\u202C损坏，夜间通行不便。';
    expect((await staffPost(handler, `/staff/cases/${number}/outcome`, { ...text, problem })).status).toBe(303);
    const html = await (await call(`/outcomes/${number}`)).text();
    // Between FSI and PDI the override ends with the title, before the site's name.
    expect(/<title>([^<]*)<\/title>/.exec(html)![1]).toMatch(new RegExp(`^\u2068${problem}\u2069 · `));
    expect(html).toContain(`<h1>${problem}</h1>`);
  });
});

describe('a committee case in public', () => {
  const notice = { problem: '反映的问题已经核实。', action: '镇纪委调查核实，依规处理。', outcome: '问题已经处理。' };

  it('has no notice when it is a 打击报复 report: the committee is told why, in its language', async () => {
    const committee = await staffMember('discipline');
    const html = await (await postForm('/mailbox', submission({ category: 'retaliation', subject: '举报后被打击报复', description: '举报之后村里停了我家的补贴。' }))).text();
    const number = /CL-\d{4}-\d{6}/.exec(html)![0];
    await move(committee, number, 'take_up', { message: '已受理。' });
    await move(committee, number, 'conclude', { message: '经查属实，已依规处理。', note: '经集体研究，予以了结。' });
    const page = await (await staffGet(committee, `/staff/cases/${number}`)).text();
    expect(page).toContain('id="outcome-retaliation"');
    expect(page).not.toContain(`/staff/cases/${number}/outcome"`);
    const res = await staffPost(committee, `/staff/cases/${number}/outcome`, notice);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('打击报复举报不发布案件通报');
    const en = await staffPost(committee, `/en/staff/cases/${number}/outcome`, notice);
    expect(await en.text()).toContain('No notice is published for a report of retaliation');
    expect((await call(`/outcomes/${number}`)).status).toBe(404);
    expect(await (await call('/api/public/outcomes.csv')).text()).not.toContain(number);
  });

  it('has a notice that tells neither the day the case arrived nor its working days', async () => {
    const committee = await staffMember('discipline');
    const html = await (await postForm('/mailbox', submission({ category: 'cadre-report' }))).text();
    const number = /CL-\d{4}-\d{6}/.exec(html)![0];
    // The case arrived ten days before it was closed and its notice published.
    const arrived = new Date(Date.now() - 10 * 86_400_000).toISOString();
    await env.DB.prepare(`UPDATE cases SET created_at = ?1 WHERE case_number = ?2`).bind(arrived, number).run();
    await move(committee, number, 'take_up', { message: '已受理。' });
    await move(committee, number, 'conclude', { message: '经查属实，已依规处理。', note: '经集体研究，予以了结。' });
    expect((await staffPost(committee, `/staff/cases/${number}/outcome`, notice)).status).toBe(303);
    const page = await (await call(`/outcomes/${number}`)).text();
    expect(page).toContain('问题已经处理。');
    expect(page).not.toContain('工作日');
    expect(await (await call(`/en/outcomes/${number}`)).text()).not.toContain('working day');
    const item = ((await (await call('/api/public/outcomes.json')).json()) as { outcomes: { caseNumber: string; workingDays: number | null }[] }).outcomes.find((o) => o.caseNumber === number)!;
    expect(item.workingDays).toBeNull();
    const [request] = (await (await call(`/open311/v2/requests/${number}.json`)).json()) as { requested_datetime: string }[];
    expect(request!.requested_datetime).toBe(`${townDate(new Date())}T00:00:00+08:00`);
    expect(request!.requested_datetime).not.toContain(townDate(new Date(arrived)));
    // Nor can a range of arrival days find it on the day it arrived.
    const day = `${townDate(new Date(arrived))}T00:00:00+08:00`;
    const ranged = (await (await call(`/open311/v2/requests.json?start_date=${encodeURIComponent(day)}&end_date=${encodeURIComponent(day)}`)).json()) as { service_request_id: string }[];
    expect(ranged.map((r) => r.service_request_id)).not.toContain(number);
  });
});

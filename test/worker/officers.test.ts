// What officers and town staff meet in the console: resolving and closing, the queue's filters,
// when an outcome is published against the resident's rating.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { scheduledStatistics } from '../../worker/services/stats.ts';
import { startOfTownDate } from '../../core/stats/periods.ts';
import { townDate } from '../../core/clock.ts';
import { call, codeFromReceipt, followupFormOf, postForm, proven, submission } from './support.ts';
import { move, staffGet, staffMember, staffPost } from './staff-support.ts';

async function webCase(overrides: Record<string, string> = {}) {
  const html = await (await postForm('/mailbox', await proven('submission', submission(overrides)))).text();
  return /CL-\d{4}-\d{6}/.exec(html)![0];
}

/** The case numbers listed in a section of a queue page. */
const listed = (html: string, section: string) => {
  const part = html.split(`id="queue-${section}"`)[1]?.split('</ul>')[0] ?? '';
  return [...part.matchAll(/data-case="([^"]+)"/g)].map((m) => m[1]!);
};

/** A queue item's flag, as the officer reads it. */
const flagOf = (html: string, number: string) => new RegExp(`data-case="${number}"[\\s\\S]*?class="flag[^"]*">([^<]+)<`).exec(html)?.[1];

describe('resolving and closing a case', () => {
  it('tells the officer a resolved case is still to be closed, keeps it among open cases, and offers the closing message ready to send', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const number = await webCase({ subject: '办结待结案的路灯问题' });
    await move(officer, number, 'accept');
    expect((await move(officer, number, 'resolve_at_once', { message: '电工已更换灯泡，路灯恢复照明。' })).status).toBe(303);

    // Not "finished": the resident cannot rate it until it is closed.
    const page = await (await staffGet(officer, `/staff/cases/${number}`)).text();
    expect(page).not.toContain('已结束');
    expect(page).toContain('待结案');
    expect(page).toContain('结案后，反映人才能在查询页评价');
    // The closing message is written already: closing takes one press.
    const closeForm = page.split('id="move-close"')[1]!.split('</details>')[0]!;
    const prefilled = /<textarea[^>]*name="message"[^>]*>([^<]+)<\/textarea>/.exec(closeForm)?.[1];
    expect(prefilled).toContain('现予结案');

    const open = await (await staffGet(officer, '/staff/cases')).text();
    expect(listed(open, 'in_hand')).toContain(number);
    expect(flagOf(open, number)).toBe('待结案');
    const en = await (await staffGet(officer, `/en/staff/cases/${number}`)).text();
    expect(en).toContain('To be closed');

    expect((await move(officer, number, 'close', { message: prefilled! })).status).toBe(303);
    const after = await (await staffGet(officer, '/staff/cases')).text();
    expect(listed(after, 'in_hand')).not.toContain(number);
    expect(flagOf(await (await staffGet(officer, '/staff/cases?show=all')).text(), number)).toBe('已结束');
  });
});

/** Every case number a queue page lists, in any section. */
const numbersOn = (html: string) => [...html.matchAll(/data-case="([^"]+)"/g)].map((m) => m[1]!);

describe('the queue’s filters and search', () => {
  it('narrow by village, category, clock and words or number, kept in the address and its pages', async () => {
    const handler = await staffMember('handler');
    const tag = `筛${Date.now() % 100000}`;
    const qinglian = await webCase({ subject: `${tag}水井堵塞`, village: 'qinglian', category: 'demand' });
    const xiling = await webCase({ subject: `${tag}路面坑洼`, village: 'xiling', category: 'complaint' });
    const late = await webCase({ subject: `${tag}逾期未受理`, village: 'xiling', category: 'demand' });
    await env.DB.prepare('UPDATE cases SET accept_due_at = ?2 WHERE case_number = ?1').bind(late, new Date(Date.now() - 86_400_000).toISOString()).run();

    const get = async (query: string) => numbersOn(await (await staffGet(handler, `/staff/cases?show=all&${query}`)).text());
    expect(await get(`q=${encodeURIComponent(tag)}`)).toEqual(expect.arrayContaining([qinglian, xiling, late]));
    expect(await get(`q=${encodeURIComponent(tag)}&village=xiling`)).toEqual(expect.arrayContaining([xiling, late]));
    expect(await get(`q=${encodeURIComponent(tag)}&village=xiling`)).not.toContain(qinglian);
    expect(await get(`q=${encodeURIComponent(tag)}&category=complaint`)).toEqual([xiling]);
    expect(await get(`q=${encodeURIComponent(tag)}&clock=overdue`)).toEqual([late]);
    const running = [...(await get(`q=${encodeURIComponent(tag)}&clock=due_soon`)), ...(await get(`q=${encodeURIComponent(tag)}&clock=in_time`))];
    expect(running.sort()).toEqual([qinglian, xiling].sort());
    expect(await get(`q=${encodeURIComponent(`${tag}水井`)}`)).toEqual([qinglian]);
    // By case number, whole or its last digits.
    expect(await get(`q=${qinglian}`)).toEqual([qinglian]);
    expect(await get(`q=${qinglian.slice(-6)}`)).toContain(qinglian);
    // The open view filters too, and the form keeps what was asked.
    const open = await (await staffGet(handler, `/staff/cases?village=xiling&clock=overdue&q=${encodeURIComponent(tag)}`)).text();
    expect(numbersOn(open)).toEqual([late]);
    expect(open).toContain(`value="${tag}"`);
    expect(open).toMatch(/<option value="xiling" selected="">/);
    expect(open).toMatch(/<option value="overdue" selected="">/);
  });

  it('keeps the filter on the pages of a long list', async () => {
    const handler = await staffMember('handler');
    const tag = `页${Date.now() % 100000}`;
    await env.DB.prepare(
      `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 60)
       INSERT INTO cases (case_number, code_hash, village_id, category_id, subject, description, anonymous, channel, locale, status, created_at, updated_at, accept_due_at)
       SELECT 'CL-2026-7' || printf('%05d', i), 'page-' || ?1 || '-' || i, 'nanhe', 'demand', ?1 || ' ' || i, '内容内容内容内容', 1, 'web', 'zh-CN', 'received', ?2, ?2, ?3 FROM k`,
    )
      .bind(tag, new Date().toISOString(), new Date(Date.now() + 86_400_000).toISOString())
      .run();
    const first = await (await staffGet(handler, `/staff/cases?village=nanhe&q=${encodeURIComponent(tag)}`)).text();
    expect(first).toContain('共60件，第1页，共2页');
    const next = /href="([^"]*new=2[^"]*)"/.exec(first)![1]!.replaceAll('&amp;', '&');
    expect(next).toContain(`village=nanhe`);
    expect(next).toContain(`q=${encodeURIComponent(tag)}`);
    const second = await (await staffGet(handler, next)).text();
    expect(numbersOn(second).length).toBe(10);
  });

  it('never finds what the viewer may not read: another village, a committee case or its sealed subject', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const handler = await staffMember('handler');
    const committee = await staffMember('discipline');
    const tag = `密${Date.now() % 100000}`;
    const own = await webCase({ subject: `${tag}本村`, village: 'qinglian' });
    const other = await webCase({ subject: `${tag}外村`, village: 'xiling' });
    const cadre = await webCase({ subject: `${tag}优亲厚友`, village: 'qinglian', category: 'cadre-report' });
    // A cadre report the officer recorded in person: they know its number, nothing more.
    const slip = await (await staffPost(officer, '/staff/cases/new', { ...submission({ category: 'cadre-report', subject: `${tag}来访反映` }), channel: 'visit' })).text();
    const recorded = /CL-\d{4}-\d{6}/.exec(slip)![0];

    const as = async (staff: typeof officer, query: string) => numbersOn(await (await staffGet(staff, `/staff/cases?show=all&${query}`)).text());
    const words = `q=${encodeURIComponent(tag)}`;
    // The officer: their village's case; the village filter is not theirs to widen.
    expect(await as(officer, words)).toEqual([own]);
    expect(await as(officer, `${words}&village=xiling`)).toEqual([own]);
    expect(await as(officer, `q=${other}`)).toEqual([]);
    expect(await as(officer, `q=${cadre}`)).toEqual([]);
    // The case they recorded is found by its number (as the list already shows it), never by its words, village or category.
    expect(await as(officer, `q=${recorded}`)).toEqual([recorded]);
    expect(await as(officer, `q=${encodeURIComponent(`${tag}来访`)}`)).toEqual([]);
    expect(await as(officer, `category=cadre-report`)).toEqual([]);
    const restricted = await (await staffGet(officer, `/staff/cases?show=all&q=${recorded}`)).text();
    expect(restricted).not.toContain(`${tag}来访反映`);
    // Town staff: no committee case, by words, number or category.
    expect(await as(handler, words)).toEqual(expect.arrayContaining([own, other]));
    expect(await as(handler, words)).not.toContain(cadre);
    expect(await as(handler, `q=${cadre}`)).toEqual([]);
    expect(await as(handler, 'category=cadre-report')).toEqual([]);
    // The committee: its cases by number; their subjects are sealed, and no word search reaches them, nor anyone else's case.
    expect(await as(committee, `q=${cadre}`)).toEqual([cadre]);
    expect(await as(committee, words)).toEqual([]);
    expect(await as(committee, `q=${own}`)).toEqual([]);
    const page = await (await staffGet(committee, '/staff/cases')).text();
    expect(page).toContain('委员会案件的标题加密保存，不能按字词查找');
  });

  it('drops a query code found in the address, never echoing it, and keeps the rest of the filter', async () => {
    const handler = await staffMember('handler');
    const code = codeFromReceipt(await (await postForm('/mailbox', await proven('submission', submission()))).text());
    const res = await staffGet(handler, `/staff/cases?village=xiling&q=${encodeURIComponent(code)}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/cases?village=xiling&codeTyped=1');
    const page = await (await staffGet(handler, '/staff/cases?codeTyped=1')).text();
    expect(page).toContain('查询码不能用于工作台的搜索');
    expect(page).not.toContain(code);
  });

  // What a staff member types in the search box is sent in the body of a POST, never in a GET's
  // query string: a code typed there reaches no address bar, no browser history, no proxy's log.
  it('sends the search box in a POST: a code typed reaches no URL; words, village, category and clock stay bookmarkable', async () => {
    const handler = await staffMember('handler');
    const code = codeFromReceipt(await (await postForm('/mailbox', await proven('submission', submission()))).text());
    const page = await (await staffGet(handler, '/staff/cases')).text();
    const form = /<form method="post" action="\/staff\/cases" class="filter-form">([\s\S]*?)<\/form>/.exec(page)?.[1];
    expect(form).toContain('name="csrf"');
    expect(form).toContain('name="q"');
    expect(page).not.toMatch(/<form method="get"[^>]*filter-form/);

    // A code typed, as a resident might read it out (grouped, lower case): dropped, and said so.
    for (const typed of [code, code.toLowerCase().replace(/-/g, ' ')]) {
      const sent = await staffPost(handler, '/staff/cases', { show: 'all', village: 'xiling', category: 'demand', clock: 'overdue', q: typed });
      expect(sent.status).toBe(303);
      const location = sent.headers.get('location')!;
      expect(location).toBe('/staff/cases?show=all&village=xiling&category=demand&clock=overdue&codeTyped=1');
      const landed = await (await staffGet(handler, location)).text();
      expect(landed).toContain('查询码不能用于工作台的搜索');
      expect(landed).not.toContain(code);
      expect(landed).not.toContain(typed);
    }
    // In the staff member's language.
    const en = await staffPost(handler, '/en/staff/cases', { q: code });
    expect(en.headers.get('location')).toBe('/en/staff/cases?codeTyped=1');
    expect(await (await staffGet(handler, en.headers.get('location')!)).text()).toContain('query codes are not used to search the console');

    // Words and a case number are a filter like any other: the GET it lands on can be bookmarked.
    const words = await staffPost(handler, '/staff/cases', { show: 'open', village: '', category: 'demand', clock: '', q: '路灯 不亮' });
    expect(words.headers.get('location')).toBe(`/staff/cases?category=demand&q=${encodeURIComponent('路灯 不亮')}`);
    const number = await staffPost(handler, '/staff/cases', { q: 'CL-2026-000001' });
    expect(number.headers.get('location')).toBe('/staff/cases?q=CL-2026-000001');

    // Like every console form, it needs the session's CSRF token.
    expect((await staffPost(handler, '/staff/cases', { q: '路灯' }, 'not-the-token')).status).toBe(403);
  });
});

describe('a published outcome and the resident’s rating', () => {
  it('says on the outcome that the resident has not rated it yet, and shows the rating from the next release after it', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const handler = await staffMember('handler');
    const receipt = await (await postForm('/mailbox', await proven('submission', submission()))).text();
    const number = /CL-\d{4}-\d{6}/.exec(receipt)![0];
    const code = codeFromReceipt(receipt);
    await move(officer, number, 'accept');
    await move(officer, number, 'resolve_at_once', { message: '路灯已修好。' });
    await move(officer, number, 'close', { message: '结案。' });

    // The publishing form tells town staff when the resident's rating shows.
    const form = await (await staffGet(handler, `/staff/cases/${number}`)).text();
    expect(form).toContain('反映人的评价会在下一次统计发布时显示在公开的办理结果上');
    const published = { problem: '村口路灯不亮。', action: '联络员联系电工更换灯泡。', outcome: '路灯已恢复照明。' };
    expect((await staffPost(handler, `/staff/cases/${number}/outcome`, published)).status).toBe(303);
    const before = await (await call(`/outcomes/${number}`)).text();
    expect(before).toContain('反映人评价');
    expect(before).toContain('反映人尚未评价');

    const token = followupFormOf(await (await postForm('/track', { code })).text()).token;
    expect((await postForm('/track/feedback', { token, rating: 'basically_satisfied', comment: '' })).status).toBe(201);
    // Not at once: watching the page does not tell when the resident rated.
    expect(await (await call(`/outcomes/${number}`)).text()).toContain('反映人尚未评价');
    await scheduledStatistics(env.DB, new Date());
    expect(await (await call(`/outcomes/${number}`)).text()).toContain('反映人尚未评价');
    // The release of the morning after covers the rating's day.
    await scheduledStatistics(env.DB, new Date(startOfTownDate(townDate(new Date())).getTime() + 31 * 60 * 60 * 1000));
    const after = await (await call(`/outcomes/${number}`)).text();
    expect(after).not.toContain('反映人尚未评价');
    expect(after).toMatch(/反映人评价<\/dt><dd[^>]*>基本满意</);
    expect(await (await call(`/en/outcomes/${number}`)).text()).toMatch(/Resident’s rating<\/dt><dd[^>]*>Basically satisfied</);
  });
});

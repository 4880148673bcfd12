// The discipline committee's closings in public: a notice of a case closed with 予以了结 or
// 移送审查调查 gives that result, in the rule's words, wherever the public reads it (the notice, the
// list and its filter, the feed, the open data, Open311) and as the reporter's query page names it,
// never "resolved". The reporter is not asked to rate such a closing (the objection is the recourse),
// and the village tables count the committee's closings nowhere but among its disposals.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { PeriodTables } from '../../core/stats/figures.ts';
import { validateSubmission } from '../../worker/cases/submission.ts';
import { insertFeedback } from '../../worker/db/handling.ts';
import { moveCase } from '../../worker/services/handling.ts';
import { submit } from '../../worker/services/mailbox.ts';
import { computeRelease, foldStatistics, scheduledStatistics } from '../../worker/services/stats.ts';
import { startOfTownDate } from '../../core/stats/periods.ts';
import { townDate } from '../../core/clock.ts';
import { sealForCase } from './committee-support.ts';
import { statsStaff } from './stats-history.ts';
import { closedCase, move, staffGet, staffMember, staffPost } from './staff-support.ts';
import { call, codeFromReceipt, followupFormOf, newId, postForm, proofFor, submission } from './support.ts';
import { TEST_QUERY_CODE_KEY } from './test-key.ts';

const notice = { problem: '反映村干部在低保评议中优亲厚友。', action: '镇纪委经集体研究作出处置。', outcome: '已按规定处理。' };

/** A cadre report sent on the web: its number and query code. */
async function cadreReport(subject: string): Promise<{ number: string; code: string }> {
  const html = await (await postForm('/mailbox', submission({ category: 'cadre-report', subject, description: `${subject}，请镇纪委核查。` }))).text();
  return { number: /CL-\d{4}-\d{6}/.exec(html)![0], code: codeFromReceipt(html) };
}

/** A cadre report the committee took up and closed by `way` (予以了结 or 移送审查调查), with a notice published. */
async function closedAndPublished(way: 'conclude' | 'transfer', subject: string) {
  const member = await staffMember('discipline');
  const { number, code } = await cadreReport(subject);
  expect((await move(member, number, 'take_up', { message: '您反映的问题已受理。' })).status).toBe(303);
  expect((await move(member, number, way, { message: '处理结果已告知。', note: '经集体研究决定。' })).status).toBe(303);
  const console = await (await staffGet(member, `/staff/cases/${number}`)).text();
  expect((await staffPost(member, `/staff/cases/${number}/outcome`, notice)).status).toBe(303);
  return { member, number, code, console };
}

const open311 = async (path: string) => ((await (await call(path)).json()) as { service_request_id: string; status: string; status_notes: string }[])[0]!;
const rssItem = (xml: string, number: string) => new RegExp(`<item>(?:(?!</item>)[\\s\\S])*?<guid isPermaLink="false">${number}</guid>[\\s\\S]*?</item>`).exec(xml)?.[0] ?? '';

describe('a committee closing on its public notice', () => {
  it('passed to 审查调查: the notice, the list, the feed, the open data, Open311 and the query page all say so, in Chinese and in English', async () => {
    const { number, code, console } = await closedAndPublished('transfer', '反映村主任虚报冒领补贴');
    const page = await (await call(`/outcomes/${number}`)).text();
    expect(page).toContain('<strong>已移送审查调查</strong>');
    expect(page).not.toContain('已解决');
    const en = await (await call(`/en/outcomes/${number}`)).text();
    expect(en).toContain('<strong>Passed to review and investigation</strong>');
    expect(en).not.toContain('Resolved');

    // The list, filtered by its own result: found there, not among the resolved.
    const list = await (await call('/outcomes?result=transferred')).text();
    expect(list).toContain(`/outcomes/${number}"`);
    expect(list).toContain('<option value="transferred" selected="">已移送审查调查</option>');
    expect(await (await call('/outcomes?result=resolved')).text()).not.toContain(`/outcomes/${number}"`);
    expect(await (await call('/en/outcomes?result=transferred')).text()).toContain('Passed to review and investigation</option>');

    expect(rssItem(await (await call('/outcomes/rss.xml')).text(), number)).toContain('<category>已移送审查调查</category>');
    expect(rssItem(await (await call('/en/outcomes/rss.xml')).text(), number)).toContain('<category>Passed to review and investigation</category>');

    const json = (await (await call('/api/public/outcomes.json')).json()) as { outcomes: { caseNumber: string; result: string }[] };
    expect(json.outcomes.find((o) => o.caseNumber === number)?.result).toBe('transferred');

    const request = await open311(`/open311/v2/requests/${number}.json`);
    expect(request).toMatchObject({ service_request_id: number, status: 'closed', status_notes: '已移送审查调查: 已按规定处理。' });
    expect((await open311(`/open311/v2/requests/${number}.json?lang=en`)).status_notes).toBe('Passed to review and investigation: 已按规定处理。');
    expect(await (await call(`/open311/v2/requests/${number}.xml`)).text()).toContain('<status_notes>已移送审查调查: 已按规定处理。</status_notes>');

    // The reporter's query page names the same closing, and asks for no rating.
    const track = await (await postForm('/track', { code })).text();
    expect(track).toContain('已办结：移送审查调查');
    expect(track).not.toContain('name="rating"');
    expect(track).toContain('提出异议或补充新的证据材料');
    const trackEn = await (await postForm('/en/track', { code })).text();
    expect(trackEn).toContain('Closed: Passed to review and investigation');
    expect(trackEn).not.toContain('name="rating"');

    // The member publishing it was told what the notice would say, not to wait for a rating.
    expect(console).toContain('案件通报公开的结果是“已移送审查调查”');
    expect(console).not.toContain('id="outcome-rating-hint"');
  });

  it('closed with 予以了结: “予以了结 / Closed with no further action”, never “resolved”', async () => {
    const { number, console } = await closedAndPublished('conclude', '反映村会计账目不清');
    const page = await (await call(`/outcomes/${number}`)).text();
    expect(page).toContain('<strong>予以了结</strong>');
    expect(page).not.toContain('已解决');
    expect(console).toContain('案件通报公开的结果是“予以了结”');
    expect(await (await call(`/en/outcomes/${number}`)).text()).toContain('<strong>Closed with no further action</strong>');
    expect(await (await call('/outcomes?result=concluded')).text()).toContain(`/outcomes/${number}"`);
    expect((await open311(`/open311/v2/requests/${number}.json?lang=en`)).status_notes).toBe('Closed with no further action: 已按规定处理。');
  });

  it('keeps an ordinary case’s notice “resolved”, with its rating hint for staff', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const handler = await staffMember('handler');
    const number = await closedCase(officer);
    expect(await (await staffGet(handler, `/staff/cases/${number}`)).text()).toContain('id="outcome-rating-hint"');
    expect((await staffPost(handler, `/staff/cases/${number}/outcome`, { problem: '村道路灯损坏。', action: '更换了灯泡。', outcome: '路灯已恢复照明。' })).status).toBe(303);
    expect(await (await call(`/outcomes/${number}`)).text()).toContain('<strong>已解决</strong>');
  });
});

describe('a committee notice after the reporter objects', () => {
  it('says the case is being handled again from the next release, in both languages, with no day and nothing of the objection, until a new notice is published', async () => {
    const { member, number, code } = await closedAndPublished('conclude', '反映村委会采购不公开');
    const token = followupFormOf(await (await postForm('/track', { code })).text()).token;
    const objection = '我对予以了结有异议：采购合同上的签字不是本人所签。';
    expect((await postForm('/track/committee', { token, recourseId: newId(), kind: 'object', recourse: objection })).status).toBe(201);

    // Nothing public changes at once, nor the morning after, when the day's open line is released:
    // a mark appearing overnight would tell whoever reads the notices every morning the day the
    // reporter objected. It waits for the release of the month's tables.
    const today = townDate(new Date());
    const morningAfter = new Date(startOfTownDate(today).getTime() + 31 * 60 * 60 * 1000);
    const unchanged = async () => {
      expect(await (await call(`/outcomes/${number}`)).text()).toContain('<strong>予以了结</strong>');
      expect(await (await call('/outcomes?result=reopened')).text()).not.toContain(`/outcomes/${number}"`);
      expect((await open311(`/open311/v2/requests/${number}.json`)).status).toBe('closed');
    };
    await unchanged();
    await scheduledStatistics(env.DB, morningAfter);
    expect(await env.DB.prepare(`SELECT count(*) AS n FROM stats_releases WHERE kind = 'open' AND cutoff = ?1`).bind(today).first('n')).toBe(1);
    // (On a month's last day the month's tables come out that same morning: nothing to tell apart then.)
    if (townDate(morningAfter).slice(0, 7) === today.slice(0, 7)) await unchanged();
    const [year, month] = today.split('-').map(Number) as [number, number];
    const nextMonth = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
    // Past the first working day after the month (after the October holidays too).
    await scheduledStatistics(env.DB, new Date(startOfTownDate(nextMonth).getTime() + 20 * 24 * 60 * 60 * 1000));

    const page = await (await call(`/outcomes/${number}`)).text();
    expect(page).not.toContain('<strong>予以了结</strong>');
    expect(page).toContain('<strong class="outcome-reopened">重新办理中</strong> · 此前公布的结果：予以了结');
    expect(page).toContain('本案已重新受理，正在重新办理。下面是此前公布的结果，已不是本案的最终结果');
    expect(page).not.toContain('本案已于'); // no day: when the objection arrived is the committee's
    expect(page).not.toContain('不满意'); // nor what the reporter sent, nor that it was dissatisfaction
    const en = await (await call(`/en/outcomes/${number}`)).text();
    expect(en).toContain('<strong class="outcome-reopened">Reopened</strong> · Result published before: Closed with no further action');
    expect(en).toContain('The case has been taken up again and is being handled again.');
    expect(await (await call('/outcomes?result=reopened')).text()).toContain(`/outcomes/${number}"`);
    expect(await (await call('/outcomes?result=concluded')).text()).not.toContain(`/outcomes/${number}"`);
    const feed = rssItem(await (await call('/outcomes/rss.xml')).text(), number);
    expect(feed).toContain('<category>重新办理中</category>');
    expect(feed).toContain('本案已重新受理，正在重新办理。');
    const json = (await (await call('/api/public/outcomes.json')).json()) as { outcomes: { caseNumber: string; publishedAt: string; reopenedOn: string | null }[] };
    const row = json.outcomes.find((o) => o.caseNumber === number)!;
    expect(row.reopenedOn).toBe(row.publishedAt); // the notice's own day, never the objection's
    const request = (await (await call(`/open311/v2/requests/${number}.json`)).json()) as { status: string; status_notes: string; updated_datetime: string }[];
    expect(request[0]).toMatchObject({ status: 'open', status_notes: '本案已重新受理，正在重新办理。 此前公布的结果：予以了结: 已按规定处理。' });
    expect(request[0]!.updated_datetime).toBe(`${row.publishedAt}T00:00:00+08:00`);
    expect((await open311(`/open311/v2/requests/${number}.json?lang=en`)).status_notes).toBe(
      'The case has been taken up again and is being handled again. Result published before: Closed with no further action: 已按规定处理。',
    );
    for (const body of [page, en, feed, JSON.stringify(json), JSON.stringify(request)]) expect(body).not.toContain(objection);

    // The committee takes it up again, closes it, and publishes the new notice over the old one.
    expect((await move(member, number, 'take_up', { message: '已重新受理您的异议。' })).status).toBe(303);
    expect((await move(member, number, 'transfer', { message: '已移送审查调查。', note: '经复查。' })).status).toBe(303);
    expect((await staffPost(member, `/staff/cases/${number}/outcome`, notice)).status).toBe(303);
    const renewed = await (await call(`/outcomes/${number}`)).text();
    expect(renewed).toContain('<strong>已移送审查调查</strong>');
    expect(renewed).not.toContain('id="outcome-reopened"');
    expect((await open311(`/open311/v2/requests/${number}.json`)).status).toBe('closed');
  });
});

describe('the reporter after a committee closing', () => {
  it('is not asked to rate it, and a rating sent anyway is refused and not kept, in both languages', async () => {
    const member = await staffMember('discipline');
    const { number, code } = await cadreReport('反映村支书违规发放补贴');
    await move(member, number, 'take_up', { message: '已受理。' });
    await move(member, number, 'conclude', { message: '经集体研究，予以了结。', note: '反映问题不属实。' });
    const page = await (await postForm('/track', { code })).text();
    expect(page).not.toContain('id="feedback-title"');
    const { token } = followupFormOf(page);
    for (const [path, text] of [
      ['/track/feedback', '镇纪委、监察办公室办结的问题线索不作满意度评价。'],
      ['/en/track/feedback', 'is not rated for satisfaction'],
    ] as const) {
      const feedbackId = newId();
      const res = await postForm(path, { token, feedbackId, rating: 'satisfied', comment: '', proof: await proofFor('feedback', feedbackId) });
      expect(res.status).toBe(409);
      expect(await res.text()).toContain(text);
    }
    const kept = await env.DB.prepare(`SELECT count(*) AS n FROM case_feedback f JOIN cases c ON c.id = f.case_id WHERE c.case_number = ?1`).bind(number).first('n');
    expect(kept).toBe(0);
  });
});

describe('the committee’s closings in the public figures', () => {
  it('are not counted as a village’s closings (办结) nor in its response rate: only among the committee’s disposals', async () => {
    const { handler, committee } = await statsStaff();
    const at = (day: number, hour = 2) => new Date(Date.UTC(2021, 4, day, hour));
    const sent = async (day: number) => {
      const s = validateSubmission(submission({ village: 'xiling', category: 'demand' }));
      if (!s.ok) throw new Error('invalid');
      const r = await submit(env.DB, TEST_QUERY_CODE_KEY, s.value, 'zh-CN', at(day, 1));
      if (!r.ok) throw new Error('not sent');
      return r.value.receipt.caseNumber;
    };
    const moved = async (viewer: typeof handler, number: string, move: string, day: number, sealed = false) => {
      const text = (t: string) => (sealed ? sealForCase(number, t) : Promise.resolve(t));
      const r = await moveCase(env.DB, viewer, number, { move: move as never, message: await text('答复'), ...(sealed && { note: await text('经集体研究决定') }) }, at(day));
      if (!r.ok) throw new Error(`${move}: ${JSON.stringify(r)}`);
    };
    // May 2021, Xiling: ten demands resolved at once and closed, each rated by its resident…
    for (let i = 0; i < 10; i++) {
      const number = await sent(10);
      for (const m of ['accept', 'resolve_at_once', 'close']) await moved(handler, number, m, 11);
      const row = await env.DB.prepare('SELECT id, version FROM cases WHERE case_number = ?1').bind(number).first<{ id: number; version: number }>();
      await insertFeedback(env.DB, { id: row!.id, version: row!.version, closing: 0 }, { rating: 'satisfied', comment: null, at: at(12).toISOString() }, null);
    }
    // …and three passed to the committee, which took them up and closed them: two 予以了结, one 移送审查调查.
    for (const way of ['conclude', 'conclude', 'transfer']) {
      const number = await sent(10);
      await moved(handler, number, 'escalate', 11);
      await moved(committee, number, 'take_up', 12, true);
      await moved(committee, number, way, 13, true);
    }
    await foldStatistics(env.DB);
    const may = JSON.parse(await computeRelease(env.DB, 'tables', 'month', '2021-05')) as PeriodTables;
    const xiling = may.villages.find((v) => v.id === 'xiling')!;
    expect(xiling.counts).toMatchObject({ received: 13, resolvedAtOnce: 10, closed: 10 });
    expect(xiling.responseRate).toBe(1);
    expect(may.town.counts.closed).toBe(10);
    const q2 = JSON.parse(await computeRelease(env.DB, 'cadre', 'quarter', '2021-Q2')) as Record<string, unknown>;
    expect(q2).toMatchObject({ escalated: 3, disposedConclude: '<3', disposedTransfer: '<3' });
  });
});

describe('migration 0025', () => {
  it('gives a notice published of a committee closing as “resolved” the result of the closing it tells, and keeps the others', async () => {
    const [transferred, concluded, reopened] = await Promise.all([cadreReport('迁移前的移送审查调查'), cadreReport('迁移前的予以了结'), cadreReport('迁移前办结又提出异议')]);
    const member = await staffMember('discipline');
    for (const [c, way] of [[transferred, 'transfer'], [concluded, 'conclude'], [reopened, 'conclude']] as const) {
      await move(member, c.number, 'take_up', { message: '已受理。' });
      await move(member, c.number, way, { message: '已办结。', note: '经集体研究决定。' });
      expect((await staffPost(member, `/staff/cases/${c.number}/outcome`, notice)).status).toBe(303);
    }
    // The reporter objected after the notice of the third was published: it still tells of its 予以了结.
    const page = await (await postForm('/track', { code: reopened.code })).text();
    const recourseId = newId();
    const objected = await postForm('/track/committee', { token: followupFormOf(page).token, recourseId, kind: 'object', recourse: '我对处理结果有异议。', proof: await proofFor('feedback', recourseId) });
    expect(objected.status).toBe(201);
    const officer = await staffMember('liaison', 'dongling');
    const ordinary = await closedCase(officer, { village: 'dongling' });
    expect((await staffPost(await staffMember('handler'), `/staff/cases/${ordinary}/outcome`, notice)).status).toBe(303);
    // As they stood before the migration: every notice "resolved".
    await env.DB.prepare(`UPDATE outcomes SET result = 'resolved'`).run();

    const migration = (env.TEST_MIGRATIONS as { name: string; queries: string[] }[]).find((m) => m.name.startsWith('0025_'))!;
    await env.DB.batch(migration.queries.map((q) => env.DB.prepare(q)));

    const resultOf = (number: string) => env.DB.prepare(`SELECT result FROM outcomes WHERE case_number = ?1`).bind(number).first('result');
    expect(await resultOf(transferred.number)).toBe('transferred');
    expect(await resultOf(concluded.number)).toBe('concluded');
    expect(await resultOf(reopened.number)).toBe('concluded');
    expect(await resultOf(ordinary)).toBe('resolved');
    expect(await (await call(`/outcomes/${transferred.number}`)).text()).toContain('<strong>已移送审查调查</strong>');
    // The rebuilt table keeps its index and still refuses a result it does not know.
    expect(await env.DB.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND name = 'outcomes_published' AND tbl_name = 'outcomes'`).first('n')).toBe(1);
    await expect(env.DB.prepare(`UPDATE outcomes SET result = 'settled' WHERE case_number = ?1`).bind(ordinary).run()).rejects.toThrow(/CHECK/);
  });
});

// Check-ins after a committee case closes: 30, 90 and 180 calendar days later the resident's query
// page asks once whether anyone has treated them unfairly because of it. The answer is sealed; a
// "yes" opens a linked 打击报复 case for the committee. Nothing is sent to the resident: it is there
// when they look the case up, without JavaScript as with it.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkInDate, checkInDueAt, checkInSchedule } from '../../worker/cases/checkins.ts';
import { asCommitteeSees, committeeKey } from './committee-support.ts';
import { caseRow, lookUp, sendCase } from './routing-support.ts';
import { call, codeFromReceipt, dumpDatabase, followupFormOf, postForm, proofFor, proven } from './support.ts';
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../worker/index.ts';
import { openPendingCheckIns } from '../../worker/services/checkins.ts';
import { TEST_QUERY_CODE_KEY } from './test-key.ts';
import { startOfTownDay } from '../../core/clock.ts';
import { hashQueryCode, normalizeQueryCode } from '../../worker/cases/query-code.ts';
import { move, staffGet, staffMember, type Staff } from './staff-support.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

const retaliations = () => env.DB.prepare(`SELECT count(*) AS n FROM cases WHERE category_id = 'retaliation'`).first<number>('n');

describe('the check-in schedule', () => {
  // Closed on 1 September 2026 at 00:30 town time.
  const closedAt = '2026-08-31T16:30:00.000Z';

  it('falls due by calendar days, from the start of the town day, holidays or not', () => {
    // 30 days later is 1 October: National Day, a holiday. It is due all the same.
    expect(checkInDate(closedAt, 30)).toBe('2026-10-01');
    expect(checkInDueAt(closedAt, 30).toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(checkInSchedule(closedAt, [], new Date('2026-09-30T15:59:59Z')).due).toBeNull();
    expect(checkInSchedule(closedAt, [], new Date('2026-09-30T16:00:00Z')).due).toEqual({ days: 30, date: '2026-10-01' });
    expect(checkInDate(closedAt, 90)).toBe('2026-11-30');
    expect(checkInDate(closedAt, 180)).toBe('2027-02-28');
    // A closing late in the town's evening is already the next UTC day's date there.
    expect(checkInDate('2026-03-31T17:00:00.000Z', 30)).toBe('2026-05-01');
  });

  it('asks only the latest one due, lets the earlier ones lapse, and says when the next is', () => {
    expect(checkInSchedule(closedAt, [], new Date('2026-09-10T00:00:00Z'))).toEqual({ due: null, next: { days: 30, date: '2026-10-01' } });
    expect(checkInSchedule(closedAt, [], new Date('2026-10-05T00:00:00Z'))).toEqual({ due: { days: 30, date: '2026-10-01' }, next: { days: 90, date: '2026-11-30' } });
    expect(checkInSchedule(closedAt, [30], new Date('2026-10-05T00:00:00Z'))).toEqual({ due: null, next: { days: 90, date: '2026-11-30' } });
    // Back after 100 days without having answered: the 90-day question, not the 30-day one too.
    expect(checkInSchedule(closedAt, [], new Date('2026-12-10T00:00:00Z'))).toEqual({ due: { days: 90, date: '2026-11-30' }, next: { days: 180, date: '2027-02-28' } });
    expect(checkInSchedule(closedAt, [90], new Date('2026-12-10T00:00:00Z'))).toEqual({ due: null, next: { days: 180, date: '2027-02-28' } });
    expect(checkInSchedule(closedAt, [30, 90], new Date('2027-03-01T00:00:00Z'))).toEqual({ due: { days: 180, date: '2027-02-28' }, next: null });
    expect(checkInSchedule(closedAt, [30, 90, 180], new Date('2028-01-01T00:00:00Z'))).toEqual({ due: null, next: null });
  });
});

const staff = {} as Record<'member' | 'handler', Staff>;

beforeAll(async () => {
  await committeeKey();
  staff.member = await staffMember('discipline');
  staff.handler = await staffMember('handler');
});

/** A cadre report the committee handled and closed; its closing moved `daysAgo` into the past. */
async function closedReport(daysAgo: number, overrides: Record<string, string> = {}) {
  const sent = await sendCase({ category: 'cadre-report', subject: '反映村支书优亲厚友', ...overrides });
  expect((await move(staff.member, sent.number, 'take_up')).status).toBe(303);
  expect((await move(staff.member, sent.number, 'conclude', { note: '经集体研究，予以了结。' })).status).toBe(303);
  await env.DB.prepare(`UPDATE cases SET closed_at = ?2 WHERE case_number = ?1`).bind(sent.number, new Date(Date.now() - daysAgo * DAY).toISOString()).run();
  return sent;
}

/** The check-in form on a query page, answered; with a proof of work as the page's script sends it. */
async function answer(page: string, fields: Record<string, string>, path = '/track/checkin') {
  const { token } = followupFormOf(page);
  const checkinId = /name="checkinId" value="([^"]+)"/.exec(page)?.[1];
  if (!checkinId) throw new Error('no check-in on the page');
  const form = { token, checkinId, ...fields, proof: await proofFor('feedback', checkinId) };
  return { form, res: await postForm(path, form) };
}

describe('a check-in on the query page', () => {
  it('is asked once the day comes, sealed when answered, and then says when the next one is', async () => {
    const report = await closedReport(20);
    const early = await lookUp(report.code);
    expect(early).not.toContain('name="checkinId"');
    expect(early).toMatch(/下次回访：\d{4}年\d{1,2}月\d{1,2}日起（结案后第30天）。到时请再来查询，不会另行通知您。/);

    await env.DB.prepare(`UPDATE cases SET closed_at = ?2 WHERE case_number = ?1`).bind(report.number, new Date(Date.now() - 31 * DAY).toISOString()).run();
    const page = await lookUp(report.code);
    expect(page).toContain('这件事结案以后，有没有人因为这件事对您不公正？');
    expect(page).toContain('这是结案后第30天的回访。');
    const detail = '没有人为难我，村里办事也正常。';
    const { form, res } = await answer(page, { answer: 'no', detail });
    expect(res.status).toBe(201);
    const after = await res.text();
    expect(after).toContain('谢谢您的回答。它已密封保存，只有镇纪委、监察办公室和您自己能看到。');
    expect(after).toContain('结案后第30天回访，您的回答：没有。');
    expect(after).toContain(detail);
    expect(after).not.toContain('name="checkinId"');
    expect(after).toContain('（结案后第90天）');

    // Sealed: neither the words nor the answer are in the database; the committee reads both.
    expect(await dumpDatabase(env.DB)).not.toContain(detail);
    const seen = await asCommitteeSees(await (await staffGet(staff.member, `/staff/cases/${report.number}`)).text());
    expect(seen).toContain('结案后第30天回访：回答“没有”。');
    expect(seen).toContain(detail);
    // The same form again changes nothing; another answer to the same check-in is refused.
    expect((await postForm('/track/checkin', form)).status).toBe(201);
    const changed = await answer(page, { answer: 'yes' });
    expect(changed.res.status).toBe(409);
    const changedHtml = await changed.res.text();
    expect(changedHtml).toContain('这次回访已经回答过了。');
    const fresh = await lookUp(report.code);
    expect(fresh).not.toContain('name="checkinId"');
    const forced = await postForm('/track/checkin', { token: followupFormOf(fresh).token, checkinId: 'B'.repeat(22), answer: 'yes' });
    expect(forced.status).toBe(409);
    expect(await forced.text()).toContain('现在没有需要回答的回访。');
    expect(await env.DB.prepare(`SELECT count(*) AS n FROM case_checkins WHERE case_id = ?1`).bind((await caseRow(report.number))!.id).first('n')).toBe(1);
    expect(await env.DB.prepare(`SELECT count(*) AS n FROM cases WHERE category_id = 'retaliation'`).first('n')).toBe(0);
  });

  it('gives a new code at once on “yes”, and the cron opens the linked 打击报复 case for the committee apart from the answer', async () => {
    const report = await closedReport(95);
    const page = await lookUp(report.code);
    expect(page).toContain('这是结案后第90天的回访。');
    const detail = '结案后我申请的危房改造一直不给批。';
    const { form, res } = await answer(page, { answer: 'yes', detail });
    expect(res.status).toBe(201);
    const opened = await res.text();
    expect(opened).toContain('已为您新立一件打击报复案件');
    expect(opened).toContain(`并已关联到案件 ${report.number}`);
    const code = codeFromReceipt(opened);
    // No case number yet: the case is registered by the cron, apart from the answer.
    expect(opened).not.toContain('id="case-number"');
    expect(opened).toContain('案件编号在登记后给出：新案件在三天之内登记。');
    expect(await retaliations()).toBe(0);
    expect(await dumpDatabase(env.DB)).not.toContain(detail);

    // Looked up before the cron: received, being registered (not "not found").
    const early = await postForm('/track', await proven('track', { code }));
    expect(early.status).toBe(202);
    const earlyHtml = await early.text();
    expect(earlyHtml).toContain('已收到，正在登记');
    expect(earlyHtml).not.toContain('没有找到与这个查询码对应的反映');
    // The old page shows the answer and the next check-in at once.
    const old = await lookUp(report.code);
    expect(old).toContain('结案后第90天回访，您的回答：有人因为这件事对您不公正。已为此新立一件打击报复案件，转镇纪委、监察办公室办理。');
    expect(old).toContain(detail);
    expect(old).toContain('（结案后第180天）');

    // The cron of the same day opens nothing; a run at its random moment (working hours, one to
    // three town days on) opens it: not as the first case of the day after the answer.
    expect(await openPendingCheckIns(env.DB, TEST_QUERY_CODE_KEY, new Date())).toBe(0);
    expect(await openPendingCheckIns(env.DB, TEST_QUERY_CODE_KEY, new Date(startOfTownDay(new Date()).getTime() + DAY + 8 * HOUR - 1))).toBe(0);
    expect(await openPendingCheckIns(env.DB, TEST_QUERY_CODE_KEY, new Date(startOfTownDay(new Date()).getTime() + 3 * DAY + 20 * HOUR))).toBe(1);
    expect(await env.DB.prepare(`SELECT count(*) AS n FROM checkin_pending`).first('n')).toBe(0);
    const number = (await env.DB.prepare(`SELECT case_number FROM cases WHERE category_id = 'retaliation'`).first<string>('case_number'))!;
    expect(number).not.toBe(report.number);
    expect(await caseRow(number)).toMatchObject({ category_id: 'retaliation', discipline: 1, status: 'escalated', village_id: 'qinglian', channel: 'web', created_by: null, anonymous: 1 });

    // The committee finds it in its queue, linked to the earlier case, with the resident's words.
    const queue = await (await staffGet(staff.member, '/staff/cases')).text();
    expect(queue).toContain(number);
    const seen = await asCommitteeSees(await (await staffGet(staff.member, `/staff/cases/${number}`)).text());
    expect(seen).toContain(`来自案件 ${report.number} 结案后第90天回访的回答`);
    expect(seen).toContain(detail);
    expect(await asCommitteeSees(await (await staffGet(staff.member, `/staff/cases/${report.number}`)).text())).toContain('结案后第90天回访：回答“有”（因本案受到不公正对待），已新立打击报复案件。');
    // Nobody else sees either.
    for (const n of [number, report.number]) expect((await staffGet(staff.handler, `/staff/cases/${n}`)).status).toBe(403);

    // The new code opens the new case.
    const mine = await lookUp(code);
    expect(mine).toContain(`这件事来自您对案件 ${report.number} 结案后第90天回访的回答。`);
    expect(mine).toContain(detail);

    // A retried form gives the case number, never the code again, and opens nothing more.
    const retried = await postForm('/track/checkin', form);
    expect(retried.status).toBe(200);
    const replay = await retried.text();
    expect(replay).toContain(number);
    expect(replay).not.toContain(code);
    expect(replay).toContain('这次回访已经回答过，新案件已经收到。');
    expect(await retaliations()).toBe(1);
  });

  it('keeps a case the cron could not store for its next run, rather than lose it with its row', async () => {
    const report = await closedReport(33);
    const { res } = await answer(await lookUp(report.code), { answer: 'yes' });
    const code = codeFromReceipt(await res.text());
    const before = (await retaliations())!;
    // A case already answers the new code's hash: storing the new one fails (as a transient error would).
    const codeHash = await hashQueryCode(TEST_QUERY_CODE_KEY, normalizeQueryCode(code)!);
    await env.DB.prepare(
      `INSERT INTO cases (case_number, code_hash, village_id, category_id, subject, description, anonymous, channel, locale, status, created_at, updated_at, accept_due_at)
       VALUES ('CL-2000-999999', ?1, 'qinglian', 'demand', 'x', 'x', 1, 'web', 'zh-CN', 'received', ?2, ?2, ?2)`,
    )
      .bind(codeHash, startOfTownDay(new Date()).toISOString())
      .run();
    const later = new Date(startOfTownDay(new Date()).getTime() + 4 * DAY);
    expect(await openPendingCheckIns(env.DB, TEST_QUERY_CODE_KEY, later)).toBe(0);
    expect(await env.DB.prepare(`SELECT count(*) AS n FROM checkin_pending WHERE code_hash = ?1`).bind(codeHash).first('n')).toBe(1);
    // Once it can be stored, the next run opens it.
    await env.DB.prepare(`DELETE FROM cases WHERE case_number = 'CL-2000-999999'`).run();
    expect(await openPendingCheckIns(env.DB, TEST_QUERY_CODE_KEY, later)).toBe(1);
    expect(await retaliations()).toBe(before + 1);
    expect(await env.DB.prepare(`SELECT count(*) AS n FROM checkin_pending WHERE code_hash = ?1`).bind(codeHash).first('n')).toBe(0);
  });

  it('is opened by the hourly cron of the worker itself', async () => {
    const report = await closedReport(31);
    const { res } = await answer(await lookUp(report.code), { answer: 'yes' });
    const code = codeFromReceipt(await res.text());
    const before = (await retaliations())!;
    // Its case is sealed to the committee's current key until registered: no rotation meanwhile.
    const rotate = await call('/staff/committee/rotate', { method: 'POST', headers: { cookie: staff.member.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ csrf: staff.member.csrf }) });
    expect(rotate.status).toBe(409);
    expect(await rotate.text()).toContain('有回访答复产生的案件正在等待登记');
    // The answer's day is gone by when the cron runs.
    await env.DB.prepare(`UPDATE checkin_pending SET day = '2000-01-01'`).run();
    const ctx = createExecutionContext();
    await worker.scheduled!(createScheduledController(), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await retaliations()).toBe(before + 1);
    expect(await lookUp(code)).toContain(`这件事来自您对案件 ${report.number} 结案后第30天回访的回答。`);
  });

  it('is for closed committee cases only, and says what is wrong in both languages', async () => {
    // An ordinary case, closed long ago: no check-in.
    const ordinary = await sendCase();
    for (const step of ['accept', 'resolve_at_once', 'close']) await move(staff.handler, ordinary.number, step);
    await env.DB.prepare(`UPDATE cases SET closed_at = ?2 WHERE case_number = ?1`).bind(ordinary.number, new Date(Date.now() - 40 * DAY).toISOString()).run();
    const ordinaryPage = await lookUp(ordinary.code);
    expect(ordinaryPage).not.toContain('回访');
    expect(ordinaryPage).not.toContain('name="checkinId"');
    const forced = await postForm('/track/checkin', { token: followupFormOf(ordinaryPage).token, checkinId: 'A'.repeat(22), answer: 'yes' });
    expect(forced.status).toBe(409);
    expect(await forced.text()).toContain('现在没有需要回答的回访。');
    // Only the three "yes" answers above opened one each; this refusal opened none.
    expect(await retaliations()).toBe(3);
    // A committee case still open: none either.
    const open = await sendCase({ category: 'cadre-report' });
    expect(await lookUp(open.code)).not.toContain('name="checkinId"');

    const report = await closedReport(31);
    const page = await lookUp(report.code, '/en/track');
    expect(page).toContain('Since this case closed, has anyone treated you unfairly because of it?');
    const none = await answer(page, {}, '/en/track/checkin');
    expect(none.res.status).toBe(422);
    expect(await none.res.text()).toContain('Choose an answer.');
    const long = await answer(page, { answer: 'no', detail: '长'.repeat(2001) }, '/en/track/checkin');
    expect(long.res.status).toBe(422);
    expect(await long.res.text()).toContain('What you add can have at most 2000 characters.');
    const expired = await postForm('/track/checkin', { token: 'x'.repeat(43), checkinId: 'A'.repeat(22), answer: 'no' });
    expect(expired.status).toBe(410);
    expect(await env.DB.prepare(`SELECT count(*) AS n FROM case_checkins WHERE case_id = ?1`).bind((await caseRow(report.number))!.id).first('n')).toBe(0);
  });
});

/// <reference types="vite/client" />
// A question about a disclosure runs on a clock of 10 working days from its arrival (the town
// calendar): the receipt and the query page say by when it is answered; left unanswered past it,
// the hourly cron passes it to town staff once (not to the discipline committee), flagged in their
// queue, with a step the resident reads in plain words; and the released statistics count a
// question answered in time as resolved within its limit, like every other category.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'node-html-parser';
import { endOfWorkingDaysAfter, formatTownDate, hasPrecision, storedDay } from '../../core/clock.ts';
import { validateSubmission } from '../../worker/cases/submission.ts';
import worker from '../../worker/index.ts';
import { openAt, periodCells } from '../../worker/db/stats.ts';
import { moveCase } from '../../worker/services/handling.ts';
import { submit } from '../../worker/services/mailbox.ts';
import { publishAnswer } from '../../worker/services/disclosure-answers.ts';
import { foldStatistics } from '../../worker/services/stats.ts';
import { importDisclosures } from './publishing-support.ts';
import { statsStaff } from './stats-history.ts';
import { codeFromReceipt, postForm, submission } from './support.ts';
import { TEST_QUERY_CODE_KEY } from './test-key.ts';
import { move, staffGet, staffMember, staffPost, type Staff } from './staff-support.ts';

vi.setConfig({ testTimeout: 60_000 });

const SLUG = 'qinglian-2026-10-finances';
const DAY = 86_400_000;
const text = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

const question = (overrides: Record<string, string> = {}) =>
  submission({ village: 'qinglian', category: 'disclosure-question', disclosure: SLUG, subject: '10月办公费是哪些开支', description: '财务公开里10月办公费2737元，想知道具体买了什么。', ...overrides });

/** A case sent at `at` through the mailbox's own service: its number and query code. */
async function sentAt(fields: Record<string, string>, at: Date): Promise<{ number: string; code: string }> {
  const valid = validateSubmission(fields);
  if (!valid.ok) throw new Error('test submission is invalid');
  const sent = await submit(env.DB, TEST_QUERY_CODE_KEY, valid.value, 'zh-CN', at);
  if (!sent.ok) throw new Error('test submission was refused');
  return { number: sent.value.receipt.caseNumber, code: sent.value.receipt.queryCode ?? '' };
}

/** One run of the hourly cron, as Cloudflare makes it. */
async function hourlyRun(): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '17 * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

const stepsToTown = (number: string) =>
  env.DB.prepare(`SELECT e.created_at FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.case_number = ?1 AND e.kind = 'to_town'`)
    .bind(number)
    .all<{ created_at: string }>()
    .then((r) => r.results);

let liaison: Staff;
let handler: Staff;
let committee: Staff;

beforeAll(async () => {
  await importDisclosures();
  liaison = await staffMember('liaison', 'qinglian');
  handler = await staffMember('handler');
  committee = await staffMember('discipline');
});

describe('a question left unanswered past its 10 working days', () => {
  it('goes to town staff once, flagged in their queue; the village’s officers still read it; the committee does not get it', async () => {
    const longAgo = new Date(Date.now() - 40 * DAY);
    const late = await sentAt(question({ subject: '逾期的疑问：办公费明细' }), longAgo);
    expect((await move(liaison, late.number, 'accept')).status).toBe(303);
    const waiting = await sentAt(question({ subject: '逾期的疑问：还没受理' }), longAgo);
    const answered = await sentAt(question({ subject: '逾期的疑问：已经答复' }), longAgo);
    const answer = '10月办公费2737元为打印纸、墨盒和公开栏维修费用，凭证可在工作日查阅。';
    expect((await staffPost(liaison, `/staff/cases/${answered.number}/answer`, { answer })).status).toBe(303);
    const fresh = await sentAt(question({ subject: '新的疑问：还在期限内' }), new Date());
    const demand = await sentAt(submission({ village: 'qinglian', subject: '逾期的诉求' }), longAgo);
    // Town staff have these already: one kept from the village's officers, one the liaison officer passed to the committee.
    const kept = await sentAt(question({ subject: '逾期的疑问：关于村会计', concernsOfficers: 'yes' }), longAgo);
    const escalated = await sentAt(question({ subject: '逾期的疑问：转了纪委' }), longAgo);
    expect((await move(liaison, escalated.number, 'escalate')).status).toBe(303);

    await hourlyRun();
    await hourlyRun();

    // Once, whatever the number of runs, dated by the town day of the run.
    const steps = await stepsToTown(late.number);
    expect(steps).toEqual([{ created_at: storedDay(new Date()) }]);
    expect(hasPrecision(steps[0]!.created_at, 'day')).toBe(true);
    expect(await stepsToTown(waiting.number)).toHaveLength(1);
    for (const other of [answered, fresh, demand, kept, escalated]) expect(await stepsToTown(other.number), other.number).toEqual([]);
    // Not the committee's: not escalated, still the village's case in its state.
    const row = await env.DB.prepare('SELECT status, discipline, kept_from_village FROM cases WHERE case_number = ?1').bind(late.number).first();
    expect(row).toEqual({ status: 'accepted', discipline: 0, kept_from_village: null });

    // Town staff see it flagged in their queue; the question still within its time is not.
    const queue = parse(await (await staffGet(handler, '/staff/cases')).text());
    expect(text(queue.querySelector(`li[data-case="${late.number}"] .flag-to_town`)?.text)).toBe('逾期未答复，已转镇里');
    expect(queue.querySelector(`li[data-case="${fresh.number}"]`)).not.toBeNull();
    expect(queue.querySelector(`li[data-case="${fresh.number}"] .flag-to_town`)).toBeNull();
    const enQueue = parse(await (await staffGet(handler, '/en/staff/cases')).text());
    expect(text(enQueue.querySelector(`li[data-case="${late.number}"] .flag-to_town`)?.text)).toBe('Unanswered in time: passed to the town');
    const asHandler = parse(await (await staffGet(handler, `/staff/cases/${late.number}`)).text());
    expect(text(asHandler.querySelector('#history')?.text)).toContain('已逾期，转镇里办理');
    expect(asHandler.querySelector('.flag-to_town')).not.toBeNull();

    // The village's supervision still reads it, and may still answer it.
    const asOfficer = await staffGet(liaison, `/staff/cases/${late.number}`);
    expect(asOfficer.status).toBe(200);
    const officerPage = parse(await asOfficer.text());
    expect(text(officerPage.querySelector('#case-subject')?.text)).toBe('逾期的疑问：办公费明细');
    expect(officerPage.querySelector('#answer')).not.toBeNull();
    // The discipline committee reads nothing of it.
    expect(await (await staffGet(committee, `/staff/cases/${late.number}`)).text()).not.toContain('逾期的疑问：办公费明细');
  });

  it('tells the resident in plain words on the query page, in both languages, and who handles it now', async () => {
    const late = await sentAt(question({ subject: '逾期的疑问：资产出租' }), new Date(Date.now() - 40 * DAY));
    await hourlyRun();
    const page = parse(await (await postForm('/track', { code: late.code })).text());
    const steps = page.querySelectorAll('.timeline li').map((li) => text(li.querySelector('.timeline-head')?.text));
    expect(steps.at(-1)).toBe(`${formatTownDate(new Date().toISOString(), 'zh-CN')} 已逾期，转镇里办理`);
    expect(text(page.querySelector('#handled-by')?.text)).toBe('镇里的工作人员（村里逾期没有答复，已转镇里；村联络站仍可答复）');
    expect(text(page.querySelector('#case-overdue')?.text)).toContain('已转镇里办理，您也可以直接联系：镇党政综合办公室');
    const en = parse(await (await postForm('/en/track', { code: late.code })).text());
    expect(text(en.querySelectorAll('.timeline li').at(-1)?.querySelector('.timeline-head')?.text)).toContain('Overdue: passed to the town');
    expect(text(en.querySelector('#handled-by')?.text)).toContain('passed to the town');
  });
});

describe('the question’s due date', () => {
  it('is on the receipt and the query page, in the resident’s words, in Chinese and English', async () => {
    const res = await postForm('/mailbox', question({ subject: '问一下补贴标准' }));
    const html = await res.text();
    expect(res.status).toBe(201);
    const due = endOfWorkingDaysAfter(new Date(), 10).toISOString();
    const receipt = parse(html);
    expect(text(receipt.querySelector('#receipt-due')?.text)).toBe(
      `您的疑问会在10个工作日内得到答复，最晚在${formatTownDate(due, 'zh-CN')}（节假日不算）。 到期还没有答复的，转镇里的工作人员办理。`,
    );
    expect(receipt.querySelector('#receipt-due time')?.getAttribute('datetime')).toBe(due);

    const enHtml = await (await postForm('/en/mailbox', question({ subject: '问一下补贴的发放时间' }))).text();
    expect(text(parse(enHtml).querySelector('#receipt-due')?.text)).toBe(
      `You will get an answer to your question within 10 working days: by ${formatTownDate(due, 'en')} at the latest (public holidays do not count). If there is no answer by then, it is passed to town staff.`,
    );

    const page = parse(await (await postForm('/track', { code: codeFromReceipt(html) })).text());
    const facts = page.querySelector('#answer-due');
    expect(text(facts?.previousElementSibling?.text)).toBe('答复期限');
    expect(text(facts?.text)).toBe(`10个工作日内，最晚${formatTownDate(due, 'zh-CN')} 到期还没有答复的，转镇里的工作人员办理。`);
    const en = parse(await (await postForm('/en/track', { code: codeFromReceipt(html) })).text());
    expect(text(en.querySelector('#answer-due')?.previousElementSibling?.text)).toBe('To be answered by');
    expect(text(en.querySelector('#answer-due')?.text)).toContain(`within 10 working days: ${formatTownDate(due, 'en')} at the latest`);
  });

  it('is not on the receipt of another category', async () => {
    const html = await (await postForm('/mailbox', submission({ village: 'qinglian' }))).text();
    expect(parse(html).querySelector('#receipt-due')).toBeNull();
  });
});

describe('the released statistics', () => {
  it('count a question answered straight from acceptance within its 10 working days as resolved within its limit, and one answered late as not', async () => {
    const { handler: town } = await statsStaff();
    // Monday 2 March 2026, 10:00 town time: due by the end of Friday 13 March.
    const arrived = new Date('2026-03-02T02:00:00Z');
    const inTime = await sentAt(question({ subject: '三月的疑问：按时答复' }), arrived);
    const lateOne = await sentAt(question({ subject: '三月的疑问：逾期答复' }), arrived);
    for (const n of [inTime.number, lateOne.number]) expect((await moveCase(env.DB, town, n, { move: 'accept', message: '已受理。' }, new Date('2026-03-02T06:00:00Z'))).ok).toBe(true);
    expect((await moveCase(env.DB, town, inTime.number, { move: 'resolve_at_once', message: '已答复。' }, new Date('2026-03-10T02:00:00Z'))).ok).toBe(true);
    expect((await moveCase(env.DB, town, lateOne.number, { move: 'resolve_at_once', message: '已答复。' }, new Date('2026-03-20T02:00:00Z'))).ok).toBe(true);
    await foldStatistics(env.DB);
    const { cells } = await periodCells(env.DB, 'month', '2026-02-28T16:00:00.000Z', '2026-03-31T16:00:00.000Z');
    const questions = cells.filter((c) => c.category_id === 'disclosure-question' && c.village_id === 'qinglian');
    const sum = (k: 'timeLimitEnded' | 'resolvedWithinLimit') => questions.reduce((n, c) => n + c[k], 0);
    expect(sum('timeLimitEnded')).toBe(2);
    expect(sum('resolvedWithinLimit')).toBe(1);
  });

  it('count a question ended by publishing its answer (同时办结并告知群众) within its 10 working days as resolved within its limit, and closed', async () => {
    const { handler: town } = await statsStaff();
    // Wednesday 6 May 2026, answered (and so accepted) the next day, well within its 10 working days.
    const arrived = new Date('2026-05-06T02:00:00Z');
    const inTime = await sentAt(question({ subject: '五月的疑问：公布答复即办结' }), arrived);
    const answered = await publishAnswer(env.DB, town, inTime.number, { answer: '五月的办公费为打印纸和墨盒的费用，凭证存村会计服务中心。', resolve: '1' }, new Date('2026-05-07T02:00:00Z'));
    expect(answered.ok).toBe(true);
    await foldStatistics(env.DB);
    const { cells } = await periodCells(env.DB, 'month', '2026-04-30T16:00:00.000Z', '2026-05-31T16:00:00.000Z');
    const questions = cells.filter((c) => c.category_id === 'disclosure-question' && c.village_id === 'qinglian');
    const sum = (k: 'timeLimitEnded' | 'resolvedWithinLimit' | 'resolvedAtOnce' | 'closed' | 'acceptedOnTime') => questions.reduce((n, c) => n + c[k], 0);
    expect(sum('acceptedOnTime')).toBe(1);
    expect(sum('timeLimitEnded')).toBe(1);
    expect(sum('resolvedWithinLimit')).toBe(1);
    expect(sum('resolvedAtOnce')).toBe(1);
    expect(sum('closed')).toBe(1);
  });

  it('count an accepted question open past its 10 working days as overdue in the open-cases line', async () => {
    const { handler: town } = await statsStaff();
    const arrived = new Date('2026-09-07T02:00:00Z');
    const due = endOfWorkingDaysAfter(arrived, 10).getTime();
    const open = await sentAt(question({ subject: '九月的疑问：还没答复' }), arrived);
    expect((await moveCase(env.DB, town, open.number, { move: 'accept', message: '已受理。' }, new Date('2026-09-07T06:00:00Z'))).ok).toBe(true);
    await foldStatistics(env.DB);
    // The line's cut-offs are the ends of town days: the one before the due day's, and the one after it.
    const before = await openAt(env.DB, new Date(due + 1000 - DAY).toISOString());
    const after = await openAt(env.DB, new Date(due + 1000 + DAY).toISOString());
    expect(after.open).toBe(before.open);
    expect(after.overdue - before.overdue).toBe(1);
  });
});

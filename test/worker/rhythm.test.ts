import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index.ts';
import { disclosurePunctuality, overdueDisclosures, type DisclosureInputs } from '../../worker/services/disclosures.ts';
import { assessQuarterOnce, ensureRhythm } from '../../worker/services/rhythm.ts';
import { assessQuarter, score, type AssessmentPlan } from '../../worker/stats/assessment.ts';
import { emptyCounts, type GroupCounts } from '../../core/stats/figures.ts';
import { scheduledStatistics } from '../../worker/services/stats.ts';
import { validateSubmission } from '../../worker/cases/submission.ts';
import { submit } from '../../worker/services/mailbox.ts';
import { TEST_QUERY_CODE_KEY } from './test-key.ts';
import { monthRange, previousMonth, previousQuarter, quarterOf, quarterRange, weekOf, weekRange } from '../../core/stats/periods.ts';
import { call, postForm, submission } from './support.ts';
import { move, staffGet, staffMember, staffPost } from './staff-support.ts';

describe('periods in town time', () => {
  it('start weeks on Monday 00:00 in Shanghai, which is Sunday 16:00 UTC', () => {
    expect(weekOf(new Date('2026-11-29T15:59:59Z'))).toBe('2026-11-23'); // Sunday 23:59 town
    expect(weekOf(new Date('2026-11-29T16:00:00Z'))).toBe('2026-11-30'); // Monday 00:00 town
    expect(weekRange('2026-12-28')).toEqual(['2026-12-27T16:00:00.000Z', '2027-01-03T16:00:00.000Z']);
    expect(weekOf(new Date('2027-01-01T04:00:00Z'))).toBe('2026-12-28'); // a week across the year end
  });

  it('close months and quarters at midnight town time, across month and year ends', () => {
    expect(monthRange('2026-12')).toEqual(['2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z']);
    expect(previousMonth('2027-01')).toBe('2026-12');
    expect(quarterOf(new Date('2026-12-31T15:59:59Z'))).toBe('2026-Q4');
    expect(quarterOf(new Date('2026-12-31T16:00:00Z'))).toBe('2027-Q1');
    expect(previousQuarter('2027-Q1')).toBe('2026-Q4');
    expect(quarterRange('2026-Q4')).toEqual(['2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z']);
  });
});

/** Disclosure inputs as the site's build publishes them, for a binding that serves them. */
const INPUTS: DisclosureInputs = {
  rules: { dueDaysAfterPeriod: 10, dueDaysAfterEvent: 7 },
  villages: [{ village: 'qinglian', kinds: [{ kind: 'finances', cadence: 'monthly', since: '2026-07-01', published: [{ period: '2027-01', published: '2027-02-05' }] }] }],
};
const assetsWith = (inputs: DisclosureInputs) => ({ fetch: async () => Response.json(inputs) }) as unknown as Fetcher;

const PLAN: AssessmentPlan = {
  minCases: 10,
  expectedRecordEntriesPerMonth: 2,
  indicators: [
    { id: 'acceptedOnTime', weight: 30 },
    { id: 'resolvedWithinLimit', weight: 30 },
    { id: 'satisfaction', weight: 25 },
    { id: 'recordForm', weight: 15 },
  ],
};

describe('the quarterly assessment', () => {
  it('scores a worked example a person can check by hand', () => {
    // Accepted on time 9 of 10 (0.9); within the limit 3 of 4 (0.75); satisfied 4 of 5 (0.8);
    // record form 3 entries of the 6 expected (0.5).
    // (30×0.9 + 30×0.75 + 25×0.8 + 15×0.5) / 100 × 100 = (27 + 22.5 + 20 + 7.5) = 77.0
    expect(score({ acceptedOnTime: 0.9, resolvedWithinLimit: 0.75, satisfaction: 0.8, disclosurePunctuality: null, recordForm: 0.5 }, PLAN)).toBe(77);
    // With no time limits yet, the other weights carry it: (27 + 20 + 7.5) / 70 × 100 = 77.86 → 77.9
    expect(score({ acceptedOnTime: 0.9, resolvedWithinLimit: null, satisfaction: 0.8, disclosurePunctuality: null, recordForm: 0.5 }, PLAN)).toBe(77.9);
    // A plan that weighs disclosures: + 15 × 0.6 on 115 → (77 + 9) / 115 × 100 = 74.78 → 74.8
    const withDisclosures: AssessmentPlan = { ...PLAN, indicators: [...PLAN.indicators, { id: 'disclosurePunctuality', weight: 15 }] };
    expect(score({ acceptedOnTime: 0.9, resolvedWithinLimit: 0.75, satisfaction: 0.8, disclosurePunctuality: 0.6, recordForm: 0.5 }, withDisclosures)).toBe(74.8);
  });

  it('gives no score or rank to a village with too few cases, and ranks the others by score', () => {
    const counts = (received: number, onTime: number): GroupCounts => ({ ...emptyCounts(), received, acceptanceDue: received, acceptedOnTime: onTime });
    const byVillage = new Map([
      ['qinglian', counts(12, 12)],
      ['dongling', counts(12, 6)],
      ['xiling', counts(3, 3)],
    ]);
    const results = assessQuarter(['qinglian', 'dongling', 'xiling'], byVillage, { qinglian: { recordEntries: 6 }, dongling: { recordEntries: 0 } }, PLAN);
    const by = Object.fromEntries(results.map((r) => [r.villageId, r]));
    expect(by.qinglian).toMatchObject({ cases: 12, rank: 1, score: 100 });
    expect(by.dongling).toMatchObject({ cases: 12, rank: 2 });
    expect(by.dongling!.values.acceptedOnTime).toBe(0.5);
    expect(by.xiling).toMatchObject({ cases: 3, score: null, rank: null });
  });

  it('keeps a published quarter as it was when the plan changes; the next quarter uses the new plan', async () => {
    await assessQuarterOnce(env.DB, '2026-Q2', new Date('2026-07-01T01:00:00Z'), PLAN);
    const changed: AssessmentPlan = { ...PLAN, minCases: 1, indicators: [{ id: 'acceptedOnTime', weight: 100 }] };
    await assessQuarterOnce(env.DB, '2026-Q2', new Date('2026-07-02T01:00:00Z'), changed);
    await assessQuarterOnce(env.DB, '2026-Q3', new Date('2026-10-01T01:00:00Z'), changed);
    const q2 = await env.DB.prepare(`SELECT plan FROM quarterly_assessments WHERE quarter = '2026-Q2'`).first<string>('plan');
    const q3 = await env.DB.prepare(`SELECT plan FROM quarterly_assessments WHERE quarter = '2026-Q3'`).first<string>('plan');
    expect(JSON.parse(q2!).minCases).toBe(10);
    expect(JSON.parse(q3!).minCases).toBe(1);
  });
});

describe('the cron', () => {
  it('makes each period’s record once, however often it runs', async () => {
    const monday = new Date('2026-11-30T01:00:00Z'); // Monday 09:00 town time
    // A case in October, so October has its release (the notification shows it).
    const s = validateSubmission(submission());
    if (!s.ok) throw new Error('invalid');
    await submit(env.DB, TEST_QUERY_CODE_KEY, s.value, 'zh-CN', new Date('2026-10-12T02:00:00Z'));
    expect(await scheduledStatistics(env.DB, monday)).toBe(true);
    await ensureRhythm(env.DB, monday, assetsWith(INPUTS));
    await ensureRhythm(env.DB, new Date(monday.getTime() + 3_600_000), assetsWith(INPUTS));
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '17 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    const count = (table: string, where: string) => env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).first<number>('n');
    expect(await count('weekly_sheets', `week = '2026-11-30'`)).toBe(1);
    expect(await count('monthly_notices', `month = '2026-10'`)).toBe(1);
    expect(await count('quarterly_assessments', `quarter = '2026-Q3'`)).toBe(1);
  });

  it('waits for the disclosure inputs rather than publish a ranking without them', async () => {
    const monday = new Date('2027-04-05T02:00:00Z'); // Monday 10:00 town time; 2027-Q1 has just closed
    const count = (table: string, where: string) => env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).first<number>('n');
    await ensureRhythm(env.DB, monday, undefined);
    expect(await count('quarterly_assessments', `quarter = '2027-Q1'`)).toBe(0);
    expect(await count('weekly_sheets', `week = '2027-04-05'`)).toBe(0);
    // An hour later the inputs can be read: both are made, the assessment with its disclosure indicator.
    await ensureRhythm(env.DB, new Date(monday.getTime() + 3_600_000), assetsWith(INPUTS));
    expect(await count('weekly_sheets', `week = '2027-04-05'`)).toBe(1);
    const body = JSON.parse((await env.DB.prepare(`SELECT body FROM quarterly_assessments WHERE quarter = '2027-Q1'`).first<string>('body'))!);
    expect(body.find((v: { villageId: string }) => v.villageId === 'qinglian').values.disclosurePunctuality).not.toBeNull();
    // A sheet still waiting at the end of its Monday is made all the same, saying what could not be read.
    await ensureRhythm(env.DB, new Date('2027-04-13T02:00:00Z'), undefined); // the next Tuesday, 10:00
    const sheet = JSON.parse((await env.DB.prepare(`SELECT body FROM weekly_sheets WHERE week = '2027-04-12'`).first<string>('body'))!);
    expect(sheet.villages[0].lateDisclosures).toBeNull();
  });

  it('makes no sheet before Monday 08:00 town time', async () => {
    // A week no other test reaches: the cron run above at the real time makes the real week's sheet.
    await ensureRhythm(env.DB, new Date('2026-11-22T23:30:00Z')); // Monday 23 November, 07:30 town time
    expect(await env.DB.prepare(`SELECT count(*) AS n FROM weekly_sheets WHERE week = '2026-11-23'`).first('n')).toBe(0);
  });
});

describe('the weekly sheet and the monthly notification in the console', () => {
  it('lists overdue cases per village with their working days overdue, for town staff only', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const handler = await staffMember('handler');
    await postForm('/mailbox', submission({ subject: '调度表测试' }));
    await env.DB.prepare(`UPDATE cases SET accept_due_at = '2026-11-02T15:59:59.000Z' WHERE subject = '调度表测试'`).run();
    expect((await staffPost(officer, '/staff/rhythm/weeks', {})).status).toBe(403);
    const made = await staffPost(handler, '/staff/rhythm/weeks', {});
    expect(made.status).toBe(303);
    const sheet = await (await staffGet(handler, made.headers.get('location')!)).text();
    expect(sheet).toMatch(/CL-\d{4}-\d{6}·\d+天/);
    expect(sheet).toContain('清廉村（示例·示范村）');
    // The escalation column says that reports about cadres are left out on purpose.
    expect(sheet).toContain('群众直接反映村干部问题的线索不经过村里，本表各栏都不计入');
  });

  it('publishes a notification only when the admin says so, with disclosure control applied', async () => {
    const admin = await staffMember('admin');
    const handler = await staffMember('handler');
    const officer = await staffMember('liaison', 'qinglian');
    const html = await (await postForm('/mailbox', submission())).text();
    await move(officer, /CL-\d{4}-\d{6}/.exec(html)![0], 'accept');
    const month = new Date().toISOString().slice(0, 7);
    const { draftMonthlyNotice } = await import('../../worker/services/rhythm.ts');
    // Not before the month's figures are released; then with them.
    expect(await draftMonthlyNotice(env.DB, month, new Date())).toBe(false);
    await scheduledStatistics(env.DB, new Date(Date.now() + 45 * 86_400_000));
    expect(await draftMonthlyNotice(env.DB, month, new Date())).toBe(true);
    expect((await call(`/notices/${month}`)).status).toBe(404);
    expect(await (await call('/notices')).text()).not.toContain(`${month}通报`);
    const draft = await (await staffGet(admin, `/staff/rhythm/notices/${month}`)).text();
    expect(draft).toContain('草稿，未公布');
    expect(draft).toContain('&lt;3'); // one case in a village shows as "<3"
    expect((await staffPost(handler, `/staff/rhythm/notices/${month}`, { commentaryZh: '本月各村按时受理。', action: 'publish' })).status).toBe(403);
    expect((await staffPost(admin, `/staff/rhythm/notices/${month}`, { commentaryZh: '本月各村按时受理。', commentaryEn: '', action: 'publish' })).status).toBe(303);
    const published = await (await call(`/notices/${month}`)).text();
    expect(published).toContain('本月各村按时受理。');
    // The month's figures exactly as the statistics released them: small counts as "<3", with the cut-off.
    const villageRows = published.slice(published.indexOf('id="stats-villages"'), published.indexOf('</table>', published.indexOf('id="stats-villages"')));
    expect(villageRows).toContain('&lt;3');
    const { releasedTables } = await import('../../worker/services/stats.ts');
    const { renderPeriodHtml } = await import('../../core/stats/render.ts');
    expect(published).toContain(renderPeriodHtml(await releasedTables(env.DB, month), 'zh-CN'));
    expect(published).not.toContain('收到的反映村干部问题线索');
    expect(await (await call('/notices')).text()).toContain(`${month}通报`);
    expect(await (await call('/notices/rss.xml')).text()).toContain(`/notices/${month}`);
    const en = await (await call(`/en/notices/${month}`)).text();
    expect(en).toContain('This commentary has no English version');
  });

  it('publishes assessments on the portal with their method', async () => {
    await assessQuarterOnce(env.DB, '2026-Q1', new Date('2026-04-01T01:00:00Z'), PLAN);
    const page = await (await call('/assessments/2026-Q1')).text();
    expect(page).toContain('计算方法');
    expect(page).toContain('案件不足，不排名');
    expect(page).toContain('权重 30');
    expect((await call('/assessments/2026-Q9')).status).toBe(404);
  });
});

describe('late village-affairs disclosures', () => {
  const inputs: DisclosureInputs = {
    rules: { dueDaysAfterPeriod: 10, dueDaysAfterEvent: 7 },
    villages: [
      {
        village: 'qinglian',
        kinds: [
          // Monthly finances since July: August on time, September late, October missing.
          { kind: 'finances', cadence: 'monthly', since: '2026-07-01', published: [{ period: '2026-07', published: '2026-08-05' }, { period: '2026-08', published: '2026-09-08' }, { period: '2026-09', published: '2026-10-20' }] },
        ],
      },
    ],
  };

  it('lists what is overdue on a given day', () => {
    expect(overdueDisclosures(inputs, '2026-11-26')).toEqual({ qinglian: ['finances 2026-10'] });
    expect(overdueDisclosures(inputs, '2026-11-05')).toEqual({ qinglian: [] });
  });

  it('measures punctuality over the disclosures due in a quarter', () => {
    // Due in Q3 (1 Jul – 30 Sep): July's (due 10 Aug, on time) and August's (due 10 Sep, on time).
    expect(disclosurePunctuality(inputs, '2026-07-01', '2026-09-30', '2026-11-26')).toEqual({ qinglian: 1 });
    // Due in Q4 so far: September's (due 10 Oct, made 20 Oct: late) and October's (due 10 Nov: missing).
    expect(disclosurePunctuality(inputs, '2026-10-01', '2026-12-31', '2026-11-26')).toEqual({ qinglian: 0 });
  });
});

describe('record-form entries in the rhythm', () => {
  it('count on the weekly sheet and in the assessment', async () => {
    const officer = await staffMember('liaison', 'nanhe');
    const id = await env.DB.prepare('SELECT id FROM staff_users WHERE username = ?1').bind(officer.username).first<number>('id');
    for (const day of ['2026-12-01', '2026-12-02', '2026-12-03']) {
      await env.DB.prepare(
        `INSERT INTO record_entries (client_id, village_id, officer_id, entry_date, focus, matter, findings, actions, reported, created_at)
         VALUES (?3, 'nanhe', ?1, ?2, 'power', '（示例）监督事项', '（示例）发现情况', '（示例）处理情况', 0, ?2)`,
      )
        .bind(id, day, `test-${day}`)
        .run();
    }
    const { buildWeeklySheet } = await import('../../worker/services/rhythm.ts');
    const sheet = await buildWeeklySheet(env.DB, '2026-11-30', new Date('2026-12-04T01:00:00Z'));
    expect(sheet.villages.find((v) => v.villageId === 'nanhe')!.recordEntries).toBe(3);
    await assessQuarterOnce(env.DB, '2026-Q4', new Date('2027-01-01T01:00:00Z'), { ...PLAN, minCases: 0 });
    const body = JSON.parse((await env.DB.prepare(`SELECT body FROM quarterly_assessments WHERE quarter = '2026-Q4'`).first<string>('body'))!);
    // 3 entries of the 6 expected in a quarter: half, so the 50% band.
    expect(body.find((v: { villageId: string }) => v.villageId === 'nanhe').values.recordForm).toBe(0.5);
  });
});

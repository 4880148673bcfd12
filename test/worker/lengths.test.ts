// What the lengths and times of a D1 export say, read as an attacker holding one would: every row
// of every table, after cadre reports with contacts of different lengths and check-ins answered
// yes, no and "rather not say", with and without words of their own, 30, 90 and 180 days on.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { startOfTownDay, townDate } from '../../core/clock.ts';
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../worker/index.ts';
import { committeeKey } from './committee-support.ts';
import { caseRow, lookUp, sendCase } from './routing-support.ts';
import { followupFormOf, postForm, proofFor } from './support.ts';
import { move, staffMember, type Staff } from './staff-support.ts';

const DAY = 86_400_000;
let member: Staff;

beforeAll(async () => {
  await committeeKey();
  member = await staffMember('discipline');
});

/** Every row of every table, as an export holds them. */
async function dump(): Promise<Record<string, Record<string, unknown>[]>> {
  const { results: tables } = await env.DB.prepare(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'`,
  ).all<{ name: string }>();
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const { name } of tables) out[name] = (await env.DB.prepare(`SELECT * FROM "${name}"`).all<Record<string, unknown>>()).results;
  return out;
}

const lengths = (values: unknown[]) => new Set(values.map((v) => String(v).length));

/** A cadre report the committee closed `daysAgo` days ago (its check-in `daysAgo - 1` … is due). */
async function closedReport(daysAgo: number) {
  const sent = await sendCase({ category: 'cadre-report', subject: '反映村支书优亲厚友' });
  expect((await move(member, sent.number, 'take_up')).status).toBe(303);
  expect((await move(member, sent.number, 'conclude', { note: '经集体研究，予以了结。' })).status).toBe(303);
  await env.DB.prepare(`UPDATE cases SET closed_at = ?2 WHERE case_number = ?1`).bind(sent.number, new Date(Date.now() - daysAgo * DAY).toISOString()).run();
  return sent;
}

/** Answers the check-in due on a case, as the query page's form does. */
async function answer(code: string, fields: Record<string, string>): Promise<{ status: number; html: string }> {
  const page = await lookUp(code);
  const checkinId = /name="checkinId" value="([^"]+)"/.exec(page)?.[1];
  if (!checkinId) throw new Error('no check-in on the page');
  const res = await postForm('/track/checkin', { token: followupFormOf(page).token, checkinId, ...fields, proof: await proofFor('feedback', checkinId) });
  return { status: res.status, html: await res.text() };
}

describe('a D1 export', () => {
  it('cannot tell contacts apart by the length of their envelopes', async () => {
    const contacts = [
      ['王', '13800001111'],
      ['欧阳青青', '073155550100'],
      ['Zhang Wei-Ming Alexander', '07315555010'],
    ];
    const numbers: string[] = [];
    for (const [name, phone] of contacts) {
      const sent = await sendCase({ category: 'cadre-report', identity: 'named', name: name!, phone: phone!, subject: name!.length > 3 ? '反映村支书优亲厚友，长期不公开' : '反映村支书' });
      expect(sent.status).toBe(201);
      numbers.push(sent.number);
    }
    const rows = (await dump()).cases!.filter((r) => numbers.includes(r.case_number as string));
    expect(rows).toHaveLength(3);
    expect(lengths(rows.map((r) => r.contact_name)).size).toBe(1);
    expect(lengths(rows.map((r) => r.contact_phone)).size).toBe(1);
    expect(lengths(rows.map((r) => r.subject)).size).toBe(1);
    expect(lengths(rows.map((r) => r.description)).size).toBe(1);
    for (const r of rows) expect(r.contact_name).toMatch(/^qls2:/);
  });

  it('cannot tell a check-in’s answer by length, time or order, nor pair a “yes” with the case it opens', async () => {
    // Fifty characters: a "no" with them would fit the 256-byte bucket and a "yes" would not, unpadded.
    const words = '村里有人在背后说我告状，申请的补贴也被拖着，去问了三次都说还要研究，别人家的早就批下来了，我觉得是冲我。'.slice(0, 50);
    expect(words).toHaveLength(50);
    // Every answer, with and without words, at 30, 90 and 180 days.
    const plan: { days: number; answer: string; detail?: string }[] = [];
    for (const days of [30, 90, 180]) for (const answer of ['yes', 'no', 'skip']) for (const detail of [undefined, words]) plan.push({ days, answer, ...(detail ? { detail } : {}) });
    const answered: { case: string; days: number; answer: string; detail?: string }[] = [];
    for (const p of plan) {
      const report = await closedReport(p.days + 1);
      const res = await answer(report.code, { answer: p.answer, ...(p.detail ? { detail: p.detail } : {}) });
      expect(res.status, JSON.stringify(p)).toBe(201);
      answered.push({ case: report.number, ...p });
    }
    const ids = new Map<string, number>();
    for (const a of answered) ids.set(a.case, (await caseRow(a.case))!.id as number);
    const before = await dump();

    // The answers' rows: one shape and one length for every answer, given the words.
    const entries = before.case_events!.filter((e) => e.kind === 'checkin');
    expect(entries).toHaveLength(plan.length);
    const entryOf = (a: (typeof answered)[number]) => entries.find((e) => e.case_id === ids.get(a.case))!;
    for (const withWords of [false, true]) {
      const group = answered.filter((a) => (a.detail !== undefined) === withWords).map(entryOf);
      expect(lengths(group.map((e) => e.public_message)).size, `public, words: ${withWords}`).toBe(1);
      expect(lengths(group.map((e) => e.internal_note)).size, `note, words: ${withWords}`).toBe(1);
      expect(new Set(group.map((e) => e.data)).size).toBe(3); // the days, which the schedule says anyway
    }
    // Dated by the town day, no finer, and all at the same instant.
    const dayStart = startOfTownDay(new Date()).toISOString();
    expect(new Set(entries.map((e) => e.created_at))).toEqual(new Set([dayStart]));
    const checkins = before.case_checkins!.filter((c) => [...ids.values()].includes(c.case_id as number));
    expect(new Set(checkins.map((c) => c.answered_at))).toEqual(new Set([townDate(new Date())]));
    // Every answer left one pending row, of one size; no case was opened yet.
    expect(before.checkin_pending).toHaveLength(plan.length);
    expect(lengths(before.checkin_pending!.map((r) => r.payload)).size).toBe(1);
    expect(lengths(before.checkin_pending!.map((r) => r.code_hash)).size).toBe(1);
    expect(new Set(before.checkin_pending!.map((r) => r.day))).toEqual(new Set([townDate(new Date())]));
    expect(before.cases!.filter((c) => c.category_id === 'retaliation')).toHaveLength(0);

    // The cron, once the answers' day is gone by, opens the six "yes" cases in one batch.
    await env.DB.prepare(`UPDATE checkin_pending SET day = '2000-01-01'`).run();
    const ctx = createExecutionContext();
    await worker.scheduled!(createScheduledController(), env, ctx);
    await waitOnExecutionContext(ctx);
    const after = await dump();
    expect(after.checkin_pending).toHaveLength(0);
    const opened = after.cases!.filter((c) => c.category_id === 'retaliation');
    expect(opened).toHaveLength(6);
    // Like a 打击报复 report from the web mailbox: same channel, nobody recorded it, anonymous.
    for (const c of opened) expect(c).toMatchObject({ channel: 'web', created_by: null, anonymous: 1, contact_name: null, discipline: 1, status: 'escalated' });
    // No length says 30, 90 or 180 days: the subjects are one length, the descriptions one per words.
    expect(lengths(opened.map((c) => c.subject)).size).toBe(1);
    expect(lengths(opened.map((c) => c.description)).size).toBe(2);
    const byWords = new Map<number, number>();
    for (const c of opened) byWords.set(String(c.description).length, (byWords.get(String(c.description).length) ?? 0) + 1);
    // Three without words (30, 90, 180) and three with: each trio one length.
    expect([...byWords.values()].every((n) => n % 3 === 0)).toBe(true);
    // Dated by the cron's town day, every row of them at one instant: no time tells them apart.
    expect(new Set(opened.map((c) => c.created_at)).size).toBe(1);
    expect(Date.parse(opened[0]!.created_at as string)).toBe(Date.parse(dayStart));
    const openedIds = new Set(opened.map((c) => c.id));
    const theirEvents = after.case_events!.filter((e) => openedIds.has(e.case_id));
    expect(new Set(theirEvents.map((e) => e.created_at)).size).toBe(1);
    expect(new Set(after.submissions!.filter((r) => openedIds.has(r.case_id)).map((r) => r.created_at)).size).toBe(1);
    // Nothing else in the export changed for the earlier cases.
    for (const id of ids.values()) {
      expect(after.case_events!.filter((e) => e.case_id === id)).toEqual(before.case_events!.filter((e) => e.case_id === id));
    }
  }, 60_000);
});


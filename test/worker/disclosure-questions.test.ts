/// <reference types="vite/client" />
// "对这项公开有疑问": a resident asks about a disclosure from its page, anonymously if they wish;
// it becomes a case of the disclosure-question category, linked to that disclosure, with a time
// limit of 10 working days on the town calendar; the village's supervision answers it, and the
// answer appears under the disclosure as a dated addendum. A correction shows 更正 and keeps the
// earlier version readable.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'node-html-parser';
import { endOfWorkingDaysAfter, townDate } from '../../core/clock.ts';
import { findVillage } from '../../content/index.ts';
import { validateSubmission } from '../../worker/cases/submission.ts';
import { submit } from '../../worker/services/mailbox.ts';
import { applyChain } from '../../worker/db/handling.ts';
import { addendumAfterMovesStatement } from '../../worker/db/disclosures.ts';
import { importDisclosures } from './publishing-support.ts';
import { TEST_QUERY_CODE_KEY } from './test-key.ts';
import { call, codeFromReceipt, postForm, submission } from './support.ts';
import { move, staffGet, staffMember, staffPost, type Staff } from './staff-support.ts';

vi.setConfig({ testTimeout: 60_000 });

const SLUG = 'qinglian-2026-10-finances';
const PAGE = '/disclosures/qinglian/2026-10-finances/';
const QINGLIAN = findVillage('qinglian')!.name['zh-CN'];
const text = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

const question = (overrides: Record<string, string> = {}) =>
  submission({ village: 'qinglian', category: 'disclosure-question', disclosure: SLUG, subject: '10月办公费是哪些开支', description: '财务公开里10月办公费2737元，想知道具体买了什么。', ...overrides });

/** A question sent through the mailbox's own service (no hourly budget of the form without JavaScript): its number and query code. */
async function sent(overrides: Record<string, string> = {}): Promise<{ number: string; code: string }> {
  const valid = validateSubmission(question(overrides));
  if (!valid.ok) throw new Error('test submission is invalid');
  const result = await submit(env.DB, TEST_QUERY_CODE_KEY, valid.value, 'zh-CN');
  if (!result.ok) throw new Error('test submission was refused');
  return { number: result.value.receipt.caseNumber, code: result.value.receipt.queryCode ?? '' };
}

async function ask(overrides: Record<string, string> = {}) {
  const res = await postForm('/mailbox', question(overrides));
  const html = await res.text();
  return { res, html, number: /CL-\d{4}-\d{6}/.exec(html)?.[0] ?? '' };
}

let liaison: Staff;
let other: Staff;
let handler: Staff;

beforeAll(async () => {
  await importDisclosures();
  liaison = await staffMember('liaison', 'qinglian');
  other = await staffMember('liaison', 'dongling');
  handler = await staffMember('handler');
});

describe('asking from a disclosure page', () => {
  it('opens the mailbox with the question category and the village chosen and the disclosure carried in a hidden field', async () => {
    const doc = parse(await (await call(`/mailbox?disclosure=${SLUG}`)).text());
    const form = doc.querySelector('#mailbox-form')!;
    expect(form.querySelector('input[type=hidden][name=disclosure]')?.getAttribute('value')).toBe(SLUG);
    expect(form.querySelector('input[name=category][value=disclosure-question]')?.hasAttribute('checked')).toBe(true);
    expect(form.querySelector('select[name=village] option[selected]')?.getAttribute('value')).toBe('qinglian');
    expect(form.querySelector('input[name=identity][value=anonymous]')?.hasAttribute('checked')).toBe(true);
    expect(text(doc.querySelector('#mailbox-about')?.text)).toBe(`您的疑问针对这项村务公开：${QINGLIAN} 2026年10月 财务收支`);
    // An unknown or withdrawn disclosure: the ordinary mailbox, nothing carried.
    const plain = parse(await (await call('/mailbox?disclosure=qinglian-2031-01-finances')).text());
    expect(plain.querySelector('input[name=disclosure]')).toBeNull();
  });

  it('opens a case of its own category linked to the disclosure, anonymous, with a receipt and its query code', async () => {
    const { res, html, number } = await ask();
    expect(res.status).toBe(201);
    expect(codeFromReceipt(html)).toMatch(/\S/);
    expect(html).toContain('对村务公开的疑问');
    const row = await env.DB.prepare(
      `SELECT c.category_id, c.village_id, c.anonymous, c.kept_from_village, d.slug FROM cases c JOIN disclosure_questions q ON q.case_id = c.id JOIN documents d ON d.id = q.document_id WHERE c.case_number = ?1`,
    )
      .bind(number)
      .first();
    expect(row).toMatchObject({ category_id: 'disclosure-question', village_id: 'qinglian', anonymous: 1, kept_from_village: null, slug: SLUG });
  });

  it('has a time limit of 10 working days from arrival on the town calendar (National Day inside, the adjusted Saturday counted)', async () => {
    // Monday 28 September 2026: 29, 30 Sep; 1–7 Oct off; 8, 9, 10 (a working Saturday), 12–16 Oct.
    const now = new Date('2026-09-28T02:00:00Z');
    const valid = validateSubmission(question());
    expect(valid.ok).toBe(true);
    const sent = await submit(env.DB, env.QUERY_CODE_KEY, valid.ok ? valid.value : (undefined as never), 'zh-CN', now);
    expect(sent.ok).toBe(true);
    const caseNumber = sent.ok ? sent.value.receipt.caseNumber : '';
    const row = await env.DB.prepare('SELECT due_at, time_limit_days FROM cases WHERE case_number = ?1').bind(caseNumber).first<{ due_at: string; time_limit_days: number }>();
    expect(row!.time_limit_days).toBe(10);
    expect(townDate(new Date(row!.due_at))).toBe('2026-10-16');
    expect(row!.due_at).toBe(endOfWorkingDaysAfter(now, 10).toISOString());
  });

  it('keeps the clock once the liaison officer accepts it: the queue shows its due day', async () => {
    const { number } = await ask({ subject: '补贴名单里有人已经外出' });
    expect((await move(liaison, number, 'accept')).status).toBe(303);
    const due = await env.DB.prepare('SELECT status, due_at FROM cases WHERE case_number = ?1').bind(number).first<{ status: string; due_at: string }>();
    expect(due!.status).toBe('accepted');
    expect(due!.due_at).toBe(endOfWorkingDaysAfter(new Date(), 10).toISOString());
  });

  it('is kept from the village’s own officers when the resident says it concerns them, as other categories are', async () => {
    const { number } = await ask({ concernsOfficers: 'yes', subject: '村会计自己报销的办公费' });
    const row = await env.DB.prepare('SELECT kept_from_village FROM cases WHERE case_number = ?1').bind(number).first<{ kept_from_village: string }>();
    expect(row!.kept_from_village).toBe('resident');
    const asOfficer = await (await staffGet(liaison, `/staff/cases/${number}`)).text();
    expect(asOfficer).not.toContain('村会计自己报销的办公费');
    expect(await (await staffGet(handler, `/staff/cases/${number}`)).text()).toContain('在村务公开下面公布答复');
  });

  it('refuses a disclosure that does not exist, another village, or another category, and stores nothing', async () => {
    const before = await env.DB.prepare('SELECT count(*) AS n FROM cases').first('n');
    const unknown = await ask({ disclosure: 'qinglian-2031-01-finances' });
    expect(unknown.res.status).toBe(422);
    expect(unknown.html).toContain('没有找到这项村务公开');
    const village = await ask({ village: 'dongling' });
    expect(village.res.status).toBe(422);
    expect(village.html).toContain(`这项村务公开属于${QINGLIAN}，村请选${QINGLIAN}。`);
    const category = await ask({ category: 'demand' });
    expect(category.res.status).toBe(422);
    expect(category.html).toContain('类别请选“对村务公开的疑问”');
    expect(await env.DB.prepare('SELECT count(*) AS n FROM cases').first('n')).toBe(before);
  });
});

describe('the answer', () => {
  it('is published from the case page as a dated addendum under the disclosure, by the village’s supervision', async () => {
    const { number } = await ask({ subject: '办公费明细' });
    const casePage = parse(await (await staffGet(liaison, `/staff/cases/${number}`)).text());
    expect(casePage.querySelector('#answer a')?.getAttribute('href')).toBe(PAGE);
    const answer = '10月办公费2737元为打印纸、墨盒和村务公开栏维修费用，凭证存村会计服务中心，可在工作日查阅。';
    // Another village's officer cannot, and nothing appears.
    expect((await staffPost(other, `/staff/cases/${number}/answer`, { answer })).status).toBe(403);
    expect(await (await call(PAGE)).text()).not.toContain(answer);
    const res = await staffPost(liaison, `/staff/cases/${number}/answer`, { answer, answerEn: 'The office costs were paper, ink and repairs of the notice board.' });
    expect(res.status).toBe(303);
    const page = parse(await (await call(PAGE)).text());
    const addendum = page.querySelector('section.addenda .addendum')!;
    expect(text(addendum.text)).toContain(answer);
    expect(addendum.querySelector('time')?.getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(text(page.querySelector('section.addenda')?.text)).toContain('答复和补充说明');
    const en = parse(await (await call(`/en${PAGE}`)).text());
    expect(text(en.querySelector('section.addenda')?.text)).toContain('The office costs were paper, ink and repairs of the notice board.');
  });

  it('with “同时办结并告知群众” ticked, ends a new question in the same step: accepted, resolved at once and closed; the resident reads the answer and where it is published with their query code, and may rate it', async () => {
    const { number, code } = await sent({ subject: '公开栏维修费' });
    const form = parse(await (await staffGet(liaison, `/staff/cases/${number}`)).text()).querySelector('#answer form')!;
    // Ticked unless staff untick it.
    const box = form.querySelector('input[type=checkbox][name=resolve]')!;
    expect(box.hasAttribute('checked')).toBe(true);
    expect(text(form.querySelector('label.checkbox')?.text)).toBe('同时办结并告知群众');
    const answer = '公开栏维修费1200元是10月更换玻璃和灯管的费用，发票存村会计服务中心，可在工作日查阅。';
    const res = await staffPost(liaison, `/staff/cases/${number}/answer`, { answer, resolve: box.getAttribute('value')! });
    expect(res.status).toBe(303);
    const page = await (await staffGet(liaison, res.headers.get('location')!)).text();
    expect(page).toContain('这件事已办结并结案');
    const events = await env.DB.prepare(`SELECT e.kind, e.public_message FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.case_number = ?1 ORDER BY e.seq`).bind(number).all<{ kind: string; public_message: string }>();
    expect(events.results.map((e) => e.kind)).toEqual(['submitted', 'accept', 'resolve_at_once', 'close']);
    expect(await env.DB.prepare('SELECT status FROM cases WHERE case_number = ?1').bind(number).first('status')).toBe('closed');
    expect(await (await call(PAGE)).text()).toContain(answer);
    // The resident, with the query code.
    const tracked = parse(await (await postForm('/track', { code })).text());
    const messages = tracked.querySelectorAll('.timeline .message').map((m) => text(m.text));
    expect(messages).toContain(`${answer} 答复已公布在这项村务公开下面：https://qinglian.example.org${PAGE}`);
    expect(tracked.querySelector('#feedback-title')).not.toBeNull();
    const token = tracked.querySelector('input[name=token]')!.getAttribute('value')!;
    const rated = await postForm('/track/feedback', { token, rating: 'satisfied' });
    expect(rated.status).toBe(201);
  });

  it('ends a question in progress with 已办结, then closes it; the English resident is told in English', async () => {
    const { number, code } = await sent({ subject: '误工补贴标准' });
    await env.DB.prepare(`UPDATE cases SET locale = 'en' WHERE case_number = ?1`).bind(number).run();
    expect((await move(liaison, number, 'accept')).status).toBe(303);
    expect((await move(liaison, number, 'set_time_limit', { workingDays: '5' })).status).toBe(303);
    const res = await staffPost(liaison, `/staff/cases/${number}/answer`, { answer: '误工补贴按每人每天120元发放，标准经村民代表会议通过。', answerEn: 'Lost work is paid at 120 yuan a day per person, as the villagers’ representatives decided.', resolve: '1' });
    expect(res.status).toBe(303);
    const events = await env.DB.prepare(`SELECT e.kind, e.public_message FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.case_number = ?1 ORDER BY e.seq`).bind(number).all<{ kind: string; public_message: string }>();
    expect(events.results.map((e) => e.kind).slice(-2)).toEqual(['resolve', 'close']);
    expect(events.results.at(-2)!.public_message).toBe(`Lost work is paid at 120 yuan a day per person, as the villagers’ representatives decided.\n\nThe answer is published under the disclosure: https://qinglian.example.org/en${PAGE}`);
    const tracked = parse(await (await postForm('/en/track', { code })).text());
    expect(tracked.querySelector('#feedback-title')).not.toBeNull();
  });

  it('unticked, publishes the answer only: the case stays where it was', async () => {
    const { number } = await sent({ subject: '一般说明' });
    const res = await staffPost(liaison, `/staff/cases/${number}/answer`, { answer: '本村10月财务收支已经村务监督委员会审核，明细可到村委会查阅。' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('done=answer#answer');
    expect(await env.DB.prepare('SELECT status FROM cases WHERE case_number = ?1').bind(number).first('status')).toBe('received');
  });

  it('refuses to end a case already closed, writing nothing, and says to untick the box', async () => {
    const { number } = await sent({ subject: '已经结案的疑问' });
    expect((await move(liaison, number, 'accept')).status).toBe(303);
    expect((await move(liaison, number, 'explain', { message: '已当面说明。' })).status).toBe(303);
    expect((await move(liaison, number, 'close', { message: '结案。' })).status).toBe(303);
    const before = await env.DB.prepare('SELECT count(*) AS n FROM disclosure_addenda').first('n');
    const answer = '再次说明：10月办公费的凭证存村会计服务中心，可在工作日查阅。';
    const res = await staffPost(liaison, `/staff/cases/${number}/answer`, { answer, resolve: '1' });
    expect(res.status).toBe(409);
    const form = parse(await res.text()).querySelector('#answer form')!;
    expect(text(form.querySelector('#field-resolve .field-error')?.text)).toContain('请取消勾选“同时办结并告知群众”');
    expect(form.querySelector('textarea[name=answer]')?.text).toBe(answer);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM disclosure_addenda').first('n')).toBe(before);
    expect(await env.DB.prepare('SELECT status FROM cases WHERE case_number = ?1').bind(number).first('status')).toBe('closed_unresolved');
  });

  it('writes nothing when the case moved between reading it and the batch (the moves and the answer are one batch)', async () => {
    const { number } = await sent({ subject: '并发的疑问' });
    const row = await env.DB.prepare('SELECT id, version FROM cases WHERE case_number = ?1').bind(number).first<{ id: number; version: number }>();
    const before = await env.DB.prepare('SELECT count(*) AS n FROM disclosure_addenda').first('n');
    const event = (kind: string) => ({ kind, actor: 'staff:1', publicMessage: '已答复。', internalNote: null, at: '2026-12-07T00:00:00.000Z' });
    const update = (status: 'accepted' | 'resolved_at_once') => ({ status, discipline: false, acceptedAt: '2026-12-07', acceptDueAt: null, dueAt: null, timeLimitDays: null, closedAt: null, reopenCount: 0, escalatedBy: null, notAcceptedReason: null, categoryId: 'disclosure-question', assigneeId: null, committeeDueAt: null, disposal: null, noticeKind: null, noticeDueAt: null });
    // Someone else moved it first: its version is one ahead of what was read.
    await env.DB.prepare('UPDATE cases SET version = version + 1 WHERE id = ?1').bind(row!.id).run();
    const doc = await env.DB.prepare(`SELECT id FROM documents WHERE slug = ?1`).bind(SLUG).first<{ id: number }>();
    const applied = await applyChain(env.DB, row!.id, row!.version, [{ update: update('accepted'), event: event('accept') }, { update: update('resolved_at_once'), event: event('resolve_at_once') }], [
      addendumAfterMovesStatement(env.DB, { documentId: doc!.id, caseId: row!.id, textZh: '不应出现的答复。', textEn: null, day: '2026-12-07', by: (await env.DB.prepare('SELECT id FROM staff_users LIMIT 1').first<number>('id'))! }),
    ]);
    expect(applied).toBe(false);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM disclosure_addenda').first('n')).toBe(before);
    expect(await env.DB.prepare('SELECT status FROM cases WHERE id = ?1').bind(row!.id).first('status')).toBe('received');
    expect(await env.DB.prepare('SELECT count(*) AS n FROM case_events WHERE case_id = ?1').bind(row!.id).first('n')).toBe(1);
  });

  it('refuses a too short answer, and one with the resident’s phone number', async () => {
    const { number } = await ask({ identity: 'named', name: '王大伯', phone: '13800138000', subject: '想问补贴的事' });
    const short = await staffPost(liaison, `/staff/cases/${number}/answer`, { answer: '已答复。' });
    expect(short.status).toBe(422);
    expect(await short.text()).toContain('答复至少要10个字。');
    const personal = await staffPost(liaison, `/staff/cases/${number}/answer`, { answer: '已电话联系13800138000王大伯，说明了补贴的发放标准。' });
    expect(personal.status).toBe(422);
    expect(await (await call(PAGE)).text()).not.toContain('13800138000');
  });

  it('refuses an answer holding the resident’s query code, in any spelling, in either language, and publishes nothing', async () => {
    // The resident wrote their code into a follow-up; the answer quotes it back.
    const { number, code } = await sent({ subject: '想问办公费的明细' });
    const groups = code.replace(/-/g, '').match(/.{4}/g)!;
    for (const [field, written] of [
      ['answer', groups.join('-')],
      ['answer', groups.join(' - ')],
      ['answer', groups.join('–')],
      ['answer', groups.join('')],
      ['answerEn', groups.join(' ')],
    ] as const) {
      const fields = { answer: `您好，查询码为 ${field === 'answer' ? written : '（略）'} 的群众：10月办公费为打印纸和墨盒的费用。`, ...(field === 'answerEn' && { answerEn: `To the resident with query code ${written}: the office costs were paper and ink.` }) };
      const res = await staffPost(liaison, `/staff/cases/${number}/answer`, fields);
      expect(res.status, written).toBe(422);
      expect(await res.text(), written).toContain('答复里有像查询码的内容');
    }
    const en = await staffPost(liaison, `/en/staff/cases/${number}/answer`, { answer: `查询码${groups.join('_')}的群众：办公费为打印纸费用。` });
    expect(en.status).toBe(422);
    expect(await en.text()).toContain('looks like a query code');
    const page = await (await call(PAGE)).text();
    for (const spelling of [code, groups.join(''), groups.join(' ')]) expect(page).not.toContain(spelling);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM disclosure_addenda WHERE case_id = (SELECT id FROM cases WHERE case_number = ?1)').bind(number).first('n')).toBe(0);
  });

  it('cannot be published on a case that asks about no disclosure', async () => {
    const html = await (await postForm('/mailbox', submission({ village: 'qinglian' }))).text();
    const number = /CL-\d{4}-\d{6}/.exec(html)![0];
    const res = await staffPost(liaison, `/staff/cases/${number}/answer`, { answer: '这是一段足够长的答复文字，但这件事没有关联公开。' });
    expect(res.status).toBe(409);
  });
});

describe('a correction of the disclosure', () => {
  it('shows 更正 with its note and keeps the earlier version readable at its own address', async () => {
    // What the console's review writes when the liaison officer signs off a correction: version 2, published, with its note.
    const doc = await env.DB.prepare(`SELECT id FROM documents WHERE slug = 'qinglian-2026-09-finances'`).first<{ id: number }>();
    const v1 = await env.DB.prepare('SELECT meta FROM document_versions WHERE document_id = ?1 AND seq = 1').bind(doc!.id).first<{ meta: string }>();
    const meta = JSON.parse(v1!.meta);
    meta.tables[1].rows[1][1] = 2800;
    await env.DB.batch([
      env.DB.prepare(`INSERT INTO document_versions (document_id, seq, state, meta, body_zh, note_zh, note_en, published_at, updated_at) VALUES (?1, 2, 'published', ?2, '', '办公费金额录入有误，已更正为2800元。', 'The office costs were entered wrongly and are corrected to 2,800 yuan.', '2026-10-20T16:00:00.000Z', '2026-10-20T16:00:00.000Z')`).bind(doc!.id, JSON.stringify(meta)),
      env.DB.prepare('UPDATE documents SET published_seq = 2 WHERE id = ?1').bind(doc!.id),
    ]);
    const page = parse(await (await call('/disclosures/qinglian/2026-09-finances/')).text());
    expect(text(page.querySelector('section[aria-labelledby=corrections]')?.text)).toContain('办公费金额录入有误，已更正为2800元。');
    expect(text(page.querySelector('#corrections')?.text)).toBe('更正说明');
    expect(text(page.querySelectorAll('main .table-wrap')[1]!.text)).toContain('2,800.00');
    expect(page.querySelectorAll('section[aria-labelledby=versions] li').length).toBe(2);
    const earlier = await call('/disclosures/qinglian/2026-09-finances/versions/1/');
    expect(earlier.status).toBe(200);
    const old = parse(await earlier.text());
    expect(old.querySelector('#earlier')).not.toBeNull();
    expect(text(old.querySelectorAll('main .table-wrap')[1]!.text)).not.toContain('2,800.00');
    expect(old.querySelector('#disclosure-question')).toBeNull();
  });
});

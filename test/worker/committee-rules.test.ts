// The discipline committee works by its own rule (content/committee.json, 《纪检监察机关处理检举控告
// 工作规则》): a case is taken up within 5 working days of arrival (Art. 16); it is disposed of in one
// of four ways or passed to 审查调查 (Art. 17), with a sealed reason; a real-name reporter is told
// whether it was accepted within 15 working days of receipt and the result within 15 working days of
// closing; the reporter's objection or new evidence brings it back to be taken up again. Played as
// the member in the console and as the resident on the query page, JavaScript on and off.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { sealText } from '../../core/sealed.ts';
import { committeeClocks } from '../../worker/cases/committee-clock.ts';
import { applyMove, arrivalAtCommittee, type CaseState } from '../../worker/cases/workflow.ts';
import { asCommitteeSees, caseDataKey } from './committee-support.ts';
import { staffGet, staffMember, staffPost, move, type Staff } from './staff-support.ts';
import { codeFromReceipt, dumpDatabase, followupFormOf, newId, postForm, proofFor, proven, submission } from './support.ts';

const at = (iso: string) => new Date(iso);
const clocked = (over: Partial<Parameters<typeof committeeClocks>[0]> = {}) => ({
  status: 'escalated' as const,
  discipline: true,
  anonymous: false,
  createdAt: '2026-09-28T16:00:00.000Z',
  committeeDueAt: null,
  noticeKind: null,
  noticeDueAt: null,
  ...over,
});

describe('the committee’s clocks on the town’s working-day calendar', () => {
  it('takes a case up within 5 working days of arrival, National Day inside them', () => {
    // Arrived Tuesday 29 Sep 2026: 30 Sep, (1–7 Oct off), 8, 9, Saturday 10 Oct (调休上班), Monday 12 Oct.
    const arrival = arrivalAtCommittee(false, at('2026-09-29T02:00:00Z'));
    expect(arrival).toEqual({ committeeDueAt: '2026-10-12T15:59:59.000Z', notice: null });
    const clock = (now: string) => committeeClocks(clocked({ anonymous: true, committeeDueAt: arrival.committeeDueAt! }), at(now));
    expect(clock('2026-09-29T02:00:00Z')).toMatchObject([{ kind: 'take_up', state: 'running', days: 5 }]);
    expect(clock('2026-10-03T02:00:00Z')).toMatchObject([{ kind: 'take_up', state: 'running', days: 4 }]);
    expect(clock('2026-10-12T09:00:00Z')).toMatchObject([{ kind: 'take_up', state: 'today', days: 0 }]);
    expect(clock('2026-10-14T02:00:00Z')).toMatchObject([{ kind: 'take_up', state: 'overdue', days: 2 }]);
  });

  it('counts a case from before these clocks from its arrival day', () => {
    expect(committeeClocks(clocked({ anonymous: true }), at('2026-10-13T02:00:00Z'))).toMatchObject([{ deadline: '2026-10-12T15:59:59.000Z', state: 'overdue', days: 1 }]);
  });

  it('owes a real-name reporter the acceptance notice within 15 working days of receipt, across National Day', () => {
    const arrival = arrivalAtCommittee(true, at('2026-09-29T02:00:00Z'));
    // 15 working days with the holiday skipped and 10 Oct counted: Monday 26 Oct (20 Oct without the holiday).
    expect(arrival.notice).toEqual({ kind: 'acceptance', dueAt: '2026-10-26T15:59:59.000Z' });
    const clocks = committeeClocks(clocked({ committeeDueAt: arrival.committeeDueAt!, noticeKind: 'acceptance', noticeDueAt: arrival.notice!.dueAt }), at('2026-10-13T02:00:00Z'));
    expect(clocks).toMatchObject([
      { kind: 'take_up', state: 'overdue', days: 1 },
      { kind: 'acceptance', state: 'running', days: 9 },
    ]);
    expect(committeeClocks(clocked({ noticeKind: 'acceptance', noticeDueAt: arrival.notice!.dueAt, status: 'taken_up' }), at('2026-10-27T02:00:00Z'))).toMatchObject([
      { kind: 'acceptance', state: 'overdue', days: 1 },
    ]);
  });

  it('owes a real-name reporter the result within 15 working days of closing, across the Spring Festival', () => {
    const taken: CaseState = { status: 'taken_up', discipline: true, reopenCount: 0, acceptedAt: null, named: true, noticeKind: null };
    // Closed Thursday 12 Feb 2026 without a word to the resident: 13, Saturday 14 (调休上班), (15–23 off), 24 … Saturday 28 … 11 Mar.
    const closed = applyMove(taken, { move: 'transfer', message: '', note: '移送审查调查' }, at('2026-02-12T02:00:00Z'));
    expect(closed).toMatchObject({ ok: true, value: { status: 'transferred', disposal: 'transfer', notice: { kind: 'result', dueAt: '2026-03-11T15:59:59.000Z' } } });
    // Closed with a message, the result is told at once; an anonymous reporter is owed no notice.
    expect(applyMove(taken, { move: 'conclude', message: '经研究予以了结', note: '反映问题不属实' }, at('2026-02-12T02:00:00Z'))).toMatchObject({ ok: true, value: { notice: null } });
    expect(applyMove({ ...taken, named: false }, { move: 'transfer', message: '', note: '理由' }, at('2026-02-12T02:00:00Z'))).toMatchObject({ ok: true, value: { notice: null } });
    const clock = committeeClocks(clocked({ status: 'transferred', noticeKind: 'result', noticeDueAt: '2026-03-11T15:59:59.000Z' }), at('2026-02-24T02:00:00Z'));
    expect(clock).toMatchObject([{ kind: 'result', state: 'running', days: 12 }]);
  });

  it('owes an anonymous reporter no notice: only the acceptance clock runs', () => {
    expect(arrivalAtCommittee(false, at('2026-09-29T02:00:00Z')).notice).toBeNull();
    expect(committeeClocks(clocked({ anonymous: true, noticeKind: 'acceptance', noticeDueAt: '2026-10-26T15:59:59.000Z' }), at('2026-09-30T02:00:00Z'))).toHaveLength(1);
  });
});

/** A cadre report sent on the web; named when `named`. */
async function cadreReport(named: boolean, subject = '反映村支书侵占集体资金'): Promise<{ number: string; code: string }> {
  const fields: Record<string, string> = named ? { identity: 'named', name: '李秀兰', phone: '13912345678' } : {};
  const html = await (await postForm('/mailbox', await proven('submission', submission({ category: 'cadre-report', subject, description: `${subject}，情况属实。`, ...fields })))).text();
  return { number: /CL-\d{4}-\d{6}/.exec(html)![0], code: codeFromReceipt(html) };
}

/** A committee move as the member's browser sends it: the message and the reason sealed, each only when written. */
async function act(member: Staff, number: string, moveName: string, texts: { message?: string; note?: string } = {}): Promise<Response> {
  const key = (await caseDataKey(number))!;
  const form: Record<string, string> = { move: moveName };
  if (texts.message) form.message = await sealText(key, texts.message);
  if (texts.note) form.note = await sealText(key, texts.note);
  return staffPost(member, `/staff/cases/${number}/moves`, form);
}

const residentPage = async (code: string, path = '/track') => (await postForm(path, { code })).text();
const caseRow = (number: string) =>
  env.DB.prepare(`SELECT status, disposal, committee_due_at, notice_kind, notice_due_at, closed_at FROM cases WHERE case_number = ?1`).bind(number).first();
const dump = () => dumpDatabase(env.DB);
const queueEntry = (html: string, number: string) => new RegExp(`<li[^>]*data-case="${number}"[\\s\\S]*?</li>`).exec(html)?.[0] ?? '';

describe('a sealed cadre report under the committee’s rule', () => {
  it('shows its clocks in the committee’s queue, in both languages: to be taken up, and the notice a real-name reporter is owed', async () => {
    const member = await staffMember('discipline');
    const named = await cadreReport(true);
    const anonymous = await cadreReport(false);

    const zh = await (await staffGet(member, '/staff/cases')).text();
    expect(queueEntry(zh, named.number)).toContain('待受理，还剩 5 个工作日');
    expect(queueEntry(zh, named.number)).toContain('应告知实名举报人受理情况，还剩 15 个工作日');
    expect(queueEntry(zh, named.number)).not.toContain('正常');
    expect(queueEntry(zh, anonymous.number)).toContain('待受理，还剩 5 个工作日');
    expect(queueEntry(zh, anonymous.number)).not.toContain('应告知实名举报人');
    const en = await (await staffGet(member, '/en/staff/cases')).text();
    expect(queueEntry(en, named.number)).toContain('To be taken up: 5 working days left');
    expect(queueEntry(en, named.number)).toContain('Tell the real-name reporter whether it was accepted: 15 working days left');
  });

  it('shows an overdue clock in red', async () => {
    const member = await staffMember('discipline');
    const { number } = await cadreReport(true);
    await env.DB.prepare(`UPDATE cases SET committee_due_at = '2026-01-05T15:59:59.000Z' WHERE case_number = ?1`).bind(number).run();
    const entry = queueEntry(await (await staffGet(member, '/staff/cases')).text(), number);
    expect(entry).toMatch(/<span class="flag flag-overdue clock clock-take_up"[^>]*>受理已超期 \d+ 个工作日<\/span>/);
  });

  it('is taken up with the acceptance notice, which the real-name reporter reads on the query page', async () => {
    const member = await staffMember('discipline');
    const { number, code } = await cadreReport(true);
    expect((await act(member, number, 'take_up', { message: '您反映的问题已受理。' })).status).toBe(303);
    expect(await caseRow(number)).toMatchObject({ status: 'taken_up', committee_due_at: null, notice_kind: null, notice_due_at: null });
    const entry = queueEntry(await (await staffGet(member, '/staff/cases')).text(), number);
    expect(entry).not.toContain('待受理');
    expect(entry).not.toContain('应告知实名举报人');
    const page = await residentPage(code);
    expect(page).toContain('您反映的问题已受理。');
    expect(page).toContain('镇纪委、监察办公室已受理，正在办理');
  });

  it('taken up without a word, still owes the real-name reporter the notice, given by “tell the reporter”', async () => {
    const member = await staffMember('discipline');
    const { number, code } = await cadreReport(true);
    expect((await act(member, number, 'take_up')).status).toBe(303);
    expect(await caseRow(number)).toMatchObject({ status: 'taken_up', notice_kind: 'acceptance' });
    expect(queueEntry(await (await staffGet(member, '/staff/cases')).text(), number)).toContain('应告知实名举报人受理情况');
    expect((await act(member, number, 'notify', { message: '已受理，正在办理。' })).status).toBe(303);
    expect(await caseRow(number)).toMatchObject({ status: 'taken_up', notice_kind: null });
    expect(await residentPage(code)).toContain('已受理，正在办理。');
  });

  for (const [way, status, name] of [
    ['talk', 'talk_inquiry', '谈话函询'],
    ['verify', 'preliminary_check', '初步核实'],
    ['shelve', 'shelved', '暂存待查'],
  ] as const) {
    it(`is disposed of by ${name}, with its date and a sealed reason; the resident reads only that it is being handled`, async () => {
      const member = await staffMember('discipline');
      const { number, code } = await cadreReport(false, `反映村会计的问题（${way}）`);
      await act(member, number, 'take_up');
      const reason = `集体研究：${name}的理由，涉及会计张某`;
      expect((await act(member, number, way, { note: reason })).status).toBe(303);
      expect(await caseRow(number)).toMatchObject({ status, disposal: way, closed_at: null });
      expect(await dump()).not.toContain(reason);
      const seen = await asCommitteeSees(await (await staffGet(member, `/staff/cases/${number}`)).text());
      expect(seen).toContain(reason);
      expect(seen).toMatch(new RegExp(`id="case-disposal">${name}<`));
      const event = await env.DB.prepare(`SELECT e.created_at, e.data FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.case_number = ?1 AND e.kind = ?2`).bind(number, way).first<{ created_at: string; data: string }>();
      expect(JSON.parse(event!.data)).toEqual({ way });
      expect(event!.created_at).toMatch(/T16:00:00\.000Z$/); // the town day of the disposal
      const page = await residentPage(code);
      expect(page).toContain('镇纪委、监察办公室已受理，正在办理');
      expect(page).not.toContain(name);
      expect(page).not.toContain(reason);
    });
  }

  it('takes a case kept on file (暂存待查) up again', async () => {
    const member = await staffMember('discipline');
    const { number } = await cadreReport(false);
    await act(member, number, 'take_up');
    await act(member, number, 'shelve', { note: '暂无可查线索' });
    expect((await act(member, number, 'resume', { note: '有了新的情况' })).status).toBe(303);
    expect(await caseRow(number)).toMatchObject({ status: 'taken_up', disposal: 'shelve' });
  });

  it('is closed by 予以了结 with a message to the resident, who reads the result', async () => {
    const member = await staffMember('discipline');
    const { number, code } = await cadreReport(true);
    await act(member, number, 'take_up', { message: '已受理。' });
    await act(member, number, 'verify', { note: '先核实账目' });
    // The message is required to close this way.
    const silent = await act(member, number, 'conclude', { note: '经核实不属实' });
    expect(silent.status).toBe(422);
    expect(await silent.text()).toContain('请填写给群众的答复');
    expect((await act(member, number, 'conclude', { message: '经核实，反映的问题不属实，予以了结。', note: '经核实不属实' })).status).toBe(303);
    expect(await caseRow(number)).toMatchObject({ status: 'concluded', disposal: 'conclude', notice_kind: null });
    expect(await dump()).not.toContain('经核实，反映的问题不属实');
    const page = await residentPage(code);
    expect(page).toContain('已办结：予以了结');
    expect(page).toContain('经核实，反映的问题不属实，予以了结。');
    expect(page).not.toContain('经核实不属实<');
    const en = await residentPage(code, '/en/track');
    expect(en).toContain('Closed: Closed with no further action');
  });

  it('is passed to 审查调查; the real-name reporter’s result notice is then due, and given', async () => {
    const member = await staffMember('discipline');
    const { number, code } = await cadreReport(true);
    await act(member, number, 'take_up', { message: '已受理。' });
    expect((await act(member, number, 'transfer', { note: '问题线索具体，移送审查调查' })).status).toBe(303);
    expect(await caseRow(number)).toMatchObject({ status: 'transferred', disposal: 'transfer', notice_kind: 'result' });
    expect(queueEntry(await (await staffGet(member, '/staff/cases?show=all')).text(), number)).toContain('应告知实名举报人处理结果，还剩 15 个工作日');
    expect(await residentPage(code)).toContain('已办结：移送审查调查');
    expect((await act(member, number, 'notify', { message: '您反映的问题已移送审查调查。' })).status).toBe(303);
    expect(await caseRow(number)).toMatchObject({ notice_kind: null, notice_due_at: null });
    expect(await residentPage(code)).toContain('您反映的问题已移送审查调查。');
    expect(await dump()).not.toContain('问题线索具体');
  });

  it('refuses a disposal without its reason, and one sent in plain text', async () => {
    const member = await staffMember('discipline');
    const { number } = await cadreReport(false);
    await act(member, number, 'take_up');
    const none = await act(member, number, 'talk');
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('请填写处置理由');
    const plain = await staffPost(member, `/staff/cases/${number}/moves`, { move: 'talk', note: '明文理由不应保存' });
    expect(plain.status).toBe(422);
    expect(await dump()).not.toContain('明文理由不应保存');
    expect(await caseRow(number)).toMatchObject({ status: 'taken_up' });
  });

  it('gives its moves to the committee’s cases only: an ordinary demand keeps its own', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const html = await (await postForm('/mailbox', submission())).text();
    const number = /CL-\d{4}-\d{6}/.exec(html)![0];
    for (const name of ['take_up', 'talk', 'conclude']) expect((await move(officer, number, name, { note: '理由' })).status).toBe(422);
    expect(await (await staffGet(officer, `/staff/cases/${number}`)).text()).not.toContain('谈话函询');
    const member = await staffMember('discipline');
    const { number: cadre } = await cadreReport(false);
    expect((await move(member, cadre, 'accept')).status).toBe(422);
  });

  // A case at the committee is taken up (受理, Art. 16) and disposed of (Art. 17) with a sealed
  // reason: an ordinary demand's time limit, "resolved" or "explained" would skip all of that.
  it('offers a case waiting at the committee none of an ordinary demand’s moves, and refuses them, a cadre report and an escalated case alike', async () => {
    const member = await staffMember('discipline');
    const officer = await staffMember('liaison', 'qinglian');
    const { number: cadre } = await cadreReport(true);
    const village = /CL-\d{4}-\d{6}/.exec(await (await postForm('/mailbox', await proven('submission', submission({ village: 'qinglian', subject: '反映的问题涉及村干部' })))).text())![0];
    expect((await move(officer, village, 'accept')).status).toBe(303);
    expect((await move(officer, village, 'escalate')).status).toBe(303);
    const events = (number: string) => env.DB.prepare(`SELECT count(*) AS n FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.case_number = ?1`).bind(number).first('n');
    for (const number of [cadre, village]) {
      expect(await caseRow(number)).toMatchObject({ status: 'escalated' });
      const page = await (await staffGet(member, `/staff/cases/${number}`)).text();
      expect(page).toContain('id="move-take_up"');
      for (const ordinary of ['set_time_limit', 'resolve', 'explain']) expect(page).not.toContain(`id="move-${ordinary}"`);
      const before = await events(number);
      for (const ordinary of ['set_time_limit', 'resolve', 'explain']) {
        const res = await act(member, number, ordinary, { message: '已办结，特此答复。', note: '内部备注' });
        expect(res.status, ordinary).toBe(422);
        expect(await res.text()).toContain('当前状态下不能进行这项操作。');
      }
      expect(await events(number)).toBe(before);
      expect(await caseRow(number)).toMatchObject({ status: 'escalated', closed_at: null });
    }
    const en = await staffPost(member, `/en/staff/cases/${cadre}/moves`, { move: 'resolve', message: await sealText((await caseDataKey(cadre))!, 'Resolved.'), workingDays: '5' });
    expect(await en.text()).toContain('This move is not possible in the case&#39;s current state.');
  });
});

describe('the reporter’s objection and new evidence', () => {
  async function concluded(named: boolean) {
    const member = await staffMember('discipline');
    const report = await cadreReport(named);
    await act(member, report.number, 'take_up', { message: '已受理。' });
    await act(member, report.number, 'conclude', { message: '予以了结。', note: '不属实' });
    return { member, ...report };
  }

  it('records an objection without JavaScript, sealed, and brings the case back to be taken up on the rule’s clock', async () => {
    const { member, number, code } = await concluded(true);
    const page = await residentPage(code);
    expect(page).toContain('提出异议或补充新的证据材料');
    const { token } = followupFormOf(page);
    const objection = '我对处理结果有异议：会计账本第12页有涂改。';
    const res = await postForm('/track/committee', { token, recourseId: newId(), kind: 'object', recourse: objection });
    expect(res.status).toBe(201);
    const after = await res.text();
    expect(after).toContain('已收到。镇纪委、监察办公室将在 5 个工作日内重新受理。');
    expect(after).toContain('您提出了异议');
    expect(after).toContain(objection);
    expect(await caseRow(number)).toMatchObject({ status: 'reopened', closed_at: null, notice_kind: 'acceptance' });
    expect(await dump()).not.toContain(objection);
    const entry = queueEntry(await (await staffGet(member, '/staff/cases')).text(), number);
    expect(entry).toContain('待受理，还剩 5 个工作日');
    expect(entry).toContain('应告知实名举报人受理情况，还剩 15 个工作日');
    const seen = await asCommitteeSees(await (await staffGet(member, `/staff/cases/${number}`)).text());
    expect(seen).toContain(objection);
    expect(seen).toContain('举报人提出异议（重新受理）');
    expect((await act(member, number, 'take_up', { message: '已重新受理您的异议。' })).status).toBe(303);
    expect(await caseRow(number)).toMatchObject({ status: 'taken_up', notice_kind: null });
  });

  it('takes new evidence on a case kept on file with JavaScript (a proof of work), in English', async () => {
    const member = await staffMember('discipline');
    const { number, code } = await cadreReport(false);
    await act(member, number, 'take_up');
    await act(member, number, 'shelve', { note: '暂存' });
    const page = await residentPage(code, '/en/track');
    expect(page).toContain('Object to the result or add new evidence');
    const { token } = followupFormOf(page);
    const recourseId = newId();
    const evidence = '新证据：收据复印件三张。';
    const res = await postForm('/en/track/committee', { token, recourseId, kind: 'add_evidence', recourse: evidence, proof: await proofFor('feedback', recourseId) });
    expect(res.status).toBe(201);
    expect(await res.text()).toContain('will take it up again within 5 working days');
    expect(await caseRow(number)).toMatchObject({ status: 'reopened', notice_kind: null });
    expect(await dump()).not.toContain(evidence);
  });

  it('is refused while the committee is handling the case, on an ordinary case, and without a kind or text', async () => {
    const member = await staffMember('discipline');
    const { number, code } = await cadreReport(false);
    await act(member, number, 'take_up');
    const page = await residentPage(code);
    expect(page).not.toContain('提出异议或补充新的证据材料');
    const { token } = followupFormOf(page);
    const open = await postForm('/track/committee', { token, recourseId: newId(), kind: 'object', recourse: '异议' });
    expect(open.status).toBe(409);
    expect(await open.text()).toContain('这个案件现在不能提出异议或补充证据材料。');
    const done = await concluded(false);
    const token2 = followupFormOf(await residentPage(done.code)).token;
    const noKind = await postForm('/track/committee', { token: token2, recourseId: newId(), recourse: '异议内容' });
    expect(noKind.status).toBe(422);
    expect(await noKind.text()).toContain('请选择提交的是异议还是新的证据材料。');
    const short = await postForm('/track/committee', { token: token2, recourseId: newId(), kind: 'object', recourse: '异' });
    expect(short.status).toBe(422);
    const ordinary = await (await postForm('/mailbox', submission())).text();
    const token3 = followupFormOf(await residentPage(codeFromReceipt(ordinary))).token;
    expect((await postForm('/track/committee', { token: token3, recourseId: newId(), kind: 'object', recourse: '异议内容' })).status).toBe(409);
  });
});

describe('the committee’s disposals in the public figures', () => {
  it('are counted by way in the quarter’s release, small counts as “<3”, under labels that say what each row counts', async () => {
    const { computeRelease } = await import('../../worker/services/stats.ts');
    const { renderStatsHtml } = await import('../../core/stats/render.ts');
    const member = await staffMember('discipline');
    const now = new Date(Date.now() + 8 * 3_600_000); // town time
    const quarter = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
    const before = JSON.parse(await computeRelease(env.DB, 'cadre', 'quarter', quarter)) as Record<string, unknown>;
    const count = (v: unknown) => (typeof v === 'number' ? v : 1);
    for (let i = 0; i < 3; i++) {
      const { number } = await cadreReport(false, `季度统计问题线索${i}`);
      await act(member, number, 'take_up');
      await act(member, number, 'conclude', { message: '予以了结。', note: '不属实' });
    }
    const release = JSON.parse(await computeRelease(env.DB, 'cadre', 'quarter', quarter)) as Record<string, unknown>;
    expect(count(release.disposedConclude) - count(before.disposedConclude)).toBeGreaterThanOrEqual(2);
    expect(release.disposedConclude).toBeGreaterThanOrEqual(3);
    for (const m of ['disposedTalk', 'disposedVerify', 'disposedShelve', 'disposedTransfer']) expect([0, '<3'].includes(release[m] as never) || (release[m] as number) >= 3, m).toBe(true);
    const stats = {
      schema: 2 as const,
      builtAt: '2026-12-31',
      tables: { unit: 'month' as const, periods: [], next: null },
      committee: { unit: 'quarter' as const, periods: [{ ...(release as object), unit: 'quarter' as const, period: '2026-Q4', cutoff: '2026-12-31', cadreReports: 3, escalated: 0, disposedTalk: '<3' as const, disposedConclude: 3 }], next: null },
      openNow: null,
    };
    const zh = renderStatsHtml(stats as never, 'zh-CN');
    for (const label of ['收到的反映村干部问题线索（直接交镇纪委，全镇）', '村里、镇里转交镇纪委的其他反映（全镇）', '处置：谈话函询（全镇）', '处置：初步核实（全镇）', '处置：暂存待查（全镇）', '处置：予以了结（全镇）', '处置：移送审查调查（全镇）']) {
      expect(zh).toContain(`<th scope="col">${label}</th>`);
    }
    expect(zh).not.toContain('>转镇纪委、监察办公室<');
    const en = renderStatsHtml(stats as never, 'en');
    expect(en).toContain('Disposed of: Talk or written inquiry (town-wide)');
    expect(en).toContain('Reports about village cadres received (straight to the discipline committee; town-wide)');
  });
});

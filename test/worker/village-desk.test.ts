// 本村公开: a village's clerk drafts a disclosure from rows pasted out of a spreadsheet (or a CSV),
// the village's liaison officer (its supervision) returns it or signs it off, and it is published
// as a `documents` row of kind 'disclosure' with the offices and the day in its meta; its overdue
// flag clears. Four eyes; a clerk of one village reads and publishes nothing of another, nor any case.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, postForm, submission } from './support.ts';
import { validateSubmission } from '../../worker/cases/submission.ts';
import { submit } from '../../worker/services/mailbox.ts';
import { TEST_QUERY_CODE_KEY } from './test-key.ts';
import { correctionAnswerStatements, prepareCorrectionAnswers } from '../../worker/services/disclosure-answers.ts';
import { publishVersion } from '../../worker/db/documents.ts';
import { formatTownDate, storedDay } from '../../core/clock.ts';
import { createStaff, signedIn, staffGet, staffMember, staffPost, type Staff } from './staff-support.ts';

const one = (sql: string, ...args: unknown[]) => env.DB.prepare(sql).bind(...args).first<Record<string, unknown>>();
const idOf = async (username: string) => (await one('SELECT id FROM staff_users WHERE username = ?1', username))!.id as number;
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

const who = {} as { admin: Staff; clerk: Staff; officer: Staff; otherOfficer: Staff; clerkD: Staff; handler: Staff; discipline: Staff };

async function grant(admin: Staff, staff: Staff, rights: Record<string, string>) {
  expect((await staffPost(admin, `/staff/accounts/${await idOf(staff.username)}/rights`, rights)).status).toBe(200);
}

beforeAll(async () => {
  who.admin = await staffMember('admin');
  who.clerk = await staffMember('clerk', 'nanhe');
  who.officer = await staffMember('liaison', 'nanhe');
  who.otherOfficer = await staffMember('liaison', 'nanhe');
  who.clerkD = await staffMember('clerk', 'dongling');
  who.handler = await staffMember('handler');
  who.discipline = await staffMember('discipline');
  await grant(who.admin, who.clerk, { draft: 'yes' });
  await grant(who.admin, who.officer, { approve: 'yes' });
  await grant(who.admin, who.otherOfficer, { draft: 'yes', approve: 'yes' });
  await grant(who.admin, who.clerkD, { draft: 'yes' });
});

const OCTOBER = {
  kind: 'finances',
  period: '2026-10',
  summary: '南河村10月集体财务收支。',
  income: '项目\t金额（元）\n上级转移支付\t48,300\n村集体经营收入\t21448\n合计\t69748\n',
  spending: '村干部报酬\t24150\n办公费\t2737.50\n',
  notes: '原始凭证存村会计服务中心。',
};

describe('a clerk drafts and the village’s supervision signs off', () => {
  it('from pasted rows to a published disclosure, the overdue flag cleared', async () => {
    // The clerk signs in to its village's desk: October's finances are overdue.
    const landing = await staffGet(who.clerk, '/staff/cases');
    expect(landing.status).toBe(303);
    expect(landing.headers.get('location')).toBe('/staff/villages');
    expect((await staffGet(who.clerk, '/staff/villages')).headers.get('location')).toBe('/staff/villages/nanhe');
    const desk = await (await staffGet(who.clerk, '/staff/villages/nanhe')).text();
    expect(/<tr data-kind="finances" data-overdue="([^"]*)"/.exec(desk)?.[1]).toContain('2026-10');
    expect(desk).toContain('href="/staff/villages/nanhe/new?kind=finances&amp;period=2026-10"');
    expect((await staffGet(who.clerk, '/staff/villages/nanhe/new?kind=finances&period=2026-10')).status).toBe(200);

    // A wrong line: every error beside its line, nothing stored.
    const before = await one(`SELECT count(*) AS n FROM documents WHERE kind = 'disclosure'`);
    const wrong = await staffPost(who.clerk, '/staff/villages/nanhe/new', { ...OCTOBER, period: '2026-Q4', spending: '村干部报酬\t24l50\n办公费\t2737.50\n' });
    expect(wrong.status).toBe(422);
    const page = textOf(await wrong.text());
    expect(page).toContain('本村财务按月公开：期间请写月份，例如 2026-10。');
    expect(page).toContain('第 1 行：“金额（元）”一栏的“24l50”不是金额。');
    expect(page).toContain('有 2 处需要修改，什么都没有保存。');
    expect(await one(`SELECT count(*) AS n FROM documents WHERE kind = 'disclosure'`)).toEqual(before);

    // The right rows: a draft, previewed as the public page.
    const saved = await staffPost(who.clerk, '/staff/villages/nanhe/new', OCTOBER);
    expect(saved.status).toBe(303);
    const path = saved.headers.get('location')!.replace(/\?.*$/, '');
    const doc = await one(`SELECT id, slug, village_id, published_seq FROM documents WHERE kind = 'disclosure' AND slug = 'nanhe-2026-10-finances'`);
    expect(doc).toMatchObject({ village_id: 'nanhe', published_seq: null });
    expect(path).toBe(`/staff/villages/nanhe/${doc!.id}`);
    const preview = textOf(await (await staffGet(who.clerk, path)).text());
    expect(preview).toContain('上级转移支付 48,300.00');
    expect(preview).toContain('合计 69,748.00');
    expect(preview).toContain('合计 26,887.50');
    // The preview is the public page's own article (its labels end with a colon for screen readers).
    expect(preview).toMatch(/公开单位\s*：?\s*南河村村民委员会（示例）/);
    expect(preview).toMatch(/审核\s*：?\s*南河村村务监督委员会（示例）/);

    // Sent for review; the clerk cannot sign off, nor can the officer who changed the draft.
    expect((await staffPost(who.clerk, `${path}/submit`, {})).status).toBe(303);
    expect((await staffPost(who.clerk, `${path}/approve`, {})).status).toBe(403);

    // The officer returns it with a comment; the clerk changes it and sends it again.
    expect((await staffPost(who.officer, `${path}/return`, { comment: '办公费请附说明。' })).status).toBe(303);
    expect(textOf(await (await staffGet(who.clerk, path)).text())).toContain('办公费请附说明。');
    expect((await staffPost(who.clerk, path, { ...OCTOBER, notes: '原始凭证存村会计服务中心。\n办公费为购买打印纸和墨盒。' })).status).toBe(303);
    expect((await staffPost(who.clerk, `${path}/submit`, {})).status).toBe(303);

    // It was last sent for review on an earlier day (the audit's day, moved back here): the public page says so.
    const sentOn = '2026-11-02';
    await env.DB.prepare(`UPDATE document_audit SET at = ?2 WHERE document_id = ?1 AND action = 'submit' AND id = (SELECT MAX(id) FROM document_audit WHERE document_id = ?1 AND action = 'submit')`).bind(doc!.id, sentOn).run();

    // Signed off by the village's supervision: published, by office, with the day.
    const signed = await staffPost(who.officer, `${path}/approve`, {});
    expect(signed.status).toBe(303);
    const published = await one(`SELECT d.published_seq, d.issued, v.state, v.meta, v.drafted_by, v.approved_by FROM documents d JOIN document_versions v ON v.document_id = d.id AND v.seq = d.published_seq WHERE d.id = ?1`, doc!.id);
    expect(published).toMatchObject({ published_seq: 1, state: 'published', approved_by: await idOf(who.officer.username), drafted_by: await idOf(who.clerk.username) });
    const meta = JSON.parse(published!.meta as string);
    expect(meta).toMatchObject({ village: 'nanhe', kind: 'finances', period: '2026-10', published: published!.issued, publishedBy: { 'zh-CN': '南河村村民委员会（示例）', en: 'Nanhe Villagers’ Committee (sample)' }, reviewedBy: { 'zh-CN': '南河村村务监督委员会（示例）' } });
    expect(meta.tables[0].rows).toEqual([[{ 'zh-CN': '上级转移支付' }, 48300], [{ 'zh-CN': '村集体经营收入' }, 21448]]);
    // The public page names both offices and both days: sent for review (the second time) and signed off.
    expect(meta.submitted).toBe(sentOn);
    const publicPage = textOf(await (await call('/disclosures/nanhe/2026-10-finances/')).text());
    expect(publicPage).toMatch(new RegExp(`公开日期\\s*：?\\s*${formatTownDate(published!.issued as string, 'zh-CN')}`));
    expect(publicPage).toMatch(/公开单位\s*：?\s*南河村村民委员会（示例）\s*；?\s*送审日期\s*：?\s*2026年11月2日\s*；?\s*审核\s*：?\s*南河村村务监督委员会（示例）/);
    const english = textOf(await (await call('/en/disclosures/nanhe/2026-10-finances/')).text());
    expect(english).toMatch(/Sent for review on\s*:?\s*2 November 2026/);
    // Search finds it at once.
    expect(await one(`SELECT 1 AS found FROM search_terms WHERE document_id = ?1 AND term = '财务'`, doc!.id)).toEqual({ found: 1 });
    // The public search page answers with it published (never a 500 for a kind it does not render yet).
    const search = await call('/search/?q=%E8%B4%A2%E5%8A%A1');
    expect(search.status).toBe(200);

    // The overdue flag clears at once.
    const after = await (await staffGet(who.clerk, '/staff/villages/nanhe')).text();
    expect(/<tr data-kind="finances"(?: data-overdue="([^"]*)")?/.exec(after)?.[1] ?? '').not.toContain('2026-10');
    // The town sees every village's desk, this one included.
    const town = await (await staffGet(who.handler, '/staff/villages')).text();
    for (const v of ['qinglian', 'dongling', 'nanhe', 'beishan', 'xiling']) expect(town).toContain(`id="desk-${v}"`);
  });

  it('keeps four eyes: whoever drafted or changed a version cannot sign it off', async () => {
    const saved = await staffPost(who.otherOfficer, '/staff/villages/nanhe/new', { ...OCTOBER, period: '2026-09-15', kind: 'projects', project: '项目名称\t村道修缮', funding: '村集体自筹\t5000' });
    expect(saved.status).toBe(303);
    const path = saved.headers.get('location')!.replace(/\?.*$/, '');
    expect((await staffPost(who.otherOfficer, `${path}/submit`, {})).status).toBe(303);
    const own = await staffPost(who.otherOfficer, `${path}/approve`, {});
    expect(own.status).toBe(403);
    expect(textOf(await own.text())).toContain('这份稿件是您起草或修改的');
    expect((await one(`SELECT published_seq FROM documents WHERE id = ?1`, Number(path.split('/').at(-1))))!.published_seq).toBeNull();
    expect((await staffPost(who.officer, `${path}/approve`, {})).status).toBe(303);
  });
});

describe('a CSV upload', () => {
  it('takes the GBK file Excel or WPS saved, and shows a wrong line of it beside its table', async () => {
    // '项目,金额（元）\r\n上级转移支付,"48,300"\r\n其他收入,1438.5\r\n合计,49738.50\r\n' saved as GBK.
    const gbk = new Uint8Array([
      207, 238, 196, 191, 44, 189, 240, 182, 238, 163, 168, 212, 170, 163, 169, 13, 10, 201, 207, 188, 182, 215, 170, 210, 198, 214, 167, 184, 182, 44, 34, 52, 56, 44, 51, 48, 48, 34,
      13, 10, 198, 228, 203, 251, 202, 213, 200, 235, 44, 49, 52, 51, 56, 46, 53, 13, 10, 186, 207, 188, 198, 44, 52, 57, 55, 51, 56, 46, 53, 48, 13, 10,
    ]);
    const send = (income: Uint8Array, spending: string) => {
      const form = new FormData();
      form.set('csrf', who.clerk.csrf);
      for (const [k, v] of Object.entries({ kind: 'finances', period: '2026-11', summary: '南河村11月集体财务收支。', notes: '', income: '', spending })) form.set(k, v);
      form.set('income_csv', new File([income], '收入.csv', { type: 'text/csv' }));
      return call('/staff/villages/nanhe/new', { method: 'POST', headers: { cookie: who.clerk.cookie }, body: form });
    };
    const count = await one(`SELECT count(*) AS n FROM documents`);
    // A stated total that does not add up, in the file: shown at its line, with the file's rows back in the table to fix.
    const wrongTotal = new Uint8Array([...gbk.slice(0, -8), 0x37, 0x35, 0x30, 0x2e, 0x35, 0x30, 13, 10]); // 合计,49750.50
    const refused = await send(wrongTotal, '办公费\t100');
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(textOf(html)).toContain('第 4 行：合计写的是 49750.50 元，各行相加是 49738.50 元。');
    expect(html).toContain('上级转移支付\t48,300');
    expect(await one(`SELECT count(*) AS n FROM documents`)).toEqual(count);
    // The same file with its total right is a draft.
    const saved = await send(gbk, '办公费\t100');
    expect(saved.status).toBe(303);
    const meta = JSON.parse((await one(`SELECT v.meta FROM documents d JOIN document_versions v ON v.document_id = d.id WHERE d.slug = 'nanhe-2026-11-finances'`))!.meta as string);
    expect(meta.tables[0].rows).toEqual([[{ 'zh-CN': '上级转移支付' }, 48300], [{ 'zh-CN': '其他收入' }, 1438.5]]);
  });
});

describe('one village only', () => {
  it('a clerk of one village cannot open, draft or publish for another', async () => {
    const nanhe = await one(`SELECT id FROM documents WHERE slug = 'nanhe-2026-10-finances'`);
    const forbidden = '您没有权限';
    for (const path of ['/staff/villages/nanhe', '/staff/villages/nanhe/new', `/staff/villages/nanhe/${nanhe!.id}`]) {
      const res = await staffGet(who.clerkD, path);
      expect(res.status, path).toBe(403);
    }
    // Its own village's path with another village's document: not found, as any document that is not there.
    expect((await staffGet(who.clerkD, `/staff/villages/dongling/${nanhe!.id}`)).status).toBe(404);
    const count = await one(`SELECT count(*) AS n FROM documents`);
    expect((await staffPost(who.clerkD, '/staff/villages/nanhe/new', { ...OCTOBER })).status).toBe(403);
    expect((await staffPost(who.clerkD, `/staff/villages/dongling/${nanhe!.id}/withdraw`, { reason: '测试' })).status).toBe(404);
    expect((await staffPost(who.clerkD, `/staff/villages/nanhe/${nanhe!.id}/withdraw`, { reason: '测试' })).status).toBe(403);
    expect(await one(`SELECT count(*) AS n FROM documents`)).toEqual(count);
    expect((await one(`SELECT withdrawn_at FROM documents WHERE id = ?1`, nanhe!.id))!.withdrawn_at).toBeNull();
    void forbidden;
  });

  it('a clerk sees no case, queue, record or statistic', async () => {
    const html = await (await postForm('/mailbox', submission({ village: 'nanhe', subject: '南河村路灯不亮' }))).text();
    const number = /CL-\d{4}-\d{6}/.exec(html)![0];
    for (const path of [`/staff/cases/${number}`, '/staff/cases/new', '/staff/records', '/staff/rhythm', '/staff/accounts', '/staff/publishing/regulations', '/staff/conflicts']) {
      const res = await staffGet(who.clerk, path);
      expect(res.status, path).toBe(403);
      expect(await res.text()).not.toContain('南河村路灯不亮');
    }
    const nav = await (await staffGet(who.clerk, '/staff/villages/nanhe')).text();
    expect(nav).not.toContain('href="/staff/cases"');
    expect(nav).toContain('href="/staff/villages"');
    // Nor can a clerk move a case by posting to it.
    expect((await staffPost(who.clerk, `/staff/cases/${number}/moves`, { move: 'accept', message: '已受理。' })).status).toBe(403);
    expect((await one(`SELECT status FROM cases WHERE case_number = ?1`, number))!.status).toBe('received');
  });

  it('the committee has no desk', async () => {
    expect((await staffGet(who.discipline, '/staff/villages')).status).toBe(403);
    expect((await staffGet(who.discipline, '/staff/villages/nanhe')).status).toBe(403);
  });
});

void createStaff;
void signedIn;

describe('a correction as the answer to residents’ questions', () => {
  /** A resident's question about the disclosure, sent through the mailbox's own service: its number and query code. */
  async function question(subject: string, overrides: Record<string, string> = {}) {
    const valid = validateSubmission(submission({ village: 'nanhe', category: 'disclosure-question', disclosure: 'nanhe-2026-08-finances', subject, description: '8月财务公开里办公费的金额和凭证对不上。', ...overrides }));
    if (!valid.ok) throw new Error('test submission is invalid');
    const sent = await submit(env.DB, TEST_QUERY_CODE_KEY, valid.value, 'zh-CN');
    if (!sent.ok) throw new Error('test submission was refused');
    return { number: sent.value.receipt.caseNumber, code: sent.value.receipt.queryCode ?? '' };
  }

  /** The month's finances drafted by the clerk and signed off by the officer: the console address of the disclosure. */
  async function published(month: number): Promise<string> {
    const saved = await staffPost(who.clerk, '/staff/villages/nanhe/new', { ...OCTOBER, period: `2026-0${month}`, summary: `南河村${month}月集体财务收支。` });
    expect(saved.status).toBe(303);
    const path = saved.headers.get('location')!.replace(/\?.*$/, '');
    expect((await staffPost(who.clerk, `${path}/submit`, {})).status).toBe(303);
    expect((await staffPost(who.officer, `${path}/approve`, {})).status).toBe(303);
    return path;
  }

  it('lists the open questions for the officer who signs it off (the clerk reads only how many); the ones ticked are answered by “已更正” and ended', async () => {
    const path = await published(8);

    const answered = await question('8月办公费金额不对');
    const other = await question('8月报酬怎么算的');
    const kept = await question('村会计自己报销的8月办公费', { concernsOfficers: 'yes' });

    // The clerk corrects it: the desk says how many questions wait, and nothing of them.
    const note = '办公费金额录入有误，已更正为2800元。';
    expect((await staffPost(who.clerk, `${path}/correct`, { note })).status).toBe(303);
    const asClerk = await (await staffGet(who.clerk, path)).text();
    expect(textOf(asClerk)).toContain('本项公开有 2 件群众疑问待答复。');
    for (const s of [answered.number, other.number, kept.number, '8月办公费金额不对', '8月报酬怎么算的', '村会计自己报销']) expect(asClerk).not.toContain(s);
    expect((await staffPost(who.clerk, path, { ...OCTOBER, period: '2026-08', summary: '南河村8月集体财务收支。', spending: '村干部报酬\t24150\n办公费\t2800\n' })).status).toBe(303);
    expect((await staffPost(who.clerk, `${path}/submit`, {})).status).toBe(303);
    // A clerk ticking a question is refused, and nothing is signed off or ended.
    expect((await staffPost(who.clerk, `${path}/approve`, { [`answers-${answered.number}`]: 'yes' })).status).toBe(403);

    // The officer who signs it off sees the two questions the village handles, not the one kept from it.
    const asOfficer = await (await staffGet(who.officer, path)).text();
    expect(asOfficer).toContain(`name="answers-${answered.number}"`);
    expect(asOfficer).toContain(`name="answers-${other.number}"`);
    expect(asOfficer).toContain('8月办公费金额不对');
    expect(asOfficer).not.toContain(kept.number);
    expect(asOfficer).not.toContain('村会计自己报销');
    // Ticking the kept one is refused as a whole: nothing is signed off.
    expect((await staffPost(who.officer, `${path}/approve`, { [`answers-${kept.number}`]: 'yes' })).status).toBe(403);
    expect((await one(`SELECT published_seq FROM documents WHERE id = ?1`, Number(path.split('/').at(-1))))!.published_seq).toBe(1);

    const signed = await staffPost(who.officer, `${path}/approve`, { [`answers-${answered.number}`]: 'yes' });
    expect(signed.status).toBe(303);
    expect(signed.headers.get('location')).toContain('answered=1');
    expect(textOf(await (await staffGet(who.officer, signed.headers.get('location')!)).text())).toContain('勾选的 1 件疑问已办结并告知群众');
    const line = `已更正：见第2版（更正说明：${note}）`;
    const page = textOf(await (await call('/disclosures/nanhe/2026-08-finances/')).text());
    expect(page).toContain(line);
    expect(page).toContain('2,800.00');
    const status = (n: string) => one('SELECT status FROM cases WHERE case_number = ?1', n).then((r) => r!.status);
    expect(await status(answered.number)).toBe('closed');
    expect(await status(other.number)).toBe('received');
    expect(await status(kept.number)).toBe('received');
    // The resident reads the line and where to read the correction, and may rate it.
    const tracked = textOf(await (await postForm('/track', { code: answered.code })).text());
    expect(tracked).toContain(`${line} 答复已公布在这项村务公开下面：https://qinglian.example.org/disclosures/nanhe/2026-08-finances/`);
    expect(tracked).toContain('评价');

    // What goes with a sign-off stands only with it: replayed when the version is no longer in review, nothing of it is written.
    const docId = Number(path.split('/').at(-1));
    const officer = { id: await idOf(who.officer.username), role: 'liaison' as const, villageId: 'nanhe' };
    const prepared = await prepareCorrectionAnswers(env.DB, officer, docId, [other.number]);
    expect(prepared.ok).toBe(true);
    const tomorrow = new Date(Date.now() + 86_400_000);
    const statements = correctionAnswerStatements(env.DB, officer, { documentId: docId, seq: 2, noteZh: note, noteEn: null, disclosure: { village: 'nanhe', period: '2026-08', kind: 'finances' } as never }, prepared.ok ? prepared.value : [], tomorrow);
    const addenda = await one('SELECT count(*) AS n FROM disclosure_addenda');
    expect(await publishVersion(env.DB, docId, 2, storedDay(tomorrow), null, 'disclosure', [], officer.id, storedDay(tomorrow), undefined, statements.ok ? statements.value : null)).toBe(false);
    expect(await one('SELECT count(*) AS n FROM disclosure_addenda')).toEqual(addenda);
    expect(await status(other.number)).toBe('received');
  });

  it('signed off twice at once by the same officer on the same day, ticking different questions: only the sign-off that published it ends its questions', async () => {
    const path = await published(7);
    const first = await question('7月办公费金额不对', { disclosure: 'nanhe-2026-07-finances' });
    const second = await question('7月报酬怎么算的', { disclosure: 'nanhe-2026-07-finances' });
    expect((await staffPost(who.clerk, `${path}/correct`, { note: '办公费金额录入有误，已更正为2800元。' })).status).toBe(303);
    expect((await staffPost(who.clerk, path, { ...OCTOBER, period: '2026-07', summary: '南河村7月集体财务收支。', spending: '村干部报酬\t24150\n办公费\t2800\n' })).status).toBe(303);
    expect((await staffPost(who.clerk, `${path}/submit`, {})).status).toBe(303);

    // The officer's form is sent twice at once (a double click, two tabs), each with a different question ticked.
    const [a, b] = await Promise.all([
      staffPost(who.officer, `${path}/approve`, { [`answers-${first.number}`]: 'yes' }),
      staffPost(who.officer, `${path}/approve`, { [`answers-${second.number}`]: 'yes' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([303, 409]);
    const won = a.status === 303 ? first : second;
    const lost = a.status === 303 ? second : first;
    const status = (n: string) => one('SELECT status FROM cases WHERE case_number = ?1', n).then((r) => r!.status);
    expect(await status(won.number)).toBe('closed');
    expect(await status(lost.number)).toBe('received');
    // One "已更正" line under the disclosure, and the resident of the other question told nothing.
    const page = textOf(await (await call('/disclosures/nanhe/2026-07-finances/')).text());
    expect(page.split('已更正：见第2版').length - 1).toBe(1);
    expect(textOf(await (await postForm('/track', { code: lost.code })).text())).not.toContain('已更正');
  });
});

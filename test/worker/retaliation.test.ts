// 打击报复: a resident treated unfairly for having reported something goes straight to the
// discipline committee, sealed like a cadre report, and may link the report to their earlier case
// by that case's query code — verified here, never by a number, never telling anything about a
// code that is not theirs but "not found".
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { asCommitteeSees, committeeKey } from './committee-support.ts';
import { caseRow, lookUp, sendCase } from './routing-support.ts';
import { counts, dumpDatabase, postForm, postJson, proven, spellings, submission } from './support.ts';
import { staffGet, staffMember, staffPost, type Staff } from './staff-support.ts';

const staff = {} as Record<'admin' | 'handler' | 'liaisonQ' | 'member', Staff>;

beforeAll(async () => {
  await committeeKey();
  staff.admin = await staffMember('admin');
  staff.handler = await staffMember('handler');
  staff.liaisonQ = await staffMember('liaison', 'qinglian');
  staff.member = await staffMember('discipline');
});

const WORDS = { subject: '举报后低保被取消', description: '我上个月反映了村会计的问题，这个月我家的低保就被取消了，没有任何说明。' };

describe('a report of retaliation', () => {
  it('is a category of its own on the mailbox, in both languages, and goes to the committee sealed', async () => {
    expect(await (await staffGet(null, '/mailbox')).text()).toContain('因为反映了问题而受到不公正对待');
    expect(await (await staffGet(null, '/en/mailbox')).text()).toContain('I am being treated unfairly because I reported something');
    const sent = await sendCase({ category: 'retaliation', ...WORDS });
    expect(sent.status).toBe(201);
    expect(sent.html).toContain('这件事将直接转镇纪委、监察办公室办理');
    expect(await caseRow(sent.number)).toMatchObject({ discipline: 1, status: 'escalated', category_id: 'retaliation' });
    const stored = await dumpDatabase(env.DB);
    for (const text of Object.values(WORDS)) expect(stored).not.toContain(text);
    expect(await asCommitteeSees(await (await staffGet(staff.member, `/staff/cases/${sent.number}`)).text())).toContain(WORDS.description);
    for (const who of [staff.admin, staff.handler, staff.liaisonQ]) {
      const res = await staffGet(who, `/staff/cases/${sent.number}`);
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain(WORDS.subject);
    }
    // The resident reads it with the code.
    expect(await lookUp(sent.code)).toContain(WORDS.subject);
  });

  it('can be linked to the resident’s earlier case by that case’s query code; only the committee and the resident see the link', async () => {
    const earlier = await sendCase({ subject: '反映村会计账目不清' });
    const eventsBefore = await env.DB.prepare(`SELECT count(*) AS n FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.case_number = ?1`).bind(earlier.number).first('n');
    const handlerBefore = await (await staffGet(staff.handler, `/staff/cases/${earlier.number}`)).text();
    const sent = await sendCase({ category: 'retaliation', ...WORDS, earlierCode: earlier.code.toLowerCase().replace(/-/g, ' ') });
    expect(sent.status).toBe(201);
    expect(sent.html).toContain(`已关联到您早先的案件 ${earlier.number}。只有镇纪委、监察办公室能看到这个关联。`);
    // The receipt shows the new case's code, never the earlier one.
    for (const spelling of spellings(earlier.code)) expect(sent.html).not.toContain(spelling);
    // The link is the committee's: sealed in the new case, nothing written to the earlier one.
    const row = await caseRow(sent.number);
    const link = await env.DB.prepare(`SELECT public_message, internal_note FROM case_events WHERE case_id = ?1 AND kind = 'link'`).bind(row!.id).first<{ public_message: string; internal_note: string }>();
    expect(link!.public_message).toMatch(/^qls2:/);
    expect(link!.internal_note).toMatch(/^qls2:/);
    expect(await env.DB.prepare(`SELECT count(*) AS n FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.case_number = ?1`).bind(earlier.number).first('n')).toBe(eventsBefore);
    expect((await (await staffGet(staff.handler, `/staff/cases/${earlier.number}`)).text()).replace(/name="csrf" value="[^"]+"/g, '')).toBe(handlerBefore.replace(/name="csrf" value="[^"]+"/g, ''));
    const seen = await asCommitteeSees(await (await staffGet(staff.member, `/staff/cases/${sent.number}`)).text());
    expect(seen).toContain(`反映人凭查询码关联的早先案件：${earlier.number}`);
    expect(seen).toContain('关联早先的案件');
    // The resident's timeline says it too.
    expect(await lookUp(sent.code)).toContain(`已关联到您早先的案件 ${earlier.number}。`);
  });

  it('links nothing with a code that opens nothing, a case number, or a slip’s code not yet claimed: one “not found”, and nothing stored', async () => {
    const slip = await staffPost(staff.handler, '/staff/cases/new', { ...submission({ category: 'cadre-report' }), channel: 'phone' });
    const slipCode = /id="query-code"[^>]*>([0-9A-Z-]{19})</.exec(await slip.text())![1]!;
    const earlier = await sendCase();
    const tries = ['ABCD-EFGH-JKMN-PQRS', earlier.number, 'not a code at all', slipCode];
    const answers: string[] = [];
    for (const code of tries) {
      const before = await counts(env.DB);
      const res = await postForm('/mailbox', await proven('submission', submission({ category: 'retaliation', ...WORDS, earlierCode: code })));
      expect(res.status, code).toBe(422);
      const html = await res.text();
      expect(html).toContain('没有找到与这个查询码对应的反映。请核对后重新输入（为保护查询码，页面没有保留您输入的内容）。');
      // What was typed comes back, but never the code: the field is empty.
      expect(html).toContain(WORDS.description);
      expect(html).toMatch(/<input id="earlierCode" name="earlierCode" type="text" value=""/);
      for (const spelling of [...spellings(code), code]) expect(html, code).not.toContain(spelling.length > 8 ? spelling : '\u0000');
      expect(await counts(env.DB)).toEqual(before);
      answers.push(html.replace(/value="[A-Za-z0-9_-]{22,64}"/g, ''));
    }
    // The answer is the same whatever the code was.
    expect(new Set(answers).size).toBe(1);
  });

  it('can be linked only when it is a report of retaliation, and says so', async () => {
    const earlier = await sendCase();
    const res = await postForm('/en/mailbox', await proven('submission', submission({ category: 'complaint', earlierCode: earlier.code })));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Only a report of retaliation (打击报复) can be linked to an earlier case.');
    for (const spelling of spellings(earlier.code)) expect(html).not.toContain(spelling);
  });

  it('is linked through the JSON API too, with the same “not found” for a wrong code', async () => {
    const earlier = await sendCase();
    const ok = await postJson('/api/submissions', await proven('submission', { ...submission({ category: 'retaliation', ...WORDS }), earlierCode: earlier.code }));
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as { receipt: { linkedTo: string } }).receipt.linkedTo).toBe(earlier.number);
    const wrong = await postJson('/api/submissions?lang=en', await proven('submission', { ...submission({ category: 'retaliation', ...WORDS }), earlierCode: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' }));
    expect(wrong.status).toBe(422);
    const body = (await wrong.json()) as { error: { code: string; fields: { field: string; message: string }[] } };
    expect(body.error.code).toBe('invalid');
    expect(body.error.fields).toEqual([{ field: 'earlierCode', message: 'No case matches this query code. Check it and enter it again (to protect the code, the page did not keep what you typed).' }]);
  });

  it('is counted with the committee’s figures only: not a cadre report, and in no village table', async () => {
    const { committeeCounts } = await import('../../worker/db/stats.ts');
    const { foldStatistics } = await import('../../worker/services/stats.ts');
    await foldStatistics(env.DB);
    const year = [new Date(Date.now() - 30 * 86_400_000).toISOString(), new Date(Date.now() + 86_400_000).toISOString()] as const;
    const c = await committeeCounts(env.DB, year[0], year[1], ['retaliation']);
    const retaliations = await env.DB.prepare(`SELECT count(*) AS n FROM cases WHERE category_id = 'retaliation'`).first<number>('n');
    const cadre = await env.DB.prepare(`SELECT count(*) AS n FROM cases WHERE category_id = 'cadre-report'`).first<number>('n');
    expect(c.retaliation).toBe(retaliations);
    expect(c.cadreReports).toBe(cadre);
    const spans = await env.DB.prepare(`SELECT DISTINCT cadre FROM stat_spans WHERE category_id = 'retaliation'`).all<{ cadre: number }>();
    expect(spans.results).toEqual([{ cadre: 1 }]);
  });
});

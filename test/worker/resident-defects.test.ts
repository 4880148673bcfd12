// What a resident met on the mailbox and the query page: contradictory feedback, an anonymous
// text that names its writer, the last update and the names of the steps on a case, wording meant
// for staff, and the mailbox opened from a village's page.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'node-html-parser';
import { call, codeFromReceipt, counts, followupFormOf, postForm, submission } from './support.ts';
import { move, staffMember } from './staff-support.ts';
import { importDisclosures } from './publishing-support.ts';

async function webCase(overrides: Record<string, string> = {}) {
  const html = await (await postForm('/mailbox', submission(overrides))).text();
  return { number: /CL-\d{4}-\d{6}/.exec(html)![0], code: codeFromReceipt(html) };
}
const track = async (code: string, lang = '') => (await postForm(`${lang}/track`, { code })).text();
const tokenFor = async (code: string, lang = '') => followupFormOf(await track(code, lang)).token;

async function closedCase() {
  const officer = await staffMember('liaison', 'qinglian');
  const c = await webCase();
  await move(officer, c.number, 'accept');
  await move(officer, c.number, 'explain', { message: '经核实，此事需县里统一安排，暂时无法办理。' });
  await move(officer, c.number, 'close', { message: '结案。' });
  return c;
}

describe('feedback that says two things at once', () => {
  it('is asked about, next to the reopen box, in both languages, and nothing is stored', async () => {
    const { number, code } = await closedCase();
    const res = await postForm('/track/feedback', { token: await tokenFor(code), rating: 'satisfied', reopen: 'yes' });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).not.toContain('感谢您的评价');
    expect(page).toMatch(/id="field-reopen"[^]*class="field-error" id="error-reopen">您选择了“满意”，又勾选了“不满意，申请重新办理”/);
    expect(page).toContain('href="#field-reopen"');
    const en = await (await postForm('/en/track/feedback', { token: await tokenFor(code, '/en'), rating: 'basically_satisfied', reopen: 'yes' })).text();
    expect(en).toContain('You chose “Basically satisfied” and also ticked');
    const stored = await env.DB.prepare('SELECT count(*) AS n FROM case_feedback f JOIN cases c ON c.id = f.case_id WHERE c.case_number = ?1').bind(number).first('n');
    expect(stored).toBe(0);
    expect((await env.DB.prepare('SELECT reopen_count FROM cases WHERE case_number = ?1').bind(number).first('reopen_count'))).toBe(0);
    // Either answer alone is taken.
    expect((await postForm('/track/feedback', { token: await tokenFor(code), rating: 'dissatisfied', reopen: 'yes' })).status).toBe(201);
  });
});

describe('an anonymous text that names its writer, without JavaScript', () => {
  const naming = '我叫王秀英，电话13812345678。村口到学校的路灯已经坏了一个星期，晚上走路看不见。';

  it('comes back with the question, every field kept, and nothing stored', async () => {
    const before = await counts(env.DB);
    const res = await postForm('/mailbox', submission({ description: naming, subject: '路灯不亮' }));
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('您选择了匿名，但内容里有电话号码/姓名，村里可能据此认出您。要删掉吗？');
    expect(page).toContain('13812345678');
    expect(page).toContain('王秀英');
    expect(page).toContain('value="路灯不亮"');
    expect(page).toMatch(/<textarea[^>]*name="description"[^>]*>我叫王秀英/);
    expect(page).toContain('name="anonymousAsIs"');
    expect(page).not.toContain('id="query-code"');
    expect(await counts(env.DB)).toEqual(before);
    const en = await (await postForm('/en/mailbox', submission({ description: naming }))).text();
    expect(en).toContain('You chose to stay anonymous, but your text contains a phone number or a name');
  });

  it('is sent as it is when the resident says so, and a named or plain text is never asked about', async () => {
    const sent = await postForm('/mailbox', submission({ description: naming, anonymousAsIs: 'yes' }));
    expect(sent.status).toBe(201);
    const stored = await env.DB.prepare('SELECT count(*) AS n FROM cases').first('n');
    expect(stored).toBeGreaterThan(0);
    expect((await postForm('/mailbox', submission())).status).toBe(201);
    const named = await postForm('/mailbox', submission({ description: naming, identity: 'named', name: '王秀英', phone: '13812345678' }));
    expect(named.status).toBe(201);
  });
});

describe('the query page', () => {
  it('names each staff step and dates the last update by the latest entry, a follow-up included', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const { number, code } = await webCase();
    await move(officer, number, 'accept', { message: '已受理。' });
    await move(officer, number, 'set_time_limit', { message: '将在3个工作日内办结。', workingDays: '3' });
    const page = await track(code);
    expect(page).not.toContain('工作人员回复');
    expect(page).toMatch(/<span>受理<\/span>[^]*已受理。/);
    expect(page).toMatch(/<span>限时办结<\/span>[^]*将在3个工作日内办结。/);
    const en = await track(code, '/en');
    expect(en).toContain('<span>Accepted</span>');

    // The resident's follow-up after the staff's moves (stored to the day, as every resident's
    // time is): the last update is the follow-up's, not the time of the staff's last move.
    const form = followupFormOf(await track(code));
    expect((await postForm('/track/followup', { ...form, text: '路灯还是不亮，请尽快。' })).status).toBe(201);
    const after = await track(code);
    const updated = /<dt>最近更新<\/dt>\s*<dd[^>]*>([^]*?)<\/dd>/.exec(after)![1]!;
    expect(updated).toContain('您补充了信息');
    expect(updated.replace(/<[^>]+>/g, "")).not.toMatch(/\d:\d\d/);
  });

  it('says a provisional deadline in a resident’s words', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const { number, code } = await webCase();
    await move(officer, number, 'accept');
    await move(officer, number, 'set_time_limit', { message: '将在5个工作日内办结。', workingDays: '5' });
    await env.DB.prepare(`UPDATE cases SET due_at = '2099-01-05T15:59:59.000Z' WHERE case_number = ?1`).bind(number).run();
    const page = await track(code);
    expect(page).not.toContain('尚未录入');
    expect(page).toContain('2099年的放假安排还没有公布');
    const en = await track(code, '/en');
    expect(en).not.toContain('not entered yet');
    expect(en).toContain('the 2099 public holidays have not been announced yet');
  });
});

describe('the mailbox', () => {
  it('shows 打击报复 without the cadre report’s text', async () => {
    const page = await (await call('/mailbox')).text();
    const choice = /<input[^>]*value="retaliation"[^]*?<\/label>/.exec(page)![0];
    expect(choice).not.toContain('反映村干部的问题线索');
    const receipt = await (await postForm('/mailbox', submission({ category: 'retaliation' }))).text();
    expect(receipt).not.toContain('反映村干部的问题线索');
  });

  it('opened from a village’s page has that village chosen; an unknown one chooses none', async () => {
    const page = await (await call('/mailbox?village=dongling')).text();
    expect(page).toMatch(/<option value="dongling" selected/);
    const en = await (await call('/en/mailbox?village=dongling')).text();
    expect(en).toMatch(/<option value="dongling" selected/);
    const odd = await call('/mailbox?village=%3Cscript%3E');
    expect(odd.status).toBe(200);
    expect(await odd.text()).not.toMatch(/<option value="[a-z-]+" selected/);
  });
});

describe('search, as an older reader uses it', () => {
  beforeAll(importDisclosures);
  const results = async (q: string) => {
    const doc = parse(await (await call(`/search/?q=${encodeURIComponent(q)}`)).text());
    return doc.querySelectorAll('#search-results li').map((li) => ({ href: li.querySelector('a')?.getAttribute('href') ?? '', snippet: li.querySelector('.snippet')?.text ?? '' }));
  };

  it('shows the document’s own text in its snippet, never the line of keywords', async () => {
    for (const q of ['补贴', '低保', '财务', '清廉村 财务']) {
      const found = await results(q);
      expect(found.length, q).toBeGreaterThan(0);
      for (const r of found) expect(r.snippet, `${q}: ${r.href}`).not.toContain('相关词');
    }
  });

  it('orders 清廉村 财务 by relevance, then the newest month first', async () => {
    const hrefs = (await results('清廉村 财务')).map((r) => r.href).filter((h) => /^\/disclosures\/qinglian\/2026-\d{2}-finances\/$/.test(h));
    expect(hrefs).toEqual([
      '/disclosures/qinglian/2026-10-finances/',
      '/disclosures/qinglian/2026-09-finances/',
      '/disclosures/qinglian/2026-08-finances/',
      '/disclosures/qinglian/2026-07-finances/',
    ]);
  });
});

describe('what an anonymous text is asked about', () => {
  it('a phone number, an online id or the writer’s own name; not the people a report is about', async () => {
    const { selfIdentifying } = await import('../../worker/cases/anonymous-check.ts');
    const kinds = (description: string) => selfIdentifying({ subject: '路灯', description }).map((f) => `${f.kind}:${f.text}`);
    expect(kinds('我叫王秀英，电话13812345678')).toEqual(['name:王秀英', 'phone:13812345678']);
    expect(kinds('本人李大山反映村口路灯不亮')).toEqual(['name:李大山']);
    expect(kinds('My name is Wang Xiuying and the light is broken')).toEqual(['name:Wang Xiuying']);
    expect(kinds('村民张三占了集体的地，村主任王某不管')).toEqual([]);
    expect(kinds('村口到学校的路灯已经坏了一个星期')).toEqual([]);
  });
});

// A resident's query code is theirs alone: whatever staff publish (an outcome, a village's
// disclosure) is held back while it holds one, in any spelling, and nothing is stored; amounts,
// dates and case numbers written in groups of four are no code.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, codeFromReceipt, postForm, submission } from './support.ts';
import { closedCase, staffMember, staffPost, type Staff } from './staff-support.ts';

const CODES = ['473K-R3F9-AS9M-2N0D', '473kr3f9 as9m2n0d', '４７３Ｋ．Ｒ３Ｆ９．ＡＳ９Ｍ．２Ｎ０Ｄ'];
const text = { problem: '村道两侧路灯损坏，夜间通行不便。', action: '村联络员当天联系电工，更换了损坏的灯泡。', outcome: '路灯已恢复照明。' };
const one = (sql: string, ...args: unknown[]) => env.DB.prepare(sql).bind(...args).first<Record<string, unknown>>();

describe('an outcome', () => {
  it('is blocked while its text holds a query code, the finding named in the staff member’s language, and nothing is published', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const handler = await staffMember('handler');
    const number = await closedCase(officer);
    for (const code of CODES) {
      const res = await staffPost(handler, `/staff/cases/${number}/outcome`, { ...text, action: `村联络员当天联系电工，反映人凭查询码${code}查询了进度。` });
      expect(res.status, code).toBe(422);
      expect(await res.text(), code).toContain(`查询码“${code}”`);
    }
    const en = await staffPost(handler, `/en/staff/cases/${number}/outcome`, { ...text, outcome: `Fixed; the resident followed it with ${CODES[0]}.` });
    expect(en.status).toBe(422);
    expect(await en.text()).toContain('query code');
    expect((await call(`/outcomes/${number}`)).status).toBe(404);
    expect(await one('SELECT count(*) AS n FROM outcomes WHERE case_id = (SELECT id FROM cases WHERE case_number = ?1)', number)).toEqual({ n: 0 });
    // Amounts, dates and case numbers in groups of four are no code.
    const res = await staffPost(handler, `/staff/cases/${number}/outcome`, { ...text, action: `投入1200 3000 4500 6000元修好路灯，2026 1120 0930 1200前完成，案件${number}。` });
    expect(res.status).toBe(303);
  });
});

describe('a real query code written with other marks between its groups', () => {
  it('is held back in every spelling the lookup opens its case with (spaced dashes, en and em dashes, underscores, two dashes), and one with slashes', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const handler = await staffMember('handler');
    // A resident's own case and its code, as the receipt gives it.
    const receipt = await (await postForm('/mailbox', submission({ subject: '村委会门前积水' }))).text();
    const caseNumber = /CL-\d{4}-\d{6}/.exec(receipt)![0];
    const groups = codeFromReceipt(receipt).split('-');
    const number = await closedCase(officer);
    for (const between of [' - ', '–', ' – ', '—', ' — ', '_', '--', '/', ' / ']) {
      const written = groups.join(between);
      if (!between.includes('/')) {
        // Written so, the code still opens the resident's case: whoever read it could look it up.
        const opened = await postForm('/track', { code: written });
        expect(await opened.text(), written).toContain(caseNumber);
      }
      const res = await staffPost(handler, `/staff/cases/${number}/outcome`, { ...text, action: `村联络员当天联系电工，反映人凭查询码 ${written} 查询了进度。` });
      expect(res.status, written).toBe(422);
    }
    expect((await call(`/outcomes/${number}`)).status).toBe(404);
    expect(await one('SELECT count(*) AS n FROM outcomes WHERE case_id = (SELECT id FROM cases WHERE case_number = ?1)', number)).toEqual({ n: 0 });
  });
});

describe('a village disclosure', () => {
  let clerk: Staff;
  beforeAll(async () => {
    const admin = await staffMember('admin');
    clerk = await staffMember('clerk', 'qinglian');
    const id = (await one('SELECT id FROM staff_users WHERE username = ?1', clerk.username))!.id;
    expect((await staffPost(admin, `/staff/accounts/${id}/rights`, { draft: 'yes' })).status).toBe(200);
  });

  it('is not saved while a row holds a query code: the row is named and the code masked', async () => {
    const before = await one("SELECT count(*) AS n FROM documents WHERE kind = 'disclosure'");
    const res = await staffPost(clerk, '/staff/villages/qinglian/new', {
      kind: 'finances',
      period: '2026-05',
      summary: '清廉村5月集体财务收支。',
      income: `上级转移支付\t48300\n退款（查询码473K-R3F9-AS9M-2N0D）\t120\n`,
      spending: '办公费\t2737.50\n',
      notes: '',
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('有像查询码的内容（473***0D）');
    expect(await one("SELECT count(*) AS n FROM documents WHERE kind = 'disclosure'")).toEqual(before);
  });
});

// Claim codes: a cadre report an officer records from a visit or a call gets a slip whose code
// only claims the case, once; afterwards that code says when it was exchanged and whom to tell.
// A letter to the committee recorded without a code card gets no code at all.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { codeFromReceipt, followupFormOf, postForm, postJson, proven, submission } from './support.ts';
import { staffGet, staffMember, staffPost } from './staff-support.ts';

async function recorded(channel: 'phone' | 'visit' | 'mailbox', category = 'cadre-report') {
  const officer = await staffMember('liaison', 'qinglian');
  const slip = await (await staffPost(officer, '/staff/cases/new', { ...submission({ category, subject: `来访反映 ${channel}` }), channel })).text();
  return { officer, slip, number: /CL-\d{4}-\d{6}/.exec(slip)![0], code: slip.includes('id="query-code"') ? codeFromReceipt(slip) : '' };
}

const tokenOf = (html: string) => /name="token" value="([^"]+)"/.exec(html)![1]!;

describe('a claim code on a slip', () => {
  it('works once, to take a new code; then the slip’s code says on which day it was exchanged, and whom to tell', async () => {
    const { officer, number, code, slip } = await recorded('phone');
    expect(slip).toContain('这个查询码只能用一次');
    expect(await (await staffGet(officer, `/staff/cases/${number}`)).text()).toContain('回执上的查询码尚未被领取。');

    const first = await (await postForm('/track', { code })).text();
    expect(first).toContain('请现在领取一个新的查询码');
    expect(first).not.toContain('来访反映'); // nothing of the case before the claim
    const claimed = await postForm('/track/claim', { token: tokenOf(first) });
    expect(claimed.status).toBe(201);
    const page = await claimed.text();
    const fresh = codeFromReceipt(page);
    expect(fresh).not.toBe(code);
    expect(page).toContain('这是您新的查询码，只显示这一次。');

    // Tamper-evident: not "not found", but the day of the claim (no time) and the committee's contact.
    const slipAgain = await postForm('/track', { code });
    expect(slipAgain.status).toBe(410);
    const said = await slipAgain.text();
    expect(said).toMatch(/此查询码已于\d{4}年\d{1,2}月\d{1,2}日兑换过新的查询码；如果不是您本人兑换的，请告诉镇纪委监察办：电话 0731-55550110/);
    expect(said).not.toContain('来访反映');
    expect(said).not.toMatch(/日 \d{2}:\d{2}/);
    expect((await postForm('/track', { code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' })).status).toBe(404);
    const api = await postJson('/api/track?lang=en', await proven('track', { code }));
    expect(api.status).toBe(410);
    const body = (await api.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('code_claimed');
    expect(body.error.message).toMatch(/^This query code was already exchanged for a new one on \d{1,2} \w+ \d{4}\. If that was not you, tell the town discipline committee/);
    // Only the day is stored: the start of the town day (00:00 in Asia/Shanghai), as every resident's act.
    const claimedAt = (await env.DB.prepare(`SELECT claimed_at FROM case_claims`).first('claimed_at')) as string;
    expect(claimedAt).toMatch(/^\d{4}-\d{2}-\d{2}T16:00:00\.000Z$/);

    const opened = await (await postForm('/track', { code: fresh })).text();
    expect(opened).toContain('来访反映 phone');
    followupFormOf(opened);
    expect(await (await staffGet(officer, `/staff/cases/${number}`)).text()).toContain('群众已领取新的查询码。');
    // The claim's own token cannot claim twice.
    expect((await postForm('/track/claim', { token: tokenOf(first) })).status).toBe(409);
  });

  it('is the same in the JSON API, and in English', async () => {
    const { code } = await recorded('visit');
    const res = await postJson('/api/track?lang=en', await proven('track', { code }));
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; message: string }; token: string };
    expect(body.error.code).toBe('claim_required');
    expect(body.error.message).toContain('take a new query code now');
    const claimed = await postJson('/api/claims', { token: body.token });
    expect(claimed.status).toBe(201);
    const { queryCode } = (await claimed.json()) as { queryCode: string };
    expect((await postJson('/api/track', await proven('track', { code: queryCode }))).status).toBe(200);
    expect((await postJson('/api/track', await proven('track', { code }))).status).toBe(410);
  });

  it('is not needed where the officer saw no code worth hiding: an ordinary case, by phone or by letter', async () => {
    for (const channel of ['phone', 'mailbox'] as const) {
      const { code } = await recorded(channel, 'demand');
      expect(await (await postForm('/track', { code })).text()).toContain('来访反映');
    }
  });
});

describe('a letter to the committee recorded without a code card', () => {
  it('gets a slip with the case number and no code, and a line about code cards: the recorder has nothing to use on /track', async () => {
    for (const category of ['cadre-report', 'retaliation'] as const) {
      const { officer, slip, number } = await recorded('mailbox', category);
      expect(slip).toContain(number);
      expect(slip).not.toContain('id="query-code"');
      expect(slip).not.toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
      expect(slip).toContain('这张回执没有查询码');
      expect(slip).toContain('下次请在意见箱旁放上查询码卡片');
      // Every code-looking string the recorder saw opens nothing as the resident.
      for (const seen of (slip + (await (await staffGet(officer, `/staff/cases/${number}`)).text())).match(/\b[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}\b/g) ?? []) {
        expect([404, 422]).toContain((await postForm('/track', { code: seen })).status);
      }
      expect(await env.DB.prepare(`SELECT count(*) AS n FROM submissions s JOIN cases c ON c.id = s.case_id WHERE c.case_number = ?1 AND s.sealed_code IS NOT NULL`).bind(number).first('n')).toBe(0);
    }
    // A retried form (the same submission) gets the same slip again: still no code.
    const officer = await staffMember('handler');
    const letter = { ...submission({ category: 'cadre-report' }), channel: 'mailbox' };
    expect((await staffPost(officer, '/staff/cases/new', letter)).status).toBe(201);
    const retry = await staffPost(officer, '/staff/cases/new', letter);
    expect(retry.status).toBe(200);
    const again = await retry.text();
    expect(again).not.toContain('id="query-code"');
    expect(again).toContain('这张回执没有查询码');
    const en = await (await staffPost(officer, '/en/staff/cases/new', { ...submission({ category: 'cadre-report' }), channel: 'mailbox' })).text();
    expect(en).toContain('this case has no query code: nobody can follow it as its writer. Next time, keep code cards beside the mailbox');
  });

  it('is the same for a letter kept from its village', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const kept = await (await staffPost(officer, '/staff/cases/new', { ...submission({ category: 'demand', concernsOfficers: 'yes' }), channel: 'mailbox' })).text();
    expect(kept).not.toContain('id="query-code"');
    expect(kept).toContain('这张回执没有查询码');
  });
});

describe('a claim taken first by someone else', () => {
  it('is told to the real resident (the day and whom to tell), and the committee sees it on the case page', async () => {
    const { code, number, officer } = await recorded('visit');
    // The officer who printed the slip claims it before the resident does.
    const first = await (await postForm('/track', { code })).text();
    expect((await postForm('/track/claim', { token: tokenOf(first) })).status).toBe(201);
    // The real resident, later, with the slip in hand: not "not found".
    const resident = await postForm('/track', { code });
    expect(resident.status).toBe(410);
    const text = await resident.text();
    expect(text).toContain('兑换过新的查询码；如果不是您本人兑换的，请告诉镇纪委监察办');
    expect(text).not.toContain('没有找到');
    const committee = await (await staffGet(await staffMember('discipline'), `/staff/cases/${number}`)).text();
    expect(committee).toMatch(/id="case-claim"[^>]*>回执或卡片上的查询码已于\d{4}年\d{1,2}月\d{1,2}日兑换为新的查询码/);
    // The officer learns no more than "claimed".
    const own = await (await staffGet(officer, `/staff/cases/${number}`)).text();
    expect(own).toContain('群众已领取新的查询码。');
    expect(own).not.toContain('case-claim');
  });

  it('of a case kept from its village, tells the resident to see the town office, and town staff see it', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const slip = await (await staffPost(officer, '/staff/cases/new', { ...submission({ category: 'demand', concernsOfficers: 'yes', subject: '反映村会计' }), channel: 'phone' })).text();
    const code = codeFromReceipt(slip);
    const number = /CL-\d{4}-\d{6}/.exec(slip)![0];
    const first = await (await postForm('/track', { code })).text();
    expect(first).not.toContain('反映村会计');
    expect((await postForm('/track/claim', { token: tokenOf(first) })).status).toBe(201);
    const text = await (await postForm('/track', { code })).text();
    expect(text).toContain('如果不是您本人兑换的，请告诉镇党政综合办公室，电话 0731-55550100');
    const town = await (await staffGet(await staffMember('handler'), `/staff/cases/${number}`)).text();
    expect(town).toMatch(/id="case-claim"[^>]*>回执或卡片上的查询码已于\d{4}年/);
  });
});

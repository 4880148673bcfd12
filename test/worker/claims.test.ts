// Claim codes: a cadre report an officer records from a visit or a call gets a slip whose code
// only claims the case, once; afterwards that code is as unknown as a wrong one.
import { describe, expect, it } from 'vitest';
import { codeFromReceipt, followupFormOf, postForm, postJson, proven, submission } from './support.ts';
import { staffGet, staffMember, staffPost } from './staff-support.ts';

async function recorded(channel: 'phone' | 'visit' | 'mailbox', category = 'cadre-report') {
  const officer = await staffMember('liaison', 'qinglian');
  const slip = await (await staffPost(officer, '/staff/cases/new', { ...submission({ category, subject: `来访反映 ${channel}` }), channel })).text();
  return { officer, slip, number: /CL-\d{4}-\d{6}/.exec(slip)![0], code: codeFromReceipt(slip) };
}

const tokenOf = (html: string) => /name="token" value="([^"]+)"/.exec(html)![1]!;

describe('a claim code on a slip', () => {
  it('works once, to take a new code; then the slip’s code gets the same “not found” as a wrong code', async () => {
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

    const slipAgain = await postForm('/track', { code });
    const wrong = await postForm('/track', { code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' });
    expect(slipAgain.status).toBe(404);
    // The same page, but for the fresh client id every form carries.
    const sameForm = (html: string) => html.replace(/name="clientId" value="[^"]+"/g, 'name="clientId"');
    expect(sameForm(await slipAgain.text())).toBe(sameForm(await wrong.text()));
    expect((await postJson('/api/track', await proven('track', { code }))).status).toBe(404);

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
    expect((await postJson('/api/track', await proven('track', { code }))).status).toBe(404);
  });

  it('is not needed where the officer saw no code worth hiding: an ordinary case, or a letter', async () => {
    for (const [channel, category] of [['phone', 'demand'], ['mailbox', 'cadre-report']] as const) {
      const { code } = await recorded(channel, category);
      expect(await (await postForm('/track', { code })).text()).toContain('来访反映');
    }
  });
});

import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { abuseSettings } from '../../content/abuse.ts';
import { sha256Hex } from '../../worker/cases/crypto.ts';
import { insertTrackToken } from '../../worker/db/cases.ts';
import { addFollowup, sealCaseForToken } from '../../worker/services/mailbox.ts';
import { codeFromReceipt, counts, followupFormOf, newId, postForm, postJson, submission, proven } from './support.ts';

const MAX = abuseSettings.followups.perCasePerDay;

async function openCase() {
  const code = codeFromReceipt(await (await postForm('/mailbox', submission())).text());
  const page = await (await postForm('/track', { code })).text();
  return { code, ...followupFormOf(page) };
}

describe('follow-ups', () => {
  it(`are taken ${MAX} times a day per case; beyond, a clear message in both languages, the text kept, nothing stored`, async () => {
    const { token } = await openCase();
    for (let i = 0; i < MAX; i++) expect((await postForm('/track/followup', { token, followupId: newId(), text: `第${i + 1}次补充的情况。` })).status).toBe(201);
    const before = await counts(env.DB);
    const refused = await postForm('/track/followup', { token, followupId: newId(), text: '再补充一段很长的情况说明。' });
    expect(refused.status).toBe(429);
    const html = await refused.text();
    expect(html).toContain(`这件事今天已经补充了${MAX}次，今天不能再补充了。`);
    expect(html).toContain('再补充一段很长的情况说明。'); // kept in the form
    const en = await postForm('/en/track/followup', { token, followupId: newId(), text: 'Yet more to add here.' });
    expect(await en.text()).toContain(`This case has had ${MAX} additions today`);
    const api = await postJson('/api/followups', await proven('followup', { token, followupId: newId(), text: 'API 再补充。' }));
    expect(api.status).toBe(429);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('limit');
    expect(await counts(env.DB)).toEqual(before);
  });

  it('count a retried follow-up once, so a retry after the limit still succeeds', async () => {
    const { token } = await openCase();
    const ids = Array.from({ length: MAX }, () => newId());
    for (const id of ids) await postForm('/track/followup', { token, followupId: id, text: '同一条补充内容。' });
    const before = await counts(env.DB);
    expect((await postForm('/track/followup', { token, followupId: ids[0]!, text: '同一条补充内容。' })).status).toBe(201);
    expect(await counts(env.DB)).toEqual(before);
  });

  it('are taken again the next town day', async () => {
    const { code } = await openCase();
    const row = await env.DB.prepare('SELECT id, code_hash FROM cases ORDER BY id DESC LIMIT 1').first<{ id: number; code_hash: string }>();
    expect(code).toBeTruthy();
    const token = newId() + newId();
    await insertTrackToken(env.DB, await sha256Hex(`track:${token}`), await sealCaseForToken(token, row!.id, row!.code_hash), new Date(Date.now() + 3 * 86_400_000).toISOString(), null);
    for (let i = 0; i < MAX; i++) expect((await addFollowup(env.DB, token, newId(), '今天的补充。')).ok).toBe(true);
    expect(await addFollowup(env.DB, token, newId(), '今天的补充。')).toMatchObject({ ok: false, refusal: { code: 'busy', key: 'followup.limit' } });
    const tomorrow = new Date(Date.now() + 86_400_000);
    expect((await addFollowup(env.DB, token, newId(), '明天的补充。', tomorrow)).ok).toBe(true);
  });
});

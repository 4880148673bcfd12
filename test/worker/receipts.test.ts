import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { seal, unseal } from '../../worker/cases/crypto.ts';
import { TEST_QUERY_CODE_KEY } from './test-key.ts';
import { call, codeFromReceipt, counts, postForm, postJson, submission, proven } from './support.ts';
import { staffGet, staffMember } from './staff-support.ts';

const CASE_NUMBER = /CL-\d{4}-\d{6}/;

/** Moves a submission's time back, as if it had been sent `minutes` ago. */
async function age(submissionId: string, minutes: number) {
  const hash = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`submission:${submissionId}`))), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
  // The stored time is only the day: the replay window's end travels sealed with the code.
  const sealed = await env.DB.prepare('SELECT sealed_code FROM submissions WHERE id_hash = ?1').bind(hash).first<string>('sealed_code');
  const [until, code] = (await unseal(TEST_QUERY_CODE_KEY, submissionId, sealed!))!.split('|');
  const aged = await seal(TEST_QUERY_CODE_KEY, submissionId, `${new Date(Date.parse(until!) - minutes * 60_000).toISOString()}|${code}`);
  const { meta } = await env.DB.prepare('UPDATE submissions SET sealed_code = ?2 WHERE id_hash = ?1').bind(hash, aged).run();
  expect(meta.changes).toBe(1);
}

describe('a retried submission', () => {
  it('shows the receipt with its code again within 10 minutes', async () => {
    const sent = submission();
    const first = await (await postForm('/mailbox', sent)).text();
    await age(sent.submissionId!, 9);
    const again = await postForm('/mailbox', sent);
    expect(again.status).toBe(200);
    expect(codeFromReceipt(await again.text())).toBe(codeFromReceipt(first));
  });

  it('after 10 minutes says the case was received and shows its number, never the code', async () => {
    const sent = submission();
    const first = await (await postForm('/mailbox', sent)).text();
    const code = codeFromReceipt(first);
    const before = await counts(env.DB);
    await age(sent.submissionId!, 11);
    const again = await postForm('/mailbox', sent);
    expect(again.status).toBe(200);
    const html = await again.text();
    expect(html).toContain('这件事已经收到');
    expect(html).toContain('提交10分钟后不再显示查询码');
    expect(html).toContain(CASE_NUMBER.exec(first)![0]);
    expect(html).not.toContain(code);
    expect(html).not.toContain(code.replace(/-/g, ''));
    expect(html).not.toContain('id="query-code"');
    expect(await counts(env.DB)).toEqual(before);

    const en = await (await postForm('/en/mailbox', sent)).text();
    expect(en).toContain('This has been received');
    expect(en).not.toContain(code);

    const api = await postJson('/api/submissions', await proven('submission', sent));
    expect(api.status).toBe(200);
    const body = (await api.json()) as { receipt: { caseNumber: string; queryCode: string | null } };
    expect(body.receipt.caseNumber).toBe(CASE_NUMBER.exec(first)![0]);
    expect(body.receipt.queryCode).toBeNull();
  });

  it('offers an "I have saved my code" button that leaves for a fresh form by GET', async () => {
    const html = await (await postForm('/mailbox', submission())).text();
    expect(html).toMatch(/<form method="get" action="\/mailbox"[^>]*id="code-saved-form"/);
    expect(html).toContain('我已保存查询码');
    const en = await (await postForm('/en/mailbox', submission())).text();
    expect(en).toMatch(/<form method="get" action="\/en\/mailbox"[^>]*id="code-saved-form"/);
    expect(en).toContain('I have saved my code');
  });
});

describe('response headers', () => {
  it('carry HSTS on every response: pages, API, errors, refusals, the console and open data', async () => {
    const responses = [
      await call('/mailbox'),
      await call('/nowhere'),
      await call('/staff/sign-in'),
      await call('/staff/cases'),
      await postJson('/api/submissions', '{'),
      await postForm('/mailbox', submission(), { origin: 'https://elsewhere.example' }),
      await call('/api/public/stats.json'),
      await call('/outcomes'),
      await call('/open311/v2/services.json'),
    ];
    for (const res of responses) expect(res.headers.get('strict-transport-security'), res.url).toBe('max-age=63072000; includeSubDomains');
  });

  it('forbid storing any response that shows a case or a code', async () => {
    const sent = submission();
    const receipt = await postForm('/mailbox', sent);
    const code = codeFromReceipt(await receipt.clone().text());
    const staff = await staffMember('handler');
    const number = CASE_NUMBER.exec(await (await postForm('/mailbox', sent)).text())![0];
    const responses = [
      receipt,
      await postForm('/track', { code }),
      await postJson('/api/track', await proven('track', { code })),
      await postJson('/api/submissions', await proven('submission', sent)),
      await staffGet(staff, `/staff/cases/${number}`),
      await staffGet(staff, '/staff/cases'),
      await call('/open311/v2/requests.json', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ service_code: 'demand', description: '村口路灯坏了一个星期，晚上看不见。', address_string: 'qinglian' }).toString(),
      }),
    ];
    for (const res of responses) expect(res.headers.get('cache-control'), res.url).toBe('no-store');
  });
});

import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, codeFromReceipt, dumpDatabase, followupFormOf, postForm, postJson, spellings, submission, proven } from './support.ts';

// Distinctive values a client (or Cloudflare's edge) could attach to a request.
const IDENTIFYING_HEADERS: Record<string, string> = {
  'cf-connecting-ip': '203.0.113.77',
  'x-forwarded-for': '198.51.100.23, 203.0.113.77',
  'x-real-ip': '198.51.100.23',
  'true-client-ip': '198.51.100.99',
  'user-agent': 'Mozilla/5.0 (Linux; Android 9; RESIDENT-PHONE-7731) Mobile',
  referer: 'https://search.example/?q=RESIDENT-REFERRER-5521',
  'cf-ipcountry': 'CN',
  'cf-ipcity': 'RESIDENT-CITY-9912',
};
const NEEDLES = ['203.0.113.77', '198.51.100.23', '198.51.100.99', 'RESIDENT-PHONE-7731', 'RESIDENT-REFERRER-5521', 'RESIDENT-CITY-9912'];

const everyStoredValue = () => dumpDatabase(env.DB);

describe('anonymity is structural', () => {
  it('has no column that could hold an IP address, user agent, referrer or location', async () => {
    const { results: tables } = await env.DB.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'`).all<{ name: string }>();
    const columns: string[] = [];
    for (const { name } of tables) {
      const { results } = await env.DB.prepare(`PRAGMA table_info("${name}")`).all<{ name: string }>();
      columns.push(...results.map((c) => `${name}.${c.name}`));
    }
    expect(columns).toContain('cases.code_hash'); // the listing really covers the schema
    const identifying = new Set(['ip', 'addr', 'agent', 'ua', 'referer', 'referrer', 'country', 'city', 'region', 'colo', 'asn', 'geo', 'latitude', 'longitude', 'location', 'fingerprint', 'device', 'browser', 'cf']);
    const suspicious = columns.filter((c) => c.split('.')[1]!.split('_').some((word) => identifying.has(word.toLowerCase())));
    expect(suspicious).toEqual([]);
  });

  it('stores nothing identifying from the request, whatever headers arrive', async () => {
    const receipt = await (await postForm('/mailbox', submission(), IDENTIFYING_HEADERS)).text();
    const code = codeFromReceipt(receipt);
    const page = await (await postForm('/track', { code }, IDENTIFYING_HEADERS)).text();
    const { token, followupId } = followupFormOf(page);
    await postForm('/track/followup', { token, followupId, text: '补充一点新的情况。' }, IDENTIFYING_HEADERS);
    await postJson('/api/submissions', await proven('submission', submission()), IDENTIFYING_HEADERS);

    const stored = await everyStoredValue();
    expect(stored).toContain('补充一点新的情况。'); // the dump really covers what was written
    for (const needle of NEEDLES) expect(stored).not.toContain(needle);
    // Nor is the query code kept, in any spelling: only its keyed hash.
    for (const spelling of spellings(code)) expect(stored).not.toContain(spelling);
  });
});

describe('the query code appears in its receipt and nowhere else', () => {
  afterEach(() => vi.restoreAllMocks());

  it('never comes back in any later response, header or body, nor in a log line', async () => {
    const logged: string[] = [];
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    }
    const sent = submission();
    const receiptResponse = await postForm('/mailbox', sent);
    const code = codeFromReceipt(await receiptResponse.text());
    const leaks: string[] = [];
    const sweep = async (label: string, res: Response) => {
      const text = [...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n') + '\n' + (await res.text());
      if (res.headers.get('location')) leaks.push(`${label}: redirects`);
      for (const spelling of spellings(code)) if (text.includes(spelling)) leaks.push(`${label}: contains ${spelling}`);
    };

    const tracked = await postForm('/track', { code });
    const trackedHtml = await tracked.clone().text();
    await sweep('track (HTML)', tracked);
    const { token, followupId } = followupFormOf(trackedHtml);
    await sweep('follow-up (HTML)', await postForm('/track/followup', { token, followupId, text: '再补充一些情况。' }));
    await sweep('follow-up with an error', await postForm('/track/followup', { token, followupId: 'bad', text: '' }));
    await sweep('track with the code mistyped', await postForm('/track', { code: code.slice(0, -1) + (code.endsWith('0') ? '1' : '0') }));
    await sweep('track (English)', await postForm('/en/track', { code }));
    const api = await postJson('/api/track', await proven('track', { code }));
    const apiBody = (await api.clone().json()) as { token: string };
    await sweep('track (API)', api);
    await sweep('follow-up (API)', await postJson('/api/followups', await proven('followup', { token: apiBody.token, followupId: followupId, text: 'API 补充内容。' })));
    await sweep('reused id with other content', await postForm('/mailbox', { ...sent, subject: '另一件事' }));
    await sweep('reused id, API', await postJson('/api/submissions', await proven('submission', { ...sent, subject: '另一件事' })));
    for (const path of ['/mailbox', '/en/mailbox', '/track', '/en/track', '/api/track', '/nowhere']) await sweep(`GET ${path}`, await call(path));
    expect(leaks).toEqual([]);
    for (const line of logged) for (const spelling of spellings(code)) expect(line).not.toContain(spelling);
  });
});

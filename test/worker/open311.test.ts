// Open311 GeoReport v2, checked against the shapes of the specification's examples.
import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { abuseSettings } from '../../content/abuse.ts';
import { solveChallenge } from '../../worker/cases/proof-of-work.ts';
import { call, codeFromReceipt, counts, newId, postForm, spellings, submission } from './support.ts';
import { TEST_OPEN311_KEY } from './test-key.ts';
import { move, staffMember, staffPost } from './staff-support.ts';

const SERVICE_FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
const REQUEST_FIELDS = [
  'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice',
  'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url',
];

/** A POST from an Open311 client: form-encoded, no browser Origin. */
function post311Once(fields: Record<string, string>, headers: Record<string, string> = {}) {
  return call('/open311/v2/requests.json', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: '', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The proof-of-work challenge an Open311 refusal carries, in its second error's description. */
function challengeOf(errors: { code: number; description: string }[]) {
  const match = /^proof-of-work challenge=(\S+) bits=(\d+) submission_id=(\S+)$/.exec(errors[1]?.description ?? '');
  if (!match) throw new Error(`no challenge in ${JSON.stringify(errors)}`);
  return { challenge: match[1]!, bits: Number(match[2]), submissionId: match[3]! };
}

/** As a client program without an API key does it: the refusal's challenge solved, and the request sent again. */
async function post311(fields: Record<string, string>, headers: Record<string, string> = {}) {
  const first = await post311Once(fields, headers);
  if (first.status !== 403 || !(await first.clone().text()).includes('proof-of-work challenge=')) return first;
  const { challenge, submissionId } = challengeOf((await first.json()) as { code: number; description: string }[]);
  return post311Once({ ...fields, 'attribute[submission_id]': submissionId, 'attribute[proof]': await solveChallenge(challenge) }, headers);
}

describe('Open311 without a proof of work', () => {
  const request = { service_code: 'demand', description: '村口的桥栏杆松动了，孩子上学经过很危险。', address_string: 'qinglian' };

  it('answers 403 with the challenge in the specification’s error format, and stores nothing', async () => {
    const before = await counts(env.DB);
    const res = await post311Once(request);
    expect(res.status).toBe(403);
    const errors = (await res.json()) as { code: number; description: string }[];
    expect(errors[0]).toEqual({ code: 403, description: '这个请求缺少有效的工作量证明（防刷屏检查）。请按回答中的挑战计算后重新提交。' });
    const { challenge, bits, submissionId } = challengeOf(errors);
    expect(challenge).toContain(`.open311.${submissionId}.`);
    expect(bits).toBeGreaterThanOrEqual(abuseSettings.proofOfWork.baseBits);
    // A proof for another submission id, or a wrong nonce, does not pass.
    const wrong = await post311Once({ ...request, 'attribute[submission_id]': newId(), 'attribute[proof]': await solveChallenge(challenge) });
    expect(wrong.status).toBe(403);
    const forged = await post311Once({ ...request, 'attribute[submission_id]': submissionId, 'attribute[proof]': `${challenge.replace(/.$/, (ch) => (ch === '0' ? '1' : '0'))}:1` });
    expect(forged.status).toBe(403);
    expect(await counts(env.DB)).toEqual(before);
  });

  it('accepts a client program by its configured API key instead', async () => {
    const res = await post311Once({ ...request, api_key: TEST_OPEN311_KEY });
    expect(res.status).toBe(201);
    expect((await post311Once({ ...request, api_key: `${TEST_OPEN311_KEY.slice(0, -1)}x` })).status).toBe(403);
  });
});

describe('Open311 GeoReport v2', () => {
  it('lists the categories as services', async () => {
    const services = (await (await call('/open311/v2/services.json')).json()) as Record<string, unknown>[];
    expect(services.map((s) => s.service_code)).toEqual(['demand', 'suggestion', 'complaint', 'cadre-report']);
    for (const s of services) expect(Object.keys(s).sort()).toEqual([...SERVICE_FIELDS].sort());
    expect(services[0]).toMatchObject({ service_name: '诉求', metadata: false, type: 'realtime' });
    const en = (await (await call('/open311/v2/services.json', { headers: { 'accept-language': 'en' } })).json()) as { service_name: string }[];
    expect(en[0]!.service_name).toBe('Demand / request');
  });

  it('creates a request like the mailbox does and gives the query code once, in the service notice', async () => {
    const res = await post311({ service_code: 'demand', description: '村口的桥栏杆松动了，孩子上学经过很危险。', address_string: 'qinglian' });
    expect(res.status).toBe(201);
    const [created] = (await res.json()) as { service_request_id: string; service_notice: string; account_id: null }[];
    expect(created!.service_request_id).toMatch(/^CL-\d{4}-\d{6}$/);
    expect(created!.account_id).toBeNull();
    const code = /[0-9A-Z]{4}(-[0-9A-Z]{4}){3}/.exec(created!.service_notice)![0];
    const tracked = await (await postForm('/track', { code })).text();
    expect(tracked).toContain(created!.service_request_id);
    expect(tracked).toContain('村口的桥栏杆松动了');

    // Its public status, and nothing else, before an outcome is published.
    const status = await call(`/open311/v2/requests/${created!.service_request_id}.json`);
    const body = await status.text();
    expect(JSON.parse(body)).toEqual([{ service_request_id: created!.service_request_id, status: 'open' }]);
    for (const spelling of spellings(code)) expect(body).not.toContain(spelling);
  });

  it('accepts the village by name or as an attribute, and a named requester', async () => {
    const res = await post311({ service_code: 'complaint', description: '便民服务点经常无人值守，办事要跑好几趟。', 'attribute[village]': '东岭村（示例）', first_name: '小红', last_name: '李', phone: '13800001111' });
    expect(res.status).toBe(201);
  });

  it('answers bad requests with the errors array', async () => {
    const res = await post311({ service_code: 'nonsense', description: 'short', address_string: 'atlantis' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: number; description: string }[];
    expect(body.every((e) => e.code === 400)).toBe(true);
    expect(body.map((e) => e.description)).toEqual(
      expect.arrayContaining([expect.stringContaining('address_string: '), expect.stringContaining('service_code: '), expect.stringContaining('description: ')]),
    );
    const unknown = await call('/open311/v2/requests/CL-2026-999999.json');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual([{ code: 404, description: '没有这个案件。' }]);
  });

  it('lists published outcomes as closed requests, with every field of the specification', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const handler = await staffMember('handler');
    const html = await (await postForm('/mailbox', submission({ description: '这是群众的原话，不应出现在开放数据里。' }))).text();
    codeFromReceipt(html);
    const number = /CL-\d{4}-\d{6}/.exec(html)![0];
    await move(officer, number, 'accept');
    await move(officer, number, 'resolve_at_once');
    await move(officer, number, 'close');
    await staffPost(handler, `/staff/cases/${number}/outcome`, { problem: '村道路灯损坏。', action: '更换灯泡。', outcome: '已恢复照明。' });
    const list = (await (await call('/open311/v2/requests.json?service_code=demand&status=closed')).json()) as Record<string, unknown>[];
    const mine = list.find((r) => r.service_request_id === number)!;
    expect(Object.keys(mine).sort()).toEqual([...REQUEST_FIELDS].sort());
    expect(mine).toMatchObject({ status: 'closed', service_code: 'demand', description: '村道路灯损坏。' });
    expect(JSON.stringify(list)).not.toContain('这是群众的原话');
    expect(await (await call('/open311/v2/requests.json?status=open')).json()).toEqual([]);
    expect((await (await call(`/open311/v2/requests/${number}.json`)).json()) as unknown[]).toHaveLength(1);
  });
});

describe('Open311 from a browser on another site', () => {
  it('refuses to file a case in the visitor’s name', async () => {
    const res = await post311({ service_code: 'demand', description: '村口的桥栏杆松动了，孩子上学经过很危险。', address_string: 'qinglian' }, { 'sec-fetch-site': 'cross-site' });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual([{ code: 403, description: '请从本站的页面提交表单。' }]);
  });
});

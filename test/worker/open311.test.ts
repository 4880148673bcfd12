// Open311 GeoReport v2 as existing clients use it: every endpoint in JSON and in XML (read by a
// real XML parser) with the field and element names of the specification's examples, errors in
// the format asked for, every filter, placing lat/long in a village, repeats, multipart.
import { jpegWithMetadata, secretsIn } from '../helpers/photo-fixtures.ts';
import { env } from 'cloudflare:workers';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { open311Settings } from '../../content/open311.ts';
import { validateSubmission } from '../../worker/cases/submission.ts';
import { readPostedRequest, villageAt } from '../../worker/cases/open311.ts';
import { submit } from '../../worker/services/mailbox.ts';
import { postRequest } from '../../worker/services/open311.ts';
import { call, codeFromReceipt, counts, newId, postForm, spellings, submission, timesOfDay } from './support.ts';
import { move, staffMember, staffPost } from './staff-support.ts';
import { TEST_OPEN311_KEY, TEST_QUERY_CODE_KEY } from './test-key.ts';
import { solveChallenge } from '../../worker/cases/proof-of-work.ts';
import { abuseSettings } from '../../content/abuse.ts';

const SERVICE_FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
const REQUEST_FIELDS = [
  'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice',
  'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url',
];

const xml = new XMLParser({ ignoreDeclaration: false, parseTagValue: false, isArray: (name) => ['service', 'request', 'error', 'endpoint', 'format', 'attribute', 'value'].includes(name) });

/** The body as XML, after checking the declaration and the content type. */
async function asXml(res: Response): Promise<Record<string, any>> {
  expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
  const text = await res.text();
  expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
  return xml.parse(text);
}

async function asJson(res: Response): Promise<any> {
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return res.json();
}

/** A POST from an Open311 client program with its API key (as FixMyStreet is configured): form-encoded, no browser Origin. */
function post311(fields: Record<string, string>, format: 'json' | 'xml' = 'json', headers: Record<string, string> = {}) {
  return post311Once({ api_key: TEST_OPEN311_KEY, ...fields }, format, headers);
}

function post311Once(fields: Record<string, string>, format: 'json' | 'xml' = 'json', headers: Record<string, string> = {}) {
  return call(`/open311/v2/requests.${format}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', origin: '', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The proof-of-work challenge an Open311 refusal carries, in its second error's description. */
function challengeOf(errors: { code: number; description: string }[]) {
  const match = /^proof-of-work challenge=(\S+) bits=(\d+) submission_id=(\S+)$/.exec(errors[1]?.description ?? '');
  if (!match) throw new Error(`no challenge in ${JSON.stringify(errors)}`);
  return { challenge: match[1]!, bits: Number(match[2]), submissionId: match[3]! };
}

const DESCRIPTION = '村口的桥栏杆松动了，孩子上学经过很危险。';

describe('POST requests without an API key', () => {
  const request = { service_code: 'demand', description: '村口的桥栏杆松动了，孩子上学经过很危险。', address_id: 'qinglian' };

  it('answer 403 with a proof-of-work challenge in the specification’s error format, in either format, and store nothing', async () => {
    const before = await counts(env.DB);
    const res = await post311Once(request);
    expect(res.status).toBe(403);
    const errors = (await asJson(res)) as { code: number; description: string }[];
    expect(errors[0]).toEqual({ code: 403, description: '这个请求缺少有效的工作量证明（防刷屏检查），或所附的证明已经用过、已经过期，或比现在要求的难度低。请按回答中的新挑战计算后重新提交。' });
    const { challenge, bits, submissionId } = challengeOf(errors);
    expect(challenge).toContain(`.open311.${submissionId}.`);
    expect(bits).toBeGreaterThanOrEqual(abuseSettings.proofOfWork.baseBits);
    // A proof for another submission id, or a wrong nonce, does not pass.
    expect((await post311Once({ ...request, 'attribute[submission_id]': newId(), 'attribute[proof]': await solveChallenge(challenge) })).status).toBe(403);
    const forged = `${challenge.replace(/.$/, (ch) => (ch === '0' ? '1' : '0'))}:1`;
    expect((await post311Once({ ...request, 'attribute[submission_id]': submissionId, 'attribute[proof]': forged })).status).toBe(403);
    expect((await asXml(await post311Once(request, 'xml'))).errors.error).toHaveLength(2);
    expect(await counts(env.DB)).toEqual(before);
    // Solved, with the submission id it was given for: filed.
    const solved = await post311Once({ ...request, 'attribute[submission_id]': submissionId, 'attribute[proof]': await solveChallenge(challenge) });
    expect(solved.status).toBe(201);
  });

  it('are taken from a client program by its configured API key instead, not by a wrong one', async () => {
    expect((await post311Once({ ...request, description: `${request.description}二`, api_key: TEST_OPEN311_KEY })).status).toBe(201);
    expect((await post311Once({ ...request, api_key: `${TEST_OPEN311_KEY.slice(0, -1)}x` })).status).toBe(403);
  });
});

describe('discovery and services', () => {
  it('describe the endpoint in both formats', async () => {
    const json = await asJson(await call('/open311/v2/discovery.json'));
    expect(json.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', type: 'production', formats: ['text/xml', 'application/json'] });
    expect(json.endpoints[0].url).toBe('https://qinglian.test/open311/v2');
    const doc = await asXml(await call('/open311/v2/discovery.xml'));
    expect(doc.discovery.endpoints.endpoint[0].formats.format).toEqual(['text/xml', 'application/json']);
    expect(doc.discovery.changeset).toBe(json.changeset);
  });

  it('list the categories as services, each with a definition of its attributes', async () => {
    const services = (await asJson(await call('/open311/v2/services.json'))) as Record<string, unknown>[];
    expect(services.map((s) => s.service_code)).toEqual(['demand', 'suggestion', 'complaint', 'disclosure-question', 'cadre-report', 'retaliation']);
    for (const s of services) expect(Object.keys(s).sort()).toEqual([...SERVICE_FIELDS].sort());
    expect(services[0]).toMatchObject({ service_name: '诉求', metadata: true, type: 'realtime' });
    // Reports about cadres are marked private, so a client's public map leaves them out.
    expect(services[3]).toMatchObject({ service_code: 'disclosure-question', keywords: 'village' });
    expect(services[4]).toMatchObject({ service_code: 'cadre-report', keywords: 'discipline, private' });
    expect(services[5]).toMatchObject({ service_code: 'retaliation', keywords: 'discipline, private' });
    const doc = await asXml(await call('/open311/v2/services.xml', { headers: { 'accept-language': 'en' } }));
    expect(doc.services.service.map((s: { service_code: string }) => s.service_code)).toEqual(['demand', 'suggestion', 'complaint', 'disclosure-question', 'cadre-report', 'retaliation']);
    expect(doc.services.service[0]).toMatchObject({ service_name: 'Demand / request', metadata: 'true', type: 'realtime' });

    const definition = await asJson(await call('/open311/v2/services/demand.json'));
    expect(definition.service_code).toBe('demand');
    expect(definition.attributes.map((a: { code: string }) => a.code)).toEqual(['village']);
    expect(Object.keys(definition.attributes[0]).sort()).toEqual(['code', 'datatype', 'datatype_description', 'description', 'order', 'required', 'values', 'variable']);
    expect(definition.attributes[0].values.map((v: { key: string }) => v.key)).toEqual(['qinglian', 'dongling', 'xiling', 'nanhe', 'beishan']);
    const defXml = await asXml(await call('/open311/v2/services/demand.xml'));
    expect(defXml.service_definition.attributes.attribute[0]).toMatchObject({ variable: 'true', code: 'village', datatype: 'singlevaluelist', required: 'false', order: '1' });
    expect(defXml.service_definition.attributes.attribute[0].values.value[0]).toMatchObject({ key: 'qinglian' });
  });
});

describe('errors', () => {
  it('come in the format asked for, with the spec’s status codes, for every path under /open311/v2/', async () => {
    const unknownService = await call('/open311/v2/services/nonsense.xml');
    expect(unknownService.status).toBe(404);
    expect((await asXml(unknownService)).errors.error[0]).toEqual({ code: '404', description: '没有这个 service_code：nonsense。' });
    const unknownJson = await call('/open311/v2/services/nonsense.json', { headers: { 'accept-language': 'en' } });
    expect(await asJson(unknownJson)).toEqual([{ code: 404, description: 'No such service_code: nonsense.' }]);
    for (const path of ['/open311/v2/nothing.xml', '/open311/v2/tokens/123.xml']) {
      const res = await call(path);
      expect(res.status, path).toBe(404);
      expect((await asXml(res)).errors.error[0].code).toBe('404');
    }
    for (const path of ['/open311/v2/', '/open311/v2/requests', '/open311/v2/nothing']) {
      const res = await call(path);
      expect(res.status, path).toBe(404);
      expect((await asJson(res))[0].code).toBe(404);
    }
    const wrongMethod = await call('/open311/v2/services.xml', { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect((await asXml(wrongMethod)).errors.error[0].code).toBe('405');
    const jurisdiction = await call('/open311/v2/services.json?jurisdiction_id=elsewhere.gov');
    expect(jurisdiction.status).toBe(404);
    expect(await call('/open311/v2/services.json?jurisdiction_id=changling.example.cn').then((r) => r.status)).toBe(200);
  });
});

describe('POST requests', () => {
  it('files a request placed by lat/long, and gives the query code once, in the service notice', async () => {
    const [lat, long] = open311Settings.villages.dongling!.point;
    const res = await post311({ service_code: 'demand', description: DESCRIPTION, lat: String(lat + 0.001), long: String(long - 0.001) }, 'xml');
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const request = (await asXml(res)).service_requests.request[0];
    expect(Object.keys(request)).toEqual(['service_request_id', 'service_notice', 'account_id']);
    expect(request.service_request_id).toMatch(/^CL-\d{4}-\d{6}$/);
    const code = /[0-9A-Z]{4}(-[0-9A-Z]{4}){3}/.exec(request.service_notice)![0];
    const tracked = await (await postForm('/track', { code })).text();
    expect(tracked).toContain(request.service_request_id);
    expect(tracked).toContain('东岭村');

    // Not public before an outcome is published: byte for byte the answer to a number never given.
    for (const format of ['json', 'xml']) {
      const status = await call(`/open311/v2/requests/${request.service_request_id}.${format}`);
      const unknown = await call(`/open311/v2/requests/CL-2099-999999.${format}`);
      const body = await status.text();
      expect(status.status).toBe(404);
      expect(unknown.status).toBe(404);
      expect(body).toBe(await unknown.text());
      expect([...status.headers.entries()]).toEqual([...unknown.headers.entries()]);
      for (const spelling of spellings(code)) expect(body).not.toContain(spelling);
    }
    expect(await (await call('/open311/v2/requests.json')).text()).not.toContain(request.service_request_id);
  });

  it('takes the village as address_id, address_string or attribute[village], and a named requester', async () => {
    expect((await post311({ service_code: 'suggestion', description: DESCRIPTION, address_id: 'xiling' })).status).toBe(201);
    // An address written as people write it names the village somewhere in it.
    for (const [address, village] of [['长岭镇 南河村（示例）', 'nanhe'], ['长岭镇东岭村3组', 'dongling'], ['东岭', 'dongling'], ['Beishan Village, Changling', 'beishan']]) {
      const res = await post311({ service_code: 'suggestion', description: `${DESCRIPTION} ${address}`, address_string: address! });
      expect(res.status, address).toBe(201);
      const number = (await asJson(res))[0].service_request_id;
      expect(await env.DB.prepare('SELECT village_id FROM cases WHERE case_number = ?1').bind(number).first('village_id'), address).toBe(village);
    }
    const named = await post311({ service_code: 'complaint', description: '便民服务点经常无人值守，办事要跑好几趟。', 'attribute[village]': 'beishan', first_name: '小红', last_name: '李', phone: '13800001111' });
    expect(named.status).toBe(201);
    const number = (await asJson(named))[0].service_request_id;
    const row = await env.DB.prepare('SELECT village_id, anonymous, contact_name FROM cases WHERE case_number = ?1').bind(number).first();
    expect(row).toEqual({ village_id: 'beishan', anonymous: 0, contact_name: '李小红' });
    // A name in Latin letters as FixMyStreet splits it (first word first): written as given.
    const latin = await asJson(await post311({ service_code: 'complaint', description: '便民服务点经常无人值守，办事要跑好几趟。四', address_id: 'beishan', first_name: 'Si', last_name: 'Li', phone: '13800001112' }));
    expect(await env.DB.prepare('SELECT contact_name FROM cases WHERE case_number = ?1').bind(latin[0].service_request_id).first('contact_name')).toBe('Si Li');
    // An e-mail alone is not a real-name request: it is taken as anonymous, and the answer says so.
    const email = await asJson(await post311({ service_code: 'complaint', description: '便民服务点经常无人值守，办事要跑好几趟。三', address_id: 'qinglian', email: 'someone@example.com' }));
    expect(email[0].service_notice).toContain('按匿名受理');
  });

  it('answers what is wrong in Open311 terms and the caller’s language, and stores nothing', async () => {
    const before = await env.DB.prepare('SELECT count(*) AS n FROM cases').first('n');
    const cases: [Record<string, string>, number, string][] = [
      [{ description: DESCRIPTION, address_id: 'qinglian' }, 400, 'service_code is missing.'],
      [{ service_code: 'nonsense', description: DESCRIPTION, address_id: 'qinglian' }, 404, 'No such service_code: nonsense.'],
      [{ service_code: 'demand', description: DESCRIPTION }, 400, 'A location is required: lat and long, address_string or address_id.'],
      [{ service_code: 'demand', description: DESCRIPTION, lat: '28.1' }, 400, 'lat and long must both be given, as WGS84 coordinates.'],
      [{ service_code: 'demand', description: DESCRIPTION, lat: '39.9', long: '116.4' }, 400, 'This location is in none of the town’s villages, nor within 3 km of one.'],
      [{ service_code: 'demand', description: DESCRIPTION, address_id: 'atlantis' }, 400, 'No such address_id: atlantis.'],
      [{ service_code: 'demand', description: '太短', address_id: 'qinglian' }, 400, 'description must be 10 to 4000 characters long.'],
      [{ service_code: 'demand', description: DESCRIPTION, address_id: 'qinglian', jurisdiction_id: 'sfgov.org' }, 404, 'jurisdiction_id must be changling.example.cn'],
      [{ service_code: 'demand', description: DESCRIPTION, address_id: 'qinglian', 'attribute[submission_id]': 'short' }, 400, 'attribute[submission_id] must be 22 to 64'],
      [{ service_code: 'demand', description: DESCRIPTION, address_id: 'qinglian', first_name: '三', last_name: '张', phone: '12345' }, 400, 'phone: '],
    ];
    for (const [fields, status, message] of cases) {
      const res = await post311(fields, 'json', { 'accept-language': 'en' });
      expect(res.status, JSON.stringify(fields)).toBe(status);
      const body = (await asJson(res)) as { code: number; description: string }[];
      expect(body[0]!.code).toBe(status);
      expect(body.map((e) => e.description).join(' '), JSON.stringify(fields)).toContain(message);
      expect(body.map((e) => e.description).join(' ')).not.toMatch(/submissionId|village:|刷新/);
    }
    const xmlError = await post311({ service_code: 'demand', description: DESCRIPTION }, 'xml');
    expect((await asXml(xmlError)).errors.error[0]).toEqual({ code: '400', description: '缺少位置：请给出 lat 和 long、address_string 或 address_id 之一。' });
    const json = await call('/open311/v2/requests.json', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(415);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM cases').first('n')).toBe(before);
  });

  it('accepts multipart/form-data as FixMyStreet sends it with a photo, and keeps the photo without its metadata', async () => {
    const form = new FormData();
    form.set('service_code', 'demand');
    form.set('description', '村委会门前的水沟堵了，下雨天积水到路上。');
    form.set('address_id', 'nanhe');
    form.set('media', new File([jpegWithMetadata(1)], 'photo.jpg', { type: 'image/jpeg' }));
    form.set('api_key', TEST_OPEN311_KEY);
    const res = await call('/open311/v2/requests.xml', { method: 'POST', headers: { 'accept-language': 'en' }, body: form });
    expect(res.status).toBe(201);
    const request = (await asXml(res)).service_requests.request[0];
    expect(request.service_notice).not.toContain('Only the photos in media are kept');
    const row = await env.DB.prepare('SELECT p.id, p.type, p.width FROM case_photos p JOIN cases c ON c.id = p.case_id WHERE c.case_number = ?1').bind(request.service_request_id).first<{ id: string; type: string; width: number }>();
    expect(row).toMatchObject({ type: 'image/jpeg', width: 16 });
    const bytes = new Uint8Array(await (await env.FILES.get(`photos/${row!.id}`))!.arrayBuffer());
    expect(secretsIn(bytes)).toEqual([]);
  });

  it('refuses a media file that is no photo it takes, and stores nothing', async () => {
    const before = await env.DB.prepare('SELECT count(*) AS n FROM cases').first('n');
    const form = new FormData();
    form.set('service_code', 'demand');
    form.set('description', '村委会门前的水沟堵了，下雨天积水到路上。');
    form.set('address_id', 'nanhe');
    form.set('media', new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], 'photo.jpg', { type: 'image/jpeg' }));
    form.set('api_key', TEST_OPEN311_KEY);
    const res = await call('/open311/v2/requests.json', { method: 'POST', headers: { 'accept-language': 'en' }, body: form });
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain('media');
    expect(await env.DB.prepare('SELECT count(*) AS n FROM cases').first('n')).toBe(before);
  });

  it('returns the same request for a retry with attribute[submission_id], and for a repeat within 10 minutes without one', async () => {
    const id = newId();
    const fields = { service_code: 'demand', description: '村道上的井盖丢了一个，晚上很危险。', address_id: 'qinglian', 'attribute[submission_id]': id };
    const first = await asJson(await post311(fields));
    const again = await post311(fields);
    expect(again.status).toBe(200);
    expect((await asJson(again))[0].service_request_id).toBe(first[0].service_request_id);

    const plain = { service_code: 'demand', description: '村小学门口的减速带坏了，车开得很快。', address_id: 'dongling' };
    const a = await asJson(await post311(plain));
    const b = await post311(plain);
    expect(b.status).toBe(200);
    const repeat = (await asJson(b))[0];
    expect(repeat.service_request_id).toBe(a[0].service_request_id);
    // The repeat never gets the first sender's code.
    const code = /[0-9A-Z]{4}(-[0-9A-Z]{4}){3}/.exec(a[0].service_notice)![0];
    for (const spelling of spellings(code)) expect(JSON.stringify(repeat)).not.toContain(spelling);
    expect(repeat.service_notice).toContain('没有重复立案');
    // Nor can a client claim the repeat's id as its own to get the code.
    expect((await post311({ ...plain, 'attribute[submission_id]': 'open311.x'.padEnd(30, 'x') })).status).toBe(400);

    // Eleven minutes later the same text is a new request.
    const read = readPostedRequest({ ...plain, description: '村西头的路灯一到晚上就闪，很晃眼睛。' }, open311Settings, false);
    if (!read.ok) throw new Error('unreadable');
    const request = read.value;
    const t0 = new Date('2026-11-10T02:00:00Z');
    const one = await postRequest(env.DB, TEST_QUERY_CODE_KEY, request, 'zh-CN', t0, open311Settings);
    const two = await postRequest(env.DB, TEST_QUERY_CODE_KEY, request, 'zh-CN', new Date(t0.getTime() + 9 * 60_000), open311Settings);
    const three = await postRequest(env.DB, TEST_QUERY_CODE_KEY, request, 'zh-CN', new Date(t0.getTime() + 20 * 60_000), open311Settings);
    expect(one.ok && one.value.created).toBe(true);
    expect(two).toEqual({ ok: true, value: { caseNumber: one.ok ? one.value.caseNumber : '', receipt: null, created: false } });
    expect(three.ok && three.value.created).toBe(true);
  });

  it('is refused to a browser page of another site', async () => {
    const fields = { service_code: 'demand', description: DESCRIPTION, address_id: 'qinglian' };
    const crossSite = await post311(fields, 'json', { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(await asJson(crossSite)).toEqual([{ code: 403, description: '其他网站的网页不能以访问者的名义提交反映。' }]);
    const foreign = await post311(fields, 'xml', { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect((await asXml(foreign)).errors.error[0].code).toBe('403');
  });
});

describe('placing a point', () => {
  it('finds the village whose boundary holds it, else the nearest within the configured distance, else none', () => {
    expect(villageAt([28.1000, 112.9600], open311Settings)).toBe('qinglian');
    expect(villageAt([28.1300, 112.9700], open311Settings)).toBe('beishan');
    // Just outside every boundary, two kilometres south of Nanhe's point: the nearest village.
    expect(villageAt([28.0560, 112.9650], open311Settings)).toBe('nanhe');
    expect(villageAt([39.9042, 116.4074], open311Settings)).toBeNull();
  });
});

describe('GET requests', () => {
  const numbers: string[] = [];
  beforeAll(async () => {
    // Three published outcomes: two cases that arrived on 2 November (09:00 and 15:00 town time), one on 20 October.
    const officer = await staffMember('handler');
    const arrivals = ['2026-11-02T01:00:00Z', '2026-11-02T07:00:00Z', '2026-10-20T02:00:00Z'];
    const categories = ['demand', 'suggestion', 'complaint'];
    for (const [i, at] of arrivals.entries()) {
      const s = validateSubmission(submission({ category: categories[i]!, description: '这是群众的原话，不应出现在开放数据里。' }));
      if (!s.ok) throw new Error('invalid');
      const sent = await submit(env.DB, TEST_QUERY_CODE_KEY, s.value, 'zh-CN', new Date(at));
      if (!sent.ok) throw new Error('not sent');
      numbers.push(sent.value.receipt.caseNumber);
      await move(officer, sent.value.receipt.caseNumber, 'accept');
      await move(officer, sent.value.receipt.caseNumber, 'resolve_at_once');
      await move(officer, sent.value.receipt.caseNumber, 'close');
      expect((await staffPost(officer, `/staff/cases/${sent.value.receipt.caseNumber}/outcome`, { problem: '村道路灯损坏。', action: '更换灯泡。', outcome: '已恢复照明。' })).status).toBe(303);
    }
  }, 60_000);
  const ids = (list: { service_request_id: string }[]) => list.map((r) => r.service_request_id).filter((n) => numbers.includes(n)).sort();
  const get = async (query: string) => asJson(await call(`/open311/v2/requests.json?${query}`));

  it('gives published outcomes as closed requests with every field, in both formats, dated by day', async () => {
    const list = (await get('start_date=2026-10-01T00:00:00Z&end_date=2026-12-01T00:00:00Z')) as Record<string, unknown>[];
    const mine = list.find((r) => r.service_request_id === numbers[0])!;
    expect(Object.keys(mine).sort()).toEqual([...REQUEST_FIELDS].sort());
    expect(mine).toMatchObject({ status: 'closed', service_code: 'demand', description: '村道路灯损坏。', address_id: 'qinglian', requested_datetime: '2026-11-02T00:00:00+08:00' });
    expect(mine.updated_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00\+08:00$/);
    // The village's own point, never a resident's.
    expect([mine.lat, mine.long]).toEqual(open311Settings.villages.qinglian!.point);
    expect(JSON.stringify(list)).not.toContain('这是群众的原话');
    expect(timesOfDay(JSON.stringify(list))).toEqual([]);
    const doc = await asXml(await call(`/open311/v2/requests/${numbers[0]}.xml`));
    expect(doc.service_requests.request).toHaveLength(1);
    expect(doc.service_requests.request[0]).toMatchObject({ service_request_id: numbers[0], status: 'closed', requested_datetime: '2026-11-02T00:00:00+08:00', zipcode: '' });
  });

  it('filters by id (overriding the rest), service codes, statuses and the day a case arrived', async () => {
    expect(ids(await get(`service_request_id=${numbers[0]},${numbers[2]}&status=open&service_code=suggestion`))).toEqual([numbers[0], numbers[2]].sort());
    expect(ids(await get('start_date=2026-10-01T00:00:00Z&end_date=2026-12-01T00:00:00Z&service_code=demand,complaint'))).toEqual([numbers[0], numbers[2]].sort());
    expect(ids(await get('start_date=2026-10-01T00:00:00Z&end_date=2026-12-01T00:00:00Z&status=open,closed'))).toEqual([...numbers].sort());
    expect(ids(await get('start_date=2026-10-01T00:00:00Z&end_date=2026-12-01T00:00:00Z&status=open'))).toEqual([]);
    expect(ids(await get('start_date=2026-11-01&end_date=2026-11-30'))).toEqual([numbers[0], numbers[1]].sort());
    // The day, never the hour: a start at noon of 2 November takes neither of that day's cases,
    // so no range can tell which arrived in the morning.
    expect(ids(await get('start_date=2026-11-02T12:00:00%2B08:00&end_date=2026-11-30T00:00:00Z'))).toEqual([]);
    expect(ids(await get('start_date=2026-11-02T00:00:00%2B08:00&end_date=2026-11-30T00:00:00Z'))).toEqual([numbers[0], numbers[1]].sort());
  });

  it('refuses arguments it cannot read, as the spec says', async () => {
    for (const [query, status] of [
      ['start_date=garbage', 400],
      ['end_date=2026-02-31', 400],
      ['start_date=2026-01-01T00:00:00Z&end_date=2026-12-01T00:00:00Z', 400],
      ['start_date=2026-12-01T00:00:00Z&end_date=2026-11-01T00:00:00Z', 400],
      ['status=pending', 400],
      ['service_code=nonsense', 404],
      ['jurisdiction_id=sfgov.org', 404],
    ] as const) {
      const res = await call(`/open311/v2/requests.xml?${query}`);
      expect(res.status, query).toBe(status);
      expect((await asXml(res)).errors.error[0].code, query).toBe(String(status));
    }
  });
});

describe('the mailbox’s own receipt and Open311 together', () => {
  it('give the query code only on the receipt', async () => {
    const html = await (await postForm('/mailbox', submission())).text();
    const code = codeFromReceipt(html);
    const number = /CL-\d{4}-\d{6}/.exec(html)![0];
    const answer = await (await call(`/open311/v2/requests/${number}.xml`)).text();
    for (const spelling of spellings(code)) expect(answer).not.toContain(spelling);
  });
});

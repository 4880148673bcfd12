// Today's changes attacked as the people who would: a reader after a withdrawn disclosure's file
// from a cache, a staff member typing a resident's query code into the queue's search with other
// words, and anyone sending the new routes what no page sends (no request may produce a 500).
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, codeFromReceipt, postForm, proven, submission } from './support.ts';
import { jpegWithMetadata } from '../helpers/photo-fixtures.ts';
import { move, staffGet, staffMember, staffPost, type Staff } from './staff-support.ts';
import { storedDay } from '../../core/clock.ts';
import { insertFollowup } from '../../worker/db/cases.ts';
import { listQueue } from '../../worker/db/handling.ts';
import { stagePhotos, sweepOrphanPhotos } from '../../worker/services/photos.ts';

const PDF = new TextEncoder().encode('%PDF-1.4\n% attacks-2026-12\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const one = (sql: string, ...args: unknown[]) => env.DB.prepare(sql).bind(...args).first<Record<string, unknown>>();
const who = {} as { clerk: Staff; officer: Staff; handler: Staff; otherClerk: Staff };

beforeAll(async () => {
  const admin = await staffMember('admin');
  who.clerk = await staffMember('clerk', 'beishan');
  who.officer = await staffMember('liaison', 'beishan');
  who.otherClerk = await staffMember('clerk', 'nanhe');
  who.handler = await staffMember('handler');
  for (const [staff, rights] of [[who.clerk, { draft: 'yes' }], [who.officer, { approve: 'yes' }], [who.otherClerk, { draft: 'yes' }]] as const) {
    const id = (await one('SELECT id FROM staff_users WHERE username = ?1', staff.username))!.id;
    expect((await staffPost(admin, `/staff/accounts/${id}/rights`, rights)).status).toBe(200);
  }
});

/** The desk's drafting form as a browser sends it: multipart, the photos and the PDF as files. */
function send(staff: Staff, path: string, fields: Record<string, string>, files: { photos?: Uint8Array[]; pdf?: Uint8Array } = {}, csrf = staff.csrf) {
  const form = new FormData();
  form.set('csrf', csrf);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  for (const [i, p] of (files.photos ?? []).entries()) form.append('photos', new File([p], `IMG_${i}.jpg`, { type: 'image/jpeg' }));
  form.set('attachment', files.pdf ? new File([files.pdf], 'a.pdf', { type: 'application/pdf' }) : new File([], ''));
  return call(path, { method: 'POST', headers: { cookie: staff.cookie }, body: form });
}

const FINANCES = { kind: 'finances', period: '2025-Q2', summary: '北山村2025年二季度集体财务收支。', income: '上级转移支付\t1200\n', spending: '办公费\t300\n', notes: '' };

describe('a withdrawn disclosure’s files', () => {
  // A subsidies list with a name in its PDF is withdrawn to take it down: a cache holding the PDF
  // for a year as `immutable` would go on serving it to every reader behind it.
  it('are asked for again before each use, so a cache holding one gets nothing once it is withdrawn', async () => {
    const saved = await send(who.clerk, '/staff/villages/beishan/new', FINANCES, { photos: [jpegWithMetadata(7)], pdf: PDF });
    expect(saved.status).toBe(303);
    const path = saved.headers.get('location')!.replace(/\?.*$/, '');
    expect((await staffPost(who.clerk, `${path}/submit`, {})).status).toBe(303);
    expect((await staffPost(who.officer, `${path}/approve`, {})).status).toBe(303);
    const id = Number(path.split('/').at(-1));
    const pdf = (await one('SELECT attachment_sha FROM document_versions WHERE document_id = ?1', id))!.attachment_sha as string;
    const photo = JSON.parse((await one('SELECT meta FROM document_versions WHERE document_id = ?1', id))!.meta as string).photos[0].sha as string;

    const held: Record<string, string> = {};
    for (const file of [`/attachments/${pdf}.pdf`, `/attachments/${photo}.jpg`]) {
      const res = await call(file);
      expect(res.status, file).toBe(200);
      // No freshness a cache may serve it on without asking.
      expect(res.headers.get('cache-control'), file).toBe('public, no-cache');
      held[file] = res.headers.get('etag')!;
      expect((await call(file, { headers: { 'if-none-match': held[file]! } })).status, file).toBe(304);
    }
    expect((await staffPost(who.officer, `${path}/withdraw`, { reason: '名单有误，撤回重新公开。' })).status).toBe(303);
    for (const [file, tag] of Object.entries(held)) {
      // The cache revalidating its copy is told it is gone, not that it is still good.
      const again = await call(file, { headers: { 'if-none-match': tag } });
      expect(again.status, file).toBe(404);
      expect(again.headers.get('etag'), file).toBeNull();
    }
  });
});

// Town staff hold rights over the town's documents; a village's disclosure is signed off by that
// village's supervision alone (a town account can never hold a village's rights). The publishing
// console's addresses take a document's id: given a disclosure's, they must not act on it.
describe('a village’s disclosure, through the town’s publishing console', () => {
  it('is neither saved over, signed off, returned, corrected nor withdrawn by the town’s rights, nor its PDF read', async () => {
    const admin = await staffMember('admin');
    const town = await staffMember('handler');
    const townId = (await one('SELECT id FROM staff_users WHERE username = ?1', town.username))!.id;
    expect((await staffPost(admin, `/staff/accounts/${townId}/rights`, { draft: 'yes', approve: 'yes' })).status).toBe(200);
    const saved = await send(who.clerk, '/staff/villages/beishan/new', { ...FINANCES, period: '2025-Q3' }, { pdf: PDF });
    expect(saved.status).toBe(303);
    const path = saved.headers.get('location')!.replace(/\?.*$/, '');
    const id = Number(path.split('/').at(-1));
    expect((await staffPost(who.clerk, `${path}/submit`, {})).status).toBe(303);
    const before = await env.DB.prepare('SELECT seq, state, meta, body_zh, attachment_sha, updated_at FROM document_versions WHERE document_id = ?1 ORDER BY seq').bind(id).all();

    const console = `/staff/publishing/regulations/${id}`;
    for (const [step, fields] of [['return', { comment: '镇里退回。' }], ['approve', {}], ['correct', { note_zh: '镇里更正。' }], ['withdraw', { reason_zh: '镇里撤回。' }]] as const) {
      const res = await staffPost(town, `${console}/${step}`, fields);
      expect(res.status, step).toBe(404);
    }
    expect((await staffPost(town, console, { title_zh: '覆盖', slug: 'beishan-overwrite', body_zh: '镇里改写。' })).status).toBe(404);
    expect((await staffGet(town, `${console}/attachment`)).status).toBe(404);
    expect((await staffGet(town, `${console}/preview`)).status).toBe(404);
    // Untouched, and not public.
    const after = await env.DB.prepare('SELECT seq, state, meta, body_zh, attachment_sha, updated_at FROM document_versions WHERE document_id = ?1 ORDER BY seq').bind(id).all();
    expect(after.results).toEqual(before.results);
    expect((await call('/disclosures/beishan/2025-q3-finances/')).status).toBe(404);
    // Its own village's supervision still signs it off at its desk.
    expect((await staffPost(who.officer, `${path}/approve`, {})).status).toBe(303);
    expect((await staffPost(town, `${console}/withdraw`, { reason_zh: '镇里撤回。' })).status).toBe(404);
    expect((await call('/disclosures/beishan/2025-q3-finances/')).status).toBe(200);
  });
});

// A resident's follow-up is read against the case, then written: should an officer pass the case
// to the committee in between, the photo cleaned and stored plain for the village's case must not
// join what is now a sealed case (its re-sealing listed the case's photos before this one came).
describe('a follow-up written just after its case went to the committee', () => {
  it('does not join the sealed case plain, words or photo: no row says its size, and the sweep takes its object', async () => {
    const liaison = await staffMember('liaison', 'xiling');
    await staffMember('discipline');
    const receipt = await (await postForm('/mailbox', await proven('submission', submission({ village: 'xiling', subject: '反映的问题涉及村干部亲属' })))).text();
    const number = /CL-\d{4}-\d{6}/.exec(receipt)![0];
    const caseId = (await one('SELECT id FROM cases WHERE case_number = ?1', number))!.id as number;
    // Read while it was the village's: the photo is cleaned and staged plain…
    const now = new Date();
    const staged = await stagePhotos(env.FILES, [{ type: 'image/jpeg', bytes: jpegWithMetadata(1), width: 16, height: 8 }], null, now);
    // …the officer passes it to the committee…
    expect((await move(liaison, number, 'accept')).status).toBe(303);
    expect((await move(liaison, number, 'escalate')).status).toBe(303);
    expect((await one('SELECT discipline FROM cases WHERE id = ?1', caseId))!.discipline).toBe(1);
    // …and then the follow-up is written.
    const text = '补充：村干部的亲属也参与了分配。';
    expect(await insertFollowup(env.DB, caseId, text, `race-${number}`, storedDay(now), { since: '2000-01-01T00:00:00.000Z', max: 99 }, staged.rows, { discipline: false })).toBe('moved');
    // Its words were not sealed for the committee: not stored plain in the committee's case either.
    expect(await one('SELECT 1 AS found FROM case_events WHERE case_id = ?1 AND public_message = ?2', caseId, text)).toBeNull();
    const rows = (await env.DB.prepare('SELECT sealed, size, width, height FROM case_photos WHERE case_id = ?1').bind(caseId).all()).results;
    expect(rows.filter((r) => r.sealed === 0)).toEqual([]);
    // Its plain object has no row: the hourly sweep deletes it.
    expect(await env.FILES.head(`photos/${staged.rows[0]!.id}`)).not.toBeNull();
    await sweepOrphanPhotos(env.DB, env.FILES, new Date(now.getTime() + 2 * 60 * 60 * 1000));
    expect(await env.FILES.head(`photos/${staged.rows[0]!.id}`)).toBeNull();
  });
});

describe('a query code typed into the queue’s search with other words', () => {
  it('reaches no URL and is never echoed: the whole search is dropped, and said so', async () => {
    const code = codeFromReceipt(await (await postForm('/mailbox', await proven('submission', submission()))).text());
    const bare = code.replace(/-/g, '');
    const fullWidth = [...code].map((ch) => (ch === '-' ? '－' : String.fromCharCode(ch.charCodeAt(0) + 0xfee0))).join('');
    for (const typed of [`查询码 ${code}`, `${code} 张三`, `路灯 ${bare.toLowerCase()}`, code.replace(/-/g, '.'), code.replace(/-/g, '/'), fullWidth, `${'路灯'.repeat(15)} ${code}`]) {
      const sent = await staffPost(who.handler, '/staff/cases', { village: 'xiling', q: typed });
      expect(sent.status, typed).toBe(303);
      const location = sent.headers.get('location')!;
      expect(location, typed).toBe('/staff/cases?village=xiling&codeTyped=1');
      // And typed into the address by hand, or an old bookmark.
      const direct = await staffGet(who.handler, `/staff/cases?village=xiling&q=${encodeURIComponent(typed)}`);
      expect(direct.status, typed).toBe(303);
      expect(direct.headers.get('location'), typed).toBe('/staff/cases?village=xiling&codeTyped=1');
    }
    // Words and a case number still search.
    const words = await staffPost(who.handler, '/staff/cases', { q: 'street light broken at the bridge' });
    expect(words.headers.get('location')).toBe(`/staff/cases?q=${encodeURIComponent('street light broken at the bridge')}`);
    const number = await staffPost(who.handler, '/staff/cases', { q: 'CL-2026-000001 路灯' });
    expect(number.headers.get('location')).toBe(`/staff/cases?q=${encodeURIComponent('CL-2026-000001 路灯')}`);
  });
});

describe('what no page sends, to the new routes', () => {
  const SHA = 'a'.repeat(64);

  it('the public file and village addresses answer every method and odd path without a 500', async () => {
    const paths = [
      `/attachments/${SHA}.jpg`,
      `/attachments/${SHA}.pdf`,
      `/attachments/${SHA}.JPG`,
      `/attachments/${SHA}.jpg.pdf`,
      `/attachments/${SHA.toUpperCase()}.png`,
      '/attachments/%ZZ.jpg',
      `/attachments/${'a'.repeat(5000)}.jpg`,
      '/villages',
      '/villages/',
      '/en/villages/',
      '/villages/%ZZ/',
      '/villages/<script>/',
      '/villages/qinglian/extra/',
      `/villages/${'x'.repeat(3000)}/`,
    ];
    for (const path of paths) {
      for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS']) {
        const res = await call(path, { method, ...(method === 'POST' || method === 'PUT' ? { body: 'x'.repeat(100), headers: { 'content-type': 'text/plain' } } : {}) });
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
      }
      const held = await call(path, { headers: { 'if-none-match': '*' } });
      expect(held.status, `* ${path}`).toBeLessThan(500);
    }
  });

  it('the desk’s files and form answer a clerk of another village, odd names and hostile bodies without a 500', async () => {
    const saved = await send(who.clerk, '/staff/villages/beishan/new', { ...FINANCES, period: '2025-Q1' }, { photos: [jpegWithMetadata(8)], pdf: PDF });
    expect(saved.status).toBe(303);
    const path = saved.headers.get('location')!.replace(/\?.*$/, '');
    const id = path.split('/').at(-1)!;
    const sha = JSON.parse((await one('SELECT meta FROM document_versions WHERE document_id = ?1', Number(id)))!.meta as string).photos[0].sha as string;

    // Another village's clerk: refused alike whether the draft, its file or its id exists, through its village or their own.
    const answers = new Set<string>();
    for (const probe of [`${path}/files/${sha}.jpg`, `${path}/files/${SHA}.jpg`, `/staff/villages/beishan/999999/files/${sha}.jpg`]) {
      const res = await staffGet(who.otherClerk, probe);
      answers.add(`${res.status} ${(await res.text()).replace(/\/staff\/villages\/[^"]*/g, '')}`);
    }
    expect(answers.size).toBe(1);
    expect([...answers][0]).toMatch(/^403 /);
    const own = new Set<string>();
    for (const probe of [`/staff/villages/nanhe/${id}/files/${sha}.jpg`, `/staff/villages/nanhe/999999/files/${sha}.jpg`]) {
      const res = await staffGet(who.otherClerk, probe);
      own.add(`${res.status} ${(await res.text()).replace(/\/staff\/villages\/[^"]*/g, '')}`);
    }
    expect(own.size).toBe(1);
    expect([...own][0]).toMatch(/^404 /);

    for (const file of ['', '.', '..', `${sha}`, `${sha}.`, `${sha}.jpg.jpg`, `${sha}.JPG`, '%ZZ', `${'z'.repeat(4000)}.pdf`, `${sha}%00.jpg`]) {
      for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
        const res = await call(`${path}/files/${file}`, { method, headers: { cookie: who.clerk.cookie, 'content-type': 'application/x-www-form-urlencoded' }, ...(method !== 'GET' && { body: `csrf=${who.clerk.csrf}` }) });
        expect(res.status, `${method} ${file}`).toBeLessThan(500);
      }
    }

    const post = (body: BodyInit, headers: Record<string, string>) => call(`${path}`, { method: 'POST', headers: { cookie: who.clerk.cookie, ...headers }, body });
    const boundary = '----attack';
    const hostile: [string, BodyInit, Record<string, string>][] = [
      ['bad CSRF', new URLSearchParams({ csrf: 'x', ...FINANCES }).toString(), { 'content-type': 'application/x-www-form-urlencoded' }],
      ['no type', 'csrf=x', {}],
      ['multipart without a boundary', 'x', { 'content-type': 'multipart/form-data' }],
      ['a broken multipart', `--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${who.clerk.csrf}\r\n--${boundary}\r\nContent-Disp`, { 'content-type': `multipart/form-data; boundary=${boundary}` }],
      ['a huge declared length', 'x', { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(2 ** 40) }],
      ['JSON', JSON.stringify({ csrf: who.clerk.csrf, ...FINANCES }), { 'content-type': 'application/json' }],
      ['invalid UTF-8', new Uint8Array([0x63, 0x73, 0x72, 0x66, 0x3d, 0xff, 0xfe]), { 'content-type': 'application/x-www-form-urlencoded' }],
    ];
    for (const [what, body, headers] of hostile) {
      const res = await post(body, headers);
      expect(res.status, what).toBeLessThan(500);
      expect(res.status, what).toBeGreaterThanOrEqual(400);
    }
    // Many files, a PDF that is HTML, a photo that is a PDF, a body of a wrong kind, fields as files.
    const many = await send(who.clerk, path, { ...FINANCES, period: '2025-Q1' }, { photos: Array.from({ length: 40 }, (_, i) => jpegWithMetadata(100 + i)) });
    expect(many.status).toBeLessThan(500);
    const html = new TextEncoder().encode('%PDF-1.4\n<html><script>alert(1)</script></html>');
    const polyglot = await send(who.clerk, path, { ...FINANCES, period: '2025-Q1' }, { photos: [html], pdf: html });
    expect(polyglot.status).toBeLessThan(500);
    const form = new FormData();
    form.set('csrf', who.clerk.csrf);
    for (const [k, v] of Object.entries(FINANCES)) form.set(k, new File([v], 'x.txt'));
    form.set('kind', 'decisions');
    form.set('body', '[x](javascript:alert(1)) ![i](https://evil.example/a.png) <img src=x onerror=alert(1)>');
    form.set('remove-../../x', 'yes');
    form.set('removePdf', 'yes');
    expect((await call(path, { method: 'POST', headers: { cookie: who.clerk.cookie }, body: form })).status).toBeLessThan(500);
    // Still a draft nobody outside the console reads.
    expect((await call(`/attachments/${sha}.jpg`)).status).toBe(404);
  });

  it('the queue’s filter form answers hostile bodies without a 500, and never with a query string built from them', async () => {
    expect((await staffPost(who.handler, '/staff/cases', { q: 'x'.repeat(100_000) })).status).toBe(413);
    for (const fields of <Record<string, string>[]>[{ q: 'x'.repeat(10_000) }, { q: '%ZZ' }, { show: 'all', village: '<script>', category: '"><b>', clock: '\u0000' }, {}]) {
      const res = await staffPost(who.handler, '/staff/cases', fields);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).not.toMatch(/<|>|"|%00|x{41}/);
    }
    expect((await staffPost(who.handler, '/staff/cases', { q: '路灯' }, 'not-the-token')).status).toBe(403);
    const json = await call('/staff/cases', { method: 'POST', headers: { cookie: who.handler.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ csrf: who.handler.csrf, q: ['a', 'b'] }) });
    expect(json.status).toBeLessThan(500);
  });
});

describe('the public search box', () => {
  const CODE = '473K-R3F9-AS9M-2N0D';
  const leaks = (s: string) => /473K|R3F9|AS9M|2N0D/i.test(decodeURIComponent(s));

  it('is POSTed and answered with the GET of its words, the order kept', async () => {
    const res = await postForm('/search/', { q: '  村务   公开 ', order: 'date' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/search/?${new URLSearchParams({ q: '村务 公开', order: 'date' })}`);
    const en = await postForm('/en/search/', { q: 'cadre' });
    expect(en.headers.get('location')).toBe('/en/search/?q=cadre');
    expect((await postForm('/search/', {})).headers.get('location')).toBe('/search/');
  });

  it('drops a query code pasted in with other words, in any spelling, and says where a code goes, in the reader’s language', async () => {
    for (const typed of [CODE, `查询码 ${CODE}`, `${CODE.replaceAll('-', '.')} 张三`, '473KR3F9 AS9M2N0D', CODE.replace(/[0-9A-Z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0))]) {
      const res = await postForm('/search/', { q: typed });
      expect(res.status, typed).toBe(303);
      expect(res.headers.get('location'), typed).toBe('/search/?codeTyped=1');
    }
    // Cut into other fours than the receipt's, or with a zero-width space pasted inside a group: still a code, never in the address.
    for (const typed of ['473K R3F9AS9M2N0D', `查询码 473KR3F9AS9M 2N0D`, '473K R3F9AS9M 2N0D', '473K-R3\u200bF9-AS9M-2N0D', '查询码 473K R3F9 AS\u00ad9M 2N0D']) {
      const res = await postForm('/search/', { q: typed });
      expect(res.status, typed).toBe(303);
      expect(res.headers.get('location'), typed).toBe('/search/?codeTyped=1');
      const get = await call(`/search/?q=${encodeURIComponent(typed)}`);
      expect(get.headers.get('location'), typed).toBe('/search/?codeTyped=1');
    }
    const page = await call('/search/?codeTyped=1');
    const html = await page.text();
    expect(html).toContain('查询码不能用来搜索本站');
    expect(html).toContain('href="/track"');
    const en = await (await call('/en/search/?codeTyped=1')).text();
    expect(en).toContain('A query code cannot be used to search this site');
  });

  it('sends a GET that holds a code (an old link, the address bar) on without it, and never shows it back', async () => {
    const res = await call(`/search/?q=${encodeURIComponent(`查询码 ${CODE}`)}&order=date`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/search/?codeTyped=1');
    expect(leaks(await res.text())).toBe(false);
    const followed = await call(res.headers.get('location')!);
    expect(leaks(await followed.text())).toBe(false);
  });

  it('answers whatever is sent to it without a 500', async () => {
    for (const body of ['', 'q', 'q=%ZZ', `q=${'字'.repeat(5000)}`, '{"q":1}', '\u0000'])
      for (const type of ['application/x-www-form-urlencoded', 'application/json', 'text/plain', 'multipart/form-data; boundary=x'])
        expect((await call('/search/', { method: 'POST', headers: { 'content-type': type }, body })).status, `${type} ${body.slice(0, 20)}`).toBeLessThan(500);
  });
});

describe('the queue’s own SQL', () => {
  it('lets a village clerk read no case even if a caller forgot to refuse the clerk first; town staff still read them all', async () => {
    const html = await (await postForm('/mailbox', submission({ village: 'beishan', subject: '村道路灯坏了' }))).text();
    expect(html).toMatch(/CL-\d{4}-\d{6}/);
    const now = new Date();
    const clock = { now: now.toISOString(), endOfToday: new Date(now.getTime() + 86_400_000).toISOString(), dueSoon: new Date(now.getTime() + 3 * 86_400_000).toISOString() };
    const clerkId = Number((await one('SELECT id FROM staff_users WHERE username = ?1', who.clerk.username))!.id);
    const handlerId = Number((await one('SELECT id FROM staff_users WHERE username = ?1', who.handler.username))!.id);
    const asClerk = await listQueue(env.DB, { id: clerkId, role: 'clerk', villageId: 'beishan' }, 'all', clock, { limit: 50, offset: 0 });
    expect(asClerk.rows.filter((r) => r.readable === 1 || r.subject !== null)).toEqual([]);
    expect(asClerk.total).toBe(0);
    const asHandler = await listQueue(env.DB, { id: handlerId, role: 'handler', villageId: null }, 'all', clock, { limit: 50, offset: 0 });
    expect(asHandler.rows.some((r) => r.subject === '村道路灯坏了')).toBe(true);
  });
});

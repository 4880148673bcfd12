// 本村公开 with what the village posts on its board: a clerk adds photos of the posted 公开栏 (cleaned
// of their metadata as residents' photos are) and a PDF to a disclosure, or drafts the free-text kind
// 村务决策 (decisions) checked for personal data; the village's supervision signs it off; the public
// page shows the photos and the PDF, a draft's files are nobody's to fetch, a correction keeps the
// old version's photo on the old version's page, a withdrawal hides them. Nothing partial is stored.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { call } from './support.ts';
import { GPS_LATITUDE_BYTES, contains, heicStub, jpegWithMetadata, pngWithMetadata, secretsIn } from '../helpers/photo-fixtures.ts';
import { staffGet, staffMember, staffPost, type Staff } from './staff-support.ts';
import { sweepOrphanAttachments } from '../../worker/services/photos.ts';
import { findVillage } from '../../content/index.ts';

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const PDF_REPLACED = new TextEncoder().encode('%PDF-1.4\n% the first scan\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const NOT_PDF = new TextEncoder().encode('<html><script>alert(1)</script></html>');

/** The village's name as the pages give it (the sample data marks it as such). */
const QINGLIAN = findVillage('qinglian')!.name;

const one = (sql: string, ...args: unknown[]) => env.DB.prepare(sql).bind(...args).first<Record<string, unknown>>();
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
const who = {} as { clerk: Staff; officer: Staff; otherOfficer: Staff };

beforeAll(async () => {
  const admin = await staffMember('admin');
  who.clerk = await staffMember('clerk', 'qinglian');
  who.officer = await staffMember('liaison', 'qinglian');
  who.otherOfficer = await staffMember('liaison', 'dongling');
  for (const [staff, rights] of [[who.clerk, { draft: 'yes' }], [who.officer, { approve: 'yes' }]] as const) {
    const id = (await one('SELECT id FROM staff_users WHERE username = ?1', staff.username))!.id;
    expect((await staffPost(admin, `/staff/accounts/${id}/rights`, rights)).status).toBe(200);
  }
});

/** The drafting form as the browser sends it without JavaScript: multipart, the photos and the PDF as files. */
function send(staff: Staff, path: string, fields: Record<string, string>, files: { photos?: Uint8Array[]; pdf?: Uint8Array } = {}) {
  const form = new FormData();
  form.set('csrf', staff.csrf);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  for (const [i, p] of (files.photos ?? []).entries()) form.append('photos', new File([p], `IMG_000${i}.jpg`, { type: 'image/jpeg' }));
  form.set('attachment', files.pdf ? new File([files.pdf], '公开表.pdf', { type: 'application/pdf' }) : new File([], ''));
  return call(path, { method: 'POST', headers: { cookie: staff.cookie }, body: form });
}

const FINANCES = {
  kind: 'finances',
  period: '2026-05',
  summary: '清廉村5月集体财务收支。',
  income: '上级转移支付\t48300\n',
  spending: '办公费\t2737.50\n',
  notes: '',
};

const metaOf = async (id: number, seq = 1) => JSON.parse((await one('SELECT meta FROM document_versions WHERE document_id = ?1 AND seq = ?2', id, seq))!.meta as string);
const objects = async () => (await env.FILES.list({ prefix: 'attachments/' })).objects.map((o) => o.key).sort();

async function signOff(path: string) {
  expect((await staffPost(who.clerk, `${path}/submit`, {})).status).toBe(303);
  expect((await staffPost(who.officer, `${path}/approve`, {})).status).toBe(303);
}

describe('photos of the posted board and a PDF', () => {
  let path = '';
  let id = 0;
  let photo = '';
  let pdf = '';

  it('are cleaned, kept with the draft, shown in its preview and nobody else’s to fetch until it is signed off', async () => {
    const saved = await send(who.clerk, '/staff/villages/qinglian/new', FINANCES, { photos: [jpegWithMetadata(1)], pdf: PDF });
    expect(saved.status).toBe(303);
    path = saved.headers.get('location')!.replace(/\?.*$/, '');
    id = Number(path.split('/').at(-1));
    const meta = await metaOf(id);
    expect(meta.photos).toHaveLength(1);
    expect(meta.photos[0]).toMatchObject({ type: 'image/jpeg', width: 16, height: 8 });
    photo = meta.photos[0].sha;
    pdf = (await one('SELECT attachment_sha FROM document_versions WHERE document_id = ?1', id))!.attachment_sha as string;
    expect(pdf).toMatch(/^[0-9a-f]{64}$/);

    // The clerk's preview shows both, from the console's own address.
    const preview = await (await staffGet(who.clerk, path)).text();
    expect(preview).toContain(`src="${path}/files/${photo}.jpg"`);
    expect(preview).toContain(`${QINGLIAN['zh-CN']}2026年5月财务收支公开栏照片（第1张，共1张）`);
    expect(preview).toContain(`href="${path}/files/${pdf}.pdf"`);
    const own = await staffGet(who.clerk, `${path}/files/${photo}.jpg`);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('image/jpeg');

    // A draft's files are not public: not at their hash-named address, not through the console for anyone signed out or of another village.
    for (const file of [`/attachments/${photo}.jpg`, `/attachments/${pdf}.pdf`]) expect((await call(file)).status, file).toBe(404);
    expect((await staffGet(null, `${path}/files/${photo}.jpg`)).status).toBe(303);
    expect((await staffGet(who.otherOfficer, `${path}/files/${photo}.jpg`)).status).toBe(403);
    // Nor a file that is not this disclosure's, by the console.
    expect((await staffGet(who.clerk, `${path}/files/${'0'.repeat(64)}.jpg`)).status).toBe(404);
  });

  it('once signed off, the public page shows the photo (without GPS or EXIF) and the PDF with its size', async () => {
    await signOff(path);
    const res = await call('/disclosures/qinglian/2026-05-finances/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(new RegExp(`<img src="/attachments/${photo}\\.jpg" alt="${QINGLIAN['zh-CN']}2026年5月财务收支公开栏照片（第1张，共1张）" width="16" height="8" loading="lazy"`));
    expect(textOf(html)).toMatch(/下载 PDF 版 （PDF，0\.\d KB）/);
    expect(new TextEncoder().encode(html).length).toBeLessThan(50 * 1024);
    const english = await (await call('/en/disclosures/qinglian/2026-05-finances/')).text();
    expect(english).toContain(`alt="Photo 1 of 1 of the notice board: ${QINGLIAN.en} — Income and spending, May 2026"`);

    const image = await call(`/attachments/${photo}.jpg`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    // Kept by a cache only as long as the worker says it is still public (a withdrawal must take it off at once).
    expect(image.headers.get('cache-control')).toBe('public, no-cache');
    const held = await call(`/attachments/${photo}.jpg`, { headers: { 'if-none-match': image.headers.get('etag')! } });
    expect(held.status).toBe(304);
    const bytes = new Uint8Array(await image.arrayBuffer());
    expect(secretsIn(bytes)).toEqual([]);
    expect(contains(bytes, GPS_LATITUDE_BYTES)).toBe(false);
    // An EXIF segment, if any, holds the orientation alone (one entry: tag 0x0112).
    const exif = bytes.findIndex((b, i) => b === 0xff && bytes[i + 1] === 0xe1);
    if (exif >= 0) expect(bytes[exif + 4 + 6 + 8]).toBe(1);
    const file = await call(`/attachments/${pdf}.pdf`);
    expect(file.status).toBe(200);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PDF);
  });

  it('a correction keeps the old version’s photo on the old version’s page', async () => {
    expect((await staffPost(who.clerk, `${path}/correct`, { note: '更换公开栏照片。' })).status).toBe(303);
    const edit = await (await staffGet(who.clerk, `${path}/edit`)).text();
    expect(edit).toContain(`name="remove-${photo}"`);
    const saved = await send(who.clerk, path, { ...FINANCES, [`remove-${photo}`]: 'yes' }, { photos: [pngWithMetadata(1)] });
    expect(saved.status).toBe(303);
    const fresh = (await metaOf(id, 2)).photos;
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).toMatchObject({ type: 'image/png', width: 16, height: 8 });
    // The PDF comes along with the correction.
    expect((await one('SELECT attachment_sha FROM document_versions WHERE document_id = ?1 AND seq = 2', id))!.attachment_sha).toBe(pdf);
    await signOff(path);

    const current = await (await call('/disclosures/qinglian/2026-05-finances/')).text();
    expect(current).toContain(`/attachments/${fresh[0].sha}.png`);
    expect(current).not.toContain(photo);
    const old = await (await call('/disclosures/qinglian/2026-05-finances/versions/1/')).text();
    expect(old).toContain(`<img src="/attachments/${photo}.jpg"`);
    expect((await call(`/attachments/${photo}.jpg`)).status).toBe(200);
  });

  it('a withdrawal hides the photos and the PDF with the disclosure', async () => {
    expect((await staffPost(who.officer, `${path}/withdraw`, { reason: '数据有误，重新公开。' })).status).toBe(303);
    for (const file of [`/attachments/${photo}.jpg`, `/attachments/${pdf}.pdf`]) expect((await call(file)).status, file).toBe(404);
    expect(await (await call('/disclosures/qinglian/2026-05-finances/')).text()).not.toContain('/attachments/');
  });

  it('each photo’s alt text says which disclosure it shows and which photo of how many, in both languages', async () => {
    const saved = await send(who.clerk, '/staff/villages/qinglian/new', { ...FINANCES, period: '2026-02', summary: '清廉村2月集体财务收支。' }, { photos: [pngWithMetadata(1, 18, 9), pngWithMetadata(1, 22, 11)] });
    expect(saved.status).toBe(303);
    await signOff(saved.headers.get('location')!.replace(/\?.*$/, ''));
    const alts = (html: string) => [...html.matchAll(/<section aria-labelledby="board-photos"[\s\S]*?<\/section>/g)].flatMap((m) => [...m[0].matchAll(/<img [^>]*alt="([^"]*)"/g)].map((a) => a[1]));
    expect(alts(await (await call('/disclosures/qinglian/2026-02-finances/')).text())).toEqual([
      `${QINGLIAN['zh-CN']}2026年2月财务收支公开栏照片（第1张，共2张）`,
      `${QINGLIAN['zh-CN']}2026年2月财务收支公开栏照片（第2张，共2张）`,
    ]);
    expect(alts(await (await call('/en/disclosures/qinglian/2026-02-finances/')).text())).toEqual([
      `Photo 1 of 2 of the notice board: ${QINGLIAN.en} — Income and spending, February 2026`,
      `Photo 2 of 2 of the notice board: ${QINGLIAN.en} — Income and spending, February 2026`,
    ]);
  });
});

describe('nothing partial', () => {
  it('a bad photo or a file that is not a PDF with good rows stores nothing, each said beside its field', async () => {
    const before = { documents: await one(`SELECT count(*) AS n FROM documents`), objects: await objects() };
    const heic = await send(who.clerk, '/staff/villages/qinglian/new', { ...FINANCES, period: '2026-04' }, { photos: [jpegWithMetadata(1), heicStub()], pdf: PDF });
    expect(heic.status).toBe(422);
    const html = await heic.text();
    expect(textOf(html)).toContain('苹果手机的 HEIC 照片无法直接上传');
    // The PDF chosen with it was not kept either, and the form says so beside it.
    expect(textOf(html)).toContain('PDF 没有保存，请重新选择。');
    const notPdf = await send(who.clerk, '/en/staff/villages/qinglian/new', { ...FINANCES, period: '2026-04' }, { photos: [jpegWithMetadata(1)], pdf: NOT_PDF });
    expect(notPdf.status).toBe(422);
    const english = textOf(await notPdf.text());
    expect(english).toContain('The photos were not kept: please choose them again.');
    expect(english).toMatch(/PDF/);
    const tooMany = await send(who.clerk, '/staff/villages/qinglian/new', { ...FINANCES, period: '2026-04' }, { photos: [jpegWithMetadata(1), jpegWithMetadata(1), pngWithMetadata(1), pngWithMetadata(1)] });
    expect(tooMany.status).toBe(422);
    expect(textOf(await tooMany.text())).toContain('最多只能上传 3 张照片。');
    expect({ documents: await one(`SELECT count(*) AS n FROM documents`), objects: await objects() }).toEqual(before);
  });
});

describe('村务决策: a decision in free text', () => {
  const DECISION = {
    kind: 'decisions',
    period: '2026-11-20',
    summary: '村民代表会议表决通过集体机动地发包方案。',
    body: '## 村民代表会议决定\n\n2026年11月20日召开村民代表会议，应到35人，实到32人，由村主任李明主持。\n\n- 集体机动地2027—2029年度公开竞价发包方案：同意30票，通过。\n- 发包将在镇公共资源交易平台进行。',
    notes: '',
  };

  it('is drafted, blocked while its text holds an ID number or a phone number, signed off and shown', async () => {
    const form = await staffGet(who.clerk, '/staff/villages/qinglian/new?kind=decisions');
    expect(await form.text()).toContain('name="body"');
    const before = await one(`SELECT count(*) AS n FROM documents`);
    for (const [found, message] of [
      ['联系人电话13812345678', '正文里有不能公开的个人信息（138***78）'],
      ['承包人身份证号110101199003074514', '正文里有不能公开的个人信息（110***14）'],
    ]) {
      const refused = await send(who.clerk, '/staff/villages/qinglian/new', { ...DECISION, body: `${DECISION.body}\n\n${found}` });
      expect(refused.status).toBe(422);
      expect(textOf(await refused.text())).toContain(message);
    }
    const empty = await send(who.clerk, '/staff/villages/qinglian/new', { ...DECISION, body: '' });
    expect(empty.status).toBe(422);
    expect(textOf(await empty.text())).toContain('请写决定事项的内容');
    expect(await one(`SELECT count(*) AS n FROM documents`)).toEqual(before);

    const saved = await send(who.clerk, '/staff/villages/qinglian/new', DECISION, { photos: [jpegWithMetadata(1)] });
    expect(saved.status).toBe(303);
    const path = saved.headers.get('location')!.replace(/\?.*$/, '');
    const preview = await (await staffGet(who.clerk, path)).text();
    expect(preview).toContain('<h2>村民代表会议决定</h2>');
    await signOff(path);

    const page = await call('/disclosures/qinglian/2026-11-20-decisions/');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<li>集体机动地2027—2029年度公开竞价发包方案：同意30票，通过。</li>');
    expect(html).toContain('村民代表会议表决通过集体机动地发包方案。');
    expect(html).toMatch(/<img src="\/attachments\/[0-9a-f]{64}\.jpg"/);
    // Search finds it by its text.
    expect(await (await call('/search/?q=%E6%9C%BA%E5%8A%A8%E5%9C%B0')).text()).toContain('/disclosures/qinglian/2026-11-20-decisions/');
  });

  it('naming an applicant, goes to review once the clerk confirms what the check found', async () => {
    const saved = await send(who.clerk, '/staff/villages/qinglian/new', { ...DECISION, period: '2026-11-25', body: '同意申请人张三承包村集体鱼塘，承包期三年。' });
    expect(saved.status).toBe(303);
    const path = saved.headers.get('location')!.replace(/\?.*$/, '');
    const stopped = await staffPost(who.clerk, `${path}/submit`, {});
    expect(stopped.status).toBe(422);
    const html = await stopped.text();
    expect(textOf(html)).toContain('“决定事项（正文）”第');
    const confirmation = /name="confirmPersonalData" value="([^"]+)"/.exec(html)![1]!;
    expect((await one('SELECT state FROM document_versions WHERE document_id = ?1', Number(path.split('/').at(-1))))!.state).toBe('draft');
    expect((await staffPost(who.clerk, `${path}/submit`, { confirmPersonalData: confirmation })).status).toBe(303);
    expect((await one('SELECT state FROM document_versions WHERE document_id = ?1', Number(path.split('/').at(-1))))!.state).toBe('review');
  });

  it('is drafted at once when it happens, and never overdue', async () => {
    const desk = await (await staffGet(who.clerk, '/staff/villages/qinglian')).text();
    const row = /<tr data-kind="decisions"[^>]*>[\s\S]*?<\/tr>/.exec(desk)![0];
    expect(row).not.toContain('data-overdue');
    expect(row).toContain('href="/staff/villages/qinglian/new?kind=decisions"');
  });
});

describe('files no version lists any more', () => {
  it('are swept from R2 by the hourly run once an hour old; whatever any version lists, and an upload in flight, stay', async () => {
    // A draft with a board photo and a PDF; the clerk then replaces both before sending it to review.
    const first = await send(who.clerk, '/staff/villages/qinglian/new', { ...FINANCES, period: '2026-03' }, { photos: [pngWithMetadata(1, 20, 10)], pdf: PDF_REPLACED });
    expect(first.status).toBe(303);
    const draft = first.headers.get('location')!.replace(/\?.*$/, '');
    const id = Number(draft.split('/').at(-1));
    const removed = (await metaOf(id)).photos[0].sha as string;
    const firstPdf = (await one('SELECT attachment_sha FROM document_versions WHERE document_id = ?1', id))!.attachment_sha as string;
    const second = await send(who.clerk, draft, { ...FINANCES, period: '2026-03', [`remove-${removed}`]: 'yes' }, { photos: [pngWithMetadata(1, 24, 12)], pdf: PDF });
    expect(second.status).toBe(303);
    const kept = (await metaOf(id)).photos[0].sha as string;
    expect(kept).not.toBe(removed);
    expect((await one('SELECT attachment_sha FROM document_versions WHERE document_id = ?1', id))!.attachment_sha).not.toBe(firstPdf);
    // Something that is not a document's file, and an upload whose save has not linked it yet.
    await env.FILES.put('attachments/readme.txt', 'not a document file');
    const inFlight = `attachments/${'ab'.repeat(32)}.pdf`;
    await env.FILES.put(inFlight, PDF);
    const before = await objects();
    expect(before).toContain(`attachments/${removed}.png`);
    expect(before).toContain(`attachments/${firstPdf}.pdf`);

    // Within their hour nothing goes: the upload in flight, nor the files just replaced.
    expect(await sweepOrphanAttachments(env.DB, env.FILES, new Date())).toBe(0);
    expect(await objects()).toEqual(before);
    // Two hours on, the two files the clerk replaced go, and the upload no save ever linked.
    const run = await sweepOrphanAttachments(env.DB, env.FILES, new Date(Date.now() + 2 * 60 * 60 * 1000));
    expect(run).toBe(3);
    const after = await objects();
    expect(after).not.toContain(`attachments/${removed}.png`);
    expect(after).not.toContain(`attachments/${firstPdf}.pdf`);
    expect(after).not.toContain(inFlight);
    // Every file a version lists (this draft's, the published ones', the earlier versions', the withdrawn one's) stays.
    const listed = await env.DB.prepare(
      `SELECT attachment_sha AS sha FROM document_versions WHERE attachment_sha IS NOT NULL UNION SELECT json_extract(p.value, '$.sha') FROM document_versions v, json_each(v.meta, '$.photos') p`,
    ).all<{ sha: string }>();
    expect(listed.results.length).toBeGreaterThan(2);
    for (const { sha } of listed.results) expect(after.some((k) => k.startsWith(`attachments/${sha}.`)), sha).toBe(true);
    expect(after).toContain('attachments/readme.txt');
    expect(after.length).toBe(before.length - 3);
    // The clerk's draft still shows its photo and PDF.
    const preview = await (await staffGet(who.clerk, draft)).text();
    expect((await staffGet(who.clerk, `${draft}/files/${kept}.png`)).status).toBe(200);
    expect(preview).toContain(`${draft}/files/${kept}.png`);
  });
});

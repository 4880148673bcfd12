// Photos with a report, as a resident without JavaScript sends them (a multipart form): what is
// stored has none of the phone's metadata, the type its bytes say, the right size; what is refused
// is refused on the photo field, the rest of the form kept, and nothing stored at all.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, codeFromReceipt, followupFormOf, postForm, submission } from './support.ts';
import { sweepOrphanPhotos } from '../../worker/services/photos.ts';
import { GPS_LATITUDE_BYTES, contains, heicStub, jpegSize, jpegWithMetadata, plainJpeg, pngWithMetadata, secretsIn, webpWithMetadata } from '../helpers/photo-fixtures.ts';
import { portal } from '../../content/index.ts';
import { move, staffMember } from './staff-support.ts';

const FILE_NAME = 'IMG_20261130_091500_Wang-home.jpg';

/** The mailbox form as a browser without JavaScript sends it, with these files in its photo field. */
function postWithPhotos(path: string, fields: Record<string, string>, photos: { bytes: Uint8Array; type?: string; name?: string }[]): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const p of photos) form.append('photos', new File([p.bytes], p.name ?? FILE_NAME, { type: p.type ?? 'image/jpeg' }));
  return call(path, { method: 'POST', body: form });
}

async function stored(): Promise<{ rows: { id: string; case_id: number; type: string; size: number; width: number; height: number; sealed: number }[]; objects: string[] }> {
  const { results } = await env.DB.prepare('SELECT id, case_id, type, size, width, height, sealed FROM case_photos ORDER BY case_id, seq').all<{ id: string; case_id: number; type: string; size: number; width: number; height: number; sealed: number }>();
  const listed = await env.FILES.list({ prefix: 'photos/' });
  return { rows: results, objects: listed.objects.map((o) => o.key) };
}

async function objectBytes(id: string): Promise<Uint8Array> {
  const object = await env.FILES.get(`photos/${id}`);
  expect(object).not.toBeNull();
  return new Uint8Array(await object!.arrayBuffer());
}

function expectClean(bytes: Uint8Array) {
  expect(secretsIn(bytes)).toEqual([]);
  expect(contains(bytes, GPS_LATITUDE_BYTES)).toBe(false);
  expect(contains(bytes, FILE_NAME)).toBe(false);
}

/** A sealed photo of up to 64 KiB as stored: magic, IV, the 64 KiB bucket, the tag. */
const BUCKET_64K = 4 + 12 + 64 * 1024 + 16;

const pngSize = (b: Uint8Array) => ({ width: new DataView(b.buffer, b.byteOffset).getUint32(16), height: new DataView(b.buffer, b.byteOffset).getUint32(20) });

describe('photos sent without JavaScript', () => {
  it('a JPEG with GPS, a serial number and dates is stored without any of them, as a 16×8 JPEG, under a random id', async () => {
    const before = await stored();
    const res = await postWithPhotos('/mailbox', submission({ village: 'qinglian' }), [{ bytes: jpegWithMetadata(1) }]);
    expect(res.status).toBe(201);
    const html = await res.text();
    expect(html).toContain('随反映一起提交了 1 张照片');
    const after = await stored();
    const row = after.rows.find((r) => !before.rows.some((b) => b.id === r.id))!;
    expect(row).toMatchObject({ type: 'image/jpeg', width: 16, height: 8, sealed: 0 });
    expect(row.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const bytes = await objectBytes(row.id);
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
    expect(jpegSize(bytes)).toEqual({ width: 16, height: 8 });
    expect(bytes.byteLength).toBe(row.size);
    expectClean(bytes);
    // Nothing of the file's name anywhere: not in D1, not on the object.
    const object = await env.FILES.head(`photos/${row.id}`);
    expect(object!.customMetadata ?? {}).toEqual({});
    expect(object!.httpMetadata?.contentDisposition).toBeUndefined();
    const dump = JSON.stringify((await env.DB.prepare('SELECT * FROM case_photos').all()).results);
    expect(dump).not.toContain('Wang-home');
  });

  it('a PNG with text chunks is stored without them, as a 16×8 PNG', async () => {
    const before = await stored();
    const res = await postWithPhotos('/mailbox', submission({ village: 'dongling' }), [{ bytes: pngWithMetadata(1), type: 'image/png', name: 'shot.png' }]);
    expect(res.status).toBe(201);
    const row = (await stored()).rows.find((r) => !before.rows.some((b) => b.id === r.id))!;
    expect(row).toMatchObject({ type: 'image/png', width: 16, height: 8 });
    const bytes = await objectBytes(row.id);
    expect(pngSize(bytes)).toEqual({ width: 16, height: 8 });
    for (const chunk of ['tEXt', 'iTXt', 'zTXt', 'eXIf', 'tIME']) expect(contains(bytes, chunk), chunk).toBe(false);
    expectClean(bytes);
  });

  it('a WebP with EXIF and XMP is stored without them, as a 16×8 WebP', async () => {
    const before = await stored();
    const res = await postWithPhotos('/mailbox', submission({ village: 'qinglian' }), [{ bytes: webpWithMetadata(), type: 'image/webp', name: 'shot.webp' }]);
    expect(res.status).toBe(201);
    const row = (await stored()).rows.find((r) => !before.rows.some((b) => b.id === r.id))!;
    expect(row).toMatchObject({ type: 'image/webp', width: 16, height: 8 });
    const bytes = await objectBytes(row.id);
    expect(new TextDecoder().decode(bytes.subarray(8, 12))).toBe('WEBP');
    for (const chunk of ['EXIF', 'XMP ']) expect(contains(bytes, chunk), chunk).toBe(false);
    expectClean(bytes);
  });

  it('a retried submission with the same id stores its photos once', async () => {
    const fields = submission({ village: 'dongling' });
    const before = await stored();
    expect((await postWithPhotos('/mailbox', fields, [{ bytes: jpegWithMetadata(1) }, { bytes: pngWithMetadata(1) }])).status).toBe(201);
    const again = await postWithPhotos('/mailbox', fields, [{ bytes: jpegWithMetadata(1) }, { bytes: pngWithMetadata(1) }]);
    expect(again.status).toBe(200);
    const after = await stored();
    expect(after.rows.length - before.rows.length).toBe(2);
    expect(after.objects.length - before.objects.length).toBe(2);
  });
});

describe('photos refused: a clear 4xx on the photo field, the form kept, nothing stored', () => {
  const each = portal.photos.maxBytesEach;
  const polyglot = () => new Uint8Array([...plainJpeg(), ...new TextEncoder().encode('<html><script>alert(document.cookie)</script></html>')]);
  const cases: [string, () => { bytes: Uint8Array; type?: string }[], number, string][] = [
    ['a GIF', () => [{ bytes: new TextEncoder().encode('GIF89a\x01\x00\x01\x00'), type: 'image/gif' }], 415, '只能上传 JPEG、PNG 或 WebP 格式的照片。'],
    ['an HTML page named .jpg', () => [{ bytes: new TextEncoder().encode('<html><body>hi</body></html>') }], 415, '只能上传 JPEG、PNG 或 WebP 格式的照片。'],
    ['an iPhone HEIC', () => [{ bytes: heicStub(), type: 'image/heic' }], 415, '可以上传的格式：JPEG、PNG、WebP。'],
    ['four photos', () => [1, 2, 3, 4].map(() => ({ bytes: plainJpeg() })), 422, '最多只能上传 3 张照片。'],
    ['a photo too large', () => [{ bytes: new Uint8Array([...plainJpeg().subarray(0, 2), ...new Uint8Array(each)]) }], 413, '每张照片不能超过'],
    ['a truncated JPEG', () => [{ bytes: plainJpeg().subarray(0, Math.floor(plainJpeg().length / 2)) }], 422, '有一张照片无法读取'],
    ['a polyglot (a JPEG, then HTML)', () => [{ bytes: polyglot() }], 422, '有一张照片无法读取'],
  ];
  for (const [what, photos, status, message] of cases) {
    it(`${what}: ${status}`, async () => {
      const before = await stored();
      const cases0 = await env.DB.prepare('SELECT count(*) AS n FROM cases').first<{ n: number }>();
      const res = await postWithPhotos('/mailbox', submission({ subject: '垃圾堆在河边没人管' }), photos());
      expect(res.status).toBe(status);
      const html = await res.text();
      const fieldError = /<p class="field-error" id="error-photos">([^<]*)<\/p>/.exec(html);
      expect(fieldError?.[1]).toContain(message);
      expect(html).toContain('value="垃圾堆在河边没人管"');
      expect(await stored()).toEqual(before);
      expect(await env.DB.prepare('SELECT count(*) AS n FROM cases').first<{ n: number }>()).toEqual(cases0);
    });
  }

  it('in English for an English page', async () => {
    const res = await postWithPhotos('/en/mailbox', submission(), [{ bytes: heicStub(), type: 'image/heic' }]);
    expect(res.status).toBe(415);
    expect(await res.text()).toContain('Formats that work: JPEG, PNG, WebP.');
  });

  it('a valid photo with a text refused: the photo field asks for it again', async () => {
    const res = await postWithPhotos('/mailbox', submission({ subject: '' }), [{ bytes: plainJpeg() }]);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('照片没有保存，请重新选择。');
  });

  it('a text form still works as before (no photos)', async () => {
    expect((await postForm('/mailbox', submission({ village: 'beishan' }))).status).toBe(201);
  });
});

describe('the resident sees the photos after a lookup', () => {
  it('lists them on the query page and serves them only with the track token', async () => {
    const receipt = await (await postWithPhotos('/mailbox', submission({ village: 'beishan' }), [{ bytes: jpegWithMetadata(1) }])).text();
    const code = codeFromReceipt(receipt);
    const page = await (await postForm('/track', { code })).text();
    const src = /<img src="(\/track\/photos\/[A-Za-z0-9_-]{22})\?token=([A-Za-z0-9_-]+)"/.exec(page.replace(/&amp;/g, '&'));
    expect(src).not.toBeNull();
    expect(page).not.toContain(`photos/${code}`);
    const photo = await call(`${src![1]}?token=${src![2]}`);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect(photo.headers.get('content-disposition')).toBe('inline');
    expect(photo.headers.get('x-content-type-options')).toBe('nosniff');
    expect(photo.headers.get('cache-control')).toBe('private, no-store');
    expectClean(new Uint8Array(await photo.arrayBuffer()));
    expect((await call(src![1]!)).status).toBe(404);
    expect((await call(`${src![1]}?token=${'A'.repeat(22)}`)).status).toBe(404);
  });
});

describe('a cadre report’s photos are sealed', () => {
  const noImageInside = (bytes: Uint8Array) => {
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('qlb2');
    expect(contains(bytes, new Uint8Array([0xff, 0xd8, 0xff]))).toBe(false);
    for (const marker of ['JFIF', 'Exif', 'PNG', 'IHDR', 'WEBP', 'VP8']) expect(contains(bytes, marker), marker).toBe(false);
    expectClean(bytes);
  };

  it('the stored object is an envelope: no JPEG or PNG markers, no metadata; the resident still sees the photo', async () => {
    await staffMember('discipline');
    const before = await stored();
    const res = await postWithPhotos('/mailbox', submission({ village: 'dongling', category: 'cadre-report', subject: '村干部收受红包' }), [{ bytes: jpegWithMetadata(1) }, { bytes: pngWithMetadata(1) }]);
    expect(res.status).toBe(201);
    const code = codeFromReceipt(await res.text());
    const rows = (await stored()).rows.filter((r) => !before.rows.some((b) => b.id === r.id));
    expect(rows.map((r) => r.sealed)).toEqual([1, 1]);
    for (const row of rows) noImageInside(await objectBytes(row.id));
    const page = (await (await postForm('/track', { code })).text()).replace(/&amp;/g, '&');
    const src = /<img src="(\/track\/photos\/[A-Za-z0-9_-]{22}\?token=[A-Za-z0-9_-]+)"/.exec(page)!;
    const photo = await call(src[1]!);
    expect(photo.status).toBe(200);
    const opened = new Uint8Array(await photo.arrayBuffer());
    expect(jpegSize(opened)).toEqual({ width: 16, height: 8 });
    expectClean(opened);
  });

  it('a case escalated to the committee has its photos sealed too, the plain objects gone', async () => {
    const liaison = await staffMember('liaison', 'beishan');
    await staffMember('discipline');
    const res = await postWithPhotos('/mailbox', submission({ village: 'beishan', subject: '反映的问题涉及村干部' }), [{ bytes: jpegWithMetadata(1) }]);
    const receipt = await res.text();
    const number = /CL-\d{4}-\d{6}/.exec(receipt)![0];
    const plain = (await env.DB.prepare('SELECT p.id FROM case_photos p JOIN cases c ON c.id = p.case_id WHERE c.case_number = ?1').bind(number).first<{ id: string }>())!.id;
    expect((await move(liaison, number, 'accept')).status).toBe(303);
    expect((await move(liaison, number, 'escalate')).status).toBe(303);
    const row = (await env.DB.prepare('SELECT p.id, p.sealed FROM case_photos p JOIN cases c ON c.id = p.case_id WHERE c.case_number = ?1').bind(number).first<{ id: string; sealed: number }>())!;
    expect(row.sealed).toBe(1);
    expect(row.id).not.toBe(plain);
    expect(await env.FILES.head(`photos/${plain}`)).toBeNull();
    noImageInside(await objectBytes(row.id));
    // Re-sealed like a cadre report's: the row forgets the size, the object is padded to its bucket.
    expect(await env.DB.prepare('SELECT size, width, height FROM case_photos WHERE id = ?1').bind(row.id).first()).toEqual({ size: null, width: null, height: null });
    expect((await env.FILES.head(`photos/${row.id}`))!.size).toBe(BUCKET_64K);
    // The resident still sees it, its dimensions taken from the envelope.
    const page = (await (await postForm('/track', { code: codeFromReceipt(receipt) })).text()).replace(/&amp;/g, '&');
    const src = /<img src="(\/track\/photos\/[A-Za-z0-9_-]{22}\?token=[A-Za-z0-9_-]+)"/.exec(page)!;
    expect(jpegSize(new Uint8Array(await (await call(src[1]!)).arrayBuffer()))).toEqual({ width: 16, height: 8 });
  });
});

// An attacker with a copy of the database and a listing of the bucket: for two committee cases,
// one with a photo of a few hundred bytes and one with a photo forty times larger, what do the
// rows and the objects' lengths say? Nothing but that each has a photo of that type, in one bucket.
describe('a committee case’s photos, as a dump and a bucket listing show them', () => {
  it('say nothing of their size or dimensions: the rows hold none, the objects are the same length', async () => {
    await staffMember('discipline');
    const small = pngWithMetadata(1, 16, 8);
    const large = pngWithMetadata(1, 160, 120);
    expect(large.length).toBeGreaterThan(30 * small.length);
    const sent = [];
    for (const [subject, bytes] of [['村干部优亲厚友', small], ['村干部虚报冒领补贴', large]] as const) {
      const res = await postWithPhotos('/mailbox', submission({ village: 'dongling', category: 'cadre-report', subject }), [{ bytes, type: 'image/png', name: 'shot.png' }]);
      const receipt = await res.text();
      expect(res.status).toBe(201);
      sent.push({ number: /CL-\d{4}-\d{6}/.exec(receipt)![0], code: codeFromReceipt(receipt) });
    }
    // Every column of their rows, as `SELECT *` dumps them.
    const rows = [];
    for (const { number } of sent) {
      rows.push((await env.DB.prepare('SELECT p.* FROM case_photos p JOIN cases c ON c.id = p.case_id WHERE c.case_number = ?1').bind(number).first<Record<string, unknown>>())!);
    }
    const shown = rows.map(({ id: _id, case_id: _case, ...rest }) => rest);
    expect(shown[0]).toEqual(shown[1]);
    expect(shown[0]).toMatchObject({ type: 'image/png', size: null, width: null, height: null, sealed: 1 });
    const values = shown.flatMap((r) => Object.values(r));
    for (const told of [small.length, large.length, 160, 120, 16, 8]) expect(values).not.toContain(told);
    // The objects' lengths, as a listing of the bucket gives them: one bucket, nothing finer.
    const listed = (await env.FILES.list({ prefix: 'photos/' })).objects;
    const sizes = rows.map((r) => listed.find((o) => o.key === `photos/${r.id}`)!.size);
    expect(sizes).toEqual([BUCKET_64K, BUCKET_64K]);
    // Each resident still sees their own photo as sent.
    for (const [i, { code }] of sent.entries()) {
      const page = (await (await postForm('/track', { code })).text()).replace(/&amp;/g, '&');
      expect(page).toContain('照片 1');
      expect(page).not.toContain('160×120');
      const src = /<img src="(\/track\/photos\/[A-Za-z0-9_-]{22}\?token=[A-Za-z0-9_-]+)"/.exec(page)!;
      expect(pngSize(new Uint8Array(await (await call(src[1]!)).arrayBuffer()))).toEqual(i === 0 ? { width: 16, height: 8 } : { width: 160, height: 120 });
    }
  });

  it('a larger photo takes the next bucket, twice the size: the length tells the bucket alone', async () => {
    await staffMember('discipline');
    const res = await postWithPhotos('/mailbox', submission({ village: 'dongling', category: 'cadre-report', subject: '村干部挪用集体资金' }), [{ bytes: pngWithMetadata(1, 200, 150), type: 'image/png', name: 'shot.png' }]);
    const number = /CL-\d{4}-\d{6}/.exec(await res.text())![0];
    const row = (await env.DB.prepare('SELECT p.id FROM case_photos p JOIN cases c ON c.id = p.case_id WHERE c.case_number = ?1').bind(number).first<{ id: string }>())!;
    expect((await env.FILES.head(`photos/${row.id}`))!.size).toBe(BUCKET_64K + 64 * 1024);
  });
});

describe('a photo added later, on the query page', () => {
  it('joins the case with the follow-up, once, and never beyond the number allowed', async () => {
    const receipt = await (await postWithPhotos('/mailbox', submission({ village: 'beishan' }), [{ bytes: plainJpeg() }, { bytes: plainJpeg() }])).text();
    const code = codeFromReceipt(receipt);
    const page = await (await postForm('/track', { code })).text();
    const { token, followupId } = followupFormOf(page);
    expect(page).toContain('enctype="multipart/form-data"');
    const fields = { token, followupId, text: '补充一张照片，垃圾又多了。' };
    const added = await postWithPhotos('/track/followup', fields, [{ bytes: webpWithMetadata(), type: 'image/webp' }]);
    const html = await added.text();
    expect(added.status, /field-error[^>]*>[^<]*/.exec(html)?.[0]).toBe(201);
    expect(html.match(/<img src="\/track\/photos\//g)?.length).toBe(3);
    // The same follow-up again (a retry): nothing more stored.
    const before = await stored();
    expect((await postWithPhotos('/track/followup', fields, [{ bytes: webpWithMetadata(), type: 'image/webp' }])).status).toBe(201);
    expect(await stored()).toEqual(before);
    // A fourth photo is one too many for the case.
    const more = await postWithPhotos('/track/followup', { token, followupId: followupFormOf(html).followupId, text: '再补充一张照片。' }, [{ bytes: plainJpeg() }]);
    expect(more.status).toBe(422);
    expect(await more.text()).toContain('最多只能上传 3 张照片。');
    expect(await stored()).toEqual(before);
  });
});

describe('orphans', () => {
  it('the hourly sweep removes objects no case holds, and keeps the others', async () => {
    const { rows } = await stored();
    const orphan = 'orphanorphanorphan0000';
    await env.FILES.put(`photos/${orphan}`, plainJpeg());
    expect(await sweepOrphanPhotos(env.DB, env.FILES, new Date())).toBe(0);
    const removed = await sweepOrphanPhotos(env.DB, env.FILES, new Date(Date.now() + 2 * 60 * 60 * 1000));
    expect(removed).toBeGreaterThanOrEqual(1);
    expect(await env.FILES.head(`photos/${orphan}`)).toBeNull();
    for (const row of rows) expect(await env.FILES.head(`photos/${row.id}`)).not.toBeNull();
  });
});

describe('the photo field left empty', () => {
  // A browser sends an empty file input as a part with no file name and no bytes.
  const empty = () => new File([], '', { type: 'application/octet-stream' });

  it('a report and a follow-up without photos go through the multipart form as before', async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries(submission({ village: 'nanhe' }))) form.append(k, v);
    form.append('photos', empty());
    const res = await call('/mailbox', { method: 'POST', body: form });
    const html = await res.text();
    expect(res.status).toBe(201);
    expect(html).not.toContain('id="receipt-photos"');
    const page = await (await postForm('/track', { code: codeFromReceipt(html) })).text();
    const { token, followupId } = followupFormOf(page);
    const followup = new FormData();
    for (const [k, v] of Object.entries({ token, followupId, text: '补充一下情况。' })) followup.append(k, v);
    followup.append('photos', empty());
    expect((await call('/track/followup', { method: 'POST', body: followup })).status).toBe(201);
  });
});

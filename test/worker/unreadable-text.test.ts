/**
 * Text nobody can read is not taken as a case: invisible characters count for nothing, control
 * characters and lone surrogates are refused with a message, from every way in (the mailbox, the
 * JSON API, follow-ups, feedback, Open311, the staff's intake and moves). And what someone typed
 * is shown isolated, so a bidi override in it cannot reorder the page around it.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, codeFromReceipt, counts, followupFormOf, newId, postForm, postJson, proven, refused, submission } from './support.ts';
import { move, staffGet, staffMember, staffPost } from './staff-support.ts';
import { TEST_OPEN311_KEY } from './test-key.ts';

const ZWSP = '\u200B';
const CONTROL = '文字里有无法显示的控制字符（例如空字符 NUL），请删除后再提交。';
const SURROGATE = '文字里有残缺的字符（不成对的 UTF-16 代理项），无法保存，请删除后再提交。';

async function followupCount(): Promise<number> {
  return (await env.DB.prepare('SELECT count(*) AS n FROM case_events').first<number>('n'))!;
}

/** A case sent through the mailbox and opened with its code: its number, code and the follow-up form's fields. */
async function trackedCase(overrides: Record<string, string> = {}) {
  const receipt = await (await postForm('/mailbox', await proven('submission', submission(overrides)))).text();
  const code = codeFromReceipt(receipt);
  const page = await (await postForm('/track', { code })).text();
  return { caseNumber: /CL-\d{4}-\d{6}/.exec(receipt)![0], code, receipt, page, ...followupFormOf(page) };
}

describe('invisible characters count for nothing', () => {
  it('refuses a subject and a description of 50 zero-width spaces as empty', async () => {
    const html = await refused(() => postForm('/mailbox', submission({ subject: ZWSP.repeat(50), description: ZWSP.repeat(50) })), 422, '请填写标题。');
    expect(html).toContain('请填写具体情况。');
  });

  it('refuses zero-width characters with spaces between them, and other invisible ones, as empty', async () => {
    const blank = ` ${ZWSP} \u200D \u2060 \uFEFF \u00AD \u202E ${ZWSP} `.repeat(3);
    const html = await refused(() => postForm('/mailbox', submission({ subject: blank, description: blank })), 422, '请填写标题。');
    expect(html).toContain('请填写具体情况。');
  });

  it('counts only what shows: nine characters padded with zero-width spaces are too short', async () => {
    await refused(() => postForm('/mailbox', submission({ description: `路灯${ZWSP.repeat(20)}坏了七天了。。` })), 422, '具体情况至少10个字，现在是9个字。');
  });

  it('refuses a real-name submission whose name is invisible', async () => {
    await refused(() => postForm('/mailbox', submission({ identity: 'named', name: ZWSP.repeat(3), phone: '13800000000' })), 422, '实名反映请填写姓名。');
  });

  it('refuses an invisible follow-up', async () => {
    const { token, followupId } = await trackedCase();
    const before = await followupCount();
    const res = await postForm('/track/followup', { token, followupId, text: ZWSP.repeat(30) });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('请填写补充内容。');
    expect(await followupCount()).toBe(before);
  });

  it('refuses an invisible Open311 description', async () => {
    const before = await counts(env.DB);
    const res = await call('/open311/v2/requests.json', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: '' },
      body: new URLSearchParams({ api_key: TEST_OPEN311_KEY, service_code: 'demand', address_id: 'qinglian', description: ZWSP.repeat(40) }).toString(),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('description 要写 10 到 4000 个字。');
    expect(await counts(env.DB)).toEqual(before);
  });
});

describe('control characters and lone surrogates are refused with a clear message', () => {
  it('refuses a NUL byte and other control characters from the form, marking the field', async () => {
    for (const ch of ['\u0000', '\u0007', '\u001B', '\u007F', '\u0085']) {
      const html = await refused(() => postForm('/mailbox', submission({ description: `村口路灯坏了${ch}一个星期了，晚上看不见路。` })), 422, CONTROL);
      expect(html).toMatch(/<textarea[^>]*id="description"[^>]*aria-invalid="true"/);
    }
    await refused(() => postForm('/en/mailbox', submission({ subject: 'Street\u0000light' })), 422, 'The text contains control characters that cannot be shown (such as NUL); remove them and send again.');
  });

  it('keeps tabs and line breaks', async () => {
    const description = '第一行：村口路灯坏了。\r\n第二行：\t已经一个星期了。';
    const res = await postForm('/mailbox', await proven('submission', submission({ description })));
    expect(res.status).toBe(201);
    const stored = await env.DB.prepare('SELECT description FROM cases WHERE description LIKE ?1').bind('第一行：村口路灯坏了。%').first('description');
    expect(stored).toBe('第一行：村口路灯坏了。\n第二行：\t已经一个星期了。');
  });

  it('refuses a lone surrogate sent as JSON, and a NUL, naming the field', async () => {
    for (const [description, message] of [
      ['村口路灯坏了\uD800，一个星期了，晚上看不见。', SURROGATE],
      ['村口路灯坏了\uDC00，一个星期了，晚上看不见。', SURROGATE],
      ['村口路灯坏了\u0000，一个星期了，晚上看不见。', CONTROL],
    ] as const) {
      const body = await refused(async () => postJson('/api/submissions', await proven('submission', submission({ description }))), 422, '有 1 处需要修改：');
      expect(JSON.parse(body).error.fields).toEqual([{ field: 'description', message }]);
    }
    // A character outside the basic plane is a surrogate pair, not a lone one.
    const whole = await postJson('/api/submissions', await proven('submission', submission({ description: '村口路灯坏了🏮，一个星期了，晚上看不见。' })));
    expect(whole.status).toBe(201);
  });

  it('refuses a follow-up with a lone surrogate or a NUL through the API and the form', async () => {
    const { token } = await trackedCase();
    const before = await followupCount();
    const api = await postJson('/api/followups', await proven('followup', { token, followupId: newId(), text: '补充\uD83D内容' }));
    expect(api.status).toBe(422);
    expect(((await api.json()) as { error: { fields: unknown[] } }).error.fields).toEqual([{ field: 'text', message: SURROGATE }]);
    const form = await postForm('/track/followup', { token, followupId: newId(), text: '补充\u0000内容' });
    expect(form.status).toBe(422);
    expect(await form.text()).toContain(CONTROL);
    expect(await followupCount()).toBe(before);
  });

  it('refuses a feedback comment with a control character', async () => {
    const officer = await staffMember('handler');
    const { caseNumber, code } = await trackedCase();
    await move(officer, caseNumber, 'accept');
    await move(officer, caseNumber, 'resolve_at_once', { message: '已当场处理。' });
    await move(officer, caseNumber, 'close', { message: '结案。' });
    const page = await (await postForm('/track', { code })).text();
    const token = /name="token" value="([^"]+)"/.exec(page)![1]!;
    const res = await postForm('/track/feedback', { token, feedbackId: newId(), rating: 'satisfied', comment: '很好\u0008' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(CONTROL);
    expect(html).toMatch(/<textarea[^>]*id="comment"[^>]*aria-invalid="true"/);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM case_feedback').first('n')).toBe(0);
  });

  it('refuses an Open311 description with a NUL', async () => {
    const before = await counts(env.DB);
    const res = await call('/open311/v2/requests.json', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: '' },
      body: new URLSearchParams({ api_key: TEST_OPEN311_KEY, service_code: 'demand', address_id: 'qinglian', description: '村口的桥栏杆松动了\u0000孩子上学经过很危险。' }).toString(),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain(CONTROL);
    expect(await counts(env.DB)).toEqual(before);
  });

  it("refuses the same in a staff member's intake and in a move's message or note", async () => {
    const officer = await staffMember('handler');
    const intake = () => staffPost(officer, '/staff/cases/new', { ...submission({ subject: ZWSP.repeat(10), description: '来电：村口路灯坏了\u0000一个星期。' }), channel: 'phone' });
    const html = await refused(intake, 422, '请填写标题。');
    expect(html).toContain(CONTROL);

    const { caseNumber } = await trackedCase();
    const events = await followupCount();
    const message = await move(officer, caseNumber, 'accept', { message: '已受理\u0000。' });
    expect(message.status).toBe(422);
    expect(await message.text()).toContain(CONTROL);
    const note = await move(officer, caseNumber, 'accept', { message: '已受理。', note: '内部\u001F备注' });
    expect(note.status).toBe(422);
    expect(await note.text()).toContain(CONTROL);
    expect(await move(officer, caseNumber, 'accept', { message: ZWSP.repeat(5) }).then((r) => r.status)).toBe(422);
    expect(await followupCount()).toBe(events);
  });
});

describe('what someone typed is shown isolated', () => {
  // U+202E (right-to-left override) would show "evil" as "live" and drag what follows it along.
  const subject = `\u202Eevil ${newId().slice(0, 6)}`;
  const description = `\u202E村口路灯坏了一个星期 ${newId().slice(0, 6)}`;
  const followup = `\u202E补充：今天又坏了 ${newId().slice(0, 6)}`;

  /** Every place `text` appears in the page's body is the whole content of a `<bdi>`. */
  function expectIsolated(html: string, text: string, where: string) {
    const body = html.slice(html.indexOf('<body'));
    const all = body.split(text).length - 1;
    expect(all, `${where} shows the text`).toBeGreaterThan(0);
    expect(body.split(`<bdi>${text}</bdi>`).length - 1, `${where}: every showing of the text in a <bdi>`).toBe(all);
  }

  it('on the receipt, the resident\'s case page, the queue and the staff\'s case page', async () => {
    const officer = await staffMember('handler');
    const { caseNumber, token, followupId, receipt } = await trackedCase({ subject, description, identity: 'named', name: '\u202E张三', phone: '13800000000' });
    expectIsolated(receipt, subject, 'the receipt');
    await move(officer, caseNumber, 'accept', { message: '\u202E已受理，联络员正在核实。', note: '\u202E内部备注' });
    const added = await (await postForm('/track/followup', { token, followupId, text: followup })).text();
    expectIsolated(added, subject, "the resident's case page");
    expectIsolated(added, description, "the resident's case page");
    expectIsolated(added, followup, "the resident's case page");
    expectIsolated(added, '\u202E已受理，联络员正在核实。', "the resident's case page");

    const queue = await (await staffGet(officer, '/staff/cases')).text();
    expectIsolated(queue, subject, 'the queue');
    const page = await (await staffGet(officer, `/staff/cases/${caseNumber}`)).text();
    for (const text of [subject, description, followup, '\u202E张三', '\u202E已受理，联络员正在核实。', '\u202E内部备注']) expectIsolated(page, text, "the staff's case page");
  });
});

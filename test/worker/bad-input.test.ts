import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, counts, followupFormOf, postForm, postJson, refused, submission, proven } from './support.ts';

const long = (n: number) => '字'.repeat(n);

describe('the mailbox form refuses bad input with a clear message, keeps the text and stores nothing', () => {
  const cases: [string, Record<string, string>, string][] = [
    ['no village', { village: '' }, '请选择所在村。'],
    ['an unknown village', { village: 'atlantis' }, '所选的村不在本镇名单中，请重新选择。'],
    ['no category', { category: '' }, '请选择类别。'],
    ['an unknown category', { category: 'praise' }, '所选类别不存在，请重新选择。'],
    ['no subject', { subject: '   ' }, '请填写标题。'],
    ['a one-character subject', { subject: '灯' }, '标题至少2个字。'],
    ['an 81-character subject', { subject: long(81) }, '标题最多80个字，现在是81个字。'],
    ['a too-short description', { description: '路灯坏了' }, '具体情况至少10个字，现在是4个字。'],
    ['a 4,001-character description', { description: long(4001) }, '具体情况最多4000个字，现在是4001个字。'],
    ['no choice of identity', { identity: '' }, '请选择匿名反映或实名反映。'],
    ['a real-name submission without a name', { identity: 'named', phone: '13800000000' }, '实名反映请填写姓名。'],
    ['a real-name submission without a phone', { identity: 'named', name: '示例居民' }, '实名反映请填写联系电话。'],
    ['a malformed phone number', { identity: 'named', name: '示例居民', phone: '12345' }, '请填写11位手机号，或带区号的固定电话。'],
    ['a malformed submission id', { submissionId: 'short' }, '这份表单已失效，请刷新页面后重新提交。'],
  ];

  for (const [what, overrides, message] of cases) {
    it(`refuses ${what}`, async () => {
      const sent = submission(overrides);
      const html = await refused(() => postForm('/mailbox', sent), 422, message);
      // The form comes back with what was typed and the field marked.
      expect(html).toContain('id="mailbox-form"');
      if (sent.subject!.trim() && sent.subject!.length < 80) expect(html).toContain(`value="${sent.subject}"`);
      if (overrides.submissionId === undefined) expect(html).toMatch(/aria-invalid="true"/);
    });
  }

  it('answers in English on the English form', async () => {
    await refused(() => postForm('/en/mailbox', submission({ description: 'too short' })), 422, 'The description needs at least 10 characters; it has 9.');
  });

  it('reports every error at once', async () => {
    const html = await refused(() => postForm('/mailbox', submission({ village: '', subject: '', description: '' })), 422, '有 3 处需要修改：');
    expect(html).toContain('请选择所在村。');
    expect(html).toContain('请填写标题。');
    expect(html).toContain('请填写具体情况。');
  });

  it('refuses invalid UTF-8, percent-encoded or raw', async () => {
    const encoded = () =>
      call('/mailbox', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'subject=%FF%FE%FD&village=qinglian' });
    await refused(encoded, 400, '文字编码不正确，请使用 UTF-8。');
    const rawBytes = new Uint8Array([...new TextEncoder().encode('subject='), 0xc3, 0x28, 0xa0, 0xa1]);
    const raw = () => call('/mailbox', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: rawBytes });
    await refused(raw, 400, '文字编码不正确，请使用 UTF-8。');
  });

  it('refuses a malformed percent escape', async () => {
    const bad = () => call('/mailbox', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'subject=%ZZ' });
    await refused(bad, 400, '请求格式不正确。');
  });

  it('refuses an oversized body, keeping every other field and saying what to shorten', async () => {
    const sent = submission({ identity: 'named', name: '示例居民', phone: '13800000000', village: 'dongling', category: 'complaint', description: '字'.repeat(8000) });
    const html = await refused(() => postForm('/mailbox', sent), 413, '具体情况最多4000个字，现在是8000个字。');
    expect(html).toContain(`value="${sent.subject}"`);
    expect(html).toMatch(/<option value="dongling" selected/);
    expect(html).toMatch(/name="category" value="complaint" checked/);
    expect(html).toMatch(/name="identity" value="named" checked/);
    expect(html).toContain('value="示例居民"');
    expect(html).toContain('value="13800000000"');
    expect(html).toContain(`name="submissionId" value="${sent.submissionId}"`);
    // The text itself comes back too, to be shortened rather than typed again.
    expect(html).toContain('字'.repeat(8000));
    expect(html).toMatch(/<textarea[^>]*id="description"[^>]*aria-invalid="true"/);
  });

  it('leaves out a text too long to send back, names it, and keeps the fields after it', async () => {
    const sent = submission({ description: 'x'.repeat(300_000), identity: 'anonymous' });
    const html = await refused(() => postForm('/mailbox', sent), 413, '具体情况最多4000个字，现在是300000个字。');
    expect(html).not.toContain('x'.repeat(1000));
    expect(html).toContain(`value="${sent.subject}"`);
    expect(html).toMatch(/name="identity" value="anonymous" checked/);
    expect(html).toContain(`name="submissionId" value="${sent.submissionId}"`);
    // In English too, from the English form.
    await refused(() => postForm('/en/mailbox', submission({ subject: 's'.repeat(300_000) })), 413, 'The subject can have at most 80 characters; it has 300000.');
  });

  it('reads an oversized form no further than a bound, keeping what came before the cut', async () => {
    const sent = submission({ description: '字'.repeat(200_000) });
    const html = await refused(() => postForm('/mailbox', sent), 413, '具体情况最多4000个字');
    expect(html).toContain(`value="${sent.subject}"`);
    expect(html).toContain('id="mailbox-form"');
  });

  it('answers an oversized follow-up with the case and the text marked too long', async () => {
    const receipt = await (await postForm('/mailbox', await proven('submission', submission()))).text();
    const page = await (await postForm('/track', { code: /id="query-code"[^>]*>([0-9A-Z-]{19})</.exec(receipt)![1]! })).text();
    const { token, followupId } = followupFormOf(page);
    const html = await refused(() => postForm('/track/followup', { token, followupId, text: '补'.repeat(9000) }), 413, '补充内容最多4000个字，现在是9000个字。');
    expect(html).toContain('id="case-title"');
    expect(html).toContain('补'.repeat(9000));
  });

  it('refuses a field sent twice, as the wrong type', async () => {
    const body = new URLSearchParams(submission());
    body.append('village', 'dongling');
    const twice = () => call('/mailbox', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
    await refused(twice, 422, '“village”的格式不正确。');
  });

  it('refuses other content types', async () => {
    const plain = () => call('/mailbox', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    await refused(plain, 415, '不支持这种提交方式。');
  });

  it('refuses a form posted from another site', async () => {
    const crossSite = () => postForm('/mailbox', submission(), { origin: 'https://elsewhere.example' });
    await refused(crossSite, 403, '请从本站的页面提交表单。');
  });
});

describe('the JSON API refuses bad input with the error envelope and stores nothing', () => {
  async function refusedJson(request: () => Promise<Response>, status: number, error: { code: string; message?: string }) {
    const before = await counts(env.DB);
    const res = await request();
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: { code: string; message: string; fields?: { field: string; message: string }[] } };
    expect(body.error).toMatchObject(error);
    expect(await counts(env.DB)).toEqual(before);
    return body.error;
  }

  it('refuses malformed JSON, and JSON that is not an object', async () => {
    for (const text of ['{"village":', '[1,2]', 'null', '"text"']) {
      await refusedJson(() => postJson('/api/submissions', text), 400, { code: 'bad_request', message: '请求格式不正确。' });
    }
  });

  it('refuses wrong types and unknown fields, naming each field', async () => {
    const error = await refusedJson(
      () => postJson('/api/submissions', { ...submission(), village: 7, description: ['a'], extra: true }),
      422,
      { code: 'invalid', message: '有 3 处需要修改：' },
    );
    expect(error.fields).toEqual(
      expect.arrayContaining([
        { field: 'village', message: '“village”的格式不正确。' },
        { field: 'description', message: '“description”的格式不正确。' },
        { field: 'extra', message: '不认识的字段“extra”。' },
      ]),
    );
  });

  it('explains each invalid field in English when asked', async () => {
    const error = await refusedJson(() => postJson('/api/submissions?lang=en', submission({ village: 'atlantis' })), 422, { code: 'invalid' });
    expect(error.fields).toEqual([{ field: 'village', message: "That village is not on the town's list; choose again." }]);
  });

  it('refuses an oversized body, invalid UTF-8 and a form body', async () => {
    await refusedJson(() => postJson('/api/submissions', { ...submission(), description: 'x'.repeat(70_000) }), 413, {
      code: 'bad_request',
      message: '提交的内容太长了，请删减后再提交。',
    });
    const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]);
    await refusedJson(() => call('/api/submissions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: bytes }), 400, {
      code: 'bad_request',
      message: '文字编码不正确，请使用 UTF-8。',
    });
    await refusedJson(() => postForm('/api/submissions', submission()), 415, { code: 'unsupported_media_type' });
  });

  it('refuses a submission id reused with different content', async () => {
    const sent = submission();
    await postJson('/api/submissions', await proven('submission', sent));
    const other = await proven('submission', { ...sent, subject: 'Another subject' });
    await refusedJson(() => postJson('/api/submissions?lang=en', other), 409, {
      code: 'conflict',
      message: 'This form was already sent with different content. Reload the page and send again.',
    });
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await call('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: '您要找的页面不存在或已经移走。' } });
  });
});

describe('text is stored as typed and always shown escaped', () => {
  it('shows HTML and script in a submission as text on the receipt and the query page', async () => {
    const subject = '<img src=x onerror=alert(1)>';
    const description = '<script>alert("x")</script> & 其他内容 "引号"';
    const receipt = await (await postForm('/mailbox', submission({ subject, description }))).text();
    expect(receipt).not.toContain('<img src=x');
    expect(receipt).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const code = /id="query-code"[^>]*>([0-9A-Z-]{19})</.exec(receipt)![1]!;
    const page = await (await postForm('/track', { code })).text();
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 其他内容');
    const stored = await env.DB.prepare('SELECT subject, description FROM cases WHERE subject = ?1').bind(subject).first();
    expect(stored).toEqual({ subject, description });
  });
});

describe('no request a resident can send produces a 500', () => {
  it('survives random bodies on every route that takes input', async () => {
    const routes = ['/mailbox', '/en/mailbox', '/track', '/track/followup', '/track/committee', '/en/track/committee', '/api/submissions', '/api/track', '/api/followups'];
    const types = ['application/x-www-form-urlencoded', 'application/json', 'text/plain', 'multipart/form-data', ''];
    const pieces = ['=', '&', '%', '%E4%B8', '{', '}', '"', 'code', 'token', 'village', 'submissionId', 'kind', 'object', 'recourseId', '\u0000', '字', '\uD800', '[]', 'null'];
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let i = 0; i < 150; i++) {
      const body = Array.from({ length: next() % 12 }, () => pieces[next() % pieces.length]).join('');
      const res = await call(routes[i % routes.length]!, { method: 'POST', headers: { 'content-type': types[next() % types.length]! }, body });
      expect(res.status, `${routes[i % routes.length]} ${body}`).toBeLessThan(500);
      await res.arrayBuffer();
    }
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const res = await call('/mailbox', { method, body: 'x' });
      expect(res.status).toBeLessThan(500);
    }
  });
});

describe('characters outside the basic plane', () => {
  it('are kept whole when a form sends them unescaped', async () => {
    const description = '村口的路灯坏了🏮，晚上看不见路𠀀。';
    const body = new URLSearchParams(submission()).toString() + '&description=' + description;
    const fields = new URLSearchParams(body);
    fields.delete('description');
    const raw = `${fields.toString()}&description=${description}`;
    const res = await call('/mailbox', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: raw });
    expect(res.status).toBe(201);
    const stored = await env.DB.prepare('SELECT description FROM cases WHERE description LIKE ?1').bind('%🏮%').first('description');
    expect(stored).toBe(description);
  });
});

describe('the query page tells a code that cannot be one from a wrong one, and says nothing of any case', () => {
  const MALFORMED = '查询码的格式不对：查询码是16位字母和数字，例如 ABCD-EFGH-JKMN-PQRS（不区分大小写，可以不写横线）。请对照回执重新输入。';
  const NOT_FOUND = '没有找到与这个查询码对应的反映。请核对后重新输入。';

  it('says the format is wrong for a short code, Chinese characters, a letter no code has, or nothing at all', async () => {
    for (const code of ['ABCD-1234', '你好你好', 'ABCD-EFGH-JKMN-PQRU', 'ABCD-EFGH-JKMN-PQRS-T', '']) {
      const res = await postForm('/track', { code });
      const html = await res.text();
      expect(res.status, code).toBe(422);
      expect(html).toContain(MALFORMED);
      expect(html).not.toContain(NOT_FOUND);
      if (code) expect(html).not.toContain(code);
    }
    const en = await (await postForm('/en/track', { code: 'ABCD-1234' })).text();
    expect(en).toContain('This is not a query code: a query code is 16 letters and digits');
  });

  it('still answers a well-formed code nobody has as not found, typed loosely or not', async () => {
    for (const code of ['ZZZZ-9999-XXXX-7777', 'zzzz 9999 xxxx 7777', 'ZZZZ9999XXXX7777']) {
      const res = await postForm('/track', { code });
      expect(res.status).toBe(404);
      expect(await res.text()).toContain(NOT_FOUND);
    }
  });

  it('answers the same through the JSON API', async () => {
    const malformed = await postJson('/api/track', { code: '你好你好', clientId: 'x'.repeat(22) });
    expect(malformed.status).toBe(422);
    expect(await malformed.json()).toEqual({ error: { code: 'invalid', message: MALFORMED } });
    const wrong = await postJson('/api/track', await proven('track', { code: 'ZZZZ-9999-XXXX-7777' }));
    expect(wrong.status).toBe(404);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toBe(NOT_FOUND);
  });
});

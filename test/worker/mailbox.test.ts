import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, codeFromReceipt, counts, followupFormOf, newId, postForm, postJson, submission, proven } from './support.ts';

describe('the mass mailbox without JavaScript', () => {
  it('shows the Chinese form by default and the English one under /en/', async () => {
    const zh = await call('/mailbox');
    expect(zh.status).toBe(200);
    expect(zh.headers.get('cache-control')).toBe('no-store');
    const zhHtml = await zh.text();
    expect(zhHtml).toMatch(/^<!doctype html><html lang="zh-CN">/);
    expect(zhHtml).toContain('群众信箱');
    expect(zhHtml).toContain('清廉村（示例·示范村）');
    expect(zhHtml).toContain('匿名反映同样受理，按同样的时限办理');
    expect(zhHtml).toMatch(/name="submissionId" value="[A-Za-z0-9_-]{22}"/);

    const enHtml = await (await call('/en/mailbox')).text();
    expect(enHtml).toContain('<html lang="en">');
    expect(enHtml).toContain('Mass mailbox');
    expect(enHtml).toContain('action="/en/mailbox"');
    expect(enHtml).toContain('an anonymous submission is accepted and handled within the same time limits');
  });

  it('gives a receipt with a case number and a grouped 16-character query code', async () => {
    const res = await postForm('/mailbox', submission());
    expect(res.status).toBe(201);
    const html = await res.text();
    expect(html).toContain('已收到您的反映');
    expect(html).toMatch(/CL-\d{4}-\d{6}/);
    const code = codeFromReceipt(html);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(html).toContain('查询码只显示这一次');
    expect(html).toContain('村联络站会在1个工作日内受理');
  });

  it('opens the case with the code, shows its status and history, and appends follow-ups', async () => {
    const sent = submission({ subject: '水渠堵了', description: '村西水渠被垃圾堵住，下雨时水漫到路上。' });
    const receipt = await (await postForm('/mailbox', sent)).text();
    const code = codeFromReceipt(receipt);
    const caseNumber = /CL-\d{4}-\d{6}/.exec(receipt)![0];

    // Typed loosely: lower case, spaces instead of dashes.
    const tracked = await postForm('/track', { code: code.toLowerCase().replace(/-/g, ' ') });
    expect(tracked.status).toBe(200);
    const page = await tracked.text();
    expect(page).toContain(caseNumber);
    expect(page).toContain('已收到，等待受理');
    expect(page).toContain('水渠堵了');
    expect(page).toContain('村西水渠被垃圾堵住');
    expect(page).toContain('应受理时间');

    const { token, followupId } = followupFormOf(page);
    const added = await postForm('/track/followup', { token, followupId, text: '补充：堵塞位置在村西桥下。' });
    expect(added.status).toBe(201);
    const after = await added.text();
    expect(after).toContain('补充信息已收到。');
    expect(after).toContain('补充：堵塞位置在村西桥下。');
    expect(after).toContain('您补充了信息');

    // The same follow-up sent twice (a retry) is stored once.
    await postForm('/track/followup', { token, followupId, text: '补充：堵塞位置在村西桥下。' });
    const { results } = await env.DB.prepare(`SELECT kind FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.case_number = ?1`)
      .bind(caseNumber)
      .all<{ kind: string }>();
    expect(results.map((r) => r.kind)).toEqual(['submitted', 'followup']);
  });

  it('answers every well-formed code that opens no case with the same plain not-found message', async () => {
    const bodies = await Promise.all(
      ['0000-0000-0000-0000', 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', 'abcd efgh jkmn pqrs', 'ABCDEFGHJKMNPQRS'].map(async (code) => {
        const res = await postForm('/track', { code });
        expect(res.status).toBe(404);
        return (await res.text()).replace(/name="[^"]*" value="[^"]*"/g, '');
      }),
    );
    for (const body of bodies) expect(body).toContain('没有找到与这个查询码对应的反映。请核对后重新输入。');
    expect(new Set(bodies).size).toBe(1);
    const en = await (await postForm('/en/track', { code: '0000 0000 0000 0001' })).text();
    expect(en).toContain('No case matches this query code.');
  });

  it('says an expired follow-up page must be opened again with the code', async () => {
    const res = await postForm('/track/followup', { token: newId() + newId(), followupId: newId(), text: '补充一点情况说明。' });
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('页面已过期');
  });

  it('stores real-name contact details only for a real-name submission', async () => {
    await postForm('/mailbox', submission({ subject: '匿名的', name: '不该保存', phone: '13800000000' }));
    await postForm('/mailbox', submission({ subject: '实名的', identity: 'named', name: '示例居民', phone: '138 0000 0000' }));
    const { results } = await env.DB.prepare(
      `SELECT subject, anonymous, contact_name, contact_phone FROM cases WHERE subject IN ('匿名的', '实名的') ORDER BY id`,
    ).all();
    expect(results).toEqual([
      { subject: '匿名的', anonymous: 1, contact_name: null, contact_phone: null },
      { subject: '实名的', anonymous: 0, contact_name: '示例居民', contact_phone: '13800000000' },
    ]);
  });

  it('routes a cadre report to the discipline committee in what it tells the resident', async () => {
    const html = await (await postForm('/mailbox', submission({ category: 'cadre-report' }))).text();
    expect(html).toContain('这件事将直接转镇纪委、监察办公室办理');
  });

  it('numbers cases in sequence within the year', async () => {
    const a = await (await postForm('/mailbox', submission())).text();
    const b = await (await postForm('/mailbox', submission())).text();
    const n = (html: string) => Number(/CL-\d{4}-(\d{6})/.exec(html)![1]);
    expect(n(b)).toBe(n(a) + 1);
  });
});

describe('idempotent submission', () => {
  it('returns the same receipt for a retried POST and creates no second case', async () => {
    const sent = await proven('submission', submission());
    const before = await counts(env.DB);
    const first = await postForm('/mailbox', sent);
    const second = await postForm('/mailbox', sent);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    const [a, b] = [await first.text(), await second.text()];
    expect(codeFromReceipt(b)).toBe(codeFromReceipt(a));
    expect(/CL-\d{4}-\d{6}/.exec(b)![0]).toBe(/CL-\d{4}-\d{6}/.exec(a)![0]);
    expect(await counts(env.DB)).toEqual({
      cases: before.cases + 1,
      events: before.events + 1,
      submissions: before.submissions + 1,
    });
  });

  it('gives one case when the same submission arrives twice at once', async () => {
    const sent = await proven('submission', submission());
    const before = await counts(env.DB);
    const [a, b] = await Promise.all([postForm('/mailbox', sent), postForm('/mailbox', sent)]);
    expect(codeFromReceipt(await a.text())).toBe(codeFromReceipt(await b.text()));
    expect((await counts(env.DB)).cases).toBe(before.cases + 1);
  });

  it('refuses a submission id reused with different content and stores nothing new', async () => {
    const sent = await proven('submission', submission());
    await postForm('/mailbox', sent);
    const before = await counts(env.DB);
    const res = await postForm('/mailbox', { ...sent, description: sent.description + '（改过的内容）' });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('这份表单已经提交过不同的内容');
    expect(html).not.toContain('id="query-code"');
    expect(html).toContain('（改过的内容）'); // the text is kept for the resident
    expect(await counts(env.DB)).toEqual(before);
  });

  it('does the same through the JSON API', async () => {
    const sent = submission();
    const before = await counts(env.DB);
    const body = await proven('submission', sent);
    const first = await postJson('/api/submissions', body);
    // The proof paid for the first request: the retry carries a new one (the same would be refused).
    expect((await postJson('/api/submissions', body)).status).toBe(403);
    const second = await postJson('/api/submissions', await proven('submission', sent));
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    const a = (await first.json()) as { receipt: { queryCode: string; caseNumber: string } };
    const b = (await second.json()) as { receipt: { queryCode: string; caseNumber: string } };
    expect(b.receipt).toEqual(a.receipt);
    expect((await counts(env.DB)).cases).toBe(before.cases + 1);
  });
});

describe('the JSON API', () => {
  it('submits, tracks and takes follow-ups, in the caller’s language', async () => {
    const res = await postJson('/api/submissions?lang=en', await proven('submission', submission({ category: 'suggestion' })));
    expect(res.status).toBe(201);
    const { receipt } = (await res.json()) as { receipt: { queryCode: string; caseNumber: string; category: string } };
    expect(receipt.category).toBe('Suggestion');

    const tracked = await postJson('/api/track', await proven('track', { code: receipt.queryCode }), { 'accept-language': 'en-GB,en;q=0.9' });
    expect(tracked.status).toBe(200);
    const body = (await tracked.json()) as { case: { caseNumber: string; status: string; events: unknown[] }; token: string };
    expect(body.case.caseNumber).toBe(receipt.caseNumber);
    expect(body.case.status).toBe('received');
    expect(JSON.stringify(body)).not.toContain(receipt.queryCode);

    const followed = await postJson('/api/followups', await proven('followup', { token: body.token, followupId: newId(), text: 'More: it happens every night.' }));
    expect(followed.status).toBe(201);
    const after = (await followed.json()) as { case: { events: { kind: string; message: string }[] } };
    expect(after.case.events.at(-1)).toMatchObject({ kind: 'followup', message: 'More: it happens every night.' });
  });

  it('answers an unknown code with 404 and a message in Chinese by default', async () => {
    const res = await postJson('/api/track', await proven('track', { code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' }));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: '没有找到与这个查询码对应的反映。请核对后重新输入。' } });
  });
});

describe('on a shared phone the browser is asked to remember nothing of the mailbox and the query page', () => {
  /** Every form of `html` and every field in it, with what it says about autocomplete. */
  function fieldsOf(html: string): { form: string; field: string }[] {
    const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
    return [...main.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)].flatMap(([form]) =>
      [...form.matchAll(/<(?:input|select|textarea)\b[^>]*>/g)].filter(([f]) => !/type="(?:hidden|submit)"/.test(f)).map(([field]) => ({ form: form.slice(0, form.indexOf('>') + 1), field })),
    );
  }

  function expectNothingRemembered(html: string, where: string) {
    const fields = fieldsOf(html);
    expect(fields.length, where).toBeGreaterThan(0);
    for (const { form, field } of fields) {
      expect(form, `${where}: ${form}`).toContain('autocomplete="off"');
      // Radio buttons and checkboxes follow their form; every field one types into says so itself.
      if (!/type="(?:radio|checkbox)"/.test(field)) expect(field, where).toContain('autocomplete="off"');
    }
  }

  it('turns autocomplete off on every field of the mailbox, name and phone included', async () => {
    for (const path of ['/mailbox', '/en/mailbox']) {
      const html = await (await call(path)).text();
      expectNothingRemembered(html, path);
      expect(html).not.toMatch(/autocomplete="(?:name|tel|on)"/);
      expect(html).toMatch(/<input[^>]*id="name"[^>]*autocomplete="off"|<input[^>]*autocomplete="off"[^>]*id="name"/);
    }
    // Also when the form comes back with errors.
    expectNothingRemembered(await (await postForm('/mailbox', submission({ description: '太短' }))).text(), 'the mailbox with errors');
  });

  it('turns it off on the query page, the case it opens and its follow-up form', async () => {
    expectNothingRemembered(await (await call('/track')).text(), '/track');
    const receipt = await (await postForm('/mailbox', await proven('submission', submission()))).text();
    const page = await (await postForm('/track', { code: codeFromReceipt(receipt) })).text();
    expectNothingRemembered(page, 'the case page');
  });
});

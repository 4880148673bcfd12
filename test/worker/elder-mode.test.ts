// The 关怀版 without JavaScript, as the worker plays it: the switch's form sets and clears the
// cookie and sends the reader back to the same page of this site, never elsewhere; every page, the
// static portal's and the worker's, comes with `class="elder"` on <html> while the cookie is set,
// whole (no 304 of the other mode's copy); a page answering a form keeps its switch's plain form
// hidden (leaving it would lose the receipt or the case).
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'node-html-parser';
import { call, codeFromReceipt, dumpDatabase, followupFormOf, newId, postForm, proven, spellings, submission } from './support.ts';
import { importDisclosures } from './publishing-support.ts';
import { move, staffMember } from './staff-support.ts';
import { safeBack } from '../../worker/http/elder-mode.ts';

const ON = { cookie: 'qinglian-elder=1' };

vi.setConfig({ testTimeout: 60_000 });

async function htmlClass(path: string, headers: Record<string, string> = {}): Promise<string | undefined> {
  const res = await call(path, { headers });
  expect(res.status, path).toBe(200);
  return parse(await res.text()).querySelector('html')?.getAttribute('class');
}

describe('the 关怀版 switch without JavaScript', () => {
  it('turns the mode on, then off, and goes back to the page it was on', async () => {
    const on = await postForm('/elder-mode', { back: '/en/track' });
    expect(on.status).toBe(303);
    expect(on.headers.get('location')).toBe('/en/track');
    expect(on.headers.get('set-cookie')).toMatch(/^qinglian-elder=1; Path=\/; Max-Age=31536000; SameSite=Lax; Secure$/);
    const off = await postForm('/elder-mode', { back: '/regulations/' }, ON);
    expect(off.status).toBe(303);
    expect(off.headers.get('location')).toBe('/regulations/');
    expect(off.headers.get('set-cookie')).toMatch(/^qinglian-elder=; Path=\/; Max-Age=0/);
  });

  it('never sends the reader to another site', async () => {
    for (const back of ['https://evil.example/', '//evil.example/x', '/\\evil.example', '/..//evil.example', '/./%2e%2e//evil.example', 'javascript:alert(1)', ' /x', '/a\nLocation: //evil', '', 'mailbox']) {
      const res = await postForm('/elder-mode', { back });
      expect(res.status, back).toBe(303);
      const location = res.headers.get('location')!;
      expect(new URL(location, 'https://qinglian.test').origin, `${back} → ${location}`).toBe('https://qinglian.test');
      expect(location, back).toMatch(/^\/(?![/\\])/);
    }
    expect(safeBack('/..//evil.example')).toBe('/');
    expect(safeBack('/search/?q=%E8%B4%A2%E5%8A%A1')).toBe('/search/?q=%E8%B4%A2%E5%8A%A1');
  });

  it('is refused from another site, like every form', async () => {
    const res = await postForm('/elder-mode', { back: '/' }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });
});

describe('the mode on every page', () => {
  it('puts class="elder" on the static pages and the worker’s while the cookie is set, and only then', async () => {
    for (const path of ['/villages/', '/en/process/', '/', '/mailbox', '/en/track', '/regulations/', '/staff/sign-in']) {
      expect(await htmlClass(path), path).toBeUndefined();
      expect(await htmlClass(path, { cookie: 'other=1; qinglian-elder=1' }), path).toBe('elder');
    }
    expect(await htmlClass('/villages/', { cookie: 'qinglian-elder=0' })).toBeUndefined();
  });

  it('gives the page whole in elder mode, even to a browser holding the standard copy', async () => {
    const standard = await call('/villages/');
    const tag = standard.headers.get('etag');
    expect(standard.headers.get('vary')).toMatch(/cookie/i);
    if (tag) {
      const held = await call('/villages/', { headers: { 'if-none-match': tag, ...ON } });
      expect(held.status).toBe(200);
      expect(held.headers.get('etag')).toBeNull();
      expect(parse(await held.text()).querySelector('html')?.getAttribute('class')).toBe('elder');
    }
  });

  it('hides the plain switch on a page that answers a form, so leaving cannot lose what it shows', async () => {
    const res = await postForm('/track', { code: 'not-a-code' });
    const page = parse(await res.text());
    expect(page.querySelector('form.elder-switch')?.hasAttribute('hidden')).toBe(true);
    const form = parse(await (await call('/track')).text()).querySelector('form.elder-switch');
    expect(form?.hasAttribute('hidden')).toBe(false);
    expect(form?.getAttribute('action')).toBe('/elder-mode');
    expect(form?.querySelector('input[name="back"]')?.getAttribute('value')).toBe('/track');
  });
});

// The switch on a page where a resident types, without JavaScript: the button belongs to the page's
// own form, so pressing it posts what was typed to the worker, which switches the mode and answers
// with the same form filled in. Nothing is stored, nothing sent, nothing typed goes into an address,
// and a query code is never written back.
describe('the switch keeps what was typed, without JavaScript', () => {
  const naming = '我叫王秀英，电话13812345678。村口到学校的路灯已经坏了一个星期，晚上走路看不见。';
  const CODE = 'ABCD-EFGH-JKMN-PQRS';

  /** The mailbox form as a browser without JavaScript sends it when the switch is pressed (multipart, with a photo). */
  function pressSwitch(path: string, fields: Record<string, string>, photo = false, headers: Record<string, string> = {}): Promise<Response> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('photos', photo ? new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], 'IMG_1.jpg', { type: 'image/jpeg' }) : new File([], '', { type: 'application/octet-stream' }));
    return call(path, { method: 'POST', body: form, headers });
  }

  it('on the mailbox: the switch is a button of the mailbox form, and Enter in a field still sends the form', async () => {
    for (const [path, action] of [['/mailbox', '/mailbox/elder-mode'], ['/en/mailbox', '/en/mailbox/elder-mode']] as const) {
      const page = parse(await (await call(path)).text());
      const buttons = page.querySelectorAll('header form.elder-switch button');
      // First the form's own (hidden) submit button, the one Enter presses; then the switch.
      expect(buttons.map((b) => [b.getAttribute('form'), b.getAttribute('formaction') ?? null, b.hasAttribute('hidden')])).toEqual([
        ['mailbox-form', null, true],
        ['mailbox-form', action, false],
      ]);
      expect(page.querySelector('#mailbox-form')).not.toBeNull();
    }
  });

  it('answers with the mailbox in the other mode, every field filled in, the code and photos to give again, nothing stored', async () => {
    const fields = submission({ village: 'dongling', category: 'demand', concernsOfficers: 'yes', identity: 'named', name: '王秀英', phone: '13812345678', earlierCode: CODE });
    const before = await dumpDatabase(env.DB);
    const objects = (await env.FILES.list({ prefix: 'photos/' })).objects.length;
    const res = await pressSwitch('/mailbox/elder-mode', fields, true);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/^qinglian-elder=1; Path=\/; Max-Age=31536000; SameSite=Lax; Secure$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    const page = parse(html);
    expect(page.querySelector('html')?.getAttribute('class')).toBe('elder');
    const form = page.querySelector('#mailbox-form')!;
    expect(form.getAttribute('action')).toBe('/mailbox');
    expect(form.querySelector('input[name=submissionId]')?.getAttribute('value')).toBe(fields.submissionId);
    expect(form.querySelector('select[name=village] option[selected]')?.getAttribute('value')).toBe('dongling');
    expect(form.querySelector('input[name=category][value=demand]')?.hasAttribute('checked')).toBe(true);
    expect(form.querySelector('input[name=concernsOfficers]')?.hasAttribute('checked')).toBe(true);
    expect(form.querySelector('input[name=subject]')?.getAttribute('value')).toBe(fields.subject);
    expect(form.querySelector('textarea[name=description]')?.text).toBe(fields.description);
    expect(form.querySelector('input[name=identity][value=named]')?.hasAttribute('checked')).toBe(true);
    expect(form.querySelector('input[name=name]')?.getAttribute('value')).toBe('王秀英');
    expect(form.querySelector('input[name=phone]')?.getAttribute('value')).toBe('13812345678');
    // The earlier case's code is never written back; the resident is told to type it (and choose the photos) again.
    expect(form.querySelector('input[name=earlierCode]')?.getAttribute('value')).toBe('');
    for (const spelling of spellings(CODE)) expect(html).not.toContain(spelling);
    const kept = page.querySelector('#elder-kept')!.text;
    expect(kept).toContain('您填写的内容都还在，还没有提交');
    expect(kept).toContain('请重新选择照片');
    expect(kept).toContain('查询码不会写回页面，请重新输入');
    // The switch is still there on this page (it answers a form, yet loses nothing), and switches back.
    expect(page.querySelector('header form.elder-switch')?.hasAttribute('hidden')).toBe(false);
    expect(await dumpDatabase(env.DB)).toBe(before);
    expect((await env.FILES.list({ prefix: 'photos/' })).objects.length).toBe(objects);

    const back = await pressSwitch('/en/mailbox/elder-mode', submission({ subject: 'Street lamp' }), false, ON);
    expect(back.status).toBe(200);
    expect(back.headers.get('set-cookie')).toMatch(/^qinglian-elder=; Path=\/; Max-Age=0/);
    const en = parse(await back.text());
    expect(en.querySelector('html')?.getAttribute('class')).toBeUndefined();
    expect(en.querySelector('input[name=subject]')?.getAttribute('value')).toBe('Street lamp');
    expect(en.querySelector('#elder-kept')?.text).toContain('nothing has been sent');
    expect(en.querySelector('#elder-kept')?.text).not.toContain('Photos');
    expect(await dumpDatabase(env.DB)).toBe(before);
  });

  it('keeps a disclosure’s question and the anonymous question as they were, and the form then sends as it is', async () => {
    await importDisclosures();
    const slug = 'qinglian-2026-10-finances';
    const question = submission({ village: 'qinglian', category: 'disclosure-question', disclosure: slug, description: naming });
    const asked = await postForm('/mailbox', question);
    expect(asked.status).toBe(422);
    const askedPage = parse(await asked.text());
    // The page answers a form and still shows the switch: it carries everything over.
    expect(askedPage.querySelector('header form.elder-switch')?.hasAttribute('hidden')).toBe(false);
    const carried = Object.fromEntries(askedPage.querySelectorAll('#mailbox-form input[type=hidden]').map((i) => [i.getAttribute('name')!, i.getAttribute('value') ?? '']));
    expect(carried.anonymousAsked).toBe('yes');
    const res = await pressSwitch('/mailbox/elder-mode', { ...question, ...carried, anonymousAsIs: 'yes' });
    const page = parse(await res.text());
    expect(page.querySelector('#anonymous-check')?.text).toContain('13812345678');
    expect(page.querySelector('input[name=anonymousAsIs]')?.hasAttribute('checked')).toBe(true);
    expect(page.querySelector('input[type=hidden][name=disclosure]')?.getAttribute('value')).toBe(slug);
    expect(page.querySelector('#mailbox-about')).not.toBeNull();
    expect(page.querySelector('input[name=category][value=disclosure-question]')?.hasAttribute('checked')).toBe(true);
    // Unticked, the question is asked again unticked; an unknown disclosure is dropped.
    const again = parse(await (await pressSwitch('/mailbox/elder-mode', { ...question, ...carried, disclosure: 'qinglian-2031-01-finances' })).text());
    expect(again.querySelector('input[name=anonymousAsIs]')?.hasAttribute('checked')).toBe(false);
    expect(again.querySelector('input[name=disclosure]')).toBeNull();
    // Sent from the switched page, as it is: taken.
    const sent = await postForm('/mailbox', { ...question, ...carried, anonymousAsIs: 'yes' });
    expect(sent.status).toBe(201);
  });

  it('on a case page: the follow-up’s text comes back in its box with the lookup’s token, never the code', async () => {
    const receipt = await postForm('/mailbox', submission({ subject: '水渠堵了' }));
    const code = codeFromReceipt(await receipt.text());
    const tracked = await postForm('/track', await proven('track', { code, clientId: newId() }));
    const casePage = await tracked.text();
    const doc = parse(casePage);
    expect(doc.querySelector('header form.elder-switch')?.hasAttribute('hidden')).toBe(false);
    expect(doc.querySelector('header .elder-button')?.getAttribute('form')).toBe('followup-form');
    expect(doc.querySelector('header .elder-button')?.getAttribute('formaction')).toBe('/track/elder-mode');
    const { token, followupId } = followupFormOf(casePage);
    const before = await dumpDatabase(env.DB);
    const res = await pressSwitch('/track/elder-mode', { token, followupId, text: '水渠还是堵着，下雨就漫到路上。' });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/^qinglian-elder=1;/);
    const html = await res.text();
    const page = parse(html);
    expect(page.querySelector('html')?.getAttribute('class')).toBe('elder');
    expect(page.querySelector('#followup-form textarea[name=text]')?.text).toBe('水渠还是堵着，下雨就漫到路上。');
    expect(page.querySelector('#followup-form input[name=followupId]')?.getAttribute('value')).toBe(followupId);
    expect(html).toContain('水渠堵了');
    for (const spelling of spellings(code)) expect(html).not.toContain(spelling);
    expect(await dumpDatabase(env.DB)).toBe(before);
    // A token that opens nothing: the query form, switched all the same.
    const gone = await pressSwitch('/track/elder-mode', { token: 'nothing', followupId, text: 'x' });
    expect(gone.status).toBe(410);
    expect(gone.headers.get('set-cookie')).toMatch(/^qinglian-elder=1;/);
  });

  /** What the switch's button sends with the form it belongs to, as the page shows it: the mode it asks for. */
  function asks(html: string): Record<string, string> {
    const button = parse(html).querySelector('header form.elder-switch button.elder-button')!;
    return { [button.getAttribute('name')!]: button.getAttribute('value')! };
  }
  const modeOf = (html: string) => parse(html).querySelector('html')?.getAttribute('class') ?? 'standard';

  it('on the mailbox: a reload of the switched page (the form sent again) keeps the mode, both ways', async () => {
    const fields = { ...submission({ subject: '路灯不亮了', earlierCode: CODE }), ...asks(await (await call('/mailbox')).text()) };
    expect(fields.elder).toBe('on');
    const before = await dumpDatabase(env.DB);
    const first = await pressSwitch('/mailbox/elder-mode', fields);
    expect(first.headers.get('set-cookie')).toMatch(/^qinglian-elder=1;/);
    const firstPage = await first.text();
    expect(modeOf(firstPage)).toBe('elder');
    // The browser asks to send the form again and the resident agrees: now with the cookie, the same body.
    const reload = await pressSwitch('/mailbox/elder-mode', fields, false, ON);
    expect(reload.status).toBe(200);
    expect(reload.headers.get('set-cookie')).toMatch(/^qinglian-elder=1;/);
    const reloaded = await reload.text();
    expect(modeOf(reloaded)).toBe('elder');
    expect(parse(reloaded).querySelector('input[name=subject]')?.getAttribute('value')).toBe('路灯不亮了');
    // Back to the standard page with the switch the elder page shows, and reloaded there: it stays standard.
    const back = { ...fields, ...asks(firstPage) };
    expect(back.elder).toBe('off');
    for (const headers of [ON, {}]) {
      const res = await pressSwitch('/mailbox/elder-mode', back, false, headers);
      expect(res.headers.get('set-cookie')).toMatch(/^qinglian-elder=; Path=\/; Max-Age=0/);
      expect(modeOf(await res.text())).toBe('standard');
    }
    for (const html of [firstPage, reloaded]) for (const spelling of spellings(CODE)) expect(html).not.toContain(spelling);
    expect(await dumpDatabase(env.DB)).toBe(before);
  });

  it('on a case page: a reload of the switched page keeps the mode and the follow-up, never the code', async () => {
    const code = codeFromReceipt(await (await postForm('/mailbox', submission({ subject: '井盖松了' }))).text());
    const casePage = await (await postForm('/en/track', await proven('track', { code, clientId: newId() }))).text();
    const fields = { ...followupFormOf(casePage), text: 'The cover still rocks when a car goes over it.', ...asks(casePage) };
    const before = await dumpDatabase(env.DB);
    for (const headers of [{}, ON]) {
      const res = await pressSwitch('/en/track/elder-mode', fields, false, headers);
      expect(res.headers.get('set-cookie')).toMatch(/^qinglian-elder=1;/);
      const html = await res.text();
      expect(modeOf(html)).toBe('elder');
      expect(parse(html).querySelector('#followup-form textarea[name=text]')?.text).toBe(fields.text);
      for (const spelling of spellings(code)) expect(html).not.toContain(spelling);
    }
    expect(await dumpDatabase(env.DB)).toBe(before);
  });

  it('on a closed case: the feedback comment being written comes back with its rating, never the code, and a reload keeps it', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const receipt = await (await postForm('/mailbox', submission({ subject: '路灯又坏了' }))).text();
    const [number, code] = [/CL-\d{4}-\d{6}/.exec(receipt)![0], codeFromReceipt(receipt)];
    await move(officer, number, 'accept');
    await move(officer, number, 'resolve_at_once', { message: '已当场处理。' });
    await move(officer, number, 'close', { message: '结案。' });
    const casePage = await (await postForm('/track', await proven('track', { code, clientId: newId() }))).text();
    const doc = parse(casePage);
    const feedback = doc.querySelector('section.feedback form')!;
    const comment = '修得很快，谢谢村里的电工师傅。';
    const fields = {
      token: feedback.querySelector('input[name=token]')!.getAttribute('value')!,
      feedbackId: feedback.querySelector('input[name=feedbackId]')!.getAttribute('value')!,
      rating: 'basically_satisfied',
      comment,
      elder: 'on',
    };
    const before = await dumpDatabase(env.DB);
    for (const headers of [{}, ON]) {
      const res = await postForm('/track/elder-mode', fields, headers);
      expect(res.status).toBe(200);
      expect(res.headers.get('set-cookie')).toMatch(/^qinglian-elder=1;/);
      const html = await res.text();
      const page = parse(html);
      expect(modeOf(html)).toBe('elder');
      expect(page.querySelector('section.feedback textarea[name=comment]')?.text).toBe(comment);
      expect(page.querySelector('section.feedback input[name=rating][value=basically_satisfied]')?.hasAttribute('checked')).toBe(true);
      expect(page.querySelector('section.feedback input[name=feedbackId]')?.getAttribute('value')).toBe(fields.feedbackId);
      expect(page.querySelector('section.feedback input[name=reopen]')?.hasAttribute('checked')).toBe(false);
      expect(page.querySelector('p.notice')?.text).toContain('您填写的内容都还在，还没有提交');
      for (const spelling of spellings(code)) expect(html).not.toContain(spelling);
    }
    expect(await dumpDatabase(env.DB)).toBe(before);
    // While the case awaits its rating, the switch is a button of the feedback form (Enter still sends that form).
    const buttons = doc.querySelectorAll('header form.elder-switch button');
    expect(buttons.map((b) => [b.getAttribute('form'), b.getAttribute('formaction') ?? null, b.hasAttribute('hidden'), b.getAttribute('value') ?? null])).toEqual([
      ['feedback-form', null, true, null],
      ['feedback-form', '/track/elder-mode', false, 'on'],
    ]);
    expect(feedback.getAttribute('id')).toBe('feedback-form');
    // Dissatisfied with the reopen box ticked, in English: both come back as they were.
    const en = await postForm('/en/track/elder-mode', { ...fields, rating: 'dissatisfied', reopen: 'yes', comment: 'The lamp went out again.' });
    const enPage = parse(await en.text());
    expect(enPage.querySelector('section.feedback input[name=rating][value=dissatisfied]')?.hasAttribute('checked')).toBe(true);
    expect(enPage.querySelector('section.feedback input[name=reopen]')?.hasAttribute('checked')).toBe(true);
    expect(enPage.querySelector('section.feedback textarea[name=comment]')?.text).toBe('The lamp went out again.');
    expect(await dumpDatabase(env.DB)).toBe(before);
  });

  it('the plain switch sets the mode its button asks for: the same form sent twice, the same mode', async () => {
    const standard = await (await call('/villages/')).text();
    const elder = await (await call('/villages/', { headers: ON })).text();
    expect(asks(standard)).toEqual({ elder: 'on' });
    expect(asks(elder)).toEqual({ elder: 'off' });
    for (const headers of [{}, ON]) {
      expect((await postForm('/elder-mode', { back: '/villages/', ...asks(standard) }, headers)).headers.get('set-cookie'), 'on').toMatch(/^qinglian-elder=1;/);
      expect((await postForm('/elder-mode', { back: '/villages/', ...asks(elder) }, headers)).headers.get('set-cookie'), 'off').toMatch(/^qinglian-elder=;/);
    }
  });

  it('is refused from another site, and nothing typed goes into an address', async () => {
    const res = await pressSwitch('/mailbox/elder-mode', submission(), false, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
    const ok = await pressSwitch('/mailbox/elder-mode', submission());
    expect(ok.headers.get('location')).toBeNull();
    // Reached any other way (an address typed, a body of another kind): a plain answer, never a 500.
    for (const path of ['/mailbox/elder-mode', '/en/track/elder-mode']) expect((await call(path)).status, path).toBeLessThan(500);
    const text = await call('/mailbox/elder-mode', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'subject=x' });
    expect(text.status).toBeLessThan(500);
  });
});

describe('the switch on the search page, without JavaScript', () => {
  it('comes back to the same search: the words back in the address they came in, nothing else', async () => {
    const page = parse(await (await call('/en/search/?q=%E8%B4%A2%E5%8A%A1&order=date')).text());
    const back = page.querySelector('header form.elder-switch input[name=back]')?.getAttribute('value');
    expect(back).toBe('/en/search/?q=%E8%B4%A2%E5%8A%A1&order=date');
    const res = await postForm('/elder-mode', { back: back! });
    expect(res.headers.get('location')).toBe('/en/search/?q=%E8%B4%A2%E5%8A%A1&order=date');
    const plain = parse(await (await call('/search/')).text());
    expect(plain.querySelector('header form.elder-switch input[name=back]')?.getAttribute('value')).toBe('/search/');
  });
});

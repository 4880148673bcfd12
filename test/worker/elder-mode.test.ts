// The 关怀版 without JavaScript, as the worker plays it: the switch's form sets and clears the
// cookie and sends the reader back to the same page of this site, never elsewhere; every page, the
// static portal's and the worker's, comes with `class="elder"` on <html> while the cookie is set,
// whole (no 304 of the other mode's copy); a page answering a form keeps its switch's plain form
// hidden (leaving it would lose the receipt or the case).
import { describe, expect, it } from 'vitest';
import { parse } from 'node-html-parser';
import { call, postForm } from './support.ts';
import { safeBack } from '../../worker/http/elder-mode.ts';

const ON = { cookie: 'qinglian-elder=1' };

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

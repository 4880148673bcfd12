import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { findNotice, insertNoticeDraft } from '../../worker/db/rhythm.ts';
import { call, postForm, submission } from './support.ts';
import { closedCase, move, staffMember, staffPost, type Staff } from './staff-support.ts';

/** The value the confirmation box carries on a refused form, or null when the form has none. */
const confirmationOf = (html: string) => /name="confirmPersonalData" value="([^"]+)"/.exec(html)?.[1] ?? null;
/** Where `piece` starts in `text`, counted in characters from 1, as the form says it. */
const at = (text: string, piece: string) => [...text.slice(0, text.indexOf(piece))].length + 1;

/** `text` as it appears in the page's HTML. */
const quoted = (text: string) => text.replace(/"/g, '&quot;');

const LEAK = '如有疑问请联系张三，电话13800138000，身份证11010519491231002X';

async function draftNotice(month: string) {
  await insertNoticeDraft(env.DB, month, new Date().toISOString(), 'null');
}

const publishNotice = (admin: Staff, month: string, fields: Record<string, string>, prefix = '') =>
  staffPost(admin, `${prefix}/staff/rhythm/notices/${month}`, { commentaryEn: '', action: 'publish', ...fields });

describe("the monthly notice's commentary", () => {
  it('is refused with a phone and an ID card number in it, each shown where it is, and nothing is published', async () => {
    const admin = await staffMember('admin');
    await draftNotice('2026-11');
    const res = await publishNotice(admin, '2026-11', { commentaryZh: LEAK });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('发现可能的个人信息，不能发布');
    expect(html).toContain(`“点评（中文）”第${at(LEAK, '138')}个字起：电话号码“13800138000”`);
    expect(html).toContain(`“点评（中文）”第${at(LEAK, '1101')}个字起：身份证号“11010519491231002X”`);
    // The name is listed too, to confirm; but nothing can be confirmed while something blocks.
    expect(html).toContain('可能是人名“张三”');
    expect(confirmationOf(html)).toBeNull();
    // What was typed stays in the form; the portal has nothing, the database has the draft as it was.
    expect(html).toContain(`${LEAK}</textarea>`);
    expect((await call('/notices/2026-11')).status).toBe(404);
    expect(await (await call('/notices/rss.xml')).text()).not.toContain('13800138000');
    const stored = await findNotice(env.DB, '2026-11', false);
    expect([stored!.status, stored!.commentary_zh]).toEqual(['draft', '']);
  });

  it('is checked in English too, and the English console says so in English', async () => {
    const admin = await staffMember('admin');
    await draftNotice('2026-10');
    const en = 'Questions? Write to zhang.san@example.org or WeChat ID: zhangsan_88.';
    const res = await publishNotice(admin, '2026-10', { commentaryZh: '本月各村按时受理。', commentaryEn: en }, '/en');
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Possible personal data found; it cannot be published.');
    expect(html).toContain(quoted(`"Commentary (English, optional)", from character ${at(en, 'zhang.san')}: e-mail address "zhang.san@example.org"`));
    expect(html).toContain(quoted('WeChat ID "zhangsan_88"'));
    expect((await call('/en/notices/2026-10')).status).toBe(404);
  });

  it('with only a likely name is published once the admin confirms exactly what was shown', async () => {
    const admin = await staffMember('admin');
    await draftNotice('2026-09');
    const zh = '东岭村村民王某反映的路灯问题已当天解决。';
    const first = await publishNotice(admin, '2026-09', { commentaryZh: zh });
    expect(first.status).toBe(422);
    const html = await first.text();
    expect(html).toContain('以下内容可能让人认出是谁，请逐条核实');
    expect(html).toContain(`“点评（中文）”第${at(zh, '王某')}个字起：姓氏加“某”的称呼“王某”`);
    expect(html).not.toContain('不能发布');
    const confirmation = confirmationOf(html)!;
    expect(confirmation).toBeTruthy();
    // Ticked for one text, the box does not cover a name added since.
    const added = await publishNotice(admin, '2026-09', { commentaryZh: `${zh}村民李小明表示满意。`, confirmPersonalData: confirmation });
    expect(added.status).toBe(422);
    expect(await added.text()).toContain('可能是人名“李小明”');
    expect((await call('/notices/2026-09')).status).toBe(404);
    // Ticked for what was shown, it publishes.
    expect((await publishNotice(admin, '2026-09', { commentaryZh: zh, confirmPersonalData: confirmation })).status).toBe(303);
    expect(await (await call('/notices/2026-09')).text()).toContain(zh);
  });

  it('is checked again when a published notice is edited, and the published text stays', async () => {
    const admin = await staffMember('admin');
    await draftNotice('2026-08');
    expect((await publishNotice(admin, '2026-08', { commentaryZh: '本月各村按时受理。' })).status).toBe(303);
    const edit = await staffPost(admin, '/staff/rhythm/notices/2026-08', { commentaryZh: '请联系13900139000。', commentaryEn: '', action: 'save' });
    expect(edit.status).toBe(422);
    const page = await (await call('/notices/2026-08')).text();
    expect(page).toContain('本月各村按时受理。');
    expect(page).not.toContain('13900139000');
  });

  it('may be kept as a draft with anything in it, and is checked when it is published', async () => {
    const admin = await staffMember('admin');
    await draftNotice('2026-07');
    expect((await staffPost(admin, '/staff/rhythm/notices/2026-07', { commentaryZh: '草稿：回电13900139000', commentaryEn: '', action: 'save' })).status).toBe(303);
    expect((await publishNotice(admin, '2026-07', { commentaryZh: '草稿：回电13900139000' })).status).toBe(422);
    expect((await call('/notices/2026-07')).status).toBe(404);
  });
});

describe('an outcome', () => {
  it("of an anonymous case asks to confirm a third party's name, and blocks handles written to slip past the check", async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const handler = await staffMember('handler');
    const number = await closedCase(officer);
    const text = { problem: '村民李小明反映村道路灯损坏。', action: '联络员当天联系电工更换了灯泡。', outcome: '路灯已恢复照明。' };
    const named = await staffPost(handler, `/staff/cases/${number}/outcome`, text);
    expect(named.status).toBe(422);
    const html = await named.text();
    expect(html).toContain('“反映的问题”第3个字起：可能是人名“李小明”');
    const confirmation = confirmationOf(html)!;
    expect(confirmation).toBeTruthy();

    const handles = { ...text, action: '联络员加了微信zs\u200B_123456，记下车牌湘A·12345，电话幺三八零零一三八零零零。' };
    const blocked = await staffPost(handler, `/staff/cases/${number}/outcome`, { ...handles, confirmPersonalData: confirmation });
    expect(blocked.status).toBe(422);
    const refused = await blocked.text();
    expect(refused).toContain('微信号“zs\u200B_123456”');
    expect(refused).toContain('车牌号“湘A·12345”');
    expect(refused).toContain('电话号码“幺三八零零一三八零零零”');
    expect(confirmationOf(refused)).toBeNull();
    expect((await call(`/outcomes/${number}`)).status).toBe(404);

    expect((await staffPost(handler, `/staff/cases/${number}/outcome`, { ...text, confirmPersonalData: confirmation })).status).toBe(303);
    expect(await (await call(`/outcomes/${number}`)).text()).toContain('村民李小明反映');
  });

  it('is checked in English pages with English labels', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const handler = await staffMember('handler');
    const number = await closedCase(officer);
    const res = await staffPost(handler, `/en/staff/cases/${number}/outcome`, {
      problem: 'The villager Zhang San reported a broken street light.',
      action: 'The officer phoned 138-0013-8000.',
      outcome: 'The light works again.',
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(quoted('phone number "138-0013-8000"'));
    expect(html).toContain(quoted('possibly a name "Zhang San"'));
  });

  it("of a cadre report (a case notice) goes through the same check", async () => {
    const committee = await staffMember('discipline');
    const html = await (await postForm('/mailbox', submission({ category: 'cadre-report' }))).text();
    const number = /CL-\d{4}-\d{6}/.exec(html)![0];
    await move(committee, number, 'take_up', { message: '已受理。' });
    await move(committee, number, 'conclude', { message: '经查属实，已依规处理。', note: '经集体研究，予以了结。' });
    const notice = { problem: '反映村干部在低保评议中优亲厚友。', action: '镇纪委调查核实。', outcome: '问题属实，当事人QQ 87654321的聊天记录已调取。' };
    const res = await staffPost(committee, `/staff/cases/${number}/outcome`, notice);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('QQ号“87654321”');
    expect((await call(`/outcomes/${number}`)).status).toBe(404);
  });
});

describe('public pages after a publication or a withdrawal', () => {
  it('are revalidated on every use, so a withdrawn outcome is gone at once from page, list, feed and open data', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const handler = await staffMember('handler');
    const number = await closedCase(officer);
    const text = { problem: '村道两侧路灯损坏，夜间通行不便。', action: '村联络员当天更换了灯泡。', outcome: '路灯已恢复照明。' };
    expect((await staffPost(handler, `/staff/cases/${number}/outcome`, text)).status).toBe(303);

    const paths = [`/outcomes/${number}`, '/outcomes', '/en/outcomes', '/outcomes/rss.xml', '/api/public/outcomes.json', '/api/public/outcomes.csv', `/open311/v2/requests/${number}.json`];
    const tags = new Map<string, string>();
    for (const path of paths) {
      const res = await call(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('public, no-cache');
      const tag = res.headers.get('etag');
      expect(tag, path).toMatch(/^"[0-9a-f]+"$/);
      tags.set(path, tag!);
      // A cache holding this copy asks again and is told it is still good, without the body.
      const again = await call(path, { headers: { 'If-None-Match': tag! } });
      expect(again.status, path).toBe(304);
      expect(await again.text()).toBe('');
      expect(again.headers.get('cache-control'), path).toBe('public, no-cache');
    }

    expect((await staffPost(handler, `/staff/cases/${number}/outcome/withdraw`, {})).status).toBe(303);
    for (const path of paths) {
      const res = await call(path, { headers: { 'If-None-Match': tags.get(path)! } });
      expect(res.status, path).not.toBe(304);
      expect(await res.text(), path).not.toContain('村道两侧路灯损坏');
    }
  });

  it('show an edited monthly notice at once', async () => {
    const admin = await staffMember('admin');
    await draftNotice('2026-06');
    expect((await publishNotice(admin, '2026-06', { commentaryZh: '本月各村按时受理。' })).status).toBe(303);
    const before = await call('/notices/2026-06');
    expect(before.headers.get('cache-control')).toBe('public, no-cache');
    const tag = before.headers.get('etag')!;
    expect((await call('/notices/2026-06', { headers: { 'If-None-Match': tag } })).status).toBe(304);
    expect((await publishNotice(admin, '2026-06', { commentaryZh: '本月各村按时受理，东岭村有一件超期。' })).status).toBe(303);
    const after = await call('/notices/2026-06', { headers: { 'If-None-Match': tag } });
    expect(after.status).toBe(200);
    expect(await after.text()).toContain('东岭村有一件超期');
    for (const path of ['/notices', '/notices/rss.xml', '/assessments']) expect((await call(path)).headers.get('cache-control'), path).toBe('public, no-cache');
  });
});

// The staff's form for recording a letter, call or visit: written to the officer, offering only
// what the officer may record; the discipline committee records the reports that go to it, sealed.
import { env } from 'cloudflare:workers';
import { renderSVG } from 'uqr';
import { describe, expect, it } from 'vitest';
import { portal } from '../../content/schemas.ts';
import { isSealedText } from '../../core/sealed.ts';
import { asCommitteeSees } from './committee-support.ts';
import { codeFromReceipt, counts, postForm, submission } from './support.ts';
import { staffGet, staffMember, staffPost } from './staff-support.ts';

const optionsOf = (html: string, select: string) =>
  [...(new RegExp(`<select id="${select}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '').matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
const categoriesOf = (html: string) => [...html.matchAll(/name="category" value="([^"]+)"/g)].map((m) => m[1]);

describe('the intake form', () => {
  it('speaks to the officer about the resident, in both languages', async () => {
    const officer = await staffMember('handler');
    const zh = await (await staffGet(officer, '/staff/cases/new')).text();
    expect(zh).not.toContain('不需要写自己的姓名');
    expect(zh).not.toContain('联系您');
    expect(zh).toContain('反映人是否留名');
    expect(zh).toContain('照反映人所说');
    expect(zh).toContain('反映人所在村');
    const en = await (await staffGet(officer, '/en/staff/cases/new')).text();
    expect(en).not.toContain('You do not need to give your name');
    expect(en).not.toContain('Your village');
    expect(en).not.toContain('staff can call you');
    expect(en).toContain('Does the resident give their name?');
    // The resident's own mailbox keeps its wording.
    const mailbox = await (await postForm('/mailbox', { ...submission(), subject: '' })).text();
    expect(mailbox).toContain('不需要写自己的姓名');
  });

  it('offers a liaison officer their own village only, and town staff every village', async () => {
    const officer = await staffMember('liaison', 'dongling');
    expect(optionsOf(await (await staffGet(officer, '/staff/cases/new')).text(), 'village')).toEqual(['dongling']);
    const handler = await staffMember('handler');
    expect(optionsOf(await (await staffGet(handler, '/staff/cases/new')).text(), 'village')).toEqual(['', 'qinglian', 'dongling', 'xiling', 'nanhe', 'beishan']);
    // The worker still refuses another village sent by hand.
    const res = await staffPost(officer, '/staff/cases/new', { ...submission({ village: 'qinglian' }), channel: 'mailbox' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('您只能为本村登记案件。');
  });
});

describe('the discipline committee recording a report', () => {
  it('finds the form in its console, offering only the categories that go to it', async () => {
    const member = await staffMember('discipline');
    const queue = await (await staffGet(member, '/staff/cases')).text();
    expect(queue).toContain('href="/staff/cases/new"');
    const form = await staffGet(member, '/staff/cases/new');
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).not.toContain('您无权查看或办理这个案件。');
    // Both go to the committee; neither is chosen for the member, and the "concerns the village's
    // officers" question (for the village's own categories) is not asked.
    expect(categoriesOf(html)).toEqual(['cadre-report', 'retaliation']);
    expect(html).not.toMatch(/name="category" value="[^"]+" checked/);
    expect(html).not.toContain('name="concernsOfficers"');
  });

  it('records a visit as a sealed report that the committee reads and nobody else can', async () => {
    const member = await staffMember('discipline');
    const res = await staffPost(member, '/staff/cases/new', {
      ...submission({ village: 'xiling', category: 'cadre-report', subject: '来访反映村主任问题', description: '来访群众反映村主任在低保评定中优亲厚友。' }),
      channel: 'visit',
    });
    expect(res.status).toBe(201);
    const slip = await res.text();
    const number = /CL-\d{4}-\d{6}/.exec(slip)![0];
    expect(codeFromReceipt(slip)).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);

    const row = await env.DB.prepare('SELECT subject, description, status, discipline, created_by FROM cases WHERE case_number = ?1').bind(number).first<{ subject: string; description: string; status: string; discipline: number; created_by: number }>();
    expect(isSealedText(row!.subject)).toBe(true);
    expect(isSealedText(row!.description)).toBe(true);
    expect(row!.status).toBe('escalated');
    expect(row!.discipline).toBe(1);

    const page = await (await staffGet(member, `/staff/cases/${number}`)).text();
    expect(page).not.toContain('优亲厚友'); // sealed: the member's browser opens it
    expect(await asCommitteeSees(page)).toContain('优亲厚友');
    const handler = await staffMember('handler');
    expect((await staffGet(handler, `/staff/cases/${number}`)).status).toBe(403);
    const liaison = await staffMember('liaison', 'xiling');
    expect(await (await staffGet(liaison, '/staff/cases?show=all')).text()).not.toContain(number);
  });

  it('is told plainly that ordinary matters are recorded by town or village staff, and nothing is stored', async () => {
    const member = await staffMember('discipline');
    const before = await counts(env.DB);
    const res = await staffPost(member, '/staff/cases/new', { ...submission({ category: 'demand' }), channel: 'phone' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('镇纪委、监察办公室在这里只登记问题线索');
    const en = await staffPost(member, '/en/staff/cases/new', { ...submission({ category: 'demand' }), channel: 'phone' });
    expect(await en.text()).toContain('The discipline committee records only reports about cadres here');
    expect(await counts(env.DB)).toEqual(before);
  });
});

describe('the receipt slip', () => {
  const slipFor = async (channel: string, path = '/staff/cases/new') => {
    const officer = await staffMember('liaison', 'qinglian');
    const res = await staffPost(officer, path, { ...submission(), channel });
    expect(res.status).toBe(201);
    return res.text();
  };

  it('prints the query page’s full address and a QR code of that address, never of the code', async () => {
    const slip = await slipFor('visit');
    const address = new URL('/track', portal.siteUrl).toString();
    expect(slip).toContain(`id="slip-address" lang="en">${address}</strong>`);
    // The QR code is a static file of the query page's address, the same for every slip.
    expect(slip).toContain('<img src="/qr/track.svg" alt=""');
    const qr = await env.ASSETS.fetch('http://assets.local/qr/track.svg');
    expect(qr.status).toBe(200);
    expect(await qr.text()).toBe(renderSVG(address, { border: 1 }));
    const code = codeFromReceipt(slip);
    expect(slip).not.toContain(renderSVG(code, { border: 1 }));
    expect(slip).not.toContain(renderSVG(code.replace(/-/g, ''), { border: 1 }));
    expect(slip).not.toMatch(/<svg/);
    expect(slip.split(code).length - 1).toBe(1); // only in the code's own box
    expect(slip).not.toContain('本站“查询办理进度”页面');
    expect(slip).toContain('请把这张回执单交给反映人');

    const english = await slipFor('mailbox', '/en/staff/cases/new');
    const enAddress = new URL('/en/track', portal.siteUrl).toString();
    expect(english).toContain(`>${enAddress}</strong>`);
    expect(english).toContain('<img src="/qr/track-en.svg" alt=""');
    expect(await (await env.ASSETS.fetch('http://assets.local/qr/track-en.svg')).text()).toBe(renderSVG(enAddress, { border: 1 }));
  });

  it('for a phone call, tells the officer to read the code and the address out, not to hand a slip over', async () => {
    const slip = await slipFor('phone');
    const lead = /id="slip-lead">([^<]*)</.exec(slip)![1];
    expect(lead).toContain('请把查询码逐个字符读给来电群众');
    expect(lead).toContain('查询网址');
    expect(slip).not.toContain('请把这张回执单交给反映人');
    const english = await slipFor('phone', '/en/staff/cases/new');
    expect(english).toContain('Read the query code out to the caller one character at a time');
    expect(english).not.toContain('Give this slip to the resident');
  });
});

// The committee's own rule in a real Chromium: a member takes a real-name cadre report up and closes it
// by 予以了结, the message and the reason sealed by their browser; the resident reads the result and
// objects on the query page, with JavaScript off and on, which brings the case back to be taken up.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { DEMO_STAFF } from '../../worker/demo/cases.ts';
import { baseURL, browserSession, staffSignIn as signIn } from './support.ts';

const session = browserSession({}, 45_000);
const DEMO_PASSWORD = DEMO_STAFF.find((s) => s.username === 'discipline')!.password;

/** A real-name cadre report sent without JavaScript; its number and query code from the receipt. */
async function report(page: Page, subject: string): Promise<{ number: string; code: string }> {
  const submissionId = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => (b % 36).toString(36)).join('').padEnd(22, 'a');
  const res = await page.request.post(`${baseURL()}/mailbox`, {
    headers: { origin: new URL(baseURL()).origin },
    form: { submissionId, village: 'qinglian', category: 'cadre-report', subject, description: `${subject}，村会计知情，账本可查。`, identity: 'named', name: '王秀英', phone: '13800138000' },
  });
  const html = await res.text();
  if (!/CL-\d{4}-\d{6}/.test(html)) throw new Error(`${res.status()} ${html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 1500)}`);
  return { number: /CL-\d{4}-\d{6}/.exec(html)![0], code: /id="query-code"[^>]*>([0-9A-Z-]{19})</.exec(html)![1]! };
}

async function committeeMove(page: Page, move: string, texts: { message?: string; note?: string }) {
  await page.click(`#move-${move} summary`);
  if (texts.message) await page.fill(`#${move}-message`, texts.message);
  if (texts.note) await page.fill(`#${move}-note`, texts.note);
  await page.click(`#move-${move} button[type=submit]`);
  await page.waitForURL(new RegExp(`done=${move}`));
}

describe('the committee’s rule in the browsers', () => {
  test('a member takes up and closes a report; the resident reads the result and objects, JavaScript off and on', async () => {
    const member = await session.newPage();
    await signIn(member, 'discipline', DEMO_PASSWORD);
    for (const javaScriptEnabled of [false, true]) {
      const subject = `反映村主任虚报工程款 ${Date.now()}`;
      const { number, code } = await report(member, subject);
      await member.goto(`${baseURL()}/staff/cases`);
      await expect.poll(() => member.locator(`[data-case="${number}"]`).textContent()).toContain('待受理，还剩 5 个工作日');
      expect(await member.locator(`[data-case="${number}"]`).textContent()).toContain('应告知实名举报人受理情况，还剩 15 个工作日');

      await member.goto(`${baseURL()}/staff/cases/${number}`);
      await expect.poll(() => member.locator('#case-subject').textContent(), { timeout: 30_000 }).toContain('虚报工程款');
      await committeeMove(member, 'take_up', { message: '您反映的问题已受理。' });
      await expect.poll(() => member.locator('#history').textContent()).toContain('您反映的问题已受理。');
      const reason = '经核实工程款账目清楚，反映不实';
      await committeeMove(member, 'conclude', { message: '经核实，反映的问题不属实，予以了结。', note: reason });
      await expect.poll(() => member.locator('#history').textContent()).toContain(reason);
      expect(await member.locator('#case-disposal').textContent()).toBe('予以了结');
      // What the server sent is the envelope only.
      expect(await (await member.request.get(`${baseURL()}/staff/cases/${number}`)).text()).not.toContain(reason);

      const resident = await session.newPage({ javaScriptEnabled });
      const mode = `JavaScript ${javaScriptEnabled ? 'on' : 'off'}`;
      await resident.goto(`${baseURL()}/track`);
      await resident.fill('#code', code);
      await resident.click('form.track-form button[type=submit]');
      expect(await resident.locator('#case-status').textContent(), mode).toBe('已办结：予以了结');
      expect(await resident.locator('.timeline').textContent(), mode).toContain('经核实，反映的问题不属实，予以了结。');
      expect(await resident.content(), mode).not.toContain(reason);

      const objection = `账本第12页有涂改 ${javaScriptEnabled ? '有脚本' : '无脚本'}`;
      await resident.check('#recourse input[value=object]');
      await resident.fill('#recourse-text', objection);
      await resident.click('#recourse button[type=submit]');
      await expect.poll(() => resident.locator('main').textContent(), { timeout: 30_000 }).toContain('镇纪委、监察办公室将在 5 个工作日内重新受理');
      expect(await resident.locator('.timeline').textContent(), mode).toContain(objection);

      await member.goto(`${baseURL()}/staff/cases/${number}`);
      await expect.poll(() => member.locator('#history').textContent(), { timeout: 30_000 }).toContain(objection);
      expect(await member.locator('#case-clocks').textContent()).toContain('待受理，还剩 5 个工作日');
    }
  });
});

// What officers and town staff meet in the console: resolving and closing, the queue's filters,
// when an outcome is published against the resident's rating.
import { describe, expect, it } from 'vitest';
import { postForm, proven, submission } from './support.ts';
import { move, staffGet, staffMember } from './staff-support.ts';

async function webCase(overrides: Record<string, string> = {}) {
  const html = await (await postForm('/mailbox', await proven('submission', submission(overrides)))).text();
  return /CL-\d{4}-\d{6}/.exec(html)![0];
}

/** The case numbers listed in a section of a queue page. */
const listed = (html: string, section: string) => {
  const part = html.split(`id="queue-${section}"`)[1]?.split('</ul>')[0] ?? '';
  return [...part.matchAll(/data-case="([^"]+)"/g)].map((m) => m[1]!);
};

/** A queue item's flag, as the officer reads it. */
const flagOf = (html: string, number: string) => new RegExp(`data-case="${number}"[\\s\\S]*?class="flag[^"]*">([^<]+)<`).exec(html)?.[1];

describe('resolving and closing a case', () => {
  it('tells the officer a resolved case is still to be closed, keeps it among open cases, and offers the closing message ready to send', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const number = await webCase({ subject: '办结待结案的路灯问题' });
    await move(officer, number, 'accept');
    expect((await move(officer, number, 'resolve_at_once', { message: '电工已更换灯泡，路灯恢复照明。' })).status).toBe(303);

    // Not "finished": the resident cannot rate it until it is closed.
    const page = await (await staffGet(officer, `/staff/cases/${number}`)).text();
    expect(page).not.toContain('已结束');
    expect(page).toContain('待结案');
    expect(page).toContain('结案后，反映人才能在查询页评价');
    // The closing message is written already: closing takes one press.
    const closeForm = page.split('id="move-close"')[1]!.split('</details>')[0]!;
    const prefilled = /<textarea[^>]*name="message"[^>]*>([^<]+)<\/textarea>/.exec(closeForm)?.[1];
    expect(prefilled).toContain('现予结案');

    const open = await (await staffGet(officer, '/staff/cases')).text();
    expect(listed(open, 'in_hand')).toContain(number);
    expect(flagOf(open, number)).toBe('待结案');
    const en = await (await staffGet(officer, `/en/staff/cases/${number}`)).text();
    expect(en).toContain('To be closed');

    expect((await move(officer, number, 'close', { message: prefilled! })).status).toBe(303);
    const after = await (await staffGet(officer, '/staff/cases')).text();
    expect(listed(after, 'in_hand')).not.toContain(number);
    expect(flagOf(await (await staffGet(officer, '/staff/cases?show=all')).text(), number)).toBe('已结束');
  });
});

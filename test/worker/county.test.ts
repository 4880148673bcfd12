/**
 * A report about the town discipline committee or its members is not taken into the town's system
 * at all (Art. 15 of the rules on reports: it goes directly to the level above): the mailbox, with
 * the form or the JSON API, stores nothing and gives the county commission's published channels.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { town } from '../../content/index.ts';
import { call, postForm, postJson, submission } from './support.ts';

/** How many rows every table of the database holds. */
async function everyCount(): Promise<Record<string, number>> {
  const tables = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations' ORDER BY name").all<{ name: string }>();
  const counts: Record<string, number> = {};
  for (const { name } of tables.results) counts[name] = (await env.DB.prepare(`SELECT count(*) AS n FROM "${name}"`).first<{ n: number }>())!.n;
  return counts;
}

const county = town.contacts.county;

describe('a report about the town discipline committee', () => {
  it('is offered on the mailbox, in both languages', async () => {
    const zh = await (await call('/mailbox')).text();
    expect(zh).toContain('这件事反映的是镇纪委、监察办公室或它的工作人员');
    expect(zh).toContain('name="concernsCommittee"');
    // The channels are on the page already, shown at once when the box is ticked (JavaScript).
    expect(zh).toContain(county.reportLine);
    const en = await (await call('/en/mailbox')).text();
    expect(en).toContain('It is about the town discipline committee and supervisory office, or someone who works there');
  });

  it('without JavaScript: stores nothing, says why, and gives 12388 and the county’s own channels', async () => {
    const before = await everyCount();
    const res = await postForm('/mailbox', submission({ category: 'cadre-report', subject: '镇纪委干部收钱', description: '镇纪委的某位工作人员收了钱，压下了我的举报。', concernsCommittee: 'yes' }));
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('这件事请直接向县纪委监委反映');
    expect(html).toContain('第十五条');
    expect(html).toContain('您填写的内容没有发送到镇里，也没有保存。');
    expect(html).toContain('0731-12388');
    expect(html).toContain('https://www.12388.gov.cn/');
    expect(html).toContain(county.name['zh-CN']);
    expect(html).toContain(county.phone);
    expect(html).toContain(county.address['zh-CN']);
    // Nothing the resident wrote comes back, and no receipt or code is given.
    expect(html).not.toContain('镇纪委干部收钱');
    expect(html).not.toContain('query-code');
    expect(await everyCount()).toEqual(before);

    const en = await postForm('/en/mailbox', submission({ concernsCommittee: 'yes' }));
    const enHtml = await en.text();
    expect(enHtml).toContain('Please report this to the county discipline commission directly');
    expect(enHtml).toContain('Art. 15');
    expect(enHtml).toContain(county.name.en);
    expect(enHtml).toContain('0731-12388');
    expect(await everyCount()).toEqual(before);
  });

  it('is not taken even when the rest of the form is empty or incomplete', async () => {
    const before = await everyCount();
    const res = await postForm('/mailbox', { concernsCommittee: 'yes' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('0731-12388');
    expect(await everyCount()).toEqual(before);
  });

  it('through the JSON API: refused with its own code, nothing stored, no proof of work asked', async () => {
    const before = await everyCount();
    const res = await postJson('/api/submissions', { ...submission({ category: 'cadre-report' }), concernsCommittee: true });
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(res.status).toBe(403);
    expect(body.error.code).toBe('county_only');
    expect(body.error.message).toContain('县纪委监委');
    expect(await everyCount()).toEqual(before);
  });

  it('an ordinary report without the box is still taken', async () => {
    const before = await everyCount();
    const res = await postForm('/mailbox', submission());
    expect(res.status).toBe(201);
    expect((await everyCount()).cases).toBe(before.cases! + 1);
  });
});

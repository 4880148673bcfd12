/**
 * "This is for the county", played in Chromium and checked on the operator's real backup
 * (`wrangler d1 export`): a resident sends a named report and adds to it, a committee member reads it
 * in their browser and passes it up by confidential mail; the backup taken before holds the case's
 * sealed texts and keys, the one taken after holds none of them, only the fact, the day and the
 * channel, and the access log line. The resident's query page says, in both languages, that it was
 * passed up. And the mailbox, JavaScript on, does not take a report about the town committee.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, test } from 'vitest';
import { town } from '../../content/index.ts';
import { baseURL, browserSession, signInAs } from './support.ts';
import { exportDatabase, load } from './d1-export.ts';

const session = browserSession({ locale: 'zh-CN' }, 45_000);

/** Every stored value of one case that is sealed text or a key, from a loaded backup. */
function sealedOfCase(db: ReturnType<typeof load>, caseNumber: string): string[] {
  const id = (db.prepare('SELECT id FROM cases WHERE case_number = ?').get(caseNumber) as { id: number }).id;
  const rows = [
    ...db.prepare('SELECT subject, description, contact_name, contact_phone FROM cases WHERE id = ?').all(id),
    ...db.prepare('SELECT public_message, internal_note FROM case_events WHERE case_id = ?').all(id),
    ...db.prepare('SELECT comment FROM case_feedback WHERE case_id = ?').all(id),
    ...db.prepare('SELECT resident_private, committee_wrap, resident_wrap FROM case_keys WHERE case_id = ?').all(id),
  ] as Record<string, unknown>[];
  return rows.flatMap((r) => Object.values(r)).filter((v): v is string => typeof v === 'string' && /^ql[a-z]\d:/.test(v));
}

describe('sending a report up to the county', () => {
  test('leaves nothing of the case’s sealed texts or keys in the backup; the resident reads that it was passed up', async () => {
    const persistDir = inject('persistDir');
    const words = `镇纪委书记收受红包${randomUUID().slice(0, 4)}`;
    const resident = await session.newPage();
    await resident.goto(`${baseURL()}/mailbox`);
    await resident.locator('select#village').selectOption('nanhe');
    await resident.locator('#mailbox-form input[name="category"][value="cadre-report"]').check();
    await resident.locator('input#subject').fill(words);
    await resident.locator('textarea#description').fill('镇纪委书记收了被反映人的红包，把我的举报压了下来。');
    await resident.locator('input[name="identity"][value="named"]').check();
    await resident.locator('input[name="name"]').fill('陈玉兰');
    await resident.locator('input[name="phone"]').fill('13611112222');
    await resident.locator('#mailbox-form button[type="submit"]').click();
    const code = ((await resident.locator('#query-code').textContent()) ?? '').trim();
    const caseNumber = ((await resident.locator('#case-number').textContent()) ?? '').trim();
    const tracker = await session.newPage();
    await tracker.goto(`${baseURL()}/track`);
    await tracker.locator('input[name="code"]').fill(code);
    await tracker.locator('form.track-form button[type="submit"]').click();
    await tracker.locator('textarea[name="text"]').fill('补充：红包是在镇政府门口给的。');
    await tracker.locator('form[action$="/track/followup"] button[type="submit"]').click();
    await tracker.locator('text=补充：红包是在镇政府门口给的。').first().waitFor();

    const before = load(exportDatabase(persistDir));
    const sealed = sealedOfCase(before, caseNumber);
    // The subject, description, name, phone, follow-up and the system's messages, and the case's three key envelopes.
    expect(sealed.length).toBeGreaterThanOrEqual(8);
    expect(sealed.filter((v) => v.startsWith('qlk1:') || v.startsWith('qlc1:'))).toHaveLength(3);

    // The member reads it in their browser, sends it by confidential mail, and confirms.
    const member = await session.newPage();
    await signInAs(member, 'discipline');
    await member.goto(`${baseURL()}/staff/cases/${caseNumber}`);
    await expect.poll(() => member.locator('#case-subject').textContent(), { timeout: 60_000 }).toContain(words);
    await member.locator('#sendup-title').click();
    await member.locator('#sendup-form input[name="reason"][value="own_head"]').check();
    await member.locator('#sendup-form input[name="channel"][value="confidential_mail"]').check();
    await member.locator('#sendup-form input[name="confirmSent"]').check();
    await member.locator('#sendup-form button[type="submit"]').click();
    await member.locator('#case-sent-up').waitFor();
    expect(await member.locator('#case-sent-up').textContent()).toContain('机要交通');
    expect(await member.locator('main').textContent()).not.toContain(words);

    const text = exportDatabase(persistDir);
    const after = load(text);
    for (const value of sealed) expect(text, value.slice(0, 16)).not.toContain(value);
    expect(sealedOfCase(after, caseNumber)).toEqual([]);
    const kept = after
      .prepare(`SELECT c.status, s.reason, s.channel, s.sent_on FROM cases c JOIN case_sendups s ON s.case_id = c.id WHERE c.case_number = ?`)
      .get(caseNumber) as Record<string, string>;
    expect(kept).toMatchObject({ status: 'sent_up', reason: 'own_head', channel: 'confidential_mail' });
    const logged = after.prepare(`SELECT count(*) AS n FROM case_access a JOIN cases c ON c.id = a.case_id WHERE c.case_number = ? AND a.outcome = 'sent_up'`).get(caseNumber) as { n: number };
    expect(logged.n).toBe(1);

    // The resident, JavaScript on and off, in both languages: passed up, no content.
    for (const javaScriptEnabled of [true, false]) {
      for (const [prefix, says] of [['', '报送上一级纪委监委办理'], ['/en', 'passed to the discipline commission of the level above']] as const) {
        const page = await session.newPage({ javaScriptEnabled });
        await page.goto(`${baseURL()}${prefix}/track`);
        await page.locator('input[name="code"]').fill(code);
        await page.locator('form.track-form button[type="submit"]').click();
        await page.locator('#case-sent-up').waitFor();
        expect(await page.locator('#case-sent-up').textContent(), `${prefix} JS ${javaScriptEnabled}`).toContain(says);
        expect(await page.content()).not.toContain(words);
        expect(await page.locator('textarea[name="text"]').count()).toBe(0);
      }
    }
  }, 240_000);

  test('the mailbox, JavaScript on, shows the county’s channels at once and stores nothing for a report about the town committee', async () => {
    const persistDir = inject('persistDir');
    const count = () => (load(exportDatabase(persistDir)).prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
    const before = count();
    const page = await session.newPage();
    await page.goto(`${baseURL()}/mailbox`);
    expect(await page.locator('#county-inline').isHidden()).toBe(true);
    await page.locator('input[name="concernsCommittee"]').check();
    await page.locator('#county-inline').waitFor();
    expect(await page.locator('#county-inline').textContent()).toContain(town.contacts.county.reportLine);
    await page.locator('input#subject').fill('反映镇纪委的干部');
    await page.locator('#mailbox-form button[type="submit"]').click();
    await page.locator('#county-nothing-kept').waitFor();
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('这件事请直接向县纪委监委反映');
    expect(main).toContain('12388');
    expect(main).toContain(town.contacts.county.name['zh-CN']);
    expect(main).not.toContain('反映镇纪委的干部');
    expect(count()).toBe(before);
  }, 120_000);
});

// A case that concerns the village's own officers: handled by town staff, and a liaison officer of
// that village learns nothing of it — not from a page, a count, the queue, the record form, a
// refusal or the weekly sheet. The tests play that officer.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWeeklySheet } from '../../worker/services/rhythm.ts';
import { weekOf } from '../../core/stats/periods.ts';
import { committeeKey } from './committee-support.ts';
import { caseRow, neutral, sendCase } from './routing-support.ts';
import { newId, postJson, proven, submission } from './support.ts';
import { move, staffGet, staffMember, staffPost, type Staff } from './staff-support.ts';

const staff = {} as Record<'admin' | 'handler' | 'liaisonQ' | 'liaisonQ2' | 'liaisonD' | 'discipline', Staff>;

beforeAll(async () => {
  await committeeKey();
  staff.admin = await staffMember('admin');
  staff.handler = await staffMember('handler');
  staff.liaisonQ = await staffMember('liaison', 'qinglian');
  staff.liaisonQ2 = await staffMember('liaison', 'qinglian');
  staff.liaisonD = await staffMember('liaison', 'dongling');
  staff.discipline = await staffMember('discipline');
});

const RECEIPT_ZH = '这件事由镇里的工作人员办理，会在1个工作日内受理。本村联络站的工作人员看不到内容，也不会知道有这件事。';

describe('saying a case concerns the village’s own officers', () => {
  it('is offered on the mailbox in both languages, asks for no name, and the receipt says who reads it', async () => {
    const zh = await (await staffGet(null, '/mailbox')).text();
    expect(zh).toContain('这件事涉及村联络站或村委会的人（或他们的亲属），请交镇里办理');
    expect(zh).toContain('不需要写出是谁。');
    expect(zh).toMatch(/<input type="checkbox" name="concernsOfficers" value="yes"/);
    const en = await (await staffGet(null, '/en/mailbox')).text();
    expect(en).toContain('It concerns someone at the village liaison station or the village committee (or their relatives): have the town handle it');
    expect(en).toContain('You do not need to say who.');

    const sent = await sendCase({ concernsOfficers: 'yes', subject: '反映村会计优亲厚友' });
    expect(sent.status).toBe(201);
    expect(sent.html).toContain(RECEIPT_ZH);
    expect(sent.html).not.toContain('村联络站会在1个工作日内受理');
    const english = await sendCase({ concernsOfficers: 'yes' }, '/en/mailbox');
    expect(english.html).toContain('Town staff handle this and accept it within 1 working day. The village liaison station’s officers cannot read it and do not learn that it exists.');

    // Stored as a reason and a time: no name, no words of anyone's.
    const row = await caseRow(sent.number);
    expect(row).toMatchObject({ kept_from_village: 'resident', kept_at: row!.created_at, discipline: 0, category_id: 'demand' });
  });

  it('is a plain ordinary case without the tick, and changes nothing for a report that goes to the committee anyway', async () => {
    expect(await caseRow((await sendCase()).number)).toMatchObject({ kept_from_village: null, kept_at: null });
    const cadre = await sendCase({ category: 'cadre-report', concernsOfficers: 'yes' });
    expect(await caseRow(cadre.number)).toMatchObject({ kept_from_village: null, discipline: 1 });
    expect(cadre.html).toContain('这件事将直接转镇纪委、监察办公室办理');
  });

  it('works through the JSON API, and a wrong value is refused with a message', async () => {
    const res = await postJson('/api/submissions?lang=en', await proven('submission', { ...submission(), concernsOfficers: true }));
    expect(res.status).toBe(201);
    const { receipt } = (await res.json()) as { receipt: { caseNumber: string; keptFromVillage: boolean } };
    expect(receipt.keptFromVillage).toBe(true);
    expect(await caseRow(receipt.caseNumber)).toMatchObject({ kept_from_village: 'resident' });
    const bad = await postJson('/api/submissions?lang=en', await proven('submission', { ...submission(), concernsOfficers: 5 }));
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('The field \\"concernsOfficers\\" has the wrong format.');
  });

  it('stays kept: the database refuses to give the case back to the village', async () => {
    const { number } = await sendCase({ concernsOfficers: 'yes' });
    await expect(env.DB.prepare(`UPDATE cases SET kept_from_village = NULL, kept_at = NULL WHERE case_number = ?1`).bind(number).run()).rejects.toThrow(/stays kept/);
    await expect(env.DB.prepare(`UPDATE cases SET kept_at = '2020-01-01T00:00:00.000Z' WHERE case_number = ?1`).bind(number).run()).rejects.toThrow(/stays kept/);
    await expect(env.DB.prepare(`UPDATE cases SET kept_from_village = 'resident' WHERE case_number = ?1 AND kept_from_village IS NULL`).bind((await sendCase()).number).run()).rejects.toThrow(/since when/);
  });
});

describe('a case kept from its village', () => {
  it('is read and handled by town staff, and nobody of the village can be made responsible for it', async () => {
    const { number } = await sendCase({ concernsOfficers: 'yes', subject: '反映村主任的亲戚多领补贴' });
    for (const who of [staff.admin, staff.handler]) {
      const html = await (await staffGet(who, `/staff/cases/${number}`)).text();
      expect(html).toContain('反映村主任的亲戚多领补贴');
      expect(html).toContain('不经本村办理：反映人表示这件事涉及村联络站或村委会的人。');
    }
    for (const who of [staff.liaisonQ, staff.liaisonQ2, staff.liaisonD, staff.discipline]) expect((await staffGet(who, `/staff/cases/${number}`)).status).toBe(403);
    // The acceptance form offers town staff only, and the worker refuses a village officer anyway.
    const page = await (await staffGet(staff.handler, `/staff/cases/${number}`)).text();
    const options = page.split('name="assignee"')[1]!.split('</select>')[0]!;
    expect(options).not.toContain('liaison');
    expect(options).not.toContain('村联络员');
    const id = await env.DB.prepare('SELECT id FROM staff_users WHERE username = ?1').bind(staff.liaisonQ.username).first<number>('id');
    const refused = await move(staff.handler, number, 'accept', { assignee: String(id) });
    expect(refused.status).toBe(422);
    expect(await caseRow(number)).toMatchObject({ status: 'received', assignee_id: null });
    expect((await move(staff.handler, number, 'accept')).status).toBe(303);
  });

  it('has no outcome published: its number and village would tell the village it exists', async () => {
    const { number } = await sendCase({ concernsOfficers: 'yes' });
    await move(staff.handler, number, 'accept');
    await move(staff.handler, number, 'resolve_at_once');
    await move(staff.handler, number, 'close');
    const page = await (await staffGet(staff.handler, `/staff/cases/${number}`)).text();
    expect(page).toContain('这个案件不经本村办理，不公开办理结果');
    expect(page).not.toContain(`/staff/cases/${number}/outcome"`);
    const res = await staffPost(staff.handler, `/staff/cases/${number}/outcome`, { problem: '群众反映的问题。', action: '镇里调查处理。', outcome: '已经解决。' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('不公开办理结果');
    expect(await env.DB.prepare(`SELECT count(*) AS n FROM outcomes WHERE case_number = ?1`).bind(number).first('n')).toBe(0);
  });

  it('recorded in person by an officer of the village: they see only that it went to town staff, and the slip only claims it', async () => {
    const slip = await staffPost(staff.liaisonQ, '/staff/cases/new', { ...submission({ concernsOfficers: 'yes', subject: '来访反映村委委员' }), channel: 'visit' });
    expect(slip.status).toBe(201);
    const html = await slip.text();
    expect(html).toContain(RECEIPT_ZH);
    const number = /CL-\d{4}-\d{6}/.exec(html)![0];
    expect(await env.DB.prepare(`SELECT count(*) AS n FROM case_claims c JOIN cases k ON k.id = c.case_id WHERE k.case_number = ?1`).bind(number).first('n')).toBe(1);
    const restricted = await (await staffGet(staff.liaisonQ, `/staff/cases/${number}`)).text();
    expect(restricted).toContain('由镇里的工作人员办理，内容不经本村。');
    expect(restricted).not.toContain('来访反映村委委员');
    // The other officer of the village: nothing at all.
    expect((await staffGet(staff.liaisonQ2, `/staff/cases/${number}`)).status).toBe(403);
    expect(await (await staffGet(staff.liaisonQ2, '/staff/cases?show=all')).text()).not.toContain(number);
    // Staff never type a resident's earlier query code.
    const withCode = await staffPost(staff.handler, '/staff/cases/new', { ...submission({ category: 'retaliation' }), earlierCode: 'ABCD-EFGH-JKMN-PQRS', channel: 'phone' });
    expect(withCode.status).toBe(422);
    expect(await withCode.text()).toContain('不认识的字段“earlierCode”');
  });
});

describe('what a liaison officer of the village can learn of a case kept from it', () => {
  /** Every page of the console the officer can open, as they see it. */
  async function officerPages(officer: Staff): Promise<Record<string, string>> {
    const paths = ['/staff/cases', '/staff/cases?show=all', '/en/staff/cases?show=all', '/staff/cases?new=1&hand=1', '/staff/records', '/staff/records/print', '/staff/records/new', '/staff/cases/new', '/staff/password', '/staff/rhythm', '/staff/conflicts', '/staff/cards'];
    const pages: Record<string, string> = {};
    for (const path of paths) {
      const res = await staffGet(officer, path);
      pages[path] = `${res.status}\n${neutral(await res.text())}`;
    }
    return pages;
  }

  it('finds every page they can open byte for byte the same before and after it arrives, is handled and runs late', async () => {
    // The village has ordinary cases the officers see, one of them overdue.
    const seen = await sendCase({ subject: '清廉村普通反映' });
    await move(staff.liaisonQ, seen.number, 'accept');
    const late = await sendCase({ subject: '清廉村逾期反映' });
    await env.DB.prepare(`UPDATE cases SET accept_due_at = ?2 WHERE case_number = ?1`).bind(late.number, new Date(Date.now() - 3 * 86_400_000).toISOString()).run();
    const monday = weekOf(new Date());
    const sheetBefore = (await buildWeeklySheet(env.DB, monday, new Date())).villages.find((v) => v.villageId === 'qinglian');
    const before = await officerPages(staff.liaisonQ);
    const before2 = await officerPages(staff.liaisonQ2);
    // (The pages are the real thing: the village's own cases are on them, counted.)
    expect(before['/staff/cases?show=all']).toContain(seen.number);
    expect(before['/staff/cases?show=all']).toContain(late.number);
    expect(before['/staff/cases']).toMatch(/共\d+件/);

    const kept = await sendCase({ concernsOfficers: 'yes', subject: '反映联络员本人' });
    await move(staff.handler, kept.number, 'accept');
    const followup = await sendCase({ concernsOfficers: 'yes', subject: '又一件不经本村的事' });
    await env.DB.prepare(`UPDATE cases SET accept_due_at = ?2 WHERE case_number = ?1`).bind(followup.number, new Date(Date.now() - 5 * 86_400_000).toISOString()).run();
    // An officer trying the numbers they do not see changes nothing they can see either.
    for (const number of [kept.number, followup.number]) await staffGet(staff.liaisonQ, `/staff/cases/${number}`);

    expect(await officerPages(staff.liaisonQ)).toEqual(before);
    expect(await officerPages(staff.liaisonQ2)).toEqual(before2);
    // Town staff see both, and the officer of another village sees neither.
    const town = await (await staffGet(staff.handler, '/staff/cases?show=all')).text();
    expect(town).toContain(kept.number);
    expect(town).toContain(followup.number);
    // The weekly sheet (which the meeting reads) has the same Qinglian row: not a count more.
    const sheetAfter = (await buildWeeklySheet(env.DB, monday, new Date())).villages.find((v) => v.villageId === 'qinglian');
    expect(sheetAfter).toEqual(sheetBefore);
    expect(sheetAfter!.overdue.map((o) => o.caseNumber)).toContain(late.number);
    const printed = await (await staffPost(staff.handler, '/staff/rhythm/weeks', {})).headers.get('location');
    const sheetPage = await (await staffGet(staff.handler, printed!)).text();
    expect(sheetPage).toContain(late.number);
    expect(sheetPage).not.toContain(kept.number);
    expect(sheetPage).not.toContain(followup.number);
  });

  it('gets the same refusal for it as for another village’s case, from every route', async () => {
    const kept = await sendCase({ concernsOfficers: 'yes', subject: '反映村支书' });
    const other = await sendCase({ village: 'dongling', subject: '东岭村的反映' });
    const asOfficer = async (number: string) => {
      const answers: string[] = [];
      const add = async (res: Response) => answers.push(`${res.status} ${res.headers.get('location') ?? ''}\n${neutral(await res.text(), [number])}`);
      await add(await staffGet(staff.liaisonQ, `/staff/cases/${number}`));
      await add(await staffGet(staff.liaisonQ, `/staff/cases/${number}/access`));
      await add(await staffPost(staff.liaisonQ, `/staff/cases/${number}/moves`, { move: 'accept', message: '已受理' }));
      await add(await staffPost(staff.liaisonQ, `/staff/cases/${number}/outcome`, { problem: '问题', action: '处理', outcome: '结果' }));
      await add(await staffPost(staff.liaisonQ, `/staff/cases/${number}/outcome/withdraw`, {}));
      await add(await staffPost(staff.liaisonQ, `/staff/cases/${number}/conflict`, { reason: 'relative' }));
      await add(await staffPost(staff.liaisonQ, '/staff/cases/spam', { [`case:${number}`]: '1' }));
      const entry = { entryId: newId(), date: '2026-11-02', focus: 'power', matter: '监督事项', findings: '发现的问题写在这里，足够十个字。', actions: '处置情况', followUp: '', caseAction: 'link', caseNumber: number };
      await add(await staffPost(staff.liaisonQ, '/staff/records', entry));
      return answers;
    };
    const keptAnswers = await asOfficer(kept.number);
    expect(keptAnswers).toEqual(await asOfficer(other.number));
    expect(keptAnswers[0]).toMatch(/^403 /);
    expect(keptAnswers.join('\n')).not.toContain('反映村支书');
    // …and none of it moved the case or wrote an entry.
    expect(await caseRow(kept.number)).toMatchObject({ status: 'received', kept_from_village: 'resident' });
    expect(await env.DB.prepare(`SELECT count(*) AS n FROM record_entries r JOIN cases c ON c.id = r.case_id WHERE c.case_number = ?1`).bind(kept.number).first('n')).toBe(0);
    expect(await env.DB.prepare(`SELECT count(*) AS n FROM conflict_declarations d JOIN cases c ON c.id = d.case_id WHERE c.case_number = ?1`).bind(kept.number).first('n')).toBe(0);
  });
});

describe('a case kept from its village, as the officer who recorded it sees it', () => {
  it('stays the same “handled by town staff” in the queue, on its page and on the record form, whatever town staff do with it', async () => {
    const slip = await staffPost(staff.liaisonQ, '/staff/cases/new', { ...submission({ concernsOfficers: 'yes', subject: '来访反映联络站站长' }), channel: 'visit' });
    const number = /CL-\d{4}-\d{6}/.exec(await slip.text())![0];
    // An older case of the village the officer handles, to sort against.
    const own = await sendCase({ subject: '清廉村另一件反映' });
    await move(staff.liaisonQ, own.number, 'accept');
    const seen = async () => {
      const pages: string[] = [];
      for (const path of ['/staff/cases', '/staff/cases?show=all', `/staff/cases/${number}`]) {
        const html = await (await staffGet(staff.liaisonQ, path)).text();
        // Where the case is on the page (its section, its place in the list) and what is said of it.
        pages.push(neutral(html).replace(/<input type="hidden" name="csrf"[^>]*>/g, ''));
      }
      const entry = { entryId: newId(), date: '2026-11-02', focus: 'power', matter: '监督事项', findings: '发现的问题写在这里，足够十个字。', actions: '处置情况', followUp: '', caseAction: 'link', caseNumber: number };
      const linked = await staffPost(staff.liaisonQ, '/staff/records', entry);
      pages.push(`${linked.status}\n${neutral(await linked.text())}`);
      return pages;
    };
    const before = await seen();
    expect(before[0]).toContain(number);
    expect(before[2]).toContain('由镇里的工作人员办理，内容不经本村。');
    expect((await move(staff.handler, number, 'accept')).status).toBe(303);
    expect(await seen()).toEqual(before);
    expect((await move(staff.handler, number, 'escalate', { message: '转镇纪委。' })).status).toBe(303);
    expect(await seen()).toEqual(before);
  });
});

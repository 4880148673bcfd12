// Conflicts of interest: a staff member who steps aside from a case loses it at once and for good;
// it goes where the rules say (village → town, town handler → the other town staff, a committee
// member → the other members); the declaration is logged for the admin, or for the committee.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { isSealedText } from '../../core/sealed.ts';
import { asCommitteeSees, committeeKey, openForCase } from './committee-support.ts';
import { caseRow, neutral, sendCase } from './routing-support.ts';
import { newId } from './support.ts';
import { declare, move, staffGet, staffMember, staffPost, type Staff } from './staff-support.ts';

const staff = {} as Record<'admin' | 'handler' | 'handler2' | 'liaisonQ' | 'liaisonQ2' | 'liaisonD' | 'member' | 'member2', Staff>;
const idOf = (s: Staff) => env.DB.prepare('SELECT id FROM staff_users WHERE username = ?1').bind(s.username).first<number>('id');
const declarations = (number: string) =>
  env.DB.prepare(`SELECT d.role, d.reason, d.note FROM conflict_declarations d JOIN cases c ON c.id = d.case_id WHERE c.case_number = ?1 ORDER BY d.id`)
    .bind(number)
    .all<{ role: string; reason: string; note: string | null }>()
    .then((r) => r.results);

beforeAll(async () => {
  await committeeKey();
  staff.admin = await staffMember('admin');
  staff.handler = await staffMember('handler');
  staff.handler2 = await staffMember('handler');
  staff.liaisonQ = await staffMember('liaison', 'qinglian');
  staff.liaisonQ2 = await staffMember('liaison', 'qinglian');
  staff.liaisonD = await staffMember('liaison', 'dongling');
  staff.member = await staffMember('discipline');
  staff.member2 = await staffMember('discipline');
});

describe('a village officer who steps aside', () => {
  it('loses the case at once, and so does the whole village: town staff handle it; the admin reads why', async () => {
    const { number } = await sendCase({ subject: '反映表哥多占宅基地' });
    expect((await move(staff.liaisonQ, number, 'accept', { assignee: String(await idOf(staff.liaisonQ2)) })).status).toBe(303);
    const page = await (await staffGet(staff.liaisonQ, `/staff/cases/${number}`)).text();
    expect(page).toContain('申请回避');
    expect(page).toContain('这个案件将转镇里的工作人员办理，本村的联络员都看不到它。');

    const res = await declare(staff.liaisonQ, number, 'relative', '涉及的是我表哥');
    expect(res.status).toBe(303);
    const queue = await (await staffGet(staff.liaisonQ, res.headers.get('location')!)).text();
    expect(queue).toContain(`您已申请回避案件 ${number}，它已从您的页面上移走。`);
    expect(neutral(queue, [number]).includes('<number>')).toBe(true); // only in the notice
    expect(queue.split(number).length - 1).toBe(1);
    for (const officer of [staff.liaisonQ, staff.liaisonQ2]) {
      expect((await staffGet(officer, `/staff/cases/${number}`)).status).toBe(403);
      expect(await (await staffGet(officer, '/staff/cases?show=all')).text()).not.toContain(number);
    }
    // Kept from the village from now on, the village's assignee gone with it.
    expect(await caseRow(number)).toMatchObject({ kept_from_village: 'conflict', assignee_id: null });
    const town = await (await staffGet(staff.handler, `/staff/cases/${number}`)).text();
    expect(town).toContain('反映表哥多占宅基地');
    expect(town).toContain('不经本村办理：本村联络员申请了回避。');
    expect(town).toContain('申请回避，不再经手');
    // The note and the reason are for the admin, on the case's access log and the list of all.
    for (const path of [`/staff/cases/${number}/access`, '/staff/conflicts']) {
      const log = await (await staffGet(staff.admin, path)).text();
      expect(log).toContain('我与涉及的人是亲属');
      expect(log).toContain('涉及的是我表哥');
      expect(log).toContain(staff.liaisonQ.username);
    }
    for (const who of [staff.handler, staff.liaisonQ, staff.liaisonD]) expect((await staffGet(who, '/staff/conflicts')).status).toBe(403);
    expect(await (await staffGet(staff.member, '/staff/conflicts')).text()).not.toContain(number);
  });

  it('cannot take it back, and a retried form declares nothing more: the log refuses changes', async () => {
    const { number } = await sendCase();
    expect((await declare(staff.liaisonQ, number, 'interest')).status).toBe(303);
    const again = await declare(staff.liaisonQ, number, 'other');
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(`/staff/cases?declared=${number}`);
    expect(await declarations(number)).toEqual([{ role: 'liaison', reason: 'interest', note: null }]);
    await expect(env.DB.prepare('DELETE FROM conflict_declarations').run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare(`UPDATE conflict_declarations SET reason = 'other'`).run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare(`UPDATE cases SET kept_from_village = NULL, kept_at = NULL WHERE case_number = ?1`).bind(number).run()).rejects.toThrow(/stays kept/);
  });
});

describe('a town handler who steps aside', () => {
  it('leaves the case to the other town staff; the village keeps it', async () => {
    const { number } = await sendCase({ subject: '反映镇上办事拖延' });
    expect((await move(staff.handler, number, 'accept', { assignee: String(await idOf(staff.handler)) })).status).toBe(303);
    expect(await (await staffGet(staff.handler, `/staff/cases/${number}`)).text()).toContain('这个案件将留给镇里其他工作人员或管理员办理。');
    expect((await declare(staff.handler, number, 'involved')).status).toBe(303);
    expect((await staffGet(staff.handler, `/staff/cases/${number}`)).status).toBe(403);
    expect(await (await staffGet(staff.handler, '/staff/cases?show=all')).text()).not.toContain(number);
    expect((await move(staff.handler, number, 'set_time_limit', { workingDays: '3' })).status).toBe(403);
    for (const who of [staff.handler2, staff.admin, staff.liaisonQ]) expect(await (await staffGet(who, `/staff/cases/${number}`)).text()).toContain('反映镇上办事拖延');
    expect(await caseRow(number)).toMatchObject({ kept_from_village: null, assignee_id: null });
    // Nobody can make them responsible for it again.
    const other = await sendCase();
    expect((await declare(staff.handler, other.number, 'other')).status).toBe(303);
    const form = await (await staffGet(staff.admin, `/staff/cases/${other.number}`)).text();
    expect(form.split('name="assignee"')[1]!.split('</select>')[0]).not.toContain(`value="${await idOf(staff.handler)}"`);
    expect((await move(staff.admin, other.number, 'accept', { assignee: String(await idOf(staff.handler)) })).status).toBe(422);
  });

  it('is refused when no one else in the town could take the case, and then nothing is stored', async () => {
    const { number } = await sendCase({ village: 'beishan' });
    // Every other town account steps aside first.
    const others = [staff.handler2, staff.admin, await staffMember('admin'), await staffMember('handler')];
    const rest = await env.DB.prepare(`SELECT username FROM staff_users WHERE active = 1 AND role IN ('admin', 'handler')`).all<{ username: string }>();
    expect(rest.results.length).toBeGreaterThan(others.length);
    await env.DB.prepare(
      `INSERT INTO conflict_declarations (case_id, staff_id, role, reason, at)
       SELECT c.id, u.id, u.role, 'other', '2026-01-01T00:00:00.000Z' FROM cases c, staff_users u
       WHERE c.case_number = ?1 AND u.role IN ('admin', 'handler') AND u.username != ?2`,
    )
      .bind(number, staff.handler.username)
      .run();
    const res = await declare(staff.handler, number, 'relative');
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('没有其他人能办理这个案件，暂时不能回避。');
    expect((await staffGet(staff.handler, `/staff/cases/${number}`)).status).toBe(200);
  });
});

describe('a committee member who steps aside', () => {
  it('leaves the case to the other members, the note sealed; only the committee sees the declaration', async () => {
    const { number } = await sendCase({ category: 'cadre-report', subject: '反映村主任侵占集体土地' });
    const page = await (await staffGet(staff.member, `/staff/cases/${number}`)).text();
    expect(page).toContain('这个案件将留给纪委其他成员办理。');
    expect(page).toMatch(/action="\/staff\/cases\/[^"]+\/conflict" data-seal="note"/);
    // Without JavaScript the note cannot be sealed: refused, nothing stored.
    const plain = await staffPost(staff.member, `/staff/cases/${number}/conflict`, { reason: 'relative', note: '他是我叔叔' });
    expect(plain.status).toBe(422);
    expect(await plain.text()).toContain('请启用 JavaScript 后再提交');
    expect(await declarations(number)).toEqual([]);

    expect((await declare(staff.member, number, 'relative', '他是我叔叔')).status).toBe(303);
    const [stored] = await declarations(number);
    expect(stored!.role).toBe('discipline');
    expect(isSealedText(stored!.note)).toBe(true);
    expect(await openForCase(number, stored!.note!)).toBe('他是我叔叔');
    expect((await staffGet(staff.member, `/staff/cases/${number}`)).status).toBe(403);
    expect(await asCommitteeSees(await (await staffGet(staff.member2, `/staff/cases/${number}`)).text())).toContain('反映村主任侵占集体土地');
    // The committee's list shows it, opened by the member's browser; the admin's list and log do not.
    expect(await asCommitteeSees(await (await staffGet(staff.member2, '/staff/conflicts')).text())).toContain('他是我叔叔');
    expect(await (await staffGet(staff.admin, '/staff/conflicts')).text()).not.toContain(number);
    expect((await staffGet(staff.admin, `/staff/cases/${number}/access`)).status).toBe(403);
    // The last member who could read it cannot step aside.
    expect((await declare(staff.member2, number, 'other')).status).toBe(409);
  });

  it('no longer reads a record-form entry that carries the case’s words', async () => {
    const entry = { entryId: newId(), date: '2026-11-02', focus: 'integrity', matter: '来访反映村会计', findings: '村会计把集体的鱼塘租给了自己的亲戚。', actions: '登记线索', followUp: '', caseAction: 'create' };
    const created = await staffPost(staff.liaisonD, '/staff/records', entry);
    expect(created.status).toBe(303);
    const id = created.headers.get('location')!.match(/records\/(\d+)/)![1];
    const number = (await env.DB.prepare(`SELECT c.case_number FROM record_entries r JOIN cases c ON c.id = r.case_id WHERE r.id = ?1`).bind(id).first<string>('case_number'))!;
    expect(await asCommitteeSees(await (await staffGet(staff.member, `/staff/records/${id}`)).text())).toContain('村会计把集体的鱼塘租给了自己的亲戚。');
    expect((await declare(staff.member, number, 'relationship')).status).toBe(303);
    const after = await (await staffGet(staff.member, `/staff/records/${id}`)).text();
    expect(after).not.toContain('data-case-key');
    expect(await asCommitteeSees(after)).not.toContain('村会计把集体的鱼塘租给了自己的亲戚。');
    expect(await asCommitteeSees(await (await staffGet(staff.member2, `/staff/records/${id}`)).text())).toContain('村会计把集体的鱼塘租给了自己的亲戚。');
  });
});

describe('a declaration', () => {
  it('needs a reason from the list and a short note, said in both languages, and stores nothing otherwise', async () => {
    const { number } = await sendCase();
    const none = await staffPost(staff.handler2, `/staff/cases/${number}/conflict`, { reason: 'because' });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('请选择申请回避的原因。');
    const english = await staffPost(staff.handler2, `/en/staff/cases/${number}/conflict`, { reason: 'other', note: '长'.repeat(501) });
    expect(english.status).toBe(422);
    expect(await english.text()).toContain('The note can have at most 500 characters.');
    expect(await declarations(number)).toEqual([]);
    expect((await staffGet(staff.handler2, `/staff/cases/${number}`)).status).toBe(200);
  });

  it('made on a case that then goes to the committee has its note sealed with the rest of the case', async () => {
    const { number } = await sendCase({ village: 'xiling' });
    expect((await declare(staff.handler, number, 'relationship', '我和反映的人有过节')).status).toBe(303);
    expect((await move(staff.handler2, number, 'escalate', { message: '转镇纪委。' })).status).toBe(303);
    const [stored] = await declarations(number);
    expect(isSealedText(stored!.note)).toBe(true);
    expect(await openForCase(number, stored!.note!)).toBe('我和反映的人有过节');
    // Now the committee's: out of the admin's list, on the committee's.
    expect(await (await staffGet(staff.admin, '/staff/conflicts')).text()).not.toContain(number);
    expect(await asCommitteeSees(await (await staffGet(staff.member2, '/staff/conflicts')).text())).toContain('我和反映的人有过节');
  });
});

describe('whoever stepped aside', () => {
  it('no longer reads the case’s access log, nor the declarations on it but their own', async () => {
    const admin2 = await staffMember('admin');
    const { number } = await sendCase({ subject: '反映镇上的事' });
    await staffGet(staff.handler2, `/staff/cases/${number}`);
    expect((await declare(staff.handler, number, 'relationship', '我和反映的人有过节')).status).toBe(303);
    expect((await declare(admin2, number, 'relative', '涉及我的亲戚')).status).toBe(303);
    const opened = await staffGet(admin2, `/staff/cases/${number}`);
    expect(opened.status).toBe(403);
    const log = await staffGet(admin2, `/staff/cases/${number}/access`);
    expect(log.status).toBe(403);
    const refusal = await log.text();
    expect(refusal).toContain('您无权查看或办理这个案件。');
    expect(refusal).not.toContain(staff.handler2.username);
    const list = await (await staffGet(admin2, '/staff/conflicts')).text();
    expect(list).toContain('涉及我的亲戚');
    expect(list).not.toContain('我和反映的人有过节');
    // The other admin still reads both.
    expect((await staffGet(staff.admin, `/staff/cases/${number}/access`)).status).toBe(200);
    expect(await (await staffGet(staff.admin, '/staff/conflicts')).text()).toContain('我和反映的人有过节');
  });

  it('from a committee case no longer reads its access log either', async () => {
    const { number } = await sendCase({ category: 'cadre-report' });
    const member3 = await staffMember('discipline');
    expect((await declare(member3, number, 'relative')).status).toBe(303);
    expect((await staffGet(member3, `/staff/cases/${number}/access`)).status).toBe(403);
    expect((await staffGet(staff.member, `/staff/cases/${number}/access`)).status).toBe(200);
  });
});

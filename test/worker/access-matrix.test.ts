// Every staff route × every role (and signed out): allowed or refused, with ordinary cases,
// cadre reports, escalated cases, 打击报复, cases kept from their village (by the resident, or by an
// officer's conflict declaration) and cases a town handler stepped aside from, as the worker
// enforces it (not as links are hidden).
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../worker/cases/access.ts';
import { codeFromReceipt, postForm, submission } from './support.ts';
import { PASSWORD, createStaff, declare, move, signedIn, staffGet, staffPost, staffMember, type Staff } from './staff-support.ts';
import { asCommitteeSees } from './committee-support.ts';
import { plainJpeg } from '../helpers/photo-fixtures.ts';
import { call } from './support.ts';

type Who = 'signedOut' | 'admin' | 'handler' | 'liaisonQ' | 'liaisonD' | 'discipline';
const WHO: Who[] = ['signedOut', 'admin', 'handler', 'liaisonQ', 'liaisonD', 'discipline'];
const staff = {} as Record<Exclude<Who, 'signedOut'>, Staff>;
const as = (who: Who) => (who === 'signedOut' ? null : staff[who]);

type CaseKey = 'ordinaryQ' | 'ordinaryD' | 'cadreWeb' | 'escalatedByQ' | 'cadreByHandler' | 'retaliationWeb' | 'keptQ' | 'keptByQ' | 'declaredByQ' | 'declaredByHandler';
const cases = {} as Record<CaseKey, { number: string; subject: string }>;

/** A case sent from the mailbox without JavaScript, with one photo. */
async function webCase(overrides: Record<string, string>): Promise<{ number: string; subject: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(submission(overrides))) form.append(name, value);
  form.append('photos', new File([plainJpeg()], 'photo.jpg', { type: 'image/jpeg' }));
  const html = await (await call('/mailbox', { method: 'POST', body: form })).text();
  codeFromReceipt(html);
  return { number: /CL-\d{4}-\d{6}/.exec(html)![0], subject: overrides.subject! };
}

/** The id of a case's first photo, or null for a case recorded by staff (which has none). */
async function photoOf(number: string): Promise<string | null> {
  const row = await env.DB.prepare('SELECT p.id FROM case_photos p JOIN cases c ON c.id = p.case_id WHERE c.case_number = ?1 ORDER BY p.seq').bind(number).first<{ id: string }>();
  return row?.id ?? null;
}

beforeAll(async () => {
  staff.admin = await staffMember('admin');
  staff.handler = await staffMember('handler');
  staff.liaisonQ = await staffMember('liaison', 'qinglian');
  staff.liaisonD = await staffMember('liaison', 'dongling');
  staff.discipline = await staffMember('discipline');
  cases.ordinaryQ = await webCase({ village: 'qinglian', subject: '清廉村普通诉求' });
  cases.ordinaryD = await webCase({ village: 'dongling', subject: '东岭村普通诉求' });
  cases.cadreWeb = await webCase({ village: 'qinglian', category: 'cadre-report', subject: '网上问题线索' });
  cases.escalatedByQ = await webCase({ village: 'qinglian', subject: '联络员转出的诉求' });
  expect((await move(staff.liaisonQ, cases.escalatedByQ.number, 'accept')).status).toBe(303);
  expect((await move(staff.liaisonQ, cases.escalatedByQ.number, 'escalate')).status).toBe(303);
  const slip = await staffPost(staff.handler, '/staff/cases/new', {
    ...submission({ village: 'qinglian', category: 'cadre-report', subject: '来电问题线索' }),
    channel: 'phone',
  });
  expect(slip.status).toBe(201);
  cases.cadreByHandler = { number: /CL-\d{4}-\d{6}/.exec(await slip.text())![0], subject: '来电问题线索' };
  cases.retaliationWeb = await webCase({ village: 'qinglian', category: 'retaliation', subject: '举报后被打击报复' });
  cases.keptQ = await webCase({ village: 'qinglian', concernsOfficers: 'yes', subject: '反映村委委员的亲属' });
  const visit = await staffPost(staff.liaisonQ, '/staff/cases/new', { ...submission({ village: 'qinglian', concernsOfficers: 'yes', subject: '来访反映联络站' }), channel: 'visit' });
  expect(visit.status).toBe(201);
  cases.keptByQ = { number: /CL-\d{4}-\d{6}/.exec(await visit.text())![0], subject: '来访反映联络站' };
  cases.declaredByQ = await webCase({ village: 'qinglian', subject: '联络员回避的诉求' });
  expect((await declare(staff.liaisonQ, cases.declaredByQ.number, 'relative')).status).toBe(303);
  cases.declaredByHandler = await webCase({ village: 'qinglian', subject: '镇工作人员回避的诉求' });
  expect((await declare(staff.handler, cases.declaredByHandler.number, 'involved')).status).toBe(303);
});

// What each role gets when opening each case: read it, know it exists (restricted), or refused.
const OPEN: Record<CaseKey, Record<Exclude<Who, 'signedOut'>, 'read' | 'restricted' | 'refused'>> = {
  ordinaryQ: { admin: 'read', handler: 'read', liaisonQ: 'read', liaisonD: 'refused', discipline: 'refused' },
  ordinaryD: { admin: 'read', handler: 'read', liaisonQ: 'refused', liaisonD: 'read', discipline: 'refused' },
  cadreWeb: { admin: 'refused', handler: 'refused', liaisonQ: 'refused', liaisonD: 'refused', discipline: 'read' },
  escalatedByQ: { admin: 'refused', handler: 'refused', liaisonQ: 'restricted', liaisonD: 'refused', discipline: 'read' },
  cadreByHandler: { admin: 'refused', handler: 'restricted', liaisonQ: 'refused', liaisonD: 'refused', discipline: 'read' },
  retaliationWeb: { admin: 'refused', handler: 'refused', liaisonQ: 'refused', liaisonD: 'refused', discipline: 'read' },
  keptQ: { admin: 'read', handler: 'read', liaisonQ: 'refused', liaisonD: 'refused', discipline: 'refused' },
  keptByQ: { admin: 'read', handler: 'read', liaisonQ: 'restricted', liaisonD: 'refused', discipline: 'refused' },
  declaredByQ: { admin: 'read', handler: 'read', liaisonQ: 'refused', liaisonD: 'refused', discipline: 'refused' },
  declaredByHandler: { admin: 'read', handler: 'refused', liaisonQ: 'read', liaisonD: 'refused', discipline: 'refused' },
};

/** What a restricted page says: where the case went. */
const RESTRICTED: Partial<Record<CaseKey, string>> = { keptByQ: '由镇里的工作人员办理，内容不经本村。' };

describe('opening a case', () => {
  for (const key of Object.keys(OPEN) as CaseKey[]) {
    for (const who of WHO) {
      const expected = who === 'signedOut' ? 'sign-in' : OPEN[key][who];
      it(`${key} by ${who}: ${expected}`, async () => {
        const { number, subject } = cases[key];
        const res = await staffGet(as(who), `/staff/cases/${number}`);
        const html = await res.text();
        if (expected === 'sign-in') {
          expect(res.status).toBe(303);
          expect(res.headers.get('location')).toBe('/staff/sign-in?required=1');
          return;
        }
        expect(res.status).toBe(expected === 'refused' ? 403 : 200);
        // The committee's cases are sealed: its member's browser opens them.
        if (expected === 'read') expect(who === 'discipline' ? await asCommitteeSees(html) : html).toContain(subject);
        else expect(html).not.toContain(subject);
        if (expected === 'restricted') expect(html).toContain(RESTRICTED[key] ?? '已转镇纪委、监察办公室，内容仅纪委可见。');
        if (expected === 'refused') expect(html).toContain('您无权查看或办理这个案件。');
      });
    }
  }
});

describe('a photo of a case', () => {
  // The same check as opening the case: whoever may read it gets the photo (a sealed case's as its
  // envelope, for the committee's browser); whoever may only know it exists, or not even that, a 403.
  for (const key of Object.keys(OPEN) as CaseKey[]) {
    for (const who of WHO) {
      const expected = who === 'signedOut' ? 'sign-in' : OPEN[key][who];
      it(`${key} by ${who}: ${expected}`, async () => {
        const { number } = cases[key];
        const id = await photoOf(number);
        const res = await staffGet(as(who), `/staff/cases/${number}/photos/${id ?? 'AAAAAAAAAAAAAAAAAAAAAA'}`);
        if (expected === 'sign-in') {
          expect(res.status).toBe(303);
          expect(res.headers.get('location')).toBe('/staff/sign-in?required=1');
          return;
        }
        if (expected !== 'read') {
          expect(res.status).toBe(403);
          expect(res.headers.get('content-type')).toMatch(/^text\/html/);
          return;
        }
        if (!id) return expect(res.status).toBe(404);
        expect(res.status).toBe(200);
        const sealed = await env.DB.prepare('SELECT sealed FROM case_photos WHERE id = ?1').bind(id).first<{ sealed: number }>();
        expect(res.headers.get('content-type')).toBe(sealed!.sealed ? 'application/octet-stream' : 'image/jpeg');
        expect(res.headers.get('content-disposition')).toBe('inline');
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('cache-control')).toBe('private, no-store');
        const bytes = new Uint8Array(await res.arrayBuffer());
        // A cadre report's photo is sealed: its bytes are no JPEG.
        expect(bytes[0] === 0xff && bytes[1] === 0xd8).toBe(!sealed!.sealed);
      });
    }
  }
});

describe('the queue', () => {
  for (const who of WHO.filter((w) => w !== 'signedOut') as Exclude<Who, 'signedOut'>[]) {
    it(`lists for ${who} exactly the cases they may read or know of`, async () => {
      const page = await (await staffGet(as(who), '/staff/cases?show=all')).text();
      const html = who === 'discipline' ? await asCommitteeSees(page) : page;
      for (const key of Object.keys(OPEN) as CaseKey[]) {
        const { number, subject } = cases[key];
        const access = OPEN[key][who];
        expect(html.includes(number), `${key} listed`).toBe(access !== 'refused');
        expect(html.includes(subject), `${key} subject shown`).toBe(access === 'read');
      }
    });
  }
});

describe('the queue’s search and filters', () => {
  // A case number finds only a case the queue lists anyway; the words of a subject, a village or a
  // category only a case the viewer reads, and never a committee case's (sealed) subject.
  const numbersOn = (html: string) => [...html.matchAll(/data-case="([^"]+)"/g)].map((m) => m[1]!);
  for (const who of WHO.filter((w) => w !== 'signedOut') as Exclude<Who, 'signedOut'>[]) {
    it(`finds for ${who} no case beyond the ones they may read or know of`, async () => {
      for (const key of Object.keys(OPEN) as CaseKey[]) {
        const { number, subject } = cases[key];
        const access = OPEN[key][who];
        const byNumber = await (await staffGet(as(who), `/staff/cases?show=all&q=${number}`)).text();
        expect(numbersOn(byNumber).includes(number), `${key} by its number`).toBe(access !== 'refused');
        expect((who === 'discipline' ? await asCommitteeSees(byNumber) : byNumber).includes(subject), `${key} subject shown`).toBe(access === 'read');
        const byWords = numbersOn(await (await staffGet(as(who), `/staff/cases?show=all&q=${encodeURIComponent(subject)}`)).text());
        expect(byWords.includes(number), `${key} by its words`).toBe(access === 'read' && who !== 'discipline');
        const village = key === 'ordinaryD' ? 'dongling' : 'qinglian';
        const byVillage = numbersOn(await (await staffGet(as(who), `/staff/cases?show=all&village=${village}`)).text());
        // A liaison officer reads one village: the filter is not theirs, and the list stays as it is.
        expect(byVillage.includes(number), `${key} by its village`).toBe(who.startsWith('liaison') ? access !== 'refused' : access === 'read');
      }
    });
  }
});

describe('moving a case', () => {
  for (const key of Object.keys(OPEN) as CaseKey[]) {
    for (const who of WHO) {
      const mayHandle = who !== 'signedOut' && OPEN[key][who] === 'read';
      it(`${key} by ${who}: ${who === 'signedOut' ? 'sign-in' : mayHandle ? 'reaches the workflow' : 'refused'}`, async () => {
        // "close" is illegal in these states: whoever passes the access check gets the workflow's 422.
        const res = who === 'signedOut' ? await postForm(`/staff/cases/${cases[key].number}/moves`, { move: 'close', message: '结案' }) : await move(staff[who], cases[key].number, 'close');
        expect(res.status).toBe(who === 'signedOut' ? 303 : mayHandle ? 422 : 403);
        if (mayHandle) expect(await res.text()).toContain('当前状态下不能进行这项操作。');
      });
    }
  }
});

describe('the committee’s own moves (受理, the four ways, 移送审查调查, a notice)', () => {
  // "conclude" cannot be made before a case is taken up: the committee gets the workflow's 422 on
  // its cases; on any other case the move is not the reader's (422 too); who cannot read it, 403.
  for (const key of Object.keys(OPEN) as CaseKey[]) {
    for (const who of WHO) {
      const mayHandle = who !== 'signedOut' && OPEN[key][who] === 'read';
      it(`conclude on ${key} by ${who}: ${who === 'signedOut' ? 'sign-in' : mayHandle ? 'reaches the workflow' : 'refused'}`, async () => {
        const fields = { note: '理由' };
        const res =
          who === 'signedOut'
            ? await postForm(`/staff/cases/${cases[key].number}/moves`, { move: 'conclude', message: '了结', ...fields })
            : await move(staff[who], cases[key].number, 'conclude', fields);
        expect(res.status).toBe(who === 'signedOut' ? 303 : mayHandle ? 422 : 403);
        if (mayHandle) expect(await res.text()).toContain('当前状态下不能进行这项操作。');
        if (!mayHandle && who !== 'signedOut') expect(await res.text()).toContain('您无权查看或办理这个案件。');
      });
    }
  }
});

describe('publishing and withdrawing an outcome', () => {
  // None of these cases is closed: whoever may publish gets "not closed" (and "not found" for a
  // withdrawal, there being nothing published); the village's officer is told town staff publish.
  for (const key of Object.keys(OPEN) as CaseKey[]) {
    for (const who of WHO) {
      const reads = who !== 'signedOut' && OPEN[key][who] === 'read';
      const publishes = reads && who !== 'liaisonQ' && who !== 'liaisonD';
      it(`on ${key} by ${who}: ${who === 'signedOut' ? 'sign-in' : publishes ? 'reaches the form' : 'refused'}`, async () => {
        const outcomes = () => env.DB.prepare('SELECT count(*) AS n FROM outcomes').first('n');
        const before = await outcomes();
        const fields = { problem: '路灯损坏。', action: '已更换灯泡。', outcome: '已恢复照明。' };
        const path = `/staff/cases/${cases[key].number}/outcome`;
        const published = who === 'signedOut' ? await postForm(path, fields) : await staffPost(staff[who], path, fields);
        const withdrawn = who === 'signedOut' ? await postForm(`${path}/withdraw`, {}) : await staffPost(staff[who], `${path}/withdraw`, {});
        if (who === 'signedOut') {
          expect([published.status, withdrawn.status]).toEqual([303, 303]);
        } else if (publishes) {
          expect([published.status, withdrawn.status]).toEqual([409, 404]);
          expect(await published.text()).toContain('案件结案后才能公开办理结果。');
        } else {
          expect([published.status, withdrawn.status]).toEqual([403, 403]);
          const refusal = reads ? '办理结果由镇里的工作人员公开' : '您无权查看或办理这个案件。';
          for (const html of [await published.text(), await withdrawn.text()]) {
            expect(html).toContain(refusal);
            expect(html).not.toContain(cases[key].subject);
          }
        }
        expect(await outcomes()).toBe(before);
      });
    }
  }
});

describe('declaring a conflict of interest', () => {
  for (const key of Object.keys(OPEN) as CaseKey[]) {
    for (const who of WHO) {
      const mayDeclare = who !== 'signedOut' && OPEN[key][who] === 'read';
      // Whoever declared already is told so again (a retried form), whatever it carries.
      const declared = (key === 'declaredByQ' && who === 'liaisonQ') || (key === 'declaredByHandler' && who === 'handler');
      it(`on ${key} by ${who}: ${who === 'signedOut' ? 'sign-in' : declared ? 'declared already' : mayDeclare ? 'reaches the form' : 'refused'}`, async () => {
        // An unknown reason: whoever passes the access check gets the form's 422, and nothing is declared.
        const fields = { reason: 'no-such-reason' };
        const res = who === 'signedOut' ? await postForm(`/staff/cases/${cases[key].number}/conflict`, fields) : await staffPost(staff[who], `/staff/cases/${cases[key].number}/conflict`, fields);
        if (declared) {
          expect(res.status).toBe(303);
          expect(res.headers.get('location')).toBe(`/staff/cases?declared=${cases[key].number}`);
          return;
        }
        expect(res.status).toBe(who === 'signedOut' ? 303 : mayDeclare ? 422 : 403);
        const html = await res.text();
        if (mayDeclare) expect(html).toContain('请选择申请回避的原因。');
        if (!mayDeclare && who !== 'signedOut') expect(html).toContain('您无权查看或办理这个案件。');
      });
    }
  }
});

describe('sending a case up to the county', () => {
  // Without the member's confirmation: whoever passes the access check (a committee member, on a
  // committee case) gets the form's 422, and nothing is removed; anyone else is refused.
  for (const key of Object.keys(OPEN) as CaseKey[]) {
    for (const who of WHO) {
      const committeeCase = OPEN[key].discipline === 'read';
      const maySend = who === 'discipline' && committeeCase;
      it(`${key} by ${who}: ${who === 'signedOut' ? 'sign-in' : maySend ? 'reaches the form' : 'refused'}`, async () => {
        const fields = { reason: 'county', channel: 'in_person' };
        const path = `/staff/cases/${cases[key].number}/send-up`;
        const keys = () => env.DB.prepare('SELECT count(*) AS n FROM case_keys k JOIN cases c ON c.id = k.case_id WHERE c.case_number = ?1').bind(cases[key].number).first('n');
        const before = await keys();
        const res = who === 'signedOut' ? await postForm(path, fields) : await staffPost(staff[who], path, fields);
        expect(res.status).toBe(who === 'signedOut' ? 303 : maySend ? 422 : 403);
        const html = await res.text();
        if (maySend) expect(html).toContain('请先通过所选渠道报送，再勾选确认。');
        if (!maySend && who !== 'signedOut') {
          expect(html).toContain('您无权查看或办理这个案件。');
          expect(html).not.toContain(cases[key].subject);
        }
        expect(await keys()).toBe(before);
        expect((await env.DB.prepare('SELECT status FROM cases WHERE case_number = ?1').bind(cases[key].number).first('status'))).not.toBe('sent_up');
      });
    }
  }
});

describe('the conflicts of interest declared', () => {
  const expected: Record<Who, number> = { signedOut: 303, admin: 200, handler: 403, liaisonQ: 403, liaisonD: 403, discipline: 200 };
  for (const who of WHO) {
    it(`are listed for ${who}: ${expected[who]}`, async () => {
      const res = await staffGet(as(who), '/staff/conflicts');
      expect(res.status).toBe(expected[who]);
      const html = await res.text();
      // The admin sees the town's and villages' declarations, the committee its own (none here).
      if (who === 'admin') for (const key of ['declaredByQ', 'declaredByHandler'] as CaseKey[]) expect(html).toContain(cases[key].number);
      if (who === 'discipline') expect(html).not.toContain(cases.declaredByQ.number);
    });
  }
});

describe('recording a letter or call', () => {
  // The committee records only the reports that go to it: an ordinary letter is refused by its category.
  const expected: Record<Who, number> = { signedOut: 303, admin: 201, handler: 201, liaisonQ: 201, liaisonD: 403, discipline: 422 };
  for (const who of WHO) {
    it(`for Qinglian village by ${who}: ${expected[who]}`, async () => {
      const fields = { ...submission({ village: 'qinglian', subject: `登记测试 ${who}` }), channel: 'mailbox' };
      const res = who === 'signedOut' ? await postForm('/staff/cases/new', fields) : await staffPost(staff[who], '/staff/cases/new', fields);
      expect(res.status).toBe(expected[who]);
      const page = await staffGet(as(who), '/staff/cases/new');
      expect(page.status).toBe(who === 'signedOut' ? 303 : 200);
    });
  }
});

describe('admin pages', () => {
  for (const who of WHO) {
    const allowed = who === 'admin';
    it(`access log, accounts list, new account and deactivation by ${who}: ${who === 'signedOut' ? 'sign-in' : allowed ? 'allowed' : 'refused'}`, async () => {
      const refused = who === 'signedOut' ? 303 : 403;
      expect((await staffGet(as(who), `/staff/cases/${cases.ordinaryQ.number}/access`)).status).toBe(allowed ? 200 : refused);
      // The committee manages its own accounts only: it may list them, and makes no town account.
      expect((await staffGet(as(who), '/staff/accounts')).status).toBe(allowed || who === 'discipline' ? 200 : refused);
      const username = `made-by-${who.toLowerCase()}`;
      const create = { username, displayName: '测试账户', role: 'handler', village: '', password: 'a long enough password' };
      const created = who === 'signedOut' ? await postForm('/staff/accounts', create) : await staffPost(staff[who], '/staff/accounts', create);
      expect(created.status).toBe(allowed ? 303 : who === 'discipline' ? 422 : refused);
      const exists = await env.DB.prepare('SELECT count(*) AS n FROM staff_users WHERE username = ?1').bind(username).first('n');
      expect(exists).toBe(allowed ? 1 : 0);
      const victim = await createStaff('handler');
      const id = await env.DB.prepare('SELECT id FROM staff_users WHERE username = ?1').bind(victim).first<number>('id');
      const deactivated = who === 'signedOut' ? await postForm(`/staff/accounts/${id}/deactivate`, { confirm: 'yes' }) : await staffPost(staff[who], `/staff/accounts/${id}/deactivate`, { confirm: 'yes' });
      expect(deactivated.status).toBe(allowed ? 200 : refused);
      const active = await env.DB.prepare('SELECT active FROM staff_users WHERE id = ?1').bind(id).first('active');
      expect(active).toBe(allowed ? 0 : 1);
    });
  }
});

describe('publishing rights', () => {
  // Only the admin grants them: the town's to town staff and the town administrator, a village's to
  // its liaison officers (both) and its clerk (drafting only: both is refused); never the committee.
  const HOLDERS = { handler: 200, liaison: 200, clerk: 422, discipline: 403 } as const;
  for (const who of WHO) {
    for (const [role, byAdmin] of Object.entries(HOLDERS) as [keyof typeof HOLDERS, number][]) {
      const expected = who === 'signedOut' ? 303 : who === 'admin' ? byAdmin : 403;
      it(`granted to a ${role} account by ${who}: ${expected}`, async () => {
        const id = await env.DB.prepare('SELECT id FROM staff_users WHERE username = ?1').bind(await createStaff(role, role === 'liaison' || role === 'clerk' ? 'qinglian' : null)).first<number>('id');
        const fields = { draft: 'yes', approve: 'yes' };
        const res = who === 'signedOut' ? await postForm(`/staff/accounts/${id}/rights`, fields) : await staffPost(staff[who], `/staff/accounts/${id}/rights`, fields);
        expect(res.status).toBe(expected);
        const held = await env.DB.prepare('SELECT count(*) AS n FROM staff_rights WHERE staff_id = ?1 AND revoked_at IS NULL').bind(id).first('n');
        expect(held).toBe(expected === 200 ? 2 : 0);
      });
    }
  }
});

describe('the access log', () => {
  it('records every opening and refusal, and shows them to the admin', async () => {
    const fresh = await webCase({ village: 'dongling', subject: '查阅记录测试' });
    await staffGet(staff.liaisonD, `/staff/cases/${fresh.number}`);
    await staffGet(staff.liaisonQ, `/staff/cases/${fresh.number}`);
    const html = await (await staffGet(staff.admin, `/staff/cases/${fresh.number}/access`)).text();
    expect(html).toContain(staff.liaisonD.username);
    expect(html).toContain(staff.liaisonQ.username);
    expect(html).toContain('查阅');
    expect(html).toContain('被拒绝');
  });

  it('is append-only', async () => {
    await expect(env.DB.prepare('DELETE FROM case_access').run()).rejects.toThrow(/append-only/);
  });
});

describe('a new account', () => {
  it('created by the admin can sign in with its role', async () => {
    const res = await staffPost(staff.admin, '/staff/accounts', { username: 'new.officer', displayName: '新联络员', role: 'liaison', village: 'nanhe', password: PASSWORD });
    expect(res.status).toBe(303);
    const officer = await signedIn('new.officer');
    expect(officer).toMatchObject({ role: 'liaison' satisfies Role, villageId: 'nanhe' });
  });

  it('is refused with a clear message when the form is wrong', async () => {
    const res = await staffPost(staff.admin, '/staff/accounts', { username: 'X', displayName: '', role: 'liaison', village: '', password: 'short' });
    expect(res.status).toBe(422);
    const html = await res.text();
    for (const message of ['用户名须为3到32个字符', '请填写姓名或职务', '村联络员须选择所在村', '密码至少12个字符']) expect(html).toContain(message);
    const taken = await staffPost(staff.admin, '/staff/accounts', { username: staff.handler.username, displayName: '重复', role: 'handler', village: '', password: PASSWORD });
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain('这个用户名已被使用。');
  });
});


// The liaison station performance record form: every route × every role, the link to a discipline
// case, validation in both languages, CSRF, retries.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateEntry } from '../../worker/cases/record-form.ts';
import { call, newId, postForm, submission } from './support.ts';
import { staffGet, staffMember, staffPost, type Staff } from './staff-support.ts';
import { asCommitteeSees } from './committee-support.ts';

type Who = 'signedOut' | 'admin' | 'handler' | 'liaisonQ' | 'liaisonD' | 'discipline';
const WHO: Who[] = ['signedOut', 'admin', 'handler', 'liaisonQ', 'liaisonD', 'discipline'];
const staff = {} as Record<Exclude<Who, 'signedOut'>, Staff>;
const as = (who: Who) => (who === 'signedOut' ? null : staff[who]);

/** A valid entry; override any field. */
function entry(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    entryId: newId(),
    date: '2026-11-02',
    focus: 'decisions',
    matter: '耕地地力保护补贴发放',
    findings: '抽查十户补贴到账情况，均已按公示面积足额发放。',
    actions: '向村委会反馈抽查结果。',
    followUp: '',
    caseAction: 'none',
    ...overrides,
  };
}

async function entryCount(): Promise<number> {
  return (await env.DB.prepare('SELECT count(*) AS n FROM record_entries').first<{ n: number }>())!.n;
}

async function caseCount(): Promise<number> {
  return (await env.DB.prepare('SELECT count(*) AS n FROM cases').first<{ n: number }>())!.n;
}

/** Adds an entry as `who` and returns its id from the redirect. */
async function addEntry(who: Staff, fields: Record<string, string>): Promise<number> {
  const res = await staffPost(who, '/staff/records', fields);
  expect(res.status, await res.clone().text()).toBe(303);
  return Number(/\/staff\/records\/(\d+)\?/.exec(res.headers.get('location') ?? '')![1]);
}

const entries = {} as Record<'q' | 'qReported' | 'd', { id: number; matter: string }>;

beforeAll(async () => {
  const accounts = { admin: ['admin', null], handler: ['handler', null], liaisonQ: ['liaison', 'qinglian'], liaisonD: ['liaison', 'dongling'], discipline: ['discipline', null] } as const;
  for (const [who, [role, village]] of Object.entries(accounts)) staff[who as keyof typeof accounts] = await staffMember(role, village);
  for (const [key, who, matter, reported] of [
    ['q', staff.liaisonQ, '清廉村补贴发放', false],
    ['qReported', staff.liaisonQ, '清廉村低保评议', true],
    ['d', staff.liaisonD, '东岭村鱼塘承包', false],
  ] as const) {
    entries[key] = { id: await addEntry(who, entry({ matter, ...(reported && { reported: 'yes', focus: 'integrity' }) })), matter };
  }
});

const isSignIn = (res: Response) => res.status === 303 && (res.headers.get('location') ?? '').includes('/staff/sign-in');

describe('who reads which entries', () => {
  // What each role finds in the list and the printed form.
  const SEES: Record<Exclude<Who, 'signedOut'>, ('q' | 'qReported' | 'd')[]> = {
    admin: ['q', 'qReported', 'd'],
    handler: ['q', 'qReported', 'd'],
    liaisonQ: ['q', 'qReported'],
    liaisonD: ['d'],
    discipline: ['qReported'],
  };
  for (const path of ['/staff/records', '/staff/records/print', '/staff/records?village=qinglian', '/staff/records/print?month=2026-11']) {
    for (const who of WHO) {
      it(`GET ${path} by ${who}`, async () => {
        const res = await staffGet(as(who), path);
        if (who === 'signedOut') return expect(isSignIn(res)).toBe(true);
        expect(res.status).toBe(200);
        const html = await res.text();
        // A liaison officer's list is their own village whatever the filter asks for.
        const filteredOut = path.includes('village=qinglian') && !who.startsWith('liaison') ? ['d'] : [];
        for (const key of ['q', 'qReported', 'd'] as const) {
          const expected = SEES[who].includes(key) && !filteredOut.includes(key);
          expect(html.includes(entries[key].matter), `${key}`).toBe(expected);
        }
      });
    }
  }

  // Opening one entry: read, or "no such entry" (existence is not told apart from absence).
  const OPEN: Record<'q' | 'qReported' | 'd', Record<Exclude<Who, 'signedOut'>, 200 | 404>> = {
    q: { admin: 200, handler: 200, liaisonQ: 200, liaisonD: 404, discipline: 404 },
    qReported: { admin: 200, handler: 200, liaisonQ: 200, liaisonD: 404, discipline: 200 },
    d: { admin: 200, handler: 200, liaisonQ: 404, liaisonD: 200, discipline: 404 },
  };
  for (const key of ['q', 'qReported', 'd'] as const) {
    for (const who of WHO) {
      it(`GET /staff/records/<${key}> by ${who}`, async () => {
        const res = await staffGet(as(who), `/staff/records/${entries[key].id}`);
        if (who === 'signedOut') return expect(isSignIn(res)).toBe(true);
        const html = await res.text();
        expect(res.status).toBe(OPEN[key][who]);
        expect(html.includes(entries[key].matter)).toBe(OPEN[key][who] === 200);
        if (res.status === 404) expect(html).toContain('没有这条记录。');
      });
    }
  }

  it('an entry that does not exist is the same 404', async () => {
    const res = await staffGet(staff.admin, '/staff/records/999999');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('没有这条记录。');
  });

  it('only a liaison officer gets the link to a new entry', async () => {
    for (const who of ['admin', 'handler', 'liaisonQ', 'liaisonD', 'discipline'] as const) {
      const html = await (await staffGet(staff[who], '/staff/records')).text();
      expect(html.includes('id="new-entry"'), who).toBe(who.startsWith('liaison'));
      expect(html).toContain('href="/staff/records"');
    }
  });
});

describe('who writes entries', () => {
  for (const who of WHO) {
    const writes = who === 'liaisonQ' || who === 'liaisonD';
    it(`GET /staff/records/new by ${who}: ${who === 'signedOut' ? 'sign-in' : writes ? 'the form' : 'refused'}`, async () => {
      const res = await staffGet(as(who), '/staff/records/new');
      if (who === 'signedOut') return expect(isSignIn(res)).toBe(true);
      expect(res.status).toBe(writes ? 200 : 403);
      const html = await res.text();
      if (writes) expect(html).toContain('name="entryId"');
      else expect(html).toContain('只有村联络员可以为本村填写纪实表。');
    });

    it(`POST /staff/records by ${who}: ${who === 'signedOut' ? 'sign-in' : writes ? 'stored for their own village' : 'refused, nothing stored'}`, async () => {
      const before = await entryCount();
      const matter = `写入测试 ${who}`;
      const res = await staffPost(as(who), '/staff/records', entry({ matter }));
      if (who === 'signedOut') {
        expect(isSignIn(res)).toBe(true);
        return expect(await entryCount()).toBe(before);
      }
      if (!writes) {
        expect(res.status).toBe(403);
        return expect(await entryCount()).toBe(before);
      }
      expect(res.status).toBe(303);
      const row = await env.DB.prepare('SELECT village_id FROM record_entries WHERE matter = ?1').bind(matter).first<{ village_id: string }>();
      expect(row!.village_id).toBe(staff[who as 'liaisonQ' | 'liaisonD'].villageId);
    });
  }

  it('a village field cannot steer an entry to another village', async () => {
    const res = await staffPost(staff.liaisonQ, '/staff/records', { ...entry(), village: 'dongling' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('不认识的字段“village”');
  });

  it('a retried form stores one entry', async () => {
    const fields = entry({ matter: '重试的记录' });
    const first = await staffPost(staff.liaisonQ, '/staff/records', fields);
    const second = await staffPost(staff.liaisonQ, '/staff/records', fields);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    const n = await env.DB.prepare("SELECT count(*) AS n FROM record_entries WHERE matter = '重试的记录'").first<{ n: number }>();
    expect(n!.n).toBe(1);
  });
});

describe('who reviews entries', () => {
  for (const who of WHO) {
    it(`POST /staff/records/<id>/review by ${who}`, async () => {
      const id = entries.d.id;
      await env.DB.prepare('UPDATE record_entries SET reviewed_by = NULL, reviewed_at = NULL, review_comment = NULL WHERE id = ?1').bind(id).run();
      const res = await staffPost(as(who), `/staff/records/${id}/review`, { comment: `意见 ${who}` });
      const row = await env.DB.prepare('SELECT reviewed_by, review_comment FROM record_entries WHERE id = ?1').bind(id).first<{ reviewed_by: number | null; review_comment: string | null }>();
      if (who === 'signedOut') {
        expect(isSignIn(res)).toBe(true);
        return expect(row!.reviewed_by).toBeNull();
      }
      if (who !== 'admin') {
        expect(res.status).toBe(403);
        expect(await res.text()).toContain('只有镇管理员可以审核纪实表。');
        return expect(row!.reviewed_by).toBeNull();
      }
      expect(res.status).toBe(303);
      expect(row!.review_comment).toBe('意见 admin');
      const page = await (await staffGet(staff.liaisonD, `/staff/records/${id}`)).text();
      expect(page).toContain('已审核');
      expect(page).toContain('审核意见：<bdi>意见 admin</bdi>');
    });
  }

  it('a review without a comment is a review', async () => {
    const res = await staffPost(staff.admin, `/staff/records/${entries.q.id}/review`, { comment: '' });
    expect(res.status).toBe(303);
    const row = await env.DB.prepare('SELECT reviewed_at, review_comment FROM record_entries WHERE id = ?1').bind(entries.q.id).first<{ reviewed_at: string | null; review_comment: string | null }>();
    expect(row!.reviewed_at).not.toBeNull();
    expect(row!.review_comment).toBeNull();
  });

  it('a review of no entry is not found, and a too long comment is refused', async () => {
    expect((await staffPost(staff.admin, '/staff/records/999999/review', {})).status).toBe(404);
    const res = await staffPost(staff.admin, `/staff/records/${entries.qReported.id}/review`, { comment: '长'.repeat(1001) });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('审核意见最多1000个字，现在是1001个字。');
    const row = await env.DB.prepare('SELECT reviewed_at FROM record_entries WHERE id = ?1').bind(entries.qReported.id).first<{ reviewed_at: string | null }>();
    expect(row!.reviewed_at).toBeNull();
  });

  it('only the admin gets the review form', async () => {
    for (const who of ['admin', 'handler', 'liaisonQ', 'discipline'] as const) {
      const html = await (await staffGet(staff[who], `/staff/records/${entries.qReported.id}`)).text();
      expect(html.includes('/review"'), who).toBe(who === 'admin');
    }
  });
});

describe('an entry that reports a cadre', () => {
  it('records a discipline case the officer then cannot read, and the committee can', async () => {
    const before = await caseCount();
    const id = await addEntry(staff.liaisonQ, entry({ matter: '村干部优亲厚友线索', focus: 'integrity', caseAction: 'create', findings: '群众反映村干部亲属不符合条件被评为低保户。' }));
    expect(await caseCount()).toBe(before + 1);
    const row = await env.DB.prepare(
      `SELECT r.reported, c.case_number, c.category_id, c.village_id, c.channel, c.discipline, c.status, c.created_by, u.username
       FROM record_entries r JOIN cases c ON c.id = r.case_id JOIN staff_users u ON u.id = c.created_by WHERE r.id = ?1`,
    )
      .bind(id)
      .first<Record<string, string | number>>();
    expect(row).toMatchObject({ reported: 1, category_id: 'cadre-report', village_id: 'qinglian', channel: 'visit', discipline: 1, status: 'escalated', username: staff.liaisonQ.username });
    const number = row!.case_number as string;

    const saved = await (await staffGet(staff.liaisonQ, `/staff/records/${id}?saved=case`)).text();
    expect(saved).toContain(`记录已保存，并已关联问题线索案件 ${number}。`);
    expect(saved).toContain(`案件 ${number}：已交镇纪委、监察办公室，内容仅纪委可见。`);

    const officerCase = await staffGet(staff.liaisonQ, `/staff/cases/${number}`);
    const officerHtml = await officerCase.text();
    expect(officerCase.status).toBe(200);
    expect(officerHtml).toContain('已转镇纪委、监察办公室，内容仅纪委可见。');
    expect(officerHtml).not.toContain('群众反映村干部亲属');

    const committeeCase = await staffGet(staff.discipline, `/staff/cases/${number}`);
    expect(committeeCase.status).toBe(200);
    expect(await asCommitteeSees(await committeeCase.text())).toContain('群众反映村干部亲属不符合条件被评为低保户。');
    const committeeEntry = await (await staffGet(staff.discipline, `/staff/records/${id}`)).text();
    expect(committeeEntry).toContain(`href="/staff/cases/${number}"`);

    // The town's admin reads the entry, but not which case it is.
    const adminEntry = await (await staffGet(staff.admin, `/staff/records/${id}`)).text();
    expect(adminEntry).toContain('已关联镇纪委、监察办公室的一个案件。');
    expect(adminEntry).not.toContain(number);
  });

  it('a retried form records one case and one entry', async () => {
    const fields = entry({ matter: '重试的问题线索', caseAction: 'create', findings: '反映村干部违规收取办事费用，需要核查。' });
    const before = await caseCount();
    const first = await staffPost(staff.liaisonQ, '/staff/records', fields);
    const second = await staffPost(staff.liaisonQ, '/staff/records', fields);
    expect(first.status).toBe(303);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(await caseCount()).toBe(before + 1);
  });

  it('links a case the officer recorded, keeping it unreadable to them', async () => {
    const slip = await staffPost(staff.liaisonQ, '/staff/cases/new', { ...submission({ category: 'cadre-report', subject: '来访反映村干部问题' }), channel: 'visit' });
    expect(slip.status).toBe(201);
    const number = /CL-\d{4}-\d{6}/.exec(await slip.text())![0];
    const id = await addEntry(staff.liaisonQ, entry({ caseAction: 'link', caseNumber: number.toLowerCase(), matter: '关联已有线索' }));
    const row = await env.DB.prepare('SELECT r.reported, c.case_number FROM record_entries r JOIN cases c ON c.id = r.case_id WHERE r.id = ?1').bind(id).first<{ reported: number; case_number: string }>();
    expect(row).toEqual({ reported: 1, case_number: number });
    expect(await (await staffGet(staff.liaisonQ, `/staff/cases/${number}`)).text()).toContain('已转镇纪委、监察办公室，内容仅纪委可见。');
    expect(await (await staffGet(staff.discipline, `/staff/records/${id}`)).text()).toContain(number);
  });

  it('cannot link a case unknown, ordinary, or not the officer’s to know of, and stores nothing', async () => {
    const web = await (await postForm('/mailbox', submission({ category: 'cadre-report', subject: '网上问题线索' }))).text();
    const webCadre = /CL-\d{4}-\d{6}/.exec(web)![0];
    const ordinary = /CL-\d{4}-\d{6}/.exec(await (await postForm('/mailbox', submission())).text())![0];
    const slip = await staffPost(staff.liaisonD, '/staff/cases/new', { ...submission({ village: 'dongling', category: 'cadre-report', subject: '东岭来访线索' }), channel: 'visit' });
    const otherOfficers = /CL-\d{4}-\d{6}/.exec(await slip.text())![0];
    for (const number of [webCadre, ordinary, otherOfficers, 'CL-2026-999999']) {
      const before = await entryCount();
      const res = await staffPost(staff.liaisonQ, '/staff/records', entry({ caseAction: 'link', caseNumber: number }));
      expect(res.status, number).toBe(422);
      expect(await res.text()).toContain('没有找到可以关联的问题线索案件');
      expect(await entryCount()).toBe(before);
    }
  });
});

describe('validation', () => {
  const cases: [string, Record<string, string>, string, string][] = [
    ['an empty form', { entryId: newId() }, '请填写日期。', 'Enter the date.'],
    ['a malformed date', entry({ date: '2026/11/02' }), '日期格式不对', 'Write the date as year-month-day'],
    ['an impossible date', entry({ date: '2026-02-30' }), '日期格式不对', 'Write the date as year-month-day'],
    ['a date after today', entry({ date: '2999-01-01' }), '日期不能晚于今天。', 'The date cannot be later than today.'],
    ['no focus', entry({ focus: '' }), '请选择监督重点。', 'Choose the supervision focus.'],
    ['a made-up focus', entry({ focus: 'weather' }), '监督重点只能是联络站的三个重点之一。', "The focus must be one of the station"],
    ['a long matter', entry({ matter: '事'.repeat(81) }), '监督事项最多80个字，现在是81个字。', 'The matter can be at most 80 characters; it is 81.'],
    ['no findings', entry({ findings: '  ' }), '请填写发现的问题', 'Enter what was found'],
    ['no actions', entry({ actions: '' }), '请填写处置情况。', 'Enter what was done.'],
    ['a long follow-up', entry({ followUp: '跟'.repeat(2001) }), '跟踪落实情况最多2000个字', 'The follow-up can be at most 2000 characters'],
    ['an unknown case action', entry({ caseAction: 'maybe' }), '请选择是否反映村干部问题。', 'Choose whether the entry reports a village cadre.'],
    ['a link without a number', entry({ caseAction: 'link' }), '请填写要关联的案件编号。', 'Enter the number of the case to link.'],
    ['a malformed case number', entry({ caseAction: 'link', caseNumber: '12345' }), '案件编号格式不对', 'A case number looks like CL-2026-000123.'],
    ['a case from too little', entry({ caseAction: 'create', findings: '有问题' }), '登记问题线索时，发现问题至少写10个字', 'describe what was found in at least 10 characters'],
    ['an expired form', entry({ entryId: 'short' }), '表单已失效', 'This form has expired'],
  ];
  for (const [name, fields, zh, en] of cases) {
    it(`${name}: a clear message in zh-CN and en, the form kept, nothing stored`, async () => {
      const entriesBefore = await entryCount();
      const casesBefore = await caseCount();
      const zhRes = await staffPost(staff.liaisonQ, '/staff/records', fields);
      expect(zhRes.status).toBe(422);
      const zhHtml = await zhRes.text();
      expect(zhHtml).toContain(zh);
      if (fields.matter && fields.matter.length < 50) expect(zhHtml).toContain(`value="${fields.matter}"`);
      const enRes = await staffPost(staff.liaisonQ, '/en/staff/records', fields);
      expect(enRes.status).toBe(422);
      expect(await enRes.text()).toContain(en.replace(/'/g, '&#39;').replace(/"/g, '&quot;'));
      expect(await entryCount()).toBe(entriesBefore);
      expect(await caseCount()).toBe(casesBefore);
    });
  }

  it('every problem is reported at once, one per field', () => {
    const result = validateEntry({ entryId: newId(), focus: 'x', matter: '' }, '2026-11-26');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.refusal.fields!.map((e) => e.field).sort()).toEqual(['actions', 'date', 'findings', 'focus', 'matter']);
  });

  it('a case recorded or linked makes the entry reported', () => {
    const result = validateEntry(entry({ caseAction: 'create' }), '2026-11-26');
    expect(result.ok && result.value.reported).toBe(true);
    const plain = validateEntry(entry(), '2026-11-26');
    expect(plain.ok && plain.value.reported).toBe(false);
  });
});

describe('CSRF', () => {
  const posts = () => [
    ['/staff/records', entry({ matter: 'CSRF 测试' })],
    [`/staff/records/${entries.d.id}/review`, { comment: 'CSRF 测试' }],
  ] as const;

  it('a POST without the session’s token is refused and changes nothing', async () => {
    for (const [path, fields] of posts()) {
      for (const token of ['', 'not-the-token', staff.liaisonD.csrf]) {
        const who = path.endsWith('/review') ? staff.admin : staff.liaisonQ;
        const res = await staffPost(who, path, { ...fields }, token);
        expect(res.status, `${path} ${token}`).toBe(403);
        expect(await res.text()).toContain('页面已过期，请刷新后重试。');
      }
    }
    expect((await env.DB.prepare("SELECT count(*) AS n FROM record_entries WHERE matter = 'CSRF 测试' OR review_comment = 'CSRF 测试'").first<{ n: number }>())!.n).toBe(0);
  });

  it('a POST from another site is refused', async () => {
    const res = await call('/staff/records', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://elsewhere.example', cookie: staff.liaisonQ.cookie },
      body: new URLSearchParams({ csrf: staff.liaisonQ.csrf, ...entry({ matter: 'CSRF 测试' }) }).toString(),
    });
    expect(res.status).toBe(403);
    expect(await entryCount()).toBeGreaterThan(0);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM record_entries WHERE matter = 'CSRF 测试'").first<{ n: number }>())!.n).toBe(0);
  });
});

describe('an entry that reported a cadre', () => {
  it('keeps its words for the discipline committee: the officer, town staff and admin see only that it exists', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const handler = await staffMember('handler');
    const admin = await staffMember('admin');
    const committee = await staffMember('discipline');
    const matter = '（测试）村干部虚报工程量';
    const res = await staffPost(
      officer,
      '/staff/records',
      entry({ date: '2026-11-20', focus: 'power', matter, findings: '（测试）工程结算单与现场不符，涉及村干部，需要镇纪委核查。', caseAction: 'create' }),
    );
    expect(res.status, await res.clone().text()).toBe(303);
    for (const who of [officer, handler, admin]) {
      const list = await (await staffGet(who, '/staff/records?month=2026-11&village=qinglian')).text();
      expect(list, who.role).not.toContain(matter);
      expect(list, who.role).not.toContain('工程结算单与现场不符');
    }
    const committeeList = await (await staffGet(committee, '/staff/records?month=2026-11')).text();
    expect(committeeList).not.toContain(matter); // sealed under the entry's own key
    expect(await asCommitteeSees(committeeList)).toContain(matter);
  });
});

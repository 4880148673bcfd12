/// <reference types="vite/client" />
// Every route the staff console registers × every role: the admin, a town handler, the liaison
// officer of the case's village and of another village, a committee member, nobody signed in, and
// the old session of an account deactivated since. The routes are read from the router itself:
// a route added without a row here fails the first test, naming it. Each cell says what that role
// gets: allowed (and the effect it has), let through to the form or workflow (whose own refusal
// then stores nothing), refused with the message the code gives, or sent to sign in; a refused
// POST leaves what it would have changed as it was, and so does one carrying another session's
// CSRF token. Where a refusal could tell one case from another (kept from the village or merely
// another village's, an entry out of reach or none at all), the two refusals are byte for byte
// the same. Both mounts, /staff and /en/staff.
import { plainJpeg } from '../helpers/photo-fixtures.ts';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../content/index.ts';
import { translate, type UiKey } from '../../content/ui.ts';
import { newKeyPair, openForRecovery, openSealed, sealForMember, sealTo } from '../../core/sealed.ts';
import { randomBytes } from '../../core/bytes.ts';
import { staff as staffApp } from '../../worker/routes/staff.tsx';
import { draftMonthlyNotice } from '../../worker/services/rhythm.ts';
import { scheduledStatistics } from '../../worker/services/stats.ts';
import { committeeKey } from './committee-support.ts';
import { PASSWORD, closedCase, createStaff, signedIn, staffMember, staffPost, type Staff } from './staff-support.ts';
import { call, newId, postForm, submission } from './support.ts';
import { actorWith, published, regulationForm } from './publishing-support.ts';
import { saveDraft, submitForReview } from '../../worker/services/publishing.ts';
import { planDisclosureImport } from '../../worker/tools/disclosures-import.ts';
import { validateSubmission } from '../../worker/cases/submission.ts';
import { submit } from '../../worker/services/mailbox.ts';
import { TEST_QUERY_CODE_KEY } from './test-key.ts';

const disclosureFiles = import.meta.glob('../../content/seed/disclosures/*/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

type Role5 = 'admin' | 'handler' | 'liaisonQ' | 'liaisonD' | 'discipline';
/** With Qinglian's village clerk, who drafts its disclosures (and holds that right) and sees nothing else. */
type Role6 = Role5 | 'clerkQ';
type Who = Role6 | 'signedOut' | 'deactivated';
const ROLES: Role6[] = ['admin', 'handler', 'liaisonQ', 'liaisonD', 'discipline', 'clerkQ'];
const WHO: Who[] = [...ROLES, 'signedOut', 'deactivated'];
const staff = {} as Record<Role6 | 'deactivated', Staff>;

/**
 * What a role gets: `ok` allowed (a POST with `effect` changes what `state` reads), `reaches` let
 * through to a form or workflow that refuses the request itself (nothing changes), `no` refused by
 * the access rules with this message (nothing changes).
 */
type Expect = { ok: number } | { reaches: number } | { no: 403 | 404; says: UiKey };
const ok = (status = 200): Expect => ({ ok: status });
const reaches = (status: number): Expect => ({ reaches: status });
const no = (says: UiKey, status: 403 | 404 = 403): Expect => ({ no: status, says });
/** A village clerk reaches its village's desk, its own password and signing out; every other route refuses it. */
const CLERK: Expect = no('staff.errors.forbidden');
const expectOf = (scenario: Scenario, who: Role6): Expect => (who === 'clerkQ' ? (scenario.expect.clerkQ ?? CLERK) : scenario.expect[who]);
/** The same answer for every role (the clerk's is said where it is not CLERK). */
const all = (e: Expect): Record<Role5, Expect> => ({ admin: e, handler: e, liaisonQ: e, liaisonD: e, discipline: e });

interface Ctx {
  /** Who sends the request, when not the role's shared session (signing out ends a session of its own). */
  as?: Staff | null;
  [key: string]: unknown;
}

interface Scenario {
  name: string;
  /** Fresh fixtures for the cell (a case to move, an account to change). */
  prepare?: (who: Who, actor: Staff | null) => Promise<Ctx>;
  path: (ctx: Ctx) => string;
  fields?: (ctx: Ctx, who: Who) => Record<string, string>;
  /** A clerk's cell, where it is not refused like every route outside its desk (CLERK). */
  expect: Record<Role5, Expect> & { clerkQ?: Expect };
  /** What the request may change, read before and after: a refused POST leaves it as it was. */
  state?: (ctx: Ctx, actor: Staff | null) => Promise<unknown>;
  /**
   * Where these roles are refused with the very same page: the same route on a case kept from
   * Qinglian (or an entry that does not exist). The refusal says nothing of which one it was.
   */
  twin?: { path: (ctx: Ctx) => string; for: Role5[] };
  /** An allowed POST changes what `state` reads, unless this says it may not (a sheet made again the same). */
  changes?: false;
  /** For an allowed cell: what the role saw or did. */
  effect?: (ctx: Ctx, who: Role5, html: string, before: unknown, after: unknown, actor: Staff) => Promise<void> | void;
}

const one = async (sql: string, ...args: unknown[]) => env.DB.prepare(sql).bind(...args).first();
const number = (html: string) => /CL-\d{4}-\d{6}/.exec(html)![0];
const webCase = async (village = 'qinglian', subject = '路灯不亮') => number(await (await postForm('/mailbox', submission({ village, subject }))).text());
const caseState = (n: string) => one('SELECT c.status, (SELECT count(*) FROM case_events e WHERE e.case_id = c.id) AS events FROM cases c WHERE c.case_number = ?1', n);
const userId = async (username: string) => (await one('SELECT id FROM staff_users WHERE username = ?1', username))!.id as number;
const userState = (id: unknown) => one('SELECT role, village_id, active, password_hash, (SELECT count(*) FROM staff_sessions WHERE user_id = ?1) AS sessions FROM staff_users WHERE id = ?1', id);
const count = async (table: string) => (await one(`SELECT count(*) AS n FROM ${table}`))!.n;
const STRONG = 'violet harbour lantern quietly forty-seven meadows';
const OUTCOME = { problem: '村道两侧路灯损坏，夜间通行不便。', action: '村联络员当天联系电工，更换了损坏的灯泡。', outcome: '路灯已恢复照明，群众表示满意。' };

const ANSWER = '10月办公费为打印纸、墨盒和公开栏维修费用，凭证可在工作日查阅。';
let imported: Promise<unknown> | undefined;
/** A question about Qinglian's October finances (the YAML disclosures imported once). */
async function questionCase(overrides: Record<string, string> = {}): Promise<string> {
  imported ??= (async () => {
    const plan = planDisclosureImport(Object.entries(disclosureFiles).map(([path, text]) => ({ name: path.split('/').slice(-2).join('/'), text })));
    await env.DB.batch(plan.statements.map((q) => env.DB.prepare(q)));
  })();
  await imported;
  const fields = submission({ village: 'qinglian', category: 'disclosure-question', disclosure: 'qinglian-2026-10-finances', subject: '办公费是哪些开支', ...overrides });
  return number(await (await postForm('/mailbox', fields)).text());
}

const fixture = {} as { entryId: number; entryMatter: string; week: string; month: string; readSubject: string; readCase: string; keptCase: string };

// One row per method and route, as the staff app registers them (paths under /staff).
const ROUTES: Record<string, Scenario[]> = {
  'GET /sign-in': [{ name: 'the sign-in form', path: () => '/sign-in', expect: { ...all(ok()), clerkQ: ok() } }],
  'POST /sign-in': [
    {
      name: 'signing in (anyone may, whoever they are now)',
      prepare: async () => ({ username: await createStaff('handler') }),
      path: () => '/sign-in',
      fields: (ctx) => ({ username: ctx.username as string, password: PASSWORD }),
      expect: { ...all(ok(303)), clerkQ: ok(303) },
      state: async (ctx) => userState(await userId(ctx.username as string)),
    },
  ],
  'GET /': [{ name: 'the console', path: () => '/', expect: { ...all(ok(303)), clerkQ: ok(303) } }],
  'POST /sign-out': [
    {
      name: 'signing out',
      prepare: async (who) => ({ as: await another(who) }),
      path: () => '/sign-out',
      expect: { ...all(ok(303)), clerkQ: ok(303) },
      state: async (ctx) => (ctx.as ? userState(await userId(ctx.as.username)) : null),
      effect: (_ctx, _who, _html, before, after) => expect((after as { sessions: number }).sessions).toBe((before as { sessions: number }).sessions - 1),
    },
  ],
  'POST /sign-out-everywhere': [
    {
      name: 'signing out everywhere',
      prepare: async (who) => ({ as: await another(who) }),
      path: () => '/sign-out-everywhere',
      expect: { ...all(ok(303)), clerkQ: ok(303) },
      state: async (ctx) => (ctx.as ? userState(await userId(ctx.as.username)) : null),
      effect: (_ctx, _who, _html, _before, after) => expect((after as { sessions: number }).sessions).toBe(0),
    },
  ],
  // A clerk signing in lands on the queue, and is sent on to its village's desk.
  'GET /cases': [{ name: 'the queue', path: () => '/cases', expect: { ...all(ok()), clerkQ: ok(303) } }],
  // The filter form, POSTed so that a query code typed in its search box reaches no URL: it writes nothing, it answers with the GET of the filter.
  'POST /cases': [{ name: 'the queue’s filter form', path: () => '/cases', fields: () => ({ village: 'qinglian', q: '路灯' }), expect: all(ok(303)), state: () => count('cases'), changes: false }],
  'POST /cases/spam': [
    {
      name: 'marking a new case of Qinglian spam',
      prepare: async () => ({ n: await webCase() }),
      path: () => '/cases/spam',
      fields: (ctx) => ({ [`case:${ctx.n}`]: 'on' }),
      // Another village's officer is told the case was skipped, as for a number that does not exist.
      expect: { admin: ok(303), handler: ok(303), liaisonQ: ok(303), liaisonD: reaches(303), discipline: no('staff.errors.forbidden') },
      state: (ctx) => caseState(ctx.n as string),
      effect: (_ctx, _who, _html, _before, after) => expect((after as { status: string }).status).toBe('not_accepted'),
    },
    {
      name: 'marking a new case kept from Qinglian spam',
      prepare: async () => ({ n: number(await (await postForm('/mailbox', submission({ village: 'qinglian', concernsOfficers: 'yes' }))).text()) }),
      path: () => '/cases/spam',
      fields: (ctx) => ({ [`case:${ctx.n}`]: 'on' }),
      expect: { admin: ok(303), handler: ok(303), liaisonQ: reaches(303), liaisonD: reaches(303), discipline: no('staff.errors.forbidden') },
      state: (ctx) => caseState(ctx.n as string),
    },
    {
      name: 'marking a new cadre report spam',
      prepare: async () => ({ n: number(await (await postForm('/mailbox', submission({ village: 'qinglian', category: 'cadre-report' }))).text()) }),
      path: () => '/cases/spam',
      fields: (ctx) => ({ [`case:${ctx.n}`]: 'on' }),
      // The committee refuses its reports one by one ("not accepted", with its reason), never in bulk.
      expect: { ...all(reaches(303)), discipline: no('staff.errors.forbidden') },
      state: (ctx) => caseState(ctx.n as string),
    },
    {
      name: 'marking spam a new case of Qinglian the viewer stepped aside from',
      prepare: async (who, actor) => {
        const n = await webCase();
        if (actor && (who === 'admin' || who === 'handler' || who === 'liaisonQ')) expect((await staffPost(actor, `/staff/cases/${n}/conflict`, { reason: 'relative' })).status).toBe(303);
        return { n };
      },
      path: () => '/cases/spam',
      fields: (ctx) => ({ [`case:${ctx.n}`]: 'on' }),
      expect: { ...all(reaches(303)), discipline: no('staff.errors.forbidden') },
      state: (ctx) => caseState(ctx.n as string),
    },
  ],
  'GET /cases/new': [{ name: 'the record form for letters, calls and visits', path: () => '/cases/new', expect: all(ok()) }],
  'POST /cases/new': [
    {
      name: 'recording a letter for Qinglian',
      path: () => '/cases/new',
      fields: (_ctx, who) => ({ ...submission({ village: 'qinglian', subject: `登记 ${who}` }), channel: 'mailbox' }),
      // The committee records only what goes to it: an ordinary letter is refused by its category.
      expect: { admin: ok(201), handler: ok(201), liaisonQ: ok(201), liaisonD: no('staff.errors.village'), discipline: reaches(422) },
      state: () => count('cases'),
    },
  ],
  'GET /cases/:number': [
    {
      name: 'opening a case of Qinglian',
      path: () => `/cases/${fixture.readCase}`,
      twin: { path: () => `/cases/${fixture.keptCase}`, for: ['liaisonD', 'discipline'] },
      expect: { admin: ok(), handler: ok(), liaisonQ: ok(), liaisonD: no('staff.errors.forbidden'), discipline: no('staff.errors.forbidden') },
      effect: (_ctx, _who, html) => expect(html).toContain(fixture.readSubject),
    },
  ],
  'POST /cases/:number/moves': [
    {
      name: 'accepting a new case of Qinglian',
      prepare: async () => ({ n: await webCase() }),
      path: (ctx) => `/cases/${ctx.n}/moves`,
      twin: { path: () => `/cases/${fixture.keptCase}/moves`, for: ['liaisonD', 'discipline'] },
      fields: () => ({ move: 'accept', message: '已受理。' }),
      expect: { admin: ok(303), handler: ok(303), liaisonQ: ok(303), liaisonD: no('staff.errors.forbidden'), discipline: no('staff.errors.forbidden') },
      state: (ctx) => caseState(ctx.n as string),
      effect: (_ctx, _who, _html, _before, after) => expect((after as { status: string }).status).not.toBe('received'),
    },
  ],
  'POST /cases/:number/outcome': [
    {
      name: 'publishing the outcome of a closed case of Qinglian',
      prepare: async () => ({ n: await closedCase(staff.liaisonQ) }),
      path: (ctx) => `/cases/${ctx.n}/outcome`,
      twin: { path: () => `/cases/${fixture.keptCase}/outcome`, for: ['liaisonD', 'discipline'] },
      fields: () => OUTCOME,
      // Town staff publish; the village's officer handles the case, and is told that town staff publish.
      expect: { admin: ok(303), handler: ok(303), liaisonQ: no('outcomes.staff.townOnly'), liaisonD: no('staff.errors.forbidden'), discipline: no('staff.errors.forbidden') },
      state: (ctx) => one('SELECT count(*) AS n FROM outcomes o JOIN cases c ON c.id = o.case_id WHERE c.case_number = ?1', ctx.n),
      effect: async (ctx) => expect((await call(`/outcomes/${ctx.n}`)).status).toBe(200),
    },
    {
      name: 'publishing the outcome of a closed case kept from Qinglian',
      prepare: async () => ({ n: await closedCase(staff.handler, { village: 'qinglian', concernsOfficers: 'yes' }) }),
      path: (ctx) => `/cases/${ctx.n}/outcome`,
      fields: () => OUTCOME,
      // Its number and village in public would tell the village's officers it exists.
      expect: { admin: reaches(409), handler: reaches(409), liaisonQ: no('staff.errors.forbidden'), liaisonD: no('staff.errors.forbidden'), discipline: no('staff.errors.forbidden') },
      state: (ctx) => one('SELECT count(*) AS n FROM outcomes o JOIN cases c ON c.id = o.case_id WHERE c.case_number = ?1', ctx.n),
    },
  ],
  'POST /cases/:number/answer': [
    {
      name: 'publishing the answer to a question about a disclosure of Qinglian under it',
      prepare: async () => ({ n: await questionCase() }),
      path: (ctx) => `/cases/${ctx.n}/answer`,
      twin: { path: () => `/cases/${fixture.keptCase}/answer`, for: ['liaisonD', 'discipline'] },
      fields: () => ({ answer: ANSWER }),
      // Whoever handles it: the village's supervision, or town staff.
      expect: { admin: ok(303), handler: ok(303), liaisonQ: ok(303), liaisonD: no('staff.errors.forbidden'), discipline: no('staff.errors.forbidden') },
      state: () => one(`SELECT count(*) AS n FROM disclosure_addenda`),
      effect: async () => expect(await (await call('/disclosures/qinglian/2026-10-finances/')).text()).toContain(ANSWER),
    },
    {
      name: 'publishing the answer and ending the question with it (同时办结并告知群众)',
      prepare: async () => ({ n: await questionCase() }),
      path: (ctx) => `/cases/${ctx.n}/answer`,
      twin: { path: () => `/cases/${fixture.keptCase}/answer`, for: ['liaisonD', 'discipline'] },
      fields: () => ({ answer: ANSWER, resolve: '1' }),
      expect: { admin: ok(303), handler: ok(303), liaisonQ: ok(303), liaisonD: no('staff.errors.forbidden'), discipline: no('staff.errors.forbidden') },
      state: async (ctx) => ({ addenda: await count('disclosure_addenda'), ...(await caseState(ctx.n as string)) }),
      effect: (_ctx, _who, _html, _before, after) => expect(after).toMatchObject({ status: 'closed', events: 4 }),
    },
    {
      name: 'ending a question kept from Qinglian’s officers with its answer',
      prepare: async () => ({ n: await questionCase({ concernsOfficers: 'yes' }) }),
      path: (ctx) => `/cases/${ctx.n}/answer`,
      fields: () => ({ answer: ANSWER, resolve: '1' }),
      // Town staff handle it; the village's own officers are refused as for any case kept from them.
      expect: { admin: ok(303), handler: ok(303), liaisonQ: no('staff.errors.forbidden'), liaisonD: no('staff.errors.forbidden'), discipline: no('staff.errors.forbidden') },
      state: async (ctx) => ({ addenda: await count('disclosure_addenda'), ...(await caseState(ctx.n as string)) }),
      effect: (_ctx, _who, _html, _before, after) => expect(after).toMatchObject({ status: 'closed', events: 4 }),
    },
    {
      name: 'publishing an answer on a case that asks about no disclosure',
      prepare: async () => ({ n: await webCase() }),
      path: (ctx) => `/cases/${ctx.n}/answer`,
      fields: () => ({ answer: ANSWER }),
      expect: { admin: reaches(409), handler: reaches(409), liaisonQ: reaches(409), liaisonD: no('staff.errors.forbidden'), discipline: no('staff.errors.forbidden') },
      state: () => one(`SELECT count(*) AS n FROM disclosure_addenda`),
    },
  ],
  'POST /cases/:number/outcome/withdraw': [
    {
      name: 'withdrawing a published outcome of Qinglian',
      prepare: async () => {
        const n = await closedCase(staff.liaisonQ);
        expect((await staffPost(staff.handler, `/staff/cases/${n}/outcome`, OUTCOME)).status).toBe(303);
        return { n };
      },
      path: (ctx) => `/cases/${ctx.n}/outcome/withdraw`,
      twin: { path: () => `/cases/${fixture.keptCase}/outcome/withdraw`, for: ['liaisonD', 'discipline'] },
      expect: { admin: ok(303), handler: ok(303), liaisonQ: no('outcomes.staff.townOnly'), liaisonD: no('staff.errors.forbidden'), discipline: no('staff.errors.forbidden') },
      state: (ctx) => one('SELECT o.withdrawn_at IS NOT NULL AS withdrawn FROM outcomes o JOIN cases c ON c.id = o.case_id WHERE c.case_number = ?1', ctx.n),
      effect: async (ctx) => expect((await call(`/outcomes/${ctx.n}`)).status).toBe(404),
    },
  ],
  'GET /cases/:number/access': [
    {
      name: "a case of Qinglian's access log",
      path: () => `/cases/${fixture.readCase}/access`,
      twin: { path: () => `/cases/${fixture.keptCase}/access`, for: ['handler', 'liaisonQ', 'liaisonD', 'discipline'] },
      expect: { admin: ok(), handler: no('staff.errors.adminOnly'), liaisonQ: no('staff.errors.adminOnly'), liaisonD: no('staff.errors.adminOnly'), discipline: no('staff.errors.adminOnly') },
    },
  ],
  'GET /cases/:number/photos/:id': [
    {
      name: 'a photo of a case of Qinglian',
      prepare: async () => {
        const form = new FormData();
        for (const [k, v] of Object.entries(submission({ village: 'qinglian', subject: '河边垃圾' }))) form.append(k, v);
        form.append('photos', new File([plainJpeg()], 'photo.jpg', { type: 'image/jpeg' }));
        const n = number(await (await call('/mailbox', { method: 'POST', body: form })).text());
        const photo = await one('SELECT p.id FROM case_photos p JOIN cases c ON c.id = p.case_id WHERE c.case_number = ?1', n);
        return { n, id: photo!.id };
      },
      path: (ctx) => `/cases/${ctx.n}/photos/${ctx.id}`,
      twin: { path: () => `/cases/${fixture.keptCase}/photos/AAAAAAAAAAAAAAAAAAAAAA`, for: ['liaisonD', 'discipline'] },
      expect: { admin: ok(), handler: ok(), liaisonQ: ok(), liaisonD: no('staff.errors.forbidden'), discipline: no('staff.errors.forbidden') },
    },
  ],
  'POST /cases/:number/conflict': [
    {
      name: 'declaring a conflict of interest on a case of Qinglian',
      prepare: async () => ({ n: await webCase() }),
      path: (ctx) => `/cases/${ctx.n}/conflict`,
      twin: { path: () => `/cases/${fixture.keptCase}/conflict`, for: ['liaisonD', 'discipline'] },
      fields: () => ({ reason: 'relative' }),
      expect: { admin: ok(303), handler: ok(303), liaisonQ: ok(303), liaisonD: no('staff.errors.forbidden'), discipline: no('staff.errors.forbidden') },
      state: (ctx) => one('SELECT count(*) AS n FROM conflict_declarations d JOIN cases c ON c.id = d.case_id WHERE c.case_number = ?1', ctx.n),
    },
  ],
  'POST /cases/:number/send-up': [
    {
      name: 'sending a cadre report of Qinglian up to the county',
      prepare: async () => ({ n: number(await (await postForm('/mailbox', submission({ village: 'qinglian', category: 'cadre-report' }))).text()) }),
      path: (ctx) => `/cases/${ctx.n}/send-up`,
      fields: () => ({ reason: 'county', channel: 'confidential_mail', confirmSent: 'yes' }),
      expect: { admin: no('staff.errors.forbidden'), handler: no('staff.errors.forbidden'), liaisonQ: no('staff.errors.forbidden'), liaisonD: no('staff.errors.forbidden'), discipline: ok(303) },
      state: (ctx) => one('SELECT c.status, (SELECT count(*) FROM case_keys k WHERE k.case_id = c.id) AS keys FROM cases c WHERE c.case_number = ?1', ctx.n),
      effect: (_ctx, _who, _html, _before, after) => expect(after).toEqual({ status: 'sent_up', keys: 0 }),
    },
    {
      name: 'sending an ordinary case of Qinglian up to the county',
      prepare: async () => ({ n: await webCase() }),
      path: (ctx) => `/cases/${ctx.n}/send-up`,
      twin: { path: () => `/cases/${fixture.keptCase}/send-up`, for: ['liaisonD', 'discipline'] },
      fields: () => ({ reason: 'county', channel: 'confidential_mail', confirmSent: 'yes' }),
      expect: all(no('staff.errors.forbidden')),
      state: (ctx) => caseState(ctx.n as string),
    },
  ],
  'GET /conflicts': [
    {
      name: 'the conflicts of interest declared',
      path: () => '/conflicts',
      expect: { admin: ok(), handler: no('conflict.log.forbidden'), liaisonQ: no('conflict.log.forbidden'), liaisonD: no('conflict.log.forbidden'), discipline: ok() },
    },
  ],

  // Accounts: the admin's are every account but the committee's; the committee's are its own.
  'GET /accounts': [
    {
      name: 'the accounts',
      path: () => '/accounts',
      expect: { admin: ok(), handler: no('staff.errors.adminOnly'), liaisonQ: no('staff.errors.adminOnly'), liaisonD: no('staff.errors.adminOnly'), discipline: ok() },
    },
  ],
  'POST /accounts': [
    {
      name: 'creating a town account',
      prepare: async () => ({ username: `made-${newId().slice(0, 8).toLowerCase()}` }),
      path: () => '/accounts',
      fields: (ctx) => ({ username: ctx.username as string, displayName: '新账户', role: 'handler', village: '', password: STRONG }),
      // A member's form makes a committee account, which needs the member's keys from the browser.
      expect: { admin: ok(303), handler: no('staff.errors.adminOnly'), liaisonQ: no('staff.errors.adminOnly'), liaisonD: no('staff.errors.adminOnly'), discipline: reaches(422) },
      state: (ctx) => one('SELECT count(*) AS n FROM staff_users WHERE username = ?1', ctx.username),
    },
    {
      name: 'creating a committee account',
      // With the new member's keys, as the member's browser makes them.
      prepare: async () => ({ username: `member-${newId().slice(0, 8).toLowerCase()}`, keys: await memberKeys() }),
      path: () => '/accounts',
      fields: (ctx) => ({ username: ctx.username as string, displayName: '新成员', role: 'discipline', village: '', password: STRONG, ...(ctx.keys as Record<string, string>) }),
      // The admin never makes a way into the sealed reports.
      expect: { admin: no('accounts.errors.disciplineByCommittee'), handler: no('staff.errors.adminOnly'), liaisonQ: no('staff.errors.adminOnly'), liaisonD: no('staff.errors.adminOnly'), discipline: ok(303) },
      state: (ctx) => one('SELECT count(*) AS n FROM staff_users WHERE username = ?1', ctx.username),
    },
  ],
  'POST /accounts/:id/deactivate': [
    accountScenario('deactivating a town account', 'handler', true, () => ({ confirm: 'yes' }), 'town', (after) => expect(after.active).toBe(0)),
    accountScenario('deactivating a committee account', 'discipline', true, () => ({ confirm: 'yes' }), 'committee', (after) => expect(after.active).toBe(0)),
  ],
  'POST /accounts/:id/reactivate': [
    accountScenario('re-activating a town account', 'handler', false, () => ({}), 'town', (after) => expect(after.active).toBe(1)),
    accountScenario('re-activating a committee account', 'discipline', false, () => ({}), 'committee', (after) => expect(after.active).toBe(1)),
  ],
  'POST /accounts/:id/password': [
    accountScenario('resetting a town account’s password', 'handler', true, () => ({ password: STRONG }), 'town', (after, before) => {
      expect(after.password_hash).not.toBe(before.password_hash);
      expect(after.sessions).toBe(0);
    }),
    // A member's new password comes with new keys made in the resetting member's browser: without them, the form refuses.
    accountScenario('resetting a committee account’s password without new keys', 'discipline', true, () => ({ password: STRONG }), 'committee-form'),
    accountScenario('resetting a committee account’s password', 'discipline', true, (keys) => ({ password: STRONG, ...keys }), 'committee', (after, before) => {
      expect(after.password_hash).not.toBe(before.password_hash);
      expect(after.sessions).toBe(0);
    }),
  ],
  'POST /accounts/:id/role': [
    accountScenario('making a town account a liaison officer', 'handler', true, () => ({ role: 'liaison', village: 'qinglian' }), 'town', (after) => {
      expect(after.role).toBe('liaison');
      expect(after.sessions).toBe(0);
    }),
    accountScenario('making a town account a committee member', 'handler', true, () => ({ role: 'discipline', village: '' }), 'nobody'),
    accountScenario('making a committee account a town handler', 'discipline', true, () => ({ role: 'handler', village: '' }), 'nobody'),
  ],
  // Rights over the town's documents: the admin grants them, to town staff and the town administrator only.
  'POST /accounts/:id/rights': [
    rightsScenario('granting a town handler both rights', 'handler', { admin: ok() }),
    rightsScenario('granting another town administrator both rights', 'admin', { admin: ok() }),
    // A village's accounts are granted rights over their village's disclosures: both for a liaison officer, drafting alone for a clerk.
    rightsScenario('granting a liaison officer both of its village’s rights', 'liaison', { admin: ok() }),
    rightsScenario('granting a village clerk the right to approve', 'clerk', { admin: reaches(422) }),
    rightsScenario('granting a committee member the town’s rights', 'discipline', {}),
  ],
  // The publishing console: staff holding a right over the town's documents (here the handler, who
  // holds both; the admin holds none), never a liaison officer or the committee.
  'GET /publishing': [{ name: 'the publishing console', path: () => '/publishing', expect: publisher(ok(303)) }],
  'GET /publishing/regulations': [{ name: 'the regulations in the console', path: () => '/publishing/regulations?list=review', expect: publisher(ok()) }],
  'GET /publishing/regulations/new': [{ name: 'the drafting form', path: () => '/publishing/regulations/new', expect: publisher(ok()) }],
  'POST /publishing/regulations/new': [
    {
      name: 'drafting a regulation',
      prepare: async () => ({ form: regulationForm() }),
      path: () => '/publishing/regulations/new',
      fields: (ctx) => ({ ...(ctx.form as Record<string, string>), action: 'save' }),
      expect: publisher(ok(303)),
      state: (ctx) => one('SELECT count(*) AS n FROM documents WHERE slug = ?1', (ctx.form as Record<string, string>).slug),
    },
  ],
  'GET /publishing/regulations/:id': [{ name: 'a draft in review', prepare: inReview, path: (ctx) => `/publishing/regulations/${ctx.id}`, expect: publisher(ok()) }],
  'POST /publishing/regulations/:id': [
    {
      name: 'saving another’s draft again',
      prepare: async () => {
        const drafter = await actorWith('draft');
        const form = regulationForm();
        const saved = await saveDraft(env.DB, drafter, form);
        return { id: (saved as { value: { id: number } }).value.id, form };
      },
      path: (ctx) => `/publishing/regulations/${ctx.id}`,
      fields: (ctx) => ({ ...(ctx.form as Record<string, string>), summary_zh: '改过的摘要。', action: 'save' }),
      expect: publisher(ok(303)),
      state: (ctx) => one('SELECT meta FROM document_versions WHERE document_id = ?1', ctx.id),
    },
  ],
  'GET /publishing/regulations/:id/attachment': [
    { name: 'a draft’s attachment, none uploaded', prepare: inReview, path: (ctx) => `/publishing/regulations/${ctx.id}/attachment`, expect: { ...publisher(ok()), handler: no('publishing.errors.notFound', 404) } },
  ],
  'GET /publishing/regulations/:id/preview': [{ name: 'a draft’s preview', prepare: inReview, path: (ctx) => `/publishing/regulations/${ctx.id}/preview`, expect: publisher(ok()) }],
  'POST /publishing/regulations/:id/approve': [
    { name: 'approving another’s draft', prepare: inReview, path: (ctx) => `/publishing/regulations/${ctx.id}/approve`, expect: publisher(ok(303)), state: versionState },
  ],
  'POST /publishing/regulations/:id/return': [
    {
      name: 'returning another’s draft',
      prepare: inReview,
      path: (ctx) => `/publishing/regulations/${ctx.id}/return`,
      fields: () => ({ comment: '请补充施行日期。' }),
      expect: publisher(ok(303)),
      state: versionState,
    },
  ],
  'POST /publishing/regulations/:id/correct': [
    {
      name: 'correcting a published regulation',
      prepare: async () => ({ id: (await published()).id }),
      path: (ctx) => `/publishing/regulations/${ctx.id}/correct`,
      fields: () => ({ note_zh: '更正一处错字。' }),
      expect: publisher(ok(303)),
      state: versionState,
    },
  ],
  'POST /publishing/regulations/:id/withdraw': [
    {
      name: 'withdrawing a published regulation',
      prepare: async () => ({ id: (await published()).id }),
      path: (ctx) => `/publishing/regulations/${ctx.id}/withdraw`,
      fields: () => ({ reason_zh: '已被新的文件代替。' }),
      expect: publisher(ok(303)),
      state: (ctx) => one('SELECT withdrawn_at FROM documents WHERE id = ?1', ctx.id),
    },
  ],
  // 本村公开: Qinglian's clerk drafts (the right to draft Qinglian's), its liaison officer signs off (the right to approve).
  'GET /villages': [
    {
      name: 'the villages’ desks',
      path: () => '/villages',
      // A village's accounts are sent to their own village's desk; the town sees every village's.
      expect: { admin: ok(), handler: ok(), liaisonQ: ok(303), liaisonD: ok(303), discipline: no('staff.errors.forbidden'), clerkQ: ok(303) },
    },
  ],
  'GET /villages/:village': [
    {
      name: 'Qinglian’s desk',
      path: () => '/villages/qinglian',
      twin: { path: () => '/villages/no-such-village', for: ['liaisonD', 'discipline'] },
      expect: { admin: ok(), handler: ok(), liaisonQ: ok(), liaisonD: no('staff.errors.forbidden'), discipline: no('staff.errors.forbidden'), clerkQ: ok() },
      effect: (_ctx, _who, html) => expect(html).toContain('data-kind="finances"'),
    },
  ],
  'GET /villages/:village/new': [
    {
      name: 'the form to draft a Qinglian disclosure',
      path: () => '/villages/qinglian/new?kind=finances',
      expect: { ...village(no('publishing.errors.noDraftRight')), clerkQ: ok() },
    },
  ],
  'POST /villages/:village/new': [
    {
      name: 'drafting a Qinglian disclosure from pasted rows',
      path: () => '/villages/qinglian/new',
      fields: () => disclosureForm(),
      expect: { ...village(no('publishing.errors.noDraftRight')), clerkQ: ok(303) },
      state: () => count('documents'),
    },
  ],
  'GET /villages/:village/:id': [
    {
      name: 'a Qinglian disclosure being drafted',
      prepare: async () => ({ id: await disclosureDraft() }),
      path: (ctx) => `/villages/qinglian/${ctx.id}`,
      expect: { admin: ok(), handler: ok(), liaisonQ: ok(), liaisonD: no('staff.errors.forbidden'), discipline: no('staff.errors.forbidden'), clerkQ: ok() },
      effect: (_ctx, _who, html) => expect(html).toContain('id="disclosure-preview"'),
    },
  ],
  'GET /villages/:village/:id/files/:file': [
    {
      name: 'a photo of the posted board with a Qinglian draft (not public until signed off)',
      prepare: async () => {
        const form = new FormData();
        form.set('csrf', staff.clerkQ.csrf);
        for (const [k, v] of Object.entries(disclosureForm())) form.set(k, v);
        form.set('photos', new File([plainJpeg()], 'board.jpg', { type: 'image/jpeg' }));
        const saved = await call('/staff/villages/qinglian/new', { method: 'POST', headers: { cookie: staff.clerkQ.cookie }, body: form });
        expect(saved.status).toBe(303);
        const id = Number(/\/villages\/qinglian\/(\d+)/.exec(saved.headers.get('location')!)![1]);
        const meta = JSON.parse((await one('SELECT meta FROM document_versions WHERE document_id = ?1', id))!.meta as string);
        return { id, sha: meta.photos[0].sha };
      },
      path: (ctx) => `/villages/qinglian/${ctx.id}/files/${ctx.sha}.jpg`,
      twin: { path: (ctx) => `/villages/no-such-village/${ctx.id}/files/${ctx.sha}.jpg`, for: ['liaisonD', 'discipline'] },
      expect: { admin: ok(), handler: ok(), liaisonQ: ok(), liaisonD: no('staff.errors.forbidden'), discipline: no('staff.errors.forbidden'), clerkQ: ok() },
    },
  ],
  'GET /villages/:village/:id/edit': [
    {
      name: 'changing a Qinglian draft',
      prepare: async () => ({ id: await disclosureDraft() }),
      path: (ctx) => `/villages/qinglian/${ctx.id}/edit`,
      expect: { ...village(no('publishing.errors.noDraftRight')), clerkQ: ok() },
    },
  ],
  'POST /villages/:village/:id': [
    {
      name: 'saving a Qinglian draft again',
      prepare: async () => {
        const form = disclosureForm();
        return { id: await disclosureDraft(form), form };
      },
      path: (ctx) => `/villages/qinglian/${ctx.id}`,
      fields: (ctx) => ({ ...(ctx.form as Record<string, string>), summary: '改过的概述。' }),
      expect: { ...village(no('publishing.errors.noDraftRight')), clerkQ: ok(303) },
      state: (ctx) => one('SELECT meta FROM document_versions WHERE document_id = ?1', ctx.id),
    },
  ],
  'POST /villages/:village/:id/:step{submit|approve|return|correct|withdraw}': [
    {
      name: 'sending a Qinglian draft for review',
      prepare: async () => ({ id: await disclosureDraft() }),
      path: (ctx) => `/villages/qinglian/${ctx.id}/submit`,
      expect: { ...village(no('publishing.errors.noDraftRight')), clerkQ: ok(303) },
      state: (ctx) => one('SELECT state FROM document_versions WHERE document_id = ?1', ctx.id),
    },
    {
      name: 'signing off a Qinglian disclosure in review',
      prepare: async () => ({ id: await disclosureDraft(disclosureForm(), true) }),
      path: (ctx) => `/villages/qinglian/${ctx.id}/approve`,
      // Only the village's supervision signs off; never its clerk, never the town.
      expect: { ...village(no('publishing.errors.noApproveRight')), liaisonQ: ok(303), clerkQ: no('publishing.errors.noApproveRight') },
      state: (ctx) => one('SELECT published_seq FROM documents WHERE id = ?1', ctx.id),
    },
    {
      name: 'signing off a correction of a Qinglian disclosure that answers a resident’s question',
      prepare: async () => {
        const id = await disclosureDraft(disclosureForm(), true);
        expect((await staffPost(staff.liaisonQ, `/staff/villages/qinglian/${id}/approve`, {})).status).toBe(303);
        const slug = (await one('SELECT slug FROM documents WHERE id = ?1', id))!.slug as string;
        const valid = validateSubmission(submission({ village: 'qinglian', category: 'disclosure-question', disclosure: slug, subject: '工程款是否到位' }));
        const sent = valid.ok ? await submit(env.DB, TEST_QUERY_CODE_KEY, valid.value, 'zh-CN') : null;
        expect(sent?.ok).toBe(true);
        expect((await staffPost(staff.clerkQ, `/staff/villages/qinglian/${id}/correct`, { note: '资金来源录入有误，已更正。' })).status).toBe(303);
        expect((await staffPost(staff.clerkQ, `/staff/villages/qinglian/${id}/submit`, {})).status).toBe(303);
        return { id, n: sent?.ok ? sent.value.receipt.caseNumber : '' };
      },
      path: (ctx) => `/villages/qinglian/${ctx.id}/approve`,
      fields: (ctx) => ({ [`answers-${ctx.n}`]: 'yes' }),
      // Only the village's supervision signs off, and ends the question with it; the clerk is refused as for any sign-off.
      expect: { ...village(no('publishing.errors.noApproveRight')), liaisonQ: ok(303), clerkQ: no('publishing.errors.noApproveRight') },
      state: async (ctx) => ({ published: (await one('SELECT published_seq FROM documents WHERE id = ?1', ctx.id))!.published_seq, ...(await caseState(ctx.n as string)), addenda: await count('disclosure_addenda') }),
      effect: (_ctx, _who, _html, _before, after) => expect(after).toMatchObject({ published: 2, status: 'closed' }),
    },
    {
      name: 'returning a Qinglian disclosure in review',
      prepare: async () => ({ id: await disclosureDraft(disclosureForm(), true) }),
      path: (ctx) => `/villages/qinglian/${ctx.id}/return`,
      fields: () => ({ comment: '请补充说明。' }),
      expect: { ...village(no('publishing.errors.noApproveRight')), liaisonQ: ok(303), clerkQ: no('publishing.errors.noApproveRight') },
      state: (ctx) => one('SELECT state FROM document_versions WHERE document_id = ?1', ctx.id),
    },
  ],
  'GET /password': [{ name: 'one’s own password', path: () => '/password', expect: { ...all(ok()), clerkQ: ok() } }],
  'POST /password': [
    {
      name: 'changing one’s own password with a wrong current one',
      path: () => '/password',
      fields: () => ({ currentPassword: 'not the password at all', newPassword: STRONG }),
      expect: { ...all(reaches(422)), clerkQ: reaches(422) },
      state: async (_ctx, actor) => (actor ? userState(await userId(actor.username)) : null),
    },
  ],

  // The committee's keys: members only.
  'GET /committee': [{ name: 'the committee page', path: () => '/committee', expect: membersOnly(ok()) }],
  'GET /committee/keys.json': [
    {
      name: 'the signed-in member’s envelopes',
      path: () => '/committee/keys.json',
      expect: membersOnly(ok()),
      effect: (_ctx, _who, body, _b, _a, actor) => expect(JSON.parse(body)).toMatchObject({ username: actor.username }),
    },
  ],
  'GET /committee/rotation.json': [{ name: 'what a rotation re-seals', path: () => '/committee/rotation.json', expect: membersOnly(ok()) }],
  'POST /committee/rotate': [
    {
      name: 'rotating the committee key (a form post, without the script)',
      path: () => '/committee/rotate',
      fields: () => ({ publicKey: 'x' }),
      expect: membersOnly(reaches(422)),
      state: () => env.DB.prepare('SELECT id, public_key, retired_at FROM committee_keys ORDER BY id').all().then((r) => r.results),
    },
  ],
  'POST /committee/own-key': [
    {
      name: 'making one’s own key (malformed)',
      path: () => '/committee/own-key',
      fields: () => ({ memberPublic: 'x', memberPrivate: 'y' }),
      expect: membersOnly(reaches(422)),
      state: () => count('member_keys'),
    },
  ],
  'GET /committee/member-secret.json': [
    {
      name: 'the member secret of an account being made (its keys are sealed under it in the member’s browser)',
      path: () => '/committee/member-secret.json?username=new.member',
      expect: membersOnly(ok()),
      effect: (_ctx, _who, body) => expect(JSON.parse(body).memberSecret).toMatch(/^[A-Za-z0-9_-]{43}$/),
    },
  ],
  'POST /committee/own-key/rewrap': [
    {
      name: 're-sealing one’s own key from its old wrap (malformed)',
      path: () => '/committee/own-key/rewrap',
      fields: () => ({ memberPublic: 'x', memberPrivate: 'y' }),
      expect: membersOnly(reaches(422)),
      state: () => env.DB.prepare('SELECT staff_id, private_wrap FROM member_keys ORDER BY staff_id').all().then((r) => r.results),
    },
  ],
  'POST /committee/grant': [
    {
      name: 'giving a member the committee key (malformed)',
      path: () => '/committee/grant',
      fields: (ctx) => ({ staffId: String(ctx.memberId ?? 0), committeeKeyId: '1', committeeWrap: 'x' }),
      prepare: async () => ({ memberId: await userId(await createStaff('discipline')) }),
      expect: membersOnly(reaches(422)),
      state: () => env.DB.prepare('SELECT staff_id, committee_wrap FROM member_keys ORDER BY staff_id').all().then((r) => r.results),
    },
  ],
  'POST /committee/restore': [
    {
      // The member's browser opened the recovery key's envelope, made a new key pair of its own and
      // sealed the committee key to it: the worker stores it as the member's.
      name: 'restoring one’s own copy of the committee key with the recovery key',
      prepare: async () => {
        const committee = await committeeKey();
        const row = (await one('SELECT id, recovery_wrap FROM committee_keys WHERE id = ?1', committee.id))!;
        const committeePrivate = (await openForRecovery(committee.recoveryKey, row.recovery_wrap as string))!;
        const own = await newKeyPair();
        return {
          own,
          committeePrivate,
          fields: {
            memberPublic: own.publicKey,
            memberPrivate: await sealForMember(randomBytes(32), own.privateKey),
            committeeKeyId: String(committee.id),
            committeeWrap: await sealTo(own.publicKey, committeePrivate),
          },
        };
      },
      path: () => '/committee/restore',
      fields: (ctx) => ctx.fields as Record<string, string>,
      expect: membersOnly(ok(303)),
      state: () => env.DB.prepare('SELECT staff_id, public_key, committee_wrap FROM member_keys ORDER BY staff_id').all().then((r) => r.results),
      effect: async (ctx, _who, _html, _before, _after, actor) => {
        const mine = (await one('SELECT public_key, committee_wrap FROM member_keys WHERE staff_id = ?1', await userId(actor.username)))!;
        const own = ctx.own as { publicKey: string; privateKey: Uint8Array<ArrayBuffer> };
        expect(mine.public_key).toBe(own.publicKey);
        // The copy now stored opens, with the member's new key, to the committee's private key.
        expect(await openSealed(own.privateKey, mine.committee_wrap as string)).toEqual(ctx.committeePrivate);
      },
    },
    {
      name: 'restoring with a stale committee key',
      prepare: async () => {
        const own = await newKeyPair();
        const committee = await committeeKey();
        return { fields: { memberPublic: own.publicKey, memberPrivate: await sealForMember(randomBytes(32), own.privateKey), committeeKeyId: String(committee.id + 1000), committeeWrap: await sealTo(own.publicKey, randomBytes(32)) } };
      },
      path: () => '/committee/restore',
      fields: (ctx) => ctx.fields as Record<string, string>,
      expect: membersOnly(reaches(409)),
      state: () => env.DB.prepare('SELECT staff_id, public_key, committee_wrap FROM member_keys ORDER BY staff_id').all().then((r) => r.results),
    },
  ],

  // Code cards: the admin and the committee.
  'GET /cards': [{ name: 'the cards form', path: () => '/cards', expect: cardsRule(ok()) }],
  'POST /cards': [
    {
      name: 'printing a sheet of cards for Qinglian',
      path: () => '/cards',
      fields: () => ({ village: 'qinglian', count: '2' }),
      expect: cardsRule(ok(201)),
      state: () => count('code_cards'),
    },
  ],

  // The record form: liaison officers write for their own village, the admin reviews.
  'GET /records': [recordsList('/records')],
  'GET /records/print': [recordsList('/records/print')],
  'GET /records/new': [
    {
      name: 'the new entry form',
      path: () => '/records/new',
      expect: { admin: no('records.errors.liaisonOnly'), handler: no('records.errors.liaisonOnly'), liaisonQ: ok(), liaisonD: ok(), discipline: no('records.errors.liaisonOnly') },
    },
  ],
  'POST /records': [
    {
      name: 'writing an entry (for one’s own village)',
      path: () => '/records',
      fields: () => ({ entryId: newId(), date: '2026-11-02', focus: 'decisions', matter: '补贴发放抽查', findings: '抽查十户，均已足额发放。', actions: '向村委会反馈。', followUp: '', caseAction: 'none' }),
      expect: { admin: no('records.errors.liaisonOnly'), handler: no('records.errors.liaisonOnly'), liaisonQ: ok(303), liaisonD: ok(303), discipline: no('records.errors.liaisonOnly') },
      state: () => count('record_entries'),
    },
  ],
  'GET /records/:id{[0-9]+}': [
    {
      name: 'an entry of Qinglian (not reported to the committee)',
      path: () => `/records/${fixture.entryId}`,
      // Not told apart from an entry that does not exist.
      twin: { path: () => '/records/99999999', for: ['liaisonD', 'discipline'] },
      expect: { admin: ok(), handler: ok(), liaisonQ: ok(), liaisonD: no('records.errors.notFound', 404), discipline: no('records.errors.notFound', 404) },
      effect: (_ctx, _who, html) => expect(html).toContain(fixture.entryMatter),
    },
  ],
  'POST /records/:id{[0-9]+}/review': [
    {
      name: 'reviewing an entry of Qinglian',
      prepare: async () => {
        await env.DB.prepare('UPDATE record_entries SET reviewed_by = NULL, reviewed_at = NULL, review_comment = NULL WHERE id = ?1').bind(fixture.entryId).run();
        return {};
      },
      path: () => `/records/${fixture.entryId}/review`,
      fields: () => ({ comment: '已阅。' }),
      expect: { admin: ok(303), handler: no('records.errors.adminOnly'), liaisonQ: no('records.errors.adminOnly'), liaisonD: no('records.errors.adminOnly'), discipline: no('records.errors.adminOnly') },
      state: () => one('SELECT reviewed_by, review_comment FROM record_entries WHERE id = ?1', fixture.entryId),
    },
  ],

  // The town rhythm: the admin and town staff; the admin alone publishes a notice.
  'GET /rhythm': [{ name: 'the rhythm', path: () => '/rhythm', expect: townOnly(ok()) }],
  'POST /rhythm/weeks': [
    {
      name: 'making this week’s sheet',
      path: () => '/rhythm/weeks',
      expect: townOnly(ok(303)),
      changes: false,
      state: () => env.DB.prepare('SELECT week, generated_at, body FROM weekly_sheets ORDER BY week').all().then((r) => r.results),
    },
  ],
  'GET /rhythm/weeks/:week': [{ name: 'a weekly sheet', path: () => `/rhythm/weeks/${fixture.week}`, expect: townOnly(ok()) }],
  'GET /rhythm/notices/:month': [{ name: 'a notice draft', path: () => `/rhythm/notices/${fixture.month}`, expect: townOnly(ok()) }],
  'POST /rhythm/notices/:month': [
    {
      name: 'saving a notice draft',
      path: () => `/rhythm/notices/${fixture.month}`,
      fields: (_ctx, who) => ({ commentaryZh: `本月各村按时受理。${who}`, commentaryEn: '', action: 'save' }),
      expect: { ...townOnly(ok(303)), handler: no('rhythm.notice.adminOnly') },
      state: () => one('SELECT * FROM monthly_notices WHERE month = ?1', fixture.month),
    },
  ],
};

function membersOnly(e: Expect): Record<Role5, Expect> {
  return { ...all(no('sealed.errors.membersOnly')), discipline: e };
}
function cardsRule(e: Expect): Record<Role5, Expect> {
  return { ...all(no('cards.errors.forbidden')), admin: e, discipline: e };
}
function townOnly(e: Expect): Record<Role5, Expect> {
  return { ...all(no('rhythm.staffOnly')), admin: e, handler: e };
}

function recordsList(path: string): Scenario {
  return {
    name: `the entries (${path})`,
    path: () => path,
    expect: all(ok()),
    // Scoped: the other village's officer and the committee do not see an unreported Qinglian entry.
    effect: (_ctx, who, html) => expect(html.includes(fixture.entryMatter)).toBe(who === 'admin' || who === 'handler' || who === 'liaisonQ'),
  };
}

type UserRow = { role: string; village_id: string | null; active: number; password_hash: string; sessions: number };

/**
 * An action on another account: `town` the admin's alone, `committee` a member's alone,
 * `committee-form` a member's, whose form then refuses it (422), `nobody` refused to all.
 */
function accountScenario(
  name: string,
  role: 'handler' | 'discipline',
  active: boolean,
  fields: (keys: Record<string, string>) => Record<string, string>,
  whose: 'town' | 'committee' | 'committee-form' | 'nobody',
  effect?: (after: UserRow, before: UserRow) => void,
): Scenario {
  const action = name.startsWith('deactivating') ? 'deactivate' : name.startsWith('re-activating') ? 'reactivate' : name.startsWith('resetting') ? 'password' : 'role';
  const adminOnly = no('staff.errors.adminOnly');
  const theirs = no('accounts.errors.disciplineByCommittee');
  const byAdmin = whose === 'town' ? ok() : theirs;
  const byMember = whose === 'committee' ? ok() : whose === 'committee-form' ? reaches(422) : theirs;
  return {
    name,
    prepare: async () => {
      const id = await userId(await createStaff(role));
      // A session of the account, to see whether the action ends it.
      await signedIn((await one('SELECT username FROM staff_users WHERE id = ?1', id))!.username as string);
      if (!active) await env.DB.prepare('UPDATE staff_users SET active = 0 WHERE id = ?1').bind(id).run();
      return { id, keys: role === 'discipline' ? await memberKeys() : {} };
    },
    path: (ctx) => `/accounts/${ctx.id}/${action}`,
    fields: (ctx) => fields(ctx.keys as Record<string, string>),
    expect: { admin: byAdmin, handler: adminOnly, liaisonQ: adminOnly, liaisonD: adminOnly, discipline: byMember },
    state: (ctx) => userState(ctx.id),
    effect: effect && ((_ctx, _who, _html, before, after) => effect(after as UserRow, before as UserRow)),
  };
}

/** The publishing console's answer: `e` for the handler, who holds both rights here; refused for everyone else. */
function publisher(e: Expect): Record<Role5, Expect> {
  const none = no('console.errors.noRight');
  return { admin: none, handler: e, liaisonQ: none, liaisonD: none, discipline: none };
}

/** A regulation drafted by someone else and sent for review. */
async function inReview(): Promise<Ctx> {
  const drafter = await actorWith('draft');
  const saved = await saveDraft(env.DB, drafter, regulationForm());
  const id = (saved as { value: { id: number } }).value.id;
  expect(await submitForReview(env.DB, drafter, id)).toMatchObject({ ok: true });
  return { id };
}

/** The states of a document's versions. */
async function versionState(ctx: Ctx) {
  return (await env.DB.prepare('SELECT seq, state FROM document_versions WHERE document_id = ?1 ORDER BY seq').bind(ctx.id).all()).results;
}

/**
 * Ticking both rights on an account of `role`: the admin as `byAdmin` says (refused otherwise), a
 * committee member refused as every role but the admin's.
 */
function rightsScenario(name: string, role: 'handler' | 'admin' | 'liaison' | 'discipline' | 'clerk', byAdmin: { admin?: Expect }): Scenario {
  const adminOnly = no('staff.errors.adminOnly');
  return {
    name,
    prepare: async () => ({ id: await userId(await createStaff(role, role === 'liaison' || role === 'clerk' ? 'qinglian' : null)) }),
    path: (ctx) => `/accounts/${ctx.id}/rights`,
    fields: () => ({ draft: 'yes', approve: 'yes' }),
    expect: { admin: byAdmin.admin ?? no('rights.errors.adminOnly'), handler: adminOnly, liaisonQ: adminOnly, liaisonD: adminOnly, discipline: no('rights.errors.adminOnly') },
    state: async (ctx) => (await env.DB.prepare('SELECT kind, revoked_at FROM staff_rights WHERE staff_id = ?1 ORDER BY kind').bind(ctx.id).all()).results,
    effect: (_ctx, _who, html, _before, after) => {
      expect(after).toEqual([
        { kind: 'approve', revoked_at: null },
        { kind: 'draft', revoked_at: null },
      ]);
      expect(html).toContain('已更新');
    },
  };
}

/** A member's keys as the browser of whoever creates or resets the account makes them: a new key pair, and the committee key sealed to it. */
async function memberKeys(): Promise<Record<string, string>> {
  const committee = await committeeKey();
  const own = await newKeyPair();
  return {
    memberPublic: own.publicKey,
    memberPrivate: await sealForMember(randomBytes(32), own.privateKey),
    committeeKeyId: String(committee.id),
    committeeWrap: await sealTo(own.publicKey, committee.privateKey),
  };
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const says = (locale: Locale, key: UiKey) => escapeHtml(translate(locale, key).split('{')[0]!);

/** The staff app's routes, as "METHOD /path" under /staff; middleware is not a route. */
function registeredRoutes(): string[] {
  const routes = staffApp.routes.filter((r) => r.method !== 'ALL' && !r.path.endsWith('*')).map((r) => `${r.method} ${r.path === '/' ? '/' : r.path.replace(/\/$/, '')}`);
  return [...new Set(routes)];
}

/** The request of a cell: a GET, or a console form POST with the actor's CSRF token. */
function sends(actor: Staff | null, url: string, method: string, fields: Record<string, string> = {}, csrf = actor?.csrf): Promise<Response> {
  const cookie: Record<string, string> = actor ? { cookie: actor.cookie } : {};
  if (method === 'GET') return call(url, { headers: cookie });
  return postForm(url, { ...(csrf !== undefined && { csrf }), ...fields }, cookie);
}

/** Qinglian's cells on a village route: the town reaches the desk but holds no village right; other villages and the committee are refused. */
function village(town: Expect): Record<Role5, Expect> {
  return { admin: town, handler: town, liaisonQ: town, liaisonD: no('staff.errors.forbidden'), discipline: no('staff.errors.forbidden') };
}

let eventDay = 0;
/** A Qinglian project disclosure's form, on a day of its own (each address is taken once). */
function disclosureForm(): Record<string, string> {
  const day = new Date(Date.UTC(2025, 0, 1) + ++eventDay * 86_400_000).toISOString().slice(0, 10);
  return { kind: 'projects', period: day, summary: '村道修缮工程公开。', project: '项目名称\t村道修缮', funding: '村集体自筹\t5000', notes: '' };
}

/** A Qinglian disclosure drafted by its clerk (and sent for review when `review`): its id. */
async function disclosureDraft(form = disclosureForm(), review = false): Promise<number> {
  const saved = await staffPost(staff.clerkQ, '/staff/villages/qinglian/new', form);
  expect(saved.status).toBe(303);
  const id = Number(/\/villages\/qinglian\/(\d+)/.exec(saved.headers.get('location')!)![1]);
  if (review) expect((await staffPost(staff.clerkQ, `/staff/villages/qinglian/${id}/submit`, {})).status).toBe(303);
  return id;
}

/** A new account of the role, signed in (signing out everywhere must not end the shared sessions). */
async function another(who: Who): Promise<Staff | null> {
  if (who === 'signedOut') return null;
  if (who === 'deactivated') return staff.deactivated;
  const { role, villageId } = staff[who];
  return signedIn(await createStaff(role, villageId));
}


beforeAll(async () => {
  staff.admin = await staffMember('admin');
  staff.handler = await staffMember('handler');
  // The handler drafts and approves the town's regulations; the admin holds no publishing right.
  for (const kind of ['draft', 'approve']) {
    await env.DB.prepare(`INSERT INTO staff_rights (staff_id, kind, granted_at) SELECT id, ?2, '2026-12-01T00:00:00.000Z' FROM staff_users WHERE username = ?1`).bind(staff.handler.username, kind).run();
  }
  staff.liaisonQ = await staffMember('liaison', 'qinglian');
  staff.liaisonD = await staffMember('liaison', 'dongling');
  staff.discipline = await staffMember('discipline');
  // Qinglian's clerk drafts its disclosures; Qinglian's liaison officer signs them off.
  staff.clerkQ = await staffMember('clerk', 'qinglian');
  await env.DB.prepare(`INSERT INTO staff_rights (staff_id, kind, village_id, granted_at) SELECT id, 'draft', 'qinglian', '2026-12-01T00:00:00.000Z' FROM staff_users WHERE username = ?1`).bind(staff.clerkQ.username).run();
  await env.DB.prepare(`INSERT INTO staff_rights (staff_id, kind, village_id, granted_at) SELECT id, 'approve', 'qinglian', '2026-12-01T00:00:00.000Z' FROM staff_users WHERE username = ?1`).bind(staff.liaisonQ.username).run();
  // An admin who was deactivated since signing in: the session row is still there, the account not.
  staff.deactivated = await staffMember('admin');
  await env.DB.prepare('UPDATE staff_users SET active = 0 WHERE username = ?1').bind(staff.deactivated.username).run();
  await committeeKey();
  fixture.readSubject = '清廉村路灯';
  fixture.readCase = await webCase('qinglian', fixture.readSubject);
  fixture.keptCase = number(await (await postForm('/mailbox', submission({ village: 'qinglian', concernsOfficers: 'yes' }))).text());
  fixture.entryMatter = '清廉村补贴发放抽查';
  const entry = await staffPost(staff.liaisonQ, '/staff/records', { entryId: newId(), date: '2026-11-02', focus: 'decisions', matter: fixture.entryMatter, findings: '抽查十户。', actions: '反馈。', followUp: '', caseAction: 'none' });
  expect(entry.status).toBe(303);
  fixture.entryId = Number(/\/staff\/records\/(\d+)/.exec(entry.headers.get('location')!)![1]);
  const week = await staffPost(staff.admin, '/staff/rhythm/weeks', {});
  fixture.week = /weeks\/([\d-]+)/.exec(week.headers.get('location')!)![1]!;
  fixture.month = new Date().toISOString().slice(0, 7);
  await scheduledStatistics(env.DB, new Date(Date.now() + 45 * 86_400_000));
  expect(await draftMonthlyNotice(env.DB, fixture.month, new Date())).toBe(true);
});

describe('the staff routes', () => {
  it('each have a row here, and each row is a route', () => {
    const registered = registeredRoutes();
    expect(registered.filter((r) => !(r in ROUTES)), 'routes without a row in the matrix').toEqual([]);
    expect(Object.keys(ROUTES).filter((r) => !registered.includes(r)), 'rows for no route').toEqual([]);
  });

  it('each POST row reads what a refusal must leave as it was', () => {
    const blind = Object.entries(ROUTES).flatMap(([route, scenarios]) => (route.startsWith('POST ') ? scenarios.filter((s) => !s.state).map((s) => `${route}: ${s.name}`) : []));
    expect(blind).toEqual([]);
  });
});

const PUBLIC = new Set(['GET /sign-in', 'POST /sign-in']);

for (const [route, scenarios] of Object.entries(ROUTES)) {
  const method = route.split(' ')[0]!;
  describe(route, () => {
    for (const scenario of scenarios) {
      // A POST without the session's CSRF token, by a role it would otherwise let through: refused, nothing changed.
      const through = ROLES.find((r) => !('no' in expectOf(scenario, r)));
      if (method === 'POST' && !PUBLIC.has(route) && through) {
        it(`${scenario.name} by ${through} with another session's CSRF token: refused (403)`, async () => {
          await env.DB.prepare('DELETE FROM request_budgets').run();
          const ctx = (await scenario.prepare?.(through, staff[through])) ?? {};
          const actor = ctx.as !== undefined ? ctx.as : staff[through];
          const before = await scenario.state?.(ctx, actor);
          const res = await sends(actor, `/staff${scenario.path(ctx)}`, method, scenario.fields?.(ctx, through), staff.liaisonD.csrf);
          expect(res.status).toBe(403);
          expect(await res.text()).toContain(says('zh-CN', 'staff.errors.csrf'));
          expect(await scenario.state?.(ctx, actor)).toEqual(before);
        });
      }
      for (const who of WHO) {
        const signedOut = (who === 'signedOut' || who === 'deactivated') && !PUBLIC.has(route);
        const expected = who === 'signedOut' || who === 'deactivated' ? (PUBLIC.has(route) ? scenario.expect.admin : null) : expectOf(scenario, who);
        const label = expected === null ? 'sign-in' : 'ok' in expected ? `allowed (${expected.ok})` : 'reaches' in expected ? `reaches the form (${expected.reaches})` : `refused (${expected.no})`;
        for (const prefix of ['/staff', '/en/staff']) {
          // The English mount: every refusal and sign-in again (an allowed request would act twice).
          if (prefix === '/en/staff' && expected !== null && 'ok' in expected) continue;
          const locale: Locale = prefix === '/en/staff' ? 'en' : 'zh-CN';
          it(`${scenario.name} by ${who}${prefix === '/en/staff' ? ' (en)' : ''}: ${label}`, async () => {
            // The hourly budgets without a proof of work are for residents' browsers, not this file's hundreds of cells.
            await env.DB.prepare('DELETE FROM request_budgets').run();
            const shared = who === 'signedOut' ? null : staff[who];
            const ctx = (await scenario.prepare?.(who, shared)) ?? {};
            const actor = ctx.as !== undefined ? ctx.as : shared;
            const before = await scenario.state?.(ctx, actor);
            const res = await sends(actor, `${prefix}${scenario.path(ctx)}`, method, scenario.fields?.(ctx, who));
            const body = await res.text();
            const after = await scenario.state?.(ctx, actor);
            // A refusal shows nothing of what it refused.
            if (signedOut || 'no' in expected!) for (const text of [fixture.readSubject, fixture.entryMatter]) expect(body).not.toContain(text);
            if (signedOut) {
              expect(res.status).toBe(303);
              expect(res.headers.get('location')).toBe(`${prefix}/sign-in?required=1`);
              expect(after).toEqual(before);
              return;
            }
            if ('no' in expected!) {
              expect(res.status).toBe(expected.no);
              expect(body).toContain(says(locale, expected.says));
              expect(after).toEqual(before);
              if (scenario.twin?.for.includes(who as Role5)) {
                const path = scenario.path(ctx);
                const twin = scenario.twin.path(ctx);
                const again = await sends(actor, `${prefix}${twin}`, method, scenario.fields?.(ctx, who));
                expect(again.status).toBe(res.status);
                expect((await again.text()).replaceAll(twin, '<path>')).toBe(body.replaceAll(path, '<path>'));
              }
              return;
            }
            if ('reaches' in expected!) {
              expect(res.status).toBe(expected.reaches);
              expect(after).toEqual(before);
              return;
            }
            expect(res.status, body.slice(0, 300)).toBe(expected!.ok);
            if (method === 'POST' && scenario.state && scenario.changes !== false) expect(after).not.toEqual(before);
            await scenario.effect?.(ctx, who === 'signedOut' || who === 'deactivated' ? 'admin' : (who as Role5), body, before, after, actor!);
          });
        }
      }
    }
  });
}

// Staff with the codes they saw: each role records cases of every kind and channel, prints card
// sheets where it may, reads its pages, and then plays the resident with every code-looking string
// it received, on every resident route. None opens or acts on a case routed to the committee or
// kept from its village; a code that only claims a case can be claimed, and the claim is then
// visible to the real resident (the slip's code says so) and to whoever handles the case.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../worker/cases/access.ts';
import { codeRule } from '../../worker/cases/cards.ts';
import { normalizeQueryCode } from '../../worker/cases/query-code.ts';
import { asCommitteeSees } from './committee-support.ts';
import { newId, postForm, postJson, proven, submission } from './support.ts';
import { staffGet, staffMember, staffPost, type Staff } from './staff-support.ts';

type Kind = 'cadre' | 'retaliation' | 'kept' | 'ordinary';
type Channel = 'mailbox' | 'phone' | 'visit';
const KINDS: Record<Kind, Record<string, string>> = {
  cadre: { category: 'cadre-report' },
  retaliation: { category: 'retaliation' },
  kept: { category: 'demand', concernsOfficers: 'yes' },
  ordinary: { category: 'demand' },
};
const CHANNELS: Channel[] = ['mailbox', 'phone', 'visit'];

interface Recorded {
  number: string;
  subject: string;
  kind: Kind;
  channel: Channel;
  card: 'committee' | 'town' | null;
}
const isProtected = (c: Recorded) => c.kind !== 'ordinary';
const ruleOf = (c: Recorded) =>
  codeRule({ byStaff: true, channel: c.channel, discipline: c.kind === 'cadre' || c.kind === 'retaliation', keptFromVillage: c.kind === 'kept', card: c.card });

/** A staff member whose every response is kept, as they would see it (a committee member's sealed texts opened). */
function witness(staff: Staff) {
  const seen: string[] = [];
  const keep = async (res: Response) => {
    const text = await res.text();
    seen.push(staff.role === 'discipline' ? await asCommitteeSees(text) : text);
    return { status: res.status, text };
  };
  return { staff, seen, get: (path: string) => staffGet(staff, path).then(keep), post: (path: string, fields: Record<string, string>) => staffPost(staff, path, fields).then(keep) };
}

/** Every string in the responses that could be a query code (16 Crockford characters, grouped or not), as the worker reads it. */
function codesIn(pages: string[]): string[] {
  const found = new Set<string>();
  for (const page of pages) {
    for (const [m] of page.matchAll(/(?<![0-9A-Za-z_-])(?:(?:[0-9A-Za-z]{4}-){3}[0-9A-Za-z]{4}|[0-9A-Za-z]{16})(?![0-9A-Za-z_-])/g)) {
      const code = normalizeQueryCode(m);
      if (code) found.add(code);
    }
  }
  return [...found];
}

const numberOf = (html: string) => /CL-\d{4}-\d{6}/.exec(html)![0];
/**
 * The lookups here are many, and the cases recorded for them would raise the proof of work's
 * difficulty: each lookup starts with the hourly budgets fresh and those cases counted as old.
 */
const freshBudgets = () =>
  env.DB.batch([env.DB.prepare('DELETE FROM request_budgets'), env.DB.prepare(`UPDATE cases SET created_at = '2026-01-01T00:00:00.000Z'`)]);

async function record(by: ReturnType<typeof witness> | Staff, kind: Kind, channel: Channel, card: { number: string; printedFor: 'committee' | 'town' } | null, tag: string): Promise<Recorded> {
  const subject = `反映事项 ${tag} ${kind} ${channel}`;
  const fields = { ...submission({ ...KINDS[kind], subject }), channel, ...(card ? { card: card.number } : {}) };
  const page = 'seen' in by ? await by.post('/staff/cases/new', fields) : await staffPost(by, '/staff/cases/new', fields).then(async (r) => ({ status: r.status, text: await r.text() }));
  expect(page.status, `${tag} ${kind} ${channel}`).toBe(201);
  return { number: numberOf(page.text), subject, kind, channel, card: card?.printedFor ?? null };
}

async function playResident(role: Role, village: string | null) {
  const me = witness(await staffMember(role, village));
  const helper = await staffMember('handler');
  const cases: Recorded[] = [];
  const mayRecord = (kind: Kind) => role !== 'discipline' || kind === 'cadre' || kind === 'retaliation';

  // Every kind and channel this role may record, without a card.
  for (const kind of Object.keys(KINDS) as Kind[]) {
    if (!mayRecord(kind)) continue;
    for (const channel of CHANNELS) cases.push(await record(me, kind, channel, null, role));
  }
  // A sheet of cards it printed, each used with a letter, a visit or a call of every kind (by the
  // role itself where it may record it, else by town staff: the codes were seen when printing).
  if (role === 'admin' || role === 'discipline') {
    const sheet = await me.post('/staff/cards', { village: 'qinglian', count: '14' });
    expect(sheet.status).toBe(201);
    const numbers = [...sheet.text.matchAll(/data-card="([^"]+)"/g)].map((m) => m[1]!);
    const printedFor = role === 'discipline' ? 'committee' : 'town';
    let i = 0;
    for (const kind of Object.keys(KINDS) as Kind[]) {
      for (const channel of CHANNELS) cases.push(await record(mayRecord(kind) ? me : helper, kind, channel, { number: numbers[i++]!, printedFor }, `${role} 卡片`));
    }
  }
  // Every page of theirs about these cases.
  await me.get('/staff/cases');
  for (const c of cases) await me.get(`/staff/cases/${c.number}`);

  const codes = codesIn(me.seen);
  const byNumber = new Map(cases.map((c) => [c.number, c]));
  const secrets = cases.filter(isProtected).map((c) => c.subject);
  const noSecret = (body: string, where: string) => {
    for (const subject of secrets) expect(body, `${where}: ${subject}`).not.toContain(subject);
  };
  const pending: { code: string; token: string; apiToken?: string; c: Recorded }[] = [];
  let openedOrdinary = 0;

  for (const code of codes) {
    await freshBudgets();
    // The query page.
    const page = await postForm('/track', { code });
    const html = await page.text();
    noSecret(html, `/track ${role}`);
    if (html.includes('id="claim-lead"')) {
      // A code that only claims: only where the design says so.
      const c = byNumber.get(numberOf(html))!;
      expect(isProtected(c)).toBe(true);
      expect(ruleOf(c)).toBe('claim');
      pending.push({ code, token: /name="token" value="([^"]+)"/.exec(html)![1]!, c });
    } else if (page.status === 200) {
      expect(cases.some((c) => c.kind === 'ordinary' && html.includes(c.subject))).toBe(true);
      openedOrdinary++;
    } else {
      expect([404, 410]).toContain(page.status);
    }
    // The JSON API.
    const api = await postJson('/api/track', await proven('track', { code }));
    const json = await api.text();
    noSecret(json, `/api/track ${role}`);
    expect([200, 404, 409, 410]).toContain(api.status);
    if (api.status === 409) pending.at(-1)!.apiToken = (JSON.parse(json) as { token: string }).token;
    if (api.status === 200) expect(page.status).toBe(200);
    // Linking a 打击报复 report to the case the code opens: not to a committee or kept case.
    if (page.status !== 200 || html.includes('id="claim-lead"')) {
      const link = await postJson('/api/submissions', await proven('submission', { ...submission({ category: 'retaliation' }), earlierCode: code }));
      expect(link.status).toBe(422);
    }
  }
  // The slips of ordinary cases did reach this role, and open their cases, as they should.
  if (role !== 'discipline') expect(openedOrdinary).toBeGreaterThan(0);

  // A token from a lookup that only claims serves the claim alone: no follow-up, feedback or
  // check-in answer, in HTML or JSON, and nothing of the case.
  for (const { token, apiToken } of pending) {
    await freshBudgets();
    expect(apiToken).toBeDefined();
    const tries = [
      await postJson('/api/followups', await proven('followup', { token: apiToken!, followupId: newId(), text: '我是群众，补充一点情况。' })),
      await postForm('/track/followup', { token, followupId: newId(), text: '我是群众，补充一点情况。' }),
      await postJson('/api/followups', await proven('followup', { token, followupId: newId(), text: '我是群众，补充一点情况。' })),
      await postForm('/track/feedback', { token, feedbackId: newId(), rating: 'satisfied' }),
      await postForm('/track/checkin', { token, checkinId: newId(), answer: 'no' }),
    ];
    for (const res of tries) {
      expect(res.status).toBe(410);
      noSecret(await res.text(), `token ${role}`);
    }
  }
  expect(await env.DB.prepare(`SELECT count(*) AS n FROM case_events WHERE kind IN ('followup', 'checkin')`).first('n')).toBe(0);
  expect(await env.DB.prepare(`SELECT count(*) AS n FROM case_feedback`).first('n')).toBe(0);

  // Claiming is possible where the design says claim, and then evident: the slip's (or card's)
  // code tells the real resident the day and whom to tell, and whoever handles the case sees it.
  const committee = await staffMember('discipline');
  for (const [i, { code, token, apiToken, c }] of pending.entries()) {
    await freshBudgets();
    // By the query page or by the JSON API, alike.
    expect((i % 2 ? await postJson('/api/claims', { token: apiToken }) : await postForm('/track/claim', { token })).status).toBe(201);
    const resident = await postForm('/track', { code });
    expect(resident.status).toBe(410);
    const said = await resident.text();
    expect(said).toContain(c.kind === 'kept' ? '请告诉镇党政综合办公室' : '请告诉镇纪委监察办');
    noSecret(said, `after claim ${role}`);
    const overseer = c.kind === 'kept' ? helper : committee;
    expect(await (await staffGet(overseer, `/staff/cases/${c.number}`)).text()).toMatch(/id="case-claim"[^>]*>回执或卡片上的查询码已于\d{4}年\d{1,2}月\d{1,2}日兑换/);
  }
  return { codes, pending, cases };
}

describe('staff members playing the resident with every code they saw', () => {
  it.each([
    ['admin', null],
    ['handler', null],
    ['liaison', 'qinglian'],
    ['discipline', null],
  ] as const)('%s opens and acts on no committee or kept case', async (role, village) => {
    const { codes, pending, cases } = await playResident(role, village);
    expect(codes.length).toBeGreaterThan(0);
    // Each visit or call of a protected kind, and each card of a protected kind it printed and
    // that may open it, gave this role a code that only claims.
    expect(pending.length).toBe(cases.filter((c) => isProtected(c) && ruleOf(c) === 'claim').length);
  }, 120_000);
});

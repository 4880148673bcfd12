// What a copy of the database tells of when things happened and in which order: after a day of
// activity (submissions, lookups, follow-ups, claims, staff moves, feedback, sessions, openings),
// every stored time is no finer than its precision in STORED_TIMES (which docs/security.md repeats), no table
// of residents' actions keeps them in an order across cases, and no track token names its case.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { STORED_TIMES, hasPrecision } from '../../core/clock.ts';
import { foldStatistics } from '../../worker/services/stats.ts';
import { codeFromReceipt, followupFormOf, newId, postForm, submission } from './support.ts';
import { declare, move, staffGet, staffMember, staffPost } from './staff-support.ts';

const tokenOf = (html: string) => /name="token" value="([^"]+)"/.exec(html)![1]!;

/** Every table in the database and its columns, as an export would have them. */
async function schema(): Promise<{ name: string; sql: string; columns: string[] }[]> {
  const { results } = await env.DB.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'`).all<{ name: string; sql: string }>();
  return Promise.all(
    results.map(async (t) => ({ ...t, columns: (await env.DB.prepare(`SELECT name FROM pragma_table_info(?1)`).bind(t.name).all<{ name: string }>()).results.map((c) => c.name) })),
  );
}

/** A day of activity in the town, through the routes residents and staff use; interleaved across cases. */
async function aDayOfActivity() {
  const officer = await staffMember('liaison', 'qinglian');
  const handler = await staffMember('handler');
  const sent = [];
  for (let i = 0; i < 3; i++) {
    const receipt = await (await postForm('/mailbox', submission({ subject: `路灯不亮 ${i}` }))).text();
    sent.push({ number: /CL-\d{4}-\d{6}/.exec(receipt)![0], code: codeFromReceipt(receipt) });
  }
  // Lookups and follow-ups on different cases, in turn, and staff moves in between.
  for (const c of [sent[0]!, sent[1]!, sent[0]!, sent[2]!]) {
    const form = followupFormOf(await (await postForm('/track', { code: c.code })).text());
    expect((await postForm('/track/followup', { ...form, text: '再补充一点情况。' })).status).toBe(201);
    await staffGet(officer, `/staff/cases/${c.number}`);
  }
  await move(officer, sent[0]!.number, 'accept');
  await move(officer, sent[0]!.number, 'resolve_at_once', { message: '已修好路灯。' });
  await move(officer, sent[1]!.number, 'accept');
  await move(officer, sent[0]!.number, 'close', { message: '结案。' });
  await move(officer, sent[1]!.number, 'set_time_limit', { workingDays: '3' });
  const token = followupFormOf(await (await postForm('/track', { code: sent[0]!.code })).text()).token;
  expect((await postForm('/track/feedback', { token, rating: 'dissatisfied', comment: '还是不亮', reopen: 'yes' })).status).toBe(201);
  await move(officer, sent[2]!.number, 'escalate', { message: '转纪委。' });
  await declare(handler, sent[1]!.number);
  // A cadre report recorded from a call: its slip's code is claimed, where a slip carries one.
  const slip = await (await staffPost(officer, '/staff/cases/new', { ...submission({ category: 'cadre-report', subject: '来电反映' }), channel: 'phone' })).text();
  if (slip.includes('id="query-code"')) {
    const first = await (await postForm('/track', { code: codeFromReceipt(slip) })).text();
    if (first.includes('name="token"')) await postForm('/track/claim', { token: tokenOf(first) });
  }
  await foldStatistics(env.DB);
  return sent;
}

describe('a copy of the database after a day of activity', () => {
  it('holds every time no finer than its stated precision: residents’ acts and a case’s steps by town day, deadlines at a day’s end', async () => {
    await aDayOfActivity();
    const tables = await schema();
    const timeLike = /(^at$|_at$|^at_|_on$|^cutoff$)/;
    for (const t of tables) {
      // Every column that holds a time is stated (a new one must say how precisely it is kept).
      for (const c of t.columns.filter((c) => timeLike.test(c))) expect(STORED_TIMES[t.name]?.[c], `${t.name}.${c} has a stated precision`).toBeDefined();
    }
    let checked = 0;
    for (const [table, columns] of Object.entries(STORED_TIMES)) {
      if (!tables.some((t) => t.name === table)) continue;
      for (const [column, { precision }] of Object.entries(columns)) {
        const values = (await env.DB.prepare(`SELECT ${column} AS v FROM ${table} WHERE ${column} IS NOT NULL`).all<{ v: string }>()).results.map((r) => r.v);
        for (const v of values) expect(precision.some((p) => hasPrecision(v, p)), `${table}.${column} = ${v} is no finer than ${precision.join(' or ')}`).toBe(true);
        checked += values.length;
      }
    }
    expect(checked).toBeGreaterThan(50);
    // What the resident did is on the start of its town day in Asia/Shanghai, to the millisecond.
    const arrivals = (await env.DB.prepare(`SELECT created_at FROM cases`).all<{ created_at: string }>()).results;
    for (const a of arrivals) expect(a.created_at).toMatch(/T16:00:00\.000Z$/);
    const followups = (await env.DB.prepare(`SELECT created_at FROM case_events WHERE kind IN ('followup', 'feedback', 'reopen')`).all<{ created_at: string }>()).results;
    expect(followups.length).toBeGreaterThan(4);
    for (const f of followups) expect(f.created_at).toMatch(/T16:00:00\.000Z$/);
  });

  it('orders no case’s events, verdicts or lookups among other cases’: each is numbered within its case and stored in key order', async () => {
    await aDayOfActivity();
    const tables = await schema();
    const events = tables.find((t) => t.name === 'case_events')!;
    expect(events.columns).not.toContain('id');
    expect(events.columns).toContain('seq');
    // Tables of what residents did on a case: keyed by the case (or by nothing that orders them), not by insertion.
    for (const name of ['case_events', 'case_feedback', 'track_tokens']) expect(tables.find((t) => t.name === name)!.sql, name).toMatch(/WITHOUT ROWID/i);
    // A claim's row is keyed by its case (its rowid is the case id), so it too is stored in case order.
    const claims = (await env.DB.prepare(`SELECT rowid = case_id AS keyed FROM case_claims`).all<{ keyed: number }>()).results;
    for (const c of claims) expect(c.keyed).toBe(1);
    // A dump reads rows in storage order: the events come out case by case, each case's in its own order.
    const stored = (await env.DB.prepare(`SELECT case_id, seq FROM case_events`).all<{ case_id: number; seq: number }>()).results;
    const sorted = [...stored].sort((a, b) => a.case_id - b.case_id || a.seq - b.seq);
    expect(stored).toEqual(sorted);
    for (const id of new Set(stored.map((e) => e.case_id))) {
      const seqs = stored.filter((e) => e.case_id === id).map((e) => e.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    }
  });

  it('keeps no track token row that names the case a lookup opened, and the token still works for the forms', async () => {
    const sent = await aDayOfActivity();
    const columns = (await schema()).find((t) => t.name === 'track_tokens')!.columns;
    expect(columns).not.toContain('case_id');
    const cases = (await env.DB.prepare(`SELECT id, case_number, code_hash FROM cases`).all<{ id: number; case_number: string; code_hash: string }>()).results;
    const tokens = (await env.DB.prepare(`SELECT * FROM track_tokens`).all<Record<string, string | null>>()).results;
    expect(tokens.length).toBeGreaterThan(4);
    for (const row of tokens) {
      for (const value of Object.values(row)) {
        for (const c of cases) {
          expect(value).not.toBe(String(c.id));
          expect(value ?? '').not.toContain(c.case_number);
          expect(value ?? '').not.toContain(c.code_hash);
        }
      }
      expect(hasPrecision(row.expires_at!, 'hour')).toBe(true);
    }
    // The token a lookup hands out still opens the follow-up form's case.
    const form = followupFormOf(await (await postForm('/track', { code: sent[1]!.code })).text());
    const res = await postForm('/track/followup', { ...form, followupId: newId(), text: '又补充一句。' });
    expect(res.status).toBe(201);
    expect(await res.text()).toContain('又补充一句。');
  });
});

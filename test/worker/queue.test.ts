import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { byUrgency } from '../../worker/cases/workflow.ts';
import { queue } from '../../worker/services/handling.ts';
import { codeFromReceipt, postForm, proven, submission } from './support.ts';
import { move, staffGet, staffMember, staffPost } from './staff-support.ts';

const DAY = 24 * 60 * 60 * 1000;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

async function webCase(overrides: Record<string, string> = {}) {
  // With a proof of work, as the mailbox script sends it: these cases are not the budget's.
  const html = await (await postForm('/mailbox', await proven('submission', submission(overrides)))).text();
  return { number: /CL-\d{4}-\d{6}/.exec(html)![0], code: codeFromReceipt(html) };
}

/** Moves a case's clock back: created and due `days` ago (negative: due in the future). */
async function backdate(number: string, createdDaysAgo: number, dueInDays: number, column: 'accept_due_at' | 'due_at' = 'accept_due_at') {
  await env.DB.prepare(`UPDATE cases SET created_at = ?2, ${column} = ?3 WHERE case_number = ?1`).bind(number, iso(-createdDaysAgo * DAY), iso(dueInDays * DAY)).run();
}

/**
 * `n` new cases in one statement, as a flood would leave them: received half an hour ago (so the
 * proof of work of this file's later submissions is back at its normal difficulty), due tomorrow.
 */
async function flood(n: number, village: string, series: number) {
  await env.DB.prepare(
    `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?1)
     INSERT INTO cases (case_number, code_hash, village_id, category_id, subject, description, anonymous, channel, locale, status, created_at, updated_at, accept_due_at)
     SELECT 'CL-2026-' || ?5 || printf('%05d', i), 'flood-' || ?2 || '-' || i, ?2, 'demand', '刷屏 ' || i, '刷屏内容刷屏内容刷屏内容', 1, 'web', 'zh-CN', 'received', ?3, ?3, ?4 FROM k`,
  )
    .bind(n, village, iso(-30 * 60_000), iso(DAY), String(series))
    .run();
}

const listed = (html: string, section: string) => {
  const part = html.split(`id="queue-${section}"`)[1]?.split('</ul>')[0] ?? '';
  return [...part.matchAll(/data-case="([^"]+)"/g)].map((m) => m[1]!);
};

describe('the staff queue under a flood', () => {
  it('keeps every real case on the first page of its section when 5,000 new ones arrive', async () => {
    const handler = await staffMember('handler');
    const overdue = await webCase({ subject: '逾期未受理的真实反映' });
    await backdate(overdue.number, 3, -1);
    const olderNew = await webCase({ subject: '昨天来的真实反映' });
    await backdate(olderNew.number, 1, 0.5);
    const soon = await webCase({ subject: '快到期的办理中案件' });
    await move(handler, soon.number, 'accept');
    await move(handler, soon.number, 'set_time_limit', { workingDays: '5' });
    await backdate(soon.number, 10, 1, 'due_at');
    const late = await webCase({ subject: '超期的办理中案件' });
    await move(handler, late.number, 'accept');
    await move(handler, late.number, 'set_time_limit', { workingDays: '5' });
    await backdate(late.number, 20, -2, 'due_at');

    await flood(5000, 'xiling', 9);

    const html = await (await staffGet(handler, '/staff/cases')).text();
    const fresh = listed(html, 'new');
    const inHand = listed(html, 'in_hand');
    expect(fresh).toHaveLength(50);
    expect(fresh.slice(0, 2)).toEqual([overdue.number, olderNew.number]);
    expect(inHand.slice(0, 2)).toEqual([late.number, soon.number]);
    expect(html).toContain('共5002件，第1页，共101页');
    // Every case is one page away or more, never gone: the last page holds the newest.
    const last = await (await staffGet(handler, '/staff/cases?new=101')).text();
    expect(listed(last, 'new')).toEqual(['CL-2026-904999', 'CL-2026-905000']);
    // The list of every case starts with the overdue ones too.
    const all = listed(await (await staffGet(handler, '/staff/cases?show=all')).text(), 'all');
    expect(all.slice(0, 2)).toEqual([late.number, overdue.number]);
  });

  it('is sorted by the database in the order the workflow defines, page after page without overlap', async () => {
    const viewer = { id: 1, role: 'handler' as const, villageId: null };
    await flood(120, 'dongling', 8);
    const seen = new Set<string>();
    const first = await queue(env.DB, viewer, 'all', 1);
    expect(first.pageCount).toBeGreaterThanOrEqual(3);
    for (let page = 1; page <= first.pageCount; page++) {
      const part = await queue(env.DB, viewer, 'all', page);
      expect([...part.items].sort(byUrgency).map((i) => i.caseNumber)).toEqual(part.items.map((i) => i.caseNumber));
      for (const item of part.items) {
        expect(seen.has(item.caseNumber)).toBe(false);
        seen.add(item.caseNumber);
      }
    }
    expect(seen.size).toBe(first.total);
    // A page past the end shows the last one.
    expect((await queue(env.DB, viewer, 'all', 9999)).page).toBe(first.pageCount);
    // A hundred pages of 5,000 cases, each sorted by the database: room for a loaded machine.
  }, 60_000);
});

describe('marking cases as spam', () => {
  it('takes one or many new cases out of the queue at once, keeping them with their events and access log', async () => {
    const officer = await staffMember('liaison', 'qinglian');
    const admin = await staffMember('admin');
    const spam = [await webCase({ subject: '广告一' }), await webCase({ subject: '广告二' }), await webCase({ subject: '广告三' })];
    const real = await webCase({ subject: '真实的反映' });
    const accepted = await webCase({ subject: '已受理的反映' });
    await move(officer, accepted.number, 'accept');
    const cadre = await webCase({ category: 'cadre-report', subject: '反映村干部' });

    const before = await (await staffGet(officer, '/staff/cases')).text();
    expect(before).toContain(`name="case:${spam[0]!.number}"`);
    expect(before).not.toContain(`name="case:${accepted.number}"`);

    const fields = Object.fromEntries([...spam, accepted, cadre].map((s) => [`case:${s.number}`, '1']));
    const res = await staffPost(officer, '/staff/cases/spam', fields);
    expect(res.status).toBe(303);
    const after = await (await staffGet(officer, res.headers.get('location')!)).text();
    expect(after).toContain('已将3件标记为不予受理（垃圾信息或滥用）。');
    expect(after).toContain('另有2件没有标记');
    for (const s of spam) expect(after).not.toContain(s.number);
    expect(after).toContain(real.number);
    expect(after).toContain(accepted.number);
    expect(await (await staffGet(officer, '/staff/cases?show=all')).text()).not.toContain(spam[1]!.number);

    const row = await env.DB.prepare(`SELECT id, status, not_accepted_reason FROM cases WHERE case_number = ?1`).bind(spam[0]!.number).first<{ id: number; status: string; not_accepted_reason: string }>();
    expect(row).toMatchObject({ status: 'not_accepted', not_accepted_reason: 'spam' });
    const event = await env.DB.prepare(`SELECT data, public_message FROM case_events WHERE case_id = ?1 AND kind = 'not_accept'`).bind(row!.id).first<{ data: string; public_message: string }>();
    expect(JSON.parse(event!.data)).toEqual({ reason: 'spam' });
    // The case itself is still there for whoever may read it, and the admin sees who opened it.
    expect((await staffGet(officer, `/staff/cases/${spam[0]!.number}`)).status).toBe(200);
    const log = await staffGet(admin, `/staff/cases/${spam[0]!.number}/access`);
    expect(log.status).toBe(200);
    expect(await log.text()).toContain(officer.username);
    // The resident reads why.
    const tracked = await (await postForm('/track', { code: spam[0]!.code })).text();
    expect(tracked).toContain('经审核，这条反映属于垃圾信息或滥用，不予受理。');
  });

  it('says what is wrong when nothing is ticked, in both languages, and is not for the discipline committee', async () => {
    const handler = await staffMember('handler');
    const zh = await staffPost(handler, '/staff/cases/spam', {});
    expect(zh.status).toBe(422);
    expect(await zh.text()).toContain('请先勾选要标记的案件。');
    const en = await staffPost(handler, '/en/staff/cases/spam', {});
    expect(await en.text()).toContain('Tick the cases to mark first.');
    const committee = await staffMember('discipline');
    const { number } = await webCase();
    expect((await staffPost(committee, '/staff/cases/spam', { [`case:${number}`]: '1' })).status).toBe(403);
  });
});

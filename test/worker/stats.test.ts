import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../worker/cases/access.ts';
import { validateSubmission } from '../../worker/cases/submission.ts';
import { STAFF_MOVES, availableMoves, type StaffMove } from '../../worker/cases/workflow.ts';
import { insertFeedback } from '../../worker/db/handling.ts';
import { allFacts } from '../../worker/db/stats.ts';
import { moveCase } from '../../worker/services/handling.ts';
import { submit } from '../../worker/services/mailbox.ts';
import { rebuildAllFacts, rebuildSnapshot, refreshCaseFacts } from '../../worker/services/stats.ts';
import type { CaseFacts } from '../../worker/stats/facts.ts';
import { buildPublicStats } from '../../worker/stats/figures.ts';
import { submission } from './support.ts';
import { TEST_QUERY_CODE_KEY } from './test-key.ts';
import { sealForCase } from './committee-support.ts';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const VILLAGES = ['qinglian', 'dongling', 'xiling', 'nanhe', 'beishan'];
const CATEGORIES = ['demand', 'suggestion', 'complaint', 'cadre-report'];

describe('the statistics rebuild', () => {
  it('gives the same facts and figures incrementally and from scratch, over random event histories', async () => {
    const random = rng(7);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const staffId = await env.DB.prepare(
      `INSERT INTO staff_users (username, display_name, role, password_hash, created_at) VALUES ('stats-handler', 'h', 'handler', 'x', '2026-01-01') RETURNING id`,
    ).first<number>('id');
    const committeeId = await env.DB.prepare(
      `INSERT INTO staff_users (username, display_name, role, password_hash, created_at) VALUES ('stats-committee', 'd', 'discipline', 'x', '2026-01-01') RETURNING id`,
    ).first<number>('id');
    const handler: Viewer = { id: staffId!, role: 'handler', villageId: null };
    const committee: Viewer = { id: committeeId!, role: 'discipline', villageId: null };

    for (let n = 0; n < 40; n++) {
      let clock = Date.parse('2026-01-05T01:00:00Z') + Math.floor(random() * 300) * 86_400_000 + Math.floor(random() * 10) * 3_600_000;
      const s = validateSubmission(submission({ village: pick(VILLAGES), category: pick(CATEGORIES) }));
      if (!s.ok) throw new Error('bad test submission');
      const sent = await submit(env.DB, TEST_QUERY_CODE_KEY, s.value, 'zh-CN', new Date(clock));
      if (!sent.ok) throw new Error('submission failed');
      const caseNumber = sent.receipt.caseNumber;
      const id = await env.DB.prepare('SELECT id FROM cases WHERE case_number = ?1').bind(caseNumber).first<number>('id');
      await refreshCaseFacts(env.DB, id!);
      for (let step = 0; step < 6; step++) {
        const row = await env.DB.prepare('SELECT status, discipline, reopen_count, accepted_at, version FROM cases WHERE id = ?1').bind(id).first<{
          status: string; discipline: number; reopen_count: number; accepted_at: string | null; version: number;
        }>();
        clock += Math.floor(random() * 5 * 86_400_000);
        const moves = availableMoves({ status: row!.status as never, discipline: row!.discipline === 1, reopenCount: row!.reopen_count, acceptedAt: row!.accepted_at });
        if (['closed', 'closed_unresolved', 'not_accepted'].includes(row!.status)) {
          // The resident's verdict, sometimes asking for a reopen.
          const rating = pick(['satisfied', 'basically_satisfied', 'dissatisfied']);
          await insertFeedback(env.DB, { id: id!, version: row!.version, closing: row!.reopen_count }, { rating, comment: null, at: new Date(clock).toISOString() }, null);
          await refreshCaseFacts(env.DB, id!);
          break;
        }
        if (moves.length === 0) break;
        const next = pick(moves) as StaffMove;
        const viewer = row!.discipline ? committee : handler;
        // A sealed case's message is sealed, as the committee member's browser sends it.
        const message = row!.discipline ? await sealForCase(caseNumber, '答复') : '答复';
        const result = await moveCase(env.DB, viewer, caseNumber, { move: next, message, workingDays: 1 + Math.floor(random() * 10), reason: 'duplicate' }, new Date(clock));
        expect(result.ok, `${next} from ${row!.status}`).toBe(true);
        await refreshCaseFacts(env.DB, id!);
      }
    }
    expect(STAFF_MOVES.length).toBeGreaterThan(0);

    const now = new Date('2026-11-26T04:00:00Z');
    const incremental = (await allFacts(env.DB)).map((f) => JSON.parse(f) as CaseFacts);
    const incrementalStats = buildPublicStats(incremental, now);
    await rebuildAllFacts(env.DB);
    const fromScratch = (await allFacts(env.DB)).map((f) => JSON.parse(f) as CaseFacts);
    expect(fromScratch).toEqual(incremental);
    expect(buildPublicStats(fromScratch, now)).toEqual(incrementalStats);
    // The histories really exercised the figures.
    expect(incremental.some((f) => f.closing === 'unresolved')).toBe(true);
    expect(incremental.some((f) => f.resolvedAt !== null)).toBe(true);
    expect(incremental.some((f) => f.rating !== null)).toBe(true);
    expect(incrementalStats.town.counts.received).toEqual(expect.any(Number));
  }, 120_000);
});


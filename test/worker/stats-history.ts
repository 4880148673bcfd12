/** Random case histories made through the real services, each move at a chosen instant, for the statistics tests. */
import { env } from 'cloudflare:workers';
import type { Viewer } from '../../worker/cases/access.ts';
import { validateSubmission } from '../../worker/cases/submission.ts';
import type { CaseStatus } from '../../worker/cases/status.ts';
import { applyMove, availableMoves, type StaffMove } from '../../worker/cases/workflow.ts';
import type { CaseRecord } from '../../worker/db/cases.ts';
import { insertFeedback } from '../../worker/db/handling.ts';
import { moveCase, updateFor } from '../../worker/services/handling.ts';
import { submit } from '../../worker/services/mailbox.ts';
import { submission } from './support.ts';
import { TEST_QUERY_CODE_KEY } from './test-key.ts';
import { sealForCase } from './committee-support.ts';

/** A deterministic pseudo-random generator, so failures can be replayed. */
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export const VILLAGES = ['qinglian', 'dongling', 'xiling', 'nanhe', 'beishan'];
export const CATEGORIES = ['demand', 'suggestion', 'complaint', 'cadre-report'];
const DAY = 86_400_000;

let staff: { handler: Viewer; committee: Viewer } | null = null;

/** A town handler and a committee member (made once per test file). */
export async function statsStaff(): Promise<{ handler: Viewer; committee: Viewer }> {
  if (staff) return staff;
  const make = (username: string, role: string) =>
    env.DB.prepare(`INSERT INTO staff_users (username, display_name, role, password_hash, created_at) VALUES (?1, ?1, ?2, 'x', '2026-01-01') RETURNING id`)
      .bind(username, role)
      .first<number>('id');
  const [h, d] = [await make(`stats-handler-${crypto.randomUUID()}`, 'handler'), await make(`stats-committee-${crypto.randomUUID()}`, 'discipline')];
  staff = { handler: { id: h!, role: 'handler', villageId: null }, committee: { id: d!, role: 'discipline', villageId: null } };
  return staff;
}

export interface HistoryOptions {
  seed: number;
  cases: number;
  /** Cases arrive between `from` and `from + days`. */
  from: string;
  days: number;
  /** Called after each case's history (e.g. to fold as the cron would between events). */
  after?: () => Promise<void>;
}

/** Cases with random but legal histories: moves by staff, verdicts and reopens by residents. Returns their numbers. */
export async function randomHistories(o: HistoryOptions): Promise<string[]> {
  const random = rng(o.seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const { handler, committee } = await statsStaff();
  const numbers: string[] = [];
  for (let n = 0; n < o.cases; n++) {
    let clock = Date.parse(`${o.from}T01:00:00Z`) + Math.floor(random() * o.days) * DAY + Math.floor(random() * 14) * 3_600_000;
    const s = validateSubmission(submission({ village: pick(VILLAGES), category: pick(CATEGORIES) }));
    if (!s.ok) throw new Error('bad test submission');
    const sent = await submit(env.DB, TEST_QUERY_CODE_KEY, s.value, 'zh-CN', new Date(clock));
    if (!sent.ok) throw new Error('submission failed');
    const caseNumber = sent.value.receipt.caseNumber;
    numbers.push(caseNumber);
    const id = await env.DB.prepare('SELECT id FROM cases WHERE case_number = ?1').bind(caseNumber).first<number>('id');
    for (let step = 0; step < 7; step++) {
      const row = await env.DB.prepare('SELECT status, discipline, reopen_count, accepted_at, version FROM cases WHERE id = ?1').bind(id).first<{
        status: string;
        discipline: number;
        reopen_count: number;
        accepted_at: string | null;
        version: number;
      }>();
      clock += Math.floor(random() * 4 * DAY) + 3_600_000;
      if (['closed', 'closed_unresolved', 'not_accepted'].includes(row!.status)) {
        if (random() < 0.3) break; // no verdict
        const rating = pick(['satisfied', 'basically_satisfied', 'dissatisfied']);
        const reopen = rating === 'dissatisfied' && row!.reopen_count === 0 && random() < 0.6;
        const at = new Date(clock).toISOString();
        let update: Parameters<typeof insertFeedback>[3] = null;
        if (reopen) {
          const record = await env.DB.prepare('SELECT * FROM cases WHERE id = ?1').bind(id).first<CaseRecord>();
          const state = { status: row!.status as CaseStatus, discipline: row!.discipline === 1, reopenCount: row!.reopen_count, acceptedAt: row!.accepted_at };
          const moved = applyMove(state, { move: 'reopen', message: '重新办理' }, new Date(clock));
          if (!moved.ok) throw new Error('reopen refused');
          const event = { kind: 'reopen', actor: 'resident', publicMessage: '重新办理', internalNote: null, at, data: { acceptDueAt: moved.value.acceptDueAt ?? null } };
          update = { update: updateFor(record!, moved.value), event };
        }
        await insertFeedback(env.DB, { id: id!, version: row!.version, closing: row!.reopen_count }, { rating, comment: null, at }, update);
        if (!reopen) break;
        continue;
      }
      const moves = availableMoves({ status: row!.status as never, discipline: row!.discipline === 1, reopenCount: row!.reopen_count, acceptedAt: row!.accepted_at });
      if (moves.length === 0) break;
      const next = pick(moves) as StaffMove;
      const viewer = row!.discipline ? committee : handler;
      const recategorize = next === 'accept' && !row!.discipline && random() < 0.3 ? { categoryId: pick(['demand', 'suggestion', 'complaint']) } : {};
      const result = await moveCase(
        env.DB,
        viewer,
        caseNumber,
        // A sealed case's message is sealed, as the committee member's browser sends it.
        // A committee disposal carries its sealed reason.
        {
          move: next,
          message: row!.discipline ? await sealForCase(caseNumber, '答复') : '答复',
          ...(row!.discipline && { note: await sealForCase(caseNumber, '集体研究意见') }),
          workingDays: 1 + Math.floor(random() * 6),
          reason: 'duplicate',
          ...recategorize,
        },
        new Date(clock),
      );
      if (!result.ok) throw new Error(`${next} from ${row!.status}: ${JSON.stringify(result)}`);
    }
    await o.after?.();
  }
  return numbers;
}

/** Every span, in order, as one string. */
export async function spanDump(): Promise<string> {
  const { results } = await env.DB.prepare(`SELECT * FROM stat_spans ORDER BY case_id, event_id`).all();
  return JSON.stringify(results);
}

import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { validateSubmission } from '../../worker/cases/submission.ts';
import worker from '../../worker/index.ts';
import { submit } from '../../worker/services/mailbox.ts';
import { TEST_QUERY_CODE_KEY } from './test-key.ts';
import { submission } from './support.ts';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

function valid(fields: Record<string, string>) {
  const result = validateSubmission(fields);
  if (!result.ok) throw new Error('test submission is invalid');
  return result.value;
}

describe('a receipt shown again for a retry', () => {
  it('is shown again within 10 minutes; after that the retry gets the case number and no code', async () => {
    const s = valid(submission());
    const sentAt = new Date('2026-11-20T02:00:00Z');
    const first = await submit(env.DB, TEST_QUERY_CODE_KEY, s, 'zh-CN', sentAt);
    const again = await submit(env.DB, TEST_QUERY_CODE_KEY, s, 'zh-CN', new Date(sentAt.getTime() + 9 * MINUTE));
    expect(first.ok && again.ok && again.value.receipt.queryCode === first.value.receipt.queryCode).toBe(true);
    const late = await submit(env.DB, TEST_QUERY_CODE_KEY, s, 'zh-CN', new Date(sentAt.getTime() + 11 * MINUTE));
    expect(late.ok && late.value.receipt.queryCode).toBeNull();
    expect(late.ok && first.ok && late.value.receipt.caseNumber === first.value.receipt.caseNumber && !late.value.created).toBe(true);
  });
});

describe('the scheduled clean-up', () => {
  it('forgets sealed receipt codes of past town days (each opens only in its 10 minutes) and expired track tokens, and nothing else', async () => {
    const old = valid(submission());
    const recent = valid(submission());
    const now = Date.now();
    const [oldAt, recentAt] = [new Date(now - 2 * 24 * HOUR), new Date(now - 5 * MINUTE)];
    await submit(env.DB, TEST_QUERY_CODE_KEY, old, 'zh-CN', oldAt);
    await submit(env.DB, TEST_QUERY_CODE_KEY, recent, 'zh-CN', recentAt);
    const casesBefore = await env.DB.prepare(`SELECT count(*) AS n FROM cases`).first('n');
    await env.DB.prepare(`INSERT INTO track_tokens (token_hash, sealed_case, expires_at) VALUES ('expired', 'sealed', ?1)`)
      .bind(new Date(now - HOUR).toISOString())
      .run();

    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: now, cron: '17 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);

    const { results } = await env.DB.prepare(
      `SELECT sealed_code IS NOT NULL AS sealed FROM submissions ORDER BY case_id`,
    ).all();
    expect(results.map((r) => r.sealed).slice(-2)).toEqual([0, 1]);
    expect(await env.DB.prepare(`SELECT count(*) AS n FROM track_tokens WHERE token_hash = 'expired'`).first('n')).toBe(0);
    expect(await env.DB.prepare(`SELECT count(*) AS n FROM cases`).first('n')).toBe(casesBefore);
  });
});

/**
 * Benchmark of the statistics rebuild (`npm run bench:stats`): for 1k, 10k and 100k cases in a
 * local D1, times the cron's from-scratch rebuild (refold every case, rebuild the snapshot) and
 * prints each; fails if the time per case at 100k is more than twice that at 10k (worse than
 * linear growth, with room for noise).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getPlatformProxy } from 'wrangler';
import { rebuildAllFacts, rebuildSnapshot } from '../services/stats.ts';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);

const at = (offset: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-05T01:00:00Z', '+' || (i % 300) || ' days', ${offset})`;

/** Cases and a realistic mix of histories, generated inside SQLite (fast at any size). */
function seedSql(n: number): string[] {
  const cases = `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ${n})
    INSERT INTO cases (case_number, code_hash, village_id, category_id, subject, description, anonymous, channel, locale, status,
      created_at, updated_at, accept_due_at)
    SELECT printf('CL-2026-%06d', i), printf('%064x', i),
      CASE i % 5 WHEN 0 THEN 'qinglian' WHEN 1 THEN 'dongling' WHEN 2 THEN 'xiling' WHEN 3 THEN 'nanhe' ELSE 'beishan' END,
      CASE i % 17 WHEN 0 THEN 'cadre-report' ELSE CASE i % 3 WHEN 0 THEN 'demand' WHEN 1 THEN 'suggestion' ELSE 'complaint' END END,
      'bench', 'bench case', 1, 'web', 'zh-CN',
      CASE i % 4 WHEN 3 THEN 'received' ELSE 'closed' END,
      ${at("'+0 hours'")}, ${at("'+0 hours'")}, ${at("'+1 days'")}
    FROM seq`;
  const event = (kind: string, offset: string, where: string, data = 'NULL') =>
    `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ${n})
     INSERT INTO case_events (case_id, kind, actor, data, created_at) SELECT i, '${kind}', 'system', ${data}, ${at(offset)} FROM seq WHERE ${where}`;
  return [
    cases,
    event('submitted', "'+0 hours'", '1'),
    event('accept', "'+2 hours'", 'i % 4 != 3'),
    event('resolve_at_once', "'+3 hours'", 'i % 4 = 0'),
    event('set_time_limit', "'+3 hours'", 'i % 4 = 1', `json_object('workingDays', 5, 'dueAt', ${at("'+7 days'")})`),
    event('resolve', "'+2 days'", 'i % 4 = 1'),
    event('explain', "'+3 hours'", 'i % 4 = 2'),
    event('close', "'+3 days'", 'i % 4 != 3'),
    event('feedback', "'+4 days'", 'i % 4 != 3 AND i % 3 != 0', `json_object('rating', CASE i % 3 WHEN 1 THEN 'satisfied' ELSE 'dissatisfied' END)`),
  ];
}

async function measure(n: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'qinglian-bench-'));
  try {
    const migrated = spawnSync('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', dir], {
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
      encoding: 'utf8',
    });
    if (migrated.status !== 0) throw new Error(migrated.stderr || migrated.stdout);
    const { env, dispose } = await getPlatformProxy<{ DB: D1Database }>({ configPath: 'wrangler.toml', persist: { path: join(dir, 'v3') }, remoteBindings: false });
    try {
      for (const statement of seedSql(n)) await env.DB.prepare(statement).run();
      const started = performance.now();
      await rebuildAllFacts(env.DB);
      const stats = await rebuildSnapshot(env.DB);
      const ms = performance.now() - started;
      if (stats.town.counts.received !== Math.round(n - n / 17) && typeof stats.town.counts.received === 'number' && Math.abs(stats.town.counts.received - (n - Math.floor(n / 17))) > 1) {
        throw new Error(`unexpected figures: ${JSON.stringify(stats.town.counts)}`);
      }
      console.log(`${String(n).padStart(7)} cases: rebuild ${ms.toFixed(0).padStart(7)} ms  (${((ms * 1000) / n).toFixed(1)} µs per case)`);
      return ms / n;
    } finally {
      await dispose();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const perCase: number[] = [];
for (const n of SIZES) perCase.push(await measure(n));
if (perCase.length >= 2) {
  const ratio = perCase.at(-1)! / perCase.at(-2)!;
  const verdict = ratio <= 2 ? 'grows no worse than linearly' : 'GROWS WORSE THAN LINEARLY';
  console.log(`time per case, largest vs next size: ×${ratio.toFixed(2)} — ${verdict}`);
  if (ratio > 2) process.exit(1);
}

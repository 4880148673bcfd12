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
import { historySql } from '../demo/history.ts';
import { rebuildAllFacts, rebuildSnapshot } from '../services/stats.ts';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);

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
      for (const statement of historySql({ count: n, firstNumber: 1, from: '2026-01-05', days: 300 })) await env.DB.prepare(statement).run();
      const started = performance.now();
      await rebuildAllFacts(env.DB);
      const stats = await rebuildSnapshot(env.DB);
      const ms = performance.now() - started;
      if (typeof stats.town.counts.received !== 'number' || stats.town.counts.received < n * 0.9) {
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

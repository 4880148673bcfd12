/** The benchmarks' database: a fresh local D1 with sample history (Node only, never bundled). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fresh local D1 in a temporary folder with the migrations applied and `count` cases of sample
 * history (generated inside SQLite), for the benchmarks. Returns the folder (pass it to
 * `--persist-to` or getPlatformProxy's persist path `<dir>/v3`); the caller removes it.
 */
export async function historyDatabase(count: number): Promise<string> {
  const { getPlatformProxy } = await import('wrangler');
  const { historySql } = await import('../demo/history.ts');
  const dir = mkdtempSync(join(tmpdir(), 'qinglian-bench-'));
  const migrated = spawnSync('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', dir], {
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    encoding: 'utf8',
  });
  if (migrated.status !== 0) throw new Error(migrated.stderr || migrated.stdout);
  if (count > 0) {
    const { env, dispose } = await getPlatformProxy<{ DB: D1Database }>({ configPath: 'wrangler.toml', persist: { path: join(dir, 'v3') }, remoteBindings: false });
    try {
      // In slices of 50,000 cases, each over its share of the 300 days (case numbers follow the
      // days, as in a town), so no one statement runs long enough for the local D1 to give up.
      const slice = 50_000;
      const days = 300;
      for (let first = 0; first < count; first += slice) {
        const n = Math.min(slice, count - first);
        const startDay = Math.floor((first * days) / count);
        const endDay = Math.max(startDay + 1, Math.floor(((first + n) * days) / count));
        const from = new Date(Date.parse('2026-01-05T00:00:00Z') + startDay * 86_400_000).toISOString().slice(0, 10);
        for (const statement of historySql({ count: n, firstNumber: first + 1, from, days: endDay - startDay })) await env.DB.prepare(statement).run();
      }
    } finally {
      await dispose();
    }
  }
  return dir;
}

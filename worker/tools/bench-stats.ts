/**
 * Benchmark of the statistics (`npm run bench:stats`): for 10k, 100k and 1M cases generated inside
 * SQLite (worker/demo/history.ts) in a fresh local D1, times the cron's work from scratch: the
 * refold of every case into spans (in bounded chunks) and every release due (each month since the
 * first case, the quarters, the open-cases line). Prints the time, the time per case, the peak
 * memory of this process and of the workerd that runs D1, and the growth ratio between sizes.
 *
 * Targets on a 2-core machine: 100k ≤ 2 s, 1M ≤ 20 s. BENCH_SIZES=10000,100000 picks the sizes.
 */
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { getPlatformProxy } from 'wrangler';
import { foldStatistics, makeDueReleases, publication } from '../services/stats.ts';
import { historyDatabase } from './history-db.ts';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const TARGET_MS: Record<number, number> = { 100_000: 2_000, 1_000_000: 20_000 };

/** Peak resident memory (VmHWM, MB) of the workerd processes this process started. */
function workerdPeakMb(): number {
  let peak = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      if (ppid !== process.pid || !/Name:\s+workerd/.test(status)) continue;
      peak = Math.max(peak, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
    } catch {
      // the process ended meanwhile
    }
  }
  return peak;
}

async function measure(n: number): Promise<number> {
  const generating = performance.now();
  // A year of history: cases from 5 January to 31 October, released up to November.
  const dir = await historyDatabase(n);
  const generated = performance.now() - generating;
  try {
    const { env, dispose } = await getPlatformProxy<{ DB: D1Database }>({ configPath: 'wrangler.toml', persist: { path: join(dir, 'v3') }, remoteBindings: false });
    try {
      let nodePeak = process.memoryUsage().rss;
      const sampler = setInterval(() => (nodePeak = Math.max(nodePeak, process.memoryUsage().rss)), 20);
      const started = performance.now();
      const folded = await foldStatistics(env.DB);
      const foldMs = performance.now() - started;
      const made = await makeDueReleases(env.DB, new Date('2026-12-02T02:00:00Z'));
      const ms = performance.now() - started;
      clearInterval(sampler);
      const { stats } = await publication(env.DB);
      const received = stats!.tables.periods.reduce((s, p) => s + (typeof p.town.counts.received === 'number' ? p.town.counts.received : 0), 0);
      if (!folded || received < n * 0.9) throw new Error(`unexpected figures: folded ${folded}, ${received} received`);
      const target = TARGET_MS[n];
      console.log(
        `${String(n).padStart(8)} cases: refold ${foldMs.toFixed(0).padStart(6)} ms + ${made} releases ${(ms - foldMs).toFixed(0).padStart(5)} ms = ${ms.toFixed(0).padStart(6)} ms` +
          `  (${((ms * 1000) / n).toFixed(1)} µs per case; database made in ${(generated / 1000).toFixed(1)} s)` +
          `  peak memory: node ${(nodePeak / 2 ** 20).toFixed(0)} MB, workerd ${workerdPeakMb().toFixed(0)} MB` +
          (target ? `  target ≤ ${target / 1000} s: ${ms <= target ? 'met' : 'NOT MET'}` : ''),
      );
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
for (let i = 1; i < perCase.length; i++) {
  const ratio = perCase[i]! / perCase[i - 1]!;
  console.log(`time per case, ${SIZES[i]} vs ${SIZES[i - 1]}: ×${ratio.toFixed(2)} — ${ratio <= 2 ? 'grows no worse than linearly' : 'GROWS WORSE THAN LINEARLY'}`);
}

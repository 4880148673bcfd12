/**
 * `npm run bench:pages`: a published regulation page rendered by the worker from D1 against the
 * same bytes served as a static asset, in one run, 32 connections each: requests per second and
 * latency for a fresh page (200) and for a revalidation that matches (304). Targets (issue 20):
 * the worker's 304s at least 0.8 × the static 304s per second, and the worker page's p99 at most
 * 2 × the static p99. Prints both and exits non-zero when a target is missed.
 *
 * Then, for the pages that show village disclosures (docs/architecture.md, "Village pages"): a
 * village page as built with its empty slots filled from D1 (the design in use), against the same
 * bytes as a static asset, and against a page the worker renders whole from JSX through the page
 * frame (a disclosure's page, the other design's way): requests per second and latency, no targets.
 *
 * A fresh local D1 with the demo's regulations (content:import), `wrangler dev` on the built
 * site (`npm run bench:pages` builds it first). The static copy is written into dist/ under
 * /__bench/ while the benchmark runs and removed afterwards. BENCH_SECONDS sets each run's length.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { devKey } from './load-scenarios.ts';
import { startLocalWorker, toolEnv } from './local-worker.ts';
import { wrangler } from './d1.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 32;
const PAGE = '/regulations/rural-cadre-management/';
const STATIC = '/__bench/regulation/';
const VILLAGE = '/villages/qinglian/';
const VILLAGE_STATIC = '/__bench/village/';
const WHOLE = '/disclosures/qinglian/2026-10-finances/';
const staticDir = join(ROOT, 'dist', '__bench');

const dir = mkdtempSync(join(tmpdir(), 'qinglian-bench-pages-'));
const misses: string[] = [];

async function measure(baseURL: string, path: string, headers: Record<string, string> = {}) {
  // A short warm-up, then the run.
  await autocannon({ url: `${baseURL}${path}`, connections: CONNECTIONS, duration: 2, requests: [{ method: 'GET', headers }] });
  const r = await autocannon({ url: `${baseURL}${path}`, connections: CONNECTIONS, duration: SECONDS, requests: [{ method: 'GET', headers }] });
  const statuses = Object.entries(r.statusCodeStats).map(([s, { count }]) => `${s}×${count}`).join(' ');
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, statuses, errors: r.errors + r.timeouts };
}

const row = (label: string, m: Awaited<ReturnType<typeof measure>>) =>
  `  ${label.padEnd(28)} ${m.rps.toFixed(0).padStart(7)} req/s   p50 ${String(m.p50).padStart(4)} ms   p99 ${String(m.p99).padStart(4)} ms   ${m.statuses}${m.errors ? `   errors ${m.errors}` : ''}`;

try {
  wrangler('d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', dir);
  const imported = spawnSync(process.execPath, [join(ROOT, 'worker', 'tools', 'content-import.ts'), `--persist-to=${dir}`], { cwd: ROOT, env: toolEnv(), stdio: 'inherit' });
  if (imported.status !== 0) process.exit(imported.status ?? 1);

  // The worker's page, as a browser gets it; then the same bytes as a static file.
  let worker = await startLocalWorker(dir, { QUERY_CODE_KEY: devKey() });
  const first = await fetch(`${worker.baseURL}${PAGE}`);
  const bytes = await first.text();
  const workerTag = first.headers.get('etag');
  const village = await (await fetch(`${worker.baseURL}${VILLAGE}`)).text();
  const whole = await (await fetch(`${worker.baseURL}${WHOLE}`)).text();
  await worker.stop();
  if (first.status !== 200 || !workerTag) throw new Error(`${PAGE} answered ${first.status} without an ETag: is the demo imported?`);
  mkdirSync(join(staticDir, 'regulation'), { recursive: true });
  writeFileSync(join(staticDir, 'regulation', 'index.html'), bytes);
  mkdirSync(join(staticDir, 'village'), { recursive: true });
  writeFileSync(join(staticDir, 'village', 'index.html'), village);

  worker = await startLocalWorker(dir, { QUERY_CODE_KEY: devKey() });
  try {
    const asset = await fetch(`${worker.baseURL}${STATIC}`);
    const staticTag = asset.headers.get('etag');
    if ((await asset.text()) !== bytes || !staticTag) throw new Error('the static copy is not served as written');
    console.log(`${PAGE} (${Buffer.byteLength(bytes)} bytes), ${CONNECTIONS} connections, ${SECONDS} s each, wrangler dev on a local D1\n`);
    const static200 = await measure(worker.baseURL, STATIC);
    const worker200 = await measure(worker.baseURL, PAGE);
    const static304 = await measure(worker.baseURL, STATIC, { 'if-none-match': staticTag });
    const worker304 = await measure(worker.baseURL, PAGE, { 'if-none-match': workerTag });
    console.log(row('static asset, 200', static200));
    console.log(row('worker from D1, 200', worker200));
    console.log(row('static asset, 304', static304));
    console.log(row('worker from D1, 304', worker304));
    const ratio = worker304.rps / static304.rps;
    const p99 = worker200.p99 / Math.max(static200.p99, 1);
    const ok304 = ratio >= 0.8 && worker304.statuses.startsWith('304');
    const okP99 = p99 <= 2;
    if (!ok304) misses.push('304 req/s');
    if (!okP99) misses.push('p99');
    console.log(`\n  worker 304 req/s / static 304 req/s = ${ratio.toFixed(2)} (goal ≥ 0.8) — ${ok304 ? 'ok' : 'MISSED'}`);
    console.log(`  worker p99 / static p99 (200)       = ${p99.toFixed(2)} (goal ≤ 2) — ${okP99 ? 'ok' : 'MISSED'}`);
    const p99of304 = worker304.p99 / Math.max(static304.p99, 1);
    console.log(`  worker p99 / static p99 (304)       = ${p99of304.toFixed(2)}`);

    // The village page: built with empty slots, filled per request (streamed), against its bytes as a file and a page rendered whole.
    console.log(`\n${VILLAGE} (${Buffer.byteLength(village)} bytes) and ${WHOLE} (${Buffer.byteLength(whole)} bytes), 200s`);
    const villageStatic = await measure(worker.baseURL, VILLAGE_STATIC);
    const villageSlots = await measure(worker.baseURL, VILLAGE);
    const wholeJsx = await measure(worker.baseURL, WHOLE);
    console.log(row('village page as a file', villageStatic));
    console.log(row('village page, slots filled', villageSlots));
    console.log(row('page rendered whole (JSX)', wholeJsx));
    console.log(`\n  slots filled / file, req/s          = ${(villageSlots.rps / villageStatic.rps).toFixed(2)}`);
    console.log(`  rendered whole / file, req/s        = ${(wholeJsx.rps / villageStatic.rps).toFixed(2)}`);
  } finally {
    await worker.stop();
  }
} finally {
  rmSync(staticDir, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
}
console.log(misses.length === 0 ? '\nall targets met' : `\ntargets missed: ${misses.join(', ')}`);
process.exit(misses.length === 0 ? 0 : 1);

/**
 * Benchmark of a submission (`npm run bench:submit`). In one run, on the same wrangler and
 * workerd, it starts the real worker over a local D1 that already holds N cases, and a bare
 * reference worker (worker/tools/bench-reference) that stores each body with one D1 insert; it
 * drives both with the same load (autocannon: 32 connections, a fresh submission id and proof of work per request,
 * BENCH_SECONDS each, default 10), alternating reference and real twice, and prints req/s, p50
 * and p99 of each and their ratios. It does this with 100 and with 100,000 cases stored
 * (BENCH_STORED=100,100000), so a submission's cost can be seen not to grow with the history.
 *
 * Targets: the submission's req/s ≥ 0.7 × the reference's, its p99 ≤ 1.5 × the reference's.
 * The machine is shared: only the ratios measured in the same run mean anything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { issueChallenge, solveChallenge } from '../cases/proof-of-work.ts';
import { historyDatabase } from './history-db.ts';

const STORED = (process.env.BENCH_STORED ?? '100,100000').split(',').map(Number);
/** The worker's secret in this run: the benchmark issues its own proofs of work with it. */
const KEY = 'bench-only-key-not-secret-0123456789abcdef';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 32;
const ROOT = resolve(import.meta.dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

interface Running {
  url: string;
  stop(): Promise<void>;
}

/** `wrangler dev` for a config, on free ports, persisting D1 to `persist`; resolves once it answers. */
async function start(config: string, persist: string, vars: string[] = []): Promise<Running> {
  const [port, inspector] = [await freePort(), await freePort()];
  const child: ChildProcess = spawn(
    join(ROOT, 'node_modules', '.bin', 'wrangler'),
    ['dev', '-c', config, '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspector), '--persist-to', persist, '--log-level', 'error', ...vars.flatMap((v) => ['--var', v])],
    { cwd: ROOT, env: { ...process.env, WRANGLER_SEND_METRICS: 'false' }, detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const output: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      await fetch(url);
      break;
    } catch {
      if (child.exitCode !== null) throw new Error(`wrangler dev ${config} ended: ${output.join('')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url,
    stop: async () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 500));
    },
  };
}

/** The real worker without the static site: the benchmark needs only its API. */
function realConfig(dir: string): string {
  const file = join(dir, 'wrangler.json');
  writeFileSync(
    file,
    JSON.stringify({
      name: 'qinglian-bench',
      main: join(ROOT, 'worker/index.ts'),
      compatibility_date: '2026-11-01',
      d1_databases: [{ binding: 'DB', database_name: 'qinglian', database_id: '00000000-0000-4000-8000-000000000000', migrations_dir: join(ROOT, 'worker/migrations') }],
      // As wrangler.toml: the worker reads its UI strings from its static assets (without them it
      // answers 503, which the benchmark would count as fast failures), and photos go to R2.
      assets: { directory: join(ROOT, 'dist'), binding: 'ASSETS', run_worker_first: true },
      r2_buckets: [{ binding: 'FILES', bucket_name: 'qinglian-files' }],
      // Bundled as wrangler.toml bundles the upload (its aliases, minified, no keep-names wrappers),
      // so the benchmark measures the code as deployed rather than wrangler's defaults.
      minify: true,
      keep_names: false,
      alias: {
        'hono/jsx': join(ROOT, 'worker/http/hono-jsx.js'),
        'decode-named-character-reference': join(ROOT, 'worker/publishing/entities.ts'),
        'micromark-core-commonmark': join(ROOT, 'worker/publishing/commonmark.ts'),
      },
    }),
  );
  return file;
}

const VILLAGES = ['qinglian', 'dongling', 'xiling', 'nanhe', 'beishan'];
const CATEGORIES = ['demand', 'suggestion', 'complaint'];
let n = 0;

/**
 * Fresh, valid submissions: a new client id every time, as every resident's form has, each with a
 * proof of work at the lowest difficulty (1 bit: the worker still checks its signature and hash;
 * on the mailbox a resident's phone solves 12 bits or more). Made before a run, so the load
 * generator does no hashing while it measures.
 */
async function submissionBodies(count: number): Promise<string[]> {
  const bodies: string[] = [];
  for (let i = 0; i < count; i++) bodies.push(await submissionBody());
  return bodies;
}

async function submissionBody(): Promise<string> {
  n++;
  const submissionId = randomBytes(16).toString('base64url');
  return JSON.stringify({
    submissionId,
    proof: await solveChallenge(await issueChallenge(KEY, 'submission', submissionId, 1)),
    village: VILLAGES[n % VILLAGES.length],
    category: CATEGORIES[n % CATEGORIES.length],
    subject: `（压测）村口路灯不亮 ${n}`,
    description: '（压测）村口到学校的路灯已经坏了一个星期，晚上走路看不见，请尽快修好。',
    identity: 'anonymous',
  });
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  failed: number;
}

async function load(url: string, path: string): Promise<Figures> {
  // More than the fastest run could send in its time.
  const bodies = await submissionBodies(SECONDS * 1500);
  let next = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }),
      },
    ],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, failed: result.non2xx + result.errors + result.timeouts };
}

const fmt = (f: Figures) => `${f.rps.toFixed(0).padStart(5)} req/s  p50 ${String(f.p50).padStart(4)} ms  p99 ${String(f.p99).padStart(4)} ms${f.failed ? `  ${f.failed} failed` : ''}`;
const mean = (xs: Figures[]): Figures => ({
  rps: xs.reduce((s, x) => s + x.rps, 0) / xs.length,
  p50: xs.reduce((s, x) => s + x.p50, 0) / xs.length,
  p99: xs.reduce((s, x) => s + x.p99, 0) / xs.length,
  failed: xs.reduce((s, x) => s + x.failed, 0),
});

const summary: string[] = [];
for (const stored of STORED) {
  console.log(`\n${stored} cases stored: preparing the database…`);
  const realDb = await historyDatabase(stored);
  const refDir = mkdtempSync(join(tmpdir(), 'qinglian-bench-ref-'));
  // The worker asks the difficulty in force when a proof is spent: fixed at the benchmark's 1 bit.
  const real = await start(realConfig(realDb), realDb, [`QUERY_CODE_KEY:${KEY}`, 'PROOF_OF_WORK_BITS:1']);
  const reference = await start(join(ROOT, 'worker/tools/bench-reference/wrangler.toml'), refDir);
  try {
    // Warm both up (first requests compile and open the database).
    await load(reference.url, '/');
    await load(real.url, '/api/submissions');
    const runs: { ref: Figures[]; real: Figures[] } = { ref: [], real: [] };
    for (let round = 1; round <= 2; round++) {
      const ref = await load(reference.url, '/');
      console.log(`  round ${round} reference   ${fmt(ref)}`);
      const sub = await load(real.url, '/api/submissions');
      console.log(`  round ${round} submission  ${fmt(sub)}`);
      runs.ref.push(ref);
      runs.real.push(sub);
    }
    const [ref, sub] = [mean(runs.ref), mean(runs.real)];
    const rpsRatio = sub.rps / ref.rps;
    const p99Ratio = sub.p99 / Math.max(ref.p99, 1);
    const line =
      `${String(stored).padStart(7)} stored: submission ${fmt(sub)} | reference ${fmt(ref)} | req/s ×${rpsRatio.toFixed(2)} (target ≥ 0.7: ${rpsRatio >= 0.7 ? 'met' : 'NOT MET'}), ` +
      `p99 ×${p99Ratio.toFixed(2)} (target ≤ 1.5: ${p99Ratio <= 1.5 ? 'met' : 'NOT MET'})`;
    summary.push(line);
    console.log(line);
  } finally {
    await real.stop();
    await reference.stop();
    rmSync(realDb, { recursive: true, force: true });
    rmSync(refDir, { recursive: true, force: true });
  }
}
console.log(`\nSummary (${CONNECTIONS} connections, ${SECONDS} s per run, two rounds each, alternated):\n${summary.join('\n')}`);

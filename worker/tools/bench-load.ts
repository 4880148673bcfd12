/**
 * Load, restart, fuzz and flood figures (`npm run bench:load`): a fresh local D1, the whole site
 * on `wrangler dev`, and the scenarios of load-scenarios.ts at full size. Prints what it measured
 * and exits non-zero when a target is missed (5xx, lost or duplicate submissions, partial rows, a
 * real case pushed off the queue's first page). Not part of `npm test`: a short version of each
 * scenario runs in test/browser/load-smoke.test.ts.
 *
 * The proof of work runs at its lowest difficulty here (PROOF_OF_WORK_BITS=1): the figures are
 * the worker's, not the cost of the work a phone does (about 4,000 hashes at the normal 12 bits).
 * Sizes can be changed: BENCH_RESIDENTS, BENCH_SUBMISSIONS, BENCH_RESTART, BENCH_FUZZ, BENCH_FLOOD.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devKey, floodScenario, fuzzScenario, loadScenario, prepareDatabase, restartScenario, verify, type Acks } from './load-scenarios.ts';
import { startLocalWorker } from './local-worker.ts';

const size = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const RESIDENTS = size('BENCH_RESIDENTS', 200);
const SUBMISSIONS = size('BENCH_SUBMISSIONS', 4000);
const RESTART = size('BENCH_RESTART', 1000);
const FUZZ = size('BENCH_FUZZ', 10_000);
const FLOOD = size('BENCH_FLOOD', 2000);

const dir = mkdtempSync(join(tmpdir(), 'qinglian-bench-load-'));
const misses: string[] = [];
const target = (ok: boolean, what: string) => {
  if (!ok) misses.push(what);
  return ok ? 'ok' : 'MISSED';
};

try {
  await prepareDatabase(dir);
  const worker = await startLocalWorker(dir, { QUERY_CODE_KEY: devKey(), PROOF_OF_WORK_BITS: '1' });
  console.log(`wrangler dev on ${worker.baseURL}, a fresh local D1; proof of work at its lowest difficulty (1 bit) for this local run\n`);

  const flood = await floodScenario(worker.baseURL, FLOOD);
  console.log(`flood: ${flood.sent} submissions without a proof of work in ${flood.seconds.toFixed(1)} s (${(flood.sent / flood.seconds).toFixed(0)}/s)`);
  console.log(`  accepted ${flood.accepted} (the hourly budget without JavaScript), very busy (429) ${flood.busy}, other ${JSON.stringify(flood.other)}`);
  console.log(`  a real submission sent halfway: ${flood.realCase}, position ${flood.realPosition} on the queue's first page — ${target(flood.realOnFirstPage, 'real case on the first page')}\n`);

  const load = await loadScenario(worker.baseURL, RESIDENTS, SUBMISSIONS);
  console.log(`load: ${RESIDENTS} residents at once, ${load.submissions} submissions (each a challenge, then the submission) in ${load.seconds.toFixed(1)} s`);
  console.log(`  ${load.requestsPerSecond.toFixed(0)} requests/s, latency p50 ${load.p50} ms, p99 ${load.p99} ms, 5xx ${load.fiveHundreds} — ${target(load.fiveHundreds === 0, 'load 5xx')}, connection errors ${load.errors}`);
  console.log(`  acknowledged ${load.acks.size}${load.examples.length ? `\n  e.g. ${load.examples.join('\n       ')}` : ''}\n`);

  const restart = await restartScenario(worker, 50, RESTART, Math.floor(RESTART / 3));
  console.log(`restart: 50 clients, ${RESTART} submissions; the worker killed (SIGKILL) after ${restart.killedAfter} acknowledgements and started again`);
  console.log(`  down ${restart.downSeconds.toFixed(1)} s, ${restart.retries} retries with the same submission id, acknowledged ${restart.acks.size} of ${restart.attempted.length}\n`);

  const fuzz = await fuzzScenario(worker.baseURL, FUZZ);
  const histogram = Object.entries(fuzz.histogram).sort(([a], [b]) => a.localeCompare(b)).map(([status, n]) => `${status}: ${n}`).join(', ');
  console.log(`fuzz: ${fuzz.requests} generated requests (random methods, paths under every route, random bytes, almost-valid JSON and forms, wrong encodings, huge and empty fields, every content type)`);
  console.log(`  statuses ${histogram}`);
  console.log(`  responses ≥ 500: ${fuzz.fiveHundreds} — ${target(fuzz.fiveHundreds === 0, 'fuzz 5xx')}${fuzz.examples.length ? `\n  e.g. ${fuzz.examples.join('\n       ')}` : ''}\n`);

  await worker.stop();
  const acks: Acks = new Map([...load.acks, ...restart.acks]);
  const checked = await verify(dir, acks, [...load.acks.keys(), ...restart.attempted]);
  console.log(`after stopping, in the database:`);
  console.log(`  lost (acknowledged, missing or another case) ${checked.lost} — ${target(checked.lost === 0, 'lost')}`);
  console.log(`  duplicates (two cases for one submission id) ${checked.duplicates} — ${target(checked.duplicates === 0, 'duplicates')}`);
  console.log(`  acknowledged without exactly one first event ${checked.withoutFirstEvent} — ${target(checked.withoutFirstEvent === 0, 'first events')}`);
  const partial = checked.casesWithoutEvents + checked.eventsWithoutCase + checked.submissionsWithoutCase;
  console.log(`  partial rows: cases without events ${checked.casesWithoutEvents}, events without a case ${checked.eventsWithoutCase}, submissions without a case ${checked.submissionsWithoutCase} — ${target(partial === 0, 'partial rows')}`);
  console.log(`  never acknowledged but stored (at most once each) ${checked.unacknowledgedStored}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(misses.length === 0 ? '\nall targets met' : `\ntargets missed: ${misses.join(', ')}`);
process.exit(misses.length === 0 ? 0 : 1);

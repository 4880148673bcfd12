/**
 * A short run of each scenario of `npm run bench:load` (worker/tools/load-scenarios.ts) against a
 * worker of its own, on a fresh local D1: a flood, residents under load, a restart mid-load and
 * fuzzing. The figures are the benchmark's; here they must simply meet the targets.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { devKey, floodScenario, fuzzScenario, loadScenario, prepareDatabase, restartScenario, verify, type Acks } from '../../worker/tools/load-scenarios.ts';
import { startLocalWorker, type LocalWorker } from '../../worker/tools/local-worker.ts';

const dir = mkdtempSync(join(tmpdir(), 'qinglian-load-smoke-'));
let worker: LocalWorker;
const acks: Acks = new Map();
const attempted: string[] = [];

beforeAll(async () => {
  await prepareDatabase(dir);
  worker = await startLocalWorker(dir, { QUERY_CODE_KEY: devKey(), PROOF_OF_WORK_BITS: '1' });
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the load benchmark, in short', () => {
  test('a flood without proofs of work is held to its budget, and a real submission sent during it is on the first page of the queue', async () => {
    const flood = await floodScenario(worker.baseURL, 120, 16);
    expect(flood.accepted).toBeLessThanOrEqual(30);
    expect(flood.busy).toBe(120 - flood.accepted);
    expect(flood.other).toEqual({});
    expect(flood.realOnFirstPage).toBe(true);
  });

  test('residents at once get every submission acknowledged, with no 5xx', async () => {
    const load = await loadScenario(worker.baseURL, 20, 100);
    expect(load.fiveHundreds).toBe(0);
    expect(load.errors).toBe(0);
    expect(load.acks.size).toBe(100);
    for (const [tag, number] of load.acks) acks.set(tag, number);
    attempted.push(...load.acks.keys());
  });

  test('killed and started again mid-load, every submission is acknowledged after retries with its own id', async () => {
    const restart = await restartScenario(worker, 10, 60, 20);
    expect(restart.downSeconds).toBeGreaterThan(0);
    expect(restart.acks.size).toBe(60);
    for (const [tag, number] of restart.acks) acks.set(tag, number);
    attempted.push(...restart.attempted);
  }, 120_000);

  test('generated requests of every kind get no response of 500 or more', async () => {
    const fuzz = await fuzzScenario(worker.baseURL, 400, 8, 7);
    expect(fuzz.examples).toEqual([]);
    expect(fuzz.fiveHundreds).toBe(0);
    expect(fuzz.histogram['network error']).toBeUndefined();
  });

  test('afterwards the database holds every acknowledged submission once, with its first event, and nothing partial', async () => {
    await worker.stop();
    expect(await verify(dir, acks, attempted)).toEqual({
      lost: 0,
      duplicates: 0,
      withoutFirstEvent: 0,
      casesWithoutEvents: 0,
      eventsWithoutCase: 0,
      submissionsWithoutCase: 0,
      unacknowledgedStored: 0,
    });
  });
});

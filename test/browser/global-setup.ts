/**
 * Global setup of the `browser` project: a fresh local D1 with the demo data, and the whole site
 * (Astro's dist/ and the Hono worker) served by `wrangler dev` on a free port of 127.0.0.1.
 * The tests get the address through `inject('baseURL')`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startLocalWorker, toolEnv, type LocalWorker } from '../../worker/tools/local-worker.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    /** The local D1 that `wrangler dev` serves, for the operator's tools (npm run staff:add -- --persist-to). */
    persistDir: string;
  }
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const START_TIMEOUT_MS = 60_000;

/** Where Chromium is expected: CHROMIUM_PATH, else Debian's package. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

export default async function setup({ provide }: TestProject) {
  const chromium = chromiumPath();
  if (!existsSync(chromium)) {
    throw new Error(
      `Chromium not found at ${chromium}: install it with "apt-get update && apt-get install -y chromium" (or set CHROMIUM_PATH)`,
    );
  }
  if (!existsSync(join(ROOT, 'dist', 'index.html'))) {
    throw new Error(`The site is not built (${join(ROOT, 'dist', 'index.html')} is missing): run "npm run build" first`);
  }

  const persistDir = mkdtempSync(join(tmpdir(), 'qinglian-browser-d1-'));
  // local-setup.ts calls `wrangler` by name: toolEnv puts the project's binaries first.
  const env = toolEnv();

  const prepared = spawnSync(process.execPath, ['worker/tools/local-setup.ts', `--persist-to=${persistDir}`], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: START_TIMEOUT_MS * 2,
  });
  if (prepared.status !== 0) {
    rmSync(persistDir, { recursive: true, force: true });
    const tail = `${prepared.stdout ?? ''}\n${prepared.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n');
    throw new Error(`worker/tools/local-setup.ts failed (status ${prepared.status}, ${prepared.error?.message ?? 'no error'}):\n${tail}`);
  }

  let worker: LocalWorker;
  try {
    worker = await startLocalWorker(persistDir);
  } catch (error) {
    rmSync(persistDir, { recursive: true, force: true });
    throw error;
  }
  const { baseURL } = worker;
  const teardown = async () => {
    await worker.stop();
    rmSync(persistDir, { recursive: true, force: true });
  };

  provide('baseURL', baseURL);
  provide('persistDir', persistDir);
  return teardown;
}

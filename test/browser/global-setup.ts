/**
 * Global setup of the `browser` project: a fresh local D1 with the demo data, and the whole site
 * (Astro's dist/ and the Hono worker) served by `wrangler dev` on a free port of 127.0.0.1.
 * The tests get the address through `inject('baseURL')`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

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

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolvePort(port) : reject(new Error('could not find a free port'))));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
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
  const env: NodeJS.ProcessEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false' };
  // local-setup.ts calls `wrangler` by name: make sure the project's binaries come first.
  env.PATH = [join(ROOT, 'node_modules', '.bin'), dirname(process.execPath), env.PATH].filter(Boolean).join(':');

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

  const port = await freePort();
  // Its own inspector port too: another wrangler dev on this machine holds the default one.
  const inspectorPort = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const wrangler = spawn(
    join(ROOT, 'node_modules', '.bin', 'wrangler'),
    ['dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspectorPort), '--persist-to', persistDir],
    { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const collect = (chunk: Buffer) => {
    output.push(...chunk.toString('utf8').split('\n'));
    if (output.length > 200) output.splice(0, output.length - 200);
  };
  wrangler.stdout!.on('data', collect);
  wrangler.stderr!.on('data', collect);

  const teardown = async () => {
    killGroup(wrangler, 'SIGTERM');
    for (let i = 0; i < 50 && wrangler.exitCode === null && wrangler.signalCode === null; i++) await sleep(100);
    killGroup(wrangler, 'SIGKILL');
    rmSync(persistDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  let ready = false;
  let lastProblem = '';
  while (Date.now() < deadline) {
    if (wrangler.exitCode !== null || wrangler.signalCode !== null) {
      lastProblem = `wrangler exited (${wrangler.exitCode ?? wrangler.signalCode})`;
      break;
    }
    try {
      const response = await fetch(`${baseURL}/mailbox`, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.status === 200) {
        ready = true;
        break;
      }
      lastProblem = `GET /mailbox answered ${response.status}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await sleep(500);
  }
  if (!ready) {
    await teardown();
    const tail = output.filter((l) => l.trim()).slice(-30).join('\n');
    throw new Error(`wrangler dev did not serve ${baseURL}/mailbox within ${START_TIMEOUT_MS / 1000} s (${lastProblem}). Last output:\n${tail}`);
  }

  provide('baseURL', baseURL);
  provide('persistDir', persistDir);
  return teardown;
}

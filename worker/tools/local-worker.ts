/**
 * The whole site served by `wrangler dev` on free ports of 127.0.0.1, with its local D1 in a
 * folder of its own: for the browser tests and the load benchmark. It can be killed mid-request
 * (the restart scenario) and started again on the same port and database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const START_TIMEOUT_MS = 60_000;

/** A port nobody listens on now. */
export function freePort(): Promise<number> {
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

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
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

/** The environment of the project's own tools (wrangler first on the PATH, telemetry off). */
export function toolEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false' };
  env.PATH = [join(ROOT, 'node_modules', '.bin'), dirname(process.execPath), env.PATH].filter(Boolean).join(':');
  return env;
}

export interface LocalWorker {
  baseURL: string;
  /** Kills the worker process at once (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same port and database; resolves once it serves. */
  start(): Promise<void>;
  /** Stops it gently. */
  stop(): Promise<void>;
}

/** Starts `wrangler dev` on the database in `persistDir`; `vars` are passed with --var. */
export async function startLocalWorker(persistDir: string, vars: Record<string, string> = {}): Promise<LocalWorker> {
  const port = await freePort();
  // Its own inspector port too: another wrangler dev on this machine holds the default one.
  const inspectorPort = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  let child: ChildProcess | null = null;

  const waitGone = async () => {
    for (let i = 0; i < 50 && child && child.exitCode === null && child.signalCode === null; i++) await sleep(100);
  };
  const worker: LocalWorker = {
    baseURL,
    async start() {
      const varArgs = Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]);
      child = spawn(
        join(ROOT, 'node_modules', '.bin', 'wrangler'),
        ['dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspectorPort), '--persist-to', persistDir, ...varArgs],
        { cwd: ROOT, env: toolEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const collect = (chunk: Buffer) => {
        output.push(...chunk.toString('utf8').split('\n'));
        if (output.length > 200) output.splice(0, output.length - 200);
      };
      child.stdout!.on('data', collect);
      child.stderr!.on('data', collect);
      const deadline = Date.now() + START_TIMEOUT_MS;
      let lastProblem = '';
      while (Date.now() < deadline) {
        if (child.exitCode !== null || child.signalCode !== null) {
          lastProblem = `wrangler exited (${child.exitCode ?? child.signalCode})`;
          break;
        }
        try {
          const response = await fetch(`${baseURL}/mailbox`, { signal: AbortSignal.timeout(5_000) });
          await response.arrayBuffer();
          if (response.status === 200) return;
          lastProblem = `GET /mailbox answered ${response.status}`;
        } catch (error) {
          lastProblem = error instanceof Error ? error.message : String(error);
        }
        await sleep(300);
      }
      await worker.stop();
      const tail = output.filter((l) => l.trim()).slice(-30).join('\n');
      throw new Error(`wrangler dev did not serve ${baseURL}/mailbox within ${START_TIMEOUT_MS / 1000} s (${lastProblem}). Last output:\n${tail}`);
    },
    async kill() {
      if (child) signalGroup(child, 'SIGKILL');
      await waitGone();
    },
    async stop() {
      if (!child) return;
      signalGroup(child, 'SIGTERM');
      await waitGone();
      signalGroup(child, 'SIGKILL');
      await waitGone();
    },
  };
  await worker.start();
  return worker;
}

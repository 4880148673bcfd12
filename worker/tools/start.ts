/**
 * `npm start`: prepares the local database, exports the statistics, builds the site, then serves
 * it with `wrangler dev`. Each step prints one line; the tools' own output goes to
 * .wrangler/start.log, whose tail is printed if a step fails. wrangler dev's own output stays on
 * the terminal (it is the server), and after its "Ready on" line the addresses a newcomer needs.
 *
 *   npm start              serves on http://127.0.0.1:8787/
 *   PORT=8788 npm start    another port, when 8787 is taken
 *
 * Runs on Node 24, which strips the types itself. `npm run dev` still serves the last build alone.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Readable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const logPath = join(root, '.wrangler', 'start.log');
const logName = relative(process.cwd(), logPath) || logPath;
const host = '127.0.0.1';
const port = Number(process.env.PORT ?? 8787);
const quiet = { ...process.env, WRANGLER_SEND_METRICS: 'false', ASTRO_TELEMETRY_DISABLED: '1' };

const steps: { label: string; command: string; args: string[] }[] = [
  { label: "Checking the town's settings (content/)", command: process.execPath, args: ['content/generate.ts'] },
  { label: 'Preparing the local database (migrations, demo data, regulations)', command: process.execPath, args: ['worker/tools/local-setup.ts'] },
  { label: 'Exporting the statistics', command: process.execPath, args: ['worker/tools/export-stats.ts'] },
  { label: 'Building the site', command: 'npm', args: ['run', '--silent', 'build'] },
];

/** Resolves when `port` can be listened on, false when something else holds it. */
function portIsFree(): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** Runs one step with its output appended to the log; resolves to its exit code. */
function run(step: (typeof steps)[number], log: number): Promise<number> {
  writeSync(log, `\n=== ${step.label}: ${[step.command, ...step.args].join(' ')}\n`);
  return new Promise((resolve) => {
    const child = spawn(step.command, step.args, { cwd: root, env: quiet, stdio: ['ignore', log, log] });
    child.once('error', (error) => {
      writeSync(log, `${error.message}\n`);
      resolve(127);
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function tail(lines: number): string {
  return readFileSync(logPath, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

function welcome(): string {
  const base = `http://${host}:${port}`;
  return [
    '',
    'Qinglian is running (sample data):',
    `  Portal          ${base}/`,
    `  English         ${base}/en/`,
    `  Mailbox         ${base}/mailbox`,
    `  Query page      ${base}/track`,
    `  Staff console   ${base}/staff`,
    '  Demo accounts and query codes: README.md, "Trying it locally".',
    `  The tools' output: ${logName}. Stop with Ctrl-C.`,
    '',
  ].join('\n');
}

async function main(): Promise<number> {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`PORT must be a port number, not ${process.env.PORT}.`);
    return 2;
  }
  if (!(await portIsFree())) {
    console.error(`Port ${port} is in use. Stop what holds it, or choose another: PORT=${port + 1} npm start`);
    return 1;
  }
  mkdirSync(join(root, '.wrangler'), { recursive: true });
  const log = openSync(logPath, 'w');
  try {
    for (const step of steps) {
      process.stdout.write(`${step.label}… `);
      const code = await run(step, log);
      if (code !== 0) {
        console.log('failed.');
        console.error(`\nThe end of ${logName}:\n\n${tail(40)}\n\nThe whole log: ${logName}`);
        return code;
      }
      console.log('done');
    }
  } finally {
    closeSync(log);
  }

  console.log(`Starting the local server (wrangler dev) on http://${host}:${port}/ …\n`);
  // wrangler dev's output is passed through as it comes; the addresses follow its "Ready on" line.
  const colour = process.stdout.isTTY ? { FORCE_COLOR: '1' } : {};
  const wrangler = spawn(join(root, 'node_modules', '.bin', 'wrangler'), ['dev', '--ip', host, '--port', String(port)], {
    cwd: root,
    env: { ...quiet, ...colour },
    stdio: ['inherit', 'pipe', 'pipe'],
  });
  let greeted = false;
  const passOn = (from: Readable, to: NodeJS.WriteStream) => {
    let recent = '';
    from.on('data', (chunk: Buffer) => {
      to.write(chunk);
      if (greeted) return;
      recent = (recent + chunk.toString('utf8')).slice(-2000);
      if (/Ready on http/.test(stripVTControlCharacters(recent))) {
        greeted = true;
        process.stdout.write(`${welcome()}\n`);
      }
    });
  };
  passOn(wrangler.stdout!, process.stdout);
  passOn(wrangler.stderr!, process.stderr);
  let stopped = false;
  const exited = new Promise<number>((resolve) => {
    wrangler.once('error', (error) => {
      stopped = true;
      console.error(`wrangler dev did not start: ${error.message}`);
      resolve(1);
    });
    wrangler.once('exit', (code, signal) => {
      stopped = true;
      resolve(code ?? (signal ? 0 : 1));
    });
  });
  // Ctrl-C in the terminal reaches wrangler itself (same process group): this process waits for it
  // to stop, and passes the signal on only if it is still running two seconds later (a SIGINT sent
  // to this process alone). A SIGTERM is passed on at once.
  process.on('SIGINT', () => setTimeout(() => stopped || wrangler.kill('SIGINT'), 2000).unref());
  process.on('SIGTERM', () => wrangler.kill('SIGTERM'));
  return exited;
}

process.exitCode = await main();

/**
 * The operator's own backup, as an attacker holds it: `wrangler d1 export --local` of the database
 * the tests' `wrangler dev` serves, loaded into a SQLite of the attacker's own.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { toolEnv } from '../../worker/tools/local-worker.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const scratch: string[] = [];
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** `wrangler d1 export --local` of the database in `persistDir` (the command reads .wrangler/state of its folder). */
export function exportDatabase(persistDir: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'qinglian-export-'));
  scratch.push(dir);
  copyFileSync(join(ROOT, 'wrangler.toml'), join(dir, 'wrangler.toml'));
  mkdirSync(join(dir, '.wrangler'));
  symlinkSync(persistDir, join(dir, '.wrangler', 'state'));
  mkdirSync(join(dir, 'worker'));
  symlinkSync(join(ROOT, 'worker', 'migrations'), join(dir, 'worker', 'migrations'));
  const out = join(dir, 'backup.sql');
  const run = spawnSync(join(ROOT, 'node_modules', '.bin', 'wrangler'), ['d1', 'export', 'qinglian', '--local', '--output', out], { cwd: dir, env: toolEnv(), encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`wrangler d1 export failed: ${run.stdout}\n${run.stderr}`);
  return readFileSync(out, 'utf8');
}

/** SQL statements of a dump, split outside quoted strings, comments and trigger bodies. */
function statements(sql: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    // A comment (in a table's definition) may hold a quote or a semicolon of its own.
    if (!quoted && ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end;
      continue;
    }
    if (ch === "'") quoted = !quoted;
    else if (ch === ';' && !quoted) {
      const chunk = sql.slice(start, i + 1).trim();
      // A trigger's body holds statements of its own, up to its END.
      if (/^CREATE\s+TRIGGER/i.test(chunk) && !/\bEND\s*;$/i.test(chunk)) continue;
      out.push(chunk);
      start = i + 1;
    }
  }
  return out.filter(Boolean);
}

/** The dump in a SQLite of the attacker's own: tables first, rows, then triggers and indexes. */
export function load(sql: string): DatabaseSync {
  const db = new DatabaseSync(':memory:', { enableForeignKeyConstraints: false });
  const all = statements(sql).filter((s) => !/^PRAGMA/i.test(s));
  const later = (s: string) => /^CREATE\s+(TRIGGER|INDEX|UNIQUE INDEX|VIEW)/i.test(s);
  for (const s of all.filter((s) => !later(s))) db.exec(s);
  return db;
}


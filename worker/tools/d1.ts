/** Helpers for the Node scripts that talk to D1 through wrangler (local or remote). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A SQL string literal (or NULL). */
export const sql = (value: string | number | null): string =>
  value === null ? 'NULL' : typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "''")}'`;

/** Runs wrangler with telemetry off; exits the script with wrangler's status on failure. */
export function wrangler(...args: string[]): void {
  const result = spawnSync('wrangler', args, { stdio: 'inherit', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Executes SQL against the D1 database `DB` (a temporary file, removed afterwards). */
export function executeSql(statements: string, target: string[]): void {
  const dir = mkdtempSync(join(tmpdir(), 'qinglian-sql-'));
  try {
    writeFileSync(join(dir, 'statements.sql'), statements);
    wrangler('d1', 'execute', 'DB', ...target, '--file', join(dir, 'statements.sql'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** SQL that creates a staff account unless its username exists. */
export function insertStaffSql(u: { username: string; displayName: string; role: string; villageId: string | null; passwordHash: string }, createdAt: string): string {
  return `INSERT INTO staff_users (username, display_name, role, village_id, password_hash, created_at)
    VALUES (${sql(u.username)}, ${sql(u.displayName)}, ${sql(u.role)}, ${sql(u.villageId)}, ${sql(u.passwordHash)}, ${sql(createdAt)})
    ON CONFLICT (username) DO NOTHING;`;
}

/** Runs one query against the D1 database `DB` and returns its rows (wrangler's --json output). */
export function queryRows<T>(command: string, target: string[]): T[] {
  const result = spawnSync('wrangler', ['d1', 'execute', 'DB', ...target, '--json', '--command', command], {
    encoding: 'utf8',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  });
  if (result.status !== 0) {
    process.stderr.write(result.stderr ?? '');
    process.exit(result.status ?? 1);
  }
  const parsed = JSON.parse(result.stdout) as { results: T[] }[];
  return parsed[0]?.results ?? [];
}

/**
 * Prepares the local database for `npm start`: makes .dev.vars from the example when missing,
 * applies the D1 migrations to the local database, and loads the demo cases (idempotently: run
 * it as often as you like). Runs on Node 24, which strips the types itself.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CASES } from '../demo/cases.ts';
import { hashQueryCode, normalizeQueryCode } from '../cases/query-code.ts';

const persistTo = process.argv.find((a) => a.startsWith('--persist-to='))?.slice('--persist-to='.length);
const persist = persistTo ? ['--persist-to', persistTo] : [];

function wrangler(...args: string[]): void {
  const result = spawnSync('wrangler', args, { stdio: 'inherit', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function devKey(): string {
  if (!existsSync('.dev.vars')) {
    copyFileSync('.dev.vars.example', '.dev.vars');
    console.log('Created .dev.vars from .dev.vars.example (a local development key).');
  }
  const match = /^QUERY_CODE_KEY\s*=\s*"?([^"\n]+)"?/m.exec(readFileSync('.dev.vars', 'utf8'));
  if (!match) throw new Error('.dev.vars has no QUERY_CODE_KEY');
  return match[1]!;
}

const sql = (value: string | null) => (value === null ? 'NULL' : `'${value.replace(/'/g, "''")}'`);

async function demoSql(key: string): Promise<string> {
  const lines: string[] = [];
  for (const c of DEMO_CASES) {
    const codeHash = await hashQueryCode(key, normalizeQueryCode(c.queryCode)!);
    lines.push(
      `INSERT INTO cases (case_number, code_hash, village_id, category_id, subject, description, anonymous, channel, locale, status, created_at, updated_at, accept_due_at, due_at)
       VALUES (${sql(c.caseNumber)}, ${sql(codeHash)}, ${sql(c.villageId)}, ${sql(c.categoryId)}, ${sql(c.subject)}, ${sql(c.description)}, 1, 'web', 'zh-CN', ${sql(c.status)}, ${sql(c.createdAt)}, ${sql(c.events.at(-1)!.at)}, ${sql(c.acceptDueAt)}, ${sql(c.dueAt)})
       ON CONFLICT (case_number) DO UPDATE SET code_hash = excluded.code_hash;`,
    );
    c.events.forEach((e, i) => {
      lines.push(
        `INSERT INTO case_events (case_id, kind, public_message, internal_note, actor, dedupe_hash, created_at)
         SELECT id, ${sql(e.kind)}, ${sql(e.publicMessage)}, ${sql(e.internalNote)}, ${sql(e.actor)}, ${sql(`demo:${c.caseNumber}:${i}`)}, ${sql(e.at)}
         FROM cases WHERE case_number = ${sql(c.caseNumber)}
         ON CONFLICT (dedupe_hash) DO NOTHING;`,
      );
    });
  }
  lines.push(
    `INSERT INTO case_counters (year, last) VALUES (2026, ${DEMO_CASES.length}) ON CONFLICT (year) DO UPDATE SET last = max(last, excluded.last);`,
  );
  return lines.join('\n');
}

const key = devKey();
wrangler('d1', 'migrations', 'apply', 'DB', '--local', ...persist);
const dir = mkdtempSync(join(tmpdir(), 'qinglian-demo-'));
try {
  writeFileSync(join(dir, 'demo.sql'), await demoSql(key));
  wrangler('d1', 'execute', 'DB', '--local', ...persist, '--file', join(dir, 'demo.sql'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`Demo data loaded: ${DEMO_CASES.length} cases (query codes in README.md).`);

/**
 * Prepares the local database for `npm start`: makes .dev.vars from the example when missing,
 * applies the D1 migrations to the local database, and loads the demo data (idempotently: run
 * it as often as you like). Runs on Node 24, which strips the types itself.
 */
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { hashPassword } from '../cases/password.ts';
import { hashQueryCode, normalizeQueryCode } from '../cases/query-code.ts';
import { DEMO_CASES, DEMO_STAFF, type DemoEvent } from '../demo/cases.ts';
import { recordsDemoSql } from '../demo/records.ts';
import { executeSql, insertStaffSql, sql, wrangler } from './d1.ts';

const persistTo = process.argv.find((a) => a.startsWith('--persist-to='))?.slice('--persist-to='.length);
const target = ['--local', ...(persistTo ? ['--persist-to', persistTo] : [])];

function devKey(): string {
  if (!existsSync('.dev.vars')) {
    copyFileSync('.dev.vars.example', '.dev.vars');
    console.log('Created .dev.vars from .dev.vars.example (a local development key).');
  }
  const match = /^QUERY_CODE_KEY\s*=\s*"?([^"\n]+)"?/m.exec(readFileSync('.dev.vars', 'utf8'));
  if (!match) throw new Error('.dev.vars has no QUERY_CODE_KEY');
  return match[1]!;
}

/** The actor column for a demo event: staff:<username> becomes staff:<id> of that account. */
const actorSql = (actor: DemoEvent['actor']) =>
  actor.startsWith('staff:') ? `'staff:' || (SELECT id FROM staff_users WHERE username = ${sql(actor.slice(6))})` : sql(actor);

async function demoSql(key: string): Promise<string> {
  const lines: string[] = [];
  for (const s of DEMO_STAFF) {
    lines.push(insertStaffSql({ ...s, passwordHash: await hashPassword(s.password) }, '2026-11-01T00:00:00.000Z'));
  }
  for (const c of DEMO_CASES) {
    const codeHash = await hashQueryCode(key, normalizeQueryCode(c.queryCode)!);
    lines.push(
      `INSERT INTO cases (case_number, code_hash, village_id, category_id, subject, description, anonymous, channel, locale, status,
         created_at, updated_at, accept_due_at, due_at, discipline, accepted_at, time_limit_days, closed_at)
       VALUES (${sql(c.caseNumber)}, ${sql(codeHash)}, ${sql(c.villageId)}, ${sql(c.categoryId)}, ${sql(c.subject)}, ${sql(c.description)}, 1, 'web', 'zh-CN',
         ${sql(c.status)}, ${sql(c.createdAt)}, ${sql(c.events.at(-1)!.at)}, ${sql(c.acceptDueAt)}, ${sql(c.dueAt)}, ${c.discipline ? 1 : 0},
         ${sql(c.acceptedAt)}, ${sql(c.timeLimitDays)}, ${sql(c.closedAt)})
       ON CONFLICT (case_number) DO UPDATE SET code_hash = excluded.code_hash;`,
    );
    c.events.forEach((e, i) => {
      lines.push(
        `INSERT INTO case_events (case_id, kind, public_message, internal_note, actor, data, dedupe_hash, created_at)
         SELECT id, ${sql(e.kind)}, ${sql(e.publicMessage)}, ${sql(e.internalNote)}, ${actorSql(e.actor)}, ${sql(e.data ? JSON.stringify(e.data) : null)},
           ${sql(`demo:${c.caseNumber}:${i}`)}, ${sql(e.at)}
         FROM cases WHERE case_number = ${sql(c.caseNumber)}
         ON CONFLICT (dedupe_hash) DO NOTHING;`,
      );
    });
    if (c.outcome) {
      const o = c.outcome;
      lines.push(
        `INSERT INTO outcomes (case_id, case_number, village_id, category_id, kind, result, problem, action, outcome_text, working_days, locale, published_by, published_at)
         SELECT id, case_number, village_id, category_id, 'outcome', 'resolved', ${sql(o.problem)}, ${sql(o.action)}, ${sql(o.outcome)}, 0, 'zh-CN',
           (SELECT id FROM staff_users WHERE username = ${sql(o.publishedBy)}), ${sql(o.publishedAt)}
         FROM cases WHERE case_number = ${sql(c.caseNumber)}
         ON CONFLICT (case_id) DO NOTHING;`,
      );
    }
  }
  lines.push(...recordsDemoSql());
  // The statistics are rebuilt from scratch on the next request.
  lines.push('DELETE FROM stats_snapshot;');
  lines.push(
    `INSERT INTO case_counters (year, last) VALUES (2026, ${DEMO_CASES.length}) ON CONFLICT (year) DO UPDATE SET last = max(last, excluded.last);`,
  );
  return lines.join('\n');
}

const key = devKey();
wrangler('d1', 'migrations', 'apply', 'DB', ...target);
executeSql(await demoSql(key), target);
console.log(`Demo data loaded: ${DEMO_CASES.length} cases and ${DEMO_STAFF.length} staff accounts (README.md lists the codes and passwords).`);

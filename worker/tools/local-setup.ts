/**
 * Prepares the local database for `npm start`: makes .dev.vars from the example when missing,
 * applies the D1 migrations to the local database, and loads the demo data (idempotently: run
 * it as often as you like). Runs on Node 24, which strips the types itself.
 */
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getPlatformProxy } from 'wrangler';
import { hashPassword } from '../cases/password.ts';
import { pepperKey } from '../cases/pepper.ts';
import { hashQueryCode, normalizeQueryCode } from '../cases/query-code.ts';
import { scopeOf } from '../cases/rights.ts';
import { DEMO_CASES, DEMO_RECOVERY_KEY, DEMO_STAFF, type DemoEvent } from '../demo/cases.ts';
import { newKeyPair, sealForCode } from '../../core/sealed.ts';
import { sealPlainDisciplineCases } from '../services/handling.ts';
import { upgradeLegacyVerifiers } from '../services/staff-auth.ts';
import { sealLegacyMemberWraps } from '../services/committee.ts';
import { setupSql } from './committee.ts';
import { historySql } from '../demo/history.ts';
import { recordsDemoSql } from '../demo/records.ts';
import { findNotice, updateNotice } from '../db/rhythm.ts';
import { ensureRhythm, generateWeeklySheet } from '../services/rhythm.ts';
import { scheduledStatistics } from '../services/stats.ts';
import { monthOf, previousMonth, startOfTownDate, weekOf } from '../../core/stats/periods.ts';
import { storedDay, storedMinute } from '../../core/clock.ts';
import { executeSql, insertStaffSql, sql, wrangler } from './d1.ts';
import { contentAssets } from './disclosure-inputs.ts';
import { disclosuresPlan, regulationsPlan } from './regulations-files.ts';

/** A demo time as the worker stores it: its town day (see STORED_TIMES). */
const day = (iso: string | null) => (iso ? storedDay(new Date(iso)) : null);

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
  const pepper = await pepperKey(key);
  for (const s of DEMO_STAFF) {
    lines.push(insertStaffSql({ ...s, passwordHash: await hashPassword(s.password, pepper) }, '2026-11-01T00:00:00.000Z'));
    // The publishing rights, over the town's documents or the account's village's (once: a right the admin took back later is not given back by a second run).
    for (const right of s.rights ?? []) {
      lines.push(
        `INSERT INTO staff_rights (staff_id, kind, village_id, granted_by, granted_at) SELECT id, ${sql(right)}, ${sql(scopeOf(s))}, NULL, '2026-11-01T00:00:00.000Z' FROM staff_users
         WHERE username = ${sql(s.username)} AND NOT EXISTS (SELECT 1 FROM staff_rights r WHERE r.staff_id = staff_users.id AND r.kind = ${sql(right)});`,
      );
    }
    // The demo committee member sets up the committee key (once), with the README's recovery key.
    if (s.role === 'discipline') lines.push((await setupSql(s.username, s.password, key, '2026-11-01T00:00:00.000Z', DEMO_RECOVERY_KEY)).sql);
  }
  for (const c of DEMO_CASES) {
    const codeHash = await hashQueryCode(key, normalizeQueryCode(c.queryCode)!);
    lines.push(
      `INSERT INTO cases (case_number, code_hash, village_id, category_id, subject, description, anonymous, channel, locale, status,
         created_at, updated_at, accept_due_at, due_at, discipline, accepted_at, time_limit_days, closed_at)
       VALUES (${sql(c.caseNumber)}, ${sql(codeHash)}, ${sql(c.villageId)}, ${sql(c.categoryId)}, ${sql(c.subject)}, ${sql(c.description)}, 1, 'web', 'zh-CN',
         ${sql(c.status)}, ${sql(day(c.createdAt))}, ${sql(day(c.events.at(-1)!.at))}, ${sql(c.acceptDueAt)}, ${sql(c.dueAt)}, ${c.discipline ? 1 : 0},
         ${sql(day(c.acceptedAt))}, ${sql(c.timeLimitDays)}, ${sql(day(c.closedAt))})
       ON CONFLICT (case_number) DO UPDATE SET code_hash = excluded.code_hash;`,
    );
    // Its resident key, opened by the demo code; the cadre report is sealed to it and to the committee below.
    const resident = await newKeyPair();
    const residentPrivate = await sealForCode(key, normalizeQueryCode(c.queryCode)!, resident.privateKey);
    lines.push(
      `INSERT INTO case_keys (case_id, resident_public, resident_private) SELECT id, ${sql(resident.publicKey)}, ${sql(residentPrivate)}
       FROM cases WHERE case_number = ${sql(c.caseNumber)} ON CONFLICT (case_id) DO NOTHING;`,
    );
    c.events.forEach((e, i) => {
      lines.push(
        `INSERT INTO case_events (case_id, seq, kind, public_message, internal_note, actor, data, dedupe_hash, created_at)
         SELECT id, ${i + 1}, ${sql(e.kind)}, ${sql(e.publicMessage)}, ${sql(e.internalNote)}, ${actorSql(e.actor)}, ${sql(e.data ? JSON.stringify(e.data) : null)},
           ${sql(`demo:${c.caseNumber}:${i}`)}, ${sql(day(e.at))}
         FROM cases WHERE case_number = ${sql(c.caseNumber)}
         ON CONFLICT (dedupe_hash) DO NOTHING;`,
      );
    });
    if (c.outcome) {
      const o = c.outcome;
      lines.push(
        `INSERT INTO outcomes (case_id, case_number, village_id, category_id, kind, result, problem, action, outcome_text, working_days, locale, published_by, published_at)
         SELECT id, case_number, village_id, category_id, 'outcome', 'resolved', ${sql(o.problem)}, ${sql(o.action)}, ${sql(o.outcome)}, 0, 'zh-CN',
           (SELECT id FROM staff_users WHERE username = ${sql(o.publishedBy)}), ${sql(storedMinute(new Date(o.publishedAt)))}
         FROM cases WHERE case_number = ${sql(c.caseNumber)}
         ON CONFLICT (case_id) DO NOTHING;`,
      );
    }
  }
  lines.push(...recordsDemoSql());
  lines.push(
    `INSERT INTO case_counters (year, last) VALUES (2026, ${DEMO_CASES.length}) ON CONFLICT (year) DO UPDATE SET last = max(last, excluded.last);`,
  );
  return lines.join('\n');
}

/**
 * Runs what the cron would have run over the demo's history: the statistics' releases, the weekly sheets of
 * the last four weeks, last month's notification (published, with a sample commentary) and last
 * quarter's assessment.
 */
async function demoRhythm(key: string): Promise<void> {
  const persist = persistTo ? { path: join(persistTo, 'v3') } : true;
  const { env, dispose } = await getPlatformProxy<{ DB: D1Database }>({ configPath: 'wrangler.toml', persist, remoteBindings: false });
  // The disclosure cadences as the site's build will publish them, read from content/ (the site is not built yet).
  const assets = contentAssets() as unknown as Fetcher;
  try {
    const now = new Date();
    // The demo's cadre reports are written plain above; sealed here as the cron seals old rows.
    while ((await sealPlainDisciplineCases(env.DB)) > 0);
    // A database from before the pepper: its verifiers are peppered, and old member wraps sealed, as the cron does it.
    await upgradeLegacyVerifiers(env.DB, key);
    await sealLegacyMemberWraps(env.DB, key);
    // The statistics' first releases: every month since the demo's first case, up to last month.
    const ready = await scheduledStatistics(env.DB, now);
    const thisWeek = weekOf(now);
    for (const back of [3, 2, 1]) {
      const monday = new Date(Date.parse(`${thisWeek}T00:00:00Z`) - back * 7 * 86_400_000).toISOString().slice(0, 10);
      await generateWeeklySheet(env.DB, monday, new Date(startOfTownDate(monday).getTime() + 9 * 3_600_000), false, assets);
    }
    await ensureRhythm(env.DB, now, assets, ready);
    const month = previousMonth(monthOf(now));
    const admin = await env.DB.prepare(`SELECT id FROM staff_users WHERE username = 'admin'`).first<number>('id');
    const notice = await findNotice(env.DB, month, false);
    if (admin !== null && notice && notice.status === 'draft') {
      await updateNotice(
        env.DB,
        month,
        { zh: '（示例）本月各村总体按时受理；个别限时办理事项超期，请相关村联络站加快办理并及时向群众说明。', en: '(Sample) Villages accepted cases on time overall; a few time-limited cases ran late, and their stations should speed up and explain to residents.' },
        { by: admin, at: storedMinute(now) },
      );
    }
  } finally {
    await dispose();
  }
}

const key = devKey();
wrangler('d1', 'migrations', 'apply', 'DB', ...target);
// The demo's regulations and disclosures from content/ (what npm run content:import loads), at their addresses of old.
executeSql([await demoSql(key), ...regulationsPlan().statements, ...disclosuresPlan().statements, ...historySql({ count: 80, firstNumber: DEMO_CASES.length + 1, from: '2026-07-01', days: 140 }).map((s) => `${s};`)].join('\n'), target);
await demoRhythm(key);
console.log(
  `Demo data loaded: ${DEMO_CASES.length} cases to try, 80 of history, ${DEMO_STAFF.length} staff accounts (README.md lists the codes and passwords), weekly sheets, a notification and an assessment.`,
);

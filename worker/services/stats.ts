/**
 * Keeping the public statistics current: after every case event the case's facts are folded
 * forward (incremental path) and the snapshot rebuilt, off the request's critical path; the cron
 * refolds every case from its whole log (from scratch) and rebuilds, which also rolls
 * "overdue now" over as days pass.
 */
import { findCategory } from '../../content/index.ts';
import { workflowSettings } from '../../content/workflow.ts';
import { endOfWorkingDaysAfter } from '../cases/clock.ts';
import { sha256Hex } from '../cases/crypto.ts';
import * as db from '../db/stats.ts';
import { factsFromScratch, foldFact, initialFacts, type CaseBase, type CaseFacts } from '../stats/facts.ts';
import { buildPublicStats, type PublicStats } from '../stats/figures.ts';

/** The unchanging part of a case's facts, derived the same way on both paths. */
function baseOf(row: db.BaseRow): CaseBase {
  return {
    villageId: row.village_id,
    categoryId: row.category_id,
    cadreReport: findCategory(row.category_id)?.route === 'discipline',
    receivedAt: row.created_at,
    acceptDueAt: endOfWorkingDaysAfter(new Date(row.created_at), workflowSettings.acceptWithinWorkingDays).toISOString(),
  };
}

/** Folds a case's new events into its facts (the incremental path). */
export async function refreshCaseFacts(database: D1Database, caseId: number): Promise<void> {
  const found = await db.findFacts(database, caseId);
  if (!found) return;
  const events = await db.eventsAfter(database, caseId, found.lastEventId);
  if (events.length === 0 && found.facts) return;
  const start: CaseFacts = found.facts ? JSON.parse(found.facts) : initialFacts(baseOf(found.base));
  const facts = events.reduce(foldFact, start);
  await db.saveFacts(database, [{ caseId, lastEventId: events.at(-1)?.id ?? found.lastEventId, facts: JSON.stringify(facts) }]);
}

/** Refolds every case from its whole log (the from-scratch path). */
export async function rebuildAllFacts(database: D1Database): Promise<void> {
  const all = await db.allCasesWithEvents(database);
  await db.saveFacts(
    database,
    all.map(({ base, events }) => ({
      caseId: base.id,
      lastEventId: events.at(-1)?.id ?? 0,
      facts: JSON.stringify(factsFromScratch(baseOf(base), events)),
    })),
  );
}

/** Builds the public snapshot from every case's facts and stores it with its ETag. */
export async function rebuildSnapshot(database: D1Database, now = new Date()): Promise<PublicStats> {
  const facts = (await db.allFacts(database)).map((json) => JSON.parse(json) as CaseFacts);
  const stats = buildPublicStats(facts, now);
  const body = JSON.stringify(stats);
  // The ETag covers the figures, not the build time, so an unchanged snapshot keeps its tag.
  const etag = `"${(await sha256Hex(JSON.stringify({ ...stats, builtAt: '' }))).slice(0, 32)}"`;
  await db.saveSnapshot(database, stats.builtAt, etag, body);
  return stats;
}

/** After a case event: fold it in and rebuild (run with waitUntil, not on the request's path). */
export async function afterCaseEvent(database: D1Database, caseNumber: string): Promise<void> {
  const id = await db.caseIdByNumber(database, caseNumber);
  if (id === null) return;
  await refreshCaseFacts(database, id);
  await rebuildSnapshot(database);
}

/** The cron's rebuild: from scratch, then the snapshot. */
export async function scheduledRebuild(database: D1Database, now = new Date()): Promise<void> {
  await rebuildAllFacts(database);
  await rebuildSnapshot(database, now);
}

export { findSnapshot } from '../db/stats.ts';

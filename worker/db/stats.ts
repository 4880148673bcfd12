/** SQL for the statistics: per-case facts, the events they are folded from, and the snapshot. */
import type { FactEvent } from '../stats/facts.ts';

export interface BaseRow {
  id: number;
  village_id: string;
  category_id: string;
  created_at: string;
}

interface EventRow {
  id: number;
  case_id: number;
  kind: string;
  data: string | null;
  created_at: string;
}

const toEvent = (r: EventRow): FactEvent => ({ id: r.id, kind: r.kind, at: r.created_at, data: r.data ? JSON.parse(r.data) : null });

/** A case's base and its facts so far (null before the first fold). */
export async function findFacts(db: D1Database, caseId: number): Promise<{ base: BaseRow; facts: string | null; lastEventId: number } | null> {
  const row = await db
    .prepare(
      `SELECT c.id, c.village_id, c.category_id, c.created_at, f.facts, f.last_event_id
       FROM cases c LEFT JOIN case_facts f ON f.case_id = c.id WHERE c.id = ?1`,
    )
    .bind(caseId)
    .first<BaseRow & { facts: string | null; last_event_id: number | null }>();
  if (!row) return null;
  return { base: row, facts: row.facts, lastEventId: row.last_event_id ?? 0 };
}

/** The events of a case after `afterId`, in order. */
export async function eventsAfter(db: D1Database, caseId: number, afterId: number): Promise<FactEvent[]> {
  const { results } = await db
    .prepare(`SELECT id, case_id, kind, data, created_at FROM case_events WHERE case_id = ?1 AND id > ?2 ORDER BY id`)
    .bind(caseId, afterId)
    .all<EventRow>();
  return results.map(toEvent);
}

/** Every case's base, and every event grouped by case, for a rebuild from scratch. */
export async function allCasesWithEvents(db: D1Database): Promise<{ base: BaseRow; events: FactEvent[] }[]> {
  const [cases, events] = await db.batch<BaseRow | EventRow>([
    db.prepare(`SELECT id, village_id, category_id, created_at FROM cases ORDER BY id`),
    db.prepare(`SELECT id, case_id, kind, data, created_at FROM case_events ORDER BY case_id, id`),
  ]);
  const byCase = new Map<number, FactEvent[]>();
  for (const e of events!.results as EventRow[]) {
    if (!byCase.has(e.case_id)) byCase.set(e.case_id, []);
    byCase.get(e.case_id)!.push(toEvent(e));
  }
  return (cases!.results as BaseRow[]).map((base) => ({ base, events: byCase.get(base.id) ?? [] }));
}

/**
 * Writes facts for many cases. Rows travel as one JSON array per statement (json_each), a few
 * hundred kilobytes at a time: far fewer round trips than a statement per case.
 */
export async function saveFacts(db: D1Database, rows: { caseId: number; lastEventId: number; facts: string }[]): Promise<void> {
  const statement = db.prepare(
    `INSERT INTO case_facts (case_id, last_event_id, facts)
     SELECT value ->> '$[0]', value ->> '$[1]', value ->> '$[2]' FROM json_each(?1) WHERE true
     ON CONFLICT (case_id) DO UPDATE SET last_event_id = excluded.last_event_id, facts = excluded.facts
       WHERE excluded.last_event_id >= case_facts.last_event_id`,
  );
  const chunks: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    chunks.push(statement.bind(JSON.stringify(rows.slice(i, i + 500).map((r) => [r.caseId, r.lastEventId, r.facts]))));
  }
  for (let i = 0; i < chunks.length; i += 20) await db.batch(chunks.slice(i, i + 20));
}

/** Every case's facts (JSON). */
export async function allFacts(db: D1Database): Promise<string[]> {
  const rows = await db.prepare(`SELECT facts FROM case_facts ORDER BY case_id`).raw<[string]>();
  return rows.map((r) => r[0]);
}

/** Replaces the published snapshot. */
export async function saveSnapshot(db: D1Database, builtAt: string, etag: string, body: string): Promise<void> {
  await db
    .prepare(
      `INSERT INTO stats_snapshot (id, built_at, etag, body) VALUES (1, ?1, ?2, ?3)
       ON CONFLICT (id) DO UPDATE SET built_at = excluded.built_at, etag = excluded.etag, body = excluded.body
         WHERE excluded.built_at >= stats_snapshot.built_at`,
    )
    .bind(builtAt, etag, body)
    .run();
}

/** The published snapshot, if one was built. */
export function findSnapshot(db: D1Database): Promise<{ built_at: string; etag: string; body: string } | null> {
  return db.prepare(`SELECT built_at, etag, body FROM stats_snapshot WHERE id = 1`).first();
}

/** The id of a case by its public number. */
export function caseIdByNumber(db: D1Database, caseNumber: string): Promise<number | null> {
  return db.prepare(`SELECT id FROM cases WHERE case_number = ?1`).bind(caseNumber).first<number>('id');
}

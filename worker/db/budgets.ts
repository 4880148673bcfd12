/** SQL for the hourly request budgets and the recent submission rate. */

/**
 * Takes one unit of `scope`'s budget for `hour` if fewer than `max` are used; true when taken.
 * One statement, so concurrent requests cannot overdraw it.
 */
export async function takeBudget(db: D1Database, scope: string, hour: string, max: number): Promise<boolean> {
  const result = await db
    .prepare(
      `INSERT INTO request_budgets (scope, hour, used) SELECT ?1, ?2, 1 WHERE ?3 > 0
       ON CONFLICT (scope, hour) DO UPDATE SET used = used + 1 WHERE used < ?3`,
    )
    .bind(scope, hour, max)
    .run();
  return result.meta.changes === 1;
}

/**
 * Takes one unit of a village's submission budget for `hour`, if the village has used fewer than
 * `villageMax` and all villages together fewer than `townMax`; true when taken. One statement.
 */
export async function takeVillageBudget(db: D1Database, prefix: string, village: string, hour: string, villageMax: number, townMax: number): Promise<boolean> {
  const townUsed = `(SELECT coalesce(sum(used), 0) FROM request_budgets WHERE hour = ?2 AND scope LIKE ?5 || '%')`;
  const result = await db
    .prepare(
      `INSERT INTO request_budgets (scope, hour, used) SELECT ?5 || ?1, ?2, 1 WHERE ?3 > 0 AND ${townUsed} < ?4
       ON CONFLICT (scope, hour) DO UPDATE SET used = used + 1 WHERE used < ?3 AND ${townUsed} < ?4`,
    )
    .bind(village, hour, villageMax, townMax, prefix)
    .run();
  return result.meta.changes === 1;
}

/** Forgets budgets of hours before `before` (cron). */
export async function purgeBudgets(db: D1Database, before: string): Promise<void> {
  await db.prepare(`DELETE FROM request_budgets WHERE hour < ?1`).bind(before).run();
}

/** Cases arrived in the ten-minute buckets from `since`'s on (counted by arrivalStatement). */
export async function countCasesSince(db: D1Database, since: string): Promise<number> {
  return (await db.prepare(`SELECT coalesce(sum(used), 0) AS n FROM request_budgets WHERE scope = 'arrivals' AND hour >= ?1`).bind(since).first<number>('n')) ?? 0;
}

/** Counts an arrival in its ten-minute bucket (for the batch that creates the case): a number, naming no case. */
export function arrivalStatement(db: D1Database, bucket: string): D1PreparedStatement {
  return db.prepare(`INSERT INTO request_budgets (scope, hour, used) VALUES ('arrivals', ?1, 1) ON CONFLICT (scope, hour) DO UPDATE SET used = used + 1`).bind(bucket);
}

/**
 * Records a proof as spent, with the hour after which it is forgotten; true when it was not spent
 * before. One statement, so two requests carrying the same proof cannot both pass.
 */
export async function spendProof(db: D1Database, proofHash: string, purpose: string, expiresHour: string): Promise<boolean> {
  const result = await db
    .prepare(`INSERT INTO spent_proofs (proof_hash, purpose, expires_hour) VALUES (?1, ?2, ?3) ON CONFLICT (proof_hash) DO NOTHING`)
    .bind(proofHash, purpose, expiresHour)
    .run();
  return result.meta.changes === 1;
}

/** Proofs spent on `purpose` whose record expires at `fromHour` or later (the recent ones). */
export async function countSpentProofs(db: D1Database, purpose: string, fromHour: string): Promise<number> {
  return (
    (await db.prepare(`SELECT count(*) AS n FROM spent_proofs WHERE purpose = ?1 AND expires_hour >= ?2`).bind(purpose, fromHour).first<number>('n')) ?? 0
  );
}

/** Forgets spent proofs whose record expired before `hour` (cron). */
export async function purgeSpentProofs(db: D1Database, hour: string): Promise<void> {
  await db.prepare(`DELETE FROM spent_proofs WHERE expires_hour < ?1`).bind(hour).run();
}

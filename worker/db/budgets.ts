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

/** Cases created since `since` (an ISO instant). */
export async function countCasesSince(db: D1Database, since: string): Promise<number> {
  return (await db.prepare(`SELECT count(*) AS n FROM cases WHERE created_at >= ?1`).bind(since).first<number>('n')) ?? 0;
}

/** SQL for the rights granted to staff accounts (migration 0020): live grants, grants and take-backs, and their log. */
import type { Grant, Right } from '../cases/rights.ts';
import { isRight } from '../cases/rights.ts';

/** Reads grants from `group_concat(kind || ':' || coalesce(village_id, ''))`. */
export function parseGrants(concatenated: string | null): Grant[] {
  if (!concatenated) return [];
  return concatenated.split(',').flatMap((item) => {
    const [kind, village] = item.split(':');
    return isRight(kind) ? [{ right: kind, villageId: village ? village : null }] : [];
  });
}

/** The SQL expression of an account's live grants (`u` being the account), for parseGrants. */
export const LIVE_GRANTS_SQL = `(SELECT group_concat(r.kind || ':' || coalesce(r.village_id, '')) FROM staff_rights r WHERE r.staff_id = u.id AND r.revoked_at IS NULL)`;

/** The live grants of one account. */
export async function liveGrants(db: D1Database, staffId: number): Promise<Grant[]> {
  const { results } = await db
    .prepare(`SELECT kind, village_id FROM staff_rights WHERE staff_id = ?1 AND revoked_at IS NULL ORDER BY kind`)
    .bind(staffId)
    .all<{ kind: string; village_id: string | null }>();
  return results.flatMap((r) => (isRight(r.kind) ? [{ right: r.kind, villageId: r.village_id }] : []));
}

/** The live grants of every account, by account id. */
export async function allLiveGrants(db: D1Database): Promise<Map<number, Grant[]>> {
  const { results } = await db
    .prepare(`SELECT staff_id, kind, village_id FROM staff_rights WHERE revoked_at IS NULL ORDER BY staff_id, kind`)
    .all<{ staff_id: number; kind: string; village_id: string | null }>();
  const map = new Map<number, Grant[]>();
  for (const r of results) if (isRight(r.kind)) map.set(r.staff_id, [...(map.get(r.staff_id) ?? []), { right: r.kind, villageId: r.village_id }]);
  return map;
}

/** The statement that grants a right over a scope (nothing when it is held already). */
export function grantStatement(db: D1Database, g: { staffId: number; right: Right; villageId: string | null; by: number; at: string }): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO staff_rights (staff_id, kind, village_id, granted_by, granted_at) SELECT ?1, ?2, ?3, ?4, ?5
       WHERE NOT EXISTS (SELECT 1 FROM staff_rights WHERE staff_id = ?1 AND kind = ?2 AND village_id IS ?3 AND revoked_at IS NULL)`,
    )
    .bind(g.staffId, g.right, g.villageId, g.by, g.at);
}

/** The statement that takes back a live right over a scope (nothing when it is not held). */
export function revokeStatement(
  db: D1Database,
  r: { staffId: number; right: Right; villageId: string | null; by: number; at: string; why: 'revoked' | 'role' },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE staff_rights SET revoked_by = ?4, revoked_at = ?5, revoked_why = ?6
       WHERE staff_id = ?1 AND kind = ?2 AND village_id IS ?3 AND revoked_at IS NULL`,
    )
    .bind(r.staffId, r.right, r.villageId, r.by, r.at, r.why);
}

/** Grants and takes back rights of one account over one scope, in one batch (the admin's form). */
export async function changeRights(
  db: D1Database,
  c: { staffId: number; villageId: string | null; grant: readonly Right[]; revoke: readonly Right[]; by: number; at: string },
): Promise<void> {
  const statements = [
    ...c.grant.map((right) => grantStatement(db, { staffId: c.staffId, right, villageId: c.villageId, by: c.by, at: c.at })),
    ...c.revoke.map((right) => revokeStatement(db, { staffId: c.staffId, right, villageId: c.villageId, by: c.by, at: c.at, why: 'revoked' })),
  ];
  if (statements.length > 0) await db.batch(statements);
}

/** One line of the rights log: a right given, or taken back (by the admin, or with a change of role). */
export interface RightsLogRow {
  change: 'granted' | 'revoked' | 'role';
  kind: string;
  village_id: string | null;
  username: string;
  display_name: string;
  by_name: string | null;
  by_username: string | null;
  at: string;
}

/** The newest grants and take-backs, newest first (the log the database writes, migration 0020). */
export async function listRightsLog(db: D1Database, limit = 100): Promise<RightsLogRow[]> {
  const { results } = await db
    .prepare(
      `SELECT e.change, e.kind, e.village_id, u.username, u.display_name, b.display_name AS by_name, b.username AS by_username, e.at
       FROM staff_rights_log e JOIN staff_users u ON u.id = e.staff_id LEFT JOIN staff_users b ON b.id = e.by_id
       ORDER BY e.id DESC LIMIT ?1`,
    )
    .bind(limit)
    .all<RightsLogRow>();
  return results;
}

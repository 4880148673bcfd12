/**
 * Rights on published documents, granted by the admin to staff accounts on top of their role:
 * drafting and approving. Pure rules; migration 0020 keeps the same rule on who may hold what.
 *
 * A right applies to a scope: the town's documents (its regulations), or one village's (its
 * disclosures, once villages publish from the console). Who may hold which:
 * - the town's: town staff (`handler`) and the town administrator (`admin`), the town office's
 *   people who issue and publish the town's documents, as they publish cases' outcomes
 *   (access.ts mayPublish);
 * - a village's: to draft, that village's clerks (村文书, the village committee's drafter) and its
 *   liaison officers; to approve, its liaison officers only (the supervision station reviews and
 *   signs what the village committee drafts). No other village's account, ever;
 * - never the discipline committee: its accounts are the committee's alone (the admin can neither
 *   make nor change one, access.ts mayManageAccount), they hold the key to the sealed reports, and
 *   the committee's own documents (长岭纪发…) are put on the portal by the town office like every
 *   other town document, naming the committee as issuer.
 * A liaison officer is village staff, not town staff: the town's regulations are not theirs to
 * draft or approve.
 */
import type { Role, Viewer } from './access.ts';
import { mayManageAccount } from './access.ts';
import * as z from 'zod/mini';
import { asTyped, isOneOf } from './validation.ts';

export const RIGHTS = ['draft', 'approve'] as const;
export type Right = (typeof RIGHTS)[number];

/** The documents a right applies to: the town's (null), or one village's (its id). */
export type RightScope = string | null;

/** One live grant. */
export interface Grant {
  right: Right;
  villageId: RightScope;
}

export const isRight = (value: unknown): value is Right => isOneOf(RIGHTS, value);

/** The admin's rights form: one box per right, ticked (`yes`) or not; read as the rights wanted. */
export const rightsSchema = z.pipe(
  z.object({ draft: asTyped, approve: asTyped }),
  z.transform((boxes: Record<Right, string>): ReadonlySet<Right> => new Set(RIGHTS.filter((r) => boxes[r] === 'yes'))),
);

/** Whether an account of this role (and village) may hold `right` over `scope`. */
export function mayHold(holder: { role: Role; villageId: string | null }, scope: RightScope, right: Right): boolean {
  if (scope === null) return holder.role === 'admin' || holder.role === 'handler';
  if (holder.villageId !== scope) return false;
  return right === 'approve' ? holder.role === 'liaison' : holder.role === 'liaison' || holder.role === 'clerk';
}

/**
 * The one scope the admin grants an account rights over: a village's accounts (liaison officers,
 * clerks) their village's documents, town accounts the town's. The committee's accounts hold none.
 */
export function scopeOf(holder: { role: Role; villageId: string | null }): RightScope {
  return holder.role === 'liaison' || holder.role === 'clerk' ? holder.villageId : null;
}

/** The rights of `scope` an account of this role may hold: what its rights form offers. */
export function holdable(holder: { role: Role; villageId: string | null }): Right[] {
  const scope = scopeOf(holder);
  return RIGHTS.filter((r) => mayHold(holder, scope, r));
}

/** Whether the viewer may grant or take back rights of an account of this role: the admin, for every account but the committee's (and never their own). */
export function mayGrant(viewer: Viewer, holder: { id: number; role: Role }): boolean {
  return viewer.role === 'admin' && holder.id !== viewer.id && mayManageAccount(viewer, holder.role);
}

/**
 * The town's rights an account holds as far as its role allows: what the signed-in actor carries.
 * (The database refuses a grant the role cannot hold; this keeps a stale row from counting.)
 */
export function townRights(holder: { role: Role; villageId: string | null }, grants: readonly Grant[]): ReadonlySet<Right> {
  return new Set(grants.filter((g) => g.villageId === null && mayHold(holder, null, g.right)).map((g) => g.right));
}

/** The rights over one village's documents an account holds as far as its role allows (its disclosures). */
export function villageRights(holder: { role: Role; villageId: string | null }, grants: readonly Grant[], villageId: string): ReadonlySet<Right> {
  return new Set(grants.filter((g) => g.villageId === villageId && mayHold(holder, villageId, g.right)).map((g) => g.right));
}

/** What changes to go from the rights held to the rights wanted, over one scope. */
export function rightsChange(held: ReadonlySet<Right>, wanted: ReadonlySet<Right>): { grant: Right[]; revoke: Right[] } {
  return { grant: RIGHTS.filter((r) => wanted.has(r) && !held.has(r)), revoke: RIGHTS.filter((r) => held.has(r) && !wanted.has(r)) };
}

/** Grants that an account of a new role (and village) can no longer hold, to take back with the change. */
export function grantsLostWith(newHolder: { role: Role; villageId: string | null }, grants: readonly Grant[]): Grant[] {
  return grants.filter((g) => !mayHold(newHolder, g.villageId, g.right));
}

/**
 * Who may see and handle which case. Pure rules, applied by the worker on every staff route;
 * the queries in worker/db/ apply the same scoping, so a case that must not be read is not even
 * fetched with its content.
 */
import type { CaseStatus } from './status.ts';

/**
 * `clerk`: a village clerk (村文书), an account of one village that drafts that village's
 * disclosures and sees no case at all (worker/cases/clerk.ts says what it may reach).
 */
export const ROLES = ['admin', 'handler', 'liaison', 'discipline', 'clerk'] as const;
export type Role = (typeof ROLES)[number];

export interface Viewer {
  id: number;
  role: Role;
  /** The village of a liaison officer or a clerk; null for town-level roles. */
  villageId: string | null;
}

export interface CaseScope {
  villageId: string;
  discipline: boolean;
  createdBy: number | null;
  escalatedBy: number | null;
  status?: CaseStatus;
  /**
   * Kept from its village's liaison officers: the resident said it concerns someone at the
   * liaison station or the village committee, or an officer of the village declared a conflict.
   * Town staff handle it.
   */
  keptFromVillage: boolean;
  /** The staff members who declared a conflict of interest on it: it is out of their view for good. */
  declaredBy: readonly number[];
}

/** Whether the viewer declared a conflict of interest on the case (and so stepped aside from it). */
export function hasDeclared(viewer: Viewer, c: CaseScope): boolean {
  return c.declaredBy.includes(viewer.id);
}

/** Whether the viewer may read the case's content, events and follow-ups. */
export function canRead(viewer: Viewer, c: CaseScope): boolean {
  if (hasDeclared(viewer, c)) return false;
  if (viewer.role === 'clerk') return false; // a village clerk reads no case
  if (c.discipline) return viewer.role === 'discipline';
  if (viewer.role === 'discipline') return false;
  if (viewer.role === 'liaison') return c.villageId === viewer.villageId && !c.keptFromVillage;
  return true; // admin and handler: every village
}

/**
 * Whether the viewer may know that the case exists (its number, and that it went to the
 * discipline committee or to town staff) without reading it: only whoever entered or escalated
 * it, and not once they stepped aside from it.
 */
export function canSeeExistence(viewer: Viewer, c: CaseScope): boolean {
  if (hasDeclared(viewer, c)) return false;
  return canRead(viewer, c) || c.createdBy === viewer.id || c.escalatedBy === viewer.id;
}

/**
 * Where a case the viewer cannot read went, as far as they may know: the committee, or town staff.
 * A case kept from its village stays town staff's to the village's officers, even once town staff
 * pass it to the committee: that it went there is how it goes, which they may not know.
 */
export function restrictedTo(viewer: Viewer, c: CaseScope): 'committee' | 'town' {
  if (viewer.role === 'liaison' && c.keptFromVillage) return 'town';
  return c.discipline ? 'committee' : 'town';
}

/**
 * Who takes a case over when the viewer declares a conflict of interest on it: a liaison officer's
 * whole village steps aside (its officers are colleagues and neighbours) and town staff handle it;
 * a town handler or the admin leaves it to the other town staff; a committee member to the other
 * members. `keepsFromVillage`: the case is kept from its village's officers from now on.
 */
export function stepAside(viewer: Viewer, c: Pick<CaseScope, 'discipline'>): { takenBy: 'town' | 'committee'; keepsFromVillage: boolean } {
  if (c.discipline) return { takenBy: 'committee', keepsFromVillage: false };
  return { takenBy: 'town', keepsFromVillage: viewer.role === 'liaison' };
}


/** Whether the viewer may record a case from a letter, a call or a visit, for this village. */
export function canRecordFor(viewer: Viewer, villageId: string): boolean {
  if (viewer.role === 'clerk') return false;
  if (viewer.role === 'liaison') return viewer.villageId === villageId;
  return true; // town roles, the committee included: every village
}

/**
 * Whether the viewer may record a case of a category that goes to `route`. The committee records
 * only what goes to it (a report it takes in person or by phone), sealed like any such report; an
 * ordinary case it recorded would go to the village, out of its own reach.
 */
export function canRecordCategory(viewer: Viewer, route: 'village' | 'discipline'): boolean {
  if (viewer.role === 'clerk') return false;
  return viewer.role !== 'discipline' || route === 'discipline';
}

/** Who reads a case's access log: the committee for its own cases, the admin for the others. */
export function mayReadAccessLog(viewer: Viewer, discipline: boolean): boolean {
  return discipline ? viewer.role === 'discipline' : viewer.role === 'admin';
}

/**
 * Who may create, change, reset, deactivate or re-activate an account of `role` (and give it
 * `newRole`): the admin every account but the committee's; committee members only the committee's.
 * So the admin can never make, or take over, a way into the sealed reports.
 */
export function mayManageAccount(viewer: Viewer, role: Role, newRole: Role = role): boolean {
  if (viewer.role === 'discipline') return role === 'discipline' && newRole === 'discipline';
  return viewer.role === 'admin' && role !== 'discipline' && newRole !== 'discipline';
}

/** Who may publish a case's outcome: the committee for its own cases, town staff for the others. */
export function mayPublish(viewer: Viewer, discipline: boolean): boolean {
  return discipline ? viewer.role === 'discipline' : viewer.role === 'handler' || viewer.role === 'admin';
}

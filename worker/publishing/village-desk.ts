/**
 * 本村公开 in the console, pure: who opens which village's desk, the actor a staff member is on a
 * village's documents (their rights over that village), and what is due and overdue by kind, with
 * the same cadence the public pages use (core/disclosure-cadence.ts scheduleOf), counting what D1
 * holds as published (worker/services/disclosures.ts `loadDisclosureInputs`, the seed imported
 * and what was signed off in the console alike).
 *
 * - A village's clerk and its liaison officers open their own village's desk, and no other.
 * - Town staff and the town administrator open every village's (the town sees every queue and
 *   what is overdue); they draft or approve only with a right over that village, which no town
 *   account can hold (worker/cases/rights.ts): the village drafts, its supervision signs.
 * - The discipline committee has no desk.
 */
import { scheduleOf, type KindSchedule } from '../../core/disclosure-cadence.ts';
import type { DisclosureInputs } from '../../core/disclosure-inputs.ts';
import type { Viewer } from '../cases/access.ts';
import { ok, refuse, type Result } from '../cases/result.ts';
import { villageRights, type Grant } from '../cases/rights.ts';
import type { Actor } from './model.ts';

/** The villages whose desks the viewer opens, of `all`. */
export function deskVillages(viewer: Viewer, all: readonly string[]): string[] {
  if (viewer.role === 'clerk' || viewer.role === 'liaison') return viewer.villageId !== null && all.includes(viewer.villageId) ? [viewer.villageId] : [];
  if (viewer.role === 'admin' || viewer.role === 'handler') return [...all];
  return [];
}

/** Whether the viewer opens this village's desk: refused as any other forbidden page (the same words for every village). */
export function mayOpenDesk(viewer: Viewer, villageId: string, all: readonly string[]): Result {
  return deskVillages(viewer, all).includes(villageId) ? ok() : refuse('forbidden', 'staff.errors.forbidden');
}

/** The staff member as an actor on one village's documents: their rights over that village only. */
export function villageActor(session: Viewer & { username: string; grants: readonly Grant[] }, villageId: string): Actor {
  return { id: session.id, username: session.username, role: session.role, rights: villageRights(session, session.grants, villageId) };
}

/** One village's schedule on `today`, kind by kind: overdue periods, the next one due, the latest published. */
export function villageSchedule(inputs: DisclosureInputs, villageId: string, today: string): KindSchedule[] {
  const village = inputs.villages.find((v) => v.village === villageId);
  return village ? village.kinds.map((k) => scheduleOf({ ...k, today, rules: inputs.rules })) : [];
}

/** How a village discloses its finances (monthly or quarterly), from its inputs; null for a village not in them. */
export function financeCadenceOf(inputs: DisclosureInputs, villageId: string): 'monthly' | 'quarterly' | null {
  const cadence = inputs.villages.find((v) => v.village === villageId)?.kinds.find((k) => k.kind === 'finances')?.cadence;
  return cadence === 'monthly' || cadence === 'quarterly' ? cadence : null;
}

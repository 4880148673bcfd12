/**
 * What a request pays before the worker writes anything for it: a valid proof of work, or, for a
 * browser without JavaScript, one unit of an hourly budget (per village for submissions, per kind
 * of request otherwise, and for the whole town). Nothing here knows, stores or logs who asked.
 */
import { abuseSettings } from '../../content/abuse.ts';
import { checkProof, difficultyFor, issueChallenge, type ProofPurpose } from '../cases/proof-of-work.ts';
import { CLIENT_ID_PATTERN } from '../cases/validation.ts';
import * as db from '../db/budgets.ts';

const MINUTE = 60_000;
const VILLAGE_SCOPE = 'submission:village:';

export interface Challenge {
  challenge: string;
  bits: number;
  validMinutes: number;
}

/**
 * A challenge for `clientId`, as hard as the recent submission rate asks (or `fixedBits`, a
 * deployment's override for local measurement); null for an unusable client id.
 */
export async function challengeFor(
  database: D1Database,
  secret: string,
  purpose: ProofPurpose,
  clientId: string,
  fixedBits: number | null = null,
  now = new Date(),
): Promise<Challenge | null> {
  if (!CLIENT_ID_PATTERN.test(clientId)) return null;
  const s = abuseSettings.proofOfWork;
  const bits = fixedBits ?? difficultyFor(await db.countCasesSince(database, arrivalBucket(new Date(now.getTime() - s.recentMinutes * MINUTE))), s);
  return { challenge: await issueChallenge(secret, purpose, clientId, bits, now), bits, validMinutes: s.validMinutes };
}

/**
 * The ten-minute bucket an arrival is counted in for the recent rate, e.g. 2026-11-26T03:1 (the
 * cases' own arrival times are days). Purged with the budgets, two hours on.
 */
export function arrivalBucket(instant: Date): string {
  return instant.toISOString().slice(0, 15);
}

/** The budget a request without a valid proof may use instead; none for programs (JSON API, Open311). */
export type Budget = { kind: 'submission'; villageId: string } | { kind: 'track' | 'followup' | 'feedback' | 'signin' };

export type Admission = { ok: true; via: 'proof' | 'budget' } | { ok: false; reason: 'busy' } | { ok: false; reason: 'proof' };

const HOURLY: Record<Exclude<Budget['kind'], 'submission'>, keyof typeof abuseSettings.noScriptBudgets> = {
  track: 'lookupsPerHour',
  followup: 'followupsPerHour',
  feedback: 'feedbackPerHour',
  signin: 'signInsPerHour',
};

/** Admits a request with a valid proof of work, else within its budget if it has one. */
export async function admit(
  database: D1Database,
  secret: string,
  request: { purpose: ProofPurpose; clientId: string; proof: unknown; budget: Budget | null },
  now = new Date(),
): Promise<Admission> {
  const checked = await checkProof(secret, request.proof, request.purpose, request.clientId, abuseSettings.proofOfWork, now);
  if (checked.ok) return { ok: true, via: 'proof' };
  if (!request.budget) return { ok: false, reason: 'proof' };
  const hour = now.toISOString().slice(0, 13);
  const limits = abuseSettings.noScriptBudgets;
  const taken =
    request.budget.kind === 'submission'
      ? await db.takeVillageBudget(database, VILLAGE_SCOPE, request.budget.villageId, hour, limits.submissionsPerVillagePerHour, limits.submissionsPerHour)
      : await db.takeBudget(database, request.budget.kind, hour, limits[HOURLY[request.budget.kind]]);
  return taken ? { ok: true, via: 'budget' } : { ok: false, reason: 'busy' };
}

/** Forgets budgets of hours gone by (cron). */
export function purgeBudgets(database: D1Database, now = new Date()): Promise<void> {
  return db.purgeBudgets(database, new Date(now.getTime() - 2 * 60 * MINUTE).toISOString().slice(0, 13));
}

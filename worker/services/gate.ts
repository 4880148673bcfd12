/**
 * What a request pays before the worker writes anything for it: a valid proof of work, spent once
 * and as hard as the difficulty in force when it is spent, or, for a browser without JavaScript,
 * one unit of an hourly budget (per village for submissions, per kind of request otherwise, and
 * for the whole town). Nothing here knows, stores or logs who asked: a spent proof leaves its
 * hash, its purpose and an hour.
 */
import { abuseSettings } from '../../content/abuse.ts';
import { checkProof, difficultyFor, issueChallenge, type ProofPurpose } from '../cases/proof-of-work.ts';
import { CLIENT_ID_PATTERN } from '../cases/validation.ts';
import { ok, refuse, type Result } from '../cases/result.ts';
import type { UiKey } from '../../content/translate.ts';
import * as db from '../db/budgets.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const VILLAGE_SCOPE = 'submission:village:';

export interface Challenge {
  challenge: string;
  bits: number;
  validMinutes: number;
}

const hourOf = (t: number) => new Date(t).toISOString().slice(0, 13);

/**
 * The hour after which a proof spent at `t` is forgotten: it was issued at most two minutes after
 * `t` (clock skew), so it has expired by then, and a second use fails on its age instead.
 */
const expiryOf = (t: number) => hourOf(t + abuseSettings.proofOfWork.validMinutes * MINUTE + 2 * HOUR);

type LoadPurpose = keyof typeof abuseSettings.proofOfWork.normalProofsPerHour;
const hasOwnLoad = (purpose: ProofPurpose): purpose is LoadPurpose & ProofPurpose => purpose in abuseSettings.proofOfWork.normalProofsPerHour;

/**
 * The difficulty in force for `purpose` at `now`: the one the recent submission rate asks, or,
 * when higher, the one the proofs spent on the same kind of request in this hour and the one
 * before ask (lookups and sign-ins grow harder under their own load); `fixedBits` overrides both.
 */
export async function difficultyNow(database: D1Database, purpose: ProofPurpose, fixedBits: number | null = null, now = new Date()): Promise<number> {
  if (fixedBits !== null) return fixedBits;
  const s = abuseSettings.proofOfWork;
  const [recentCases, recentProofs] = await Promise.all([
    db.countCasesSince(database, arrivalBucket(new Date(now.getTime() - s.recentMinutes * MINUTE))),
    hasOwnLoad(purpose) ? db.countSpentProofs(database, purpose, expiryOf(now.getTime() - HOUR)) : 0,
  ]);
  const own = hasOwnLoad(purpose) ? difficultyFor(recentProofs, { ...s, normalSubmissionsPerRecent: 2 * s.normalProofsPerHour[purpose] }) : s.baseBits;
  return Math.max(difficultyFor(recentCases, s), own);
}

/**
 * A challenge for `clientId`, as hard as the difficulty in force (or `fixedBits`, a deployment's
 * override for local measurement); null for an unusable client id.
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
  const bits = await difficultyNow(database, purpose, fixedBits, now);
  return { challenge: await issueChallenge(secret, purpose, clientId, bits, now), bits, validMinutes: abuseSettings.proofOfWork.validMinutes };
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

/** How a request was admitted; refused `proof_required` (no budget to fall back on) or `busy` (its budget is spent). */
export type Admission = Result<{ via: 'proof' | 'budget' }>;

/** What a browser's form says when its budget is spent (each route says it on its own page). */
const BUSY: Record<ProofPurpose, UiKey> = {
  submission: 'busy.mailbox',
  followup: 'busy.followup',
  feedback: 'busy.feedback',
  track: 'busy.track',
  open311: 'busy.mailbox',
  signin: 'busy.signIn',
};

const HOURLY: Record<Exclude<Budget['kind'], 'submission'>, keyof typeof abuseSettings.noScriptBudgets> = {
  track: 'lookupsPerHour',
  followup: 'followupsPerHour',
  feedback: 'feedbackPerHour',
  signin: 'signInsPerHour',
};

/**
 * Whether a proof pays for this request: valid for it, as hard as the difficulty in force now,
 * and not spent before (it is spent here, in one write). A proof that fails any of these is
 * treated as no proof: a program gets a fresh challenge, a browser form its budget.
 */
async function paidByProof(
  database: D1Database,
  secret: string,
  request: { purpose: ProofPurpose; clientId: string; proof: unknown; fixedBits?: number | null },
  now: Date,
): Promise<boolean> {
  if (request.proof === undefined || request.proof === null || request.proof === '') return false;
  const required = await difficultyNow(database, request.purpose, request.fixedBits ?? null, now);
  const checked = await checkProof(secret, request.proof, request.purpose, request.clientId, abuseSettings.proofOfWork, now, required);
  return checked.ok && (await db.spendProof(database, checked.spent, request.purpose, expiryOf(now.getTime())));
}

/** Admits a request with a valid proof of work, else within its budget if it has one. */
export async function admit(
  database: D1Database,
  secret: string,
  request: { purpose: ProofPurpose; clientId: string; proof: unknown; budget: Budget | null; fixedBits?: number | null },
  now = new Date(),
): Promise<Admission> {
  if (await paidByProof(database, secret, request, now)) return ok({ via: 'proof' as const });
  if (!request.budget) return refuse('proof_required', 'proof.required');
  const hour = now.toISOString().slice(0, 13);
  const limits = abuseSettings.noScriptBudgets;
  const taken =
    request.budget.kind === 'submission'
      ? await db.takeVillageBudget(database, VILLAGE_SCOPE, request.budget.villageId, hour, limits.submissionsPerVillagePerHour, limits.submissionsPerHour)
      : await db.takeBudget(database, request.budget.kind, hour, limits[HOURLY[request.budget.kind]]);
  return taken ? ok({ via: 'budget' as const }) : refuse('busy', BUSY[request.purpose]);
}

/** Forgets budgets of hours gone by and spent proofs that have expired since (cron). */
export async function purgeBudgets(database: D1Database, now = new Date()): Promise<void> {
  await Promise.all([db.purgeBudgets(database, hourOf(now.getTime() - 2 * HOUR)), db.purgeSpentProofs(database, hourOf(now.getTime()))]);
}

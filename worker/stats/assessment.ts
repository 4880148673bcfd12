/**
 * The quarterly assessment of each village by the town's scoring plan (content/assessment-plan.json).
 * Pure: the inputs are one quarter's counts per village (SQL aggregates, as for the released
 * tables) and record-form entry counts; the plan is passed in and stored with the result, so a
 * later change of plan never rewrites a past quarter.
 */
import { publishableRate } from '../../core/stats/disclosure.ts';
import { emptyCounts, type GroupCounts } from '../../core/stats/figures.ts';

export const INDICATORS = ['acceptedOnTime', 'resolvedWithinLimit', 'satisfaction', 'disclosurePunctuality', 'recordForm'] as const;
export type Indicator = (typeof INDICATORS)[number];

export interface AssessmentPlan {
  minCases: number;
  expectedRecordEntriesPerMonth: number;
  indicators: { id: Indicator; weight: number }[];
}

export interface VillageAssessment {
  villageId: string;
  cases: number;
  /** Each indicator's value in [0, 1], or null when it has no denominator yet. */
  values: Record<Indicator, number | null>;
  /** Out of 100, or null when the village had too few cases to be scored. */
  score: number | null;
  rank: number | null;
}

// Like every published rate, an indicator needs at least 10 cases under it: over fewer, a rate
// gives away what single residents answered.
const ratio = (n: number, d: number) => publishableRate(n, d);

/** Record-form completeness in bands (0, ½, 1), so the score does not give away a small count of entries. */
function recordBand(entries: number, expected: number): number {
  return entries >= expected ? 1 : entries >= expected / 2 ? 0.5 : 0;
}

/** What the assessment knows about a village besides its cases. */
export interface VillageExtras {
  /** Record-form entries in the quarter. */
  recordEntries: number;
  /** Disclosures made on time / due in the quarter, or null when none fell due. */
  disclosurePunctuality: number | null;
}

/** One village's indicator values from its counts, record-form entries and disclosures. */
export function indicatorValues(c: GroupCounts, extras: VillageExtras, plan: AssessmentPlan): Record<Indicator, number | null> {
  return {
    acceptedOnTime: ratio(c.acceptedOnTime, c.acceptanceDue),
    resolvedWithinLimit: ratio(c.resolvedWithinLimit, c.timeLimitEnded),
    satisfaction: ratio(c.satisfied, c.answered),
    disclosurePunctuality: extras.disclosurePunctuality,
    recordForm: recordBand(extras.recordEntries, plan.expectedRecordEntriesPerMonth * 3),
  };
}

/**
 * The score out of 100: the weighted mean of the indicator values. An indicator without a value
 * (nothing to measure yet) is left out and the other weights count in its place.
 */
export function score(values: Record<Indicator, number | null>, plan: AssessmentPlan): number {
  let weighted = 0;
  let weights = 0;
  for (const { id, weight } of plan.indicators) {
    const v = values[id];
    if (v === null) continue;
    weighted += weight * v;
    weights += weight;
  }
  return weights === 0 ? 0 : Math.round((weighted / weights) * 1000) / 10;
}

/** Every village's assessment for a quarter; villages under the plan's minimum get no score or rank. */
export function assessQuarter(
  villageIds: string[],
  countsByVillage: Map<string, GroupCounts>,
  extras: Record<string, Partial<VillageExtras>>,
  plan: AssessmentPlan,
): VillageAssessment[] {
  const results = villageIds.map((villageId) => {
    const counts = countsByVillage.get(villageId) ?? emptyCounts();
    const e = extras[villageId] ?? {};
    const values = indicatorValues(counts, { recordEntries: e.recordEntries ?? 0, disclosurePunctuality: e.disclosurePunctuality ?? null }, plan);
    const scored = counts.received >= plan.minCases;
    return { villageId, cases: counts.received, values, score: scored ? score(values, plan) : null, rank: null as number | null };
  });
  const ranked = results.filter((r) => r.score !== null).sort((a, b) => b.score! - a.score!);
  // Equal scores share a rank (1, 2, 2, 4).
  ranked.forEach((r, i) => (r.rank = i > 0 && r.score === ranked[i - 1]!.score ? ranked[i - 1]!.rank : i + 1));
  return results;
}

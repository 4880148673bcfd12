/**
 * Village-affairs disclosures as the worker sees them: the inputs the site's build publishes at
 * /data/disclosure-inputs.json, and the pure cadence rules the site uses too (core/disclosure-cadence.ts) applied at a given date.
 */
import { dueDate, parsePeriod, scheduleOf } from '../../core/disclosure-cadence.ts';
import type { DisclosureInputs } from '../../core/disclosure-inputs.ts';

export type { DisclosureInputs };

/** The inputs from the static assets, or null where they are not served (e.g. in unit tests). */
export async function loadDisclosureInputs(assets: Fetcher | undefined): Promise<DisclosureInputs | null> {
  if (!assets) return null;
  try {
    const res = await assets.fetch(new Request('https://assets.invalid/data/disclosure-inputs.json'));
    return res.ok ? ((await res.json()) as DisclosureInputs) : null;
  } catch {
    return null;
  }
}

/** Overdue disclosures per village on `today` (town date), as "kind period" labels. */
export function overdueDisclosures(inputs: DisclosureInputs, today: string): Record<string, string[]> {
  return Object.fromEntries(
    inputs.villages.map((v) => [
      v.village,
      v.kinds.flatMap((k) => scheduleOf({ ...k, today, rules: inputs.rules }).overdue.map((o) => `${k.kind} ${o.period}`)),
    ]),
  );
}

/**
 * Punctuality per village for disclosures due in [from, to] (town dates): on time / due, or
 * null where nothing fell due. Overdue ones count as not on time.
 */
export function disclosurePunctuality(inputs: DisclosureInputs, from: string, to: string, today: string): Record<string, number | null> {
  return Object.fromEntries(
    inputs.villages.map((v) => {
      let due = 0;
      let onTime = 0;
      for (const k of v.kinds) {
        for (const p of k.published) {
          const period = parsePeriod(p.period);
          if (!period) continue;
          const d = dueDate(period, inputs.rules);
          if (d < from || d > to) continue;
          due++;
          if (p.published <= d) onTime++;
        }
        for (const o of scheduleOf({ ...k, today, rules: inputs.rules }).overdue) if (o.due >= from && o.due <= to) due++;
      }
      return [v.village, due === 0 ? null : onTime / due];
    }),
  );
}

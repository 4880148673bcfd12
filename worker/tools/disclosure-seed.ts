/**
 * The demo's seed of village disclosures, content/seed/disclosures/<village>/<period>-<kind>.yaml:
 * what `content:import` loads into D1 (disclosures-import.ts). Villages publish from the console's
 * village desk; no page is built from these files. The checks across files the build made when
 * it still read them: pure, no worker code, so the site's tests run them too.
 */
import type { ContentProblem, Disclosure, VillageProfile } from '../../content/schemas.ts';
import { cadenceOf, parsePeriod, periodEnd } from '../../core/disclosure-cadence.ts';

/** Where the seed's files are, from the project's root. */
export const SEED_DIR = 'content/seed/disclosures';

/** A seed file as the checks across files see it: id `<village>/<period lower-cased>-<kind>`. */
export interface SeedEntry {
  id: string;
  /** The file, relative to the project root: content/seed/disclosures/qinglian/2026-10-finances.yaml. */
  filePath: string;
  data: Disclosure;
}

/** Problems across files: named <village>/<period>-<kind>.yaml, a period that fits the kind and the village's cadence, published after it. */
export function checkDisclosures(disclosures: SeedEntry[], profiles: Pick<VillageProfile, 'village' | 'financeCadence'>[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const cadences = new Map(profiles.map((p) => [p.village, p.financeCadence]));
  for (const { id, filePath: file, data } of disclosures) {
    const expected = `${data.village}/${data.period.toLowerCase()}-${data.kind}`;
    if (id !== expected) {
      problems.push({ file, field: '', message: `name the file ${SEED_DIR}/${data.village}/${data.period}-${data.kind}.yaml, after its village, period and kind` });
    }
    const financeCadence = cadences.get(data.village);
    const period = parsePeriod(data.period);
    if (!financeCadence || !period) continue;
    const cadence = cadenceOf(data.kind, financeCadence);
    if (period.cadence !== cadence) {
      const wanted = { monthly: 'a month, e.g. 2026-10', quarterly: 'a quarter, e.g. 2026-Q3', event: 'the day it was decided or happened, e.g. 2026-09-15' }[cadence];
      problems.push({ file, field: 'period', message: `${data.kind} of ${data.village} are disclosed ${cadence === 'event' ? 'when they happen' : cadence}: write ${wanted}` });
    } else if (data.published < periodEnd(period)) {
      problems.push({ file, field: 'published', message: `${data.published} is before the period ends (${periodEnd(period)})` });
    }
  }
  return problems;
}

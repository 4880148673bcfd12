/**
 * What the worker needs to tell, at any later date, which village-affairs disclosures are late:
 * each village's published disclosures by kind, their cadence and the due rules. Pure: the site's
 * build makes it from its content collections (/data/disclosure-inputs.json), and `npm start`
 * from the same files read in Node, so both give the worker the same inputs.
 */
import { town } from '../content/index.ts';
import { DISCLOSURE_KINDS, portal, type Disclosure, type DisclosureKind, type VillageProfile } from '../content/schemas.ts';
import { cadenceOf, type Cadence, type DueRules, type Published } from './disclosure-cadence.ts';

export interface DisclosureInputs {
  rules: DueRules;
  villages: { village: string; kinds: { kind: DisclosureKind; cadence: Cadence; since: string; published: Published[] }[] }[];
}

export function disclosureInputs(
  profiles: Pick<VillageProfile, 'village' | 'financeCadence' | 'disclosuresSince'>[],
  disclosures: Pick<Disclosure, 'village' | 'kind' | 'period' | 'published'>[],
): DisclosureInputs {
  return {
    rules: portal.disclosure,
    villages: town.villages.flatMap((v) => {
      const profile = profiles.find((p) => p.village === v.id);
      if (!profile) return [];
      return [
        {
          village: v.id,
          kinds: DISCLOSURE_KINDS.map((kind) => ({
            kind,
            cadence: cadenceOf(kind, profile.financeCadence),
            since: profile.disclosuresSince,
            published: disclosures
              .filter((d) => d.village === v.id && d.kind === kind)
              .map((d) => ({ period: d.period, published: d.published }))
              .sort((a, b) => a.period.localeCompare(b.period)),
          })),
        },
      ];
    }),
  };
}

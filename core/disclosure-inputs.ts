/**
 * What the worker needs to tell, at any date, which village-affairs disclosures are due or late:
 * each village's cadence by kind and the due rules, from content/ (content/villages/,
 * content/portal.json). What has been published is never here: it is what D1 holds, added by the
 * worker (worker/services/disclosures.ts `loadDisclosureInputs`). Pure: the site's build writes
 * it to /data/disclosure-inputs.json, and `npm start` makes the same from the same files in Node.
 */
import { town } from '../content/index.ts';
import { DISCLOSURE_KINDS, portal, type DisclosureKind, type VillageProfile } from '../content/schemas.ts';
import { cadenceOf, type Cadence, type DueRules, type Published } from './disclosure-cadence.ts';

export interface DisclosureInputs {
  rules: DueRules;
  villages: { village: string; kinds: { kind: DisclosureKind; cadence: Cadence; since: string; published: Published[] }[] }[];
}

/** The cadences of the villages with a profile; nothing published yet (`published` empty). */
export function disclosureCadences(profiles: Pick<VillageProfile, 'village' | 'financeCadence' | 'disclosuresSince'>[]): DisclosureInputs {
  return {
    rules: portal.disclosure,
    villages: town.villages.flatMap((v) => {
      const profile = profiles.find((p) => p.village === v.id);
      if (!profile) return [];
      return [
        {
          village: v.id,
          kinds: DISCLOSURE_KINDS.map((kind) => ({ kind, cadence: cadenceOf(kind, profile.financeCadence), since: profile.disclosuresSince, published: [] })),
        },
      ];
    }),
  };
}

/**
 * What the worker needs to tell, at any later date, which village-affairs disclosures are late:
 * each village's published disclosures by kind, their cadence and the due rules. Built from the
 * same content as the village pages; read by the worker through its ASSETS binding.
 */
import { DISCLOSURE_KINDS, portal } from '../../../content/schemas.ts';
import { cadenceOf } from '../../lib/disclosure-cadence.ts';
import { getPortal } from '../../lib/portal.ts';

export async function GET() {
  const { affairs } = await getPortal();
  const body = {
    rules: portal.disclosure,
    villages: affairs.map((a) => ({
      village: a.village.id,
      kinds: DISCLOSURE_KINDS.map((kind) => ({
        kind,
        cadence: cadenceOf(kind, a.profile.data.financeCadence),
        since: a.profile.data.disclosuresSince,
        published: a.disclosures.filter((d) => d.data.kind === kind).map((d) => ({ period: d.data.period, published: d.data.published })),
      })),
    })),
  };
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
}

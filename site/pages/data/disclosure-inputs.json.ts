/**
 * The disclosure inputs (core/disclosure-inputs.ts) for the worker, which reads them through
 * its ASSETS binding.
 */
import { disclosureInputs } from '../../../core/disclosure-inputs.ts';
import { getPortal } from '../../lib/portal.ts';

export async function GET() {
  const { affairs } = await getPortal();
  const body = disclosureInputs(
    affairs.map((a) => a.profile.data),
    affairs.flatMap((a) => a.disclosures.map((d) => d.data)),
  );
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
}

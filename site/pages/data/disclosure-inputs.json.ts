/**
 * The villages' disclosure cadences (core/disclosure-inputs.ts) for the worker, which reads them
 * through its ASSETS binding and adds what D1 holds as published.
 */
import { disclosureCadences } from '../../../core/disclosure-inputs.ts';
import { getPortal } from '../../lib/portal.ts';

export async function GET() {
  const { villages } = await getPortal();
  return new Response(JSON.stringify(disclosureCadences(villages.map((v) => v.profile.data))), { headers: { 'Content-Type': 'application/json' } });
}

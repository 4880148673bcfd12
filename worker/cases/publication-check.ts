/**
 * The personal-data check that every text staff publish goes through (outcomes, case notices, the
 * monthly notices' commentary): blocking findings stop the publication; findings that are only
 * to confirm stop it until the staff member ticks a confirmation that covers exactly them, so a
 * box ticked once does not wave through a name typed afterwards.
 */
import { publishedPhones } from '../../content/index.ts';
import { findPersonalData, type PiiFinding } from './pii.ts';

export interface TextFinding<F extends string = string> extends PiiFinding {
  field: F;
}

export interface Contact {
  name: string | null;
  phone: string | null;
}

/** The form field of the confirmation box; its value is the `confirmation` it was shown with. */
export const CONFIRM_FIELD = 'confirmPersonalData';

export interface PublicationCheck<F extends string> {
  findings: TextFinding<F>[];
  /** The value the confirmation box sends back; empty when something blocking was found. */
  confirmation: string;
}

/**
 * Personal data in `texts`; null when they may be published: nothing found, or only findings the
 * form confirmed. The numbers the town publishes for its offices and stations are not personal data.
 */
export function checkPublication<F extends string>(texts: Record<F, string>, contact: Contact, fields: Record<string, unknown>): PublicationCheck<F> | null {
  const findings = (Object.keys(texts) as F[]).flatMap((field) => findPersonalData(texts[field], contact, publishedPhones).map((f) => ({ ...f, field })));
  if (findings.length === 0) return null;
  const blocked = findings.some((f) => f.severity === 'block');
  const confirmation = blocked ? '' : confirmationOf(findings);
  if (!blocked && fields[CONFIRM_FIELD] === confirmation) return null;
  return { findings, confirmation };
}

/** A short fingerprint of what is to be confirmed (field and text of each finding, in any order). */
function confirmationOf(findings: TextFinding[]): string {
  const list = findings.map((f) => `${f.field}\u001f${f.text}`).sort().join('\u001e');
  // FNV-1a over the UTF-16 units: a guard against accidents, not against the staff member.
  let hash = 0x811c9dc5;
  for (let i = 0; i < list.length; i++) hash = Math.imul(hash ^ list.charCodeAt(i), 0x01000193) >>> 0;
  return `${findings.length}-${hash.toString(16).padStart(8, '0')}`;
}

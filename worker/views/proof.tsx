/** What a form needs for the proof of work its script solves (site/public/scripts/proof.js). */
import type { Locale } from '../../content/index.ts';
import type { ProofPurpose } from '../cases/proof-of-work.ts';
import { translator } from './layout.tsx';

/** The scripts of a page with such forms: the solver first, so the mailbox script finds it. */
export const PROOF_SCRIPTS = ['/scripts/proof.js'];

/** The attributes that mark a form for the solver: what the proof is for and which field holds the client id. */
export function proofAttrs(locale: Locale, purpose: ProofPurpose, idField: string) {
  return { 'data-proof': purpose, 'data-proof-id': idField, 'data-proof-wait': translator(locale)('proof.checking') };
}

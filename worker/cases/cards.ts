/**
 * Code cards for the paper mailbox: a card number (written on the letter, not secret) and a query
 * code (kept by the resident, never seen by the officer who records the letter). Pure rules.
 */
import type { Viewer } from './access.ts';
import { normalizeCrockford, randomCrockford } from './query-code.ts';

/** The most cards on one printed sheet. */
export const CARDS_PER_SHEET_MAX = 30;

/** A fresh card number: K and eight Crockford characters, grouped as K-XXXX-XXXX. */
export function newCardNumber(): string {
  const body = randomCrockford(8);
  return `K-${body.slice(0, 4)}-${body.slice(4)}`;
}

/** The card number as typed (case, spaces and dashes do not matter), or null when it cannot be one. */
export function normalizeCardNumber(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const body = normalizeCrockford(input.trim().replace(/^K[\s-]*/i, ''), 8);
  return body ? `K-${body.slice(0, 4)}-${body.slice(4)}` : null;
}

/** Who prints sheets of cards: the committee (for cadre reports) and the town's admin. */
export function mayPrintCards(viewer: Viewer): boolean {
  return viewer.role === 'discipline' || viewer.role === 'admin';
}

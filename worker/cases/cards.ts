/**
 * Code cards for the paper mailbox: a card number (written on the letter, not secret) and a query
 * code (kept by the resident, never seen by the officer who records the letter). Pure rules.
 */
import type { Viewer } from './access.ts';
import { normalizeCrockford, randomCrockford } from '../../core/crockford.ts';
import * as z from 'zod/mini';
import { findVillage } from '../../content/index.ts';
import { asTyped, mark } from './validation.ts';

/** The most cards on one printed sheet. */
export const CARDS_PER_SHEET_MAX = 30;

/** The form for a sheet of cards: a village of the town, and how many cards (one or two digits, up to the sheet's maximum). */
export const cardsSchema = z.pipe(
  z.object({
    village: z.pipe(
      asTyped,
      z.transform((id: string, ctx) => {
        if (!findVillage(id)) mark(ctx, 'cards.errors.village');
        return id;
      }),
    ),
    count: z.pipe(
      asTyped,
      z.transform((typed: string, ctx) => {
        const count = /^\d{1,2}$/.test(typed) ? Number(typed) : 0;
        if (count < 1 || count > CARDS_PER_SHEET_MAX) mark(ctx, 'cards.errors.count', { max: CARDS_PER_SHEET_MAX });
        return count;
      }),
    ),
  }),
  z.transform(({ village, count }) => ({ villageId: village, count })),
);

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

/**
 * What the resident's code does for a case recorded by staff, by who could have seen it.
 * - `code`: it opens the case (an ordinary case, or the resident's own web submission).
 * - `claim`: it only claims the case, once, for a new code only the resident sees (a committee
 *   case or one kept from its village, whose code a staff member saw: on the slip of a visit or
 *   call, or on a card sheet they printed).
 * - `none`: there is no code at all (such a case from the paper mailbox without a card: the
 *   officer who records an anonymous letter would be the only holder of a slip's code).
 * - `refusedCard`: as `none`, and the card given cannot open it (a card the admin printed, with a
 *   report to the committee); the card's code, looked up, says so.
 */
export type CodeRule = 'code' | 'claim' | 'none' | 'refusedCard';

export function codeRule(c: {
  /** Recorded by staff from a letter, call or visit; false for the resident's own submission. */
  byStaff: boolean;
  channel: 'web' | 'mailbox' | 'phone' | 'visit';
  /** Routed to the committee. */
  discipline: boolean;
  keptFromVillage: boolean;
  /** Who printed the card given with it, or null for none. */
  card: 'committee' | 'town' | null;
}): CodeRule {
  if (!c.byStaff || (!c.discipline && !c.keptFromVillage)) return 'code';
  if (c.card === 'town' && c.discipline) return 'refusedCard';
  if (c.card) return 'claim';
  return c.channel === 'mailbox' ? 'none' : 'claim';
}

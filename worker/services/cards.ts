/** Printing code cards for a village's paper mailbox: the sheet is shown once, only the codes' hashes are kept. */
import { storedMinute } from '../../core/clock.ts';
import { ok, refuse, type Result } from '../cases/result.ts';
import type { Viewer } from '../cases/access.ts';
import { cardsSchema, mayPrintCards, newCardNumber } from '../cases/cards.ts';
import { parseFirst } from '../cases/validation.ts';
import { generateQueryCode, hashQueryCode } from '../cases/query-code.ts';
import { insertCards, type NewCard } from '../db/sealed.ts';
import { residentKeyFor } from './sealed.ts';

export type PrintResult = Result<{ villageId: string; cards: { cardNumber: string; queryCode: string }[] }>;

/** Makes a sheet of cards: each a card number and a fresh query code, stored only as its keyed hash. */
export async function printCards(database: D1Database, secret: string, viewer: Viewer, fields: Record<string, unknown>, now = new Date()): Promise<PrintResult> {
  if (!mayPrintCards(viewer)) return refuse('forbidden', 'cards.errors.forbidden');
  const read = parseFirst(cardsSchema, fields, ['village', 'count']);
  if (!read.ok) {
    // The form's one message, not a field marked: the sheet's page shows it as its notice.
    const [first] = read.refusal.fields ?? [];
    return refuse('invalid', first?.key ?? read.refusal.key, first?.params ? { params: first.params } : {});
  }
  const { villageId, count } = read.value;
  const sheet = await Promise.all(
    Array.from({ length: count }, async () => {
      const queryCode = generateQueryCode();
      const resident = await residentKeyFor(secret, queryCode);
      const card: NewCard = {
        cardNumber: newCardNumber(),
        villageId,
        codeHash: await hashQueryCode(secret, queryCode),
        residentPublic: resident.publicKey,
        residentPrivate: resident.sealedPrivate,
        printedFor: viewer.role === 'discipline' ? 'committee' : 'town',
      };
      return { card, queryCode };
    }),
  );
  await insertCards(database, sheet.map((s) => s.card), viewer.id, storedMinute(now));
  return ok({ villageId, cards: sheet.map((s) => ({ cardNumber: s.card.cardNumber, queryCode: s.queryCode })) });
}

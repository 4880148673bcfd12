/** Code cards, /staff/cards: the committee and the admin print sheets for a village's mailbox. */
import { Hono } from 'hono/tiny';
import { pathWithoutLocale } from '../../content/index.ts';
import { mayPrintCards } from '../cases/cards.ts';
import { queryCodeKey } from '../http/secret.ts';
import { htmlRefusal, marked } from '../http/refusal.ts';
import { printCards } from '../services/cards.ts';
import { CardSheetPage, CardsPage } from '../views/staff/cards.tsx';
import { StaffMessagePage } from '../views/staff/frame.tsx';
import type { StaffEnv } from './staff-env.ts';

export const cards = new Hono<StaffEnv>();

cards.use('*', async (c, next) => {
  if (!mayPrintCards(c.get('session'))) {
    return c.render(<StaffMessagePage path={pathWithoutLocale(c.req.path)} session={c.get('session')} message={c.var.t('cards.errors.forbidden')} />, 403);
  }
  await next();
});

cards.get('/', (c) => c.render(<CardsPage session={c.get('session')} />));

cards.post('/', async (c) => {
  const secret = queryCodeKey(c.env);
  if (!secret) return c.render(<StaffMessagePage path="/staff/cards" session={c.get('session')} message={c.var.t('errors.unavailable')} />, 503);
  const result = await printCards(c.env.DB, secret, c.get('session'), c.get('fields'));
  if (!result.ok) return htmlRefusal(c, result.refusal, <CardsPage session={c.get('session')} error={marked(c.var.locale, result.refusal).notice} />);
  return c.render(<CardSheetPage session={c.get('session')} villageId={result.value.villageId} cards={result.value.cards} />, 201);
});

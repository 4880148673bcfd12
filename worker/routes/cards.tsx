/** Code cards, /staff/cards: the committee and the admin print sheets for a village's mailbox. */
import { Hono, type Context } from 'hono';
import { localeOfPath, pathWithoutLocale } from '../../content/index.ts';
import { mayPrintCards } from '../cases/cards.ts';
import { queryCodeKey } from '../http/secret.ts';
import { htmlRefusal, marked } from '../http/refusal.ts';
import { printCards } from '../services/cards.ts';
import { translator } from '../views/layout.tsx';
import { CardSheetPage, CardsPage } from '../views/staff/cards.tsx';
import { StaffMessagePage } from '../views/staff/frame.tsx';
import type { StaffEnv } from './staff-env.ts';

type C = Context<StaffEnv>;

const locale = (c: C) => localeOfPath(c.req.path);
const t = (c: C) => translator(locale(c));

export const cards = new Hono<StaffEnv>();

cards.use('*', async (c, next) => {
  if (!mayPrintCards(c.get('session'))) {
    return c.html(<StaffMessagePage locale={locale(c)} path={pathWithoutLocale(c.req.path)} session={c.get('session')} message={t(c)('cards.errors.forbidden')} />, 403);
  }
  await next();
});

cards.get('/', (c) => c.html(<CardsPage locale={locale(c)} session={c.get('session')} />));

cards.post('/', async (c) => {
  const secret = queryCodeKey(c.env);
  if (!secret) return c.html(<StaffMessagePage locale={locale(c)} path="/staff/cards" session={c.get('session')} message={t(c)('errors.unavailable')} />, 503);
  const result = await printCards(c.env.DB, secret, c.get('session'), c.get('fields'));
  if (!result.ok) return htmlRefusal(c, result.refusal, <CardsPage locale={locale(c)} session={c.get('session')} error={marked(locale(c), result.refusal).notice} />);
  return c.html(<CardSheetPage locale={locale(c)} session={c.get('session')} villageId={result.value.villageId} cards={result.value.cards} />, 201);
});

/** Printing code cards: the form, and the sheet (shown once). The cards themselves speak Chinese. */
import { useLocale } from '../../http/locale.ts';
import { findVillage } from '../../../content/index.ts';
import { translate } from '../../../content/translate.ts';
import { CARDS_PER_SHEET_MAX } from '../../cases/cards.ts';
import { formatQueryCode } from '../../cases/query-code.ts';
import type { StaffSession } from '../../services/staff-auth.ts';
import { Field, VillageOptions } from '../fields.tsx';
import { localePath, translator } from '../layout.tsx';
import { Csrf, Notices, StaffFrame } from './frame.tsx';
import { QueryPageQrCode, queryPageAddress } from './query-page.tsx';

export function CardsPage({ session, error }: { session: StaffSession; error?: string }) {
  const locale = useLocale();
  const t = translator(locale);
  return (
    <StaffFrame path="/staff/cards" title={t('cards.title')} session={session}>
      <h1>{t('cards.title')}</h1>
      <p class="lead">{t('cards.lead')}</p>
      {session.role !== 'discipline' && <p class="notice notice-warning">{t('cards.town')}</p>}
      <Notices error={error} />
      <form method="post" action={localePath(locale, '/staff/cards')} class="narrow-form" id="cards-form">
        <Csrf session={session} />
        <Field control="select" name="village" label={t('cards.village')} required>
          <VillageOptions selected={session.villageId ?? undefined} empty="—" />
        </Field>
        <Field name="count" label={t('cards.count', { max: CARDS_PER_SHEET_MAX })} type="number" inputmode="numeric" min={1} max={CARDS_PER_SHEET_MAX} value="10" required />
        <button type="submit" class="button primary">
          {t('cards.submit')}
        </button>
      </form>
    </StaffFrame>
  );
}

export interface CardSheetProps {
  session: StaffSession;
  villageId: string;
  cards: { cardNumber: string; queryCode: string }[];
}

/** The sheet: each card's number on top, its code on the part that folds away, the instructions, the address and its QR code. */
export function CardSheetPage({ session, villageId, cards }: CardSheetProps) {
  const locale = useLocale();
  const t = translator(locale);
  const zh = (key: Parameters<typeof translate>[1]) => translate('zh-CN', key);
  const village = findVillage(villageId)?.name['zh-CN'] ?? villageId;
  const address = queryPageAddress('zh-CN');
  return (
    <StaffFrame path="/staff/cards" title={t('cards.sheet.title', { village: findVillage(villageId)?.name[locale] ?? villageId })} session={session}>
      <h1 class="screen-only">{t('cards.sheet.title', { village: findVillage(villageId)?.name[locale] ?? villageId })}</h1>
      <p class="notice notice-warning screen-only">{t('cards.sheet.lead')}</p>
      <p class="screen-only">
        <button type="button" class="button" id="print-receipt" hidden>
          {t('cards.print')}
        </button>
      </p>
      <ul class="code-cards slip" id="code-cards" lang="zh-CN">
        {cards.map((card) => (
          <li class="code-card" data-card={card.cardNumber}>
            <p class="code-card-village">{village}</p>
            <p>
              {zh('cards.card.number')}：<strong class="card-number">{card.cardNumber}</strong>
            </p>
            <p class="code-card-how">{zh('cards.card.how')}</p>
            <p>
              {zh('cards.card.where')}
              <span class="card-address">{address}</span>
            </p>
            <QueryPageQrCode lang="zh-CN" class="code-card-qr" />
            <div class="code-card-fold">
              <p>{zh('cards.card.code')}</p>
              <p>
                <strong class="query-code card-code" lang="en">
                  {formatQueryCode(card.queryCode)}
                </strong>
              </p>
            </div>
          </li>
        ))}
      </ul>
    </StaffFrame>
  );
}

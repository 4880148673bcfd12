/** The public outcome pages: the list (filterable) and one outcome. */
import { useLocale, useT } from '../http/locale.ts';
import { findCategory, findVillage, town } from '../../content/index.ts';
import { workingDaysText } from '../../content/translate.ts';
import { formatTownDate, townDate } from '../../core/clock.ts';
import type { OutcomeFilter, OutcomeRow } from '../services/outcomes.ts';
import { OUTCOME_RESULTS } from '../cases/outcome.ts';
import { Field, isolated } from './fields.tsx';
import { Layout, localePath, translator } from './layout.tsx';

/**
 * What the list can be filtered by: how a case ended (the committee's closings, 予以了结 and
 * 移送审查调查, each its own), or that it was reopened since its outcome was published.
 */
export const RESULTS = [...OUTCOME_RESULTS, 'reopened'] as const;

function Facts({ o }: { o: OutcomeRow }) {
  const locale = useLocale();
  const t = translator(locale);
  const result = t(`outcomes.result.${o.result}`);
  return (
    <p class="muted outcome-facts">
      {findVillage(o.village_id)?.name[locale] ?? o.village_id} · {findCategory(o.category_id)?.name[locale] ?? o.category_id} ·{' '}
      {o.reopened_on ? (
        <>
          <strong class="outcome-reopened">{t('outcomes.result.reopened')}</strong> · {t('outcomes.reopened.was', { result })}
        </>
      ) : (
        <strong>{result}</strong>
      )}
      {/* A committee notice gives no working days: with its publication day they would tell when the case arrived. */}
      {o.kind !== 'case_notice' && <> · {workingDaysText(locale, o.working_days)}</>}
      {o.kind === 'case_notice' && <> · {t('outcomes.kind.case_notice')}</>}
    </p>
  );
}

function Select({ name, label, value, options }: { name: string; label: string; value?: string; options: [string, string][] }) {
  const t = useT();
  return (
    <Field control="select" name={name} id={`filter-${name}`} label={label}>
      <option value="">{t('outcomes.filter.all')}</option>
      {options.map(([id, text]) => (
        <option value={id} selected={value === id}>
          {text}
        </option>
      ))}
    </Field>
  );
}

export function OutcomesPage({ outcomes, filter }: { outcomes: OutcomeRow[]; filter: OutcomeFilter }) {
  const locale = useLocale();
  const t = translator(locale);
  return (
    <Layout path="/outcomes" title={t('outcomes.title')}>
      <h1>{t('outcomes.title')}</h1>
      <p class="lead">{t('outcomes.lead')}</p>
      <p>
        <a href={localePath(locale, '/outcomes/rss.xml')} type="application/rss+xml">
          {t('outcomes.feed')}
        </a>
      </p>
      <form method="get" action={localePath(locale, '/outcomes')} class="filter-form outcome-filter">
        <Select name="village" label={t('outcomes.filter.village')} value={filter.villageId} options={town.villages.map((v) => [v.id, v.name[locale]])} />
        <Select name="category" label={t('outcomes.filter.category')} value={filter.categoryId} options={town.categories.map((c) => [c.id, c.name[locale]])} />
        <Select name="result" label={t('outcomes.filter.result')} value={filter.result} options={RESULTS.map((r) => [r, t(`outcomes.result.${r}`)])} />
        <button type="submit" class="button">
          {t('outcomes.filter.apply')}
        </button>
      </form>
      {outcomes.length === 0 ? (
        <p id="outcomes-empty">{t('outcomes.empty')}</p>
      ) : (
        <ul class="outcome-list" id="outcomes">
          {outcomes.map((o) => (
            <li lang={o.locale}>
              <h2>
                <a href={localePath(locale, `/outcomes/${o.case_number}`)}>{o.problem}</a>
              </h2>
              <Facts o={o} />
              <p>{o.outcome_text}</p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function OutcomePage({ o }: { o: OutcomeRow }) {
  const locale = useLocale();
  const t = translator(locale);
  return (
    <Layout path={`/outcomes/${o.case_number}`} title={isolated(o.problem)}>
      <p>
        <a href={localePath(locale, '/outcomes')}>{t('outcomes.back')}</a>
      </p>
      <article lang={o.locale}>
        <h1>{o.problem}</h1>
        {o.reopened_on && (
          <p class="notice notice-warning" id="outcome-reopened" lang={locale}>
            {/* A committee notice names no day: when an objection or new evidence arrived is not public. */}
            {o.kind === 'case_notice' ? t('outcomes.reopened.notice.committee') : t('outcomes.reopened.notice', { date: formatTownDate(o.reopened_on, locale) })}
          </p>
        )}
        <Facts o={o} />
        <dl class="facts">
          <dt>{t('outcomes.caseNumber')}</dt>
          <dd class="case-number">{o.case_number}</dd>
          <dt>{t('outcomes.publishedAt')}</dt>
          <dd>
            <time datetime={townDate(new Date(o.published_at))}>{formatTownDate(o.published_at, locale)}</time>
          </dd>
          {o.kind !== 'case_notice' && (
            <>
              <dt>{t('outcomes.workingDays')}</dt>
              <dd>{workingDaysText(locale, o.working_days)}</dd>
              <dt>{t('outcomes.rating')}</dt>
              <dd id="outcome-rating">{o.rating ? t(`feedback.${o.rating}`) : t('outcomes.rating.none')}</dd>
            </>
          )}
        </dl>
        <h2>{t('outcomes.problem')}</h2>
        <p class="message">{o.problem}</p>
        <h2>{t('outcomes.action')}</h2>
        <p class="message">{o.action}</p>
        <h2>{t('outcomes.outcome')}</h2>
        <p class="message">{o.outcome_text}</p>
      </article>
    </Layout>
  );
}

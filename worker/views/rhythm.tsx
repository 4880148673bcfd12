/** The town rhythm's pages: the weekly sheet and notices in the console, notices and assessments on the portal. */
import { useLocale } from '../http/locale.ts';
import { raw } from 'hono/html';
import { findVillage, type Locale } from '../../content/index.ts';
import { formatTownTime } from '../../core/clock.ts';
import type { NoticeRow } from '../services/rhythm.ts';
import type { PublicationCheck } from '../cases/publication-check.ts';
import type { CommentaryField, WeeklySheet } from '../services/rhythm.ts';
import { COMMENTARY_MAX } from '../cases/notice.ts';
import { Field } from './fields.tsx';
import { ConfirmPersonalData, PersonalDataFindings } from './personal-data.tsx';
import type { StaffSession } from '../services/staff-auth.ts';
import type { AssessmentPlan, VillageAssessment } from '../stats/assessment.ts';
import type { PeriodTables } from '../../core/stats/figures.ts';
import { renderPeriodHtml } from '../../core/stats/render.ts';
import { Layout, localePath, translator } from './layout.tsx';
import { Csrf, StaffFrame } from './staff/frame.tsx';

const villageName = (id: string, locale: Locale) => findVillage(id)?.name[locale] ?? id;

export function RhythmIndexPage(props: {
  session: StaffSession;
  weeks: { week: string }[];
  notices: NoticeRow[];
  quarters: string[];
  notice?: string;
}) {
  const { session } = props;
  const locale = useLocale();
  const t = translator(locale);
  const list = (items: [string, string][]) =>
    items.length === 0 ? (
      <p>{t('rhythm.none')}</p>
    ) : (
      <ul>
        {items.map(([href, text]) => (
          <li>
            <a href={localePath(locale, href)}>{text}</a>
          </li>
        ))}
      </ul>
    );
  return (
    <StaffFrame path="/staff/rhythm" title={t('rhythm.title')} session={session}>
      <h1>{t('rhythm.title')}</h1>
      {props.notice && (
        <p class="notice notice-ok" role="status">
          {props.notice}
        </p>
      )}
      <h2>{t('rhythm.weeks')}</h2>
      <form method="post" action={localePath(locale, '/staff/rhythm/weeks')}>
        <Csrf session={session} />
        <button type="submit" class="button">
          {t('rhythm.generate')}
        </button>
      </form>
      {list(props.weeks.map((w) => [`/staff/rhythm/weeks/${w.week}`, t('rhythm.week.title', { week: w.week })]))}
      <h2>{t('rhythm.notices')}</h2>
      {list(props.notices.map((n) => [`/staff/rhythm/notices/${n.month}`, `${t('rhythm.notice.title', { month: n.month })} · ${t(n.status === 'published' ? 'rhythm.notice.published' : 'rhythm.notice.draft')}`]))}
      <h2>{t('rhythm.assessments')}</h2>
      {list(props.quarters.map((q) => [`/assessments/${q}`, t('rhythm.assessment.title', { quarter: q })]))}
    </StaffFrame>
  );
}

export function WeeklySheetPage({ session, sheet }: { session: StaffSession; sheet: WeeklySheet }) {
  const locale = useLocale();
  const t = translator(locale);
  const title = t('rhythm.week.title', { week: sheet.week });
  return (
    <StaffFrame path={`/staff/rhythm/weeks/${sheet.week}`} title={title} session={session}>
      <h1>{title}</h1>
      <p class="muted">{t('rhythm.week.generatedAt', { time: formatTownTime(sheet.generatedAt, locale) })}</p>
      <div class="table-scroll" tabindex={0} role="region" aria-label={title}>
        <table class="data-table" id="weekly-sheet">
          <thead>
            <tr>
              <th scope="col">{t('stats.village')}</th>
              <th scope="col">{t('rhythm.week.received')}</th>
              <th scope="col">{t('rhythm.week.open')}</th>
              <th scope="col">{t('rhythm.week.due')}</th>
              <th scope="col">{t('rhythm.week.overdue')}</th>
              <th scope="col" aria-describedby="escalated-note">
                {t('rhythm.week.escalated')}
                <sup>*</sup>
              </th>
              <th scope="col">{t('rhythm.week.records')}</th>
              <th scope="col">{t('rhythm.week.lateDisclosures')}</th>
            </tr>
          </thead>
          <tbody>
            {sheet.villages.map((v) => (
              <tr>
                <th scope="row">{villageName(v.villageId, locale)}</th>
                <td>{v.received}</td>
                <td>{v.open}</td>
                <td>{v.dueThisWeek}</td>
                <td>
                  {v.overdue.length === 0
                    ? t('rhythm.week.noOverdue')
                    : v.overdue.map((o) => t('rhythm.week.overdueItem', { number: o.caseNumber, days: o.workingDaysOverdue })).join('；')}
                </td>
                <td>{v.escalated}</td>
                <td>{v.recordEntries}</td>
                <td>
                  {v.lateDisclosures === null || v.lateDisclosures === undefined
                    ? t('rhythm.week.unknown')
                    : v.lateDisclosures.length === 0
                      ? t('rhythm.week.noOverdue')
                      : v.lateDisclosures.map((d) => `${t(`disclosures.kind.${d.kind as 'finances'}`)} ${d.period}`).join('；')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="hint" id="escalated-note">
        <sup>*</sup>
        {t('rhythm.week.escalatedNote')}
      </p>
    </StaffFrame>
  );
}

export function NoticeEditPage(props: { session: StaffSession; notice: NoticeRow; message?: string; error?: string; check?: PublicationCheck<CommentaryField> }) {
  const { session, notice, message, error, check } = props;
  const locale = useLocale();
  const t = translator(locale);
  const title = t('rhythm.notice.title', { month: notice.month });
  const flagged = (field: CommentaryField) => (check?.findings.some((f) => f.field === field) ? { 'aria-invalid': 'true' as const, 'aria-describedby': 'pii-findings' } : {});
  return (
    <StaffFrame path={`/staff/rhythm/notices/${notice.month}`} title={title} session={session}>
      <h1>{title}</h1>
      <p>
        <strong id="notice-status">{t(notice.status === 'published' ? 'rhythm.notice.published' : 'rhythm.notice.draft')}</strong>
        {notice.status === 'published' && (
          <>
            {' '}
            <a href={localePath(locale, `/notices/${notice.month}`)}>{t('outcomes.staff.view')}</a>
          </>
        )}
      </p>
      {message && (
        <p class="notice notice-ok" role="status">
          {message}
        </p>
      )}
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <PersonalDataFindings
        check={check}
        texts={{ commentaryZh: notice.commentary_zh, commentaryEn: notice.commentary_en ?? '' }}
        label={(f) => t(f === 'commentaryZh' ? 'rhythm.notice.commentaryZh' : 'rhythm.notice.commentaryEn')}
        fieldId={(f) => f}
      />
      <form method="post" action={localePath(locale, `/staff/rhythm/notices/${notice.month}`)}>
        <Csrf session={session} />
        <Field control="textarea" name="commentaryZh" label={t('rhythm.notice.commentaryZh')} value={notice.commentary_zh} rows={5} maxlength={COMMENTARY_MAX} {...flagged('commentaryZh')} />
        <Field control="textarea" name="commentaryEn" label={t('rhythm.notice.commentaryEn')} value={notice.commentary_en ?? ''} rows={4} maxlength={COMMENTARY_MAX} lang="en" {...flagged('commentaryEn')} />
        <ConfirmPersonalData check={check} />
        <p class="actions">
          <button type="submit" name="action" value="save" class="button">
            {t('rhythm.notice.save')}
          </button>
          <button type="submit" name="action" value="publish" class="button primary">
            {t('rhythm.notice.publish')}
          </button>
        </p>
      </form>
      <h2>{t('rhythm.notice.figures')}</h2>
      {raw(renderPeriodHtml(JSON.parse(notice.figures) as PeriodTables | null, locale))}
    </StaffFrame>
  );
}

export function NoticesPage({ notices }: { notices: NoticeRow[] }) {
  const locale = useLocale();
  const t = translator(locale);
  return (
    <Layout path="/notices" title={t('rhythm.notices.public.title')}>
      <h1>{t('rhythm.notices.public.title')}</h1>
      <p class="lead">{t('rhythm.notices.public.lead')}</p>
      <p>
        <a href={localePath(locale, '/notices/rss.xml')} type="application/rss+xml">
          {t('rhythm.notices.feed')}
        </a>
      </p>
      {notices.length === 0 ? (
        <p>{t('rhythm.none')}</p>
      ) : (
        <ul id="notices">
          {notices.map((n) => (
            <li>
              <a href={localePath(locale, `/notices/${n.month}`)}>{t('rhythm.notice.title', { month: n.month })}</a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function NoticePage({ notice }: { notice: NoticeRow }) {
  const locale = useLocale();
  const t = translator(locale);
  const title = t('rhythm.notice.title', { month: notice.month });
  const english = locale === 'en' && notice.commentary_en;
  return (
    <Layout path={`/notices/${notice.month}`} title={title}>
      <h1>{title}</h1>
      <p class="lead">{t('rhythm.notice.lead')}</p>
      {notice.commentary_zh && (
        <section aria-labelledby="commentary">
          <h2 id="commentary">{t('rhythm.notice.commentary')}</h2>
          {locale === 'en' && !english && <p class="notice notice-warning">{t('rhythm.notice.noEnglish')}</p>}
          <p class="message" lang={english ? 'en' : 'zh-CN'}>
            {english ? notice.commentary_en : notice.commentary_zh}
          </p>
        </section>
      )}
      <h2>{t('rhythm.notice.figures')}</h2>
      {raw(renderPeriodHtml(JSON.parse(notice.figures) as PeriodTables | null, locale))}
    </Layout>
  );
}

export function AssessmentsPage({ quarters }: { quarters: string[] }) {
  const locale = useLocale();
  const t = translator(locale);
  return (
    <Layout path="/assessments" title={t('rhythm.assessments.public.title')}>
      <h1>{t('rhythm.assessments.public.title')}</h1>
      <p class="lead">{t('rhythm.assessments.public.lead')}</p>
      {quarters.length === 0 ? (
        <p>{t('rhythm.none')}</p>
      ) : (
        <ul id="assessments">
          {quarters.map((q) => (
            <li>
              <a href={localePath(locale, `/assessments/${q}`)}>{t('rhythm.assessment.title', { quarter: q })}</a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function AssessmentPage({ quarter, plan, results }: { quarter: string; plan: AssessmentPlan; results: VillageAssessment[] }) {
  const locale = useLocale();
  const t = translator(locale);
  const title = t('rhythm.assessment.title', { quarter });
  const pct = (v: number | null) => (v === null ? t('rhythm.assessment.noValue') : `${Math.round(v * 1000) / 10}%`);
  const ordered = [...results].sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99));
  return (
    <Layout path={`/assessments/${quarter}`} title={title}>
      <h1>{title}</h1>
      <p class="lead">{t('rhythm.assessment.method', { min: plan.minCases, expected: plan.expectedRecordEntriesPerMonth })}</p>
      <div class="table-scroll" tabindex={0} role="region" aria-label={title}>
        <table class="data-table" id="assessment">
          <thead>
            <tr>
              <th scope="col">{t('rhythm.assessment.rank')}</th>
              <th scope="col">{t('rhythm.assessment.village')}</th>
              <th scope="col">{t('rhythm.assessment.cases')}</th>
              {plan.indicators.map((i) => (
                <th scope="col">
                  {t(`rhythm.indicator.${i.id}`)} ({t('rhythm.assessment.weight', { weight: i.weight })})
                </th>
              ))}
              <th scope="col">{t('rhythm.assessment.score')}</th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((r) => (
              <tr>
                <td>{r.rank ?? '—'}</td>
                <th scope="row">{villageName(r.villageId, locale)}</th>
                <td>{r.score === null ? `<${plan.minCases}` : `≥${plan.minCases}`}</td>
                {plan.indicators.map((i) => (
                  <td>{r.score === null ? '—' : pct(r.values[i.id])}</td>
                ))}
                <td>{r.score === null ? t('rhythm.assessment.unranked') : r.score}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('rhythm.assessment.plan')}</h2>
      <ul>
        {plan.indicators.map((i) => (
          <li>
            {t(`rhythm.indicator.${i.id}`)}: {t('rhythm.assessment.weight', { weight: i.weight })}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** The query page's block for a case past its deadline: by how much, and where the resident can turn. */
import { useLocale } from '../http/locale.ts';
import { town } from '../../content/index.ts';
import { officeContact } from '../../content/translate.ts';
import { formatTownTime } from '../../core/clock.ts';
import type { Overdue } from '../cases/workflow.ts';
import { ProvisionalNote } from './deadline.tsx';
import { translator } from './layout.tsx';

/** `toTown`: passed to town staff already (a question unanswered in its time limit): the town office is told, not asked to take it over. */
export function OverdueNotice({ overdue, caseNumber, toCommittee, toTown = false }: { overdue: Overdue; caseNumber: string; toCommittee: boolean; toTown?: boolean }) {
  const locale = useLocale();
  const t = translator(locale);
  const days = overdue.workingDays === 0 ? t('track.overdue.lessThanDay') : t('track.overdue.days', { n: overdue.workingDays });
  return (
    <section class="notice notice-error overdue" id="case-overdue" aria-labelledby="overdue-title">
      <h3 id="overdue-title">{t('track.overdue.title')}</h3>
      <p>
        {t(`track.overdue.${overdue.stage}`, { deadline: formatTownTime(overdue.deadline, locale), days })}
        <ProvisionalNote year={overdue.provisionalYear} resident />
      </p>
      {/* The weekly sheet leaves committee cases out, and the town office is not theirs to take over. */}
      <p>{toCommittee ? t('track.overdue.you') : t('track.overdue.weekly')}</p>
      <ul>
        {!toCommittee && (
          <li>
            <strong>{t(toTown ? 'toTown.track.office' : 'track.overdue.takeOver')}</strong>
            {officeContact(locale, 'townOffice')}
          </li>
        )}
        <li>
          <strong>{t('track.overdue.report', { body: town.discipline[locale] })}</strong>
          {officeContact(locale, 'discipline')}
        </li>
      </ul>
      <p>{t('track.overdue.caseNumber', { number: caseNumber })}</p>
    </section>
  );
}

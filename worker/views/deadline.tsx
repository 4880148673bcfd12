/** The note a deadline carries while the calendar lacks its year's holidays (it is then counted Monday to Friday). */
import { useLocale } from '../http/locale.ts';
import { formatTownDate, provisionalYear } from '../../core/clock.ts';
import { findCategory } from '../../content/index.ts';
import { translator } from './layout.tsx';

/**
 * Nothing, or “provisional: the YYYY holidays are not entered yet” after a deadline (UTC ISO) in
 * a year the calendar lacks, or after a count that runs through such a `year`. `resident`: said in
 * a resident's words (the holidays are not announced yet, the date may move), not the staff's.
 */
export function ProvisionalNote(props: ({ deadline: string | null } | { year: number | null }) & { resident?: boolean }) {
  const locale = useLocale();
  const year = 'year' in props ? props.year : props.deadline ? provisionalYear(new Date(props.deadline)) : null;
  if (year === null) return null;
  return (
    <>
      {' '}
      <span class="provisional muted">{translator(locale)(props.resident ? ('year' in props ? 'deadline.provisional.resident.count' : 'deadline.provisional.resident') : 'deadline.provisional', { year })}</span>
    </>
  );
}

/**
 * The day a question with a time limit from arrival (a question about a disclosure: 10 working days)
 * is to be answered by, in the resident's words: the receipt's line, or the query page's fact. With
 * `toTown`, what happens when it is not (its category passes it to town staff).
 */
export function AnswerDue({ dueAt, categoryId, toTown, fact = false }: { dueAt: string; categoryId: string; toTown: boolean; fact?: boolean }) {
  const locale = useLocale();
  const t = translator(locale);
  const days = findCategory(categoryId)?.timeLimitWorkingDays ?? 0;
  const day = formatTownDate(dueAt, locale);
  return (
    <>
      <time datetime={dueAt}>{fact ? t('answerDue.fact', { days, deadline: day }) : t('answerDue.receipt', { days, deadline: day })}</time>
      <ProvisionalNote deadline={dueAt} resident />
      {toTown && ` ${t('answerDue.toTown')}`}
    </>
  );
}

/** The note a deadline carries while the calendar lacks its year's holidays (it is then counted Monday to Friday). */
import { useLocale } from '../http/locale.ts';
import { provisionalYear } from '../../core/clock.ts';
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

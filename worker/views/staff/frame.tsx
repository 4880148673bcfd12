/** The staff console's frame: the portal's layout with the console's navigation. */
import { useLocale, useT } from '../../http/locale.ts';
import type { Child } from 'hono/jsx';
import { missingCalendarYear } from '../../../core/clock.ts';
import type { StaffSession } from '../../services/staff-auth.ts';
import { LanguageSwitch, Layout, localePath, translator } from '../layout.tsx';
import { SealedNotice } from './sealed.tsx';
import { WithUserText } from '../fields.tsx';

export interface StaffFrameProps {
  /** Path without the language prefix, e.g. /staff/cases. */
  path: string;
  title: string;
  session: StaffSession | null;
  children: Child;
  /** Scripts before the console's own (the sign-in page's proof of work). */
  scripts?: string[];
}

/** A hidden CSRF field for every state-changing staff form. */
export function Csrf({ session }: { session: StaffSession }) {
  return <input type="hidden" name="csrf" value={session.csrfToken} />;
}

export function StaffFrame({ path, title, session, children, scripts = [] }: StaffFrameProps) {
  const locale = useLocale();
  const t = translator(locale);
  const link = (to: string, key: Parameters<typeof t>[0]) => (
    <a href={localePath(locale, to)} aria-current={path === to ? 'page' : undefined}>
      {t(key)}
    </a>
  );
  const nav = (
    <nav aria-label={t('staff.nav.label')} class="staff-nav">
      {session && (
        <>
          {session.role !== 'clerk' && link('/staff/cases', 'staff.nav.cases')}
          {session.role !== 'clerk' && link('/staff/cases/new', 'staff.nav.new')}
          {session.role === 'admin' && link('/staff/accounts', 'staff.nav.accounts')}
          {session.role === 'discipline' && link('/staff/accounts', 'accounts.committee.title')}
          {session.role === 'discipline' && link('/staff/committee', 'sealed.nav')}
          {(session.role === 'admin' || session.role === 'discipline') && link('/staff/cards', 'cards.nav')}
          {(session.role === 'admin' || session.role === 'discipline') && link('/staff/conflicts', 'conflict.log.nav')}
          {link('/staff/password', 'password.nav')}
          {session.role !== 'clerk' && link('/staff/records', 'records.nav')}
          {session.role !== 'discipline' && link('/staff/villages', 'desk.nav')}
          {(session.role === 'admin' || session.role === 'handler') && link('/staff/rhythm', 'rhythm.nav')}
          {session.rights.size > 0 && link('/staff/publishing/regulations', 'console.nav')}
          <form method="post" action={localePath(locale, '/staff/sign-out')} class="inline-form">
            <Csrf session={session} />
            <button type="submit" class="link-button">
              {t('staff.nav.signOut')}
            </button>
          </form>
        </>
      )}
      <LanguageSwitch locale={locale} path={path} />
    </nav>
  );
  return (
    <Layout path={path} title={`${title} · ${t('staff.title')}`} nav={nav} noindex styles={['/styles/staff.css']} scripts={[...scripts, '/scripts/staff.js', '/scripts/committee.js']}>
      {session && (
        <p class="signed-in muted" data-role={session.role}>
          <WithUserText sentence={(name) => t('staff.signedInAs', { name, role: t(`staff.role.${session.role}`) })} text={session.displayName} />
        </p>
      )}
      {session?.role === 'discipline' && <SealedNotice />}
      {session?.role === 'admin' && <CalendarWarning now={new Date()} />}
      {children}
    </Layout>
  );
}

/**
 * The admin's warning, on every page, that the working-day calendar lacks the current year or,
 * from 60 days before it, the next one; until it is entered, deadlines in it are provisional.
 */
export function CalendarWarning({ now }: { now: Date }) {
  const missing = missingCalendarYear(now);
  if (!missing) return null;
  const t = useT();
  return (
    <div class="notice notice-warning" id="calendar-warning">
      <p>{t(missing.started ? 'calendar.warning.started' : 'calendar.warning.ahead', { year: missing.year })}</p>
      <p>{t('calendar.warning.todo', { year: missing.year })}</p>
    </div>
  );
}

/** What was just done, or why not: the console's two notices. */
export function Notices({ notice, error }: { notice?: string; error?: string }) {
  return (
    <>
      {notice && (
        <p class="notice notice-ok" role="status" id="staff-notice">
          {notice}
        </p>
      )}
      {error && (
        <p class="notice notice-error" role="alert" id="staff-error">
          {error}
        </p>
      )}
    </>
  );
}

/** A one-message page inside the console (refusals, not found, expired forms). */
export function StaffMessagePage({ path, session, message }: { path: string; session: StaffSession | null; message: string }) {
  const locale = useLocale();
  const t = translator(locale);
  return (
    <StaffFrame path={path} title={message} session={session}>
      <p class="notice notice-error" role="alert" id="staff-message">
        {message}
      </p>
      <p>
        <a href={localePath(locale, '/staff/cases')}>{t('staff.case.back')}</a>
      </p>
    </StaffFrame>
  );
}

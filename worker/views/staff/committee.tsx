/** The committee's key page, and the password page every staff member has. */
import { useLocale, useT } from '../../http/locale.ts';
import { formatTownTime } from '../../../core/clock.ts';
import { minPasswordLength } from '../../cases/accounts.ts';
import type { FieldError } from '../../cases/validation.ts';
import type { AccountLogRow } from '../../services/committee.ts';
import type { CommitteeState } from '../../services/committee.ts';
import type { StaffSession } from '../../services/staff-auth.ts';
import { ErrorSummary, Field } from '../fields.tsx';
import { localePath, translator } from '../layout.tsx';
import { Csrf, Notices, StaffFrame } from './frame.tsx';

function LogChange({ row }: { row: AccountLogRow }) {
  const t = useT();
  const role = (r: string | null) => (r && ['admin', 'handler', 'liaison', 'discipline'].includes(r) ? t(`staff.role.${r as 'admin'}`) : (r ?? ''));
  if (row.change === 'role') return <>{t('sealed.log.role', { old: role(row.old_value), new: role(row.new_value) })}</>;
  if (row.change === 'key') return <>{t('sealed.log.key', { new: row.new_value ?? '' })}</>;
  const key = `sealed.log.${row.change}` as const;
  return <>{['created', 'activated', 'deactivated', 'password'].includes(row.change) ? t(key as 'sealed.log.created') : row.change}</>;
}

export function CommitteePage({ session, state, notice, error }: { session: StaffSession; state: CommitteeState; notice?: string; error?: string }) {
  const locale = useLocale();
  const t = translator(locale);
  const { key, members, log } = state;
  return (
    <StaffFrame path="/staff/committee" title={t('sealed.committee.title')} session={session}>
      <h1>{t('sealed.committee.title')}</h1>
      <p class="lead">{t('sealed.committee.lead')}</p>
      <Notices notice={notice} />
      <p class="notice notice-error" role="alert" id="committee-error" hidden={!error}>
        {error}
      </p>
      <p class="notice notice-ok" role="status" id="committee-done" hidden data-given={t('sealed.members.given')} data-restored={t('sealed.recovery.done')}
        data-wrong-recovery={t('sealed.recovery.wrong')}></p>
      <p id="committee-key">{key ? t('sealed.committee.key', { id: key.id, date: formatTownTime(key.created_at, locale) }) : t('sealed.committee.none')}</p>

      <h2>{t('sealed.members.title')}</h2>
      <table class="data-table" id="members">
        <thead>
          <tr>
            <th scope="col">{t('staff.accounts.username')}</th>
            <th scope="col">{t('staff.accounts.displayName')}</th>
            <th scope="col"></th>
          </tr>
        </thead>
        <tbody>
          {members
            .filter((m) => m.active)
            .map((m) => (
              <tr data-member={m.username}>
                <td>{m.username}</td>
                <td>{m.display_name}</td>
                <td>
                  {!m.public_key ? (
                    t('sealed.members.noOwnKey')
                  ) : key && m.committee_key_id === key.id ? (
                    t('sealed.members.hasKey')
                  ) : (
                    <>
                      {t('sealed.members.waiting')}{' '}
                      {key && (
                        <form method="post" action={localePath(locale, '/staff/committee/grant')} class="inline-form" data-give={m.public_key} data-name={m.display_name}>
                          <Csrf session={session} />
                          <input type="hidden" name="staffId" value={String(m.id)} />
                          <input type="hidden" name="committeeKeyId" value={String(key.id)} />
                          <button type="submit" class="button">
                            {t('sealed.members.give')}
                          </button>
                        </form>
                      )}
                    </>
                  )}
                </td>
              </tr>
            ))}
        </tbody>
      </table>

      {key && (
        <section aria-labelledby="recovery-title">
          <h2 id="recovery-title">{t('sealed.recovery.title')}</h2>
          <p>{t('sealed.recovery.lead')}</p>
          <form method="post" action={localePath(locale, '/staff/committee/restore')} id="recovery-form" class="narrow-form" data-recovery-wrap={key.recovery_wrap}>
            <Csrf session={session} />
            <input type="hidden" name="committeeKeyId" value={String(key.id)} />
            {/* No name: the recovery key is read by the page's script and never sent. */}
            <Field id="recovery" label={t('sealed.recovery.key')} type="text" autocomplete="off" autocapitalize="characters" spellcheck={false} required class="code-input" />
            <button type="submit" class="button primary">
              {t('sealed.recovery.submit')}
            </button>
          </form>
        </section>
      )}

      {key && (
        <section aria-labelledby="rotate-title">
          <h2 id="rotate-title">{t('sealed.rotate.title')}</h2>
          <p>{t('sealed.rotate.lead')}</p>
          <form method="post" action={localePath(locale, '/staff/committee/rotate')} id="rotate-form" data-key-id={String(key.id)} data-csrf={session.csrfToken}>
            <Csrf session={session} />
            <button type="submit" class="button">
              {t('sealed.rotate.submit')}
            </button>
          </form>
          <div id="rotate-done" hidden>
            <p class="notice notice-warning">{t('sealed.rotate.done')}</p>
            <p>
              <output id="rotate-recovery" class="query-code" lang="en"></output>
            </p>
          </div>
        </section>
      )}

      <section aria-labelledby="log-title">
        <h2 id="log-title">{t('sealed.log.title')}</h2>
        {log.length === 0 ? (
          <p>{t('sealed.log.empty')}</p>
        ) : (
          <table class="data-table" id="account-log">
            <thead>
              <tr>
                <th scope="col">{t('sealed.log.when')}</th>
                <th scope="col">{t('sealed.log.who')}</th>
                <th scope="col">{t('sealed.log.change')}</th>
                <th scope="col">{t('sealed.log.by')}</th>
              </tr>
            </thead>
            <tbody>
              {log.map((row) => (
                <tr>
                  <td>
                    <time datetime={row.at}>{formatTownTime(row.at, locale)}</time>
                  </td>
                  <td>{row.username}</td>
                  <td>
                    <LogChange row={row} />
                  </td>
                  <td>{row.by_name ?? t('sealed.log.by.operator')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </StaffFrame>
  );
}

export interface PasswordPageProps {
  session: StaffSession;
  notice?: string;
  error?: string;
  errors?: FieldError[];
}

export function PasswordPage({ session, notice, error, errors = [] }: PasswordPageProps) {
  const locale = useLocale();
  const t = translator(locale);
  return (
    <StaffFrame path="/staff/password" title={t('password.title')} session={session}>
      <h1>{t('password.title')}</h1>
      <Notices notice={notice ?? (session.mustChangePassword ? t('password.mustChange') : undefined)} error={error} />
      <ErrorSummary errors={errors} />
      <form method="post" action={localePath(locale, '/staff/password')} class="narrow-form" id="password-form" data-rewrap={session.role === 'discipline' ? session.username : undefined}>
        <Csrf session={session} />
        <Field name="currentPassword" label={t('password.current')} errors={errors} type="password" autocomplete="current-password" required />
        <Field
          name="newPassword"
          label={t('password.new')}
          hint={session.role === 'discipline' ? t('password.member.hint', { min: minPasswordLength('discipline') }) : t('staff.accounts.password.hint', { min: minPasswordLength(session.role) })}
          errors={errors}
          type="password"
          autocomplete="new-password"
          required
          minlength={minPasswordLength(session.role)}
        />
        <button type="submit" class="button primary">
          {t('password.submit')}
        </button>
      </form>
    </StaffFrame>
  );
}

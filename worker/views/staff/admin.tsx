/** The admin's pages: a case's access log, and the staff accounts. */
import { useLocale, useT } from '../../http/locale.ts';
import { findVillage } from '../../../content/index.ts';
import { ROLES, mayManageAccount } from '../../cases/access.ts';
import { formatTownTime } from '../../../core/clock.ts';
import { MEMBER_PASSWORD_MIN_LENGTH, PASSWORD_MIN_LENGTH } from '../../cases/password.ts';
import type { FieldError } from '../../cases/validation.ts';
import type { AccessRow, DeclarationRow } from '../../services/handling.ts';
import { Sealed } from './sealed.tsx';
import type { RightsLogRow, StaffListRow } from '../../services/accounts.ts';
import { RIGHTS, holdable, mayGrant, scopeOf, type Grant, type Right } from '../../cases/rights.ts';
import type { StaffSession } from '../../services/staff-auth.ts';
import { ErrorSummary, Field, VillageOptions } from '../fields.tsx';
import { localePath, translator } from '../layout.tsx';
import { Csrf, Notices, StaffFrame } from './frame.tsx';

/**
 * Conflicts of interest declared: who, why, the optional note (a committee case's is sealed, and
 * each row carries its case's key for the member's browser), when.
 */
export function DeclarationsTable({ rows, withCase }: { rows: DeclarationRow[]; withCase: boolean }) {
  const locale = useLocale();
  const t = translator(locale);
  if (rows.length === 0) return <p id="declarations-empty">{t('conflict.log.empty')}</p>;
  return (
    <table class="data-table" id="declarations">
      <thead>
        <tr>
          <th scope="col">{t('conflict.log.when')}</th>
          {withCase && <th scope="col">{t('conflict.log.case')}</th>}
          <th scope="col">{t('conflict.log.who')}</th>
          <th scope="col">{t('conflict.log.reason')}</th>
          <th scope="col">{t('conflict.log.note')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr data-case-key={r.committee_wrap ?? undefined}>
            <td>
              <time datetime={r.at}>{formatTownTime(r.at, locale)}</time>
            </td>
            {withCase && (
              <td>
                <a href={localePath(locale, `/staff/cases/${r.case_number}/access`)} class="case-number">
                  {r.case_number}
                </a>
              </td>
            )}
            <td>
              {r.display_name} ({r.username}, {t(`staff.role.${r.role as 'admin'}`)})
            </td>
            <td>{t(`conflict.reason.${r.reason as 'other'}`)}</td>
            <td>
              <Sealed text={r.note} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Every conflict of interest the viewer reads: the admin the town's and villages' cases, the committee its own. */
export function ConflictLogPage({ session, rows }: { session: StaffSession; rows: DeclarationRow[] }) {
  const t = useT();
  return (
    <StaffFrame path="/staff/conflicts" title={t('conflict.log.title')} session={session}>
      <h1>{t('conflict.log.title')}</h1>
      <p class="lead">{t(session.role === 'discipline' ? 'conflict.log.lead.committee' : 'conflict.log.lead.admin')}</p>
      <DeclarationsTable rows={rows} withCase />
    </StaffFrame>
  );
}

export function AccessLogPage({
  session,
  caseNumber,
  rows,
  declarations,
}: {
  session: StaffSession;
  caseNumber: string;
  rows: AccessRow[];
  declarations: DeclarationRow[];
}) {
  const locale = useLocale();
  const t = translator(locale);
  const title = t('staff.access.title', { number: caseNumber });
  return (
    <StaffFrame path={`/staff/cases/${caseNumber}/access`} title={title} session={session}>
      <h1>{title}</h1>
      {rows.length === 0 ? (
        <p>{t('staff.access.empty')}</p>
      ) : (
        <table class="data-table" id="access-log">
          <thead>
            <tr>
              <th scope="col">{t('staff.access.when')}</th>
              <th scope="col">{t('staff.access.who')}</th>
              <th scope="col">{t('staff.access.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>
                  <time datetime={r.at}>{formatTownTime(r.at, locale)}</time>
                </td>
                <td>
                  <bdi>{r.display_name}</bdi> ({r.username}, {t(`staff.role.${r.role as 'admin'}`)})
                </td>
                <td>{t(`staff.access.${r.outcome}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 id="declarations-title">{t('conflict.log.title')}</h2>
      <DeclarationsTable rows={declarations} withCase={false} />
      <p>
        <a href={localePath(locale, `/staff/cases/${caseNumber}`)}>{t('staff.slip.open')}</a>
      </p>
    </StaffFrame>
  );
}

export interface AccountsPageProps {
  session: StaffSession;
  users: StaffListRow[];
  draft?: Record<string, string>;
  errors?: FieldError[];
  notice?: string;
  error?: string;
  /** An account just deactivated: the notice offers to re-activate it at once. */
  undo?: { id: number; username: string };
  /** The newest grants and take-backs of publishing rights (the admin's only). */
  rightsLog?: RightsLogRow[];
}

/** A right's words: over the town's regulations, or over a village's disclosures. */
const rightLabel = (t: ReturnType<typeof translator>, right: Right, villageId: string | null) => t(villageId === null ? `rights.right.${right}` : `rights.village.${right}`);

/** The rights an account holds, as words ("起草镇规章制度、审核发布镇规章制度", "起草本村公开"). */
function rightsText(locale: 'zh-CN' | 'en', grants: readonly Grant[]): string {
  const t = translator(locale);
  return [...grants]
    .sort((a, b) => RIGHTS.indexOf(a.right) - RIGHTS.indexOf(b.right))
    .map((g) => rightLabel(t, g.right, g.villageId))
    .join(t('rights.separator'));
}

/** The form that sets an account's rights over the town's documents: one box per right. */
function RightsForm({ session, user }: { session: StaffSession; user: StaffListRow }) {
  const locale = useLocale();
  const t = translator(locale);
  const holder = { role: user.role, villageId: user.village_id };
  const scope = scopeOf(holder);
  const offered = holdable(holder);
  if (!mayGrant(session, user) || offered.length === 0) return null;
  return (
    <details class="account-actions" id={`rights-${user.username}`}>
      <summary>{t('rights.change')}</summary>
      <form method="post" action={localePath(locale, `/staff/accounts/${user.id}/rights`)}>
        <Csrf session={session} />
        <fieldset>
          <legend>{t('rights.label')}</legend>
          <p class="hint">{t(scope === null ? 'rights.hint' : 'rights.village.hint')}</p>
          {offered.map((r) => (
            <label class="checkbox">
              <input type="checkbox" name={r} value="yes" checked={user.grants.some((g) => g.right === r && g.villageId === scope)} /> {rightLabel(t, r, scope)}
            </label>
          ))}
        </fieldset>
        <button type="submit" class="button">
          {t('rights.save', { username: user.username })}
        </button>
      </form>
    </details>
  );
}

/** Every grant and take-back of a publishing right, newest first. */
function RightsLog({ rows }: { rows: RightsLogRow[] }) {
  const locale = useLocale();
  const t = translator(locale);
  return (
    <>
      <h2 id="rights-log-title">{t('rights.log.title')}</h2>
      <p class="hint">{t('rights.log.lead')}</p>
      {rows.length === 0 ? (
        <p id="rights-log-empty">{t('rights.log.empty')}</p>
      ) : (
        <table class="data-table" id="rights-log">
          <thead>
            <tr>
              <th scope="col">{t('rights.log.when')}</th>
              <th scope="col">{t('rights.log.who')}</th>
              <th scope="col">{t('rights.log.change')}</th>
              <th scope="col">{t('rights.log.by')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>
                  <time datetime={r.at}>{formatTownTime(r.at, locale)}</time>
                </td>
                <td>
                  <bdi>{r.display_name}</bdi> ({r.username})
                </td>
                <td>
                  {t(`rights.log.${r.change}`, { right: rightLabel(t, r.kind as Right, r.village_id) })}
                  {r.village_id && t('rights.log.village', { village: findVillage(r.village_id)?.name[locale] ?? r.village_id })}
                </td>
                <td>{r.by_name ? <><bdi>{r.by_name}</bdi> ({r.by_username})</> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** The form that re-activates an account, as a button labelled `label`. */
function ReactivateForm({ session, id, label }: { session: StaffSession; id: number; label: string }) {
  const locale = useLocale();
  return (
    <form method="post" action={localePath(locale, `/staff/accounts/${id}/reactivate`)} class="inline-form">
      <Csrf session={session} />
      <button type="submit" class="link-button">
        {label}
      </button>
    </form>
  );
}

/**
 * What the viewer may do to one account: nothing for their own, nothing across the committee's
 * line. Deactivating takes a second, explicit step that says what it does and that it can be undone.
 */
function AccountActions({ session, user }: { session: StaffSession; user: StaffListRow }) {
  const locale = useLocale();
  const t = translator(locale);
  if (user.id === session.id) return <span class="muted">{t('staff.accounts.self')}</span>;
  if (!mayManageAccount(session, user.role)) return <span class="muted">{t('accounts.committeeManaged')}</span>;
  const action = (what: string) => localePath(locale, `/staff/accounts/${user.id}/${what}`);
  const member = user.role === 'discipline';
  return (
    <>
      {user.active ? (
        <details class="account-actions" id={`deactivate-${user.username}`}>
          <summary>{t('staff.accounts.deactivate.open')}</summary>
          <form method="post" action={action('deactivate')}>
            <Csrf session={session} />
            <input type="hidden" name="confirm" value="yes" />
            <p class="hint">
              {t('staff.accounts.deactivate.warning', { username: user.username })}
              {member && <> {t('staff.accounts.deactivate.member')}</>}
            </p>
            <button type="submit" class="button">
              {t('staff.accounts.deactivate.confirm', { username: user.username })}
            </button>
          </form>
        </details>
      ) : (
        <ReactivateForm session={session} id={user.id} label={t('accounts.reactivate')} />
      )}
      <details class="account-actions">
        <summary>{t('accounts.reset')}</summary>
        <form method="post" action={action('password')} data-member-form={member ? user.username : undefined}>
          <Csrf session={session} />
          <label for={`reset-${user.id}`}>{t('accounts.reset.password')}</label>
          <input id={`reset-${user.id}`} name="password" type="password" autocomplete="new-password" required minlength={member ? MEMBER_PASSWORD_MIN_LENGTH : PASSWORD_MIN_LENGTH} />
          <button type="submit" class="button">
            {t('accounts.reset')}
          </button>
        </form>
      </details>
      {!member && (
        <details class="account-actions">
          <summary>{t('accounts.role.change')}</summary>
          <form method="post" action={action('role')}>
            <Csrf session={session} />
            <label for={`role-${user.id}`}>{t('staff.accounts.role')}</label>
            <select id={`role-${user.id}`} name="role">
              {ROLES.filter((role) => role !== 'discipline').map((role) => (
                <option value={role} selected={user.role === role}>
                  {t(`staff.role.${role}`)}
                </option>
              ))}
            </select>
            <label for={`village-${user.id}`}>{t('staff.accounts.village')}</label>
            <select id={`village-${user.id}`} name="village">
              <VillageOptions selected={user.village_id ?? undefined} empty="—" />
            </select>
            <button type="submit" class="button">
              {t('accounts.role.change')}
            </button>
          </form>
        </details>
      )}
      <RightsForm session={session} user={user} />
    </>
  );
}

export function AccountsPage({ session, users, draft = {}, errors = [], notice, error, undo, rightsLog }: AccountsPageProps) {
  const locale = useLocale();
  const t = translator(locale);
  const committee = session.role === 'discipline';
  const title = t(committee ? 'accounts.committee.title' : 'staff.accounts.title');
  return (
    <StaffFrame path="/staff/accounts" title={title} session={session}>
      <h1>{title}</h1>
      {committee && <p class="lead">{t('accounts.committee.lead')}</p>}
      <Notices notice={notice} error={error} />
      {undo && (
        <p id="undo">
          <ReactivateForm session={session} id={undo.id} label={t('staff.accounts.deactivate.undo', { username: undo.username })} />
        </p>
      )}
      <table class="data-table accounts-table" id="accounts">
        <thead>
          <tr>
            <th scope="col">
              {t('staff.accounts.username')} / {t('staff.accounts.displayName')}
            </th>
            <th scope="col">{t('staff.accounts.role')}</th>
            <th scope="col">{t('staff.accounts.status')}</th>
            <th scope="col">{t('staff.accounts.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr data-account={u.username}>
              <td>
                {u.username}
                <small class="muted">{u.display_name}</small>
              </td>
              <td data-label={t('staff.accounts.role')}>
                {t(`staff.role.${u.role}`)}
                {u.village_id && ` · ${findVillage(u.village_id)?.name[locale] ?? u.village_id}`}
                {rightsText(locale, u.grants) && <small class="rights">{t('rights.held', { rights: rightsText(locale, u.grants) })}</small>}
              </td>
              <td class={u.active ? undefined : 'account-inactive'} data-label={t('staff.accounts.status')}>{t(u.active ? 'staff.accounts.active' : 'staff.accounts.inactive')}</td>
              <td>
                <AccountActions session={session} user={u} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {rightsLog && <RightsLog rows={rightsLog} />}

      <h2>{t('staff.accounts.create')}</h2>
      <ErrorSummary errors={errors} />
      <form method="post" action={localePath(locale, '/staff/accounts')} class="narrow-form" id="account-form" data-member-form={committee ? '' : undefined}>
        <Csrf session={session} />
        <Field
          name="username"
          label={t('staff.accounts.username')}
          hint={t('staff.accounts.username.hint')}
          errors={errors}
          type="text"
          autocapitalize="none"
          spellcheck={false}
          value={draft.username ?? ''}
          required
        />
        <Field name="displayName" label={t('staff.accounts.displayName')} errors={errors} type="text" value={draft.displayName ?? ''} required maxlength={40} />
        {committee ? (
          <input type="hidden" name="role" value="discipline" />
        ) : (
          <>
            <Field control="select" name="role" label={t('staff.accounts.role')} errors={errors} required>
              <option value="">{t('staff.accounts.role.choose')}</option>
              {ROLES.filter((role) => role !== 'discipline').map((role) => (
                <option value={role} selected={draft.role === role}>
                  {t(`staff.role.${role}`)}
                </option>
              ))}
            </Field>
            <Field control="select" name="village" label={t('staff.accounts.village')} errors={errors}>
              <VillageOptions selected={draft.village} empty="—" />
            </Field>
          </>
        )}
        <Field
          name="password"
          label={t('staff.accounts.password')}
          hint={session.role === 'discipline' ? t('password.member.hint', { min: MEMBER_PASSWORD_MIN_LENGTH }) : t('staff.accounts.password.hint', { min: PASSWORD_MIN_LENGTH })}
          errors={errors}
          type="password"
          autocomplete="new-password"
          required
          minlength={session.role === 'discipline' ? MEMBER_PASSWORD_MIN_LENGTH : PASSWORD_MIN_LENGTH}
        />
        <button type="submit" class="button primary">
          {t('staff.accounts.submit')}
        </button>
      </form>
    </StaffFrame>
  );
}

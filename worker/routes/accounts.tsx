/**
 * Staff accounts under /staff/accounts: the admin manages every account but the committee's; a
 * committee member manages the committee's accounts only (worker/cases/access.ts mayManageAccount).
 * Also the signed-in member's own password change, /staff/password.
 */
import { Hono } from 'hono/tiny';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { localePath, pathWithoutLocale } from '../../content/index.ts';
import type { UiKey } from '../../content/translate.ts';
import { queryCodeKey } from '../http/secret.ts';
import { loadPasswordDictionaries } from '../services/password-dictionaries.ts';
import { htmlRefusal, marked, statusOf } from '../http/refusal.ts';
import { changeOwnPassword, changeRole, createAccount, deactivateAccount, listAccounts, reactivateAccount, resetPassword, rightsLog, setRights, type AccountResult } from '../services/accounts.ts';
import { rightsSchema } from '../cases/rights.ts';
import { validated } from '../http/validated.ts';
import { AccountsPage } from '../views/staff/admin.tsx';
import { StaffMessagePage } from '../views/staff/frame.tsx';
import { PasswordPage } from '../views/staff/committee.tsx';
import type { StaffEnv } from './staff-env.ts';

type C = Context<StaffEnv>;


function message(c: C, status: 403 | 404 | 409 | 422 | 503, text: string) {
  return c.render(<StaffMessagePage path={pathWithoutLocale(c.req.path)} session={c.get('session')} message={text} />, status);
}

const managesAccounts = (c: C) => c.get('session').role === 'admin' || c.get('session').role === 'discipline';

async function page(c: C, status: ContentfulStatusCode, extra: Partial<Parameters<typeof AccountsPage>[0]> = {}) {
  const session = c.get('session');
  const [users, log] = await Promise.all([listAccounts(c.env.DB, session), rightsLog(c.env.DB, session)]);
  return c.render(<AccountsPage session={session} users={users} rightsLog={session.role === 'admin' ? log : undefined} {...extra} />, status);
}

export const accounts = new Hono<StaffEnv>();

accounts.use('*', async (c, next) => {
  if (!managesAccounts(c)) return message(c, 403, c.var.t('staff.errors.adminOnly'));
  await next();
});

/** The worker's secret, of which the pepper of every password verifier is derived; without it nothing is changed. */
const secretOf = (c: C) => queryCodeKey(c.env) ?? '';
const needsSecret = async (c: C, next: () => Promise<void>) => {
  if (!queryCodeKey(c.env)) return message(c, 503, c.var.t('errors.unavailable'));
  await next();
};
accounts.post('*', needsSecret);

/** A new password is checked against the estimator's word lists, read from the static assets on first use. */
const needsDictionaries = async (c: C, next: () => Promise<void>) => {
  if (!(await loadPasswordDictionaries(c.env.ASSETS))) return message(c, 503, c.var.t('errors.unavailable'));
  await next();
};
accounts.post('/', needsDictionaries);
accounts.post('/:id/password', needsDictionaries);

accounts.get('/', async (c) => {
  const created = c.req.query('created');
  return page(c, 200, { notice: created ? c.var.t('staff.accounts.created', { username: created }) : undefined });
});

accounts.post('/', async (c) => {
  const fields = c.get('fields');
  const result = await createAccount(c.env.DB, secretOf(c), c.get('session'), fields);
  if (result.ok) return c.redirect(localePath(c.var.locale, `/staff/accounts?created=${encodeURIComponent(result.value.username)}`), 303);
  const draft = Object.fromEntries(['username', 'displayName', 'role', 'village'].map((k) => [k, typeof fields[k] === 'string' ? (fields[k] as string) : '']));
  const { errors, notice } = marked(c.var.locale, result.refusal);
  return page(c, statusOf(result.refusal.code), { draft, errors, error: notice });
});

/** Answers an action on one account: the list again, with what was done or why not. */
async function answer(c: C, result: AccountResult, done: UiKey, params: Record<string, string> = {}) {
  // The list has no form to mark: the first field's message (or the refusal's) is said above it.
  if (!result.ok) {
    const { key, params: at } = result.refusal.fields?.[0] ?? result.refusal;
    return page(c, statusOf(result.refusal.code), { error: c.var.t(key, at) });
  }
  return page(c, 200, { notice: c.var.t(done, { username: result.value.username, ...params }) });
}

const idOf = (c: C) => Number(c.req.param('id'));

accounts.post('/:id/deactivate', async (c) => {
  const result = await deactivateAccount(c.env.DB, c.get('session'), idOf(c), c.get('fields'));
  if (!result.ok) return answer(c, result, 'staff.accounts.deactivated');
  // Said with a way back: the same account re-activated in one tap.
  const { username } = result.value;
  return page(c, 200, { notice: c.var.t('staff.accounts.deactivated', { username }), undo: { id: idOf(c), username } });
});
accounts.post('/:id/reactivate', async (c) => answer(c, await reactivateAccount(c.env.DB, c.get('session'), idOf(c)), 'accounts.reactivated'));
accounts.post('/:id/password', async (c) => answer(c, await resetPassword(c.env.DB, secretOf(c), c.get('session'), idOf(c), c.get('fields')), 'accounts.reset.done'));
accounts.post('/:id/role', async (c) => {
  const role = c.get('fields').role;
  const label = typeof role === 'string' && ['admin', 'handler', 'liaison', 'discipline', 'clerk'].includes(role) ? c.var.t(`staff.role.${role as 'admin'}`) : '';
  return answer(c, await changeRole(c.env.DB, c.get('session'), idOf(c), c.get('fields')), 'accounts.role.changed', { role: label });
});

// The rights over the town's documents ticked on the account's form: granted or taken back, each logged.
accounts.post('/:id/rights', validated('form', rightsSchema, (c: C, refusal) => answer(c, { ok: false, refusal }, 'rights.saved')), async (c) => {
  const result = await setRights(c.env.DB, c.get('session'), idOf(c), c.req.valid('form'));
  if (!result.ok) return answer(c, result, 'rights.saved');
  const { username, rights } = result.value;
  const words = rights.map((r) => c.var.t(`rights.right.${r}`)).join(c.var.t('rights.separator'));
  return page(c, 200, { notice: words ? c.var.t('rights.saved', { username, rights: words }) : c.var.t('rights.saved.none', { username }) });
});

export const password = new Hono<StaffEnv>();
password.post('*', needsSecret);
password.post('/', needsDictionaries);

password.get('/', (c) => c.render(<PasswordPage session={c.get('session')} />));

password.post('/', async (c) => {
  const result = await changeOwnPassword(c.env.DB, secretOf(c), c.get('session'), c.get('fields'));
  if (result.ok) return c.render(<PasswordPage session={{ ...c.get('session'), mustChangePassword: false }} notice={c.var.t('password.done')} />);
  const { errors, notice } = marked(c.var.locale, result.refusal);
  return htmlRefusal(c, result.refusal, <PasswordPage session={c.get('session')} errors={errors} error={notice} />);
});

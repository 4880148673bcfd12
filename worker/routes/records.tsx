/**
 * The liaison station performance record form (履职纪实表), under /staff/records. The staff app
 * has already checked the session and, for a POST, the CSRF token; every rule about who reads,
 * writes and reviews is applied here and in the scoped queries, not by hiding links.
 */
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { localePath, pathWithoutLocale } from '../../content/index.ts';
import type { UiKey } from '../../content/translate.ts';
import { ENTRY_FIELDS, canWriteEntries, isMonth, type EntryDraft } from '../cases/record-form.ts';
import { queryCodeKey } from '../http/secret.ts';
import { htmlRefusal, statusOf } from '../http/refusal.ts';
import { addEntry, listEntries, openEntry, reviewEntry } from '../services/records.ts';
import { StaffMessagePage } from '../views/staff/frame.tsx';
import { EntryFormPage, EntryPage, PrintPage, RecordsPage, type RecordsFilter } from '../views/staff/records.tsx';
import { newClientId } from '../cases/crypto.ts';
import type { StaffEnv } from './staff-env.ts';

type C = Context<StaffEnv>;


function message(c: C, status: ContentfulStatusCode, key: UiKey) {
  return c.render(<StaffMessagePage path={pathWithoutLocale(c.req.path)} session={c.get('session')} message={c.var.t(key)} />, status);
}

/** The month and village asked for, each dropped when it is not one. */
function filterOf(c: C): RecordsFilter {
  const month = c.req.query('month');
  const village = c.req.query('village');
  return { month: month && isMonth(month) ? month : undefined, village: village && /^[a-z][a-z0-9-]{1,39}$/.test(village) ? village : undefined };
}

const entryId = (c: C) => {
  const id = Number(c.req.param('id'));
  return Number.isSafeInteger(id) && id > 0 ? id : null;
};

export const records = new Hono<StaffEnv>();

records.get('/', async (c) => {
  const filter = filterOf(c);
  const entries = await listEntries(c.env.DB, c.get('session'), { month: filter.month, villageId: filter.village });
  return c.render(<RecordsPage session={c.get('session')} entries={entries} filter={filter} />);
});

records.get('/print', async (c) => {
  const filter = filterOf(c);
  const entries = await listEntries(c.env.DB, c.get('session'), { month: filter.month, villageId: filter.village });
  return c.render(<PrintPage session={c.get('session')} entries={entries} filter={filter} printedAt={new Date().toISOString()} />);
});

records.get('/new', (c) => {
  if (!canWriteEntries(c.get('session'))) return message(c, 403, 'records.errors.liaisonOnly');
  return c.render(<EntryFormPage session={c.get('session')} draft={{ entryId: newClientId(), caseAction: 'none' }} errors={[]} />);
});

records.post('/', async (c) => {
  const session = c.get('session');
  const fields = c.get('fields');
  const result = await addEntry(c.env.DB, queryCodeKey(c.env), session, fields, c.var.locale);
  if (result.ok) {
    return c.redirect(localePath(c.var.locale, `/staff/records/${result.value.id}?saved=${result.value.caseNumber ? 'case' : '1'}`), 303);
  }
  const { refusal } = result;
  if (refusal.code === 'forbidden') return message(c, 403, refusal.key);
  const errors = refusal.fields ?? [];
  const draft: EntryDraft = Object.fromEntries(ENTRY_FIELDS.filter((f) => typeof fields[f] === 'string').map((f) => [f, fields[f] as string]));
  if (!draft.entryId) draft.entryId = newClientId();
  // A form that cannot be stored (its entry id taken by another) is said above the form, not on a field.
  return htmlRefusal(
    c,
    refusal,
    <EntryFormPage
      session={session}
      draft={draft}
      errors={errors.filter((e) => e.field !== 'entryId')}
      notice={errors.length === 0 ? c.var.t(refusal.key) : errors.some((e) => e.field === 'entryId') ? c.var.t('records.errors.form') : undefined}
    />,
  );
});

records.get('/:id{[0-9]+}', async (c) => {
  const id = entryId(c);
  const entry = id === null ? null : await openEntry(c.env.DB, c.get('session'), id);
  if (!entry) return message(c, 404, 'records.errors.notFound');
  const saved = c.req.query('saved');
  const reviewed = c.req.query('reviewed') === '1';
  const notice =
    saved === 'case' && entry.linkedCase?.number
      ? c.var.t('records.saved.case', { number: entry.linkedCase.number })
      : saved
        ? c.var.t('records.saved')
        : reviewed
          ? c.var.t('records.review.done')
          : undefined;
  return c.render(<EntryPage session={c.get('session')} entry={entry} notice={notice} />);
});

records.post('/:id{[0-9]+}/review', async (c) => {
  const session = c.get('session');
  const id = entryId(c);
  if (id === null) return message(c, 404, 'records.errors.notFound');
  const result = await reviewEntry(c.env.DB, session, id, c.get('fields'));
  if (result.ok) return c.redirect(localePath(c.var.locale, `/staff/records/${id}?reviewed=1`), 303);
  if (!result.refusal.fields) return message(c, statusOf(result.refusal.code), result.refusal.key);
  const entry = await openEntry(c.env.DB, session, id);
  if (!entry) return message(c, 404, 'records.errors.notFound');
  const comment = c.get('fields').comment;
  return c.render(<EntryPage session={session} entry={entry} reviewErrors={result.refusal.fields} reviewDraft={typeof comment === 'string' ? comment : ''} />, statusOf(result.refusal.code));
});

/**
 * The liaison station performance record form (履职纪实表), under /staff/records. The staff app
 * has already checked the session and, for a POST, the CSRF token; every rule about who reads,
 * writes and reviews is applied here and in the scoped queries, not by hiding links.
 */
import { Hono } from 'hono/tiny';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { localePath, pathWithoutLocale } from '../../content/index.ts';
import type { UiKey } from '../../content/translate.ts';
import { createMiddleware } from 'hono/factory';
import { townDate } from '../../core/clock.ts';
import { ENTRY_FIELDS, canReview, canWriteEntries, entrySchema, isMonth, reviewSchema, type EntryDraft } from '../cases/record-form.ts';
import type { Refusal } from '../cases/result.ts';
import { draftOf } from '../cases/validation.ts';
import { validated } from '../http/validated.ts';
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

/** Only a liaison officer writes entries: anyone else is told so before the form is read. */
const writer = createMiddleware<StaffEnv>(async (c, next) => {
  if (!canWriteEntries(c.get('session'))) return message(c, 403, 'records.errors.liaisonOnly');
  await next();
});

/** The entry form shown again for a refusal, with what was typed and its fields marked (or the refusal said above it). */
function entryRefused(c: C, refusal: Refusal) {
  const errors = refusal.fields ?? [];
  const draft: EntryDraft = draftOf(ENTRY_FIELDS, c.get('fields'));
  if (!draft.entryId) draft.entryId = newClientId();
  // A form that cannot be stored (its entry id taken by another) is said above the form, not on a field.
  return htmlRefusal(
    c,
    refusal,
    <EntryFormPage
      session={c.get('session')}
      draft={draft}
      errors={errors.filter((e) => e.field !== 'entryId')}
      notice={errors.length === 0 ? c.var.t(refusal.key) : errors.some((e) => e.field === 'entryId') ? c.var.t('records.errors.form') : undefined}
    />,
  );
}

records.post('/', writer, validated('form', () => entrySchema(townDate(new Date())), entryRefused), async (c) => {
  const result = await addEntry(c.env.DB, queryCodeKey(c.env), c.get('session'), c.req.valid('form'), c.var.locale);
  if (result.ok) {
    return c.redirect(localePath(c.var.locale, `/staff/records/${result.value.id}?saved=${result.value.caseNumber ? 'case' : '1'}`), 303);
  }
  if (result.refusal.code === 'forbidden') return message(c, 403, result.refusal.key);
  return entryRefused(c, result.refusal);
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

/** Only the admin reviews, an entry that can be one: told so before the form is read. */
const reviewer = createMiddleware<StaffEnv>(async (c, next) => {
  if (entryId(c) === null) return message(c, 404, 'records.errors.notFound');
  if (!canReview(c.get('session'))) return message(c, statusOf('forbidden'), 'records.errors.adminOnly');
  await next();
});

/** The entry shown again with its review form marked, and the comment as typed. */
async function reviewRefused(c: C, refusal: Refusal) {
  const entry = await openEntry(c.env.DB, c.get('session'), entryId(c)!);
  if (!entry) return message(c, 404, 'records.errors.notFound');
  const { comment } = draftOf(['comment'], c.get('fields'));
  return c.render(<EntryPage session={c.get('session')} entry={entry} reviewErrors={refusal.fields} reviewDraft={comment ?? ''} />, statusOf(refusal.code));
}

records.post('/:id{[0-9]+}/review', reviewer, validated('form', reviewSchema, reviewRefused), async (c) => {
  const id = entryId(c)!;
  const result = await reviewEntry(c.env.DB, c.get('session'), id, c.req.valid('form'));
  if (result.ok) return c.redirect(localePath(c.var.locale, `/staff/records/${id}?reviewed=1`), 303);
  return message(c, statusOf(result.refusal.code), result.refusal.key);
});

/**
 * The publishing console under /staff/publishing: 发布 → 规章制度. Thin: each route reads the form
 * (worker/http/document-form.ts, read by the staff middleware with the CSRF check), calls a
 * service and answers. Every form saves first, so a draft survives a lost connection; a refused
 * form comes back with each message beside its field, in the staff member's language.
 */
import { Hono } from 'hono/tiny';
import type { Context, MiddlewareHandler } from 'hono';
import { localePath, pathWithoutLocale } from '../../content/index.ts';
import type { UiKey } from '../../content/ui.ts';
import { refuse, type Refusal } from '../cases/result.ts';
import { htmlRefusal, marked, statusOf } from '../http/refusal.ts';
import { draftValues, isConsoleList, mayUseConsole, textField } from '../publishing/console.ts';
import { approve, history, returnDraft, startCorrection, submitForReview, withdraw } from '../services/publishing.ts';
import { consoleAttachment, consoleDocument, consoleList, preview, regulationOnly, relatedChoices, saveWithAttachment } from '../services/publishing-console.ts';
import { loadTraditionalCharacters } from '../services/traditional-characters.ts';
import { RegulationPage } from '../views/documents.tsx';
import { StaffMessagePage } from '../views/staff/frame.tsx';
import { ConsoleListPage, DocumentPage, NewDocumentPage, type DocumentPageProps, type DraftValues } from '../views/staff/publishing.tsx';
import type { StaffEnv } from './staff-env.ts';

type C = Context<StaffEnv>;

const to = (c: C, path: string) => localePath(c.var.locale, path);
const BASE = '/staff/publishing/regulations';

/** The staff message page for a refusal of the whole request. */
const refused = (c: C, refusal: Refusal) =>
  c.render(<StaffMessagePage path={pathWithoutLocale(c.req.path)} session={c.get('session')} message={c.var.t(refusal.key, refusal.params)} />, statusOf(refusal.code));

const valuesSent = (fields: Record<string, unknown>): DraftValues => draftValues(fields);
const text = textField;
const idOf = (c: C) => (/^\d{1,9}$/.test(c.req.param('id') ?? '') ? Number(c.req.param('id')) : Number.NaN);

export const publishing = new Hono<StaffEnv>();

// Only staff holding a right over the town's documents reach the console.
publishing.use('*', async (c, next) => {
  const allowed = mayUseConsole(c.get('session'));
  if (!allowed.ok) return refused(c, allowed.refusal);
  await next();
});

// A document's addresses act on the town's regulations only: a village's disclosure (its id) is not found here.
const regulationsOnly: MiddlewareHandler<StaffEnv> = async (c, next) => {
  const found = await regulationOnly(c.env.DB, idOf(c));
  if (!found.ok) return refused(c, found.refusal);
  await next();
};
publishing.use('/regulations/:id{[0-9]+}', regulationsOnly);
publishing.use('/regulations/:id{[0-9]+}/*', regulationsOnly);

publishing.get('/', (c) => c.redirect(to(c, BASE), 303));

const NOTICES: Record<string, UiKey> = { saved: 'console.saved', sent: 'console.sent', approved: 'console.approved', returned: 'console.returned', corrected: 'console.corrected', withdrawn: 'console.withdrawnDone' };
const noticeOf = (c: C) => {
  const key = NOTICES[c.req.query('done') ?? ''];
  return key ? c.var.t(key) : undefined;
};

publishing.get('/regulations', async (c) => {
  const asked = c.req.query('list');
  const list = isConsoleList(asked) ? asked : c.get('session').rights.has('approve') && !c.get('session').rights.has('draft') ? 'review' : 'drafts';
  const rows = await consoleList(c.env.DB, c.get('session'), list);
  if (!rows.ok) return refused(c, rows.refusal);
  return c.render(<ConsoleListPage session={c.get('session')} list={list} rows={rows.value} notice={noticeOf(c)} />);
});

publishing.get('/regulations/new', async (c) => {
  if (!c.get('session').rights.has('draft')) return refused(c, refuse('forbidden', 'publishing.errors.noDraftRight').refusal);
  return c.render(<NewDocumentPage session={c.get('session')} values={{}} related={await relatedChoices(c.env.DB)} />);
});

/** A document's page, with `extra` (a notice, a form shown again with its errors), at `status`. */
async function documentPage(c: C, id: number, status: 200 | 400 | 403 | 404 | 409 | 413 | 415 | 422 | 503, extra: Partial<DocumentPageProps> = {}) {
  const session = c.get('session');
  const [view, log, related] = await Promise.all([consoleDocument(c.env.DB, session, id), history(c.env.DB, id), relatedChoices(c.env.DB)]);
  if (!view.ok) return refused(c, view.refusal);
  return c.render(<DocumentPage session={session} view={view.value} history={log.ok ? log.value : []} related={related} notice={noticeOf(c)} {...extra} />, status);
}

/**
 * Saves the form (a new document or the open draft), then does what its button asked: stays
 * (save), opens the preview, or sends the draft for review after the personal-data check.
 */
async function saveForm(c: C, id: number | null) {
  const session = c.get('session');
  const fields = c.get('fields');
  const file = c.get('files').attachment?.bytes ?? null;
  const values = valuesSent(fields);
  const saved = await saveWithAttachment(c.env.DB, c.env.FILES, session, { ...fields, id: id ?? undefined }, file);
  if (!saved.ok) {
    const { errors, notice } = marked(c.var.locale, saved.refusal);
    if (id === null) {
      return htmlRefusal(c, saved.refusal, <NewDocumentPage session={session} values={values} errors={errors} error={notice} related={await relatedChoices(c.env.DB)} />);
    }
    return documentPage(c, id, statusOf(saved.refusal.code) as 422, { form: { values, errors }, error: notice });
  }
  const docId = saved.value.id;
  const action = text(fields, 'action');
  if (action === 'preview') return c.redirect(to(c, `${BASE}/${docId}?done=saved#preview`), 303);
  if (action !== 'submit') return c.redirect(to(c, `${BASE}/${docId}?done=saved`), 303);
  // The personal-data check reads traditional characters as simplified ones: its table first.
  if (!(await loadTraditionalCharacters(c.env.ASSETS))) return documentPage(c, docId, 503, { error: c.var.t('errors.unavailable') });
  const sent = await submitForReview(c.env.DB, session, docId, fields);
  if (sent.ok) return c.redirect(to(c, `${BASE}/${docId}?done=sent`), 303);
  const { errors, notice } = marked(c.var.locale, sent.refusal);
  // Saved already: the page says so, with what stopped it from going to review.
  return documentPage(c, docId, statusOf(sent.refusal.code) as 422, {
    notice: c.var.t('console.saved'),
    error: 'check' in sent && sent.check ? c.var.t(sent.refusal.key) : notice,
    form: { values, errors, check: 'check' in sent ? sent.check : undefined },
  });
}

publishing.post('/regulations/new', (c) => saveForm(c, null));

publishing.get('/regulations/:id', (c) => documentPage(c, idOf(c), 200));
publishing.post('/regulations/:id', (c) => saveForm(c, idOf(c)));

/** The draft as its public page will show it, exactly: the public renderer, fed the draft. */
publishing.get('/regulations/:id/preview', async (c) => {
  const shown = await preview(c.env.DB, c.get('session'), idOf(c));
  if (!shown.ok) return refused(c, shown.refusal);
  return c.render(<RegulationPage doc={shown.value.doc} current={shown.value.seq} />);
});

/** The newest version's PDF, for whoever drafts or reviews it (a draft's is not public yet). */
publishing.get('/regulations/:id/attachment', async (c) => {
  const file = await consoleAttachment(c.env.DB, c.env.FILES, c.get('session'), idOf(c));
  if (!file.ok) return refused(c, file.refusal);
  return new Response(file.value.body, {
    headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="${file.value.sha.slice(0, 16)}.pdf"`, 'Content-Length': String(file.value.size) },
  });
});

/** Answers a review, correction or withdrawal: to the page with what was done, or the page again with why not. */
async function acted(c: C, result: { ok: true } | { ok: false; refusal: Refusal }, done: keyof typeof NOTICES, fieldsShown: string[]) {
  const id = idOf(c);
  if (result.ok) return c.redirect(to(c, `${BASE}/${id}?done=${done}`), 303);
  const { errors, notice } = marked(c.var.locale, result.refusal);
  const fields = c.get('fields');
  const sent = Object.fromEntries(fieldsShown.map((f) => [f, text(fields, f)]));
  return documentPage(c, id, statusOf(result.refusal.code) as 422, { errors, error: notice ?? (errors.length ? undefined : undefined), sent });
}

publishing.post('/regulations/:id/approve', async (c) => acted(c, await approve(c.env.DB, c.get('session'), idOf(c)), 'approved', []));
publishing.post('/regulations/:id/return', async (c) => acted(c, await returnDraft(c.env.DB, c.get('session'), idOf(c), text(c.get('fields'), 'comment')), 'returned', ['comment']));
publishing.post('/regulations/:id/correct', async (c) => {
  const f = c.get('fields');
  const result = await startCorrection(c.env.DB, c.get('session'), idOf(c), { 'zh-CN': text(f, 'note_zh'), en: text(f, 'note_en') });
  return acted(c, result.ok ? result : { ok: false, refusal: withField(result.refusal, 'note', 'note_zh') }, 'corrected', ['note_zh', 'note_en']);
});
publishing.post('/regulations/:id/withdraw', async (c) => {
  const f = c.get('fields');
  const result = await withdraw(c.env.DB, c.get('session'), idOf(c), { 'zh-CN': text(f, 'reason_zh'), en: text(f, 'reason_en') });
  return acted(c, result.ok ? result : { ok: false, refusal: withField(result.refusal, 'reason', 'reason_zh') }, 'withdrawn', ['reason_zh', 'reason_en']);
});

/** The service names a note's field `note` / `reason`; the form's Chinese box is `note_zh` / `reason_zh`. */
function withField(refusal: Refusal, from: string, field: string): Refusal {
  return refusal.fields ? { ...refusal, fields: refusal.fields.map((e) => (e.field === from ? { ...e, field } : e)) } : refusal;
}

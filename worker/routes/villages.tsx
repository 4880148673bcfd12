/**
 * 本村公开 under /staff/villages: each village's desk, drafting a disclosure from pasted rows or a
 * CSV, its page (preview, review, correction, withdrawal). Thin: each route reads the form (the
 * staff middleware reads it as a document form, multipart for the CSV), calls
 * services/village-desk.ts and answers; a refused draft comes back with each error beside its
 * table and line, and nothing stored.
 */
import { Hono } from 'hono/tiny';
import type { Context } from 'hono';
import { localePath, pathWithoutLocale } from '../../content/index.ts';
import type { UiKey } from '../../content/ui.ts';
import type { Refusal } from '../cases/result.ts';
import { statusOf } from '../http/refusal.ts';
import { textField } from '../publishing/console.ts';
import { TABLES, decodeCsv, isDraftedKind, linesFromCsv, linesFromPaste, rowErrorOf, tableAsPaste, type DraftedKind, type Line, type RowError } from '../publishing/disclosure-rows.ts';
import { desks, deskDocument, deskFile, deskStep, saveDisclosure, type DeskForm, type DeskStep } from '../services/village-desk.ts';
import { loadTraditionalCharacters } from '../services/traditional-characters.ts';
import { StaffMessagePage } from '../views/staff/frame.tsx';
import { DESK_BASE, DeskDocumentPage, DesksPage, DraftPage, type DeskValues } from '../views/staff/villages.tsx';
import type { StaffEnv } from './staff-env.ts';

type C = Context<StaffEnv>;

const to = (c: C, path: string) => localePath(c.var.locale, path);
const refused = (c: C, refusal: Refusal) =>
  c.render(<StaffMessagePage path={pathWithoutLocale(c.req.path)} session={c.get('session')} message={c.var.t(refusal.key, refusal.params)} />, statusOf(refusal.code));
const villageOf = (c: C) => c.req.param('village') ?? '';
const idOf = (c: C) => (/^\d{1,9}$/.test(c.req.param('id') ?? '') ? Number(c.req.param('id')) : Number.NaN);
const text = textField;

const DONE: Record<string, UiKey> = {
  saved: 'desk.done.saved',
  sent: 'desk.done.sent',
  approved: 'desk.done.approved',
  returned: 'desk.done.returned',
  corrected: 'desk.done.corrected',
  withdrawn: 'desk.done.withdrawn',
};
const noticeOf = (c: C) => {
  const answered = c.req.query('answered');
  if (c.req.query('done') === 'approved' && answered && /^\d{1,3}$/.test(answered)) return c.var.t('desk.done.answered', { n: Number(answered) });
  const key = DONE[c.req.query('done') ?? ''];
  return key ? c.var.t(key) : undefined;
};

export const villages = new Hono<StaffEnv>();

villages.get('/', async (c) => {
  const found = await desks(c.env.DB, c.env.ASSETS, c.get('session'), null);
  if (!found.ok) return refused(c, found.refusal);
  // A village's accounts have one desk: theirs.
  if (c.get('session').villageId !== null && found.value.length === 1) return c.redirect(to(c, `${DESK_BASE}/${found.value[0]!.village}`), 303);
  return c.render(<DesksPage session={c.get('session')} desks={found.value} path={DESK_BASE} />);
});

villages.get('/:village', async (c) => {
  const found = await desks(c.env.DB, c.env.ASSETS, c.get('session'), villageOf(c));
  if (!found.ok) return refused(c, found.refusal);
  return c.render(<DesksPage session={c.get('session')} desks={found.value} notice={noticeOf(c)} path={`${DESK_BASE}/${villageOf(c)}`} />);
});

/** The village's desk (for its finance cadence), or the refusal. */
async function deskOf(c: C) {
  const found = await desks(c.env.DB, c.env.ASSETS, c.get('session'), villageOf(c));
  return found.ok ? { ok: true as const, desk: found.value[0]! } : found;
}

const emptyValues = (kind: DraftedKind, period: string): DeskValues => ({ kind, period, summary: '', notes: '', body: '', tables: {} });

villages.get('/:village/new', async (c) => {
  const found = await deskOf(c);
  if (!found.ok) return refused(c, found.refusal);
  if (!found.desk.mayDraft) return refused(c, { code: 'forbidden', key: 'publishing.errors.noDraftRight' });
  const asked = c.req.query('kind');
  const kind = isDraftedKind(asked) ? asked : 'finances';
  const period = /^[0-9A-Za-z-]{4,10}$/.test(c.req.query('period') ?? '') ? c.req.query('period')! : '';
  return c.render(<DraftPage session={c.get('session')} village={found.desk.village} financeCadence={found.desk.financeCadence} values={emptyValues(kind, period)} />);
});

/** The form as sent: its text fields, and each table's lines from its CSV when one was uploaded, else from the text pasted. */
function readForm(c: C): { form: DeskForm; values: DeskValues; csvError: RowError[] } {
  const fields = c.get('fields');
  const files = c.get('files');
  const kind = isDraftedKind(fields.kind) ? fields.kind : 'finances';
  const lines: Record<string, readonly Line[]> = {};
  const tables: Record<string, string> = {};
  const csvError: RowError[] = [];
  for (const shape of TABLES[kind]) {
    const file = files[`${shape.name}_csv`];
    if (file && file.bytes.length > 0) {
      const read = linesFromCsv(decodeCsv(file.bytes).text);
      if (read.length === 0) csvError.push({ field: shape.name, line: 0, key: 'desk.errors.csv' });
      lines[shape.name] = read;
      tables[shape.name] = read.map((l) => l.cells.join('\t')).join('\n');
    } else {
      tables[shape.name] = text(fields, shape.name);
      lines[shape.name] = linesFromPaste(tables[shape.name]!);
    }
  }
  const photos = files.photos ? [files.photos.bytes, ...(files.photos.more ?? [])] : [];
  const form: DeskForm = {
    kind,
    period: text(fields, 'period'),
    summary: text(fields, 'summary'),
    notes: text(fields, 'notes'),
    body: text(fields, 'body'),
    lines,
    photos,
    // Each stored photo has its own box to remove it (remove-<sha>), and the PDF one (removePdf).
    removePhotos: Object.keys(fields).flatMap((k) => (k.startsWith('remove-') ? [k.slice(7)] : [])),
    pdf: files.attachment?.bytes ?? null,
    removePdf: fields.removePdf === 'yes',
  };
  return { form, values: { kind, period: form.period, summary: form.summary, notes: form.notes, body: form.body!, tables }, csvError };
}

async function save(c: C, id: number | null) {
  const found = await deskOf(c);
  if (!found.ok) return refused(c, found.refusal);
  // The personal-data check reads traditional characters with a table from the assets.
  if (!(await loadTraditionalCharacters(c.env.ASSETS))) return refused(c, { code: 'unavailable', key: 'errors.unavailable' });
  const { form, values, csvError } = readForm(c);
  const saved = await saveDisclosure(c.env.DB, c.env.ASSETS, c.env.FILES, c.get('session'), found.desk.village, id, form);
  if (saved.ok) return c.redirect(to(c, `${DESK_BASE}/${found.desk.village}/${saved.value.id}?done=saved`), 303);
  const rows = [...csvError, ...(saved.refusal.fields ?? []).map(rowErrorOf)];
  if (rows.length === 0) return refused(c, saved.refusal);
  // Files chosen this time are not kept by a refused form: it says so beside them.
  const again = (field: string, has: boolean, key: UiKey) => has && !rows.some((r) => r.field === field) && rows.push({ field, line: 0, key });
  again('photos', form.photos!.some((p) => p.length > 0), 'photos.errors.again');
  again('attachment', (form.pdf?.length ?? 0) > 0, 'desk.errors.pdfAgain');
  // The files stored with the draft, shown again; photos and a PDF chosen this time were not kept and are chosen again.
  const view = id === null ? null : await deskDocument(c.env.DB, c.get('session'), found.desk.village, id);
  return c.render(
    <DraftPage
      session={c.get('session')}
      village={found.desk.village}
      financeCadence={found.desk.financeCadence}
      id={id ?? undefined}
      values={values}
      stored={view?.ok ? view.value.latest : undefined}
      errors={rows}
      error={c.var.t('desk.errors.fix', { n: rows.length })}
    />,
    statusOf(saved.refusal.code === 'conflict' ? 'conflict' : 'invalid'),
  );
}

villages.post('/:village/new', (c) => save(c, null));

villages.get('/:village/:id', async (c) => {
  const view = await deskDocument(c.env.DB, c.get('session'), villageOf(c), idOf(c));
  if (!view.ok) return refused(c, view.refusal);
  return c.render(<DeskDocumentPage session={c.get('session')} view={view.value} notice={noticeOf(c)} />);
});

villages.get('/:village/:id/edit', async (c) => {
  const view = await deskDocument(c.env.DB, c.get('session'), villageOf(c), idOf(c));
  if (!view.ok) return refused(c, view.refusal);
  if (!view.value.mayDraft) return refused(c, { code: 'forbidden', key: 'publishing.errors.noDraftRight' });
  if (!view.value.mayEdit) return refused(c, { code: 'conflict', key: 'publishing.errors.notOpen' });
  const found = await deskOf(c);
  if (!found.ok) return refused(c, found.refusal);
  const d = view.value.disclosure;
  const tables = Object.fromEntries(TABLES[d.kind].map((shape, i) => [shape.name, d.tables[i] ? tableAsPaste(d.tables[i]) : '']));
  const values: DeskValues = { kind: d.kind, period: d.period, summary: d.summary['zh-CN'], notes: d.notes.map((n) => n['zh-CN']).join('\n'), body: view.value.latest.body_zh, tables };
  return c.render(<DraftPage session={c.get('session')} village={found.desk.village} financeCadence={found.desk.financeCadence} id={idOf(c)} values={values} stored={view.value.latest} />);
});

/** A photo of the posted board or the PDF of one of the village's disclosures, for the console (a draft's are not public). */
villages.get('/:village/:id/files/:file', async (c) => {
  const file = await deskFile(c.env.DB, c.env.FILES, c.get('session'), villageOf(c), idOf(c), c.req.param('file'));
  if (!file.ok) return refused(c, file.refusal);
  return new Response(file.value.body, { headers: { 'Content-Type': file.value.httpMetadata?.contentType ?? '', 'Content-Length': String(file.value.size), 'Cache-Control': 'private, no-store' } });
});

villages.post('/:village/:id', (c) => save(c, idOf(c)));

const STEPS: Record<DeskStep, string> = { submit: 'sent', approve: 'approved', return: 'returned', correct: 'corrected', withdraw: 'withdrawn' };

villages.post('/:village/:id/:step{submit|approve|return|correct|withdraw}', async (c) => {
  const step = c.req.param('step') as DeskStep;
  if (step === 'submit' && !(await loadTraditionalCharacters(c.env.ASSETS))) return refused(c, { code: 'unavailable', key: 'errors.unavailable' });
  const done = await deskStep(c.env.DB, c.get('session'), villageOf(c), idOf(c), step, c.get('fields'));
  if (!done.ok) {
    const view = await deskDocument(c.env.DB, c.get('session'), villageOf(c), idOf(c));
    if (!view.ok) return refused(c, done.refusal);
    const fieldKey = done.refusal.fields?.[0]?.key;
    const check = 'check' in done ? done.check : undefined;
    return c.render(<DeskDocumentPage session={c.get('session')} view={view.value} error={c.var.t(fieldKey ?? done.refusal.key, done.refusal.params)} check={check} />, statusOf(done.refusal.code));
  }
  const answered = done.value.answered === undefined ? '' : `&answered=${done.value.answered}`;
  return c.redirect(to(c, `${DESK_BASE}/${villageOf(c)}/${done.value.id}?done=${STEPS[step]}${answered}`), 303);
});

/**
 * A village disclosure drafted in the console, pure: the tables of each kind, the rows a clerk
 * pastes from Excel or WPS (tab-separated) or uploads as CSV (UTF-8 or GBK/GB18030), checked row
 * by row, and the disclosure built from them in the shape of content/schemas.ts disclosureSchema
 * (what a version's `meta` holds). No Hono, no D1.
 *
 * - Money is read as integers of fen (分) and summed in fen; a table's total is computed, never
 *   typed. A pasted total row (合计, 总计, 小计, 共计) is checked against the sum and dropped.
 *   The disclosure stores yuan as today's YAML does (48300, 4120.8): fen / 100, exactly.
 * - The period must match the cadence (content/villages financeCadence; core/disclosure-cadence.ts):
 *   a month or a quarter for finances as the village discloses them, a quarter for subsidies and
 *   assets, a day for projects; never a period that has not begun.
 * - Personal data that must never be published (ID card numbers, phone numbers, bank accounts,
 *   e-mail, QQ, WeChat, plates, house addresses: worker/cases/pii.ts's blocking findings, and
 *   bank card numbers) stops the row with its reason. Names pass: subsidy lists name recipients
 *   as the law requires for 公示.
 * - Every error names its table and line, in the clerk's language (content/ui/desk.ts); a draft
 *   with any error is not built, so nothing partial is stored.
 */
import type { UiKey } from '../../content/ui.ts';
import { cadenceOf, formatPeriod, parsePeriod, periodStart, type Cadence } from '../../core/disclosure-cadence.ts';
import { findPersonalData, type PiiKind } from '../cases/pii.ts';
import { refuse, ok, type Result } from '../cases/result.ts';
import { isOneOf, type FieldError } from '../cases/validation.ts';
import type { PhotoType } from '../photos/clean.ts';
import { bodyProblem, plainTextOf } from './markdown.ts';
import { portal } from '../../content/index.ts';

/** The kinds a village drafts in the console: four of tables, and decisions (村务决策), free text. */
export const DRAFTED_KINDS = ['finances', 'subsidies', 'assets', 'projects', 'decisions'] as const;
export type DraftedKind = (typeof DRAFTED_KINDS)[number];
export const isDraftedKind = (value: unknown): value is DraftedKind => isOneOf(DRAFTED_KINDS, value);

export interface Text {
  'zh-CN': string;
  en?: string;
}
export type ColumnType = 'text' | 'money';
export type Cell = number | Text;

/** One table of a kind: its form field, caption, columns and whether it has a computed total. */
export interface TableShape {
  /** The form field its rows are pasted into (and the CSV upload's field, `<name>_csv`). */
  name: string;
  caption: Text;
  columns: { label: Text; type: ColumnType }[];
  total: boolean;
}

const item = (zh: string, en: string) => ({ label: { 'zh-CN': zh, en }, type: 'text' as const });
const yuan = (zh = '金额（元）', en = 'Amount (yuan)') => ({ label: { 'zh-CN': zh, en }, type: 'money' as const });

/** Each kind's tables, as the seed's YAML disclosures show them (content/seed/disclosures/). */
export const TABLES: Record<DraftedKind, TableShape[]> = {
  finances: [
    { name: 'income', caption: { 'zh-CN': '收入', en: 'Income' }, columns: [item('项目', 'Item'), yuan()], total: true },
    { name: 'spending', caption: { 'zh-CN': '支出', en: 'Spending' }, columns: [item('项目', 'Item'), yuan()], total: true },
  ],
  subsidies: [
    {
      name: 'recipients',
      caption: { 'zh-CN': '补贴补助发放名单', en: 'Subsidies paid, by recipient' },
      columns: [item('姓名', 'Recipient'), item('项目', 'Scheme'), yuan('发放金额（元）', 'Amount paid (yuan)')],
      total: true,
    },
  ],
  assets: [
    {
      name: 'assets',
      caption: { 'zh-CN': '集体资产资源', en: 'Collective assets and resources' },
      columns: [item('名称', 'Asset or resource'), item('数量', 'Size'), item('经营方式', 'How it is used'), yuan('本期收益（元）', 'Income this period (yuan)')],
      total: true,
    },
  ],
  projects: [
    { name: 'project', caption: { 'zh-CN': '项目概况', en: 'The project' }, columns: [item('项目', 'Item'), item('内容', 'Details')], total: false },
    { name: 'funding', caption: { 'zh-CN': '资金来源', en: 'Funding' }, columns: [item('来源', 'Source'), yuan()], total: true },
  ],
  // Free text (the version's body, Markdown as the regulations'), no table.
  decisions: [],
};

/** The label of a computed totals row. */
export const TOTAL_LABEL: Text = { 'zh-CN': '合计', en: 'Total' };

/** A problem with one line of one table, or with a field of the form (line 0). */
export interface RowError {
  /** The table's field name, or the form field's (period, summary). */
  field: string;
  /** 1-based line as pasted or uploaded; 0 for the field as a whole. */
  line: number;
  key: UiKey;
  params?: Record<string, string | number>;
}

/** A row error as a refusal marks it on the form: its line among its parameters. */
export const asFieldError = (e: RowError): FieldError => ({ field: e.field, key: e.key, params: { ...e.params, line: e.line } });

/** A refusal's marked field back as a row error (line 0: the field as a whole). */
export function rowErrorOf(f: FieldError): RowError {
  const { line, ...params } = f.params ?? {};
  return { field: f.field, key: f.key, line: typeof line === 'number' ? line : 0, ...(Object.keys(params).length > 0 ? { params } : {}) };
}

/** A line of cells as pasted or read from CSV, with its line number. */
export interface Line {
  line: number;
  cells: string[];
}

/** The most rows one table takes, and the longest text of a cell. */
export const MAX_ROWS = 500;
export const CELL_MAX = 100;

/** Lines pasted from a spreadsheet: one row a line, cells separated by tabs; blank lines skipped. */
export function linesFromPaste(text: string): Line[] {
  return text
    .split(/\r\n|\n|\r/)
    .map((raw, i) => ({ line: i + 1, cells: raw.split('\t').map((c) => c.trim()) }))
    .filter((l) => l.cells.some((c) => c !== ''));
}

/** Lines of a CSV file (RFC 4180: quoted cells may hold commas, quotes doubled and line breaks); blank lines skipped. */
export function linesFromCsv(text: string): Line[] {
  const lines: Line[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const endLine = () => {
    cells.push(cell.trim());
    if (cells.some((c) => c !== '')) lines.push({ line: start, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') (quoted = true), (cell = '');
    else if (ch === ',') cells.push(cell.trim()), (cell = '');
    else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endLine();
      start = ++line;
    } else cell += ch;
  }
  endLine();
  return lines;
}

/**
 * The text of an uploaded CSV: UTF-8 (with or without its byte-order mark) when the bytes are
 * valid UTF-8, else GB18030, the superset of GBK that Excel and WPS in China save CSV in.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/**
 * An amount in yuan as a clerk types it (48300, 4,120.80, ¥1 234.5, 12.3元, full-width digits) as
 * integer fen; or why not: not a number at all, or more than two decimals.
 */
export function parseFen(text: string): { fen: number } | { error: 'amount' | 'cents' } {
  const t = text.normalize('NFKC').replace(/[\s\u00a0]/g, '').replace(/^[¥￥]/, '').replace(/元$/, '');
  const plain = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(t) ? t.replaceAll(',', '') : t;
  const m = /^(\d{1,12})(?:\.(\d+))?$/.exec(plain);
  if (!m) return { error: 'amount' };
  const decimals = (m[2] ?? '').replace(/0+$/, '');
  if (decimals.length > 2) return { error: 'cents' };
  return { fen: Number(m[1]) * 100 + Number(decimals.padEnd(2, '0')) };
}

/** Fen as yuan, written with two decimals (for messages): 4120.80. */
export const yuanText = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/** Fen as the number a disclosure stores (yuan; 412080 → 4120.8). */
export const fenToYuan = (fen: number) => fen / 100;

const TOTAL_WORDS = /^(?:合计|总计|小计|共计|总额|total|sum)[:：]?$/i;

/** Bank card or account numbers: 16 to 19 digits, cut by spaces or hyphens or not (not an ID card, which pii.ts names). */
const BANK = /(?<!\d)\d(?:[ -]?\d){15,18}(?!\d)/;

/** What a blocking personal-data finding is called in a row error. */
function personalKey(kind: PiiKind | 'bank'): UiKey {
  if (kind === 'id_card') return 'desk.rows.idCard';
  if (kind === 'phone' || kind === 'contact_phone') return 'desk.rows.phone';
  if (kind === 'bank') return 'desk.rows.bank';
  if (kind === 'query_code') return 'desk.rows.queryCode';
  return 'desk.rows.personal';
}

/** What was found, masked as the message shows it: its first three and last two characters (110***34). */
export const masked = (found: string) => ([...found].length <= 6 ? '***' : `${[...found].slice(0, 3).join('')}***${[...found].slice(-2).join('')}`);

/** The blocking personal data in a cell, as a row error's key and what was found (masked); null when it is clean. */
export function personalDataIn(text: string): { key: UiKey; found: string } | null {
  const blocking = findPersonalData(text, { name: null, phone: null }).find((f) => f.severity === 'block');
  if (blocking) return { key: personalKey(blocking.kind), found: masked(blocking.text) };
  const bank = BANK.exec(text.normalize('NFKC'));
  return bank ? { key: personalKey('bank'), found: masked(bank[0]) } : null;
}

/** One table read: its rows (text as { zh-CN }, money as yuan), its totals in fen per column, and its errors. */
export interface ReadTable {
  rows: Cell[][];
  totalsFen: (number | null)[];
  errors: RowError[];
}

/**
 * Reads one table's lines. A first line with no digit where an amount should be is the header
 * row and is skipped; a line whose first cell is 合计 (or 总计, 小计, 共计, Total) is the stated
 * total: checked against the sum of the rows, and dropped (the total is computed).
 */
export function readTable(shape: TableShape, lines: readonly Line[]): ReadTable {
  const errors: RowError[] = [];
  const rows: Cell[][] = [];
  const money = shape.columns.map((c) => c.type === 'money');
  const totalsFen: (number | null)[] = money.map((m) => (m ? 0 : null));
  const stated: { line: number; cells: string[] }[] = [];
  const fail = (line: number, key: UiKey, params?: Record<string, string | number>) => errors.push({ field: shape.name, line, key, ...(params ? { params } : {}) });
  lines.forEach((l, index) => {
    const cells = l.cells.length > shape.columns.length && l.cells.slice(shape.columns.length).every((c) => c === '') ? l.cells.slice(0, shape.columns.length) : l.cells;
    if (index === 0 && money.some((m, c) => m && cells[c] !== undefined && !/\d/.test(cells[c]!.normalize('NFKC')))) return; // the header row
    if (TOTAL_WORDS.test((cells[0] ?? '').normalize('NFKC').replace(/\s/g, ''))) {
      stated.push({ line: l.line, cells });
      return;
    }
    if (cells.length !== shape.columns.length) {
      fail(l.line, 'desk.rows.cells', { expected: shape.columns.length, got: cells.length });
      return;
    }
    const row: Cell[] = [];
    let bad = false;
    shape.columns.forEach((column, c) => {
      const value = cells[c]!;
      if (column.type === 'money') {
        const read = parseFen(value);
        if ('error' in read) {
          bad = true;
          fail(l.line, read.error === 'cents' ? 'desk.rows.cents' : 'desk.rows.amount', { column: column.label['zh-CN'], value });
        } else {
          totalsFen[c] = (totalsFen[c] ?? 0) + read.fen;
          row.push(fenToYuan(read.fen));
        }
        return;
      }
      if (value === '') {
        bad = true;
        fail(l.line, c === 0 ? 'desk.rows.emptyItem' : 'desk.rows.emptyCell', { column: column.label['zh-CN'] });
        return;
      }
      if ([...value].length > CELL_MAX) {
        bad = true;
        fail(l.line, 'desk.rows.tooLong', { column: column.label['zh-CN'], max: CELL_MAX });
        return;
      }
      const personal = personalDataIn(value);
      if (personal) {
        bad = true;
        fail(l.line, personal.key, { column: column.label['zh-CN'], found: personal.found });
        return;
      }
      row.push({ 'zh-CN': value });
    });
    if (!bad) rows.push(row);
  });
  if (rows.length + errors.length > MAX_ROWS) return { rows: [], totalsFen, errors: [{ field: shape.name, line: 0, key: 'desk.rows.tooMany', params: { max: MAX_ROWS } }] };
  // A stated total is checked only once every row was read (a wrong row makes any total wrong).
  if (errors.length === 0) {
    for (const s of stated) {
      shape.columns.forEach((column, c) => {
        if (column.type !== 'money' || !s.cells[c]) return;
        const read = parseFen(s.cells[c]!);
        const computed = totalsFen[c] ?? 0;
        if ('error' in read) fail(s.line, 'desk.rows.amount', { column: column.label['zh-CN'], value: s.cells[c]! });
        else if (read.fen !== computed) fail(s.line, 'desk.rows.total', { column: column.label['zh-CN'], stated: yuanText(read.fen), computed: yuanText(computed) });
      });
    }
  }
  if (rows.length === 0 && errors.length === 0) fail(0, 'desk.rows.none');
  return { rows, totalsFen, errors };
}

/** The period a kind is disclosed by for a village: its cadence, and an example for messages. */
export function cadenceFor(kind: DraftedKind, financeCadence: 'monthly' | 'quarterly'): Cadence {
  return cadenceOf(kind, financeCadence);
}

const PERIOD_EXAMPLE: Record<Cadence, string> = { monthly: '2026-10', quarterly: '2026-Q3', event: '2026-09-15' };

/** Whether a period fits the kind's cadence and has begun by `today`; null when it does, else the error. */
export function periodProblem(kind: DraftedKind, financeCadence: 'monthly' | 'quarterly', period: string, today: string): RowError | null {
  const cadence = cadenceFor(kind, financeCadence);
  const parsed = parsePeriod(period.trim().toUpperCase().replace(/^(\d{4}-)q/i, '$1Q'));
  if (!parsed || parsed.cadence !== cadence) return { field: 'period', line: 0, key: `desk.errors.period.${cadence}`, params: { example: PERIOD_EXAMPLE[cadence] } };
  if (periodStart(parsed) > today) return { field: 'period', line: 0, key: 'desk.errors.periodFuture', params: { period: formatPeriod(parsed) } };
  return null;
}

/** A period as the slug and the disclosure write it (2026-q3 → 2026-Q3). */
export function normalisePeriod(period: string): string {
  const parsed = parsePeriod(period.trim().toUpperCase());
  return parsed ? formatPeriod(parsed) : period.trim();
}

/** The document's address: `<village>-<period lower-cased>-<kind>` (beishan-2026-q3-finances). */
export function disclosureSlug(village: string, period: string, kind: DraftedKind): string {
  return `${village}-${normalisePeriod(period).toLowerCase()}-${kind}`;
}

/** A disclosure as stored in a version's meta (content/schemas.ts Disclosure, with its tables). */
export interface DisclosureMeta {
  village: string;
  kind: DraftedKind;
  period: string;
  /** The day it was signed off and published (until then, the day of the draft). */
  published: string;
  /** The day the clerk last sent it for review (送审), set on sign-off; absent on imported ones. */
  submitted?: string;
  publishedBy: Text;
  reviewedBy: Text;
  summary: Text;
  tables: { caption: Text; columns: { label: Text; type: ColumnType }[]; rows: Cell[][]; total?: Text }[];
  notes: Text[];
  /** Photos of the notice as posted on the village's board (公开栏), cleaned, in R2 by their SHA-256. */
  photos?: BoardPhoto[];
}

/** A photo of the posted board: the SHA-256 of its cleaned bytes (its R2 key), type, size and dimensions as displayed. */
export interface BoardPhoto {
  sha: string;
  type: PhotoType;
  size: number;
  width: number;
  height: number;
}

/** What the drafting form sends, read as text. */
export interface DraftForm {
  kind: DraftedKind;
  village: { id: string; name: Text; financeCadence: 'monthly' | 'quarterly' };
  period: string;
  summary: string;
  notes: string;
  /** Per table name: the lines pasted or uploaded. */
  lines: Record<string, readonly Line[]>;
  /** A decision's text (Markdown); empty for the kinds of tables. */
  body?: string;
  /** Town day (YYYY-MM-DD). */
  today: string;
}

const SUMMARY_MAX = 600;
const NOTES_MAX = 1000;

/** The offices that draft and review a village's disclosures, as the public page names them. */
export function officesOf(village: { name: Text }): { publishedBy: Text; reviewedBy: Text } {
  // 南河村（示例） → 南河村村民委员会（示例）; Nanhe Village (sample) → Nanhe Villagers’ Committee (sample).
  const zh = /^(.*?)(（[^）]*）)?$/.exec(village.name['zh-CN'])!;
  const en = /^(.*?)(?: Village)?( \([^)]*\))?$/.exec(village.name.en ?? village.name['zh-CN'])!;
  const office = (zhOffice: string, enOffice: string): Text => ({ 'zh-CN': `${zh[1]}${zhOffice}${zh[2] ?? ''}`, en: `${en[1]} ${enOffice}${en[2] ?? ''}` });
  return { publishedBy: office('村民委员会', 'Villagers’ Committee'), reviewedBy: office('村务监督委员会', 'Village Affairs Supervision Committee') };
}

/**
 * Builds the disclosure from the form: every table read, the period and summary checked. Either
 * the whole disclosure, or a refusal marking every error (its table or field, and its line among
 * its parameters: rowErrorOf reads them back) and nothing else.
 */
export function buildDisclosure(form: DraftForm): Result<{ meta: DisclosureMeta; totalsFen: Record<string, (number | null)[]>; body: string }> {
  const errors: RowError[] = [];
  const period = periodProblem(form.kind, form.village.financeCadence, form.period, form.today);
  if (period) errors.push(period);
  const summary = form.summary.trim();
  if (summary === '') errors.push({ field: 'summary', line: 0, key: 'desk.errors.summary' });
  else if ([...summary].length > SUMMARY_MAX) errors.push({ field: 'summary', line: 0, key: 'desk.errors.tooLong', params: { max: SUMMARY_MAX } });
  const notes = form.notes.split(/\r\n|\n|\r/).map((n) => n.trim()).filter((n) => n !== '');
  if ([...notes.join('')].length > NOTES_MAX) errors.push({ field: 'notes', line: 0, key: 'desk.errors.tooLong', params: { max: NOTES_MAX } });
  // A decision's text: required, within the regulations' limits, and checked as plain text like the rest.
  const body = form.kind === 'decisions' ? (form.body ?? '').trim() : '';
  const problem = form.kind !== 'decisions' ? null : body === '' ? { key: 'desk.errors.body' as const } : bodyProblem(body, portal.publishing);
  if (problem) errors.push({ field: 'body', line: 0, ...problem });
  for (const [field, text] of [['summary', summary], ['body', body && !problem ? plainTextOf(body) : ''], ...notes.map((n) => ['notes', n])] as const) {
    const personal = personalDataIn(text);
    if (personal) errors.push({ field, line: 0, key: field === 'body' ? 'desk.errors.bodyPersonal' : personal.key, params: { column: '', found: personal.found } });
  }
  const tables: DisclosureMeta['tables'] = [];
  const totalsFen: Record<string, (number | null)[]> = {};
  for (const shape of TABLES[form.kind]) {
    const read = readTable(shape, form.lines[shape.name] ?? []);
    errors.push(...read.errors);
    totalsFen[shape.name] = read.totalsFen;
    tables.push({ caption: shape.caption, columns: shape.columns, rows: read.rows, ...(shape.total ? { total: TOTAL_LABEL } : {}) });
  }
  if (errors.length > 0) return refuse('invalid', 'desk.errors.fix', { params: { n: errors.length }, fields: errors.map(asFieldError) });
  return ok({
    totalsFen,
    body,
    meta: {
      village: form.village.id,
      kind: form.kind,
      period: normalisePeriod(form.period),
      published: form.today,
      ...officesOf(form.village),
      summary: { 'zh-CN': summary },
      tables,
      notes: notes.map((n) => ({ 'zh-CN': n })),
    },
  });
}

/** A stored disclosure's tables as the lines the form shows again (tab-separated, money in yuan). */
export function tableAsPaste(table: { columns: { type: ColumnType }[]; rows: Cell[][] }): string {
  return table.rows.map((row) => row.map((cell) => (typeof cell === 'number' ? String(cell) : cell['zh-CN'])).join('\t')).join('\n');
}

/** The sum of a stored table's money column in fen (for the preview's total row). */
export function columnTotalFen(rows: readonly Cell[][], column: number): number {
  return rows.reduce((sum, row) => sum + (typeof row[column] === 'number' ? Math.round((row[column] as number) * 100) : 0), 0);
}

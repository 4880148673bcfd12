// A village disclosure drafted from rows pasted out of Excel or WPS, or a CSV its accounting
// system exported: each line read and checked, with the clerk told which line is wrong and why;
// a draft with any error builds nothing (so nothing partial can be stored).
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTraditionalCharacters } from '../../worker/services/traditional-characters.ts';
import { translate } from '../../content/ui.ts';
import {
  TABLES,
  buildDisclosure,
  decodeCsv,
  disclosureSlug,
  linesFromCsv,
  linesFromPaste,
  parseFen,
  periodProblem,
  readTable,
  rowErrorOf,
  type DraftForm,
  type RowError,
} from '../../worker/publishing/disclosure-rows.ts';

const income = TABLES.finances[0]!;
const spending = TABLES.finances[1]!;
const recipients = TABLES.subsidies[0]!;
const QINGLIAN = { id: 'qinglian', name: { 'zh-CN': '清廉村', en: 'Qinglian' }, financeCadence: 'monthly' as const };
const BEISHAN = { id: 'beishan', name: { 'zh-CN': '北山村', en: 'Beishan' }, financeCadence: 'quarterly' as const };

// The personal-data check reads traditional characters with the table the routes load first.
beforeAll(() => loadTraditionalCharacters(env.ASSETS));

/** What the clerk reads beside a line. */
const said = (e: RowError) => translate('zh-CN', e.key, { ...e.params, line: e.line });

const form = (over: Partial<DraftForm> = {}): DraftForm => ({
  kind: 'finances',
  village: QINGLIAN,
  period: '2026-10',
  summary: '清廉村10月集体财务收支。',
  notes: '',
  lines: {
    income: linesFromPaste('上级转移支付\t48300\n村集体经营收入\t21448\n'),
    spending: linesFromPaste('村干部报酬\t24150\n办公费\t2737.5\n'),
  },
  today: '2026-11-03',
  ...over,
});

describe('amounts', () => {
  it('reads yuan as integer fen, as clerks write them', () => {
    expect(parseFen('48300')).toEqual({ fen: 4830000 });
    expect(parseFen('4,120.80')).toEqual({ fen: 412080 });
    expect(parseFen('¥1 234.5')).toEqual({ fen: 123450 });
    expect(parseFen('１２３元')).toEqual({ fen: 12300 });
    expect(parseFen('0.1')).toEqual({ fen: 10 });
  });
  it('refuses a letter in an amount, and more than two decimals', () => {
    expect(parseFen('12O0')).toEqual({ error: 'amount' });
    expect(parseFen('-5')).toEqual({ error: 'amount' });
    expect(parseFen('1,23')).toEqual({ error: 'amount' });
    expect(parseFen('3.145')).toEqual({ error: 'cents' });
  });
});

describe('a pasted table', () => {
  it('reads tab-separated rows, skips the header row, computes the total in fen', () => {
    const read = readTable(income, linesFromPaste('项目\t金额（元）\n上级转移支付\t48300\n其他收入\t1438.1\n其他收入\t0.2\n'));
    expect(read.errors).toEqual([]);
    expect(read.rows).toEqual([
      [{ 'zh-CN': '上级转移支付' }, 48300],
      [{ 'zh-CN': '其他收入' }, 1438.1],
      [{ 'zh-CN': '其他收入' }, 0.2],
    ]);
    // 1438.1 + 0.2 in floating point is not 1438.3; in fen it is.
    expect(read.totalsFen[1]).toBe(4830000 + 143810 + 20);
  });

  it('shows each wrong line with its own reason, in the clerk’s language', () => {
    const read = readTable(income, linesFromPaste('上级转移支付\t48300\n\t100\n办公费\t12O0\n多一列\t1\t2\n利息\t3.145\n'));
    expect(read.errors.map((e) => [e.line, e.key])).toEqual([
      [2, 'desk.rows.emptyItem'],
      [3, 'desk.rows.amount'],
      [4, 'desk.rows.cells'],
      [5, 'desk.rows.cents'],
    ]);
    expect(said(read.errors[1]!)).toBe('第 3 行：“金额（元）”一栏的“12O0”不是金额。金额只写数字，例如 48300 或 4120.80。');
    expect(translate('en', read.errors[2]!.key, { ...read.errors[2]!.params, line: 4 })).toBe('Line 4: 2 columns expected, this line has 3. Copy the columns from the spreadsheet, separated by tabs.');
  });

  it('checks a pasted total row against the lines, and drops it (the total is computed)', () => {
    const right = readTable(income, linesFromPaste('上级转移支付\t48300\n其他收入\t1438.5\n合计\t49738.50\n'));
    expect(right.errors).toEqual([]);
    expect(right.rows).toHaveLength(2);
    const wrong = readTable(income, linesFromPaste('上级转移支付\t48300\n其他收入\t1438.5\n合计\t49783.50\n'));
    expect(wrong.errors).toEqual([{ field: 'income', line: 3, key: 'desk.rows.total', params: { column: '金额（元）', stated: '49783.50', computed: '49738.50' } }]);
    expect(said(wrong.errors[0]!)).toContain('合计写的是 49783.50 元，各行相加是 49738.50 元');
  });

  it('says so when a table is empty', () => {
    expect(readTable(spending, linesFromPaste('\n\n')).errors.map((e) => e.key)).toEqual(['desk.rows.none']);
  });
});

describe('a CSV upload', () => {
  it('reads quoted cells with commas and doubled quotes', () => {
    expect(linesFromCsv('项目,金额\r\n"上级转移支付，含""一事一议""",48300\r\n"村集体\n经营收入","21,448"\r\n').map((l) => l.cells)).toEqual([
      ['项目', '金额'],
      ['上级转移支付，含"一事一议"', '48300'],
      ['村集体\n经营收入', '21,448'],
    ]);
  });

  it('decodes GBK (as Excel and WPS in China save CSV) and UTF-8 with its byte-order mark', () => {
    // '项目,金额（元）\r\n上级转移支付,"48,300"\r\n其他收入,1438.5\r\n合计,49738.50\r\n' saved as GBK.
    const gbk = new Uint8Array([
      207, 238, 196, 191, 44, 189, 240, 182, 238, 163, 168, 212, 170, 163, 169, 13, 10, 201, 207, 188, 182, 215, 170, 210, 198, 214, 167, 184, 182, 44, 34, 52, 56, 44, 51, 48, 48, 34,
      13, 10, 198, 228, 203, 251, 202, 213, 200, 235, 44, 49, 52, 51, 56, 46, 53, 13, 10, 186, 207, 188, 198, 44, 52, 57, 55, 51, 56, 46, 53, 48, 13, 10,
    ]);
    const decoded = decodeCsv(gbk);
    expect(decoded.encoding).toBe('gb18030');
    const read = readTable(income, linesFromCsv(decoded.text));
    expect(read.errors).toEqual([]);
    expect(read.rows).toEqual([
      [{ 'zh-CN': '上级转移支付' }, 48300],
      [{ 'zh-CN': '其他收入' }, 1438.5],
    ]);
    const utf8 = decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('办公费,2737\n')]));
    expect(utf8).toEqual({ text: '办公费,2737\n', encoding: 'utf-8' });
  });
});

describe('a subsidy name list', () => {
  it('passes with names, schemes and amounts', () => {
    const read = readTable(recipients, linesFromPaste('姓名\t项目\t金额\n张三\t耕地地力保护补贴\t412.5\n李秀英\t临时救助\t1500\n'));
    expect(read.errors).toEqual([]);
    expect(read.rows[0]).toEqual([{ 'zh-CN': '张三' }, { 'zh-CN': '耕地地力保护补贴' }, 412.5]);
  });

  it('is blocked by an ID number, a phone number or a bank account, with the reason per line', () => {
    const read = readTable(
      recipients,
      linesFromPaste(
        ['张三 110101199003074514\t耕地地力保护补贴\t412.5', '李四\t临时救助 13812345678\t1500', '王五\t6222 0212 3456 7890 123\t300', '赵六\t农机购置补贴\t4600'].join('\n'),
      ),
    );
    expect(read.errors.map((e) => [e.line, e.key])).toEqual([
      [1, 'desk.rows.idCard'],
      [2, 'desk.rows.phone'],
      [3, 'desk.rows.bank'],
    ]);
    // The message names the reason, and masks the number it found.
    expect(said(read.errors[0]!)).toBe('第 1 行：有身份证号（110***14）。公示名单可以写姓名，但不能公开身份证号，请删去。');
    expect(JSON.stringify(read.errors)).not.toContain('110101199003074514');
    expect(read.rows).toHaveLength(1);
  });
});

describe('the period and the cadence', () => {
  it('takes the period the village discloses by, and refuses another', () => {
    expect(periodProblem('finances', 'monthly', '2026-10', '2026-11-03')).toBeNull();
    expect(periodProblem('finances', 'monthly', '2026-Q3', '2026-11-03')?.key).toBe('desk.errors.period.monthly');
    expect(periodProblem('finances', 'quarterly', '2026-q3', '2026-11-03')).toBeNull();
    expect(periodProblem('finances', 'quarterly', '2026-10', '2026-11-03')?.key).toBe('desk.errors.period.quarterly');
    expect(periodProblem('subsidies', 'monthly', '2026-10', '2026-11-03')?.key).toBe('desk.errors.period.quarterly');
    expect(periodProblem('projects', 'monthly', '2026-09-15', '2026-11-03')).toBeNull();
    expect(periodProblem('projects', 'monthly', '2026-02-30', '2026-11-03')?.key).toBe('desk.errors.period.event');
    expect(periodProblem('finances', 'monthly', '2026-12', '2026-11-03')?.key).toBe('desk.errors.periodFuture');
  });
});

describe('the disclosure built from the form', () => {
  it('is in the shape of a disclosure, with the offices and a computed total', () => {
    const built = buildDisclosure(form());
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.value.meta).toMatchObject({
      village: 'qinglian',
      kind: 'finances',
      period: '2026-10',
      published: '2026-11-03',
      publishedBy: { 'zh-CN': '清廉村村民委员会' },
      reviewedBy: { 'zh-CN': '清廉村村务监督委员会' },
      tables: [
        { caption: { 'zh-CN': '收入' }, rows: [[{ 'zh-CN': '上级转移支付' }, 48300], [{ 'zh-CN': '村集体经营收入' }, 21448]], total: { 'zh-CN': '合计' } },
        { caption: { 'zh-CN': '支出' } },
      ],
    });
    expect(built.value.totalsFen.spending).toEqual([null, 2688750]);
    expect(disclosureSlug('beishan', '2026-Q3', 'finances')).toBe('beishan-2026-q3-finances');
  });

  it('builds nothing when any line or the period is wrong, and names every problem', () => {
    const built = buildDisclosure(form({ village: BEISHAN, period: '2026-10', lines: { income: linesFromPaste('上级转移支付\t4830O\n'), spending: linesFromPaste('办公费\t1\n合计\t2\n') } }));
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.refusal.fields!.map(rowErrorOf).map((e) => [e.field, e.line, e.key])).toEqual([
      ['period', 0, 'desk.errors.period.quarterly'],
      ['income', 1, 'desk.rows.amount'],
      ['spending', 2, 'desk.rows.total'],
    ]);
  });
});

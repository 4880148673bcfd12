import { describe, expect, it } from 'vitest';
import { CSV_CONTENT_TYPE, fromCsvField, toCsv } from '../../worker/http/csv.ts';

/** A strict RFC 4180 reader: fails on anything the grammar does not allow. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  for (;;) {
    let value = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"' && text[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else value += text[i++];
      }
    } else {
      while (i < text.length && !/[,\r\n]/.test(text[i]!)) {
        if (text[i] === '"') throw new Error(`bare quote at ${i}`);
        value += text[i++];
      }
    }
    record.push(value);
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text.startsWith('\r\n', i)) i += 2;
    else if (i < text.length) throw new Error(`expected CRLF at ${i}`);
    records.push(record);
    record = [];
    if (i >= text.length) return records;
  }
}

const BOM = '\uFEFF';

describe('toCsv', () => {
  it('starts with a UTF-8 byte-order mark, then the header, every record ending in CRLF', () => {
    const csv = toCsv(['case', 'status'], [['CL-2026-000001', 'open']]);
    expect(csv).toBe(`${BOM}case,status\r\nCL-2026-000001,open\r\n`);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  });

  it('encodes the byte-order mark as EF BB BF in UTF-8', () => {
    const bytes = new TextEncoder().encode(toCsv(['a'], []));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('writes a header alone when there are no rows', () => {
    expect(toCsv(['村', '件数'], [])).toBe(`${BOM}村,件数\r\n`);
  });

  it('quotes fields with commas, quotes, CR or LF, doubling the quotes', () => {
    const csv = toCsv(['text'], [['a,b'], ['say "hi"'], ['line one\nline two'], ['cr\rhere'], ['crlf\r\nhere']]);
    expect(csv).toBe(
      `${BOM}text\r\n"a,b"\r\n"say ""hi"""\r\n"line one\nline two"\r\n"cr\rhere"\r\n"crlf\r\nhere"\r\n`,
    );
  });

  it('leaves plain fields unquoted, spaces included', () => {
    expect(toCsv(['a', 'b'], [[' padded ', 'x y']])).toBe(`${BOM}a,b\r\n padded ,x y\r\n`);
  });

  it('quotes the header like any other record', () => {
    expect(toCsv(['name, full', 'q"'], [])).toBe(`${BOM}"name, full","q"""\r\n`);
  });

  it('writes numbers as they print, negative ones unquoted', () => {
    expect(toCsv(['n', 'rate', 'delta'], [[42, 0.875, -3]])).toBe(`${BOM}n,rate,delta\r\n42,0.875,-3\r\n`);
  });

  it('writes null as an empty field, like the empty string', () => {
    expect(toCsv(['a', 'b', 'c'], [[null, '', null]])).toBe(`${BOM}a,b,c\r\n,,\r\n`);
  });

  it('quotes a lone empty field so the record is not an empty line', () => {
    const csv = toCsv(['note'], [[null], ['']]);
    expect(csv).toBe(`${BOM}note\r\n""\r\n""\r\n`);
    expect(parseCsv(csv.slice(1))).toEqual([['note'], [''], ['']]);
  });

  it('keeps Chinese text as it is, with Chinese punctuation needing no quotes', () => {
    const csv = toCsv(['村', '事项'], [['清廉村', '道路硬化，已办结。'], ['长岭村', '“低保”评议, 已公示']]);
    expect(csv).toBe(`${BOM}村,事项\r\n清廉村,道路硬化，已办结。\r\n长岭村,"“低保”评议, 已公示"\r\n`);
  });

  it('neutralises text a spreadsheet would run as a formula, and reads back to exactly the text', () => {
    const risky = ['=HYPERLINK("http://x","点我")', '+cmd|\' /C calc\'!A0', '-5', '@SUM(A1)', '\tx', '\rx', "'already quoted"];
    const csv = toCsv(['v'], risky.map((v) => [v]));
    expect(csv).toBe(`${BOM}v\r\n"'=HYPERLINK(""http://x"",""点我"")"\r\n'+cmd|' /C calc'!A0\r\n'-5\r\n'@SUM(A1)\r\n'\tx\r\n"'\rx"\r\n''already quoted\r\n`);
    // No field as a spreadsheet reads it starts a formula.
    const fields = parseCsv(csv.slice(1)).slice(1).map((r) => r[0]!);
    for (const f of fields) expect(f).toMatch(/^'/);
    expect(fields.map(fromCsvField)).toEqual(risky);
    // Numbers stay numbers, negative ones too.
    expect(toCsv(['n'], [[-5]])).toBe(`${BOM}n\r\n-5\r\n`);
  });

  it('refuses a row whose length differs from the header', () => {
    expect(() => toCsv(['a', 'b'], [['1']])).toThrow(RangeError);
    expect(() => toCsv(['a'], [['1', '2']])).toThrow(/row 1 has 2 fields/);
  });

  it('reads back through an RFC 4180 parser to exactly what was written', () => {
    const header = ['案件编号', 'village', 'note, with comma', '"quoted"'];
    const rows: (string | number | null)[][] = [
      ['CL-2026-000123', '清廉村', '处理结果：\r\n已整改', 3],
      ['CL-2026-000124', null, 'He said "no", twice', -1.5],
      ['', ' ', '\n', 0],
      ['=HYPERLINK("x")', '𠮷野', '\u3000全角空格', 1e21],
    ];
    const csv = toCsv(header, rows);
    expect(csv.startsWith(BOM)).toBe(true);
    const parsed = parseCsv(csv.slice(1)).map((r) => r.map(fromCsvField));
    expect(parsed).toEqual([header, ...rows.map((r) => r.map((v) => (v === null ? '' : String(v))))]);
  });

  it('declares UTF-8 and a header row in its content type', () => {
    expect(CSV_CONTENT_TYPE).toBe('text/csv; charset=utf-8; header=present');
  });
});

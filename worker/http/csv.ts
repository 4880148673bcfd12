/**
 * CSV as RFC 4180 writes it, safe to double-click in Excel or WPS.
 *
 * A text field a spreadsheet would run as a formula (one starting with = + - @, a tab or a CR:
 * `=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`) gets an apostrophe in front, as OWASP advises, which a
 * spreadsheet shows as text. So that the file still round-trips, a text field that itself starts
 * with an apostrophe gets one more: a program reading the file removes one leading apostrophe
 * from any text field that has one (`fromCsvField`). Numbers are written as numbers, negative
 * ones included.
 */

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8; header=present';

/** Excel and WPS read a file without it as the local code page and garble Chinese. */
const BYTE_ORDER_MARK = '\uFEFF';

const NEEDS_QUOTES = /[",\r\n]/;
/** Text a spreadsheet would evaluate, or that starts with the apostrophe the escape itself uses. */
const FORMULA = /^[=+\-@\t\r']/;

/** The header and rows as RFC 4180 text: CRLF after every record, with a UTF-8 byte-order mark. */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  const records = [header, ...rows].map((row, i) => {
    if (row.length !== header.length) {
      throw new RangeError(`CSV row ${i} has ${row.length} fields; the header has ${header.length}`);
    }
    // One empty field alone would be an empty line, which readers take for no record at all.
    if (row.length === 1 && (row[0] === null || row[0] === '')) return '""';
    return row.map(field).join(',');
  });
  return BYTE_ORDER_MARK + records.map((r) => r + '\r\n').join('');
}

function field(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A text field as it was before `toCsv` neutralised it (for programs that read the exports). */
export function fromCsvField(text: string): string {
  return text.startsWith("'") ? text.slice(1) : text;
}

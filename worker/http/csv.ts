/**
 * CSV exactly as RFC 4180 writes it, for staff who open exports in Excel or WPS.
 *
 * Text is never altered. A field that a spreadsheet would read as a formula (one starting with
 * = + - @, a tab or a CR) is quoted like any other special field, but quoting does not stop
 * Excel from evaluating it: whoever opens an export should import its columns as text rather
 * than double-click it. Prefixing an apostrophe would protect the spreadsheet but change what
 * the town published, and another program reading the file would see the apostrophe as data.
 */

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8; header=present';

/** Excel and WPS read a file without it as the local code page and garble Chinese. */
const BYTE_ORDER_MARK = '\uFEFF';

const NEEDS_QUOTES = /[",\r\n]|^[=+\-@\t\r]/;

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
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

// Serialises rows as CSV (RFC 4180) for spreadsheets, with cells that a spreadsheet would run as a formula made inert.
import { stringify } from 'csv-stringify/sync';

/**
 * OWASP "CSV injection": a cell starting with = + - @, a tab or a carriage return can be run as a
 * formula by Excel, LibreOffice or Google Sheets. A leading apostrophe makes it text.
 */
export function guardCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export type CsvValue = string | number | null | undefined;

/** A header row and the data rows, CRLF line ends (RFC 4180 §2), UTF-8 with a byte-order mark so Excel reads it as UTF-8. */
export function serialiseCsv(columns: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const cells = rows.map((row) =>
    row.map((value) => (value === null || value === undefined ? '' : typeof value === 'number' ? String(value) : guardCell(value))),
  );
  return `\uFEFF${stringify([[...columns], ...cells], { record_delimiter: 'windows', quoted_match: /[",\r\n]/ })}`;
}

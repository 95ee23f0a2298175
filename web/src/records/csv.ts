// Client-side CSV export of the rows a user selected (the list is never loaded in full for this).

import { neutralizeText } from '../../../shared/csv-safety.js';

export type CsvValue = string | number | boolean | null | undefined;

/**
 * One cell: a text starting like a formula gets a leading `'` so that Excel, LibreOffice and
 * Google Sheets show it instead of running it (the server's rule, shared/csv-safety.ts); a cell holding the delimiter, a quote or a line
 * break is quoted, with its quotes doubled (RFC 4180).
 */
export function csvCell(value: CsvValue, delimiter = ','): string {
  if (value === null || value === undefined) return '';
  // numbers are data, not formulas: -5 stays a number
  const text = typeof value === 'string' ? neutralizeText(value) : String(value);
  const mustQuote =
    text.includes(delimiter) ||
    text.includes('"') ||
    text.includes('\n') ||
    text.includes('\r') ||
    text !== text.trim();
  return mustQuote ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole file: a header row then the rows, CRLF line ends as in RFC 4180. */
export function toCsv(header: string[], rows: CsvValue[][], delimiter = ','): string {
  return [header, ...rows].map((r) => r.map((v) => csvCell(v, delimiter)).join(delimiter)).join('\r\n');
}

/**
 * French Excel splits on `;` (the comma is its decimal separator), English Excel on `,`: each
 * language gets the one its spreadsheet opens directly. The importer detects both.
 */
export const csvDelimiter = (language: string) => (language.startsWith('fr') ? ';' : ',');

/** Saves the text as a file; the BOM makes Excel read UTF-8 (accents) instead of Windows-1252. */
export function downloadCsv(filename: string, csv: string) {
  const blob = new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename.endsWith('.csv') ? filename : `${filename}.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  // give the browser time to start the download before the blob goes away
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// A file's rows as the file had them, for what an import keeps of its failed rows (errors.csv gives
// them back to be fixed and imported again) and for the preview's refused values.
import { IMPORT_TARGETS } from '../../shared/imports.js';
import type { SourceRecord } from './csv-reader.js';

/** A vCard has no columns: its fields, in this order, stand for them (the names Carnet's import reads back). */
export const VCARD_COLUMNS: readonly string[] = IMPORT_TARGETS.contacts;

/** The record's cells: a CSV row's as read, a vCard's fields in VCARD_COLUMNS order. */
export function rowCells(rec: SourceRecord): string[] {
  if (rec.cells) return rec.cells;
  if (Object.keys(rec.fields).length === 0) return [];
  return VCARD_COLUMNS.map((f) => rec.fields[f as keyof typeof rec.fields] ?? '');
}

/** The columns a job's stored cells follow: the CSV's headers, or VCARD_COLUMNS. */
export function jobColumns(details: { format?: string; headers?: string[] } | null): string[] {
  if (details?.format === 'vcard') return [...VCARD_COLUMNS];
  return details?.headers ?? [];
}

// Reading a CSV file as records, with csv-parse: which delimiter, which row is the header (lines
// before it, as in LinkedIn's export, are skipped), then each record's fields through the mapping.

import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { type CsvError, type Info, parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import type { CustomHeader } from '../custom-fields/import-cells.js';
import { decoder, type Sniffed } from './decode.js';
import type { ImportEntity } from './imports.table.js';
import { MAX_COLUMNS, MAX_LINE_CHARS, rowTooLong, tooManyColumns } from './limits.js';
import {
  applyMapping,
  type Fields,
  headerScore,
  type Mapping,
  type ResolvedMapping,
  resolveMapping,
} from './mapping.js';

export const DELIMITERS = [',', ';', '\t', '|'] as const;
/** the header is looked for among the first records */
const HEADER_SEARCH = 50;

export interface SourceRecord {
  /** where the record is: its row as a spreadsheet shows the file (CSV), its first line (vCard) */
  row: number;
  fields: Fields;
  /**
   * a CSV row's cells as in the file (empty ones at its end left out): a failed row is given back
   * in errors.csv as it was. A vCard has none: its fields stand for its cells (rowCells).
   */
  cells?: string[];
  /** the record could not be read at all */
  error?: string;
}

export interface CsvShape {
  delimiter: string;
  /** index of the header among the records (empty lines not counted) */
  headerRecord: number;
  headers: string[];
  resolved: ResolvedMapping & { missing: string[] };
}

const baseOptions = {
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: true,
  skip_records_with_error: true,
} as const;

/**
 * Picks the delimiter and the header row from the start of the file. The header is the row whose
 * cells name the most known fields (the mapping's headers count too); with a delimiter that
 * splits nothing, no row scores. Ties go to the delimiter giving more rows the header's width.
 */
export function detectShape(
  entity: ImportEntity,
  sample: string,
  override: Mapping,
  custom: CustomHeader[] = [],
): CsvShape | null {
  // the sample ends anywhere, often inside a record: leave that last line out
  const cut = sample.lastIndexOf('\n');
  const text = cut > 0 ? sample.slice(0, cut + 1) : sample;
  const overrideKeys = new Set(Object.keys(override).map((k) => k.trim().toLowerCase()));
  let best: { score: number; width: number; consistent: number; shape: Omit<CsvShape, 'resolved'> } | null =
    null;
  for (const delimiter of DELIMITERS) {
    let records: string[][];
    try {
      records = parseSync(text, { ...baseOptions, delimiter, to: 200 }) as string[][];
    } catch {
      continue;
    }
    records.slice(0, HEADER_SEARCH).forEach((cells, index) => {
      const named = cells.filter((c) => overrideKeys.has(c.trim().toLowerCase())).length;
      const score = headerScore(entity, cells.slice(0, MAX_COLUMNS)) + named;
      if (score === 0 || cells.length < 1) return;
      const consistent = records.slice(index + 1).filter((r) => r.length === cells.length).length;
      const better =
        !best ||
        score > best.score ||
        (score === best.score && consistent > best.consistent) ||
        (score === best.score && consistent === best.consistent && cells.length > best.width);
      if (better) {
        best = {
          score,
          width: cells.length,
          consistent,
          shape: { delimiter, headerRecord: index, headers: cells.slice(0, MAX_COLUMNS) },
        };
      }
    });
  }
  if (!best) return null;
  const shape = (best as { shape: Omit<CsvShape, 'resolved'> }).shape;
  return { ...shape, resolved: resolveMapping(entity, shape.headers, override, custom) };
}

/** How many cells of a row hold something: empty ones at its end (Excel leaves them) do not count. */
function width(record: string[]): number {
  let n = record.length;
  while (n > 0 && record[n - 1].trim() === '') n--;
  return n;
}

/**
 * The records under the header, one at a time: memory stays flat whatever the file's size. A row
 * over MAX_LINE_CHARS (csv-parse stops buffering it there) or MAX_COLUMNS fails the whole file.
 */
export async function* readCsv(
  path: string,
  sniffed: Sniffed,
  shape: CsvShape,
): AsyncGenerator<SourceRecord> {
  const unreadable: SourceRecord[] = [];
  // pipeline, not pipe: a reader stopped early (a limit, a stopped job) closes the file too
  const parser = pipeline(
    createReadStream(path),
    decoder(sniffed),
    parse({
      ...baseOptions,
      delimiter: shape.delimiter,
      info: true,
      max_record_size: MAX_LINE_CHARS,
      on_skip: (err: CsvError | undefined) => {
        if (!err) return;
        const e = err as CsvError & { records?: number; empty_lines?: number };
        const row = (Number(e.records) || 0) + (Number(e.empty_lines) || 0) + 1;
        // thrown here, it ends the parse: skipped, the rest of the cell would be read as rows
        if (err.code === 'CSV_MAX_RECORD_SIZE') throw rowTooLong(row);
        unreadable.push({ row, fields: {}, error: `could not be read: ${err.message}` });
      },
    }),
    () => {}, // the error reaches the loop below through the parser
  );
  let index = 0;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: Info }>) {
    while (unreadable.length > 0) yield unreadable.shift() as SourceRecord;
    // the row a spreadsheet shows it on: a record with line breaks in a quoted field is one row;
    // (csv-parse's line count is not used: it counts a CRLF inside quotes as two lines)
    const row = info.records + info.empty_lines;
    if (record.length > MAX_COLUMNS && width(record) > MAX_COLUMNS) throw tooManyColumns(row);
    if (index++ <= shape.headerRecord) continue;
    // Excel leaves rows of bare delimiters (";;;;") under a sheet: they are no rows at all
    if (width(record) === 0) continue;
    yield {
      row,
      fields: applyMapping(shape.resolved.columns, record, shape.resolved.channels),
      cells: record.slice(0, width(record)),
    };
  }
  while (unreadable.length > 0) yield unreadable.shift() as SourceRecord;
}

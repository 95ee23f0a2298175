// What one import file may hold, checked while it is read so that a hostile file fails early with
// a reason instead of filling the memory or keeping a thread busy for minutes.
import type { ImportErrorCode } from '../../shared/errors.js';
import { DEFAULT_IMPORTS } from '../config.js';

/** The file as a whole cannot be imported; the code says why (the message too, in English). */
export class ImportFailure extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The job was stopped from outside (the server closing) while it ran. */
export class StoppedError extends Error {}

export interface ImportLimits {
  /** data rows (CSV records under the header, blank ones aside; vCards) */
  maxRows: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = Object.freeze({ maxRows: DEFAULT_IMPORTS.maxRows });

/**
 * Characters in one line of a vCard, or in one CSV record (all its cells): no field Carnet keeps
 * comes near it, and what is longer is usually a quote that is never closed.
 */
export const MAX_LINE_CHARS = 1024 * 1024;
/** Cells with a value in one CSV row (empty cells at its end are not counted). */
export const MAX_COLUMNS = 1000;

export const lineTooLong = (line: number) =>
  new ImportFailure(
    'line_too_long',
    `Line ${line} of the file is longer than 1 MiB: an import line (a vCard line, a CSV row) may hold at most 1 MiB of text.`,
  );

export const rowTooLong = (row: number) =>
  new ImportFailure(
    'line_too_long',
    `Row ${row} of the file holds more than 1 MiB of text (a cell that long, or a quote that is never closed): a CSV row may hold at most 1 MiB.`,
  );

export const tooManyColumns = (row: number) =>
  new ImportFailure(
    'too_many_columns',
    `Row ${row} of the file has more than ${MAX_COLUMNS.toLocaleString('en')} columns with a value.`,
  );

export const tooManyRows = (limit: number) =>
  new ImportFailure(
    'too_many_rows',
    `The file has more than ${limit.toLocaleString('en')} rows: split it into smaller files.`,
  );

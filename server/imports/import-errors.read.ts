// What a person needs to act on an import's refusals: its errors page by page (filtered by code),
// each with the value refused and the row's cells; the rows skipped as duplicates with the record
// each matched; and errors.csv, the failed rows as the file had them with a reason in the reader's
// language, to fix and import again.
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { neutralizeText } from '../../shared/csv-safety.js';
import { fieldErrorSentence } from '../../shared/i18n/field-error-texts.js';
import { FIELD_ERROR_TEXTS_EN } from '../../shared/i18n/field-errors.en.js';
import { FIELD_ERROR_TEXTS_FR } from '../../shared/i18n/field-errors.fr.js';
import type { Locale } from '../config.js';
import type { Actor } from '../crud/resource.js';
import type { Db } from '../db/connect.js';
import { idCursorAfter, idCursorOf } from './id-cursor.js';
import { findVisible } from './imports.read.js';
import { jobColumns } from './row-cells.js';

/** each cell of a row, as the API shows it (errors.csv has them whole) */
const CELL_SHOWN = 500;
/** errors.csv reads this many errors at a time: a row may hold up to 1 MiB of text */
const CSV_PAGE = 100;

interface JobDetails {
  format?: string;
  headers?: string[];
  delimiter?: string;
  mapping?: Record<string, string | null>;
}

const detailsOf = (row: { details: unknown }): JobDetails =>
  row.details ? (JSON.parse(String(row.details)) as JobDetails) : {};

/**
 * The file's column an error's field came from: the header mapped to it (a name split from a
 * full-name column: that column), the field itself in a vCard; null for a whole-row error.
 */
export function columnOf(field: string, details: JobDetails): string | null {
  if (!field) return null;
  if (details.format === 'vcard') return field;
  const mapping = details.mapping ?? {};
  const header = (f: string) => Object.keys(mapping).find((h) => mapping[h] === f);
  return (
    header(field) ??
    (field === 'first_name' || field === 'last_name' ? header('full_name') : undefined) ??
    null
  );
}

const parseCells = (cells: unknown): string[] | null => {
  if (typeof cells !== 'string') return null;
  const parsed = JSON.parse(cells) as unknown;
  return Array.isArray(parsed) ? parsed.map((c) => String(c)) : null;
};

export interface ErrorsQuery {
  limit?: number;
  cursor?: string;
  code?: string;
  severity?: 'error' | 'warning';
}

/** One page of a job's errors in file order, and how many there are of each code. */
export async function errorsPage(db: Db, id: number, actor: Actor, q: ErrorsQuery) {
  const job = await findVisible(db, id, actor);
  const details = detailsOf(job);
  const columns = jobColumns(details);
  const limit = q.limit ?? 50;
  let query = db.kysely
    .selectFrom('import_errors')
    .select(['error_id', 'row_no', 'field', 'message', 'code', 'params', 'cells', 'severity'])
    .where('import_id', '=', id)
    .where('error_id', '>', idCursorAfter(q.cursor))
    .orderBy('error_id')
    .limit(limit + 1);
  if (q.code !== undefined) query = query.where('code', '=', q.code);
  if (q.severity !== undefined) query = query.where('severity', '=', q.severity);
  const rows = await query.execute();
  const codes = await db.kysely
    .selectFrom('import_errors')
    .select(['code', 'severity', db.kysely.fn.countAll<number>().as('n')])
    .where('import_id', '=', id)
    .groupBy(['code', 'severity'])
    .orderBy('severity')
    .orderBy('code')
    .execute();
  const page = rows.slice(0, limit);
  const data = page.map((e) => {
    const cells = parseCells(e.cells);
    const column = columnOf(e.field, details);
    const at = column === null ? -1 : columns.indexOf(column);
    const value = cells && at >= 0 ? (cells[at] ?? '') : null;
    return {
      row: Number(e.row_no),
      field: e.field,
      // an import made before error codes has none: its English message is all there is
      code: e.code ?? 'invalid',
      message: e.message,
      ...(e.params ? (JSON.parse(e.params) as object) : {}),
      severity: e.severity === 'warning' ? ('warning' as const) : ('error' as const),
      column,
      value: value === null ? null : value.slice(0, CELL_SHOWN),
      cells: cells ? cells.map((c) => c.slice(0, CELL_SHOWN)) : null,
    };
  });
  const last = page[page.length - 1];
  return {
    columns,
    codes: codes.map((c) => ({
      code: c.code ?? 'invalid',
      severity: c.severity === 'warning' ? ('warning' as const) : ('error' as const),
      count: Number(c.n),
    })),
    data,
    next_cursor: rows.length > limit && last ? idCursorOf(Number(last.error_id)) : null,
  };
}

/** How each kind of record is named in the list of duplicates. */
const NAMED = {
  contacts: { table: 'contacts', id: 'contact_id', columns: ['first_name', 'last_name', 'email'] },
  companies: { table: 'companies', id: 'company_id', columns: ['company_name'] },
  opportunities: { table: 'opportunities', id: 'opportunity_id', columns: ['opportunity_name'] },
} as const;

function nameOf(entity: keyof typeof NAMED, r: Record<string, unknown>): string {
  if (entity !== 'contacts') return String(r[NAMED[entity].columns[0]] ?? '');
  const name = [r.first_name, r.last_name].filter((x) => x).join(' ');
  return name || String(r.email ?? '');
}

/**
 * One page of the rows skipped as duplicates, each with the existing record it matched: its ID and
 * name as they are now (null once that record was deleted).
 */
export async function duplicatesPage(
  db: Db,
  id: number,
  actor: Actor,
  q: { limit?: number; cursor?: string },
) {
  const job = await findVisible(db, id, actor);
  const entity = String(job.entity) as keyof typeof NAMED;
  const limit = q.limit ?? 50;
  const rows = await db.kysely
    .selectFrom('import_duplicates')
    .select(['duplicate_id', 'row_no', 'record_id'])
    .where('import_id', '=', id)
    .where('duplicate_id', '>', idCursorAfter(q.cursor))
    .orderBy('duplicate_id')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const ids = [...new Set(page.map((r) => Number(r.record_id)))];
  const named = NAMED[entity];
  const found = new Map<number, string>();
  if (ids.length > 0) {
    const records = (await db.kysely
      // biome-ignore lint/suspicious/noExplicitAny: the three tables are addressed by name
      .selectFrom(named.table as any)
      .select([named.id, ...named.columns])
      .where(named.id, 'in', ids)
      .execute()) as Record<string, unknown>[];
    for (const r of records) found.set(Number(r[named.id]), nameOf(entity, r));
  }
  const last = page[page.length - 1];
  return {
    data: page.map((r) => ({
      row: Number(r.row_no),
      resource: entity,
      record_id: Number(r.record_id),
      name: found.get(Number(r.record_id)) ?? null,
    })),
    next_cursor: rows.length > limit && last ? idCursorOf(Number(last.duplicate_id)) : null,
  };
}

const CSV_TEXTS = {
  fr: {
    texts: FIELD_ERROR_TEXTS_FR,
    line: 'Ligne d’origine',
    reason: 'Motif du refus',
    sep: ' : ',
    warning: 'Avertissement (ligne importée, valeur mise dans les notes) : ',
  },
  en: {
    texts: FIELD_ERROR_TEXTS_EN,
    line: 'Original line',
    reason: 'Reason refused',
    sep: ': ',
    warning: 'Warning (row imported, value put in the notes): ',
  },
} as const;

/**
 * Every failed row of a job as CSV: its cells as in the file under the file's own headers (so the
 * fixed file imports again, the two extra columns being nobody's field), then its line number and
 * its reasons in `locale`, each after the column it is about. Formula-safe (shared/csv-safety.ts);
 * read a page at a time, whatever the number of errors.
 */
export async function errorsCsv(db: Db, id: number, actor: Actor, locale: Locale): Promise<Readable> {
  const job = await findVisible(db, id, actor);
  const details = detailsOf(job);
  const columns = jobColumns(details);
  const t = CSV_TEXTS[locale];
  const delimiter = details.delimiter === ';' || details.delimiter === '\t' ? details.delimiter : ',';
  const line = (cells: unknown[]) =>
    stringify([cells.map((c) => (typeof c === 'string' ? neutralizeText(c) : c))], {
      delimiter,
      record_delimiter: 'windows',
      // with CRLF records csv-stringify quotes neither a lone LF nor a lone CR: a note's line break would split the row
      quoted_match: /[\r\n]/,
    });
  interface Row {
    row: number;
    cells: string[] | null;
    reasons: string[];
  }
  const write = (r: Row) => {
    const cells = r.cells ?? [];
    const padded =
      cells.length < columns.length ? [...cells, ...Array(columns.length - cells.length).fill('')] : cells;
    // a row wider than the header keeps its extra cells: the line and reason follow the header's columns
    return line([...padded.slice(0, Math.max(columns.length, padded.length)), r.row, r.reasons.join(' ')]);
  };
  async function* lines() {
    yield `\ufeff${line([...columns, t.line, t.reason])}`;
    let after = 0;
    let pending: Row | null = null;
    for (;;) {
      const page = await db.kysely
        .selectFrom('import_errors')
        .select(['error_id', 'row_no', 'field', 'message', 'code', 'params', 'cells', 'severity'])
        .where('import_id', '=', id)
        .where('error_id', '>', after)
        .orderBy('error_id')
        .limit(CSV_PAGE)
        .execute();
      if (page.length === 0) break;
      after = Number(page[page.length - 1].error_id);
      let out = '';
      for (const e of page) {
        const column = columnOf(e.field, details);
        const sentence = fieldErrorSentence(
          t.texts,
          locale,
          { code: e.code ?? 'invalid', message: e.message, ...(e.params ? JSON.parse(e.params) : {}) },
          (f) => columnOf(f, details) ?? f,
        );
        // "anything else" and an unreadable row have their detail in the server's (English) words only
        const detail =
          e.code === null || e.code === 'invalid' || e.code === 'unreadable' ? ` (${e.message})` : '';
        const warning = e.severity === 'warning' ? t.warning : '';
        const reason = `${warning}${column ? `${column}${t.sep}` : ''}${sentence}${detail}`;
        // a row's errors were written together: one line a row
        if (pending && pending.row === Number(e.row_no)) {
          pending.reasons.push(reason);
          continue;
        }
        if (pending) out += write(pending);
        pending = { row: Number(e.row_no), cells: parseCells(e.cells), reasons: [reason] };
      }
      if (out) yield out;
    }
    if (pending) yield write(pending);
  }
  return Readable.from(lines());
}

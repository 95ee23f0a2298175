// Import jobs as the API shows them, and their errors as CSV.
import { type Static, Type } from '@sinclair/typebox';
import { IMPORT_ERROR_CODES } from '../../shared/errors.js';
import { FieldError, Id, Nullable, Timestamp } from '../../shared/types.js';
import type { Actor } from '../crud/resource.js';
import type { Db } from '../db/connect.js';
import { type FieldError as FieldErrorValue, notFound } from '../errors.js';
import { isoFromDb } from '../lib/time.js';
import { idCursorAfter, idCursorOf } from './id-cursor.js';
import type { ImportsTable } from './imports.table.js';

/** GET /imports/{id} lists this many errors; errors.csv has them all */
export const ERRORS_SHOWN = 1000;
// (GET /imports/{id}/errors pages through them all)

/** A failed row's error: its row number, then a field error as in problems (docs/api.md, "Errors"). */
const RowError = Type.Composite([
  Type.Object({ row: Type.Integer() }),
  FieldError,
  Type.Object({
    severity: Type.Union([Type.Literal('error'), Type.Literal('warning')], {
      description: 'error: the row failed; warning: the row was written, this value set aside into its notes',
    }),
  }),
]);

export const ImportSummary = Type.Object({
  import_id: Id,
  entity: Type.String(),
  status: Type.Union([
    Type.Literal('queued'),
    Type.Literal('running'),
    Type.Literal('done'),
    Type.Literal('failed'),
  ]),
  file_name: Nullable(Type.String()),
  format: Nullable(Type.String({ description: 'csv or vcard, once detected' })),
  dry_run: Type.Boolean(),
  on_duplicate: Type.String(),
  total_rows: Nullable(Type.Integer({ description: 'known once the file has been read through' })),
  processed_rows: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  skipped: Type.Integer(),
  failed: Type.Integer(),
  warnings: Type.Integer({
    description: 'rows written with warnings: values they could not use, set aside into their notes',
  }),
  mapping: Nullable(Type.Record(Type.String(), Nullable(Type.String()))),
  detected: Nullable(
    Type.Object({
      format: Type.String(),
      encoding: Type.String(),
      encoding_confidence: Type.Optional(
        Type.Number({ description: "the detector's confidence (0–100) in a guessed encoding" }),
      ),
      delimiter: Type.Optional(Type.String()),
      header_row: Type.Optional(Type.Integer()),
      headers: Type.Optional(Type.Array(Type.String())),
    }),
  ),
  error: Nullable(Type.String({ description: 'why the job failed as a whole, in English' })),
  error_code: Nullable(
    Type.String({ description: `why the job failed as a whole: ${IMPORT_ERROR_CODES.join(', ')}` }),
  ),
  user_id: Nullable(Id),
  created_at: Timestamp,
  finished_at: Nullable(Timestamp),
  undone_at: Nullable(Timestamp),
  undoable: Type.Boolean({
    description:
      'finished, wrote something, not a check, not undone yet, and made since imports name their audit entries',
  }),
});

export const ImportDetail = Type.Composite([
  ImportSummary,
  Type.Object({
    errors: Type.Array(RowError, { description: `the first ${ERRORS_SHOWN}; errors.csv has them all` }),
    preview: Type.Optional(
      Type.Array(
        Type.Object({
          row: Type.Integer(),
          action: Type.String(),
          values: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
          errors: Type.Array(FieldError),
          warnings: Type.Optional(
            Type.Array(FieldError, { description: 'values set aside into the notes; the row is written' }),
          ),
          source: Type.Optional(
            Type.Record(Type.String(), Type.String(), {
              description:
                "the row's fields as the file gave them, before any check (a refused value included)",
            }),
          ),
        }),
        { description: "a dry run's first rows, as they would be written" },
      ),
    ),
  }),
]);

type ImportRow = { [K in keyof ImportsTable]: unknown };

export function toSummary(r: ImportRow): Static<typeof ImportSummary> {
  const options = JSON.parse(String(r.options)) as { dry_run?: boolean; on_duplicate?: string };
  const details = r.details ? (JSON.parse(String(r.details)) as Record<string, unknown>) : null;
  const { mapping, preview: _p, ...detected } = details ?? {};
  return {
    import_id: Number(r.import_id),
    entity: String(r.entity),
    status: r.status as 'queued',
    file_name: (r.file_name as string | null) ?? null,
    format: (r.format as string | null) ?? null,
    dry_run: options.dry_run === true,
    on_duplicate: options.on_duplicate ?? 'skip',
    total_rows: r.total_rows === null ? null : Number(r.total_rows),
    processed_rows: Number(r.processed_rows),
    created: Number(r.created_count),
    updated: Number(r.updated_count),
    skipped: Number(r.skipped_count),
    failed: Number(r.failed_count),
    warnings: Number(r.warned_count ?? 0),
    mapping: (mapping as Record<string, string | null> | undefined) ?? null,
    detected: details?.format ? (detected as Static<typeof ImportSummary>['detected']) : null,
    error: (r.error as string | null) ?? null,
    error_code: (r.error_code as string | null) ?? null,
    user_id: r.user_id === null ? null : Number(r.user_id),
    created_at: isoFromDb(r.created_at as string) as string,
    finished_at: r.finished_at ? isoFromDb(r.finished_at as string) : null,
    undone_at: r.undone_at ? isoFromDb(r.undone_at as string) : null,
    undoable:
      Number(r.undo_version) >= 1 &&
      !options.dry_run &&
      (r.status === 'done' || r.status === 'failed') &&
      !r.undone_at &&
      Number(r.created_count) + Number(r.updated_count) > 0,
  };
}

const seesAll = (actor: Actor) => actor.role === 'admin' || actor.role === 'manager';

/**
 * An import its caller may read: their own, or any for admins and managers. Another user's job is
 * a 404, as if it did not exist: its errors and preview quote the file's personal data, and its
 * existence is nobody else's business.
 */
export async function findVisible(db: Db, id: number, actor: Actor) {
  const row = await db.kysely
    .selectFrom('imports')
    .selectAll()
    .where('import_id', '=', id)
    .executeTakeFirst();
  if (!row || (!seesAll(actor) && Number(row.user_id) !== actor.userId)) throw notFound(`import ${id}`);
  return row as ImportRow;
}

export async function getImport(db: Db, id: number, actor: Actor) {
  const row = await findVisible(db, id, actor);
  const errors = await db.kysely
    .selectFrom('import_errors')
    .select(['row_no', 'field', 'message', 'code', 'params', 'severity'])
    .where('import_id', '=', id)
    .orderBy('error_id')
    .limit(ERRORS_SHOWN)
    .execute();
  const details = row.details
    ? (JSON.parse(String(row.details)) as { preview?: { errors: Partial<FieldErrorValue>[] }[] })
    : {};
  return {
    ...toSummary(row),
    errors: errors.map((e) => ({
      row: Number(e.row_no),
      field: e.field,
      // an import made before error codes has none: its English message is all there is
      code: e.code ?? 'invalid',
      message: e.message,
      ...(e.params ? (JSON.parse(e.params) as object) : {}),
      severity: e.severity === 'warning' ? ('warning' as const) : ('error' as const),
    })),
    ...(details.preview
      ? {
          preview: details.preview.map((p) => ({
            ...p,
            errors: p.errors.map((e) => ({ ...e, code: e.code ?? 'invalid' })),
          })),
        }
      : {}),
  };
}

/** Newest first, keyset-paged by ID. */
export async function listImports(db: Db, q: { limit?: number; cursor?: string }, actor: Actor) {
  const limit = q.limit ?? 50;
  let query = db.kysely
    .selectFrom('imports')
    .selectAll()
    .orderBy('import_id', 'desc')
    .limit(limit + 1);
  if (!seesAll(actor)) query = query.where('user_id', '=', actor.userId as number);
  if (q.cursor !== undefined) query = query.where('import_id', '<', idCursorAfter(q.cursor));
  const rows = (await query.execute()) as ImportRow[];
  const page = rows.slice(0, limit).map(toSummary);
  const last = page[page.length - 1];
  const next = rows.length > limit && last ? idCursorOf(last.import_id) : null;
  return { data: page, next_cursor: next };
}

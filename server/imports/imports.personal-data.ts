// What import jobs keep that can name a person, found by the person's email (ignoring case), for
// the GDPR export and erasure: row errors that quote a value of the file (`import_errors.message`,
// and the failed row's cells kept for errors.csv, `import_errors.cells`),
// and what a job stores as text — a dry run's preview of its first rows, the detected headers and
// mapping (`details`, `options`), the file's name and the job's error.
import { sql } from 'kysely';
import type { LooseDb } from '../crud/resource.js';
import { isoFromDb } from '../lib/time.js';
import type { PreviewRow } from './import-runner.js';

/** what replaces the person's email wherever it was quoted */
export const ERASED = '(erased)';
const PAGE = 500;

interface ErrorHit {
  error_id: number;
  import_id: number;
  row: number;
  field: string;
  message: string;
  cells: string | null;
}

interface JobHit {
  import_id: number;
  entity: string;
  file_name: string | null;
  error: string | null;
  options: string;
  details: string | null;
  user_id: number | null;
  created_at: string;
}

export interface PersonInImport {
  import_id: number;
  entity: string;
  file_name: string | null;
  user_id: number | null;
  created_at: string;
  /** the job's row errors that quote the email */
  errors: { row: number; field: string; message: string; cells: string[] | null }[];
  /** the dry run's preview rows whose values or errors hold the email */
  preview: PreviewRow[];
}

const quotes = (text: unknown, needle: string) =>
  typeof text === 'string' && text.toLowerCase().includes(needle);

/**
 * The row errors quoting the email, a page at a time. SQL narrows (LIKE on the lower-cased text,
 * wildcards in the email escaped); JavaScript decides, so a collation that also folds accents
 * (MariaDB's) cannot widen the match.
 */
async function* errorsQuoting(db: LooseDb, needle: string): AsyncGenerator<ErrorHit[]> {
  const pattern = `%${needle.replace(/[!%_]/g, (c) => `!${c}`)}%`;
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('import_errors')
      .select(['error_id', 'import_id', 'row_no', 'field', 'message', 'cells'])
      .where((w) =>
        w.or([
          sql<boolean>`lower(${sql.ref('message')}) like ${pattern} escape '!'`,
          sql<boolean>`lower(${sql.ref('cells')}) like ${pattern} escape '!'`,
        ]),
      )
      .where('error_id', '>', after)
      .orderBy('error_id')
      .limit(PAGE)
      .execute();
    if (page.length === 0) return;
    after = Number(page[page.length - 1].error_id);
    const hits = page
      .filter((e) => quotes(e.message, needle) || quotes(e.cells, needle))
      .map((e) => ({
        error_id: Number(e.error_id),
        import_id: Number(e.import_id),
        row: Number(e.row_no),
        field: String(e.field),
        message: String(e.message),
        cells: (e.cells as string | null) ?? null,
      }));
    if (hits.length > 0) yield hits;
  }
}

/**
 * The jobs whose stored text holds the email. Every job is read (there is one row per upload, not
 * per file row) and searched as JSON text, so no encoding or collation can hide a match.
 */
async function* jobsQuoting(db: LooseDb, needle: string): AsyncGenerator<JobHit> {
  let after = 0;
  for (;;) {
    const page = (await db
      .selectFrom('imports')
      .select(['import_id', 'entity', 'file_name', 'error', 'options', 'details', 'user_id', 'created_at'])
      .where('import_id', '>', after)
      .orderBy('import_id')
      .limit(100)
      .execute()) as Record<string, unknown>[];
    if (page.length === 0) return;
    after = Number(page[page.length - 1].import_id);
    for (const j of page) {
      if ([j.file_name, j.error, j.options, j.details].some((text) => quotes(text, needle))) yield toJob(j);
    }
  }
}

function toJob(j: Record<string, unknown>): JobHit {
  return {
    import_id: Number(j.import_id),
    entity: String(j.entity),
    file_name: (j.file_name as string | null) ?? null,
    error: (j.error as string | null) ?? null,
    options: String(j.options),
    details: (j.details as string | null) ?? null,
    user_id: j.user_id === null ? null : Number(j.user_id),
    created_at: isoFromDb(j.created_at as string) as string,
  };
}

const previewOf = (details: string | null): PreviewRow[] =>
  ((details ? JSON.parse(details) : {}) as { preview?: PreviewRow[] }).preview ?? [];

/** a preview row is about the person when one of its values holds the email */
const isAbout = (row: PreviewRow, needle: string) =>
  Object.values(row.values ?? {}).some((v) => quotes(v, needle)) ||
  Object.values(row.source ?? {}).some((v) => quotes(v, needle));

/** Everything import jobs hold that quotes this email, job by job (for the GDPR export). */
export async function importDataOf(db: LooseDb, email: string): Promise<PersonInImport[]> {
  const needle = email.toLowerCase();
  const byJob = new Map<number, PersonInImport>();
  const entry = (j: JobHit) => {
    const found = byJob.get(j.import_id);
    if (found) return found;
    const { import_id, entity, file_name, user_id, created_at } = j;
    const e: PersonInImport = { import_id, entity, file_name, user_id, created_at, errors: [], preview: [] };
    byJob.set(j.import_id, e);
    return e;
  };
  for await (const j of jobsQuoting(db, needle)) {
    entry(j).preview = previewOf(j.details).filter(
      (r) => isAbout(r, needle) || r.errors.some((e) => quotes(e.message, needle)),
    );
  }
  for await (const hits of errorsQuoting(db, needle)) {
    for (const h of hits) {
      let e = byJob.get(h.import_id);
      if (!e) {
        const job = await db
          .selectFrom('imports')
          .selectAll()
          .where('import_id', '=', h.import_id)
          .executeTakeFirstOrThrow();
        e = entry(toJob(job as Record<string, unknown>));
      }
      e.errors.push({
        row: h.row,
        field: h.field,
        message: h.message,
        cells: h.cells === null ? null : (JSON.parse(h.cells) as string[]),
      });
    }
  }
  return [...byJob.values()].sort((a, b) => a.import_id - b.import_id);
}

/** The text with every occurrence of the email (any case) replaced. */
function without(text: string, needle: string): string {
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(escaped, 'gi'), ERASED);
}

/** Every string (and object key) of a parsed JSON value, with the email replaced. */
function scrubJson(value: unknown, needle: string): unknown {
  if (typeof value === 'string') return without(value, needle);
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, needle));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [without(k, needle), scrubJson(v, needle)]),
    );
  return value;
}

/**
 * Removes the email from import data, in the caller's transaction: a preview row about the person
 * loses all its values (name, phone and the rest with the email), a failed row quoting it its
 * cells, and every other quote of the
 * email — in row errors, headers, the mapping, the file's name — becomes "(erased)".
 */
export async function eraseImportData(trx: LooseDb, email: string) {
  const needle = email.toLowerCase();
  let errors = 0;
  for await (const hits of errorsQuoting(trx, needle)) {
    for (const h of hits) {
      await trx
        .updateTable('import_errors')
        // the row quoting the person loses all its cells (their name, phone… with the email)
        .set({ message: without(h.message, needle), cells: quotes(h.cells, needle) ? null : h.cells })
        .where('error_id', '=', h.error_id)
        .execute();
    }
    errors += hits.length;
  }
  let jobs = 0;
  for await (const j of jobsQuoting(trx, needle)) {
    const details = j.details ? (JSON.parse(j.details) as { preview?: PreviewRow[] }) : null;
    if (details?.preview)
      details.preview = details.preview.map((r) =>
        isAbout(r, needle) ? { ...r, values: undefined, source: undefined } : r,
      );
    await trx
      .updateTable('imports')
      .set({
        file_name: j.file_name === null ? null : without(j.file_name, needle),
        error: j.error === null ? null : without(j.error, needle),
        options: JSON.stringify(scrubJson(JSON.parse(j.options), needle)),
        details: details === null ? null : JSON.stringify(scrubJson(details, needle)),
      })
      .where('import_id', '=', j.import_id)
      .execute();
    jobs++;
  }
  return { import_errors_scrubbed: errors, imports_scrubbed: jobs };
}

// Running one import: the file's records in batches, each batch one transaction holding its rows,
// their errors and the job's progress, so that a crash leaves whole batches and a count that
// matches them. A dry run rolls each batch back and keeps only the errors and counts.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { CustomField } from '../../shared/custom-fields.js';
import type { Locale } from '../config.js';
import type { Actor, LooseDb } from '../crud/resource.js';
import { loadFields } from '../custom-fields/definitions.js';
import type { Db } from '../db/connect.js';
import { isRetryableConflict, timestampParam } from '../db/dialect.js';
import type { FieldError } from '../errors.js';
import { BatchWriter, type PreparedBatch } from './batch-writer.js';
import type { SourceRecord } from './csv-reader.js';
import type { ImportEntity } from './imports.table.js';
import { StoppedError } from './limits.js';
import type { Fields, Mapping } from './mapping.js';
import { rowCells } from './row-cells.js';
import type { Detected, Source } from './source.js';
import { openSourceInWorker, type WorkerSource, type WorkerSourceOptions } from './worker-source.js';
import type { RowOutcome, Services } from './writer.js';

export interface ImportOptions {
  dry_run: boolean;
  on_duplicate: 'skip' | 'update';
  mapping?: Mapping;
  /** a CSV file's encoding as named by the person importing (charset.ts) */
  encoding?: string;
}

export interface PreviewRow {
  row: number;
  action: RowOutcome['action'];
  values?: Record<string, unknown>;
  errors: FieldError[];
  /** values the row set aside (into its notes) to be written without them */
  warnings?: FieldError[];
  /** the row's fields as the file gave them (before any check), so a refused value can be shown */
  source?: Fields;
}

/** A row error's parameters as stored (JSON), or null when its code has none. */
function errorParams({ limit, allowed, expected, fields }: FieldError): string | null {
  const params = { limit, allowed: allowed?.slice(0, 100), expected, fields };
  return Object.values(params).some((v) => v !== undefined) ? JSON.stringify(params) : null;
}

export interface RunHooks {
  /** called inside each batch's transaction before it commits (tests simulate a crash here) */
  beforeCommit?(batch: number, importId: number): Promise<void> | void;
  onProgress?(importId: number, processed: number, total: number | null): void;
  /** true once the server is closing: the job stops between batches */
  stopping?(): boolean;
}

export const PREVIEW_ROWS = 20;
/** rows per transaction, and the most text one batch holds whatever its row count */
const BATCH_ROWS = 1000;
const BATCH_CHARS = 8 * 1024 * 1024;
const MAX_TRIES = 3;

export { StoppedError };

interface Counts {
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  /** rows written (or skipped) with warnings: counted apart from the failed ones */
  warned: number;
}

export class ImportRunner {
  readonly preview: PreviewRow[] = [];
  private readonly counts: Counts = {
    processed: 0,
    created: 0,
    updated: 0,
    skipped: 0,
    failed: 0,
    warned: 0,
  };
  private total: number | null = null;
  private batchNo = 0;
  private source: WorkerSource | null = null;
  /** the entity's custom fields: the file's columns may fill them */
  private custom: CustomField[] | null = null;

  constructor(
    private readonly db: Db,
    private readonly svc: Services,
    private readonly job: {
      importId: number;
      entity: ImportEntity;
      path: string;
      options: ImportOptions;
      actor: Actor;
      /** the language of what a row's notes gain for its values set aside */
      locale?: Locale;
    },
    private readonly hooks: RunHooks = {},
    private readonly batchRows = BATCH_ROWS,
    /** the file is read in a worker thread, within these limits; aborting the signal stops it */
    private readonly reading: WorkerSourceOptions = {},
  ) {}

  /** Detects the file's shape and stores it; throws ImportFailure when the file cannot be imported. */
  async detect(): Promise<{ detected: Detected; source: Source }> {
    const { path, entity, options } = this.job;
    this.custom = await loadFields(this.db.kysely, entity);
    this.source = await openSourceInWorker(path, entity, options.mapping, {
      ...this.reading,
      custom: this.custom,
      encoding: options.encoding,
    });
    return { detected: this.source.detected, source: this.source };
  }

  /** Ends the file's reading (its worker thread); the job is over or stopping. */
  async close(): Promise<void> {
    await this.source?.close();
  }

  async run(source: Source): Promise<void> {
    this.total = await source.count();
    await this.db.kysely
      .updateTable('imports')
      .set({ total_rows: this.total, heartbeat_at: this.now() })
      .where('import_id', '=', this.job.importId)
      .execute();
    this.hooks.onProgress?.(this.job.importId, 0, this.total);
    const writer = new BatchWriter(this.svc, {
      entity: this.job.entity,
      onDuplicate: this.job.options.on_duplicate,
      custom: this.custom ?? (await loadFields(this.db.kysely, this.job.entity)),
      locale: this.job.locale,
    });
    // While one batch's statements run in the database, the next batch is read and checked: the
    // file is read ahead by one batch, and batches are still written one after the other.
    let writing: Promise<void> | undefined;
    const next = async (records: SourceRecord[]) => {
      const prepared = writer.prepare(records);
      await writing;
      writing = this.runBatch(writer, prepared);
      // its failure is met by the next batch's await or the last one below, not left unhandled
      writing.catch(() => {});
    };
    let batch: SourceRecord[] = [];
    let chars = 0;
    try {
      for await (const rec of source.records()) {
        batch.push(rec);
        for (const v of Object.values(rec.fields)) chars += v?.length ?? 0;
        for (const v of rec.cells ?? []) chars += v.length;
        if (batch.length >= this.batchRows || chars >= BATCH_CHARS) {
          await next(batch);
          batch = [];
          chars = 0;
        }
      }
      if (batch.length > 0) await next(batch);
    } catch (e) {
      // the file failing to read on: the batch being written ends (commits or not) before the
      // job is marked failed, so nothing is written after that
      await writing?.catch(() => {});
      throw e;
    }
    await writing;
  }

  private now() {
    return timestampParam(this.db.dialect, new Date().toISOString());
  }

  private async runBatch(writer: BatchWriter, records: PreparedBatch) {
    if (this.hooks.stopping?.()) throw new StoppedError('The server stopped before the import finished.');
    this.batchNo++;
    for (let tries = 1; ; tries++) {
      try {
        await this.tryBatch(writer, records);
        break;
      } catch (e) {
        // MariaDB resolves a deadlock with a concurrent write by aborting us: the batch runs again
        if (isRetryableConflict(e) && tries < MAX_TRIES) continue;
        throw e;
      }
    }
    // other requests and imports get their turn between batches
    await yieldToEventLoop();
  }

  private async tryBatch(writer: BatchWriter, records: PreparedBatch) {
    const trx = await this.db.kysely.startTransaction().execute();
    let outcomes: RowOutcome[];
    try {
      outcomes = await writer.write(
        { trx, dialect: this.db.dialect, actor: this.job.actor, importId: this.job.importId },
        records,
      );
      if (this.job.options.dry_run) {
        await trx.rollback().execute();
        await this.db.kysely.transaction().execute((t) => this.record(t, outcomes, records.records));
      } else {
        await this.record(trx, outcomes, records.records);
        await this.hooks.beforeCommit?.(this.batchNo, this.job.importId);
        await trx.commit().execute();
      }
    } catch (e) {
      if (!trx.isCommitted && !trx.isRolledBack)
        await trx
          .rollback()
          .execute()
          .catch(() => {});
      throw e;
    }
    this.tally(outcomes, records.records);
  }

  /**
   * The batch's errors (each with its row's cells), its rows skipped as duplicates (with the record
   * they matched) and the job's new counts, in the transaction given. `outcomes[i]` is `records[i]`'s.
   */
  private async record(trx: LooseDb, outcomes: RowOutcome[], records: SourceRecord[]) {
    const c = { ...this.counts };
    for (const o of outcomes) {
      c.processed++;
      c[o.action]++;
      if (o.warnings?.length) c.warned++;
    }
    const errors = outcomes.flatMap((o, i) => {
      const warnings = o.warnings ?? [];
      if (o.errors.length === 0 && warnings.length === 0) return [];
      const cells = JSON.stringify(rowCells(records[i]));
      const stored = (e: FieldError, severity: 'error' | 'warning') => ({
        import_id: this.job.importId,
        row_no: o.row,
        field: e.field.slice(0, 100),
        message: e.message.slice(0, 1000),
        code: e.code,
        params: errorParams(e),
        cells,
        severity,
      });
      // a failed row's errors list its values set aside too: they are among its reasons
      return o.action === 'failed'
        ? o.errors.map((e) => stored(e, 'error'))
        : warnings.map((e) => stored(e, 'warning'));
    });
    for (let i = 0; i < errors.length; i += 200) {
      await trx
        .insertInto('import_errors')
        .values(errors.slice(i, i + 200))
        .execute();
    }
    const duplicates = outcomes.flatMap((o) =>
      o.action === 'skipped' && o.id !== undefined
        ? [{ import_id: this.job.importId, row_no: o.row, record_id: o.id }]
        : [],
    );
    for (let i = 0; i < duplicates.length; i += 500) {
      await trx
        .insertInto('import_duplicates')
        .values(duplicates.slice(i, i + 500))
        .execute();
    }
    await trx
      .updateTable('imports')
      .set({
        processed_rows: c.processed,
        created_count: c.created,
        updated_count: c.updated,
        skipped_count: c.skipped,
        failed_count: c.failed,
        warned_count: c.warned,
        heartbeat_at: this.now(),
      })
      .where('import_id', '=', this.job.importId)
      .execute();
  }

  private tally(outcomes: RowOutcome[], records: SourceRecord[]) {
    for (const [i, o] of outcomes.entries()) {
      this.counts.processed++;
      this.counts[o.action]++;
      if (o.warnings?.length) this.counts.warned++;
      if (this.preview.length < PREVIEW_ROWS)
        this.preview.push({
          row: o.row,
          action: o.action,
          values: o.values,
          errors: o.errors,
          ...(o.warnings?.length ? { warnings: o.warnings } : {}),
          source: records[i]?.fields,
        });
    }
    this.hooks.onProgress?.(this.job.importId, this.counts.processed, this.total);
  }
}

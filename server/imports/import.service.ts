// Import jobs: recorded in `imports`, run in this process a few at a time, beside the requests.
// A job that fails is marked failed and the others go on; a job whose process died (no heartbeat)
// is marked failed by whichever instance looks next.
import { EventEmitter } from 'node:events';
import { rm } from 'node:fs/promises';
import type { ImportErrorCode } from '../../shared/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import { forbidden, requireRole } from '../auth/permissions.js';
import type { Locale } from '../config.js';
import type { Actor } from '../crud/resource.js';
import type { Db } from '../db/connect.js';
import { isUnavailable, timestampParam } from '../db/dialect.js';
import { AppError, notFound } from '../errors.js';
import { type ImportOptions, ImportRunner, type RunHooks, StoppedError } from './import-runner.js';
import { findVisible, toSummary } from './imports.read.js';
import type { ImportEntity } from './imports.table.js';
import type { ImportLimits } from './limits.js';
import { ImportFailure } from './source.js';
import type { Services } from './writer.js';

/**
 * A job untouched for this long has no process any more (IMPORT_STALE_MS). Its process touches it
 * five times as often, so a few late heartbeats are not taken for death.
 */
export const STALE_MS = 10_000;
const BEATS_PER_STALE = 5;
const FINISHED = ['done', 'failed'];

export interface NewImport {
  entity: ImportEntity;
  path: string;
  fileName: string | null;
  options: ImportOptions;
  actor: Actor;
}

export interface ServiceOptions {
  /** jobs running at once in this process (each reads its file in a worker thread); the rest wait, queued */
  concurrency?: number;
  limits?: ImportLimits;
  batchRows?: number;
  hooks?: Pick<RunHooks, 'beforeCommit'>;
  /** IMPORT_STALE_MS: how long without a heartbeat before a job is taken for dead */
  staleMs?: number;
  log?: { error(obj: unknown, msg: string): void; info(obj: unknown, msg: string): void };
  /** CRM_DEFAULT_LOCALE: the language of the lines a row's notes gain for its values set aside */
  locale?: Locale;
}

/** Emits 'progress' (id, processed, total) and 'finished' (id). */
/** Why a job failed as a whole: a stable code, and the same in English. */
interface JobError {
  code: ImportErrorCode;
  message: string;
}

export class ImportService extends EventEmitter {
  private readonly queue: { id: number; job: NewImport }[] = [];
  private readonly active = new Map<number, Promise<void>>();
  private readonly waiting = new Map<number, (() => void)[]>();
  private timer: NodeJS.Timeout | null = null;
  private closing = false;
  /** aborted on close: the jobs' file readers (worker threads) are terminated */
  private readonly stopReading = new AbortController();

  constructor(
    private readonly db: Db,
    private readonly svc: Services,
    private readonly opts: ServiceOptions = {},
  ) {
    super();
  }

  private now() {
    return timestampParam(this.db.dialect, new Date().toISOString());
  }

  /**
   * Marks dead jobs failed now, then keeps this process's jobs alive and, on every instance, looks
   * for other processes' dead jobs as often: one killed is failed within IMPORT_STALE_MS and a beat.
   */
  async start() {
    // an unreachable database must not stop the server from starting (it answers 503 meanwhile)
    await this.recoverStale().catch((e) =>
      this.opts.log?.error({ err: e }, 'could not check for dead imports'),
    );
    let beating = false;
    this.timer = setInterval(() => {
      // a slow database must not pile up beats
      if (beating) return;
      beating = true;
      const ids = [...this.active.keys(), ...this.queue.map((q) => q.id)];
      const beat = ids.length
        ? this.db.kysely
            .updateTable('imports')
            .set({ heartbeat_at: this.now() })
            .where('import_id', 'in', ids)
            .execute()
        : Promise.resolve();
      Promise.all([beat, this.recoverStale()])
        .catch((e) => this.opts.log?.error({ err: e }, 'import heartbeat failed'))
        .finally(() => {
          beating = false;
        });
    }, this.staleMs / BEATS_PER_STALE);
    this.timer.unref();
  }

  private get staleMs() {
    return this.opts.staleMs ?? STALE_MS;
  }

  /** Jobs queued or running whose process stopped beating: failed, with what they had committed. */
  async recoverStale(): Promise<number> {
    const cutoff = timestampParam(this.db.dialect, new Date(Date.now() - this.staleMs).toISOString());
    const stale = await this.db.kysely
      .selectFrom('imports')
      .select(['import_id', 'file_path'])
      .where('status', 'in', ['queued', 'running'])
      .where('heartbeat_at', '<', cutoff)
      .execute();
    // this process's own jobs are alive, however late their beats
    const mine = (id: number) => this.active.has(id) || this.queue.some((q) => q.id === id);
    const dead = stale.filter((j) => !mine(j.import_id));
    for (const s of dead) {
      await this.finish(s.import_id, 'failed', {
        code: 'server_stopped',
        message:
          'The server stopped during the import; the rows of finished batches are in. Import the file again: duplicates are skipped.',
      });
      if (s.file_path) await rm(s.file_path, { force: true }).catch(() => {});
    }
    return dead.length;
  }

  async create(job: NewImport): Promise<{ import_id: number; status: 'queued' }> {
    requireRole(job.actor, ['admin', 'manager', 'sales'], 'import records');
    const now = this.now();
    const row = {
      entity: job.entity,
      status: 'queued',
      file_name: job.fileName?.slice(0, 255) ?? null,
      file_path: job.path,
      options: JSON.stringify(job.options),
      processed_rows: 0,
      created_count: 0,
      updated_count: 0,
      skipped_count: 0,
      failed_count: 0,
      user_id: job.actor.userId,
      // its audit entries will name it (WriteContext.importId): it can be undone
      undo_version: 1,
      created_at: now,
      heartbeat_at: now,
    };
    let id: number;
    if (this.db.dialect === 'mysql') {
      const r = await this.db.kysely.insertInto('imports').values(row).executeTakeFirstOrThrow();
      id = Number(r.insertId);
    } else {
      const r = await this.db.kysely
        .insertInto('imports')
        .values(row)
        .returning('import_id')
        .executeTakeFirstOrThrow();
      id = Number(r.import_id);
    }
    this.queue.push({ id, job });
    this.pump();
    return { import_id: id, status: 'queued' };
  }

  /**
   * Deletes a finished job with its row errors and stored preview: how an import's copy of a
   * file's data goes. Admins delete any job, everyone else their own; another user's job is a 404
   * to whoever cannot read it, a 403 to a manager, who can. A job still queued or running is a 409:
   * its batches are still writing.
   */
  async remove(id: number, actor: Actor): Promise<void> {
    // any signed-in role: whose job it is decides (a viewer's jobs are from an earlier role)
    requireRole(actor, ['admin', 'manager', 'sales', 'viewer'], 'delete import jobs');
    const job = await findVisible(this.db, id, actor);
    if (actor.role !== 'admin' && Number(job.user_id) !== actor.userId)
      throw forbidden('not_owner', 'Only an administrator or its author can delete an import job.');
    const busy = () =>
      new AppError(
        409,
        'conflict',
        'Import not finished',
        `Import ${id} is ${job.status}; delete it once it is done or failed.`,
        { code: 'import_busy' },
      );
    if (!FINISHED.includes(job.status as string)) throw busy();
    await this.db.kysely.transaction().execute(async (trx) => {
      await trx.deleteFrom('import_errors').where('import_id', '=', id).execute();
      await trx.deleteFrom('import_duplicates').where('import_id', '=', id).execute();
      // done and failed are final, so a job seen finished is still finished: 0 rows means deleted meanwhile
      const gone = await trx
        .deleteFrom('imports')
        .where('import_id', '=', id)
        .where('status', 'in', FINISHED)
        .executeTakeFirst();
      if (Number(gone.numDeletedRows) === 0) throw notFound(`import ${id}`);
      // what the job was, without what it read: no file name, mapping, preview or errors
      const was = toSummary(job);
      const kept = ['entity', 'status', 'user_id', 'created_at', 'total_rows', 'failed'] as const;
      await recordAudit(trx, this.db.dialect, {
        userId: actor.userId,
        action: 'delete',
        resource: 'imports',
        recordId: id,
        changes: Object.fromEntries(kept.map((k) => [k, [was[k], null]])),
      });
    });
    // a finished job's upload is normally gone already; one left by a dead process goes now
    if (job.file_path) await rm(String(job.file_path), { force: true }).catch(() => {});
  }

  /** Resolves once the job is done or failed (at once if it is not this process's). */
  finished(id: number): Promise<void> {
    if (!this.active.has(id) && !this.queue.some((q) => q.id === id)) return Promise.resolve();
    return new Promise((resolve) => this.waiting.set(id, [...(this.waiting.get(id) ?? []), resolve]));
  }

  /** Takes no more jobs; running ones stop after their current batch, their file readers at once (the server is stopping). */
  stop() {
    this.closing = true;
    this.stopReading.abort();
  }

  /** Stops taking jobs; running ones stop after their current batch and are marked failed. */
  async close() {
    this.stop();
    if (this.timer) clearInterval(this.timer);
    for (const q of this.queue.splice(0)) {
      await this.finish(q.id, 'failed', {
        code: 'server_stopped',
        message: 'The server stopped before the import started.',
      }).catch(() => {});
      await rm(q.job.path, { force: true }).catch(() => {});
      this.settle(q.id);
    }
    await Promise.allSettled(this.active.values());
  }

  private pump() {
    const limit = this.opts.concurrency ?? 2;
    while (!this.closing && this.active.size < limit && this.queue.length > 0) {
      const { id, job } = this.queue.shift() as { id: number; job: NewImport };
      const run = this.runJob(id, job).finally(() => {
        this.active.delete(id);
        this.settle(id);
        this.pump();
      });
      this.active.set(id, run);
    }
  }

  private settle(id: number) {
    for (const resolve of this.waiting.get(id) ?? []) resolve();
    this.waiting.delete(id);
    this.emit('finished', id);
  }

  private async runJob(id: number, job: NewImport): Promise<void> {
    const runner = new ImportRunner(
      this.db,
      this.svc,
      { importId: id, ...job, locale: this.opts.locale },
      {
        ...this.opts.hooks,
        onProgress: (i, processed, total) => this.emit('progress', i, processed, total),
        stopping: () => this.closing,
      },
      this.opts.batchRows,
      { limits: this.opts.limits, signal: this.stopReading.signal },
    );
    let details: Record<string, unknown> = {};
    try {
      await this.db.kysely
        .updateTable('imports')
        .set({ status: 'running', heartbeat_at: this.now() })
        .where('import_id', '=', id)
        .execute();
      const { detected, source } = await runner.detect();
      details = { ...detected };
      await this.db.kysely
        .updateTable('imports')
        .set({ format: detected.format, details: JSON.stringify(details) })
        .where('import_id', '=', id)
        .execute();
      await runner.run(source);
      await this.finish(id, 'done', null, this.withPreview(details, job, runner));
    } catch (e) {
      const known = e instanceof ImportFailure || e instanceof StoppedError || e instanceof AppError;
      if (!known) this.opts.log?.error({ err: e, import_id: id }, 'import failed');
      const failure: JobError = known
        ? {
            code:
              e instanceof ImportFailure
                ? e.code
                : e instanceof StoppedError
                  ? 'server_stopped'
                  : 'unexpected',
            message: (e as Error).message,
          }
        : isUnavailable(e)
          ? {
              code: 'database_unavailable',
              message:
                'The database could not be reached; the rows of finished batches are in. Import the file again.',
            }
          : {
              code: 'unexpected',
              message:
                'The import stopped on an unexpected error (it has been logged); the rows of finished batches are in.',
            };
      await this.finish(id, 'failed', failure, this.withPreview(details, job, runner)).catch((err) =>
        this.opts.log?.error({ err, import_id: id }, 'could not record a failed import'),
      );
    } finally {
      await runner.close().catch(() => {});
      await rm(job.path, { force: true }).catch(() => {});
    }
  }

  /** A dry run keeps its first rows' results, for a wizard to show before the real import. */
  private withPreview(details: Record<string, unknown>, job: NewImport, runner: ImportRunner) {
    return job.options.dry_run ? { ...details, preview: runner.preview } : details;
  }

  private async finish(id: number, status: 'done' | 'failed', error: JobError | null, details?: unknown) {
    await this.db.kysely
      .updateTable('imports')
      .set({
        status,
        error: error?.message.slice(0, 1000) ?? null,
        error_code: error?.code ?? null,
        finished_at: this.now(),
        file_path: null,
        ...(details !== undefined ? { details: JSON.stringify(details) } : {}),
      })
      .where('import_id', '=', id)
      .execute();
  }
}

// Scheduled backups (BACKUP_DIR, BACKUP_EVERY, BACKUP_KEEP): every instance looks now and then,
// and the one that claims the period in the database takes the backup, so that several instances
// on one database take one backup a period between them.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../db/connect.js';
import { isUniqueViolation } from '../db/dialect.js';
import { backupDatabase } from './backup.js';

/** app_settings row holding when the last scheduled backup started (ISO 8601) */
const CLAIM = 'backup_last_at';
const FILE = /^carnet-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d(-\d{3})?Z\.backup\.gz$/;

export interface ScheduleOptions {
  databaseUrl: string;
  dir: string;
  everyMs: number;
  keep: number;
  log: {
    info(obj: object, msg: string): void;
    error(obj: object, msg: string): void;
  };
}

/** The file a backup started at `now` is written to: names sort in time order. */
export const backupFileName = (now: number) =>
  `carnet-${new Date(now).toISOString().replace(/:/g, '-').replace('.', '-')}.backup.gz`;

export class BackupSchedule {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly db: Db,
    private readonly options: ScheduleOptions,
  ) {}

  /**
   * Claims the period that `now` is in, if the last backup started at least BACKUP_EVERY ago:
   * a compare-and-set on one row, which only one instance's UPDATE wins.
   */
  async claim(now: number): Promise<boolean> {
    const stamp = new Date(now).toISOString();
    const row = await this.db.kysely
      .selectFrom('app_settings')
      .select('value')
      .where('name', '=', CLAIM)
      .executeTakeFirst();
    if (!row) {
      try {
        await this.db.kysely.insertInto('app_settings').values({ name: CLAIM, value: stamp }).execute();
        return true;
      } catch (e) {
        if (isUniqueViolation(e)) return false;
        throw e;
      }
    }
    const last = Date.parse(row.value);
    if (Number.isFinite(last) && now - last < this.options.everyMs) return false;
    const r = await this.db.kysely
      .updateTable('app_settings')
      .set({ value: stamp })
      .where('name', '=', CLAIM)
      .where('value', '=', row.value)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** One look: takes a backup if this instance claims the period; returns its file, if any. */
  async tick(now = Date.now()): Promise<string | undefined> {
    if (this.running) return undefined;
    const work = (async () => {
      if (!(await this.claim(now))) return undefined;
      const { file, manifest } = await backupDatabase(
        this.options.databaseUrl,
        join(this.options.dir, backupFileName(now)),
      );
      const removed = await this.prune();
      this.options.log.info(
        { file, rows: manifest.tables.reduce((n, t) => n + t.rows, 0), removed },
        'scheduled backup written',
      );
      return file;
    })();
    this.running = work;
    try {
      return await work;
    } finally {
      this.running = undefined;
    }
  }

  /** Deletes the oldest scheduled backups beyond BACKUP_KEEP (only files named as this writes them). */
  async prune(): Promise<string[]> {
    const names = (await readdir(this.options.dir)).filter((n) => FILE.test(n)).sort();
    const old = names.slice(0, Math.max(0, names.length - this.options.keep));
    for (const n of old) await rm(join(this.options.dir, n), { force: true });
    return old;
  }

  /** Looks every minute (or every BACKUP_EVERY, if shorter), starting now. */
  start() {
    const look = () =>
      void this.tick().catch((e) => this.options.log.error({ err: e }, 'scheduled backup failed'));
    look();
    this.timer = setInterval(look, Math.min(60_000, this.options.everyMs)).unref();
  }

  /** No new backup starts; one running is awaited (its file appears only once whole). */
  async stop() {
    clearInterval(this.timer);
    await this.running?.catch(() => {});
  }
}

// `crm restore FILE`: a backup (format.ts, ADR 017) into an empty database of any of the three
// kinds. The file is checked whole first; then the schema of the backup's version is made, its
// rows are written, and the migrations since are applied: in one transaction on SQLite and
// PostgreSQL, whose schema changes are transactional. MariaDB/MySQL cannot undo a schema change,
// so there the rows go in one transaction and a failure drops what the restore made.
import { type Kysely, sql } from 'kysely';
import type { DialectName, Locale } from '../config.js';
import type { LooseDb } from '../crud/resource.js';
import { connect } from '../db/connect.js';
import { migrateOnConnection, migrations } from '../db/migrate.js';
import { readCatalog, type TableInfo } from './catalog.js';
import { BackupFileError, type Manifest, openBackup, verifyBackup, walkTables } from './format.js';
import { fromPortable, type Portable } from './values.js';

export class RestoreRefused extends Error {}

export interface RestoreOptions {
  /** replace whatever the target database holds (its tables are dropped first) */
  force?: boolean;
  locale?: Locale;
  country?: string;
}

export interface RestoreResult {
  manifest: Manifest;
  /** the migrations applied after the rows, from the backup's schema to this version's */
  migrated: string[];
}

/** Refuses a backup whose schema this version does not have (a newer Carnet's, or another lineage). */
function checkSchema(manifest: Manifest, known: string[]) {
  const position = known.indexOf(manifest.schema);
  if (position < 0)
    throw new RestoreRefused(
      `the backup's schema (${manifest.schema || 'none'}) is newer than this version of Carnet, or not Carnet's ` +
        `(this version knows up to ${known.at(-1)}); restore it with the version that made it, or a newer one`,
    );
  const expected = known.slice(0, position + 1);
  if (manifest.migrations.join() !== expected.join())
    throw new RestoreRefused(`the backup's migrations are not this version's up to ${manifest.schema}`);
}

async function tableNames(db: LooseDb, dialect: DialectName): Promise<string[]> {
  const q =
    dialect === 'sqlite'
      ? sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`
      : sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_type = 'BASE TABLE' and table_schema = ${dialect === 'postgres' ? sql`current_schema()` : sql`database()`}`;
  return (await q.execute(db)).rows.map((r) => r.name);
}

async function dropAll(db: LooseDb, dialect: DialectName) {
  const names = await tableNames(db, dialect);
  if (dialect === 'mysql') await sql`set foreign_key_checks = 0`.execute(db);
  for (const n of names)
    await sql`drop table ${sql.table(n)}${dialect === 'postgres' ? sql` cascade` : sql``}`.execute(db);
  if (dialect === 'mysql') await sql`set foreign_key_checks = 1`.execute(db);
  if (dialect === 'sqlite' && (await tableNames(db, dialect)).length === 0) {
    // dropped tables leave their counters behind (AUTOINCREMENT)
    const seq = await sql<{
      n: number;
    }>`select count(*) as n from sqlite_master where name = 'sqlite_sequence'`.execute(db);
    if (Number(seq.rows[0]?.n) > 0) await sql`delete from sqlite_sequence`.execute(db);
  }
}

/** Rows a batch: a statement stays under every database's limit of bound parameters. */
const batchSize = (columns: number) => Math.max(1, Math.min(500, Math.floor(30_000 / Math.max(1, columns))));

/** Writes the backup's rows into the schema made for its version, checking them as they stream. */
async function writeRows(db: LooseDb, dialect: DialectName, file: string, manifest: Manifest) {
  const catalog = new Map((await readCatalog(db, dialect)).map((t) => [t.name, t]));
  for (const t of manifest.tables) {
    const target = catalog.get(t.name);
    if (!target)
      throw new RestoreRefused(`table ${t.name} of the backup is not in the schema ${manifest.schema}`);
    const missing = t.columns.filter(([c]) => !target.columns.some((tc) => tc.name === c));
    if (missing.length)
      throw new RestoreRefused(
        `columns ${missing.map(([c]) => c).join(', ')} of ${t.name} are not in schema ${manifest.schema}`,
      );
  }
  // the migrations seed rows (stages, lost reasons): the backup's own replace them
  for (const t of [...catalog.values()].reverse()) await db.deleteFrom(t.name).execute();

  const { lines } = await openBackup(file);
  let pending: Record<string, unknown>[] = [];
  const flush = async (table: string) => {
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    await db.insertInto(table).values(rows).execute();
  };
  await walkTables(
    manifest,
    lines,
    async (table, values: Portable[]) => {
      const target = catalog.get(table.name) as TableInfo;
      const row: Record<string, unknown> = {};
      table.columns.forEach(([name], i) => {
        const type = target.columns.find((c) => c.name === name)?.type ?? 'text';
        row[name] = fromPortable(values[i] as Portable, type, dialect);
      });
      pending.push(row);
      if (pending.length >= batchSize(table.columns.length)) await flush(table.name);
    },
    async (table) => {
      await flush(table.name);
      const { rows } = await sql<{
        n: string | number;
      }>`select count(*) as n from ${sql.table(table.name)}`.execute(db);
      if (Number(rows[0]?.n) !== table.rows)
        throw new BackupFileError(
          `table ${table.name} has ${rows[0]?.n} rows after the restore, the backup ${table.rows}`,
        );
    },
  );
  if (dialect === 'postgres')
    for (const t of catalog.values())
      for (const c of t.columns.filter((c) => c.serial))
        await sql`select setval(pg_get_serial_sequence(${t.name}, ${c.name}),
          coalesce((select max(${sql.ref(c.name)}) from ${sql.table(t.name)}), 0) + 1, false)`.execute(db);
}

/**
 * Restores `file` into the database at `databaseUrl`, which must have no tables unless `force`.
 * Refuses (RestoreRefused, BackupFileError) before changing anything when the file is damaged,
 * truncated or of a newer schema, or the target is not empty.
 */
export async function restoreDatabase(
  databaseUrl: string,
  file: string,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  const locale = options.locale ?? 'fr';
  const country = options.country ?? 'FR';
  const manifest = await verifyBackup(file);
  checkSchema(manifest, Object.keys(migrations(locale, country)));
  const db = connect(databaseUrl, { poolSize: 1, preparedStatements: false, timeouts: { statementMs: 0 } });
  const dialect = db.dialect;
  try {
    return await db.kysely.connection().execute(async (conn) => {
      const existing = await tableNames(conn, dialect);
      if (existing.length > 0 && !options.force)
        throw new RestoreRefused(
          `the target database is not empty (${existing.length} tables); restore into an empty database, ` +
            'or pass --force to replace everything it holds',
        );
      const migrate = (to: string) =>
        migrateOnConnection(conn as Kysely<unknown>, dialect, to, locale, country);
      const applied = (r: Awaited<ReturnType<typeof migrate>>) =>
        r.results?.filter((x) => x.status === 'Success').map((x) => x.migrationName) ?? [];
      if (dialect === 'mysql') return await restoreMysql(conn, file, manifest, migrate, applied);
      // SQLite checks foreign keys at the end (a migration remakes tables); the setting cannot
      // change inside a transaction
      if (dialect === 'sqlite') await sql`pragma foreign_keys = off`.execute(conn);
      await sql.raw(dialect === 'sqlite' ? 'begin immediate' : 'begin').execute(conn);
      try {
        if (options.force) await dropAll(conn, dialect);
        await migrate(manifest.schema);
        await writeRows(conn, dialect, file, manifest);
        const migrated = applied(await migrate('latest'));
        if (dialect === 'sqlite') {
          const broken = await sql<{ table: string }>`pragma foreign_key_check`.execute(conn);
          if (broken.rows.length > 0)
            throw new BackupFileError(`the backup's rows break foreign keys in ${broken.rows[0]?.table}`);
        }
        await sql`commit`.execute(conn);
        return { manifest, migrated };
      } catch (e) {
        await sql`rollback`.execute(conn);
        throw e;
      } finally {
        if (dialect === 'sqlite') await sql`pragma foreign_keys = on`.execute(conn);
      }
    });
  } finally {
    await db.destroy();
  }
}

async function restoreMysql(
  conn: LooseDb,
  file: string,
  manifest: Manifest,
  migrate: (to: string) => Promise<Awaited<ReturnType<typeof migrateOnConnection>>>,
  applied: (r: Awaited<ReturnType<typeof migrateOnConnection>>) => string[],
): Promise<RestoreResult> {
  // the target was checked empty or is replaced (--force): dropping what is there is the start,
  // and dropping what the restore made is its undo
  await dropAll(conn, 'mysql');
  try {
    await migrate(manifest.schema);
    await sql`start transaction`.execute(conn);
    try {
      await writeRows(conn, 'mysql', file, manifest);
      await sql`commit`.execute(conn);
    } catch (e) {
      await sql`rollback`.execute(conn);
      throw e;
    }
    return { manifest, migrated: applied(await migrate('latest')) };
  } catch (e) {
    await dropAll(conn, 'mysql');
    throw e;
  }
}

import {
  type Kysely,
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
  Migrator,
  NO_MIGRATIONS,
  sql,
} from 'kysely';
import type { DialectName, Locale } from '../config.js';
import { type ConnectOptions, connect, type Db, withoutNamedStatements } from './connect.js';
import { coreMigration } from './migrations/2026_11_25_0001_core.js';
import { authAuditMigration } from './migrations/2026_11_25_0002_auth_audit.js';
import { importsMigration } from './migrations/2026_11_25_0003_imports.js';
import { pipelineTotalsMigration } from './migrations/2026_11_25_0004_pipeline_totals.js';
import { listIndexesMigration } from './migrations/2026_11_25_0005_list_indexes.js';
import { searchWordsMigration } from './migrations/2026_11_29_0006_search_words.js';
import { sortIndexesMigration } from './migrations/2026_11_29_0007_sort_indexes.js';
import { importErrorCodesMigration } from './migrations/2026_11_29_0008_import_error_codes.js';
import { stageForeignKeyMigration } from './migrations/2026_12_06_0009_stage_foreign_key.js';
import { closingMigration } from './migrations/2026_12_06_0010_closing.js';
import { accountLinksMigration } from './migrations/2026_12_06_0011_account_links.js';
import { importUndoMigration } from './migrations/2026_12_06_0012_import_undo.js';
import { nameKeysMigration } from './migrations/2026_12_06_0013_name_keys.js';
import { phoneKeysMigration } from './migrations/2026_12_06_0014_phone_keys.js';
import { taskDueDatesMigration } from './migrations/2026_12_06_0015_task_due_dates.js';
import { importErrorDetailsMigration } from './migrations/2026_12_06_0016_import_error_details.js';
import { nameWordsMigration } from './migrations/2026_12_07_0017_name_words.js';
import { standardFieldsMigration } from './migrations/2026_12_07_0018_standard_fields.js';
import { savedViewsMigration } from './migrations/2026_12_07_0019_saved_views.js';
import { customFieldsMigration } from './migrations/2026_12_07_0020_custom_fields.js';
import { tagsMigration } from './migrations/2026_12_07_0021_tags.js';
import { contactChannelsMigration } from './migrations/2026_12_07_0022_contact_channels.js';
import { importWarningsMigration } from './migrations/2026_12_07_0023_import_warnings.js';

/**
 * Migrations are listed here (not read from a folder) so the built server carries them. `country`
 * (CRM_DEFAULT_COUNTRY) is the region phone numbers without a country code are read in.
 */
export function migrations(locale: Locale, country = 'FR'): Record<string, Migration> {
  return {
    '2026_11_25_0001_core': coreMigration(locale),
    '2026_11_25_0002_auth_audit': authAuditMigration,
    '2026_11_25_0003_imports': importsMigration,
    '2026_11_25_0004_pipeline_totals': pipelineTotalsMigration,
    '2026_11_25_0005_list_indexes': listIndexesMigration,
    '2026_11_29_0006_search_words': searchWordsMigration,
    '2026_11_29_0007_sort_indexes': sortIndexesMigration,
    '2026_11_29_0008_import_error_codes': importErrorCodesMigration,
    '2026_12_06_0009_stage_foreign_key': stageForeignKeyMigration,
    '2026_12_06_0010_closing': closingMigration(locale),
    '2026_12_06_0011_account_links': accountLinksMigration,
    '2026_12_06_0012_import_undo': importUndoMigration,
    '2026_12_06_0013_name_keys': nameKeysMigration,
    '2026_12_06_0014_phone_keys': phoneKeysMigration(country),
    '2026_12_06_0015_task_due_dates': taskDueDatesMigration,
    '2026_12_06_0016_import_error_details': importErrorDetailsMigration,
    '2026_12_07_0017_name_words': nameWordsMigration,
    '2026_12_07_0018_standard_fields': standardFieldsMigration,
    '2026_12_07_0019_saved_views': savedViewsMigration,
    '2026_12_07_0020_custom_fields': customFieldsMigration,
    '2026_12_07_0021_tags': tagsMigration,
    '2026_12_07_0022_contact_channels': contactChannelsMigration,
    '2026_12_07_0023_import_warnings': importWarningsMigration,
  };
}

export class MigrationError extends Error {}

const CORE_TABLES = [
  'users',
  'companies',
  'contacts',
  'pipeline_stages',
  'opportunities',
  'interactions',
  'tasks',
];

/**
 * Refuses, before touching anything, a database that Carnet never migrated but that already has
 * tables with our names (e.g. made from the seed design's own CREATE TABLEs): creating over them
 * would fail halfway and leave stray tables behind, as MySQL cannot undo DDL.
 */
async function refuseForeignTables(db: Db): Promise<void> {
  const tables = (
    db.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db.kysely)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = ${db.dialect === 'postgres' ? sql`current_schema()` : sql`database()`}`.execute(
          db.kysely,
        )
  ).rows.map((r) => r.name);
  // Kysely makes its bookkeeping tables before any migration runs: with them, the tables are ours
  // (or another instance is creating them right now), and Kysely's lock and records take over.
  if (tables.includes('kysely_migration')) return;
  const clash = CORE_TABLES.filter((t) => tables.includes(t));
  if (clash.length > 0) {
    throw new MigrationError(
      `the database already has tables that Carnet did not create (${clash.join(', ')}); ` +
        'nothing was changed. Point DATABASE_URL at an empty database, then bring existing rows in with the importer.',
    );
  }
}

/**
 * Refuses a database migrated by a newer Carnet (it has migrations this version does not know):
 * running this version's code against it could misread or damage its rows.
 */
async function refuseNewerSchema(db: Pick<Db, 'kysely' | 'dialect'>, known: string[]): Promise<void> {
  const bookkeeping =
    db.dialect === 'sqlite'
      ? sql`select name from sqlite_master where type = 'table' and name = 'kysely_migration'`
      : sql`select table_name from information_schema.tables where table_name = 'kysely_migration'
          and table_schema = ${db.dialect === 'postgres' ? sql`current_schema()` : sql`database()`}`;
  // asked first: a failed SELECT would abort the caller's PostgreSQL transaction
  if ((await bookkeeping.execute(db.kysely)).rows.length === 0) return; // a new database
  const applied = (
    await sql<{ name: string }>`select name from kysely_migration`.execute(db.kysely)
  ).rows.map((r) => r.name);
  const unknown = applied.filter((n) => !known.includes(n)).sort();
  if (unknown.length > 0)
    throw new MigrationError(
      `the database's schema is newer than this version of Carnet (it has migration ${unknown.at(-1)}, ` +
        `this version knows up to ${known.at(-1)}); nothing was changed. Run the newer version of Carnet.`,
    );
}

/** Brings the database to the latest schema; safe to run on every start and from several instances. */
export function migrateToLatest(db: Db, locale: Locale = 'fr', country = 'FR'): Promise<MigrationResultSet> {
  return migrateWith(db, locale, country, (m) => m.migrateToLatest());
}

/** Brings the database up or down to the named migration (for tests: a release only goes forward). */
export function migrateTo(
  db: Db,
  target: string,
  locale: Locale = 'fr',
  country = 'FR',
): Promise<MigrationResultSet> {
  return migrateWith(db, locale, country, (m) => m.migrateTo(target));
}

async function migrateWith(
  db: Db,
  locale: Locale,
  country: string,
  step: (migrator: Migrator) => Promise<MigrationResultSet>,
): Promise<MigrationResultSet> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(locale, country) };
  const migrator = new Migrator({ db: db.kysely, provider });
  const run = async () => {
    await refuseForeignTables(db);
    await refuseNewerSchema(db, Object.keys(migrations(locale, country)));
    return step(migrator);
  };
  const result =
    db.dialect === 'sqlite' ? await inSqliteTransaction(db, run) : await withoutNamedStatements(run);
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    throw new MigrationError(`migration ${failed ?? '?'} failed: ${(result.error as Error).message}`, {
      cause: result.error,
    });
  }
  return result;
}

/**
 * Migrates a database through one connection the caller already holds, inside the caller's own
 * transaction where the database has transactional DDL (a restore: ADR 017). `target` is a
 * migration's name, or `latest`, or `none` for an empty schema.
 */
export async function migrateOnConnection(
  conn: Kysely<unknown>,
  dialect: DialectName,
  target: string,
  locale: Locale = 'fr',
  country = 'FR',
): Promise<MigrationResultSet> {
  const all = migrations(locale, country);
  const provider: MigrationProvider = { getMigrations: async () => all };
  const db = { kysely: conn as Db['kysely'], dialect };
  const migrator = new Migrator({ db: conn, provider, disableTransactions: true });
  await refuseNewerSchema(db, Object.keys(all));
  const result =
    target === 'latest'
      ? await migrator.migrateToLatest()
      : await migrator.migrateTo(target === 'none' ? NO_MIGRATIONS : target);
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    throw new MigrationError(`migration ${failed ?? '?'} failed: ${(result.error as Error).message}`, {
      cause: result.error,
    });
  }
  return result;
}

/**
 * Migrates through a connection of its own without the statement timeout: a migration may build
 * an index over a large table for minutes. SQLite has no statement timeout, and its `:memory:`
 * database is the one connection's own, so `db` itself is migrated.
 */
export async function migrateWithoutTimeout(
  db: Db,
  databaseUrl: string,
  locale: Locale = 'fr',
  options: Pick<ConnectOptions, 'timeouts'> & { country?: string } = {},
): Promise<MigrationResultSet> {
  if (db.dialect === 'sqlite') return migrateToLatest(db, locale, options.country);
  const own = connect(databaseUrl, { poolSize: 1, timeouts: { ...options.timeouts, statementMs: 0 } });
  try {
    return await migrateToLatest(own, locale, options.country);
  } finally {
    await own.destroy();
  }
}

/**
 * Kysely runs SQLite migrations outside any transaction and without a lock. SQLite's DDL is
 * transactional and a Kysely SQLite instance has one connection, so one IMMEDIATE transaction
 * around the run makes a failed migration leave nothing behind and makes a second process wait
 * for the first (busy_timeout) instead of failing on "table already exists".
 *
 * SQLite adds a constraint by making the table again (2026_12_06_0009), and dropping a table that
 * others point at is refused while foreign keys are on; the setting cannot change inside a
 * transaction. So, as SQLite's documentation describes, they are off during the run and every
 * key is checked before the commit: a migration that broke one is rolled back.
 */
async function inSqliteTransaction(db: Db, run: () => Promise<MigrationResultSet>) {
  const { rows } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db.kysely);
  const keysWereOn = Number(rows[0]?.foreign_keys) === 1;
  await sql`pragma foreign_keys = off`.execute(db.kysely);
  try {
    await sql`begin immediate`.execute(db.kysely);
    let result: MigrationResultSet;
    try {
      result = await run();
      if (!result.error && keysWereOn && (result.results?.length ?? 0) > 0) {
        const broken = await sql<{ table: string }>`pragma foreign_key_check`.execute(db.kysely);
        if (broken.rows.length > 0)
          result = {
            ...result,
            error: new Error(
              `foreign keys broken in ${[...new Set(broken.rows.map((r) => r.table))].join(', ')}`,
            ),
          };
      }
    } catch (e) {
      await sql`rollback`.execute(db.kysely);
      throw e;
    }
    await sql.raw(result.error ? 'rollback' : 'commit').execute(db.kysely);
    return result;
  } finally {
    if (keysWereOn) await sql`pragma foreign_keys = on`.execute(db.kysely);
  }
}

import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from 'kysely';
import type { Locale } from '../config.js';
import type { Db } from './connect.js';
import { coreMigration } from './migrations/2026_11_25_0001_core.js';
import { authAuditMigration } from './migrations/2026_11_25_0002_auth_audit.js';

/** Migrations are listed here (not read from a folder) so the built server carries them. */
function migrations(locale: Locale): Record<string, Migration> {
  return {
    '2026_11_25_0001_core': coreMigration(locale),
    '2026_11_25_0002_auth_audit': authAuditMigration,
  };
}

export class MigrationError extends Error {}

/** Brings the database to the latest schema; safe to run on every start and from several instances. */
export async function migrateToLatest(db: Db, locale: Locale = 'fr'): Promise<MigrationResultSet> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(locale) };
  const migrator = new Migrator({ db: db.kysely, provider });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    throw new MigrationError(`migration ${failed ?? '?'} failed: ${(result.error as Error).message}`, {
      cause: result.error,
    });
  }
  return result;
}

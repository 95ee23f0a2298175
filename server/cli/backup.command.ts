// `crm backup --out FILE` and `crm restore FILE` (ADR 017), with the server's DATABASE_URL.
import type { Command } from 'commander';
import { backupDatabase } from '../backup/backup.js';
import { restoreDatabase } from '../backup/restore.js';
import type { Config } from '../config.js';
import type { CliIo } from './io.js';

const total = (tables: { rows: number }[]) => tables.reduce((n, t) => n + t.rows, 0);

export function registerBackupCommands(program: Command, config: () => Config, io: CliIo) {
  program
    .command('backup')
    .description('write a consistent backup of the whole database, also while the server runs')
    .requiredOption('--out <file>', 'the backup file to write (gzip’d JSON lines), e.g. carnet.backup.gz')
    .action(async (opts: { out: string }) => {
      const { file, manifest } = await backupDatabase(config().databaseUrl, opts.out);
      io.out(
        `backed up ${manifest.tables.length} tables, ${total(manifest.tables)} rows, schema ${manifest.schema}, to ${file}`,
      );
    });

  program
    .command('restore')
    .description('restore a backup into the empty database of DATABASE_URL (SQLite, PostgreSQL or MariaDB)')
    .argument('<file>', 'a file written by `crm backup`')
    .option('--force', 'replace everything the target database holds')
    .action(async (file: string, opts: { force?: boolean }) => {
      const c = config();
      const { manifest, migrated } = await restoreDatabase(c.databaseUrl, file, {
        force: Boolean(opts.force),
        locale: c.defaultLocale,
        country: c.defaultCountry,
      });
      io.out(
        `restored ${manifest.tables.length} tables, ${total(manifest.tables)} rows (backup of ${manifest.created_at}, ${manifest.source})` +
          (migrated.length ? `; then applied ${migrated.length} migrations up to ${migrated.at(-1)}` : ''),
      );
    });
}

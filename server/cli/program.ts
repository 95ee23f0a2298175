import { Command, CommanderError } from 'commander';
import { loadConfig } from '../config.js';
import { connect, type Db } from '../db/connect.js';
import { migrateWithoutTimeout } from '../db/migrate.js';
import { setDefaultCountry } from '../lib/phone.js';
import { registerBackupCommands } from './backup.command.js';
import { registerImportExportCommands } from './import-export.command.js';
import type { CliIo } from './io.js';
import { registerUserCommands } from './users.command.js';

/** `npm run crm -- <command>`; returns the exit code instead of exiting, so tests can run it. */
export async function runCli(
  argv: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const program = new Command('crm')
    .description('Carnet from the command line (uses DATABASE_URL like the server)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  const openDb = async (): Promise<Db> => {
    const config = loadConfig(env, env === process.env);
    const timeouts = config.databaseTimeouts;
    const db = connect(config.databaseUrl, {
      poolSize: 2,
      preparedStatements: config.preparedStatements,
      timeouts,
    });
    setDefaultCountry(config.defaultCountry);
    await migrateWithoutTimeout(db, config.migrationUrl, config.defaultLocale, {
      timeouts,
      country: config.defaultCountry,
    });
    return db;
  };
  registerUserCommands(program, openDb, io);
  registerBackupCommands(program, () => loadConfig(env, env === process.env), io);
  registerImportExportCommands(
    program,
    openDb,
    io,
    () => loadConfig(env, env === process.env).imports,
    () => loadConfig(env, env === process.env).defaultLocale,
  );
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    io.err(`error: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

import { loadConfig } from '../config.js';
import { connect } from './connect.js';
import { migrateToLatest } from './migrate.js';

const config = loadConfig();
// no statement timeout: a migration may build an index over a large table for minutes
const db = connect(config.migrationUrl, {
  poolSize: 1,
  timeouts: { ...config.databaseTimeouts, statementMs: 0 },
});
try {
  const result = await migrateToLatest(db, config.defaultLocale, config.defaultCountry);
  const applied = result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
} finally {
  await db.destroy();
}

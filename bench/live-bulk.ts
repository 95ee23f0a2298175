// The limit an import into a live database is measured against (bench/io.ts).
import type { DialectName } from '../server/config.js';
import { connect } from '../server/db/connect.js';
import { migrateToLatest } from '../server/db/migrate.js';
import type { BenchTarget } from './databases.js';
import { nameWordsTable, sizesFor, type Table, tables, wordsTable } from './generate.js';
import { bulkLoad } from './load.js';

/**
 * Contacts/s of the bulk path (load.ts) writing what an import of `rows` contacts writes — the
 * contacts, their search and name words, an audit entry each — into a freshly migrated database with its
 * indexes in place. The bench database's own load builds its indexes after the rows, a path open
 * to an empty database only; an import writes into a live one.
 */
export async function liveBulkRate(dialect: DialectName, t: BenchTarget, rows: number): Promise<number> {
  await t.recreate();
  const db = connect(t.url);
  await migrateToLatest(db);
  await db.destroy();
  const contacts = tables(sizesFor(rows / 1_000_000)).find((x) => x.name === 'contacts') as Table;
  const words = wordsTable([contacts]);
  const names = nameWordsTable([contacts]);
  const fields = ['first_name', 'last_name', 'email', 'phone', 'company_id', 'owner_id'];
  const audit: Table = {
    name: 'audit_events',
    idColumn: '',
    columns: ['occurred_at', 'user_id', 'action', 'resource', 'record_id', 'changes'],
    timestampColumns: ['occurred_at'],
    count: contacts.count,
    *rows() {
      for (const row of contacts.rows()) {
        const changes = Object.fromEntries(fields.map((f) => [f, [null, row[f] ?? null]]));
        yield {
          occurred_at: row.created_at,
          user_id: null,
          action: 'create',
          resource: 'contacts',
          record_id: row.contact_id,
          changes: JSON.stringify(changes),
        };
      }
    },
  };
  const load = await bulkLoad(dialect, t.url, [contacts, words, names, audit], { keepIndexes: true });
  const ms = load.tables.reduce((sum, x) => sum + x.ms, 0) + load.indexMs;
  await t.drop();
  return Math.round(rows / (ms / 1000));
}

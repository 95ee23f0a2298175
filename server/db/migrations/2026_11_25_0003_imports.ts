// Import jobs and their row errors, and an index for finding an opportunity by name within a
// company (the importer's duplicate rule). Frozen: never edit.
import { type Migration, sql } from 'kysely';
import { type AnyDb, dialectOfDb, idColumn, tableOptions, types } from './dialect.js';

export const importsMigration: Migration = {
  async up(db: AnyDb) {
    const d = dialectOfDb(db);
    const ty = types(d);
    const create = (name: string) => db.schema.createTable(name).modifyEnd(tableOptions(d));

    await create('imports')
      .addColumn('import_id', ty.id, idColumn(d))
      .addColumn('entity', 'varchar(20)', (c) => c.notNull())
      .addColumn('status', 'varchar(10)', (c) => c.notNull())
      .addColumn('file_name', 'varchar(255)')
      // where the uploaded file waits on the server that received it; cleared once it is removed
      .addColumn('file_path', 'varchar(1000)')
      .addColumn('format', 'varchar(10)')
      // JSON: dry_run, on_duplicate and the mapping the client sent
      .addColumn('options', ty.longText, (c) => c.notNull())
      // JSON: what was detected (encoding, delimiter, header row, headers, mapping) and a preview
      .addColumn('details', ty.longText)
      .addColumn('total_rows', 'integer')
      .addColumn('processed_rows', 'integer', (c) => c.notNull())
      .addColumn('created_count', 'integer', (c) => c.notNull())
      .addColumn('updated_count', 'integer', (c) => c.notNull())
      .addColumn('skipped_count', 'integer', (c) => c.notNull())
      .addColumn('failed_count', 'integer', (c) => c.notNull())
      .addColumn('error', 'varchar(1000)')
      .addColumn('user_id', 'integer', (c) => c.references('users.user_id'))
      .addColumn('created_at', ty.timestamp, (c) => c.notNull())
      // a running job touches it regularly; one left untouched belonged to a process that died
      .addColumn('heartbeat_at', ty.timestamp, (c) => c.notNull())
      .addColumn('finished_at', ty.timestamp)
      .execute();
    await db.schema.createIndex('imports_user_idx').on('imports').columns(['user_id', 'import_id']).execute();
    await db.schema.createIndex('imports_status_idx').on('imports').columns(['status']).execute();

    await create('import_errors')
      .addColumn('error_id', ty.id, idColumn(d))
      .addColumn('import_id', 'integer', (c) => c.notNull().references('imports.import_id'))
      .addColumn('row_no', 'integer', (c) => c.notNull())
      .addColumn('field', 'varchar(100)', (c) => c.notNull())
      .addColumn('message', 'varchar(1000)', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('import_errors_import_idx')
      .on('import_errors')
      .columns(['import_id', 'error_id'])
      .execute();

    // search_text is the folded name; MySQL's index key limit (3072 bytes) holds 4 + 512×4 bytes
    await sql`create index opportunities_dedupe_idx on opportunities (company_id, search_text)`.execute(db);
  },
  async down(db: AnyDb) {
    await db.schema.dropIndex('opportunities_dedupe_idx').on('opportunities').execute();
    await db.schema.dropTable('import_errors').execute();
    await db.schema.dropTable('imports').execute();
  },
};

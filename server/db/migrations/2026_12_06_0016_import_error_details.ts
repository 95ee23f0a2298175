// Import errors a person can act on (issue 12): a failed row keeps its cells as the file had them
// (so errors.csv gives the row back, ready to fix and import again), errors can be paged by code,
// and the rows skipped as duplicates name the record they matched. Rows of earlier jobs keep null
// cells and no duplicates (there is nothing to backfill them from). Frozen: never edit.
import type { Migration } from 'kysely';
import { type AnyDb, dialectOfDb, idColumn, tableOptions, types } from './dialect.js';

export const importErrorDetailsMigration: Migration = {
  async up(db: AnyDb) {
    const d = dialectOfDb(db);
    const ty = types(d);
    // JSON array of strings: the row's cells in the file's column order (a row is ≤ 1 MiB of text)
    await db.schema.alterTable('import_errors').addColumn('cells', ty.longText).execute();
    await db.schema
      .createIndex('import_errors_code_idx')
      .on('import_errors')
      .columns(['import_id', 'code', 'error_id'])
      .execute();
    await db.schema
      .createTable('import_duplicates')
      .modifyEnd(tableOptions(d))
      .addColumn('duplicate_id', ty.id, idColumn(d))
      .addColumn('import_id', 'integer', (c) => c.notNull().references('imports.import_id'))
      .addColumn('row_no', 'integer', (c) => c.notNull())
      // the existing record the row matched; no foreign key: the record may be deleted since
      .addColumn('record_id', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('import_duplicates_import_idx')
      .on('import_duplicates')
      .columns(['import_id', 'duplicate_id'])
      .execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('import_duplicates').execute();
    // DROP INDEX … ON is MySQL's form; SQLite and PostgreSQL name the index alone
    const drop = db.schema.dropIndex('import_errors_code_idx');
    await (dialectOfDb(db) === 'mysql' ? drop.on('import_errors') : drop).execute();
    await db.schema.alterTable('import_errors').dropColumn('cells').execute();
  },
};

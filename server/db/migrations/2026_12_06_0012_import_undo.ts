// Undoing an import (docs/import-export.md, "Undoing an import"): every audit entry an import
// writes names its job, so the job knows what it created and updated; a job records when it was
// undone, so that it is undone once. Jobs made before keep undo_version 0: their entries name no
// job and they cannot be undone. Frozen: never edit.
import type { Migration } from 'kysely';
import { type AnyDb, dialectOfDb, types } from './dialect.js';

export const importUndoMigration: Migration = {
  async up(db: AnyDb) {
    const ty = types(dialectOfDb(db));
    await db.schema.alterTable('audit_events').addColumn('import_id', 'integer').execute();
    await db.schema
      .createIndex('audit_import_idx')
      .on('audit_events')
      .columns(['import_id', 'audit_id'])
      .execute();
    // 1: the job's audit entries carry its import_id (a number, not a boolean: the same on every database)
    await db.schema
      .alterTable('imports')
      .addColumn('undo_version', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('imports').addColumn('undone_at', ty.timestamp).execute();
  },
  async down(db: AnyDb) {
    await db.schema.alterTable('imports').dropColumn('undone_at').execute();
    await db.schema.alterTable('imports').dropColumn('undo_version').execute();
    // DROP INDEX … ON is MySQL's form; SQLite and PostgreSQL name the index alone
    const drop = db.schema.dropIndex('audit_import_idx');
    await (dialectOfDb(db) === 'mysql' ? drop.on('audit_events') : drop).execute();
    await db.schema.alterTable('audit_events').dropColumn('import_id').execute();
  },
};

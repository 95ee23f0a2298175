// The stable codes of import errors (docs/api.md, "Errors"), so that a client shows them in its
// user's language: each row error's code and its parameters, and the code of a job that failed as
// a whole. Rows of earlier imports keep null codes (their English message stays). Frozen: never edit.
import type { Migration } from 'kysely';
import { type AnyDb, dialectOfDb, types } from './dialect.js';

export const importErrorCodesMigration: Migration = {
  async up(db: AnyDb) {
    const ty = types(dialectOfDb(db));
    await db.schema.alterTable('import_errors').addColumn('code', 'varchar(50)').execute();
    // JSON: limit, allowed, expected, fields (the code's parameters), when it has some
    await db.schema.alterTable('import_errors').addColumn('params', ty.longText).execute();
    await db.schema.alterTable('imports').addColumn('error_code', 'varchar(50)').execute();
  },
  async down(db: AnyDb) {
    await db.schema.alterTable('imports').dropColumn('error_code').execute();
    await db.schema.alterTable('import_errors').dropColumn('params').execute();
    await db.schema.alterTable('import_errors').dropColumn('code').execute();
  },
};

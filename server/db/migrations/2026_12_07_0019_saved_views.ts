// Saved views (issue 13): a list's filters, sort and columns under a name, personal or shared with
// the team. The query and the columns are JSON text: they are read and written whole, never
// filtered on. A name is unique per list among a user's own views, and among the shared ones.
// Frozen: never edit.
import { type Migration, sql } from 'kysely';
import { type AnyDb, binary, dialectOfDb, idColumn, tableOptions, types } from './dialect.js';

export const savedViewsMigration: Migration = {
  async up(db: AnyDb) {
    const d = dialectOfDb(db);
    const ty = types(d);
    await db.schema
      .createTable('saved_views')
      .modifyEnd(tableOptions(d))
      .addColumn('view_id', ty.id, idColumn(d))
      .addColumn('resource', 'varchar(20)', (c) => c.notNull())
      .addColumn('name', 'varchar(100)', (c) => c.notNull())
      // the name folded (nameKey): "Mes affaires" and "mes affaires" are one name
      .addColumn('name_key', 'varchar(100)', (c) => binary(d)(c.notNull()))
      .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.user_id'))
      .addColumn('shared', ty.boolean, (c) => c.notNull().defaultTo(d === 'sqlite' ? sql`0` : sql`false`))
      // one owner's personal names and the shared names are two spaces: 0 for shared, else the owner
      .addColumn('scope', 'integer', (c) => c.notNull())
      .addColumn('query', ty.longText, (c) => c.notNull())
      .addColumn('columns', ty.longText)
      .addColumn('created_at', ty.timestamp, (c) => c.notNull())
      .addColumn('updated_at', ty.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('saved_views_name_uq')
      .on('saved_views')
      .columns(['resource', 'scope', 'name_key'])
      .unique()
      .execute();
    await db.schema.createIndex('saved_views_owner_idx').on('saved_views').columns(['owner_id']).execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('saved_views').execute();
  },
};

// Tags (issue 13): named, coloured labels on contacts, companies and opportunities. A record's tags
// are the names in its `tags` column (JSON text, read and written with the record: its ETag, audit
// entries, import and GDPR erasure stay those of the row); `record_tags` indexes them, kept in step
// in the same transaction (server/tags/record-tags.ts), so `?tag=` walks an index and a rename or
// merge finds the records to rewrite. A name is unique by its folded key (case and accents).
// Frozen: never edit.
import type { Migration } from 'kysely';
import { type AnyDb, binary, dialectOfDb, idColumn, tableOptions, types } from './dialect.js';

/** the records that can be tagged */
const TABLES = ['contacts', 'companies', 'opportunities'];

export const tagsMigration: Migration = {
  async up(db: AnyDb) {
    const d = dialectOfDb(db);
    const ty = types(d);
    await db.schema
      .createTable('tags')
      .modifyEnd(tableOptions(d))
      .addColumn('tag_id', ty.id, idColumn(d))
      .addColumn('name', 'varchar(50)', (c) => c.notNull())
      .addColumn('name_key', 'varchar(50)', (c) => binary(d)(c.notNull()))
      .addColumn('color', 'varchar(10)', (c) => c.notNull())
      .addColumn('created_at', ty.timestamp, (c) => c.notNull())
      .addColumn('updated_at', ty.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('tags_name_key_uq').on('tags').column('name_key').unique().execute();

    await db.schema
      .createTable('record_tags')
      .modifyEnd(tableOptions(d))
      .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.tag_id'))
      .addColumn('resource', 'varchar(20)', (c) => c.notNull())
      .addColumn('record_id', 'integer', (c) => c.notNull())
      .execute();
    // a tag's records (the `?tag=` filter, a rename's rewrite); the unique key keeps each once
    await db.schema
      .createIndex('record_tags_uq')
      .on('record_tags')
      .columns(['tag_id', 'resource', 'record_id'])
      .unique()
      .execute();
    // a record's tags (a delete, an erasure)
    await db.schema
      .createIndex('record_tags_record_idx')
      .on('record_tags')
      .columns(['resource', 'record_id'])
      .execute();

    for (const table of TABLES) await db.schema.alterTable(table).addColumn('tags', ty.longText).execute();
  },
  async down(db: AnyDb) {
    for (const table of TABLES) await db.schema.alterTable(table).dropColumn('tags').execute();
    await db.schema.dropTable('record_tags').execute();
    await db.schema.dropTable('tags').execute();
  },
};

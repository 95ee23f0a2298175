// Custom fields (issue 13, ADR 013). An administrator's definitions (custom_field_defs), the values
// on each record as one JSON object in a `custom_fields` text column (read and written with the
// record: its ETag, its audit entries, its GDPR erasure and its import stay those of the row), and
// an index table (custom_values) the server keeps in step with that column, in the same transaction,
// so that lists filter and sort on a custom field through an index on the three databases:
// (field_id, value_text, record_id) for texts, dates, instants and options, (field_id, value_num,
// record_id) for numbers, amounts, booleans and users. A multi-select has a row per chosen option.
// Frozen: never edit.
import { type Migration, sql } from 'kysely';
import { type AnyDb, binary, dialectOfDb, idColumn, tableOptions, types } from './dialect.js';

/** the records that can have custom fields */
const TABLES = ['contacts', 'companies', 'opportunities', 'tasks'];

export const customFieldsMigration: Migration = {
  async up(db: AnyDb) {
    const d = dialectOfDb(db);
    const ty = types(d);
    await db.schema
      .createTable('custom_field_defs')
      .modifyEnd(tableOptions(d))
      .addColumn('field_id', ty.id, idColumn(d))
      .addColumn('entity', 'varchar(20)', (c) => c.notNull())
      .addColumn('field_key', 'varchar(40)', (c) => binary(d)(c.notNull()))
      .addColumn('label_fr', 'varchar(100)', (c) => c.notNull())
      .addColumn('label_en', 'varchar(100)', (c) => c.notNull())
      .addColumn('type', 'varchar(20)', (c) => c.notNull())
      // JSON: [{ id, label, color }] for the selects, else []
      .addColumn('options', ty.longText, (c) => c.notNull())
      .addColumn('required', ty.boolean, (c) => c.notNull().defaultTo(d === 'sqlite' ? sql`0` : sql`false`))
      // JSON of the value a new record gets, or NULL
      .addColumn('default_value', 'text')
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('created_at', ty.timestamp, (c) => c.notNull())
      .addColumn('updated_at', ty.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('custom_field_defs_key_uq')
      .on('custom_field_defs')
      .columns(['entity', 'field_key'])
      .unique()
      .execute();

    await db.schema
      .createTable('custom_values')
      .modifyEnd(tableOptions(d))
      .addColumn('field_id', 'integer', (c) =>
        c.notNull().references('custom_field_defs.field_id').onDelete('cascade'),
      )
      .addColumn('record_id', 'integer', (c) => c.notNull())
      // a text's folded first 100 characters, a date, an instant (ISO 8601 in UTC), an option's ID
      .addColumn('value_text', 'varchar(100)', (c) => binary(d)(c))
      .addColumn('value_num', sql`decimal(22, 6)`)
      .execute();
    await db.schema
      .createIndex('custom_values_text_idx')
      .on('custom_values')
      .columns(['field_id', 'value_text', 'record_id'])
      .execute();
    await db.schema
      .createIndex('custom_values_num_idx')
      .on('custom_values')
      .columns(['field_id', 'value_num', 'record_id'])
      .execute();
    await db.schema
      .createIndex('custom_values_record_idx')
      .on('custom_values')
      .columns(['record_id', 'field_id'])
      .execute();

    for (const table of TABLES)
      await db.schema.alterTable(table).addColumn('custom_fields', ty.longText).execute();
  },
  async down(db: AnyDb) {
    for (const table of TABLES) await db.schema.alterTable(table).dropColumn('custom_fields').execute();
    await db.schema.dropTable('custom_values').execute();
    await db.schema.dropTable('custom_field_defs').execute();
  },
};

// The first page of a ranked search without gathering every match (issue 12): `name_words` holds
// each word of a record's stored name keys with the record's `updated_at` (`ranked_at`), indexed
// (resource, word, ranked_at), so "the most recently updated records whose name has this whole
// word" — the head of `sort=relevance` — is a few index reads even for a surname 30,000 contacts
// share. See docs/decisions/012-name-words.md. Backfilled from the keys already stored, in keyset
// batches. Frozen: never edit.
import { type Migration, sql } from 'kysely';
import { type AnyDb, dialectOfDb, tableOptions, types } from './dialect.js';

/** table, its ID, its name key columns (as the app's ResourceDef search.names at the time) */
const NAMED: [string, string, string[]][] = [
  ['companies', 'company_id', ['name_key']],
  ['contacts', 'contact_id', ['last_name_key', 'first_name_key']],
  ['opportunities', 'opportunity_id', ['opportunity_name_key']],
  ['users', 'user_id', ['name_key']],
];
const WORD_MAX = 100;
const BATCH = 1000;

/** The words of the key columns, as the app splits them (server/search/name-words.ts). */
function wordsOf(row: Record<string, unknown>, keys: string[]): string[] {
  const out = new Set<string>();
  for (const k of keys) {
    const v = row[k];
    if (typeof v !== 'string') continue;
    for (const w of v.split(' ')) if (w && [...w].length <= WORD_MAX) out.add(w);
  }
  return [...out];
}

export const nameWordsMigration: Migration = {
  async up(db: AnyDb) {
    const d = dialectOfDb(db);
    const wordType =
      d === 'postgres' ? sql`varchar(${sql.lit(WORD_MAX)}) collate "C"` : sql`varchar(${sql.lit(WORD_MAX)})`;
    const bin = d === 'mysql' ? sql`collate utf8mb4_bin` : sql``;
    let create = db.schema
      .createTable('name_words')
      .addColumn('resource', 'varchar(20)', (c) => c.notNull().modifyEnd(bin))
      .addColumn('record_id', 'integer', (c) => c.notNull())
      .addColumn('word', wordType, (c) => c.notNull().modifyEnd(bin))
      .addColumn('ranked_at', types(d).timestamp, (c) => c.notNull())
      // a record's words together: its writes rewrite them
      .addPrimaryKeyConstraint('name_words_pk', ['resource', 'record_id', 'word']);
    create = d === 'sqlite' ? create.modifyEnd(sql`without rowid`) : create.modifyEnd(tableOptions(d));
    await create.execute();
    // the records whose name has a word, most recently updated first: one backward range
    await db.schema
      .createIndex('name_words_head_idx')
      .on('name_words')
      .columns(['resource', 'word', 'ranked_at', 'record_id'])
      .execute();
    // The head's ranked query tests the candidates' own words (server/search/search-words.ts,
    // `within`): on PostgreSQL the index of a record's words must hold the word too, or each is a
    // heap read (14 ms → 2 ms for a 50-row page at 1M contacts). MySQL's and SQLite's secondary
    // indexes already carry the primary key's columns, word among them.
    if (d === 'postgres') {
      await db.schema
        .createIndex('search_words_record_word_idx')
        .on('search_words')
        .columns(['resource', 'record_id', 'word'])
        .execute();
      await db.schema.dropIndex('search_words_record_idx').execute();
    }

    for (const [table, id, keys] of NAMED) {
      let after = 0;
      for (;;) {
        const rows = (await db
          .selectFrom(table)
          .select([`${id} as id`, 'updated_at', ...keys])
          .where(id, '>', after)
          .orderBy(id)
          .limit(BATCH)
          .execute()) as Record<string, unknown>[];
        if (rows.length === 0) break;
        const values = rows.flatMap((r) =>
          wordsOf(r, keys).map((word) => ({
            resource: table,
            record_id: Number(r.id),
            word,
            ranked_at: r.updated_at,
          })),
        );
        // SQLite binds at most 32766 parameters a statement; 4 a row
        for (let i = 0; i < values.length; i += 5000) {
          await db
            .insertInto('name_words')
            .values(values.slice(i, i + 5000))
            .execute();
        }
        after = Number(rows[rows.length - 1].id);
      }
    }
  },
  async down(db: AnyDb) {
    if (dialectOfDb(db) === 'postgres') {
      await db.schema
        .createIndex('search_words_record_idx')
        .on('search_words')
        .columns(['resource', 'record_id'])
        .execute();
      await db.schema.dropIndex('search_words_record_word_idx').execute();
    }
    await db.schema.dropTable('name_words').execute();
  },
};

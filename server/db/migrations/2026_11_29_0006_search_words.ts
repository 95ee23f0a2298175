// `q` through an index: every distinct word of a searchable record's `search_text` is one row of
// `search_words (resource, word, record_id)`, so that "a word starts with X" is a range on the
// primary key on every database instead of `LIKE '% X%'` over the whole table (seconds at 1M
// contacts). See docs/decisions/006-search-words.md. Backfilled from the search_text already
// stored, in keyset batches. Frozen: never edit.
import { type Migration, sql } from 'kysely';
import { type AnyDb, dialectOfDb, tableOptions } from './dialect.js';

const TABLES: [string, string][] = [
  ['companies', 'company_id'],
  ['contacts', 'contact_id'],
  ['opportunities', 'opportunity_id'],
  ['tasks', 'task_id'],
  ['users', 'user_id'],
];
const WORD_MAX = 100;
const BATCH = 1000;

/** The words of a search_text, as the app stores them (server/search/search-words.ts). */
function wordsOf(text: string | null): string[] {
  if (!text) return [];
  const out = new Set<string>();
  for (const w of text.split(' ')) if (w) out.add([...w].slice(0, WORD_MAX).join(''));
  return [...out];
}

export const searchWordsMigration: Migration = {
  async up(db: AnyDb) {
    const d = dialectOfDb(db);
    // Words compare byte for byte (code point order), so that a prefix is one index range:
    // PostgreSQL's "C" collation, MySQL's utf8mb4_bin, SQLite's default BINARY.
    const wordType =
      d === 'postgres' ? sql`varchar(${sql.lit(WORD_MAX)}) collate "C"` : sql`varchar(${sql.lit(WORD_MAX)})`;
    let create = db.schema
      .createTable('search_words')
      .addColumn('resource', 'varchar(20)', (c) =>
        d === 'mysql' ? c.notNull().modifyEnd(sql`collate utf8mb4_bin`) : c.notNull(),
      )
      .addColumn('word', wordType, (c) =>
        d === 'mysql' ? c.notNull().modifyEnd(sql`collate utf8mb4_bin`) : c.notNull(),
      )
      .addColumn('record_id', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('search_words_pk', ['resource', 'word', 'record_id']);
    create = d === 'sqlite' ? create.modifyEnd(sql`without rowid`) : create.modifyEnd(tableOptions(d));
    await create.execute();
    // a record's words, to remove them all when it is deleted
    await db.schema
      .createIndex('search_words_record_idx')
      .on('search_words')
      .columns(['resource', 'record_id'])
      .execute();

    for (const [table, id] of TABLES) {
      let after = 0;
      for (;;) {
        const rows = (await db
          .selectFrom(table)
          .select([`${id} as id`, 'search_text'])
          .where(id, '>', after)
          .orderBy(id)
          .limit(BATCH)
          .execute()) as { id: number; search_text: string | null }[];
        if (rows.length === 0) break;
        const values = rows.flatMap((r) =>
          wordsOf(r.search_text).map((word) => ({ resource: table, word, record_id: Number(r.id) })),
        );
        // SQLite binds at most 32766 parameters a statement; 3 a row
        for (let i = 0; i < values.length; i += 5000) {
          await db
            .insertInto('search_words')
            .values(values.slice(i, i + 5000))
            .execute();
        }
        after = Number(rows[rows.length - 1].id);
      }
    }
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('search_words').execute();
  },
};

// Names sort in the language's order on the three databases (issue 12): each sortable name gets a
// stored key, the name folded (lower case, accents off, œ → oe), compared byte for byte, so that
// Bénard < Brûlé, Émilie sits among the E and "de La Fontaine" under D everywhere, and a B-tree
// on the key serves keyset pages. Companies already had theirs (name_key); PostgreSQL's copy takes
// the "C" collation that the new ones have. The sort indexes on the raw names are replaced by
// ones on the keys. Backfilled 1000 rows a statement. Frozen: never edit.
import { type Migration, sql } from 'kysely';
import { type AnyDb, binary, dialectOfDb, type MigrationDialect } from './dialect.js';

const KEY_MAX = 100;
const BATCH = 1000;

// The app's nameKey() (server/lib/text.ts) at the time of writing, copied so that this
// migration never changes.
function nameKey(name: string | null): string | null {
  if (!name) return null;
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[œ]/g, 'oe')
    .replace(/[æ]/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/đ/g, 'd')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const k = [...folded].slice(0, KEY_MAX).join('');
  return k === '' ? null : k;
}

/** table, its ID, and the name columns given a key (key column = name column + "_key") */
const KEYED: [string, string, [string, string][]][] = [
  [
    'contacts',
    'contact_id',
    [
      ['last_name', 'last_name_key'],
      ['first_name', 'first_name_key'],
    ],
  ],
  ['opportunities', 'opportunity_id', [['opportunity_name', 'opportunity_name_key']]],
  ['users', 'user_id', [['name', 'name_key']]],
];
// companies.name_key exists (0001): rewritten with today's nameKey, as a key written by an older
// fold (before ß, œ, æ, ø, ł, đ were spelled out) would sort such a name out of place
const REKEYED: [string, string, [string, string][]] = [
  'companies',
  'company_id',
  [['company_name', 'name_key']],
];

const OLD_INDEXES: [string, string, string[]][] = [
  ['contacts_name_idx', 'contacts', ['last_name', 'first_name', 'contact_id']],
  ['contacts_first_name_idx', 'contacts', ['first_name', 'contact_id']],
  ['opportunities_name_idx', 'opportunities', ['opportunity_name', 'opportunity_id']],
  ['companies_name_idx', 'companies', ['company_name', 'company_id']],
  // (name_key) alone is a prefix of the new (name_key, company_id): that one finds names on import
  ['companies_name_key_idx', 'companies', ['name_key']],
];
const NEW_INDEXES: [string, string, string[]][] = [
  ['contacts_name_key_idx', 'contacts', ['last_name_key', 'first_name_key', 'contact_id']],
  ['contacts_first_name_key_idx', 'contacts', ['first_name_key', 'contact_id']],
  ['opportunities_name_key_idx', 'opportunities', ['opportunity_name_key', 'opportunity_id']],
  ['companies_name_key_sort_idx', 'companies', ['name_key', 'company_id']],
];

async function createIndex(
  db: AnyDb,
  d: MigrationDialect,
  [name, table, columns]: [string, string, string[]],
) {
  // NULL sorts first on every database (see the core migration): PostgreSQL's index says so
  if (d === 'postgres') {
    const cols = sql.join(columns.map((c) => sql`${sql.ref(c)} nulls first`));
    await sql`create index ${sql.id(name)} on ${sql.table(table)} (${cols})`.execute(db);
  } else {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
}

async function dropIndex(db: AnyDb, d: MigrationDialect, name: string, table: string) {
  // DROP INDEX … ON is MySQL's form; SQLite and PostgreSQL name the index alone
  const drop = db.schema.dropIndex(name);
  await (d === 'mysql' ? drop.on(table) : drop).execute();
}

/** Writes the keys of every row, a batch of rows a statement (one CASE a key column). */
async function backfill(db: AnyDb, table: string, id: string, pairs: [string, string][]) {
  let after = 0;
  for (;;) {
    const rows = (await db
      .selectFrom(table)
      .select([`${id} as id`, ...pairs.map(([name]) => name)])
      .where(id, '>', after)
      .orderBy(id)
      .limit(BATCH)
      .execute()) as Record<string, unknown>[];
    if (rows.length === 0) return;
    after = Number(rows[rows.length - 1].id);
    const named = rows.filter((r) => pairs.some(([name]) => nameKey(r[name] as string | null) !== null));
    if (named.length === 0) continue;
    const set: Record<string, unknown> = {};
    for (const [name, key] of pairs) {
      const cases = named.map((r) => sql`when ${Number(r.id)} then ${nameKey(r[name] as string | null)}`);
      set[key] = sql`case ${sql.ref(id)} ${sql.join(cases, sql` `)} end`;
    }
    await db
      .updateTable(table)
      .set(set)
      .where(
        id,
        'in',
        named.map((r) => Number(r.id)),
      )
      .execute();
  }
}

export const nameKeysMigration: Migration = {
  async up(db: AnyDb) {
    const d = dialectOfDb(db);
    const keyType =
      d === 'postgres' ? sql`varchar(${sql.lit(KEY_MAX)}) collate "C"` : sql`varchar(${sql.lit(KEY_MAX)})`;
    for (const [table, , pairs] of KEYED) {
      for (const [, key] of pairs)
        await db.schema.alterTable(table).addColumn(key, keyType, binary(d)).execute();
    }
    if (d === 'postgres') {
      await sql`alter table companies alter column name_key type varchar(100) collate "C"`.execute(db);
    }
    for (const [table, id, pairs] of [...KEYED, REKEYED]) await backfill(db, table, id, pairs);
    for (const [name, table] of OLD_INDEXES) await dropIndex(db, d, name, table);
    for (const index of NEW_INDEXES) await createIndex(db, d, index);
  },
  async down(db: AnyDb) {
    const d = dialectOfDb(db);
    for (const [name, table] of NEW_INDEXES) await dropIndex(db, d, name, table);
    for (const index of OLD_INDEXES) await createIndex(db, d, index);
    if (d === 'postgres') {
      await sql`alter table companies alter column name_key type varchar(100) collate "default"`.execute(db);
    }
    for (const [table, , pairs] of KEYED) {
      for (const [, key] of pairs) await db.schema.alterTable(table).dropColumn(key).execute();
    }
  },
};

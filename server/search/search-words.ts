import { type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { DialectName } from '../config.js';
import type { LooseDb, ResourceDef, Row } from '../crud/resource.js';
import { insertMany } from '../db/pg-unnest.js';
import { chunks } from '../lib/chunks.js';

/**
 * `search_words` holds every distinct word of each searchable record's `search_text`, one row a
 * word, keyed (resource, word, record_id): "some word of the record starts with X" is then a range
 * of that key on every database (docs/decisions/006-search-words.md). Every code path that
 * writes a searchable table keeps it in step in the same transaction: CrudService does it for the
 * API and the importer; anything that deletes rows by hand calls `removeSearchWords`.
 */

/** Words longer than this are stored cut; a query word is cut the same way, so it still finds them. */
export const SEARCH_WORD_MAX = 100;

const cut = (w: string) => (w.length <= SEARCH_WORD_MAX ? w : [...w].slice(0, SEARCH_WORD_MAX).join(''));

/** The distinct words of a stored search_text (" helene dupre … "). */
export function wordsOf(searchText: unknown): string[] {
  if (typeof searchText !== 'string') return [];
  const out = new Set<string>();
  for (const w of searchText.split(' ')) if (w) out.add(cut(w));
  return [...out];
}

/**
 * Brings a record's stored words to those of `after` (null: no record), writing only the
 * difference: an update that leaves the searched fields alone writes nothing here. The words
 * compared with are those stored, not those of the old search_text, so a record whose words were
 * written behind the app's back (a bulk load, a hand edit) is put right by its next write instead
 * of failing it on the primary key.
 */
export async function syncSearchWords(
  trx: LooseDb,
  resource: string,
  recordId: number,
  before: Row | null,
  after: Row | null,
): Promise<void> {
  if (!after) {
    await removeSearchWords(trx, resource, [recordId]);
    return;
  }
  if (before && before.search_text === after.search_text) return;
  const now = new Set(wordsOf(after.search_text));
  const stored = before
    ? new Set(
        (
          await trx
            .selectFrom('search_words')
            .select('word')
            .where('resource', '=', resource)
            .where('record_id', '=', recordId)
            .execute()
        ).map((r) => String(r.word)),
      )
    : new Set<string>();
  const gone = [...stored].filter((w) => !now.has(w));
  const added = [...now].filter((w) => !stored.has(w));
  if (gone.length > 0) {
    await trx
      .deleteFrom('search_words')
      .where('resource', '=', resource)
      .where('record_id', '=', recordId)
      .where('word', 'in', gone)
      .execute();
  }
  if (added.length > 0) {
    await trx
      .insertInto('search_words')
      .values(added.map((word) => ({ resource, word, record_id: recordId })))
      .execute();
  }
}

/** The words of records just created (nothing stored yet), in as few statements as the limits allow. */
export async function addSearchWords(
  trx: LooseDb,
  dialect: DialectName,
  resource: string,
  records: { id: number; searchText: unknown }[],
): Promise<void> {
  const rows = records.flatMap(({ id, searchText }) =>
    wordsOf(searchText).map((word) => ({ resource, word, record_id: id })),
  );
  await insertMany(trx, dialect, 'search_words', ['resource', 'word', 'record_id'], rows);
}

/** Removes every word of these records (rows deleted outside CrudService, as by a GDPR erasure). */
export async function removeSearchWords(trx: LooseDb, resource: string, recordIds: number[]): Promise<void> {
  for (const ids of chunks(recordIds, 500))
    await trx
      .deleteFrom('search_words')
      .where('resource', '=', resource)
      .where('record_id', 'in', ids)
      .execute();
}

/**
 * The smallest string greater than every string that starts with `prefix` in code point order (the
 * order of PostgreSQL's "C" collation, MySQL's utf8mb4_bin and SQLite's BINARY on UTF-8), or null
 * when there is none. `word >= prefix AND word < end` is then "starts with prefix" as one index
 * range on every database, where LIKE 'x%' uses an index on none of them by default.
 */
export function prefixEnd(prefix: string): string | null {
  const chars = [...prefix];
  while (chars.length > 0) {
    const last = chars.pop() as string;
    let cp = (last.codePointAt(0) as number) + 1;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xe000; // no lone surrogates in a query
    if (cp <= 0x10ffff) return chars.join('') + String.fromCodePoint(cp);
  }
  return null;
}

/**
 * The IDs of the records of `def` that match every query word: for each word, one of their own
 * words starts with it, or one of the words of a record they point at (a contact's company, …).
 * Each word's matches are index ranges (UNION ALL, tagged with the word's number); one GROUP BY
 * keeps the IDs that every word reached. A single derived table, joined to the list by ID, so the
 * planners read only matching records. (One derived table a word let PostgreSQL nest one inside
 * another and re-run it for each row: minutes for two common words at 1M contacts.)
 *
 * `ranked` also says, for each word n, whether it matched one of the record's own words (column
 * `s{n}` = 0) or only a related record's (1): the relevance rank (relevance.ts) starts from it.
 */
export function matchingIds(
  db: LooseDb,
  def: ResourceDef,
  terms: string[],
  ranked = false,
  /** only these records (a ranked search's head candidates): each reads its own words by its ID */
  within?: number[],
) {
  const branches = terms.flatMap((term, n) => {
    const prefix = cut(term);
    const end = prefixEnd(prefix);
    const range = <Q extends SelectQueryBuilder<Record<string, Row>, string, object>>(q: Q) => {
      // Among a few known records, "starts with" as a test of each of their words: as a range it
      // let PostgreSQL walk the word's whole range of the primary key (34k entries for "martin" at
      // 1M contacts) filtering on the IDs, which it wrongly costed as cheaper than reading the
      // records' own words (the index by record, migration 0017). substr() counts characters on the three
      // databases and compares like the column (binary), so it is the same test.
      if (within) {
        const length = [...prefix].length;
        return q.where(sql<SqlBool>`substr(${sql.ref('w.word')}, 1, ${sql.lit(length)}) = ${prefix}`) as Q;
      }
      const from = q.where('w.word', '>=', prefix);
      return (end === null ? from : from.where('w.word', '<', end)) as Q;
    };
    const own = range(
      db
        .selectFrom('search_words as w')
        .select(['w.record_id as id', sql.lit(n).as('t'), sql.lit(0).as('src')])
        .where('w.resource', '=', def.table)
        .$if(within !== undefined, (b) => b.where('w.record_id', 'in', within as number[])),
    );
    // the records pointing at a matching record of the joined table (its key is its ID)
    const related = (def.search?.joins ?? []).map((j) =>
      range(
        db
          .selectFrom('search_words as w')
          .innerJoin(`${def.table} as r`, `r.${j.localColumn}`, 'w.record_id')
          .select([`r.${def.idColumn} as id`, sql.lit(n).as('t'), sql.lit(1).as('src')])
          .where('w.resource', '=', j.table)
          .$if(within !== undefined, (b) => b.where(`r.${def.idColumn}`, 'in', within as number[])),
      ),
    );
    return [own, ...related];
  });
  const all = branches.slice(1).reduce((u, b) => u.unionAll(b), branches[0]);
  let grouped = db.selectFrom(all.as('m')).select('m.id').groupBy('m.id');
  if (ranked) {
    grouped = grouped.select(
      terms.map((_, n) =>
        sql<number>`min(case when ${sql.ref('m.t')} = ${sql.lit(n)} then ${sql.ref('m.src')} end)`.as(
          `s${n}`,
        ),
      ),
    );
  }
  return terms.length === 1
    ? grouped
    : grouped.having(sql`count(distinct ${sql.ref('m.t')})`, '=', terms.length);
}

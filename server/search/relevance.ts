import { type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { DialectName } from '../config.js';
import type { SortKey } from '../crud/list.js';
import type { LooseDb, ResourceDef, Row } from '../crud/resource.js';

/**
 * Ranking a search (`sort=relevance`, the default of a list given `q`, and GET /search). Each query
 * word matches a record in one of four classes, best first:
 *   0 `name`        a whole word of the record's own name ("lefevre" in "Jean Lefèvre")
 *   1 `name_prefix` the start of a word of its name ("lef")
 *   2 `email`       another of its own words (its email, phone)
 *   3 `related`     only a word of a related record (the contact's company)
 * A record's class is that of its worst word. Ties: most recently updated first, then the name's
 * sort keys, then the ID, so the order is total and keyset pages are exact.
 *
 * The class is computed on the matching records only: search_words says whether a word matched
 * the record's own words or a related record's (matchingIds, `ranked`), and the stored name keys
 * (nameKey(): the folded name) say whether it is a word, or the start of one, of the name. The
 * query words are folded too (letters, digits; never LIKE's % or _), so `LIKE '% word %'` on
 * " key … " is "is a word of the name", alike on the three databases (the keys compare bytes).
 */

/** The API's name of the sort. */
export const RANK = 'relevance';
/** The rank's column in the ranked rows. */
export const RANK_COLUMN = 'search_rank';

export const MATCH_CLASSES = ['name', 'name_prefix', 'email', 'related'] as const;
export type MatchClass = (typeof MATCH_CLASSES)[number];

/** The keys of `sort=relevance`: the rank, recent activity, the name, the ID. */
export function relevanceKeys(def: ResourceDef, names: string[]): SortKey[] {
  return [
    { field: RANK, column: RANK_COLUMN, dir: 'asc', kind: 'int' },
    { field: 'updated_at', dir: 'desc' },
    ...names.map((n) => ({ field: n, column: n, dir: 'asc' as const, kind: 'text' as const })),
    { field: def.idColumn, dir: 'asc' },
  ];
}

/** " first last " from the name key columns, each NULL as empty. */
function spacedNames(dialect: DialectName, table: string, names: string[]): RawBuilder<string> {
  const parts: RawBuilder<unknown>[] = [sql.lit(' ')];
  for (const n of names) parts.push(sql`coalesce(${sql.ref(`${table}.${n}`)}, '')`, sql.lit(' '));
  // MySQL's || is OR
  return dialect === 'mysql'
    ? sql<string>`concat(${sql.join(parts)})`
    : sql<string>`(${sql.join(parts, sql` || `)})`;
}

/** The class of query word n (0–3) for the row: see above. */
function wordClass(names: RawBuilder<string>, term: string, n: number): RawBuilder<number> {
  const own = sql.ref(`q.s${n}`);
  return sql<number>`case when ${own} = 1 then 3 when ${names} like ${`% ${term} %`} then 0 when ${names} like ${`% ${term}%`} then 1 else 2 end`;
}

/** The rank expression: the worst class of the query's words. */
function rankOf(
  dialect: DialectName,
  def: ResourceDef,
  names: string[],
  terms: string[],
): RawBuilder<number> {
  const spaced = spacedNames(dialect, def.table, names);
  const classes = terms.map((term, n) => wordClass(spaced, term, n));
  if (classes.length === 1) return classes[0];
  // SQLite's max() of several arguments is the scalar one
  const worst = dialect === 'sqlite' ? sql`max` : sql`greatest`;
  return sql<number>`${worst}(${sql.join(classes)})`;
}

/**
 * The rows of `filtered` (a list's filtered query joined to `matchingIds(…, ranked)` as `q`) with
 * their rank, as the derived table `r` that the list orders and pages.
 */
export function rankedQuery(
  db: LooseDb,
  def: ResourceDef,
  terms: string[],
  // biome-ignore lint/suspicious/noExplicitAny: the generic engine addresses tables by name
  filtered: SelectQueryBuilder<any, any, object>,
  dialect: DialectName,
) {
  const names = def.search?.names ?? [];
  const inner = filtered.selectAll(def.table).select(rankOf(dialect, def, names, terms).as(RANK_COLUMN));
  return db.selectFrom(inner.as('r')).selectAll('r');
}

/** The class a ranked row matched with. */
export const matchOf = (row: Row): MatchClass => MATCH_CLASSES[Number(row[RANK_COLUMN])] ?? 'related';

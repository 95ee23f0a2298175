import type { DialectName } from '../config.js';
import type { LooseDb, ResourceDef, Row } from '../crud/resource.js';
import { insertMany } from '../db/pg-unnest.js';
import { chunks } from '../lib/chunks.js';
import { isoFromDb } from '../lib/time.js';
import { SEARCH_WORD_MAX } from './search-words.js';

/**
 * `name_words` holds each word of a named record's stored name keys (ResourceDef `search.names`)
 * with a copy of the record's `updated_at` (`ranked_at`), indexed (resource, word, ranked_at): the
 * records whose name has a given whole word, most recently updated first, is one backward index
 * range. That is the head of a ranked search (relevance.ts: class `name`, then recent activity),
 * which can then be read without gathering every match (rankedHead below; ADR 012).
 *
 * The copy of updated_at must never be stale, or the head would be read in a wrong order: every
 * path that writes a named record keeps it in step in the same transaction — CrudService (API,
 * importer, undo) through syncNameWords, batch creates through addNameWords, deletes by hand
 * (GDPR erasure) through removeNameWords, and updates by hand of updated_at (a stage changing kind)
 * through touchNameWords. server/search/name-words.test.ts checks the table against its rows after
 * each of them.
 */

/** The distinct words of a record's name keys (the keys are folded: words split by one space). */
export function nameWordsOf(def: ResourceDef, row: Row): string[] {
  const out = new Set<string>();
  for (const column of def.search?.names ?? []) {
    const key = row[column];
    if (typeof key !== 'string') continue;
    // a key is at most 100 characters: so is each word, and a query word longer never matches one
    for (const w of key.split(' ')) if (w && [...w].length <= SEARCH_WORD_MAX) out.add(w);
  }
  return [...out];
}

const rowsOf = (def: ResourceDef, id: number, row: Row) =>
  nameWordsOf(def, row).map((word) => ({
    resource: def.table,
    record_id: id,
    word,
    ranked_at: row.updated_at as string,
  }));

/**
 * Brings a record's name words to `after` (null: deleted). When its name keys did not change, the
 * words stay and only their ranked_at follows updated_at (one UPDATE, as most writes touch no name).
 */
export async function syncNameWords(
  trx: LooseDb,
  def: ResourceDef,
  id: number,
  before: Row | null,
  after: Row | null,
): Promise<void> {
  const names = def.search?.names;
  if (!names) return;
  if (!after) {
    await removeNameWords(trx, def.table, [id]);
    return;
  }
  if (before && names.every((n) => before[n] === after[n])) {
    const stamp = (r: Row) => isoFromDb(r.updated_at as Date | string | null);
    if (stamp(before) !== stamp(after)) await touchNameWords(trx, def.table, [id], after.updated_at);
    return;
  }
  if (before) await removeNameWords(trx, def.table, [id]);
  const rows = rowsOf(def, id, after);
  if (rows.length > 0) await trx.insertInto('name_words').values(rows).execute();
}

/** The name words of records just created (nothing stored yet), in as few statements as the limits allow. */
export async function addNameWords(
  trx: LooseDb,
  dialect: DialectName,
  def: ResourceDef,
  records: { id: number; row: Row }[],
): Promise<void> {
  if (!def.search?.names) return;
  const rows = records.flatMap(({ id, row }) => rowsOf(def, id, row));
  await insertMany(trx, dialect, 'name_words', ['resource', 'record_id', 'word', 'ranked_at'], rows);
}

/** Removes every name word of these records of `resource` (a table; rows deleted outside CrudService). */
export async function removeNameWords(trx: LooseDb, resource: string, ids: number[]): Promise<void> {
  for (const part of chunks(ids, 500))
    await trx
      .deleteFrom('name_words')
      .where('resource', '=', resource)
      .where('record_id', 'in', part)
      .execute();
}

/** These records of `resource` (a table) got `updatedAt` (a value as written to their column). */
export async function touchNameWords(
  trx: LooseDb,
  resource: string,
  ids: number[],
  updatedAt: unknown,
): Promise<void> {
  for (const part of chunks(ids, 500))
    await trx
      .updateTable('name_words')
      .set({ ranked_at: updatedAt as string })
      .where('resource', '=', resource)
      .where('record_id', 'in', part)
      .execute();
}

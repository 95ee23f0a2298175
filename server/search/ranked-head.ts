import type { ListOptions, ListQuery } from '../crud/list.js';
import type { LooseDb, ResourceDef, Row } from '../crud/resource.js';
import { RANK_COLUMN } from './relevance.js';

/**
 * The first page of a one-word ranked search without gathering every match. A vocabulary surname
 * matches 17k–34k of 1M contacts; ranking them all took seconds (docs/performance.md). But when
 * the page is made only of records whose own name has the word as a whole word (class `name`),
 * it is the most recently updated of those, which `name_words` (name-words.ts) yields in that
 * order from its index: the candidates are the first `want` of them plus any sharing the last
 * one's updated_at (ties are ordered by name and ID, which that index does not hold). The usual
 * ranked query then runs on the candidates alone, with every filter of the list, and its answer is
 * taken only if it fills the page and one row more with class `name`: any record left out is then
 * of that class and updated earlier, or of a lower class, so it comes after all of them. Otherwise
 * (a rare word, a prefix, filters that leave too few) the caller runs the full query.
 */

/** Candidates read for a page of `limit` with no other filter; filters read this many times more. */
const FILTERED_FACTOR = 5;
/** More candidates than this (a word thousands of records share with one updated_at): the full query. */
const MAX_CANDIDATES = 2000;

/** The IDs of the head's candidates for `word`, or null when the full query must run. */
async function candidates(db: LooseDb, def: ResourceDef, word: string, want: number, need: number) {
  const ofWord = () => db.selectFrom('name_words').where('resource', '=', def.table).where('word', '=', word);
  const boundary = ofWord()
    .select('ranked_at')
    .orderBy('ranked_at', 'desc')
    .limit(1)
    .offset(want - 1);
  let rows = await ofWord()
    .select('record_id')
    .where('ranked_at', '>=', boundary)
    .limit(MAX_CANDIDATES + 1)
    .execute();
  // fewer than `want` records have the word: all of them
  if (rows.length === 0) rows = await ofWord().select('record_id').limit(want).execute();
  if (rows.length < need || rows.length > MAX_CANDIDATES) return null;
  return rows.map((r) => Number(r.record_id));
}

/**
 * The candidates of the first page of a ranked list of `limit` rows, or null when its head cannot
 * be read this way. The caller runs the list's query on them (ListOptions `within`) and keeps the
 * answer only if `headHolds`.
 */
export async function headCandidates(
  db: LooseDb,
  def: ResourceDef,
  query: ListQuery,
  opts: ListOptions,
  terms: string[],
  limit: number,
): Promise<number[] | null> {
  if (!def.search?.names || query.cursor || terms.length !== 1) return null;
  const filtered =
    Object.entries(query).some(
      ([k, v]) => v !== undefined && !['limit', 'cursor', 'sort', 'q'].includes(k),
    ) ||
    Object.keys(opts.fixed ?? {}).length > 0 ||
    (opts.through?.hops.length ?? 0) > 0;
  const need = limit + 1;
  return candidates(db, def, terms[0], filtered ? need * FILTERED_FACTOR : need, need);
}

/** The candidates' rows are the page: the page and one row more, all of class `name` (rank 0). */
export const headHolds = (rows: Row[], limit: number) =>
  rows.length === limit + 1 && Number(rows[limit][RANK_COLUMN]) === 0;

import type { LooseDb, ResourceDef, Row } from '../crud/resource.js';
import { isoFromDb } from '../lib/time.js';
import { RANK_COLUMN } from './relevance.js';

/**
 * The first page of a ranked search without gathering every match. A vocabulary surname matches
 * 17k–34k of 1M contacts; ranking them all took seconds (docs/performance.md). But when the page
 * is made only of records whose own name has every query word as a whole word (class `name`), it
 * is the most recently updated of those, which `name_words` (name-words.ts) yields in that order
 * from its index: the candidates are the first `want` of them plus any sharing the last one's
 * updated_at (ties are ordered by name and ID, which that index does not hold). The usual ranked
 * query then runs on the candidates alone, with every filter of the list, and its answer is taken
 * only if it fills the page and one row more with class `name`: any record left out is then of
 * that class and updated earlier, or of a lower class, so it comes after all of them. Otherwise
 * (a rare word, a prefix, filters that leave too few) the caller runs the full query.
 */

/** Candidates read for a page of `limit` with no other filter; filters read this many times more. */
const FILTERED_FACTOR = 5;
/** More candidates than this (a word thousands of records share with one updated_at): the full query. */
const MAX_CANDIDATES = 2000;
/** Several words: the records of the longest one read in order, at most this many, for the others. */
const SCAN = 5000;
/** Rows read past `want` to see the end of the last one's ties. */
const TIES = 50;

/** The IDs of the head's candidates for `word`, or null when the full query must run. */
async function oneWord(db: LooseDb, def: ResourceDef, word: string, want: number, need: number) {
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

const time = (v: unknown) => Date.parse(isoFromDb(v as Date | string) ?? '');

/**
 * The same for several words: the records of the longest word (likely the rarest), newest first,
 * that also have each other word in their name. The first SCAN records of that word are read at
 * most; as they are read in order, those found are still the newest of all (unless a tie at the
 * window's end may continue past it: then null).
 */
async function allWords(db: LooseDb, def: ResourceDef, words: string[], want: number, need: number) {
  const [first, ...others] = [...new Set(words)].sort((a, b) => b.length - a.length);
  const ofFirst = () =>
    db.selectFrom('name_words as a').where('a.resource', '=', def.table).where('a.word', '=', first);
  const window = ofFirst().select(['a.record_id', 'a.ranked_at']).orderBy('a.ranked_at', 'desc').limit(SCAN);
  let found = db.selectFrom(window.as('a')).select(['a.record_id', 'a.ranked_at']);
  for (const word of others)
    found = found.where((eb) =>
      eb.exists(
        db
          .selectFrom('name_words as b')
          .select('b.word')
          .where('b.resource', '=', def.table)
          .whereRef('b.record_id', '=', 'a.record_id')
          .where('b.word', '=', word),
      ),
    );
  const rows = await found
    .orderBy('a.ranked_at', 'desc')
    .limit(want + TIES)
    .execute();
  if (rows.length < need) return null;
  const boundary = time(rows[Math.min(want, rows.length) - 1].ranked_at);
  const head = rows.filter((r) => time(r.ranked_at) >= boundary);
  if (head.length === rows.length && rows.length === want + TIES) return null;
  // the window's end: past it, only records updated at or before its last one
  const last = await ofFirst()
    .select('a.ranked_at')
    .orderBy('a.ranked_at', 'desc')
    .limit(1)
    .offset(SCAN - 1)
    .executeTakeFirst();
  if (last && time(last.ranked_at) >= boundary) return null;
  return head.map((r) => Number(r.record_id));
}

/**
 * The candidates of the first page of a ranked list of `limit` rows, or null when its head cannot
 * be read this way. The caller runs the list's query on them (ListOptions `within`) and keeps the
 * answer only if `headHolds`.
 */
export async function headCandidates(
  db: LooseDb,
  def: ResourceDef,
  /** a next page (a cursor) is not a head */
  cursor: string | undefined,
  terms: string[],
  limit: number,
  /** the list has filters besides `q`: more candidates are read, as some may not pass them */
  filtered: boolean,
): Promise<number[] | null> {
  if (!def.search?.names || cursor || terms.length === 0) return null;
  const need = limit + 1;
  const want = filtered ? need * FILTERED_FACTOR : need;
  return terms.length === 1 ? oneWord(db, def, terms[0], want, need) : allWords(db, def, terms, want, need);
}

/** The candidates' rows are the page: the page and one row more, all of class `name` (rank 0). */
export const headHolds = (rows: Row[], limit: number) =>
  rows.length === limit + 1 && Number(rows[limit][RANK_COLUMN]) === 0;

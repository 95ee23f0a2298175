/** One word of a searchable record's search_text (server/search/search-words.ts). */
export interface SearchWordsTable {
  /** the record's table: companies, contacts, opportunities, tasks or users */
  resource: string;
  word: string;
  record_id: number;
}

/** One word of a named record's name keys, with the record's updated_at (server/search/name-words.ts). */
export interface NameWordsTable {
  /** the record's table: companies, contacts, opportunities or users */
  resource: string;
  record_id: number;
  word: string;
  /** the record's updated_at, copied at each write: the head of a ranked search is read in its order */
  ranked_at: string | Date;
}

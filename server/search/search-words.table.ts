/** One word of a searchable record's search_text (server/search/search-words.ts). */
export interface SearchWordsTable {
  /** the record's table: companies, contacts, opportunities, tasks or users */
  resource: string;
  word: string;
  record_id: number;
}

import type { Id, Timestamp } from '../db/column-types.js';

/** A tag (migration 0021): unique by name_key, the name folded (server/tags/record-tags.ts). */
export interface TagsTable {
  tag_id: Id;
  name: string;
  name_key: string;
  color: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Which records carry which tag: the index of the records' `tags` column, kept in step with it. */
export interface RecordTagsTable {
  tag_id: number;
  resource: string;
  record_id: number;
}

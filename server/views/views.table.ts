import type { Id } from '../db/column-types.js';

/** A saved view of a list (server/views/views.service.ts). */
export interface SavedViewsTable {
  view_id: Id;
  resource: string;
  name: string;
  name_key: string;
  owner_id: number;
  shared: boolean | number;
  /** 0 for a shared view, else its owner: names are unique per list within one scope */
  scope: number;
  /** JSON: the list's query parameters */
  query: string;
  /** JSON: the columns shown, or null */
  columns: string | null;
  created_at: string | Date;
  updated_at: string | Date;
}

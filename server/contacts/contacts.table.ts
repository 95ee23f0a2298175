import type { Id, Timestamp } from '../db/column-types.js';

export interface ContactsTable {
  contact_id: Id;
  first_name: string | null;
  last_name: string | null;
  /** nameKey(first_name), nameKey(last_name): the names' sort order (2026_12_06_0013) */
  first_name_key: string | null;
  last_name_key: string | null;
  email: string | null;
  /** lower-cased email: unique ignoring case on every database */
  email_key: string | null;
  phone: string | null;
  company_id: number | null;
  owner_id: number | null;
  search_text: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

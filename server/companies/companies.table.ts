import type { Id, Timestamp } from '../db/column-types.js';

export interface CompaniesTable {
  company_id: Id;
  company_name: string | null;
  industry: string | null;
  website: string | null;
  owner_id: number | null;
  /** nameKey(company_name): finds a company by name on import, and sorts the names */
  name_key: string | null;
  search_text: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

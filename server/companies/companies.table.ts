import type { Id, Money, Timestamp } from '../db/column-types.js';

export interface CompaniesTable {
  company_id: Id;
  company_name: string | null;
  industry: string | null;
  website: string | null;
  owner_id: number | null;
  // standard fields (2026_12_07_0018): shared/record-fields.ts
  phone: string | null;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  region: string | null;
  country: string | null;
  employees: number | null;
  /** DECIMAL(15,2) */
  annual_revenue: Money | null;
  domain: string | null;
  /** nameKey(company_name): finds a company by name on import, and sorts the names */
  name_key: string | null;
  search_text: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

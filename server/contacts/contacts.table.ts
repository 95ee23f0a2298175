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
  /** as typed, shown as it is */
  phone: string | null;
  /** E.164 (+33612345678) of `phone` without its extension; null when it is no possible number */
  phone_key: string | null;
  /** extra phones and emails, JSON arrays ([{label, number}], [{label, email}]); NULL when none (2026_12_07_0022) */
  phones: string | null;
  emails: string | null;
  company_id: number | null;
  owner_id: number | null;
  // standard fields (2026_12_07_0018): shared/record-fields.ts
  job_title: string | null;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  region: string | null;
  country: string | null;
  birthday: string | null;
  linkedin_url: string | null;
  source: string | null;
  search_text: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

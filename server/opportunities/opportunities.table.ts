import type { Id, Money, Timestamp } from '../db/column-types.js';

export interface OpportunitiesTable {
  opportunity_id: Id;
  opportunity_name: string | null;
  /** nameKey(opportunity_name): the name's sort order (2026_12_06_0013) */
  opportunity_name_key: string | null;
  contact_id: number | null;
  company_id: number | null;
  deal_value: Money | null;
  stage: string | null;
  expected_close_date: string | null;
  /** 0–100, overriding the stage's probability; null: the stage's (2026_12_07_0018) */
  probability: number | null;
  owner_id: number | null;
  /** when the deal entered a won or lost stage; null while open (server-set) */
  closed_at: Timestamp | null;
  /** free text, only on a deal in a lost stage */
  lost_reason: string | null;
  search_text: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

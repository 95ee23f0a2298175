import type { Id, Timestamp } from '../db/column-types.js';

export interface InteractionsTable {
  interaction_id: Id;
  contact_id: number | null;
  interaction_type: string | null;
  interaction_date: Timestamp | null;
  notes: string | null;
  opportunity_id: number | null;
  user_id: number | null;
  created_at: Timestamp;
}

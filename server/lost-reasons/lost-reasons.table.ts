import type { Id } from '../db/column-types.js';

export interface LostReasonsTable {
  lost_reason_id: Id;
  label: string;
  /** label folded: unique ignoring case, accents and spacing */
  label_key: string;
  position: number;
}

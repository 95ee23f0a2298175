import type { Id, Timestamp } from '../db/column-types.js';

export interface AuditEventsTable {
  audit_id: Id;
  occurred_at: Timestamp;
  user_id: number | null;
  action: string;
  resource: string;
  record_id: number;
  /** JSON: {field: [before, after]}; null once erased for GDPR */
  changes: string | null;
  /** the import job that wrote this entry (migration 0012); null for everything else */
  import_id: number | null;
}

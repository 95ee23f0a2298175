import type { ColumnType } from 'kysely';
import type { Id, Timestamp } from '../db/column-types.js';

export type ImportStatus = 'queued' | 'running' | 'done' | 'failed';
export type { ImportEntity } from '../../shared/imports.js';

export interface ImportsTable {
  import_id: Id;
  entity: string;
  status: string;
  file_name: string | null;
  file_path: string | null;
  format: string | null;
  /** JSON ImportOptions */
  options: string;
  /** JSON ImportDetails */
  details: string | null;
  total_rows: number | null;
  processed_rows: number;
  created_count: number;
  updated_count: number;
  skipped_count: number;
  failed_count: number;
  /** rows written with warnings (values set aside); migration 0023 */
  warned_count: ColumnType<number, number | undefined, number>;
  error: string | null;
  /** why the job failed as a whole (IMPORT_ERROR_CODES); null before migration 0008 */
  error_code: string | null;
  user_id: number | null;
  created_at: Timestamp;
  heartbeat_at: Timestamp;
  finished_at: Timestamp | null;
  /** 1: the job's audit entries name it and it can be undone; 0: made before migration 0012 */
  undo_version: ColumnType<number, number | undefined, number>;
  undone_at: Timestamp | null;
}

export interface ImportErrorsTable {
  error_id: Id;
  import_id: number;
  row_no: number;
  field: string;
  message: string;
  /** FIELD_ERROR_CODES; null before migration 0008 */
  code: string | null;
  /** JSON: the code's parameters (limit, allowed, expected, fields) */
  params: string | null;
  /** JSON array: the row's cells as in the file (its columns' order); null before migration 0016 */
  cells: ColumnType<string | null, string | null | undefined, string | null>;
  /** 'error': the row failed; 'warning': a value set aside, the row written (migration 0023) */
  severity: ColumnType<string, string | undefined, string>;
}

/** A row skipped as a duplicate, and the existing record it matched (migration 0016). */
export interface ImportDuplicatesTable {
  duplicate_id: Id;
  import_id: number;
  row_no: number;
  record_id: number;
}

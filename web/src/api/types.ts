// The API's shapes, from the same TypeBox schemas the server validates and documents with.
export type {
  Company,
  Contact,
  Interaction,
  Opportunity,
  PipelineStage,
  Task,
  User,
} from '../../../shared/resources.js';

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export interface PipelineRow {
  stage: string;
  kind: 'open' | 'won' | 'lost';
  count: number;
  total_value: number;
  weighted_value: number;
}

export interface AuditEvent {
  audit_id: number;
  occurred_at: string;
  user_id: number | null;
  action: string;
  resource: string;
  record_id: number;
  changes: Record<string, [unknown, unknown]> | null;
}

export type ListParams = Record<string, string | number | boolean | null | undefined>;

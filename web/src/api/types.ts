// The API's shapes, from the same TypeBox schemas the server validates and documents with.
import type { Static } from '@sinclair/typebox';
import type { PipelineSummary } from '../../../shared/resources.js';

export type {
  AuditEvent,
  Company,
  Contact,
  Interaction,
  Opportunity,
  PipelineStage,
  Task,
  TimelineInteraction,
  User,
} from '../../../shared/resources.js';

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export type PipelineRow = Static<typeof PipelineSummary>['data'][number];

export type ListParams = Record<string, string | number | boolean | null | undefined>;

/** An entry of the configurable lost-reasons list (GET /api/v1/lost-reasons), offered when a deal is lost. */
export interface LostReason {
  lost_reason_id: number;
  label: string;
  position: number;
}

/** Longest free-text reason a lost deal keeps (the API's limit on `lost_reason`). */
export const LOST_REASON_MAX = 200;

// The API's shapes, from the same TypeBox schemas the server validates and documents with.
import type { Static } from '@sinclair/typebox';
import type { PipelineSummary } from '../../../shared/resources.js';

export type {
  AuditEvent,
  ClosedSummary,
  Company,
  Contact,
  Interaction,
  LostReason,
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

/** Longest free-text reason a lost deal keeps (the API's limit on `lost_reason`). */
export { LOST_REASON_MAX } from '../../../shared/resources.js';

/** One hit of `GET /search`: the server ranks them across types (issue 12). */
export type { SearchHit } from '../../../shared/search.js';

// The API's shapes, from the same TypeBox schemas the server validates and documents with. Types
// only: `import { type X } from './types.js'` stays in the bundle as an import of this module, so a
// value exported here would pull shared/resources.ts (every field's declaration) into the first load.
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

/** One hit of `GET /search`: the server ranks them across types (issue 12). */
export type { SearchHit } from '../../../shared/search.js';

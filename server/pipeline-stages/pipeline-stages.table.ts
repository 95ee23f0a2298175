import type { Id } from '../db/column-types.js';

export interface PipelineStagesTable {
  stage_id: Id;
  name: string;
  position: number;
  probability: number;
  kind: string;
}

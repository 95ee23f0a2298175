import type { Id } from '../db/column-types.js';

export interface PipelineStagesTable {
  stage_id: Id;
  name: string;
  /** name folded: unique ignoring case, accents and spacing */
  name_key: string;
  position: number;
  probability: number;
  kind: string;
}

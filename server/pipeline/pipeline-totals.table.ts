/** One row per (stage, owner) of opportunities: kept in step with every opportunity write. */
export interface PipelineTotalsTable {
  stage: string;
  /** opportunities.owner_id, 0 when the deal has no owner */
  owner_key: number;
  /** bigint: a string from pg and mysql2, a number from SQLite */
  deals: number | string;
  total_cents: number | string;
}

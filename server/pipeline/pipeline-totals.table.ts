/** One row per (stage, owner) of opportunities: kept in step with every opportunity write. */
export interface PipelineTotalsTable {
  stage: string;
  /** opportunities.owner_id, 0 when the deal has no owner */
  owner_key: number;
  /** bigint: a string from pg and mysql2, a number from SQLite */
  deals: number | string;
  total_cents: number | string;
  /** of the deals with their own probability (2026_12_07_0018): their total, and Σ cents × probability */
  override_cents: number | string;
  override_weighted: number | string;
}

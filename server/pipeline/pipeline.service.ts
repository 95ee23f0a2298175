import { sql } from 'kysely';
import { filteredQuery, type ListQuery } from '../crud/list.js';
import type { Actor } from '../crud/resource.js';
import type { Db } from '../db/connect.js';
import { sumMoney, sumToCents } from '../db/dialect.js';
import { centsToNumber, percentOf } from '../lib/money.js';
import { opportunities } from '../opportunities/opportunities.resource.js';
import { loadStages } from '../pipeline-stages/pipeline-stages.resource.js';

/** Count, total and probability-weighted value of the matching opportunities, per stage in order. */
export async function pipelineSummary(db: Db, query: ListQuery, actor: Actor) {
  const stages = await loadStages(db.kysely);
  const rows = (await filteredQuery(db.kysely, opportunities, query, { dialect: db.dialect, actor })
    .select([
      'opportunities.stage as stage',
      sql<number | string>`count(*)`.as('n'),
      sumMoney(db.dialect, sql.ref('opportunities.deal_value')).as('total'),
    ])
    .groupBy('opportunities.stage')
    .execute()) as { stage: string | null; n: number | string; total: number | string | null }[];
  const byStage = new Map(rows.map((r) => [r.stage, r]));
  return {
    data: stages.map((s) => {
      const r = byStage.get(s.name);
      const total = sumToCents(db.dialect, r?.total ?? null);
      return {
        stage: s.name,
        kind: s.kind,
        count: Number(r?.n ?? 0),
        total_value: centsToNumber(total),
        weighted_value: centsToNumber(percentOf(total, s.probability)),
      };
    }),
  };
}

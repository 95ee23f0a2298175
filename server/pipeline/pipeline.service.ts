import { sql } from 'kysely';
import { filteredQuery, filterValue, type ListQuery } from '../crud/list.js';
import type { Actor } from '../crud/resource.js';
import { customDefinitionsFor } from '../custom-fields/filters.js';
import type { Db } from '../db/connect.js';
import { sumMoney, sumToCents } from '../db/dialect.js';
import { centsToNumber } from '../lib/money.js';
import { opportunities } from '../opportunities/opportunities.resource.js';
import { loadStages } from '../pipeline-stages/pipeline-stages.resource.js';
import { bigSum, readPipelineTotals, type StageTotal, weightedCents } from './pipeline-totals.js';

/** Count, total and probability-weighted value of the matching opportunities, per stage in order. */
export async function pipelineSummary(db: Db, query: ListQuery, actor: Actor) {
  const filters = Object.keys(query).filter((k) => query[k] !== undefined);
  // No filter, or only the owner: the totals kept on write answer without reading the deals.
  const byTotals = filters.every((k) => k === 'owner_id');
  const [stages, totals] = await Promise.all([
    loadStages(db.kysely),
    byTotals
      ? readPipelineTotals(
          db.kysely,
          query.owner_id === undefined
            ? undefined
            : (filterValue(opportunities, 'owner_id', query.owner_id, {
                dialect: db.dialect,
                actor,
              }) as number),
        )
      : groupedTotals(db, query, actor),
  ]);
  return {
    data: stages.map((s) => {
      const r = totals.get(s.name);
      const total = r?.cents ?? 0n;
      return {
        stage: s.name,
        kind: s.kind,
        count: r?.deals ?? 0,
        total_value: centsToNumber(total),
        weighted_value: centsToNumber(weightedCents(r, s.probability)),
      };
    }),
  };
}

/** The same totals by grouping the matching opportunities (any filter, `q` included). */
export async function groupedTotals(
  db: Db,
  query: ListQuery,
  actor: Actor,
): Promise<Map<string, StageTotal>> {
  // a deal's value in whole cents, exactly (SQLite holds it as a float)
  const cents =
    db.dialect === 'sqlite'
      ? sql`cast(round(opportunities.deal_value * 100) as integer)`
      : sql`round(opportunities.deal_value * 100)`;
  // a board filtered on a custom field (?cf.segment=PME) reads its definitions like a list
  const custom = await customDefinitionsFor(db.kysely, opportunities, query);
  const rows = (await filteredQuery(db.kysely, opportunities, query, { dialect: db.dialect, actor, custom })
    .select([
      'opportunities.stage as stage',
      sql<number | string>`count(*)`.as('n'),
      sumMoney(db.dialect, sql.ref('opportunities.deal_value')).as('total'),
      sql<
        number | string | null
      >`sum(case when opportunities.probability is null then 0 else ${cents} end)`.as('override_cents'),
      sql<number | string | null>`sum(${cents} * opportunities.probability)`.as('override_weighted'),
    ])
    .groupBy('opportunities.stage')
    .execute()) as {
    stage: string | null;
    n: number | string;
    total: number | string | null;
    override_cents: number | string | null;
    override_weighted: number | string | null;
  }[];
  const out = new Map<string, StageTotal>();
  for (const r of rows) {
    if (r.stage === null) continue;
    out.set(r.stage, {
      stage: r.stage,
      deals: Number(r.n),
      cents: sumToCents(db.dialect, r.total),
      overrideCents: bigSum(r.override_cents),
      overrideWeighted: bigSum(r.override_weighted),
    });
  }
  return out;
}

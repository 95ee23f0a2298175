import { sql } from 'kysely';
import type { DialectName } from '../config.js';
import type { LooseDb, Row } from '../crud/resource.js';
import { centsFromDb } from '../lib/money.js';

/**
 * `pipeline_totals` holds, per (stage, owner), how many opportunities there are and their total in
 * cents. Every write to opportunities keeps it in step in its own transaction, so the summary
 * without filters or by owner reads a few hundred rows instead of grouping every deal (see
 * docs/decisions/005-pipeline-totals.md). Any new code path that writes opportunities must call
 * `applyOpportunityChange` (one row) or `rebuildPipelineTotals` (bulk) in the same transaction.
 */

interface Delta {
  stage: string;
  ownerKey: number;
  deals: number;
  cents: bigint;
}

const ownerKey = (owner: unknown) => (owner === null || owner === undefined ? 0 : Number(owner));

/** What a row contributes to the totals: nothing when it has no stage (it shows in no summary row). */
function contribution(row: Row | null, sign: 1 | -1): Delta | null {
  if (!row || row.stage === null || row.stage === undefined) return null;
  const cents = centsFromDb(row.deal_value as string | number | null) ?? 0n;
  return {
    stage: String(row.stage),
    ownerKey: ownerKey(row.owner_id),
    deals: sign,
    cents: sign === 1 ? cents : -cents,
  };
}

/**
 * Applies one opportunity's change (`before` null on create, `after` null on delete) to the totals.
 * Rows are updated in a fixed order so that two transactions moving deals between the same stages
 * cannot deadlock each other.
 */
export async function applyOpportunityChange(
  trx: LooseDb,
  dialect: DialectName,
  before: Row | null,
  after: Row | null,
): Promise<void> {
  const deltas = new Map<string, Delta>();
  for (const d of [contribution(before, -1), contribution(after, 1)]) {
    if (!d) continue;
    const key = JSON.stringify([d.stage, d.ownerKey]);
    const prev = deltas.get(key);
    if (prev) {
      prev.deals += d.deals;
      prev.cents += d.cents;
    } else deltas.set(key, d);
  }
  const ordered = [...deltas.entries()]
    .filter(([, d]) => d.deals !== 0 || d.cents !== 0n)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, d]) => d);
  for (const d of ordered) await addTo(trx, dialect, d);
}

async function addTo(trx: LooseDb, dialect: DialectName, d: Delta) {
  const values = sql`(${d.stage}, ${d.ownerKey}, ${d.deals}, ${d.cents.toString()})`;
  const insert = sql`insert into pipeline_totals (stage, owner_key, deals, total_cents) values ${values}`;
  if (dialect === 'mysql') {
    await sql`${insert} on duplicate key update
      deals = deals + values(deals), total_cents = total_cents + values(total_cents)`.execute(trx);
  } else {
    await sql`${insert} on conflict (stage, owner_key) do update set
      deals = pipeline_totals.deals + excluded.deals,
      total_cents = pipeline_totals.total_cents + excluded.total_cents`.execute(trx);
  }
}

/** Exact cents of a SUM over opportunities.deal_value, as a bigint column value on each database. */
function sumCents(dialect: DialectName) {
  if (dialect === 'sqlite') return sql`coalesce(sum(cast(round(deal_value * 100) as integer)), 0)`;
  if (dialect === 'postgres') return sql`coalesce(sum(round(deal_value * 100)), 0)::bigint`;
  return sql`cast(coalesce(sum(round(deal_value * 100)), 0) as signed)`;
}

/**
 * Recomputes the totals from the opportunities themselves: for the given stages (a stage rename),
 * or all of them (after a bulk load or import). Exact by construction.
 */
export async function rebuildPipelineTotals(
  trx: LooseDb,
  dialect: DialectName,
  stages?: string[],
): Promise<void> {
  if (stages && stages.length === 0) return;
  const only = stages ? sql`stage in (${sql.join(stages)})` : sql`stage is not null`;
  await sql`delete from pipeline_totals where ${stages ? only : sql`1 = 1`}`.execute(trx);
  const select = sql`select stage, coalesce(owner_id, 0), count(*), ${sumCents(dialect)}
    from opportunities where ${only} group by stage, coalesce(owner_id, 0)`;
  const insert = sql`insert into pipeline_totals (stage, owner_key, deals, total_cents) ${select}`;
  // a concurrent create may have re-added a row since the delete: the recomputed value wins
  if (dialect === 'mysql') {
    await sql`${insert} on duplicate key update deals = values(deals), total_cents = values(total_cents)`.execute(
      trx,
    );
  } else {
    await sql`${insert} on conflict (stage, owner_key) do update set
      deals = excluded.deals, total_cents = excluded.total_cents`.execute(trx);
  }
}

export interface StageTotal {
  stage: string;
  deals: number;
  cents: bigint;
}

/** The totals per stage, over every owner or one owner (null: the deals nobody owns). */
export async function readPipelineTotals(
  db: LooseDb,
  owner: number | null | undefined,
): Promise<Map<string, StageTotal>> {
  const rows = (await pipelineTotalsQuery(db, owner).execute()) as {
    stage: string;
    deals: number | string;
    cents: number | string;
  }[];
  return new Map(
    rows.map((r) => [
      r.stage,
      { stage: r.stage, deals: Number(r.deals), cents: BigInt(String(r.cents).replace(/\.0+$/, '')) },
    ]),
  );
}

/** The SELECT behind readPipelineTotals. */
export function pipelineTotalsQuery(db: LooseDb, owner: number | null | undefined) {
  let q = db
    .selectFrom('pipeline_totals')
    .select([
      'stage',
      sql<number | string>`sum(deals)`.as('deals'),
      sql<number | string>`sum(total_cents)`.as('cents'),
    ])
    .groupBy('stage');
  if (owner !== undefined) q = q.where('owner_key', '=', ownerKey(owner));
  return q;
}

import { sql } from 'kysely';
import type { DialectName } from '../config.js';
import type { LooseDb, Row } from '../crud/resource.js';
import { centsFromDb } from '../lib/money.js';

/**
 * `pipeline_totals` holds, per (stage, owner), how many opportunities there are and their total in
 * cents; and of those with a probability of their own (which overrides the stage's), their total and
 * the sum of their cents × probability, for the weighted value (`weightedCents`). Every write to opportunities keeps it in step in its own transaction, so the summary
 * without filters or by owner reads a few hundred rows instead of grouping every deal (see
 * docs/decisions/005-pipeline-totals.md). Any new code path that writes opportunities must call
 * `applyOpportunityChange` (one row) or `rebuildPipelineTotals` (bulk) in the same transaction.
 */

interface Delta {
  stage: string;
  ownerKey: number;
  deals: number;
  cents: bigint;
  overrideCents: bigint;
  overrideWeighted: bigint;
}

const ownerKey = (owner: unknown) => (owner === null || owner === undefined ? 0 : Number(owner));

/** What a row contributes to the totals: nothing when it has no stage (it shows in no summary row). */
function contribution(row: Row | null, sign: 1 | -1): Delta | null {
  if (!row || row.stage === null || row.stage === undefined) return null;
  const cents = (centsFromDb(row.deal_value as string | number | null) ?? 0n) * BigInt(sign);
  const probability =
    row.probability === null || row.probability === undefined ? null : BigInt(Number(row.probability));
  return {
    stage: String(row.stage),
    ownerKey: ownerKey(row.owner_id),
    deals: sign,
    cents,
    overrideCents: probability === null ? 0n : cents,
    overrideWeighted: probability === null ? 0n : cents * probability,
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
      prev.overrideCents += d.overrideCents;
      prev.overrideWeighted += d.overrideWeighted;
    } else deltas.set(key, d);
  }
  const ordered = [...deltas.entries()]
    .filter(([, d]) => d.deals !== 0 || d.cents !== 0n || d.overrideCents !== 0n || d.overrideWeighted !== 0n)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, d]) => d);
  for (const d of ordered) await addTo(trx, dialect, d);
}

async function addTo(trx: LooseDb, dialect: DialectName, d: Delta) {
  const values = sql`(${d.stage}, ${d.ownerKey}, ${d.deals}, ${d.cents.toString()},
    ${d.overrideCents.toString()}, ${d.overrideWeighted.toString()})`;
  const insert = sql`insert into pipeline_totals
    (stage, owner_key, deals, total_cents, override_cents, override_weighted) values ${values}`;
  if (dialect === 'mysql') {
    await sql`${insert} on duplicate key update
      deals = deals + values(deals), total_cents = total_cents + values(total_cents),
      override_cents = override_cents + values(override_cents),
      override_weighted = override_weighted + values(override_weighted)`.execute(trx);
  } else {
    await sql`${insert} on conflict (stage, owner_key) do update set
      deals = pipeline_totals.deals + excluded.deals,
      total_cents = pipeline_totals.total_cents + excluded.total_cents,
      override_cents = pipeline_totals.override_cents + excluded.override_cents,
      override_weighted = pipeline_totals.override_weighted + excluded.override_weighted`.execute(trx);
  }
}

/**
 * Exact cents of a SUM over opportunities.deal_value, as a bigint column value on each database:
 * of every deal, of those with a probability of their own, and their cents × probability.
 */
function sumCents(dialect: DialectName, of: 'all' | 'overridden' | 'weighted' = 'all') {
  const cents =
    dialect === 'sqlite' ? sql`cast(round(deal_value * 100) as integer)` : sql`round(deal_value * 100)`;
  const term =
    of === 'all'
      ? cents
      : of === 'overridden'
        ? sql`case when probability is null then 0 else ${cents} end`
        : sql`${cents} * probability`;
  if (dialect === 'sqlite') return sql`coalesce(sum(${term}), 0)`;
  if (dialect === 'postgres') return sql`coalesce(sum(${term}), 0)::bigint`;
  return sql`cast(coalesce(sum(${term}), 0) as signed)`;
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
  const select = sql`select stage, coalesce(owner_id, 0), count(*), ${sumCents(dialect)},
    ${sumCents(dialect, 'overridden')}, ${sumCents(dialect, 'weighted')}
    from opportunities where ${only} group by stage, coalesce(owner_id, 0)`;
  const insert = sql`insert into pipeline_totals
    (stage, owner_key, deals, total_cents, override_cents, override_weighted) ${select}`;
  // a concurrent create may have re-added a row since the delete: the recomputed value wins
  if (dialect === 'mysql') {
    await sql`${insert} on duplicate key update deals = values(deals), total_cents = values(total_cents),
      override_cents = values(override_cents), override_weighted = values(override_weighted)`.execute(trx);
  } else {
    await sql`${insert} on conflict (stage, owner_key) do update set
      deals = excluded.deals, total_cents = excluded.total_cents,
      override_cents = excluded.override_cents, override_weighted = excluded.override_weighted`.execute(trx);
  }
}

export interface StageTotal {
  stage: string;
  deals: number;
  cents: bigint;
  /** of the deals with a probability of their own: their total, and Σ cents × probability */
  overrideCents: bigint;
  overrideWeighted: bigint;
}

/** A bigint sum as a driver returns it (a number, a string, maybe "12.0000" from MySQL's SUM). */
export const bigSum = (v: number | string | bigint | null | undefined) =>
  v === null || v === undefined ? 0n : BigInt(String(v).replace(/\.0+$/, ''));

/**
 * A stage's weighted value in cents, rounded half up once: each deal at its own probability, or
 * else the stage's: ((total − overridden) × stage probability + Σ overridden × theirs) / 100.
 */
export function weightedCents(t: StageTotal | undefined, stageProbability: number): bigint {
  if (!t) return 0n;
  return ((t.cents - t.overrideCents) * BigInt(stageProbability) + t.overrideWeighted + 50n) / 100n;
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
    override_cents: number | string;
    override_weighted: number | string;
  }[];
  return new Map(
    rows.map((r) => [
      r.stage,
      {
        stage: r.stage,
        deals: Number(r.deals),
        cents: bigSum(r.cents),
        overrideCents: bigSum(r.override_cents),
        overrideWeighted: bigSum(r.override_weighted),
      },
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
      sql<number | string>`sum(override_cents)`.as('override_cents'),
      sql<number | string>`sum(override_weighted)`.as('override_weighted'),
    ])
    .groupBy('stage');
  if (owner !== undefined) q = q.where('owner_key', '=', ownerKey(owner));
  return q;
}

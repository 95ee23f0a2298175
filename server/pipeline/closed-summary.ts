import { sql } from 'kysely';
import type { ClosedSummary } from '../../shared/resources.js';
import { filterValue } from '../crud/list.js';
import type { Actor } from '../crud/resource.js';
import type { Db } from '../db/connect.js';
import { sumMoney, sumToCents, timestampParam } from '../db/dialect.js';
import { fieldError } from '../errors.js';
import { centsToNumber } from '../lib/money.js';
import { parseInstant } from '../lib/time.js';
import { opportunities } from '../opportunities/opportunities.resource.js';

export interface ClosedQuery {
  from: string;
  to: string;
  owner_id?: string;
}

/**
 * The deals closed in [from, to), won and lost apart: by closed_at, and by the kind of the stage
 * they are in now (a deal moved from won to lost was closed again then, so it counts once).
 */
export async function closedSummary(db: Db, query: ClosedQuery, actor: Actor): Promise<ClosedSummary> {
  const from = parseInstant(query.from);
  if (!from) throw fieldError('from', 'invalid_datetime', 'must be a date-time between years 1000 and 9999');
  const to = parseInstant(query.to);
  if (!to) throw fieldError('to', 'invalid_datetime', 'must be a date-time between years 1000 and 9999');
  if (to <= from) throw fieldError('to', 'invalid', 'must be after "from"');

  let q = db.kysely
    .selectFrom('opportunities as o')
    .innerJoin('pipeline_stages as s', 's.name', 'o.stage')
    .select([
      's.kind as kind',
      sql<number | string>`count(*)`.as('n'),
      sumMoney(db.dialect, sql.ref('o.deal_value')).as('total'),
    ])
    .where('o.closed_at', '>=', timestampParam(db.dialect, from))
    .where('o.closed_at', '<', timestampParam(db.dialect, to))
    .where('s.kind', 'in', ['won', 'lost'])
    .groupBy('s.kind');
  if (query.owner_id !== undefined) {
    const owner = filterValue(opportunities, 'owner_id', query.owner_id, { dialect: db.dialect, actor });
    // "none" (deals nobody owns) is NULL
    q = owner === null ? q.where('o.owner_id', 'is', null) : q.where('o.owner_id', '=', owner as number);
  }
  const rows = await q.execute();
  const out: ClosedSummary = { won: { count: 0, total_value: 0 }, lost: { count: 0, total_value: 0 } };
  for (const r of rows) {
    const kind = r.kind as 'won' | 'lost';
    out[kind] = {
      count: Number(r.n),
      total_value: centsToNumber(sumToCents(db.dialect, r.total as string | number | null)),
    };
  }
  return out;
}

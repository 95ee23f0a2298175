import type { LooseDb } from '../crud/resource.js';
import type { TestContext } from '../test/harness.js';

const ID_COLUMNS: Record<string, string> = {
  contacts: 'contact_id',
  companies: 'company_id',
  opportunities: 'opportunity_id',
  interactions: 'interaction_id',
  tasks: 'task_id',
};

/** The rows of `table` still there among `ids`, read from the database (not through the API). */
export async function rowsOf(t: TestContext, table: string, ids: number[]) {
  if (ids.length === 0) return [];
  return (await (t.db.kysely as LooseDb)
    .selectFrom(table)
    .selectAll()
    .where(ID_COLUMNS[table], 'in', ids)
    .execute()) as Record<string, unknown>[];
}

export const countOf = async (t: TestContext, table: string, ids: number[]) =>
  (await rowsOf(t, table, ids)).length;

/** The audit entries of one action on these records, each with its parsed changes. */
export async function auditsOf(t: TestContext, resource: string, action: string, ids: number[]) {
  const rows = await t.db.kysely
    .selectFrom('audit_events')
    .select(['record_id', 'changes', 'user_id'])
    .where('resource', '=', resource)
    .where('action', '=', action)
    .where('record_id', 'in', ids)
    .orderBy('audit_id')
    .execute();
  return rows.map((r) => ({
    record_id: Number(r.record_id),
    user_id: r.user_id === null ? null : Number(r.user_id),
    changes: r.changes === null ? null : JSON.parse(String(r.changes)),
  }));
}

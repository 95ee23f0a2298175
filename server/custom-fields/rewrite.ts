// What a definition change does to the records holding a value of it (issue 13, ADR 013): in the
// change's transaction, each record whose value changes gets its new `custom_fields` JSON, a new
// updated_at (so a new ETag) and an audit entry; the index table follows. Batched: a page of 500
// records is one read, one UPDATE (a CASE over their IDs: portable to the three databases), one
// DELETE and one INSERT of index rows and one INSERT of audit entries.
import { isDeepStrictEqual } from 'node:util';
import { sql } from 'kysely';
import type { Checked, CustomField } from '../../shared/custom-fields.js';
import { type AuditEntry, recordAudits } from '../audit/audit.repository.js';
import { readValue } from '../crud/convert.js';
import type { ResourceDef, Row, WriteContext } from '../crud/resource.js';
import { timestampParam } from '../db/dialect.js';
import { insertMany } from '../db/pg-unnest.js';
import { chunks } from '../lib/chunks.js';
import { addSearchWords, removeSearchWords } from '../search/search-words.js';
import { indexRows } from './index-rows.js';

/** records a statement: 500 IDs and 1,000 JSON texts, under every driver's parameter limit */
export const REWRITE_CHUNK = 500;
/** the stored values a refused type change shows */
const EXAMPLES_MAX = 5;

type Values = Record<string, unknown>;

export interface Refused {
  count: number;
  examples: { record_id: number; value: unknown }[];
}

/** A page of records: their ID, their values and when they last changed. */
type Page = Row[];

/**
 * A page's rows are locked until the change commits (PostgreSQL, MySQL; SQLite has one writer): a
 * record write in flight is waited for and read as it left the row, so its change is not lost.
 */
const locked = (ctx: WriteContext, def: ResourceDef) => {
  const q = ctx.trx.selectFrom(def.table).selectAll();
  return ctx.dialect === 'sqlite' ? q : q.forUpdate();
};

/**
 * The records whose JSON may hold `key`, a page at a time in ID order. The JSON column has no
 * index: a type change or a field's deletion reads the table once, which an administrator's rare
 * change can afford (the values themselves are then told apart by parsing).
 */
export async function* recordsHolding(
  ctx: WriteContext,
  def: ResourceDef,
  key: string,
): AsyncGenerator<Page> {
  let after = 0;
  for (;;) {
    const rows = (await locked(ctx, def)
      .where(def.idColumn, '>', after)
      .where('custom_fields', 'like', `%"${key}":%`)
      .orderBy(def.idColumn)
      .limit(REWRITE_CHUNK)
      .execute()) as Row[];
    if (rows.length > 0) yield rows;
    if (rows.length < REWRITE_CHUNK) return;
    after = Number(rows[rows.length - 1][def.idColumn]);
  }
}

/** The records of these IDs (found through the index table), a page at a time. */
export async function* recordsOf(ctx: WriteContext, def: ResourceDef, ids: number[]): AsyncGenerator<Page> {
  for (const part of chunks(ids, REWRITE_CHUNK))
    yield (await locked(ctx, def).where(def.idColumn, 'in', part).orderBy(def.idColumn).execute()) as Row[];
}

function parse(json: unknown): Values {
  if (typeof json !== 'string' || json === '') return {};
  try {
    const v = JSON.parse(json);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}

export interface RewritePlan {
  /** the field as it was (its key, its ID) */
  before: CustomField;
  /** the field as it will be; null: it is being deleted (its key leaves every record) */
  after: CustomField | null;
  /** a stored value → its new value or its fault (unused when deleting) */
  convert: (value: unknown) => Checked;
  /** the index rows are rebuilt for every record holding a value (a type change) */
  reindex: boolean;
}

/**
 * Applies `plan` to the records `pages` yields. A value that does not convert is counted (with a
 * few examples) and the rest is still read, so the refusal tells all; the caller then throws,
 * which rolls back what was written.
 */
export async function rewriteRecords(
  ctx: WriteContext,
  def: ResourceDef,
  plan: RewritePlan,
  pages: AsyncIterable<Page>,
): Promise<{ changed: number; refused: Refused | null }> {
  const key = plan.before.key;
  const refused: Refused = { count: 0, examples: [] };
  let changed = 0;
  for await (const rows of pages) {
    const updates: { row: Row; before: Values; after: Values }[] = [];
    /** records whose values read the same under the new definition (their search words may not) */
    const same: Row[] = [];
    const held: { id: number; values: Values }[] = [];
    for (const row of rows) {
      const values = parse(row.custom_fields);
      if (!(key in values)) continue;
      const id = Number(row[def.idColumn]);
      const next = { ...values };
      if (plan.after === null) delete next[key];
      else {
        const c = plan.convert(values[key]);
        if ('problem' in c) {
          refused.count++;
          if (refused.examples.length < EXAMPLES_MAX)
            refused.examples.push({ record_id: id, value: values[key] });
          continue;
        }
        if (c.value === null) delete next[key];
        else next[key] = c.value;
      }
      held.push({ id, values: next });
      if (!isDeepStrictEqual(values, next)) updates.push({ row, before: values, after: next });
      else same.push(row);
    }
    if (refused.count > 0) continue; // refused: nothing more is written, the rest is only counted
    await writeValues(ctx, def, updates);
    if (plan.reindex && plan.after) {
      await reindex(ctx, plan.after, held);
      await rederive(ctx, def, same);
    }
    changed += updates.length;
  }
  return { changed, refused: refused.count > 0 ? refused : null };
}

/**
 * The new values of a page of records, with what derives from them as a write through the engine
 * would derive it: the resource's `prepare` gives the search text (custom text fields are
 * searched), whose words are then replaced; updated_at and an audit entry each.
 */
async function writeValues(
  ctx: WriteContext,
  def: ResourceDef,
  updates: { row: Row; before: Values; after: Values }[],
) {
  if (updates.length === 0) return;
  const nowIso = new Date().toISOString();
  const idOf = (u: { row: Row }) => Number(u.row[def.idColumn]);
  const json = (v: Values) => (Object.keys(v).length > 0 ? JSON.stringify(v) : null);
  const written: Written[] = [];
  for (const u of updates) written.push(await derive(ctx, def, u.row, json(u.after), u.after));
  await update(ctx, def, written, { custom_fields: (w) => w.json }, timestampParam(ctx.dialect, nowIso));
  await replaceWords(ctx, def, written);
  const entries: AuditEntry[] = updates.map((u) => ({
    userId: ctx.actor.userId,
    action: 'update',
    resource: def.path,
    recordId: idOf(u),
    changes: {
      custom_fields: [u.before, u.after],
      updated_at: [readValue('timestamp', u.row.updated_at), nowIso],
    },
  }));
  await recordAudits(ctx.trx, ctx.dialect, entries);
}

interface Written {
  id: number;
  json: string | null;
  /** undefined: the resource derives none */
  searchText?: unknown;
}

/** What a record's new values give through the resource's `prepare`: its search text. */
async function derive(ctx: WriteContext, def: ResourceDef, row: Row, json: string | null, after: Values) {
  const values: Values = { custom_fields: json };
  const prepared = (await def.prepare?.(values, row, ctx, { custom_fields: after })) ?? values;
  return { id: Number(row[def.idColumn]), json, searchText: prepared.search_text } as Written;
}

/**
 * Records whose values are unchanged by a type change, but whose search text may be (a text
 * became a select, or the reverse): their search words follow, with no new version (their API
 * representation, hence their ETag, is what it was).
 */
async function rederive(ctx: WriteContext, def: ResourceDef, rows: Row[]) {
  const changed: Written[] = [];
  for (const row of rows) {
    const json = (row.custom_fields ?? null) as string | null;
    const w = await derive(ctx, def, row, json, parse(json));
    if (w.searchText !== undefined && w.searchText !== row.search_text) changed.push(w);
  }
  if (changed.length === 0) return;
  await update(ctx, def, changed, {});
  await replaceWords(ctx, def, changed);
}

/** One UPDATE for a page: each column a CASE over the records' IDs (portable to the three databases). */
async function update(
  ctx: WriteContext,
  def: ResourceDef,
  written: Written[],
  columns: Record<string, (w: Written) => unknown>,
  updatedAt?: string,
) {
  const id = sql.ref(def.idColumn);
  const caseOf = (value: (w: Written) => unknown) =>
    sql`case ${id} ${sql.join(
      written.map((w) => sql`when ${w.id} then ${value(w)}`),
      sql` `,
    )} end`;
  const all = { ...columns };
  if (written.some((w) => w.searchText !== undefined)) all.search_text = (w) => w.searchText ?? null;
  const sets = Object.entries(all).map(([c, v]) => sql`${sql.ref(c)} = ${caseOf(v)}`);
  if (updatedAt !== undefined) sets.push(sql`updated_at = ${updatedAt}`);
  if (sets.length === 0) return;
  const ids = written.map((w) => w.id);
  await sql`update ${sql.table(def.table)} set ${sql.join(sets)} where ${id} in (${sql.join(ids)})`.execute(
    ctx.trx,
  );
}

/** Every word of these records again: exact whatever was stored before, two statements a page. */
async function replaceWords(ctx: WriteContext, def: ResourceDef, written: Written[]) {
  const searched = written.filter((w) => w.searchText !== undefined);
  if (!def.search || searched.length === 0) return;
  await removeSearchWords(
    ctx.trx,
    def.table,
    searched.map((w) => w.id),
  );
  await addSearchWords(
    ctx.trx,
    ctx.dialect,
    def.table,
    searched.map((w) => ({ id: w.id, searchText: w.searchText })),
  );
}

/** The field's index rows of these records, rebuilt from their new values. */
async function reindex(ctx: WriteContext, field: CustomField, held: { id: number; values: Values }[]) {
  if (held.length === 0) return;
  await ctx.trx
    .deleteFrom('custom_values')
    .where('field_id', '=', field.field_id)
    .where(
      'record_id',
      'in',
      held.map((h) => h.id),
    )
    .execute();
  const rows = held.flatMap((h) => indexRows([field], h.id, h.values));
  if (rows.length > 0)
    await insertMany(
      ctx.trx,
      ctx.dialect,
      'custom_values',
      ['field_id', 'record_id', 'value_text', 'value_num'],
      rows as never,
    );
}

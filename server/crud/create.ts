// Creating records, one (the API) or a batch of them (the importer), by the same rules: each
// record is checked on its own and a refused one is reported without stopping the others, then the
// accepted ones are written with one statement a kind of thing (rows, search words, audit entries)
// instead of one a record, which is what makes an import of a million rows take minutes, not hours.
import { sql } from 'kysely';
import { type Changes, diff, recordAudits } from '../audit/audit.repository.js';
import { authorizeWrite } from '../auth/permissions.js';
import { addCustomValues } from '../custom-fields/index-sync.js';
import { withCustomValues } from '../custom-fields/record-values.js';
import { timestampParam } from '../db/dialect.js';
import { insertUnnest } from '../db/pg-unnest.js';
import { AppError, badRequest, type FieldError } from '../errors.js';
import { addNameWords } from '../search/name-words.js';
import { addSearchWords } from '../search/search-words.js';
import { addRecordTags, withResolvedTags } from '../tags/record-tags.js';
import { rowToDto, writeValues } from './convert.js';
import type { LooseDb, ResourceDef, Row, Values, WriteContext } from './resource.js';

/** One input's fate: the new record's ID, or why it was refused (nothing of it was written). */
export type Created = { id: number } | { error: AppError };

/** bound parameters one INSERT may carry: below SQLite's 32766 and the 65535 of PostgreSQL and MySQL */
const MAX_PARAMS = 30_000;
/** IDs one `IN (…)` lists */
const IN_CHUNK = 1_000;

/**
 * Creates a record for each input in the caller's transaction, with the checks, derived columns,
 * owner default, search words, resource hooks and audit entry of a single create. A refused input
 * (validation, permission, missing relation) is an `error` in the result at its index; a database
 * failure throws, and the caller rolls back what this call wrote. `onPrepared` sees each row just
 * before it is written (a single create explains a unique violation from it).
 */
export async function createRows(
  def: ResourceDef,
  ctx: WriteContext,
  inputs: Values[],
  onPrepared?: (row: Values) => void,
): Promise<Created[]> {
  const out: Created[] = new Array(inputs.length);
  const refuse = (i: number, e: unknown) => {
    if (!(e instanceof AppError)) throw e;
    out[i] = { error: e };
  };
  const checked: { i: number; values: Values }[] = [];
  const custom = await withCustomValues(
    ctx,
    def,
    inputs,
    inputs.map(() => null),
  );
  for (const [i, c] of custom.entries()) {
    try {
      if ('error' in c) throw c.error;
      const values = writeValues(def, c.values, ctx.dialect);
      authorizeWrite(ctx.actor, def, null, values);
      // a record belongs to whoever creates it unless the request names its owner
      const owner = def.ownerField;
      if (owner && values[owner] === undefined) values[owner] = ctx.actor.userId;
      checkRequired(def, values, null);
      checked.push({ i, values });
    } catch (e) {
      refuse(i, e);
    }
  }
  const missing = await missingRelations(
    ctx.trx,
    def,
    checked.map((c) => c.values),
  );
  const stamp = timestampParam(ctx.dialect, new Date().toISOString());
  const ts = def.timestamps ?? 'both';
  const ready: { i: number; row: Values }[] = [];
  for (const [k, { i, values }] of checked.entries()) {
    try {
      if (missing[k].length > 0) throw badRequest(missing[k]);
      // after the other checks, so that a refused row creates no tag
      const tagged = await withResolvedTags(def, ctx, values);
      const prepared = (await def.prepare?.(tagged, null, ctx, inputs[i])) ?? tagged;
      const row = {
        ...prepared,
        ...(ts !== 'none' ? { created_at: stamp } : {}),
        ...(ts === 'both' ? { updated_at: stamp } : {}),
      };
      onPrepared?.(row);
      ready.push({ i, row });
    } catch (e) {
      refuse(i, e);
    }
  }
  if (ready.length === 0) return out;

  const { ids, returned } = await insertRows(
    ctx,
    def,
    ready.map((r) => r.row),
  );
  const stored = returned ?? (await readRows(ctx.trx, def, ids));
  const after = ids.map((id, k) => {
    const row = stored.get(id);
    // the IDs come from RETURNING (in the order of the rows sent) or MySQL's consecutive
    // auto-increment values: a row that is not the one written means that assumption broke, and
    // nothing of it may stay
    if (!row || !sameText(def, ready[k].row, row))
      throw new Error(`${def.table}: the rows read back do not match those inserted`);
    return row;
  });
  for (const [k, r] of ready.entries()) out[r.i] = { id: ids[k] };
  if (def.search)
    await addSearchWords(
      ctx.trx,
      ctx.dialect,
      def.table,
      after.map((row, k) => ({ id: ids[k], searchText: row.search_text })),
    );
  await addNameWords(
    ctx.trx,
    ctx.dialect,
    def,
    after.map((row, k) => ({ id: ids[k], row })),
  );
  await addRecordTags(
    ctx,
    def,
    after.map((row, k) => ({ id: ids[k], row })),
  );
  await addCustomValues(
    ctx.trx,
    ctx.dialect,
    def,
    after.map((row, k) => ({ id: ids[k], row })),
  );
  if (def.afterWrite) for (const row of after) await def.afterWrite(null, row, ctx);
  if (def.afterCreateMany)
    await def.afterCreateMany(
      after.map((row, k) => ({ id: ids[k], row })),
      ctx,
    );
  await recordAudits(
    ctx.trx,
    ctx.dialect,
    ready.map((r, k) => ({
      userId: ctx.actor.userId,
      action: 'create' as const,
      resource: def.path,
      recordId: ids[k],
      changes: auditChanges(def, null, after[k], inputs[r.i]),
      importId: ctx.importId,
    })),
  );
  return out;
}

/** What an audit entry records: the API representations' differences, secrets only as changed. */
export function auditChanges(
  def: ResourceDef,
  before: Row | null,
  after: Row | null,
  input: Values,
): Changes {
  const changes = diff(before && rowToDto(def, before), after ? rowToDto(def, after) : null);
  for (const secret of def.secretInputs ?? []) {
    if (input[secret] !== undefined) changes[secret] = ['(hidden)', '(changed)'];
  }
  return changes;
}

export function checkRequired(def: ResourceDef, values: Values, existing: Row | null) {
  const errors: FieldError[] = [];
  for (const field of def.required ?? []) {
    const provided = field in values;
    if ((existing === null && !provided) || (provided && values[field] === null)) {
      errors.push({ field, code: 'required', message: 'is required and cannot be empty' });
    }
  }
  if (errors.length > 0) throw badRequest(errors);
}

/** For each set of values, the relations naming a record that does not exist (one query a relation). */
export async function missingRelations(
  trx: LooseDb,
  def: ResourceDef,
  all: Values[],
): Promise<FieldError[][]> {
  const errors: FieldError[][] = all.map(() => []);
  for (const rel of def.relations) {
    const wanted = [...new Set(all.map((v) => v[rel.field]).filter((v) => v !== null && v !== undefined))];
    const found = new Set<string>();
    for (let i = 0; i < wanted.length; i += IN_CHUNK) {
      const rows = await trx
        .selectFrom(rel.table)
        .select(rel.idColumn)
        .where(rel.idColumn, 'in', wanted.slice(i, i + IN_CHUNK) as number[])
        .execute();
      for (const r of rows) found.add(String(r[rel.idColumn]));
    }
    for (const [k, values] of all.entries()) {
      const v = values[rel.field];
      if (v !== null && v !== undefined && !found.has(String(v)))
        errors[k].push({ field: rel.field, code: 'not_found', message: `${rel.label} ${v} does not exist` });
    }
  }
  return errors;
}

/**
 * Inserts the rows, returning their IDs in order. Rows naming the same columns share a statement
 * (the columns a row leaves out take their defaults, which a shared column list would not allow on
 * SQLite); on PostgreSQL one of arrays (pg-unnest.ts). MySQL has no RETURNING: a multi-row INSERT's IDs are consecutive from `insertId` when
 * the auto-increment lock mode is 0 or 1 (MariaDB's default); under mode 2 (MySQL 8's) concurrent
 * inserts may interleave, so there each row is inserted alone.
 */
async function insertRows(
  ctx: WriteContext,
  def: ResourceDef,
  rows: Values[],
): Promise<{ ids: number[]; returned?: Map<number, Row> }> {
  const ids: number[] = new Array(rows.length);
  // the stored rows come back with their IDs (RETURNING *), except on MySQL
  const returned = ctx.dialect === 'mysql' ? undefined : new Map<number, Row>();
  const keep = (part: number[], got: Row[]) => {
    for (const [n, k] of part.entries()) {
      ids[k] = Number(got[n][def.idColumn]);
      returned?.set(ids[k], got[n]);
    }
  };
  const groups = new Map<string, number[]>();
  for (const [k, row] of rows.entries()) {
    const key = Object.keys(row).sort().join(',');
    const g = groups.get(key);
    if (g) g.push(k);
    else groups.set(key, [k]);
  }
  const step = ctx.dialect === 'mysql' ? await mysqlIdStep(ctx.trx, rows.length) : 1;
  for (const [key, members] of groups) {
    const perStatement =
      ctx.dialect === 'postgres'
        ? members.length // arrays: no parameter limit
        : step === 0
          ? 1
          : Math.max(1, Math.floor(MAX_PARAMS / key.split(',').length));
    for (let s = 0; s < members.length; s += perStatement) {
      const part = members.slice(s, s + perStatement);
      const values = part.map((k) => rows[k]);
      if (ctx.dialect === 'postgres' && values.length > 1) {
        keep(part, await insertUnnest(ctx.trx, def.table, key.split(','), values, true));
      } else if (ctx.dialect === 'mysql') {
        const r = await ctx.trx.insertInto(def.table).values(values).executeTakeFirstOrThrow();
        const first = Number(r.insertId);
        for (const [n, k] of part.entries()) ids[k] = first + n * Math.max(step, 1);
      } else {
        keep(part, (await ctx.trx.insertInto(def.table).values(values).returningAll().execute()) as Row[]);
      }
    }
  }
  return { ids, returned };
}

/**
 * How far apart the IDs of one multi-row INSERT are on this MySQL/MariaDB server (its
 * auto_increment_increment), or 0 when they may not be consecutive and rows go one a statement.
 */
async function mysqlIdStep(trx: LooseDb, rows: number): Promise<number> {
  if (rows < 2) return 0;
  const {
    rows: [r],
  } = await sql<{ mode: number | string; inc: number | string }>`
    select @@innodb_autoinc_lock_mode as mode, @@auto_increment_increment as inc`.execute(trx);
  return r && Number(r.mode) < 2 ? Number(r.inc) : 0;
}

async function readRows(trx: LooseDb, def: ResourceDef, ids: number[]): Promise<Map<number, Row>> {
  const out = new Map<number, Row>();
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const rows = (await trx
      .selectFrom(def.table)
      .selectAll()
      .where(def.idColumn, 'in', ids.slice(i, i + IN_CHUNK))
      .execute()) as Row[];
    for (const r of rows) out.set(Number(r[def.idColumn]), r);
  }
  return out;
}

/** The text fields written are those read back (what tells one row from another in a batch). */
function sameText(def: ResourceDef, written: Values, stored: Row): boolean {
  return Object.entries(def.fields).every(([f, kind]) => {
    if (kind !== 'text' || !(f in written)) return true;
    const w = written[f];
    return w === null || w === undefined ? stored[f] === null : String(stored[f]) === String(w);
  });
}

import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { MAX_ID } from '../../shared/types.js';
import type { DialectName } from '../config.js';
import { customDefinitionsFor } from '../custom-fields/filters.js';
import { customSortedRows, customSortOf } from '../custom-fields/sort.js';
import { orderTerm, timestampParam } from '../db/dialect.js';
import { fieldError } from '../errors.js';
import { centsFromDb, centsToDecimal } from '../lib/money.js';
import { isoFromDb, parseDate, parseInstant } from '../lib/time.js';
import { queryTerms, wordTerms } from '../search/query-terms.js';
import { headCandidates, headHolds } from '../search/ranked-head.js';
import { RANK, rankedQuery, relevanceKeys } from '../search/relevance.js';
import { matchingIds } from '../search/search-words.js';
import { writeValue } from './convert.js';
import type { Actor, FieldKind, LooseDb, ResourceDef, Row } from './resource.js';

export const PAGE_DEFAULT = 50;
/** A list's parameters that are not filters: its page, order and search. */
const LIST_PARAMS = ['limit', 'cursor', 'sort', 'q'];

/** The list has filters besides `q`: from the query, the route (a parent's list) or its hops. */
const hasFilters = (query: ListQuery, opts: ListOptions) =>
  Object.entries(query).some(([k, v]) => v !== undefined && !LIST_PARAMS.includes(k)) ||
  Object.keys(opts.fixed ?? {}).length > 0 ||
  (opts.through?.hops.length ?? 0) > 0;
export const PAGE_MAX = 200;

export interface ListQuery {
  limit?: number;
  cursor?: string;
  sort?: string;
  q?: string;
  [filter: string]: unknown;
}

export interface SortKey {
  /** the API's name of the sort (in the cursor's signature) */
  field: string;
  dir: 'asc' | 'desc';
  /** the column ordered by, when not the field's own (a name's key, the relevance rank) */
  column?: string;
  /** how the cursor holds its value, when the column is not a field */
  kind?: FieldKind;
}

/** The column a sort key orders by. */
export const sortColumn = (k: SortKey) => k.column ?? k.field;

/**
 * The words a query searches for. The one place `q` becomes terms: the lists, their exports and
 * GET /search all come through here.
 */
export function searchTerms(q: string | undefined, def?: ResourceDef): string[] {
  // on records with phones, a phone-like query is one digits term; at most 8 terms
  // (server/search/query-terms.ts)
  return def?.search?.phones ? queryTerms(q) : wordTerms(q);
}

/** Sortable fields as the API names them, `relevance` included where the list ranks a `q`. */
const sortChoices = (def: ResourceDef) => (def.search?.names ? [...def.sortable, 'relevance'] : def.sortable);

/**
 * The sort keys of a list: `sort` as given, else by relevance when `q` has words and the list
 * ranks them, else the list's default; the ID last.
 */
export function parseSort(def: ResourceDef, sort: string | undefined, q?: string): SortKey[] {
  const searching = searchTerms(q, def).length > 0;
  const spec = sort?.trim() ? sort : searching && def.search?.names ? 'relevance' : def.defaultSort;
  if (spec.trim() === 'relevance' && def.search?.names) {
    if (!searching)
      throw fieldError('sort', 'invalid_sort', 'sorting by relevance needs words to search for (q)', {
        allowed: [...def.sortable],
      });
    return relevanceKeys(def, def.search.names);
  }
  const custom = customSortOf(spec);
  // a custom field sorts alone (server/custom-fields/sort.ts reads the list then)
  if (custom && def.fields.custom_fields === 'map')
    return [
      { field: `cf.${custom.key}`, dir: custom.dir, column: '__cf' },
      { field: def.idColumn, dir: custom.dir },
    ];
  const keys: SortKey[] = [];
  for (const part of spec.split(',')) {
    const p = part.trim();
    const dir = p.startsWith('-') ? 'desc' : 'asc';
    const field = p.replace(/^[-+]/, '');
    if (!def.sortable.includes(field) && field !== def.idColumn) {
      const allowed = sortChoices(def);
      throw fieldError(
        'sort',
        'invalid_sort',
        field === 'relevance' && def.search?.names
          ? 'relevance is a sort of its own: it cannot be combined with other fields'
          : `cannot sort by "${field}"; sortable fields: ${allowed.join(', ')}`,
        { allowed },
      );
    }
    if (keys.some((k) => k.field === field))
      throw fieldError('sort', 'invalid_sort', `"${field}" is named twice`);
    keys.push({ field, dir, column: def.sortKeys?.[field] });
  }
  // The ID breaks ties, so every row has one place in the order and keyset pages never skip one.
  if (!keys.some((k) => k.field === def.idColumn)) {
    keys.push({ field: def.idColumn, dir: keys[keys.length - 1]?.dir ?? 'asc' });
  }
  return keys;
}

/** how a sortable column is read and written: a field's kind, or an internal column's */
const kindOf = (def: ResourceDef, field: string): FieldKind | undefined =>
  def.fields[field] ?? def.internalFields?.[field];

const sortSignature = (keys: SortKey[]) => keys.map((k) => (k.dir === 'desc' ? '-' : '') + k.field).join(',');

type CursorValue = string | number | null;

export function encodeCursor(def: ResourceDef, keys: SortKey[], row: Row): string {
  const values: CursorValue[] = keys.map((k) => {
    const v = row[sortColumn(k)];
    if (v === null || v === undefined) return null;
    const kind = keyKind(def, k);
    if (kind === 'int') return Number(v);
    if (kind === 'timestamp') return isoFromDb(v as Date | string);
    if (kind === 'money') return centsToDecimal(centsFromDb(v as string | number) as bigint);
    return typeof v === 'number' ? v : String(v);
  });
  return Buffer.from(JSON.stringify({ s: sortSignature(keys), v: values })).toString('base64url');
}

/** How a sort key's values are held: its field's kind, or its own (a key column is text). */
const keyKind = (def: ResourceDef, k: SortKey): FieldKind | undefined =>
  k.kind ?? (k.column ? 'text' : kindOf(def, k.field));

/** A cursor value is only used if it is what encodeCursor could have written for that field. */
function cursorValueFits(kind: FieldKind | undefined, v: CursorValue): boolean {
  if (v === null) return true;
  switch (kind) {
    case 'id':
    case 'user':
    case 'int':
      return typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= MAX_ID;
    case 'timestamp':
      return typeof v === 'string' && parseInstant(v) === v; // as encodeCursor writes it
    case 'date':
      return typeof v === 'string' && parseDate(v) !== null;
    case 'money':
      return typeof v === 'string' && /^-?[0-9]{1,8}\.[0-9]{2}$/.test(v);
    default:
      return typeof v === 'string' && !v.includes('\u0000');
  }
}

function decodeCursor(def: ResourceDef, keys: SortKey[], cursor: string): CursorValue[] {
  const invalid = () =>
    fieldError(
      'cursor',
      'invalid_cursor',
      'is not a cursor from this list with this sort; start again without it',
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const c = parsed as { s?: unknown; v?: unknown };
  if (typeof c !== 'object' || c === null || c.s !== sortSignature(keys) || !Array.isArray(c.v))
    throw invalid();
  if (c.v.length !== keys.length) throw invalid();
  // A forged value of the wrong type would reach the database and fail there (a 500 on PostgreSQL).
  c.v.forEach((v, i) => {
    if (!cursorValueFits(keyKind(def, keys[i]), v as CursorValue)) throw invalid();
  });
  return c.v as CursorValue[];
}

/** The rows strictly after the cursor's row in the given order, NULL being the smallest value. */
function afterCursor(
  eb: ExpressionBuilder<Record<string, Row>, string>,
  table: string,
  keys: SortKey[],
  values: unknown[],
  i: number,
): Expression<SqlBool> {
  const col = eb.ref(`${table}.${sortColumn(keys[i])}`);
  const v = values[i];
  const last = i === keys.length - 1;
  const tail = () => afterCursor(eb, table, keys, values, i + 1);
  if (keys[i].dir === 'asc') {
    if (v === null)
      return last
        ? eb(col, 'is not', null)
        : eb.or([eb.and([eb(col, 'is', null), tail()]), eb(col, 'is not', null)]);
    return last ? eb(col, '>', v) : eb.or([eb(col, '>', v), eb.and([eb(col, '=', v), tail()])]);
  }
  if (v === null) return last ? sql<SqlBool>`1 = 0` : eb.and([eb(col, 'is', null), tail()]);
  const before = [eb(col, '<', v), eb(col, 'is', null)];
  return eb.or(last ? before : [...before, eb.and([eb(col, '=', v), tail()])]);
}

/**
 * One way for a row to belong to a parent it does not point at: its `column` holds the ID
 * (`idColumn`) of a row of `table`, whose `parentColumn` is the parent's ID. An interaction belongs
 * to a company through its contact (contact_id → contacts.company_id) or through its opportunity.
 */
export interface Hop {
  column: string;
  table: string;
  idColumn: string;
  parentColumn: string;
}

export interface ListOptions {
  dialect: DialectName;
  actor: Actor;
  /** filters fixed by the route (a related list's parent) */
  fixed?: Record<string, unknown>;
  /** only the rows reaching this parent through any of these hops (a related list through others) */
  through?: { hops: Hop[]; parentId: number };
  /** the matches of `q` say how each word matched (for the relevance rank) */
  ranked?: boolean;
  /** only these rows (the candidates of a ranked search's head: server/search/ranked-head.ts) */
  within?: number[];
  /** the resource's custom field definitions, for `cf.` filters and sorting (server/custom-fields) */
  custom?: unknown;
}

/**
 * The IDs of the rows of `def` reaching the parent through any of the hops: a UNION of one join a
 * hop, each walking two indexes (the intermediate table's on its parent column, then the child's on
 * its column), joined to the list by ID like the search's, so only the parent's rows are read.
 */
function idsThrough(db: LooseDb, def: ResourceDef, hops: Hop[], parentId: number) {
  const branch = (h: Hop) =>
    db
      .selectFrom(`${def.table} as c`)
      .innerJoin(`${h.table} as p`, `p.${h.idColumn}`, `c.${h.column}`)
      .select(`c.${def.idColumn} as id`)
      .where(`p.${h.parentColumn}`, '=', parentId);
  const [first, ...rest] = hops;
  let ids = branch(first);
  for (const h of rest) ids = ids.union(branch(h));
  return ids;
}

/** The resource's own filter taking this parameter, if any. */
export const extraFilterOf = (def: ResourceDef, param: string) =>
  def.extraFilters?.find((f) => (typeof f.param === 'string' ? f.param === param : f.param.test(param)));

/** The rows of a resource matching a list's filters and `q`, before order and paging. */
export function filteredQuery(db: LooseDb, def: ResourceDef, query: ListQuery, opts: ListOptions) {
  const t = def.table;
  let qb = db.selectFrom(t);

  const filters: [string, unknown][] = [];
  for (const [field, value] of Object.entries(query)) {
    if (value === undefined || LIST_PARAMS.includes(field)) continue;
    const extra = extraFilterOf(def, field);
    if (extra) {
      qb = extra.apply(qb, value, {
        table: t,
        idColumn: def.idColumn,
        param: field,
        db,
        dialect: opts.dialect,
        custom: opts.custom,
      });
      continue;
    }
    filters.push([field, filterValue(def, field, value, opts)]);
  }
  for (const [field, value] of Object.entries(opts.fixed ?? {})) filters.push([field, value]);
  if (opts.within) qb = qb.where(`${t}.${def.idColumn}`, 'in', opts.within);
  if (opts.through && opts.through.hops.length > 0) {
    const { hops, parentId } = opts.through;
    qb = qb.innerJoin(idsThrough(db, def, hops, parentId).as('via'), 'via.id', `${t}.${def.idColumn}`);
  }
  for (const [field, value] of filters) {
    if (Array.isArray(value)) {
      qb = qb.where(`${t}.${field}`, 'in', value);
      continue;
    }
    const keyed = def.filterKeys?.[field];
    if (keyed && typeof value === 'string') {
      const key = keyed.key(value);
      qb = qb.where(`${t}.${keyed.column}`, key === null ? 'is' : '=', key);
    }
    qb = qb.where(`${t}.${field}`, value === null ? 'is' : '=', value);
    // MySQL's collation would also match "software" for "Software"; the filter is exact everywhere.
    // The plain comparison above still lets the index narrow the rows first.
    if (opts.dialect === 'mysql' && typeof value === 'string' && def.fields[field] === 'text') {
      qb = qb.where(sql<SqlBool>`${sql.ref(`${t}.${field}`)} = ${value} collate utf8mb4_bin`);
    }
  }

  const terms = searchTerms(query.q, def);
  if (terms.length > 0) {
    if (!def.search) throw fieldError('q', 'unsupported', `search is not available on ${def.path}`);
    qb = qb.innerJoin(
      matchingIds(db, def, terms, opts.ranked, opts.within).as('q'),
      'q.id',
      `${t}.${def.idColumn}`,
    );
  }
  return qb;
}

export async function listRows(db: LooseDb, def: ResourceDef, query: ListQuery, options: ListOptions) {
  const opts = { ...options, custom: options.custom ?? (await customDefinitionsFor(db, def, query)) };
  if (customSortOf(query.sort)) return customSortedRows(db, def, query, opts);
  const { qb, limit, keys } = listQuery(db, def, query, opts);
  const rows =
    (keys[0].field === RANK && (await rankedHeadRows(db, def, query, opts, limit))) ||
    ((await qb.execute()) as Row[]);
  const page = rows.slice(0, limit);
  const next = rows.length > limit ? encodeCursor(def, keys, page[page.length - 1]) : null;
  return { rows: page, nextCursor: next };
}

/**
 * The first page of a ranked list read from the head of its best class (server/search/ranked-head.ts),
 * or null when the full query must run.
 */
async function rankedHeadRows(
  db: LooseDb,
  def: ResourceDef,
  query: ListQuery,
  opts: ListOptions,
  limit: number,
) {
  const terms = searchTerms(query.q, def);
  const within = await headCandidates(db, def, query.cursor, terms, limit, hasFilters(query, opts));
  if (!within) return null;
  const rows = (await listQuery(db, def, query, { ...opts, within }).qb.execute()) as Row[];
  return headHolds(rows, limit) ? rows : null;
}

/** The SELECT of one list page (one row more than the page, to know whether another follows). */
export function listQuery(db: LooseDb, def: ResourceDef, query: ListQuery, opts: ListOptions) {
  const limit = query.limit ?? PAGE_DEFAULT;
  const keys = parseSort(def, query.sort, query.q);
  const ranked = keys[0].field === RANK;
  // ranked: the matching rows with their rank, as a derived table `r` the order and cursor read
  const t = ranked ? 'r' : def.table;
  let qb = ranked
    ? rankedQuery(
        db,
        def,
        searchTerms(query.q, def),
        filteredQuery(db, def, query, { ...opts, ranked }),
        opts.dialect,
      )
    : filteredQuery(db, def, query, opts).selectAll(t);

  if (query.cursor) {
    const values = decodeCursor(def, keys, query.cursor).map((v, i) =>
      v !== null && keyKind(def, keys[i]) === 'timestamp' ? timestampParam(opts.dialect, String(v)) : v,
    );
    qb = qb.where((eb) =>
      afterCursor(eb as ExpressionBuilder<Record<string, Row>, string>, t, keys, values, 0),
    );
    // The same rows, bounded on the first sort key alone: an OR of the keys hides the start of the
    // range from the planners, which then read the index from its beginning (1.5 s at 1M rows on
    // PostgreSQL; 15 ms with the bound). Descending, rows after the cursor include the NULLs, so
    // the bound is only sound for the columns that are never NULL.
    const [lead] = keys;
    const v0 = values[0];
    const neverNull =
      lead.field === def.idColumn || lead.field === 'created_at' || lead.field === 'updated_at';
    const leadCol = `${t}.${sortColumn(lead)}`;
    if (v0 !== null && lead.dir === 'asc') qb = qb.where(leadCol, '>=', v0);
    else if (v0 !== null && neverNull) qb = qb.where(leadCol, '<=', v0);
    // All ascending and no NULL in the cursor: the same rows are `(a, b, id) > (x, y, z)`, which
    // PostgreSQL and SQLite walk as one index range from the cursor on. With the first key alone
    // bounded, a page deep in a common last name read every row of that name before the cursor
    // (18 ms at 1M contacts, 59 last names). MariaDB does not range-scan a row comparison.
    if (opts.dialect !== 'mysql' && keys.every((k) => k.dir === 'asc') && values.every((v) => v !== null)) {
      const cols = sql.join(keys.map((k) => sql.ref(`${t}.${sortColumn(k)}`)));
      qb = qb.where(sql<SqlBool>`(${cols}) > (${sql.join(values)})`);
    }
  }

  for (const k of keys) qb = qb.orderBy(orderTerm(opts.dialect, `${t}.${sortColumn(k)}`, k.dir));
  return { qb: qb.limit(limit + 1), limit, keys };
}

export function filterValue(def: ResourceDef, field: string, value: unknown, opts: ListOptions): unknown {
  const kind = def.fields[field];
  if (kind === undefined) throw fieldError(field, 'unknown_field', 'is not a field of this list');
  // the list's own ID: one ID, or several separated by commas (the query schema checked the form)
  if (field === def.idColumn && typeof value === 'string') {
    const ids = [...new Set(value.split(',').map(Number))];
    if (ids.some((id) => !Number.isInteger(id) || id < 1 || id > MAX_ID))
      throw fieldError(field, 'invalid_format', 'must be IDs (1 to 2147483647) separated by commas');
    return ids.length === 1 ? ids[0] : ids;
  }
  // "none": the records nobody owns (unassigned tasks)
  if (kind === 'user' && value === 'none') return null;
  if (kind === 'user' && value === 'me') {
    if (opts.actor.userId === null) throw fieldError(field, 'invalid', '"me" needs a signed-in user');
    return opts.actor.userId;
  }
  if (kind === 'user') {
    const id = Number(value);
    if (id < 1 || id > MAX_ID) throw fieldError(field, 'invalid', 'is not a user ID');
    return id;
  }
  return writeValue(field, kind, value, opts.dialect);
}

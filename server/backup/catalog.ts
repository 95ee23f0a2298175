// What a backup holds, read from the database itself (never a hand list that drifts from the
// migrations): its tables, their columns with a portable type, primary keys and foreign keys.
import { sql } from 'kysely';
import type { DialectName } from '../config.js';
import type { LooseDb } from '../crud/resource.js';

/** How a column's values travel between databases (ADR 017). */
export type PortableType =
  | 'integer'
  | 'bigint'
  | 'decimal'
  | 'real'
  | 'boolean'
  | 'date'
  | 'timestamp'
  | 'json'
  | 'blob'
  | 'text';

export interface ColumnInfo {
  name: string;
  type: PortableType;
  nullable: boolean;
  hasDefault: boolean;
  /** an auto-increment / serial column (its sequence is moved past the restored rows) */
  serial: boolean;
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  primaryKey: string[];
  /** the tables this one's foreign keys point at */
  references: string[];
  /** column → the referenced table and column */
  foreignKeys: Record<string, { table: string; column: string }>;
}

/**
 * Kysely's migration bookkeeping (the schema version is the manifest's, and restore runs the
 * migrations itself) and SQLite's own sequence table (it follows the rows inserted).
 */
export const NOT_BACKED_UP = new Set(['kysely_migration', 'kysely_migration_lock', 'sqlite_sequence']);

function sqliteType(declared: string): PortableType {
  const t = declared.toLowerCase();
  if (t === 'bigint') return 'bigint';
  if (t.includes('int')) return 'integer';
  if (t.startsWith('decimal') || t.startsWith('numeric')) return 'decimal';
  if (t.includes('real') || t.includes('floa') || t.includes('doub')) return 'real';
  if (t.startsWith('bool')) return 'boolean';
  if (t === 'date') return 'date';
  if (t.startsWith('timestamp') || t.startsWith('datetime')) return 'timestamp';
  if (t === 'blob') return 'blob';
  if (t === 'json') return 'json';
  // TEXT also holds SQLite's timestamps and dates (ISO 8601): the target's types decide on restore
  return 'text';
}

function pgType(dataType: string): PortableType {
  const t = dataType.toLowerCase();
  if (t === 'integer' || t === 'smallint') return 'integer';
  if (t === 'bigint') return 'bigint';
  if (t === 'numeric') return 'decimal';
  if (t === 'real' || t === 'double precision') return 'real';
  if (t === 'boolean') return 'boolean';
  if (t === 'date') return 'date';
  if (t.startsWith('timestamp')) return 'timestamp';
  if (t === 'json' || t === 'jsonb') return 'json';
  if (t === 'bytea') return 'blob';
  return 'text';
}

function mysqlType(columnType: string): PortableType {
  const t = columnType.toLowerCase();
  if (t.startsWith('tinyint(1)')) return 'boolean';
  if (t.startsWith('bigint')) return 'bigint';
  if (/^(tiny|small|medium)?int/.test(t)) return 'integer';
  if (t.startsWith('decimal') || t.startsWith('numeric')) return 'decimal';
  if (t.startsWith('float') || t.startsWith('double')) return 'real';
  if (t === 'date') return 'date';
  if (t.startsWith('datetime') || t.startsWith('timestamp')) return 'timestamp';
  if (t === 'json') return 'json';
  if (t.includes('blob') || t.includes('binary')) return 'blob';
  return 'text';
}

interface RawColumn {
  table_name: string;
  column_name: string;
  type: string;
  nullable: unknown;
  has_default: unknown;
  serial: unknown;
  pk: unknown;
}
interface RawKey {
  table_name: string;
  column_name: string;
  ref_table: string;
  ref_column: string;
}

async function rawColumns(db: LooseDb, dialect: DialectName): Promise<RawColumn[]> {
  if (dialect === 'sqlite') {
    // an INTEGER PRIMARY KEY is SQLite's rowid: it numbers new rows by itself
    const { rows } = await sql<RawColumn>`
      select m.name as table_name, p.name as column_name, p.type as type, p."notnull" = 0 as nullable,
        p.dflt_value is not null as has_default,
        (p.pk = 1 and lower(p.type) = 'integer' and (select count(*) from pragma_table_info(m.name) q where q.pk > 0) = 1) as serial,
        p.pk as pk
      from sqlite_master m join pragma_table_info(m.name) p
      where m.type = 'table' order by m.name, p.cid`.execute(db);
    return rows;
  }
  if (dialect === 'postgres') {
    const { rows } = await sql<RawColumn>`
      select c.table_name as table_name, c.column_name as column_name, c.data_type as type,
        c.is_nullable = 'YES' as nullable, c.column_default is not null as has_default,
        (c.column_default like 'nextval(%' or c.is_identity = 'YES') as serial,
        coalesce((select k.ordinal_position from information_schema.table_constraints tc
          join information_schema.key_column_usage k on k.constraint_name = tc.constraint_name
            and k.table_schema = tc.table_schema and k.table_name = tc.table_name
          where tc.constraint_type = 'PRIMARY KEY' and tc.table_schema = c.table_schema
            and tc.table_name = c.table_name and k.column_name = c.column_name), 0) as pk
      from information_schema.columns c join information_schema.tables t
        on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema = current_schema()
      order by c.table_name, c.ordinal_position`.execute(db);
    return rows;
  }
  const { rows } = await sql<RawColumn>`
    select c.table_name as table_name, c.column_name as column_name, c.column_type as type,
      c.is_nullable = 'YES' as nullable, c.column_default is not null as has_default,
      c.extra like '%auto_increment%' as serial,
      coalesce((select k.ordinal_position from information_schema.key_column_usage k
        where k.table_schema = c.table_schema and k.table_name = c.table_name
          and k.column_name = c.column_name and k.constraint_name = 'PRIMARY'), 0) as pk
    from information_schema.columns c join information_schema.tables t
      on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema = database()
    order by c.table_name, c.ordinal_position`.execute(db);
  return rows;
}

async function rawKeys(db: LooseDb, dialect: DialectName): Promise<RawKey[]> {
  const q =
    dialect === 'sqlite'
      ? sql<RawKey>`select m.name as table_name, p."from" as column_name, p."table" as ref_table,
          coalesce(p."to", 'rowid') as ref_column
          from sqlite_master m join pragma_foreign_key_list(m.name) p where m.type = 'table'`
      : dialect === 'postgres'
        ? sql<RawKey>`select cl.relname as table_name, a.attname as column_name,
            rc.relname as ref_table, ra.attname as ref_column
          from pg_constraint c join pg_class cl on cl.oid = c.conrelid
          join pg_class rc on rc.oid = c.confrelid
          join lateral unnest(c.conkey, c.confkey) as k(col, rcol) on true
          join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.col
          join pg_attribute ra on ra.attrelid = c.confrelid and ra.attnum = k.rcol
          where c.contype = 'f' and cl.relnamespace = current_schema()::regnamespace`
        : sql<RawKey>`select table_name as table_name, column_name as column_name,
            referenced_table_name as ref_table, referenced_column_name as ref_column
          from information_schema.key_column_usage
          where table_schema = database() and referenced_table_name is not null`;
  return (await q.execute(db)).rows;
}

const PORTABLE: Record<DialectName, (t: string) => PortableType> = {
  sqlite: sqliteType,
  postgres: pgType,
  mysql: mysqlType,
};

/** Every table of the database but Kysely's bookkeeping, parents before the tables that point at them. */
export async function readCatalog(db: LooseDb, dialect: DialectName): Promise<TableInfo[]> {
  const tables = new Map<string, TableInfo & { pkAt: Map<number, string> }>();
  for (const r of await rawColumns(db, dialect)) {
    if (NOT_BACKED_UP.has(r.table_name)) continue;
    let t = tables.get(r.table_name);
    if (!t) {
      t = {
        name: r.table_name,
        columns: [],
        primaryKey: [],
        references: [],
        foreignKeys: {},
        pkAt: new Map(),
      };
      tables.set(r.table_name, t);
    }
    t.columns.push({
      name: r.column_name,
      type: PORTABLE[dialect](r.type),
      nullable: Boolean(Number(r.nullable)),
      hasDefault: Boolean(Number(r.has_default)),
      serial: Boolean(Number(r.serial)),
    });
    if (Number(r.pk) > 0) t.pkAt.set(Number(r.pk), r.column_name);
  }
  for (const k of await rawKeys(db, dialect)) {
    const t = tables.get(k.table_name);
    if (!t) continue;
    t.foreignKeys[k.column_name] = { table: k.ref_table, column: k.ref_column };
    if (k.ref_table !== k.table_name && !t.references.includes(k.ref_table)) t.references.push(k.ref_table);
  }
  const list = [...tables.values()].map(({ pkAt, ...t }) => ({
    ...t,
    primaryKey: [...pkAt.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c),
  }));
  return parentsFirst(list);
}

/** Tables ordered so that every table comes after those it references (alphabetical otherwise). */
export function parentsFirst(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: TableInfo[] = [];
  const visit = (t: TableInfo, path: Set<string>) => {
    if (done.has(t.name)) return;
    if (path.has(t.name)) throw new Error(`foreign keys form a cycle through ${t.name}`);
    path.add(t.name);
    for (const r of [...t.references].sort()) {
      const parent = byName.get(r);
      if (parent) visit(parent, path);
    }
    path.delete(t.name);
    done.add(t.name);
    out.push(t);
  };
  for (const t of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(t, new Set());
  return out;
}

// Reading a database's schema the same way on SQLite, PostgreSQL and MySQL/MariaDB (for schema tests).
import { sql } from 'kysely';
import type { DialectName } from '../config.js';
import type { Db } from '../db/connect.js';

/** The seed design's columns (shared/crm-schema.fr.md), with its types spelled portably. */
export const SEED_COLUMNS: Record<string, Record<string, string>> = {
  companies: {
    company_id: 'int',
    company_name: 'varchar(100)',
    industry: 'varchar(50)',
    website: 'varchar(100)',
    created_at: 'timestamp',
    updated_at: 'timestamp',
  },
  contacts: {
    contact_id: 'int',
    first_name: 'varchar(50)',
    last_name: 'varchar(50)',
    email: 'varchar(100)',
    phone: 'varchar(20)',
    company_id: 'int',
    created_at: 'timestamp',
    updated_at: 'timestamp',
  },
  opportunities: {
    opportunity_id: 'int',
    opportunity_name: 'varchar(100)',
    contact_id: 'int',
    company_id: 'int',
    deal_value: 'decimal(10,2)',
    stage: 'varchar(50)',
    created_at: 'timestamp',
    updated_at: 'timestamp',
  },
  interactions: {
    interaction_id: 'int',
    contact_id: 'int',
    interaction_type: 'varchar(50)',
    interaction_date: 'timestamp',
    notes: 'text',
    created_at: 'timestamp',
  },
};

type Pair = { table_name: string; column_name: string };
const key = (r: Pair) => `${r.table_name}.${r.column_name}`;

/** "table.column" → a portable type spelling: int, varchar(n), decimal(p,s), timestamp, text… */
export async function columnTypes(db: Db): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (db.dialect === 'sqlite') {
    const { rows } = await sql<Pair & { type: string }>`
      select m.name as table_name, p.name as column_name, lower(p.type) as type
      from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table'`.execute(db.kysely);
    for (const r of rows) out.set(key(r), r.type.replace(/\s+/g, '').replace(/^integer$/, 'int'));
    return out;
  }
  const schema = db.dialect === 'postgres' ? sql`current_schema()` : sql`database()`;
  const { rows } = await sql<Pair & { data_type: string; len: unknown; prec: unknown; scale: unknown }>`
    select table_name as table_name, column_name as column_name, data_type as data_type,
      character_maximum_length as len, numeric_precision as prec, numeric_scale as scale
    from information_schema.columns where table_schema = ${schema}`.execute(db.kysely);
  for (const r of rows) {
    const t = r.data_type.toLowerCase();
    let spelled = t;
    if (t === 'character varying' || t === 'varchar') spelled = `varchar(${r.len})`;
    else if (t === 'numeric' || t === 'decimal') spelled = `decimal(${r.prec},${r.scale})`;
    else if (t === 'integer') spelled = 'int';
    else if (t.startsWith('timestamp') || t === 'datetime') spelled = 'timestamp';
    out.set(key(r), spelled);
  }
  return out;
}

/** Whether a column of ours (portable spelling) holds every value of the seed's type. */
export function holds(dialect: DialectName, ours: string | undefined, seed: string): boolean {
  if (ours === seed) return true;
  if (seed === 'timestamp') return dialect === 'sqlite' && ours === 'text'; // ISO 8601 text
  if (seed === 'text') return ours === 'mediumtext' || ours === 'longtext';
  const oursN = /^varchar\((\d+)\)$/.exec(ours ?? '')?.[1];
  const seedN = /^varchar\((\d+)\)$/.exec(seed)?.[1];
  return oursN !== undefined && seedN !== undefined && Number(oursN) >= Number(seedN);
}

/** "table.column" for every column of a foreign key. */
export async function foreignKeyColumns(db: Db): Promise<Set<string>> {
  const q =
    db.dialect === 'sqlite'
      ? sql<Pair>`select m.name as table_name, p."from" as column_name
          from sqlite_master m join pragma_foreign_key_list(m.name) p where m.type = 'table'`
      : db.dialect === 'postgres'
        ? sql<Pair>`select cl.relname as table_name, a.attname as column_name
          from pg_constraint c join pg_class cl on cl.oid = c.conrelid
          join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
          where c.contype = 'f' and cl.relnamespace = current_schema()::regnamespace`
        : sql<Pair>`select table_name as table_name, column_name as column_name
          from information_schema.key_column_usage
          where table_schema = database() and referenced_table_name is not null`;
  return new Set((await q.execute(db.kysely)).rows.map(key));
}

/** "table.column" for every column that is the first column of some index. */
export async function indexLeaders(db: Db): Promise<Set<string>> {
  const q =
    db.dialect === 'sqlite'
      ? sql<Pair>`select m.name as table_name, ii.name as column_name
          from sqlite_master m join pragma_index_list(m.name) il join pragma_index_info(il.name) ii
          where m.type = 'table' and ii.seqno = 0`
      : db.dialect === 'postgres'
        ? sql<Pair>`select t.relname as table_name, a.attname as column_name
          from pg_index i join pg_class t on t.oid = i.indrelid
          join pg_attribute a on a.attrelid = t.oid and a.attnum = i.indkey[0]
          where t.relnamespace = current_schema()::regnamespace`
        : sql<Pair>`select table_name as table_name, column_name as column_name
          from information_schema.statistics where table_schema = database() and seq_in_index = 1`;
  return new Set((await q.execute(db.kysely)).rows.map(key));
}

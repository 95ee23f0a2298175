// Test helper: every table of two databases, read and compared as values (not as each driver
// spells them), so that a backup restored into another kind of database can be checked whole.
import { sql } from 'kysely';
import { type PortableType, readCatalog } from '../backup/catalog.js';
import { toPortable } from '../backup/values.js';
import type { Db } from '../db/connect.js';

// SQLite spells booleans, timestamps and dates as INTEGER and TEXT: the other side says what they are
const RICHER: PortableType[] = ['boolean', 'timestamp', 'date', 'decimal', 'bigint', 'json', 'blob'];

export type TypeMap = Map<string, PortableType>;

/** "table.column" → the most specific type either database gives it. */
export async function mergedTypes(...dbs: Db[]): Promise<TypeMap> {
  const out: TypeMap = new Map();
  for (const db of dbs)
    for (const t of await readCatalog(db.kysely, db.dialect))
      for (const c of t.columns) {
        const key = `${t.name}.${c.name}`;
        const had = out.get(key);
        if (!had || (!RICHER.includes(had) && RICHER.includes(c.type))) out.set(key, c.type);
      }
  return out;
}

/** Every table's rows as sorted JSON lines of portable values, keyed by table. */
export async function tableContents(db: Db, types: TypeMap): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of await readCatalog(db.kysely, db.dialect)) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(t.name)}`.execute(
      db.kysely,
    );
    const cols = t.columns.map((c) => c.name).sort();
    out[t.name] = rows
      .map((r) =>
        JSON.stringify(
          cols.map((c) => {
            const v = toPortable(r[c], types.get(`${t.name}.${c}`) ?? 'text');
            // bigint ids come back as numbers from one driver and strings from another
            return typeof v === 'number' ? String(v) : v;
          }),
        ),
      )
      .sort();
  }
  return out;
}

// Upgrades from any earlier schema: a database is made at each past migration, filled through
// that schema (a row in every table there is then), and migrated on; the rows of every version
// must come out at the latest schema with the values they had. Also: a newer schema is refused,
// and each migration is additive (the previous version's queries keep working after it).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ColumnInfo, readCatalog, type TableInfo } from '../backup/catalog.js';
import { toPortable } from '../backup/values.js';
import type { DialectName } from '../config.js';
import { DIALECTS, type FreshDatabase, freshDatabase } from '../test/dialects.js';
import { connect, type Db } from './connect.js';
import { MigrationError, migrateTo, migrateToLatest, migrations } from './migrate.js';

const NAMES = Object.keys(migrations('fr'));

/** Values a migration reads with meaning (JSON, enumerations, references by name). */
function valueFor(table: string, c: ColumnInfo, round: number, dialect: DialectName): unknown {
  const n = `${round}`;
  const stamp = `2026-0${1 + (round % 9)}-1${round % 10}T0${round % 10}:30:00.000Z`;
  switch (c.name) {
    case 'email':
      return `Person.${n}@Example.com`;
    case 'email_key':
      return `person.${n}@example.com`;
    case 'phone':
      return `+33 6 12 34 56 ${String(round).padStart(2, '0')}`;
    case 'stage':
      return 'Prospection';
    case 'role':
      return 'admin';
    case 'kind':
      return 'open';
    case 'status':
      return table === 'tasks' ? 'open' : 'done';
    case 'type':
      return table === 'custom_field_defs' ? 'text' : 'call';
    case 'entity':
    case 'resource':
      return 'contacts';
    case 'options':
    case 'columns':
      return '[]';
    case 'query':
    case 'changes':
      return '{}';
  }
  switch (c.type) {
    case 'boolean':
      return dialect === 'postgres' ? false : 0;
    case 'integer':
    case 'bigint':
    case 'real':
      return round;
    case 'decimal':
      return dialect === 'sqlite' ? 12.5 : '12.50';
    case 'date':
      return stamp.slice(0, 10);
    case 'timestamp':
      return dialect === 'mysql' ? stamp.replace('T', ' ').replace('Z', '') : stamp;
  }
  // SQLite's timestamps and dates are TEXT: the name says which
  if (/_at$/.test(c.name)) return stamp;
  if (/date$|birthday/.test(c.name)) return stamp.slice(0, 10);
  // short: some columns are varchar(10)
  return `${c.name.slice(0, 4)}${n}`;
}

interface Written {
  table: string;
  key: Record<string, unknown>;
  values: Record<string, unknown>;
}

/** One row in every table (parents first), each pointing at the row just written in its parent. */
async function fillEveryTable(db: Db, catalog: TableInfo[], round: number): Promise<Written[]> {
  const written: Written[] = [];
  const lastRow = new Map<string, Record<string, unknown>>();
  for (const t of catalog) {
    const values: Record<string, unknown> = {};
    for (const c of t.columns) {
      const fk = t.foreignKeys[c.name];
      if (fk) {
        const parent = lastRow.get(fk.table);
        if (parent) values[c.name] = parent[fk.column];
        else if (!c.nullable) values[c.name] = valueFor(t.name, c, round, db.dialect);
        continue;
      }
      if (c.serial) continue;
      // SQLite reports a primary key that is not an INTEGER as nullable (and takes NULL in it)
      if (t.primaryKey.includes(c.name)) {
        values[c.name] = valueFor(t.name, c, round, db.dialect);
        continue;
      }
      if (c.nullable && !['email', 'email_key', 'phone'].includes(c.name) && !/_at$|date$/.test(c.name))
        continue;
      values[c.name] = valueFor(t.name, c, round, db.dialect);
    }
    await db.kysely
      .insertInto(t.name as never)
      .values(values as never)
      .execute();
    // the row back, with its generated ID: the one just made has the greatest key
    let q = db.kysely.selectFrom(t.name as never).selectAll();
    for (const k of t.primaryKey) q = q.orderBy(sql.ref(k), 'desc');
    const row = (await q.limit(1).executeTakeFirstOrThrow()) as Record<string, unknown>;
    lastRow.set(t.name, row);
    written.push({
      table: t.name,
      key: Object.fromEntries(t.primaryKey.map((k) => [k, row[k]])),
      values: row,
    });
  }
  return written;
}

/**
 * Values a later migration changes on purpose (documented in docs/operations.md#migrations):
 * derived keys and search columns are computed again, and SQLite's table rebuild keeps them.
 */
const REWRITTEN = new Set([
  'search_text',
  'name_key',
  'first_name_key',
  'last_name_key',
  'phone_key',
  'email_key',
  'label_key',
  'due',
  'phones',
  'emails',
  'tags',
]);

for (const dialect of DIALECTS)
  describe(`upgrades from every past schema [${dialect}]`, () => {
    let fresh: FreshDatabase;
    let db: Db;
    beforeAll(async () => {
      fresh = await freshDatabase(dialect);
      db = connect(fresh.url, { preparedStatements: false });
    });
    afterAll(async () => {
      await db.destroy();
      await fresh.drop();
    });

    it('fills the database at each migration, migrates on, and every row keeps its values', {
      timeout: 600_000,
    }, async () => {
      const written: Written[] = [];
      let before: TableInfo[] = [];
      for (const [round, name] of NAMES.entries()) {
        await migrateTo(db, name);
        const catalog = await readCatalog(db.kysely, dialect);
        // additive: every column of the previous schema is still there (a rolling upgrade's old
        // instances keep reading and writing beside the new schema)
        for (const t of before) {
          const now = catalog.find((x) => x.name === t.name);
          expect(now, `${name} dropped table ${t.name}`).toBeDefined();
          const cols = t.columns.map((c) => c.name);
          await sql`select ${sql.join(cols.map((c) => sql.ref(c)))} from ${sql.table(t.name)}`.execute(
            db.kysely,
          );
          // and a new column needs no value from old code: nullable or with a default
          for (const c of now?.columns ?? [])
            if (!cols.includes(c.name))
              expect(
                c.nullable || c.hasDefault,
                `${name} added ${t.name}.${c.name} NOT NULL without default`,
              ).toBe(true);
        }
        written.push(...(await fillEveryTable(db, catalog, round + 1)));
        before = catalog;
      }
      await migrateToLatest(db);
      const latest = await readCatalog(db.kysely, dialect);
      for (const w of written) {
        const t = latest.find((x) => x.name === w.table) as TableInfo;
        let q = db.kysely.selectFrom(w.table as never).selectAll();
        for (const [k, v] of Object.entries(w.key)) q = q.where(sql.ref(k), '=', v);
        const row = (await q.executeTakeFirst()) as Record<string, unknown> | undefined;
        expect(row, `${w.table} ${JSON.stringify(w.key)}`).toBeDefined();
        for (const c of t.columns) {
          if (!(c.name in w.values) || REWRITTEN.has(c.name)) continue;
          expect(toPortable(row?.[c.name], c.type), `${w.table}.${c.name}`).toEqual(
            toPortable(w.values[c.name], c.type),
          );
        }
      }
    });

    it('refuses a schema newer than this version, changing nothing', async () => {
      await migrateToLatest(db);
      await db.kysely
        .insertInto('kysely_migration' as never)
        .values({
          name: '2099_01_01_0001_future',
          timestamp: new Date().toISOString(),
        } as never)
        .execute();
      try {
        await expect(migrateToLatest(db)).rejects.toThrow(MigrationError);
        await expect(migrateToLatest(db)).rejects.toThrow(
          /newer than this version of Carnet.*2099_01_01_0001_future/,
        );
      } finally {
        await db.kysely
          .deleteFrom('kysely_migration' as never)
          .where(sql.ref('name'), '=', '2099_01_01_0001_future')
          .execute();
      }
      expect((await migrateToLatest(db)).results).toEqual([]);
    });
  });

// Which statements the connection keeps prepared: the everyday ones, never the batch ones (an
// import's IN lists and multi-row INSERTs), whose cached generic plans and compiled copies cost
// more than their parse.
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../test/dialects.js';
import { cachingStatements, connect, type Db } from './connect.js';
import { isUnavailable } from './dialect.js';

describe('SQLite statement cache', () => {
  it('hands out the compiled statement again, except for a long batch statement', () => {
    const raw = new SQLite(':memory:');
    const db = cachingStatements(raw);
    try {
      const short = 'select 1 as x';
      expect(db.prepare(short)).toBe(db.prepare(short));
      const long = `select 1 as x where 1 in (${Array.from({ length: 1500 }, (_, i) => i).join(', ')})`;
      expect(long.length).toBeGreaterThan(4000);
      expect(db.prepare(long)).not.toBe(db.prepare(long));
    } finally {
      db.close();
    }
  });
});

describe.skipIf(!process.env.TEST_POSTGRES_URL)('PostgreSQL named statements', () => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await freshDatabase('postgres');
    drop = fresh.drop;
    db = connect(fresh.url);
  });
  afterAll(async () => {
    await db.destroy();
    await drop();
  });

  it('names a statement with few parameters, and sends one with many unnamed', async () => {
    const prepared = await db.kysely.transaction().execute(async (trx) => {
      await sql`select ${1}::int as few`.execute(trx);
      const ids = Array.from({ length: 500 }, (_, i) => i);
      await sql`select 1 as many where 1 in (${sql.join(ids)})`.execute(trx);
      const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(
        trx,
      );
      return rows.map((r) => r.statement);
    });
    expect(prepared.some((s) => s.includes('as few'))).toBe(true);
    expect(prepared.some((s) => s.includes('as many'))).toBe(false);
  });
});

for (const dialect of ['postgres', 'mysql'] as const) {
  describe.skipIf(!DIALECTS.includes(dialect))(`statement timeout [${dialect}]`, () => {
    let db: Db;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      const fresh = await freshDatabase(dialect);
      drop = fresh.drop;
      db = connect(fresh.url, { poolSize: 1, timeouts: { statementMs: 300 } });
    });
    afterAll(async () => {
      await db.destroy();
      await drop();
    });

    it('ends a statement that outlives it as "unavailable" (503), and the pool goes on', async () => {
      const slow = dialect === 'postgres' ? sql`select pg_sleep(3)` : sql`select sleep(3)`;
      const t0 = performance.now();
      const error = await slow.execute(db.kysely).then(
        () => null,
        (e: unknown) => e,
      );
      expect(performance.now() - t0).toBeLessThan(2500);
      expect(isUnavailable(error)).toBe(true);
      // the one pooled connection was either still usable (cancelled by the server) or replaced
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db.kysely);
      expect(Number(rows[0]?.one)).toBe(1);
    });
  });
}

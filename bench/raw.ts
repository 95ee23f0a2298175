// The baselines: the same SQL the app sends, straight through each driver, no HTTP, no Kysely.
// PostgreSQL with named statements, MariaDB with mysql2's prepared statements (execute), SQLite
// with cached better-sqlite3 statements. Pools are the app's size (10).
import SQLite from 'better-sqlite3';
import { createPool } from 'mysql2/promise';
import pg from 'pg';
import type { DialectName } from '../server/config.js';

export interface Stmt {
  sql: string;
  parameters: readonly unknown[];
}

export interface RawDriver {
  /** runs the statements in order (in one transaction when `tx`), returns the last one's rows */
  run(stmts: Stmt[], tx?: boolean): Promise<unknown[]>;
  close(): Promise<void>;
  describe: string;
}

export function rawDriver(dialect: DialectName, url: string, poolSize = 10): RawDriver {
  if (dialect === 'postgres') {
    const pool = new pg.Pool({ connectionString: url, max: poolSize });
    const names = new Map<string, string>();
    const named = (s: Stmt) => {
      let name = names.get(s.sql);
      if (!name) {
        name = `raw_${names.size + 1}`;
        names.set(s.sql, name);
      }
      return { name, text: s.sql, values: s.parameters as unknown[] };
    };
    return {
      describe: 'pg, named statements',
      async run(stmts, tx) {
        const c = await pool.connect();
        try {
          if (tx) await c.query('begin');
          let rows: unknown[] = [];
          for (const s of stmts) rows = (await c.query(named(s))).rows;
          if (tx) await c.query('commit');
          return rows;
        } catch (e) {
          if (tx) await c.query('rollback');
          throw e;
        } finally {
          c.release();
        }
      },
      close: () => pool.end(),
    };
  }
  if (dialect === 'mysql') {
    const pool = createPool({
      uri: url,
      connectionLimit: poolSize,
      charset: 'utf8mb4',
      timezone: 'Z',
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
    });
    return {
      describe: 'mysql2, prepared statements (execute)',
      async run(stmts, tx) {
        const c = await pool.getConnection();
        try {
          if (tx) await c.query('begin');
          let rows: unknown[] = [];
          for (const s of stmts) {
            const [r] = await c.execute(s.sql, s.parameters as never[]);
            rows = Array.isArray(r) ? r : [r];
          }
          if (tx) await c.query('commit');
          return rows;
        } catch (e) {
          if (tx) await c.query('rollback');
          throw e;
        } finally {
          c.release();
        }
      },
      close: () => pool.end(),
    };
  }
  const db = new SQLite(url.slice('sqlite:'.length));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const cache = new Map<string, SQLite.Statement>();
  const stmt = (s: string) => {
    let st = cache.get(s);
    if (!st) {
      st = db.prepare(s);
      cache.set(s, st);
    }
    return st;
  };
  const exec = (stmts: Stmt[]) => {
    let rows: unknown[] = [];
    for (const s of stmts) {
      const st = stmt(s.sql);
      if (st.reader) rows = st.all(...(s.parameters as unknown[]));
      else {
        const r = st.run(...(s.parameters as unknown[]));
        rows = [{ insertId: Number(r.lastInsertRowid) }];
      }
    }
    return rows;
  };
  return {
    describe: 'better-sqlite3, cached statements',
    async run(stmts, tx) {
      return tx ? db.transaction(exec)(stmts) : exec(stmts);
    },
    close: async () => {
      db.close();
    },
  };
}

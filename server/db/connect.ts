import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, MysqlDialect, PostgresDialect, SqliteDialect } from 'kysely';
import { createPool } from 'mysql2';
import pg from 'pg';
import { type DialectName, dialectOf } from '../config.js';
import type { Database } from './schema.js';

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: DialectName;
  destroy(): Promise<void>;
}

const PG_DATE_OID = 1082;

/** Opens the database named by a DATABASE_URL, with the session settings every query relies on. */
export function connect(databaseUrl: string, options: { poolSize?: number } = {}): Db {
  const dialect = dialectOf(databaseUrl);
  const poolSize = options.poolSize ?? 10;
  const kysely = new Kysely<Database>({ dialect: makeDialect(dialect, databaseUrl, poolSize) });
  return { kysely, dialect, destroy: () => kysely.destroy() };
}

function makeDialect(dialect: DialectName, databaseUrl: string, poolSize: number) {
  switch (dialect) {
    case 'sqlite': {
      const path = databaseUrl.slice('sqlite:'.length) || './data/crm.db';
      return new SqliteDialect({
        database: async () => {
          if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
          const db = new SQLite(path);
          db.pragma('journal_mode = WAL');
          db.pragma('synchronous = NORMAL');
          db.pragma('foreign_keys = ON');
          db.pragma('busy_timeout = 5000');
          return db;
        },
      });
    }
    case 'postgres': {
      // DATE columns come back as text: pg would build a Date at local midnight and shift the day.
      const types = {
        getTypeParser: (oid: number, format?: 'text' | 'binary') =>
          oid === PG_DATE_OID ? (v: string) => v : pg.types.getTypeParser(oid, format),
      };
      const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, types });
      // An idle client losing its server must not crash the process; the next query reconnects.
      pool.on('error', () => {});
      // Nor may a checked-out one: pg emits 'error' on a client whose server goes away, and Kysely
      // listens to none. The query in flight still fails (→ 503) and the pool drops the dead client.
      pool.on('connect', (client) => client.on('error', () => {}));
      return new PostgresDialect({ pool });
    }
    case 'mysql': {
      const pool = createPool({
        uri: databaseUrl.replace(/^mariadb:/, 'mysql:'),
        connectionLimit: poolSize,
        charset: 'utf8mb4',
        timezone: 'Z',
        dateStrings: true,
        supportBigNumbers: true,
        bigNumberStrings: true,
      });
      pool.on('connection', (conn) => {
        conn.query("SET time_zone = '+00:00', sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE'");
      });
      return new MysqlDialect({ pool });
    }
  }
}

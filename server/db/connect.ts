import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type SQLite from 'better-sqlite3';
import {
  type Dialect,
  Kysely,
  type KyselyConfig,
  MysqlDialect,
  PostgresDialect,
  type SqliteDatabase,
  SqliteDialect,
} from 'kysely';
import type * as Mysql from 'mysql2';
import type pg from 'pg';
import { type DatabaseTimeouts, DEFAULT_DATABASE_TIMEOUTS, type DialectName, dialectOf } from '../config.js';
import type { Database } from './schema.js';
import {
  acquiringWithin,
  CLIENT_GRACE_MS,
  destroyingBrokenClients,
  guardMysqlConnection,
  guardPgClient,
} from './timeouts.js';

// Only the configured database's driver is loaded (they are CommonJS, so synchronously): the two
// others cost 60–130 ms of every start-up for nothing.
const require = createRequire(import.meta.url);
const drivers = {
  sqlite: () => require('better-sqlite3') as typeof SQLite,
  pg: () => require('pg') as typeof pg,
  mysql: () => require('mysql2') as typeof Mysql,
};

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: DialectName;
  destroy(): Promise<void>;
  /** the connection pool's state, for /metrics (PostgreSQL and MySQL; SQLite has one connection) */
  poolStats?(): PoolStats;
}

export interface PoolStats {
  /** connections open, idle among them, and requests waiting for one */
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

const PG_DATE_OID = 1082;

export interface ConnectOptions {
  poolSize?: number;
  /**
   * Reuse each statement's parse and plan (default true): PostgreSQL gets named prepared
   * statements, SQLite keeps its compiled statements. Off, every query is parsed again, as
   * Kysely does by itself (needed behind a pooler that cannot track prepared statements).
   */
  preparedStatements?: boolean;
  /** Kysely's query log, for the benchmark's "same query through the raw driver" */
  log?: KyselyConfig['log'];
  /** waits on the database (DATABASE_CONNECT_TIMEOUT_MS, DATABASE_STATEMENT_TIMEOUT_MS by default) */
  timeouts?: Partial<DatabaseTimeouts>;
}

interface DriverOptions {
  poolSize: number;
  prepared: boolean;
  timeouts: DatabaseTimeouts;
}

/** Opens the database named by a DATABASE_URL, with the session settings every query relies on. */
export function connect(databaseUrl: string, options: ConnectOptions = {}): Db {
  const dialect = dialectOf(databaseUrl);
  const driverOptions: DriverOptions = {
    poolSize: options.poolSize ?? 10,
    prepared: options.preparedStatements ?? true,
    timeouts: { ...DEFAULT_DATABASE_TIMEOUTS, ...options.timeouts },
  };
  const made = makeDialect(dialect, databaseUrl, driverOptions);
  const kysely = new Kysely<Database>({
    dialect: made.dialect,
    ...(options.log ? { log: options.log } : {}),
  });
  return {
    kysely,
    dialect,
    destroy: () => kysely.destroy(),
    ...(made.poolStats ? { poolStats: made.poolStats } : {}),
  };
}

/** How many distinct statements are kept prepared (per SQLite database, per PostgreSQL connection). */
const MAX_PREPARED = 500;
/** the longest SQLite statement text kept compiled */
const MAX_CACHED_SQL = 4_000;

/**
 * better-sqlite3 compiles a statement on every prepare() call, and Kysely calls it for every
 * query: keep the compiled statements, most recently used first. A statement still iterating (a
 * stream) is busy and cannot run twice at once, so a busy one is never handed out.
 */
export function cachingStatements(db: SQLite.Database, max = MAX_PREPARED): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => db.close(),
    prepare(sql: string) {
      const hit = cache.get(sql);
      if (hit && !hit.busy) {
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const stmt = db.prepare(sql);
      // a batch statement (an import's multi-row INSERT) is rarely run twice and holds memory
      if (!hit && sql.length <= MAX_CACHED_SQL) {
        cache.set(sql, stmt);
        if (cache.size > max) cache.delete(cache.keys().next().value as string);
      }
      return stmt;
    },
  };
}

/** Statement text → its name, shared by every connection (a name always means the same text). */
const statementNames = new Map<string, string>();
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;
/**
 * A statement with more parameters than this is a batch (an import's `IN (…500 keys)`, a
 * multi-row INSERT): sent unnamed. Named, PostgreSQL switches it to a generic plan after five runs,
 * chosen while the table was small: an import's email lookup became a sequential scan that took
 * 470 ms a batch at 50k contacts (instead of ~5 ms). Its parse and plan are small beside its work.
 */
const MAX_NAMED_PARAMS = 64;

/** migrations running in this process: their statements go unnamed (unprepared) */
let migrating = 0;

/**
 * Runs `fn` (migrations) with PostgreSQL's statements unnamed: a migration changes the tables it
 * reads (a column's type, the columns of `*`), and a statement prepared before the change then
 * fails with "cached plan must not change result type" (a test going down and up again).
 */
export async function withoutNamedStatements<T>(fn: () => Promise<T>): Promise<T> {
  migrating++;
  try {
    return await fn();
  } finally {
    migrating--;
  }
}

/**
 * Kysely sends every PostgreSQL query unnamed, so the server parses and plans it each time. Named,
 * pg prepares it once per connection and then only binds and executes. The first MAX_PREPARED
 * distinct statements get a name; any beyond that run unnamed as before.
 */
function namingStatements(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (text: unknown, values?: unknown, callback?: unknown) => {
    if (
      migrating > 0 ||
      typeof text !== 'string' ||
      typeof values === 'function' ||
      callback ||
      !PREPARABLE.test(text) ||
      (Array.isArray(values) && values.length > MAX_NAMED_PARAMS)
    )
      return query(text, values, callback);
    let name = statementNames.get(text);
    if (name === undefined && statementNames.size < MAX_PREPARED * 4) {
      name = `carnet_${statementNames.size + 1}`;
      statementNames.set(text, name);
    }
    const prepared = (client as unknown as { connection: { parsedStatements: Record<string, string> } })
      .connection?.parsedStatements;
    if (
      name === undefined ||
      (prepared && !(name in prepared) && Object.keys(prepared).length >= MAX_PREPARED)
    )
      return query(text, values);
    return query({ name, text, values });
  };
}

/**
 * mysql2 keeps its pool's state in fields it does not document (stable since its first versions);
 * read defensively, so a change there shows zeros in /metrics rather than failing.
 */
function mysqlPoolStats(pool: unknown, max: number): PoolStats {
  const p = pool as Record<string, { length?: number } | undefined>;
  const len = (k: string) => p[k]?.length ?? 0;
  return {
    total: len('_allConnections'),
    idle: len('_freeConnections'),
    waiting: len('_connectionQueue'),
    max,
  };
}

function makeDialect(
  dialect: DialectName,
  databaseUrl: string,
  { poolSize, prepared, timeouts }: DriverOptions,
): { dialect: Dialect; poolStats?: () => PoolStats } {
  switch (dialect) {
    case 'sqlite': {
      const path = databaseUrl.slice('sqlite:'.length) || './data/crm.db';
      return {
        dialect: new SqliteDialect({
          database: async () => {
            if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
            const db = new (drivers.sqlite())(path);
            db.pragma('journal_mode = WAL');
            db.pragma('synchronous = NORMAL');
            db.pragma('foreign_keys = ON');
            db.pragma('busy_timeout = 5000');
            return prepared ? cachingStatements(db) : db;
          },
        }),
      };
    }
    case 'postgres': {
      const driver = drivers.pg();
      // DATE columns come back as text: pg would build a Date at local midnight and shift the day.
      const types = {
        getTypeParser: (oid: number, format?: 'text' | 'binary') =>
          oid === PG_DATE_OID ? (v: string) => v : driver.types.getTypeParser(oid, format),
      };
      const pool = new driver.Pool({
        connectionString: databaseUrl,
        max: poolSize,
        types,
        // both the wait for a free pooled client and the opening of a new one
        connectionTimeoutMillis: timeouts.connectMs,
        ...(timeouts.statementMs > 0
          ? { statement_timeout: timeouts.statementMs, query_timeout: timeouts.statementMs + CLIENT_GRACE_MS }
          : {}),
      });
      // An idle client losing its server must not crash the process; the next query reconnects.
      pool.on('error', () => {});
      // Nor may a checked-out one: pg emits 'error' on a client whose server goes away, and Kysely
      // listens to none. The query in flight still fails (→ 503) and the pool drops the dead client.
      pool.on('connect', (client) => {
        client.on('error', () => {});
        guardPgClient(client);
        if (prepared) namingStatements(client);
      });
      return {
        dialect: new PostgresDialect({ pool: destroyingBrokenClients(pool) }),
        poolStats: () => ({
          total: pool.totalCount,
          idle: pool.idleCount,
          waiting: pool.waitingCount,
          max: poolSize,
        }),
      };
    }
    case 'mysql': {
      const pool = drivers.mysql().createPool({
        uri: databaseUrl.replace(/^mariadb:/, 'mysql:'),
        connectionLimit: poolSize,
        charset: 'utf8mb4',
        timezone: 'Z',
        dateStrings: true,
        supportBigNumbers: true,
        bigNumberStrings: true,
        connectTimeout: timeouts.connectMs,
      });
      pool.on('connection', (conn) => {
        conn.query("SET time_zone = '+00:00', sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE'");
        if (timeouts.statementMs > 0) guardMysqlConnection(conn, timeouts.statementMs);
      });
      return {
        dialect: new MysqlDialect({
          pool: timeouts.connectMs > 0 ? acquiringWithin(pool, timeouts.connectMs) : pool,
        }),
        poolStats: () => mysqlPoolStats(pool, poolSize),
      };
    }
  }
}

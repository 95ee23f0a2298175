// Bounded waits on a database that stops answering. A hung server (stopped process, dead network
// path) never answers and never closes the socket, so only timers on our side end the wait; the
// connection they end is destroyed, never handed out again with its query still pending.
import type { MysqlPool, MysqlPoolConnection, PostgresPool } from 'kysely';
import type * as Mysql from 'mysql2';
import type pg from 'pg';

/**
 * How much longer than the server's own statement_timeout the client waits: a live server cancels
 * the statement itself (the connection stays usable); the client's timer is for a server that
 * cannot even do that.
 */
export const CLIENT_GRACE_MS = 1_000;

/** Thrown when no pooled connection frees up in time (mysql2's pool waits forever by itself). */
export class AcquireTimeoutError extends Error {
  readonly code = 'POOL_ACQUIRE_TIMEOUT';
  constructor(ms: number) {
    super(`timeout exceeded when trying to get a connection from the pool (${ms} ms)`);
  }
}

const BROKEN = Symbol('carnet.broken');
type Guarded = pg.PoolClient & { [BROKEN]?: Error };

const isPgReadTimeout = (e: unknown) => e instanceof Error && e.message === 'Query read timeout';

/**
 * pg's query_timeout fails the query but leaves it active on the client: the next query would wait
 * behind it. The client is marked broken: its further queries (the ROLLBACK of the transaction)
 * fail at once, and releasing it destroys it instead of returning it to the pool.
 */
export function guardPgClient(client: pg.PoolClient) {
  const c = client as Guarded;
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const plain =
      typeof args.at(-1) !== 'function' && typeof (args[0] as { submit?: unknown })?.submit !== 'function';
    if (plain && c[BROKEN]) return Promise.reject(c[BROKEN]);
    const result = query(...args);
    if (plain && result instanceof Promise)
      result.then(undefined, (e) => {
        if (isPgReadTimeout(e)) c[BROKEN] = e;
      });
    return result;
  };
}

/** The pool as Kysely sees it: a client released after a timeout is destroyed. */
export function destroyingBrokenClients(pool: pg.Pool): PostgresPool {
  return {
    async connect() {
      const client = (await pool.connect()) as Guarded;
      const release = client.release;
      client.release = (err?: Error | boolean) => release(err || client[BROKEN]);
      return client;
    },
    end: () => pool.end(),
  };
}

/**
 * Every callback query of a mysql2 connection gets the statement timeout; mysql2 then fails it
 * but keeps the command pending on the connection, which is destroyed (out of the pool too).
 */
export function guardMysqlConnection(conn: Mysql.PoolConnection, statementMs: number) {
  const query = conn.query.bind(conn) as (...args: unknown[]) => unknown;
  (conn as { query: unknown }).query = (sql: unknown, values?: unknown, callback?: unknown) => {
    if (typeof sql !== 'string' || typeof callback !== 'function') return query(sql, values, callback);
    return query(
      { sql, timeout: statementMs },
      values,
      (err: { code?: string } | null, ...rest: unknown[]) => {
        if (err?.code === 'PROTOCOL_SEQUENCE_TIMEOUT') conn.destroy();
        callback(err, ...rest);
      },
    );
  };
}

/** mysql2's pool queues a request for a connection without end: this one gives up after `ms`. */
export function acquiringWithin(pool: Mysql.Pool, ms: number): MysqlPool {
  return {
    getConnection(callback) {
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        callback(new AcquireTimeoutError(ms), undefined as unknown as MysqlPoolConnection);
      }, ms);
      pool.getConnection((err, conn) => {
        if (settled) {
          // it came too late for its caller: back to the pool for the next one
          conn?.release();
          return;
        }
        settled = true;
        clearTimeout(timer);
        callback(err, conn as unknown as MysqlPoolConnection);
      });
    },
    end: (callback) => pool.end(callback),
  };
}

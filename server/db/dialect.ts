// Every runtime difference between SQLite, PostgreSQL and MySQL/MariaDB lives here.
import { type Expression, type RawBuilder, sql } from 'kysely';
import type { DialectName } from '../config.js';
import type { LooseDb } from '../crud/resource.js';
import { centsFromDb } from '../lib/money.js';

interface DriverError {
  code?: string | number;
  errno?: number;
  sqlState?: string;
}

const asDriverError = (e: unknown): DriverError =>
  typeof e === 'object' && e !== null ? (e as DriverError) : {};

export function isUniqueViolation(e: unknown): boolean {
  const { code, errno } = asDriverError(e);
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    errno === 1062
  );
}

export function isForeignKeyViolation(e: unknown): boolean {
  const { code, errno } = asDriverError(e);
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || errno === 1451 || errno === 1452;
}

/**
 * The database aborted the transaction to resolve a conflict with a concurrent one (deadlock,
 * serialization failure, lock wait timeout): running it again is the documented answer.
 */
export function isRetryableConflict(e: unknown): boolean {
  const { code, errno } = asDriverError(e);
  return code === '40001' || code === '40P01' || errno === 1213 || errno === 1205;
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_CANTOPEN',
  'SQLITE_IOERR',
  'SQLITE_FULL',
  'POOL_ACQUIRE_TIMEOUT', // no pooled connection freed up in time (server/db/timeouts.ts)
  '57014', // query_canceled: the statement outlived statement_timeout
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
]);

/** True when the database cannot be reached or cannot answer right now (→ 503, not a bug). */
export function isUnavailable(e: unknown): boolean {
  const { code } = asDriverError(e);
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  const message = e instanceof Error ? e.message : '';
  return /Connection terminated|Query read timeout|connect ECONNREFUSED|timeout exceeded when trying to connect|Pool is closed|driver has already been destroyed|Can't add new command when connection is in closed state/i.test(
    message,
  );
}

/** How a timestamp (ISO 8601 UTC) is bound as a parameter. */
export function timestampParam(dialect: DialectName, iso: string): string {
  // MariaDB refuses the "T…Z" form in DATETIME; the session time zone is UTC.
  return dialect === 'mysql' ? iso.replace('T', ' ').replace('Z', '') : iso;
}

/**
 * Exact SUM of a DECIMAL(10,2) column. SQLite stores DECIMAL as REAL, so it sums integer cents;
 * PostgreSQL and MySQL sum decimals exactly and return them as text. Read it with `sumToCents`.
 */
export function sumMoney(
  dialect: DialectName,
  column: Expression<unknown>,
): RawBuilder<string | number | null> {
  return dialect === 'sqlite'
    ? sql<number | null>`sum(cast(round(${column} * 100) as integer))`
    : sql<string | null>`sum(${column})`;
}

export function sumToCents(dialect: DialectName, value: string | number | null): bigint {
  if (value === null) return 0n;
  return dialect === 'sqlite' ? BigInt(value) : (centsFromDb(value) ?? 0n);
}

/** ORDER BY term matching the indexes: NULL is the smallest value on every database. */
export function orderTerm(
  dialect: DialectName,
  column: string,
  direction: 'asc' | 'desc',
): RawBuilder<unknown> {
  const ref = sql.ref(column);
  if (dialect !== 'postgres') return sql`${ref} ${sql.raw(direction)}`;
  return direction === 'asc' ? sql`${ref} asc nulls first` : sql`${ref} desc nulls last`;
}

/**
 * Holds back, until the transaction ends, every other transaction naming the same lock: a count
 * checked against a limit before an insert (an entity's custom fields). On PostgreSQL an advisory
 * lock, since a row lock cannot hold back rows not inserted yet; MySQL/MariaDB's next-key locks
 * (the caller's `SELECT … FOR UPDATE` on the indexed rows) and SQLite's single writer already do.
 */
export async function lockName(trx: LooseDb, dialect: DialectName, name: string) {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(trx);
}

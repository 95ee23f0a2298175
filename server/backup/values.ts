// A column value as it travels in a backup (ADR 017): JSON that means the same on every database.
// The source's drivers disagree (pg gives Dates and decimal strings, mysql2 'YYYY-MM-DD HH:MM:SS'
// text and 0/1 booleans, SQLite numbers and the ISO text we wrote); the target's column types
// decide how a value is written back.
import type { DialectName } from '../config.js';
import type { PortableType } from './catalog.js';

export type Portable = null | string | number | boolean | { base64: string };

const NAIVE_TIMESTAMP = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d(?::\d\d(?:\.\d+)?)?)$/;

/** ISO 8601 in UTC with milliseconds; a time without a zone is UTC (every session of ours is). */
export function utcIso(value: string | Date): string {
  if (value instanceof Date) return value.toISOString();
  const naive = NAIVE_TIMESTAMP.exec(value);
  const parsed = new Date(naive ? `${naive[1]}T${naive[2]}Z` : value);
  if (Number.isNaN(parsed.getTime())) throw new Error(`not a timestamp: ${JSON.stringify(value)}`);
  return parsed.toISOString();
}

function canonicalDecimal(value: string | number): string {
  const s = typeof value === 'number' ? String(value) : value.trim();
  if (!/^-?\d+(\.\d+)?$/.test(s)) return s;
  // 12.50 (PostgreSQL, MariaDB) and 12.5 (SQLite's REAL) are one amount
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** A value read from the source, typed by the source's catalog, as it is written in the backup. */
export function toPortable(value: unknown, type: PortableType): Portable {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value) || value instanceof Uint8Array)
    return { base64: Buffer.from(value).toString('base64') };
  if (value instanceof Date) return type === 'date' ? value.toISOString().slice(0, 10) : value.toISOString();
  switch (type) {
    case 'boolean':
      return value === true || value === 1 || value === '1' || value === 't' || value === 'true';
    case 'timestamp':
      return utcIso(String(value));
    case 'decimal':
      return canonicalDecimal(value as string | number);
    case 'integer':
    case 'bigint':
    case 'real': {
      if (typeof value === 'number') return value;
      const n = Number(value);
      return Number.isSafeInteger(n) || (type === 'real' && Number.isFinite(n)) ? n : String(value);
    }
    case 'json':
      return typeof value === 'string' ? value : JSON.stringify(value);
    default:
      return typeof value === 'bigint' ? String(value) : (value as string | number | boolean);
  }
}

/** A backup's value as a parameter for a column of `type` on the target database. */
export function fromPortable(value: Portable, type: PortableType, dialect: DialectName): unknown {
  if (value === null) return null;
  if (typeof value === 'object') return Buffer.from(value.base64, 'base64');
  switch (type) {
    case 'boolean':
      return dialect === 'postgres' ? value === true || value === 1 || value === '1' : value ? 1 : 0;
    case 'timestamp': {
      const iso = utcIso(String(value));
      // MariaDB's DATETIME takes no "T…Z"; the session's time zone is UTC
      return dialect === 'mysql' ? iso.replace('T', ' ').replace('Z', '') : iso;
    }
    case 'date':
      return String(value).slice(0, 10);
    case 'decimal':
      // SQLite keeps money as REAL, as the server writes it
      return dialect === 'sqlite' ? Number(value) : String(value);
    case 'integer':
    case 'bigint':
      return typeof value === 'boolean' ? (value ? 1 : 0) : value;
    default:
      // SQLite's booleans are INTEGER columns: a boolean from another database lands as 0/1
      return typeof value === 'boolean' ? (value ? 1 : 0) : value;
  }
}

/** Normalises what the drivers return for a timestamp into ISO 8601 UTC with milliseconds. */
export function isoFromDb(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  // mysql2 with dateStrings: "2026-03-15 09:30:00.000", in UTC (the session time zone).
  const text = value.includes('T') ? value : `${value.replace(' ', 'T')}Z`;
  return new Date(text).toISOString();
}

export function dateFromDb(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return value.slice(0, 10);
}

// what a client writes is read by the same rules in the web app's checks (shared/dates.ts)
export { parseDate, parseInstant } from '../../shared/dates.js';

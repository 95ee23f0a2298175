import { createHash } from 'node:crypto';

/** A strong ETag over the representation: any visible change gives a new one. */
export function etagOf(dto: unknown): string {
  return `"${createHash('sha256').update(JSON.stringify(dto)).digest('base64url').slice(0, 27)}"`;
}

/** If-Match (RFC 9110): "*" or a list of strong tags; weak tags never match. */
export function ifMatchHolds(header: string | undefined, etag: string): boolean {
  if (header === undefined) return true;
  const value = header.trim();
  if (value === '*') return true;
  return value.split(',').some((t) => t.trim() === etag);
}

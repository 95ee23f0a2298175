import { createHash } from 'node:crypto';

/** A strong ETag over the representation: any visible change gives a new one. */
export function etagOf(dto: unknown): string {
  return `"${createHash('sha256').update(JSON.stringify(dto)).digest('base64url').slice(0, 27)}"`;
}

/**
 * The tag of the same record sent with a content coding (server/http/compression.ts): a gzip or
 * brotli body is another representation, so RFC 9110 (8.8.3) wants another strong tag — `"…"`
 * becomes `"….gzip"` (a dot is in no base64url tag of ours). If-Match takes either back.
 */
export function codedEtag(etag: string, coding: string): string {
  return /^"[^"]*"$/.test(etag) ? `${etag.slice(0, -1)}.${coding}"` : etag;
}

const CODING_SUFFIX = /\.(?:br|gzip)"$/;

/**
 * If-Match (RFC 9110): "*" or a list of strong tags; weak tags never match. A tag as sent with a
 * content coding (codedEtag) names the same record, so it matches too.
 */
export function ifMatchHolds(header: string | undefined, etag: string): boolean {
  if (header === undefined) return true;
  const value = header.trim();
  if (value === '*') return true;
  return value.split(',').some((t) => t.trim().replace(CODING_SUFFIX, '"') === etag);
}

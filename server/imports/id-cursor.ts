import { MAX_ID } from '../../shared/types.js';
import { fieldError } from '../errors.js';

// The cursor of a list paged by its ID alone (import jobs, a job's errors and duplicates): the last
// ID seen, base64url'd so that clients treat it as opaque.

export const idCursorOf = (id: number) => Buffer.from(String(id)).toString('base64url');

/** The ID a cursor holds (0 without one); anything else, or past an ID's range (a 500 on PostgreSQL), is a 400. */
export function idCursorAfter(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const after = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isInteger(after) || after < 1 || after > MAX_ID)
    throw fieldError('cursor', 'invalid_cursor', 'is not a cursor from this list');
  return after;
}

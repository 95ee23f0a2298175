import { createHash, randomBytes } from 'node:crypto';

/** A new random secret for a cookie or token, URL-safe. */
export const newSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** What is stored for a session or token: its SHA-256 (the value itself has 256 bits of entropy). */
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export const TOKEN_PREFIX = 'crm_';

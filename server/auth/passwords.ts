import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../shared/resources.js';
import { badRequest, type FieldError } from '../errors.js';
import { fold } from '../lib/text.js';

// scrypt with N=2^15, r=8: 32 MiB and ~50-100 ms per hash here — memory-hard, as OWASP advises.
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAXMEM = 64 * 1024 * 1024;

// declared with the API schemas (shared/resources.ts), which check the length first
export { PASSWORD_MAX, PASSWORD_MIN };

/**
 * The one form of a password that rules are checked on and that is hashed: NFKC, so that the
 * full-width, ligature or decomposed spellings of a password are that password (what a keyboard
 * or an input method typed must not matter). Hashes have always been of this form.
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

// Control characters (Unicode Cc) and the zero-width ones: invisible, so nobody could type the
// password again on another device, or tell it apart from one without them.
const INVISIBLE = /[\p{Cc}\u200B-\u200D\u2060\uFEFF]/u;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(normalizePassword(password), salt, KEY_LENGTH, { N: n, r, p, maxmem: MAXMEM }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Constant-time check; a malformed or missing hash never matches. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = (stored ?? DUMMY_HASH).split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, key] = parts;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return stored !== null && expected.length === actual.length && timingSafeEqual(expected, actual);
}

// Unknown accounts are checked against this, so "no such user" takes as long as "wrong password".
const DUMMY_HASH = `scrypt$${N}$${R}$${P}$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(KEY_LENGTH).toString('base64url')}`;

let common: Set<string> | null = null;
function isCommon(password: string): boolean {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}

/**
 * Why a new password is refused (as the `password` field's error), or null when it is acceptable.
 * Checked on the normalised form, the one that is hashed; lengths are in characters (code points).
 */
export function passwordProblem(
  password: string,
  context: { email?: string | null; name?: string | null } = {},
): Omit<FieldError, 'field'> | null {
  const normal = normalizePassword(password);
  if (INVISIBLE.test(normal))
    return { code: 'invalid_character', message: 'must not contain control or zero-width characters' };
  const length = [...normal].length;
  if (length < PASSWORD_MIN)
    return { code: 'too_short', message: `must be at least ${PASSWORD_MIN} characters`, limit: PASSWORD_MIN };
  if (length > PASSWORD_MAX)
    return { code: 'too_long', message: `must be at most ${PASSWORD_MAX} characters`, limit: PASSWORD_MAX };
  if (isCommon(normal))
    return { code: 'common_password', message: 'is one of the most common passwords; choose another' };
  const folded = fold(normal).replaceAll(' ', '');
  const local = context.email ? fold(context.email.split('@')[0]).replaceAll(' ', '') : '';
  if (local.length >= 4 && folded.includes(local))
    return { code: 'contains_email', message: 'must not contain your email address' };
  if (new Set(normal).size < 4) return { code: 'too_repetitive', message: 'is too repetitive' };
  return null;
}

/** The 400 for a refused password. */
export const passwordError = (problem: Omit<FieldError, 'field'>) =>
  badRequest([{ field: 'password', ...problem }], `password: ${problem.message}`);

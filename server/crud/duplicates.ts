import { AppError } from '../errors.js';
import type { LooseDb, Row } from './resource.js';

/**
 * The contract's 409 for an email already taken (unique ignoring case), with `existing_id` so the
 * client can offer the record that holds it.
 */
export async function duplicateEmail(
  db: LooseDb,
  where: { table: string; idColumn: string; label: string },
  email: unknown,
): Promise<AppError> {
  const key = typeof email === 'string' ? email.toLowerCase() : undefined;
  const found = key
    ? ((await db
        .selectFrom(where.table)
        .select(where.idColumn)
        .where('email_key', '=', key)
        .executeTakeFirst()) as Row | undefined)
    : undefined;
  return new AppError(
    409,
    'duplicate',
    'Duplicate email',
    `A ${where.label} with the email ${email} already exists.`,
    {
      errors: [{ field: 'email', code: 'duplicate', message: `is already used by another ${where.label}` }],
      ...(found ? { existing_id: Number(found[where.idColumn]) } : {}),
    },
  );
}

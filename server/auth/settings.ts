import type { Db } from '../db/connect.js';
import { isUniqueViolation } from '../db/dialect.js';
import { newSecret } from './secrets.js';

/** SESSION_SECRET when given; otherwise one generated on first start and kept in the database. */
export async function sessionSecret(db: Db, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return fromEnv;
  const read = () =>
    db.kysely
      .selectFrom('app_settings')
      .select('value')
      .where('name', '=', 'session_secret')
      .executeTakeFirst();
  const found = await read();
  if (found) return found.value;
  try {
    await db.kysely
      .insertInto('app_settings')
      .values({ name: 'session_secret', value: newSecret(48) })
      .execute();
  } catch (e) {
    // another instance starting at the same moment wrote it first
    if (!isUniqueViolation(e)) throw e;
  }
  return (await read())?.value as string;
}

import { Setup } from '../../shared/resources.js';
import type { SecurityConfig } from '../config.js';
import type { CrudService } from '../crud/crud.service.js';
import { SYSTEM_ACTOR } from '../crud/resource.js';
import type { Db } from '../db/connect.js';
import { isUniqueViolation } from '../db/dialect.js';
import { AppError } from '../errors.js';
import { checkBody } from '../http/validation.js';
import { passwordError, passwordProblem, verifyPassword } from './passwords.js';
import type { Limiter } from './rate-limit.js';

const isActive = (v: unknown) => v === true || v === 1 || v === '1';
const wrongCredentials = () =>
  new AppError(401, 'unauthorized', 'Sign-in failed', 'Wrong email or password.', { code: 'sign_in_failed' });

export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly users: CrudService,
    private readonly limiter: Limiter,
    private readonly security: SecurityConfig,
  ) {}

  /**
   * Checks a password. Every attempt is counted, per address and per account, before the password
   * is looked at: the count an attempt gets is its place in the window, so past the limit it is
   * refused (429) unchecked, however many arrive at once and on whichever instance.
   */
  async login(
    email: string,
    password: string,
    ip: string,
  ): Promise<{ userId: number } | { retryAfterMs: number }> {
    const key = email.trim().toLowerCase();
    const accountKey = `login:acct:${key}`;
    const ipKey = `login:ip:${ip}`;
    const w = this.security.loginWindowMs;
    // the address first: a blocked address stops adding to the counts of the accounts it tries
    const addr = await this.limiter.hit(ipKey, w);
    if (addr.count > this.security.loginMaxFailuresPerIp) return { retryAfterMs: addr.resetMs };
    const acct = await this.limiter.hit(accountKey, w);
    if (acct.count > this.security.loginMaxFailuresPerAccount) return { retryAfterMs: acct.resetMs };

    const user = await this.db.kysely
      .selectFrom('users')
      .select(['user_id', 'password_hash', 'active'])
      .where('email_key', '=', key)
      .executeTakeFirst();
    // the hash is checked even for an unknown email, so both failures take the same time
    const passwordOk = await verifyPassword(password, user?.password_hash ?? null);
    // a failure keeps both counts
    if (!user || !passwordOk || !isActive(user.active)) throw wrongCredentials();
    // A success clears the account (as before: its owner is back) and gives the address its
    // attempt back, so an office behind one address is not blocked by its own sign-ins.
    await Promise.all([this.limiter.reset(accountKey), this.limiter.decrement(ipKey)]);
    return { userId: Number(user.user_id) };
  }

  /**
   * The current password, before a change of password: counted per user before it is checked,
   * with the sign-in limits, so a stolen session cannot guess it without end.
   */
  async checkCurrentPassword(
    userId: number,
    password: string,
  ): Promise<'right' | 'wrong' | { retryAfterMs: number }> {
    const key = `password:user:${userId}`;
    const hits = await this.limiter.hit(key, this.security.loginWindowMs);
    if (hits.count > this.security.loginMaxFailuresPerAccount) return { retryAfterMs: hits.resetMs };
    const row = await this.db.kysely
      .selectFrom('users')
      .select('password_hash')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!(await verifyPassword(password, row?.password_hash ?? null))) return 'wrong';
    await this.limiter.reset(key);
    return 'right';
  }

  setupNeeded() {
    return setupNeeded(this.db);
  }

  setup(input: FirstAdmin) {
    return createFirstAdmin(this.db, this.users, input);
  }
}

interface FirstAdmin {
  email: string;
  password: string;
  name?: string | null;
  locale?: string | null;
}

export async function setupNeeded(db: Db): Promise<boolean> {
  const any = await db.kysely.selectFrom('users').select('user_id').limit(1).executeTakeFirst();
  return any === undefined;
}

/**
 * Creates the first administrator, once. A settings row claimed in the database makes two
 * simultaneous setups (or two instances) impossible: the second gets 409.
 */
export async function createFirstAdmin(db: Db, users: CrudService, input: FirstAdmin) {
  checkBody(Setup, input);
  const problem = passwordProblem(input.password, input);
  if (problem) throw passwordError(problem);
  const done = () =>
    new AppError(409, 'conflict', 'Setup already done', 'An administrator already exists; sign in instead.', {
      code: 'setup_done',
    });
  if (!(await setupNeeded(db))) throw done();
  try {
    await db.kysely
      .insertInto('app_settings')
      .values({ name: 'setup_done', value: new Date().toISOString() })
      .execute();
  } catch (e) {
    if (isUniqueViolation(e)) throw done();
    throw e;
  }
  try {
    return await users.create({ ...input, role: 'admin' }, SYSTEM_ACTOR);
  } catch (e) {
    await db.kysely.deleteFrom('app_settings').where('name', '=', 'setup_done').execute();
    throw e;
  }
}

/** CRM_ADMIN_EMAIL / CRM_ADMIN_PASSWORD: the first administrator, created at start when no user exists. */
export async function bootstrapAdmin(
  db: Db,
  users: CrudService,
  email: string | undefined,
  password: string | undefined,
) {
  if (!email || !password || !(await setupNeeded(db))) return null;
  try {
    return await createFirstAdmin(db, users, { email, password });
  } catch (e) {
    if (e instanceof AppError && e.status === 409) return null;
    if (e instanceof AppError) throw new Error(`CRM_ADMIN_EMAIL / CRM_ADMIN_PASSWORD refused: ${e.message}`);
    throw e;
  }
}

import type { Actor, Role } from '../crud/resource.js';
import type { Db } from '../db/connect.js';
import { timestampParam } from '../db/dialect.js';
import { isoFromDb } from '../lib/time.js';
import { newSecret, sha256, TOKEN_PREFIX } from './secrets.js';

export interface SessionPolicy {
  /** a session unused this long ends */
  idleMs: number;
  /** and every session ends this long after sign-in, used or not */
  maxMs: number;
}

// last_seen_at / last_used_at are written at most this often, not on every request
const TOUCH_EVERY_MS = 60_000;

const isActive = (v: unknown) => v === true || v === 1 || v === '1';

export class Credentials {
  constructor(
    private readonly db: Db,
    private readonly policy: SessionPolicy,
  ) {}

  private ts(date: Date) {
    return timestampParam(this.db.dialect, date.toISOString());
  }

  /** A new session for the user; the returned secret goes in the cookie and is stored only hashed. */
  async startSession(userId: number): Promise<{ secret: string; expiresAt: Date }> {
    const secret = newSecret();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.policy.maxMs);
    await this.db.kysely
      .insertInto('sessions')
      .values({
        session_id: sha256(secret),
        user_id: userId,
        created_at: this.ts(now),
        last_seen_at: this.ts(now),
        expires_at: this.ts(expiresAt),
      })
      .execute();
    return { secret, expiresAt };
  }

  /** Deletes sessions past their absolute or idle expiry (those never presented again stay otherwise). */
  async sweepExpired(): Promise<number> {
    const now = Date.now();
    const r = await this.db.kysely
      .deleteFrom('sessions')
      .where((eb) =>
        eb.or([
          eb('expires_at', '<=', this.ts(new Date(now))),
          eb('last_seen_at', '<=', this.ts(new Date(now - this.policy.idleMs))),
        ]),
      )
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async endSession(sessionId: string) {
    await this.db.kysely.deleteFrom('sessions').where('session_id', '=', sessionId).execute();
  }

  async endSessionsOf(userId: number, except?: string) {
    let q = this.db.kysely.deleteFrom('sessions').where('user_id', '=', userId);
    if (except) q = q.where('session_id', '!=', except);
    await q.execute();
  }

  /** The actor behind a session cookie's secret, or null when unknown, expired or deactivated. */
  async fromSession(secret: string): Promise<Actor | null> {
    const id = sha256(secret);
    const row = await this.db.kysely
      .selectFrom('sessions')
      .innerJoin('users', 'users.user_id', 'sessions.user_id')
      .select([
        'sessions.user_id',
        'sessions.last_seen_at',
        'sessions.expires_at',
        'users.role',
        'users.active',
        'users.must_change_password',
      ])
      .where('sessions.session_id', '=', id)
      .executeTakeFirst();
    if (!row || !isActive(row.active)) return null;
    const now = Date.now();
    const lastSeen = Date.parse(isoFromDb(row.last_seen_at) as string);
    const expired =
      Date.parse(isoFromDb(row.expires_at) as string) <= now || now - lastSeen >= this.policy.idleMs;
    if (expired) {
      await this.endSession(id);
      return null;
    }
    if (now - lastSeen > TOUCH_EVERY_MS) {
      await this.db.kysely
        .updateTable('sessions')
        .set({ last_seen_at: this.ts(new Date(now)) })
        .where('session_id', '=', id)
        .execute();
    }
    return {
      userId: Number(row.user_id),
      role: row.role as Role,
      via: 'session',
      sessionId: id,
      mustChangePassword: isActive(row.must_change_password),
    };
  }

  async createToken(userId: number, name: string) {
    const token = `${TOKEN_PREFIX}${newSecret()}`;
    const createdAt = new Date().toISOString();
    const values = {
      user_id: userId,
      name,
      token_hash: sha256(token),
      created_at: this.ts(new Date(createdAt)),
    };
    let tokenId: number;
    if (this.db.dialect === 'mysql') {
      const r = await this.db.kysely.insertInto('api_tokens').values(values).executeTakeFirstOrThrow();
      tokenId = Number(r.insertId);
    } else {
      const r = await this.db.kysely
        .insertInto('api_tokens')
        .values(values)
        .returning('token_id')
        .executeTakeFirstOrThrow();
      tokenId = Number(r.token_id);
    }
    return { token_id: tokenId, name, token, created_at: createdAt };
  }

  async listTokens(userId: number) {
    const rows = await this.db.kysely
      .selectFrom('api_tokens')
      .select(['token_id', 'name', 'created_at', 'last_used_at'])
      .where('user_id', '=', userId)
      .orderBy('token_id')
      .execute();
    return rows.map((r) => ({
      token_id: Number(r.token_id),
      name: r.name,
      created_at: isoFromDb(r.created_at) as string,
      last_used_at: isoFromDb(r.last_used_at),
    }));
  }

  /** Revokes one of the user's tokens; false when the user has no such token. */
  async revokeToken(userId: number, tokenId: number): Promise<boolean> {
    const r = await this.db.kysely
      .deleteFrom('api_tokens')
      .where('token_id', '=', tokenId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async fromToken(token: string): Promise<Actor | null> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
    const row = await this.db.kysely
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.user_id', 'api_tokens.user_id')
      .select([
        'api_tokens.token_id',
        'api_tokens.user_id',
        'api_tokens.last_used_at',
        'users.role',
        'users.active',
        'users.must_change_password',
      ])
      .where('api_tokens.token_hash', '=', sha256(token))
      .executeTakeFirst();
    if (!row || !isActive(row.active)) return null;
    const now = Date.now();
    const last = row.last_used_at ? Date.parse(isoFromDb(row.last_used_at) as string) : 0;
    if (now - last > TOUCH_EVERY_MS) {
      await this.db.kysely
        .updateTable('api_tokens')
        .set({ last_used_at: this.ts(new Date(now)) })
        .where('token_id', '=', row.token_id)
        .execute();
    }
    return {
      userId: Number(row.user_id),
      role: row.role as Role,
      via: 'token',
      tokenId: Number(row.token_id),
      mustChangePassword: isActive(row.must_change_password),
    };
  }
}

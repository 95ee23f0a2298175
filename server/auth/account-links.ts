import type { FastifyBaseLogger } from 'fastify';
import type { SecurityConfig } from '../config.js';
import type { CrudService } from '../crud/crud.service.js';
import type { Db } from '../db/connect.js';
import { timestampParam } from '../db/dialect.js';
import { AppError, fieldError, notFound } from '../errors.js';
import { isoFromDb } from '../lib/time.js';
import { type LinkPurpose, linkMail } from './link-mail.js';
import type { Mailer } from './mailer.js';
import { passwordError, passwordProblem } from './passwords.js';
import type { Limiter } from './rate-limit.js';
import { newSecret, sha256 } from './secrets.js';

export type { LinkPurpose };

export const LINK_LIFETIME_MS: Record<LinkPurpose, number> = {
  invite: 7 * 24 * 3600_000,
  reset: 3600_000,
};
/** the web app's pages the links open */
export const LINK_PAGES: Record<LinkPurpose, string> = { invite: '/invitation', reset: '/reset-password' };
/** reset mails one address may be sent per hour, whoever asks: no mailbox is flooded */
export const RESET_MAILS_PER_HOUR = 3;

const isActive = (v: unknown) => v === true || v === 1 || v === '1';
const invalidLink = () =>
  fieldError('token', 'invalid_link', 'is unknown, already used or expired; ask for a new link');
const inactive = () =>
  new AppError(409, 'conflict', 'User deactivated', 'Reactivate this user before sending them a link.', {
    code: 'user_inactive',
  });

type Limited = { retryAfterMs: number };

/**
 * One-time links that set a password: invitations (7 days) and password resets (1 hour). The
 * link's secret has 256 bits and only its SHA-256 is stored; using it is one guarded UPDATE, so
 * two uses at once cannot both succeed. Every attempt at a link is counted per address before
 * the link is looked up, like sign-ins.
 */
export class AccountLinks {
  /** reset mails being sent after their request was answered; awaited when the app closes */
  private readonly sending = new Set<Promise<void>>();

  constructor(
    private readonly db: Db,
    private readonly users: CrudService,
    private readonly limiter: Limiter,
    private readonly security: SecurityConfig,
    private readonly mailer: Mailer | null,
    private readonly log: FastifyBaseLogger,
  ) {}

  get mailEnabled() {
    return this.mailer !== null;
  }

  private ts(date: Date) {
    return timestampParam(this.db.dialect, date.toISOString());
  }

  /**
   * A new link for the user; it replaces the user's older unused links of the same purpose. No
   * transaction: the links older than the new one are deleted after it is in, so of two issued at
   * once the newer stays (a delete-then-insert transaction deadlocked on MariaDB under that race).
   */
  private async issue(userId: number, purpose: LinkPurpose) {
    const token = newSecret();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + LINK_LIFETIME_MS[purpose]);
    const values = {
      user_id: userId,
      purpose,
      token_hash: sha256(token),
      created_at: this.ts(now),
      expires_at: this.ts(expiresAt),
    };
    const q = this.db.kysely.insertInto('account_links').values(values);
    const linkId =
      this.db.dialect === 'mysql'
        ? Number((await q.executeTakeFirstOrThrow()).insertId)
        : Number((await q.returning('link_id').executeTakeFirstOrThrow()).link_id);
    await this.db.kysely
      .deleteFrom('account_links')
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('link_id', '<', linkId)
      .execute();
    const origin = this.security.publicOrigins[0];
    return {
      link: `${origin}${LINK_PAGES[purpose]}?token=${encodeURIComponent(token)}`,
      expires_at: expiresAt.toISOString(),
    };
  }

  private async activeUser(userId: number) {
    const user = await this.db.kysely
      .selectFrom('users')
      .select(['user_id', 'email', 'locale', 'active'])
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!user) throw notFound(`user ${userId}`);
    if (!isActive(user.active)) throw inactive();
    return user;
  }

  /**
   * An invitation (admin): mailed when a mail server is configured, otherwise (or if sending
   * failed) returned for the admin to pass on.
   */
  async invite(userId: number): Promise<{ sent: boolean; link: string | null; expires_at: string }> {
    const user = await this.activeUser(userId);
    const { link, expires_at } = await this.issue(userId, 'invite');
    if (this.mailer) {
      try {
        await this.mailer.send(linkMail(user.email, 'invite', link, user.locale));
        return { sent: true, link: null, expires_at };
      } catch (e) {
        this.log.warn({ err: e }, 'invitation mail not sent; the link is shown to the administrator');
      }
    }
    return { sent: false, link, expires_at };
  }

  /** A reset link for an administrator to pass on (when the user cannot receive mail). */
  async resetLink(userId: number) {
    await this.activeUser(userId);
    return this.issue(userId, 'reset');
  }

  /**
   * "Forgot password": the answer is the same whether the address is known or not. Only the
   * address's count is awaited; finding the user, making the link and mailing it happen after
   * the answer, so its timing says nothing either.
   */
  async requestReset(email: string, ip: string): Promise<'email' | 'administrator' | Limited> {
    const hits = await this.limiter.hit(`reset:ip:${ip}`, this.security.loginWindowMs);
    if (hits.count > this.security.loginMaxFailuresPerIp) return { retryAfterMs: hits.resetMs };
    if (!this.mailer) return 'administrator';
    const task = this.mailReset(email.trim().toLowerCase()).catch((e) =>
      this.log.warn({ err: e }, 'password reset mail not sent'),
    );
    this.sending.add(task);
    void task.finally(() => this.sending.delete(task));
    return 'email';
  }

  private async mailReset(key: string) {
    const mailer = this.mailer as Mailer;
    const sent = await this.limiter.hit(`reset:acct:${key}`, 3600_000);
    if (sent.count > RESET_MAILS_PER_HOUR) return;
    const user = await this.db.kysely
      .selectFrom('users')
      .select(['user_id', 'email', 'locale', 'active'])
      .where('email_key', '=', key)
      .executeTakeFirst();
    if (!user || !isActive(user.active)) return;
    const { link } = await this.issue(Number(user.user_id), 'reset');
    await mailer.send(linkMail(user.email, 'reset', link, user.locale));
  }

  /** Resolves once the reset mails under way are sent (or failed). */
  async settle() {
    await Promise.all(this.sending);
  }

  /** Counted before the link is looked up: past the limit, no link is even read. */
  private async count(ip: string): Promise<Limited | null> {
    const hits = await this.limiter.hit(`link:ip:${ip}`, this.security.loginWindowMs);
    return hits.count > this.security.loginMaxFailuresPerIp ? { retryAfterMs: hits.resetMs } : null;
  }

  private async find(token: string) {
    if (token.length > 100) return null;
    const row = await this.db.kysely
      .selectFrom('account_links')
      .innerJoin('users', 'users.user_id', 'account_links.user_id')
      .select([
        'account_links.link_id',
        'account_links.user_id',
        'account_links.purpose',
        'account_links.expires_at',
        'account_links.used_at',
        'users.email',
        'users.name',
        'users.active',
      ])
      .where('account_links.token_hash', '=', sha256(token))
      .executeTakeFirst();
    if (!row || row.used_at !== null || !isActive(row.active)) return null;
    const expiresAt = isoFromDb(row.expires_at) as string;
    if (Date.parse(expiresAt) <= Date.now()) return null;
    return { ...row, expires_at: expiresAt };
  }

  /** What the page shows before the password is chosen: what the link is for, and for whom. */
  async check(
    token: string,
    ip: string,
  ): Promise<{ purpose: LinkPurpose; email: string; expires_at: string } | Limited> {
    const limited = await this.count(ip);
    if (limited) return limited;
    const link = await this.find(token);
    if (!link) throw invalidLink();
    // a valid link is no guess: it gives the address its attempt back
    await this.limiter.decrement(`link:ip:${ip}`);
    return { purpose: link.purpose as LinkPurpose, email: link.email, expires_at: link.expires_at };
  }

  /**
   * Sets the password the link's owner chose, once. The password is checked before the link is
   * used up, so a refused password leaves the link valid; the guarded UPDATE decides between two
   * simultaneous uses. The password change ends the user's sessions and other unused links.
   */
  async use(token: string, password: string, ip: string): Promise<{ userId: number } | Limited> {
    const limited = await this.count(ip);
    if (limited) return limited;
    const link = await this.find(token);
    if (!link) throw invalidLink();
    const problem = passwordProblem(password, { email: link.email, name: link.name });
    if (problem) throw passwordError(problem);
    const now = this.ts(new Date());
    const used = await this.db.kysely
      .updateTable('account_links')
      .set({ used_at: now })
      .where('link_id', '=', link.link_id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw invalidLink();
    const userId = Number(link.user_id);
    // as the user themself: a password they chose is not one they must change
    await this.users.update(userId, { password }, undefined, { userId, role: 'admin', via: 'system' });
    await this.limiter.decrement(`link:ip:${ip}`);
    return { userId };
  }
}

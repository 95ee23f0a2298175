import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { DEFAULT_SECURITY } from '../config.js';
import { connect, type Db } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { DIALECTS, type FreshDatabase, freshDatabase } from '../test/dialects.js';
import { describeEachDialect, TEST_PASSWORD } from '../test/harness.js';
import { MemoryStore, RedisStore } from './rate-limit.js';

describeEachDialect(
  'brute force and rate limits',
  (t) => {
    it('answers 429 with Retry-After after repeated failed sign-ins, even with the right password', async () => {
      const m = await t.member('sales');
      for (let i = 0; i < 3; i++) {
        expect(
          (await t.anon('POST', '/api/v1/auth/login', { email: m.email, password: `wrong-${i}-password` }))
            .status,
        ).toBe(401);
      }
      const blocked = await t.anon('POST', '/api/v1/auth/login', { email: m.email, password: TEST_PASSWORD });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(blocked.headers['content-type']).toMatch(/problem\+json/);
    });

    it('answers 429 with Retry-After once one address has failed too often, whichever accounts it tried', async () => {
      // one failure on each of many accounts: no account reaches its own limit, the address does
      const from = (ip: string) => (email: string, password: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email, password },
          remoteAddress: ip,
        });
      const attacker = from('203.0.113.7');
      const accounts = await Promise.all(Array.from({ length: 6 }, () => t.member('viewer')));
      const statuses: number[] = [];
      for (const m of accounts.slice(0, 5))
        statuses.push((await attacker(m.email, 'wrong-password-1')).statusCode);
      statuses.push((await attacker(`nobody.${Date.now()}@example.com`, 'wrong-password-1')).statusCode);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
      // the limit is reached: even a right password of an untouched account is refused unchecked
      const blocked = await attacker(accounts[5].email, TEST_PASSWORD);
      expect(blocked.statusCode).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
      expect(blocked.headers['content-type']).toMatch(/problem\+json/);
      expect(blocked.headers['set-cookie']).toBeUndefined();
      // it is the address that is blocked, not the accounts: from elsewhere they sign in
      const elsewhere = from('198.51.100.20');
      expect((await elsewhere(accounts[5].email, TEST_PASSWORD)).statusCode).toBe(200);
      expect((await elsewhere(accounts[0].email, TEST_PASSWORD)).statusCode).toBe(200);
    });

    it('limits API calls per token', async () => {
      const m = await t.member('viewer');
      const statuses: number[] = [];
      for (let i = 0; i < 25; i++) statuses.push((await m.api('GET', '/api/v1/contacts?limit=1')).status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(20);
      expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
      // another token has its own budget
      const other = await t.member('viewer');
      expect((await other.api('GET', '/api/v1/contacts?limit=1')).status).toBe(200);
    });
  },
  // small limits so that a few requests trip them; each test signs in from its own address
  { security: { loginMaxFailuresPerAccount: 3, loginMaxFailuresPerIp: 6, apiRatePerMinute: 20 } },
);

// Not describeEachDialect: setup needs a database without any user, and the harness makes an admin.
describe.each(DIALECTS)('secrets stay secret [%s]', (dialect) => {
  let fresh: FreshDatabase;
  let db: Db;
  let logs = '';
  beforeAll(async () => {
    fresh = await freshDatabase(dialect);
    db = connect(fresh.url);
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db.destroy();
    await fresh.drop();
  });

  it('never writes a password, token or session cookie to a log line, a response or the audit log', async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        logs += chunk.toString();
        done();
      },
    });
    const app = await buildApp({ config: { logLevel: 'trace' }, db, sessionSecret: 's', logStream: sink });
    const password = 'Tres-Secret-Passe-31';
    const setup = await app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { email: 'root@example.com', password },
    });
    expect(setup.statusCode).toBe(201);
    const again = await app.inject({ method: 'GET', url: '/api/v1/setup' });
    expect(JSON.parse(again.body)).toEqual({ setup_needed: false, currency: 'EUR', default_locale: 'fr' });
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/setup',
          payload: { email: 'x@example.com', password },
        })
      ).statusCode,
    ).toBe(409);
    const cookie = String(setup.headers['set-cookie']).split(';')[0];
    const tokenRes = await app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      payload: { name: 'ci' },
      headers: { cookie, origin: DEFAULT_SECURITY.publicOrigins[0] },
    });
    const token = JSON.parse(tokenRes.body).token as string;
    const auth = { authorization: `Bearer ${token}` };
    const user = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: 'rep@example.com', role: 'sales', password },
      headers: auth,
    });
    expect(user.statusCode).toBe(201);
    const userId = JSON.parse(user.body).user_id;
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${userId}`,
      payload: { password: 'Autre-Secret-Passe-77' },
      headers: auth,
    });
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'rep@example.com', password: 'wrong-but-secret-9' },
    });
    // a password link's token rides in a URL: the logs must not keep it
    const made = await app.inject({
      method: 'POST',
      url: `/api/v1/users/${userId}/password-reset-link`,
      headers: auth,
    });
    const linkToken = new URL(JSON.parse(made.body).link).searchParams.get('token') as string;
    const checked = await app.inject({ url: `/api/v1/auth/password-reset/check?token=${linkToken}` });
    expect(checked.statusCode).toBe(200);
    const used = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token: linkToken, password: 'Lien-Secret-Passe-55' },
    });
    expect(used.statusCode).toBe(200);
    const audit = await app.inject({
      method: 'GET',
      url: '/api/v1/audit-events?resource=users',
      headers: auth,
    });
    await app.close();

    const cookieValue = decodeURIComponent(cookie.split('=')[1]).split('.')[0];
    const secrets = [password, 'Autre-Secret-Passe-77', 'wrong-but-secret-9', token, cookieValue];
    for (const secret of [...secrets, linkToken, 'Lien-Secret-Passe-55']) {
      expect(logs).not.toContain(secret);
      expect(audit.body).not.toContain(secret);
      expect(user.body).not.toContain(secret);
    }
    expect(logs.length).toBeGreaterThan(1000);
    expect(audit.statusCode, audit.body).toBe(200);
    const events = JSON.parse(audit.body).data;
    expect(events.find((e: { action: string }) => e.action === 'update').changes.password).toEqual([
      '(hidden)',
      '(changed)',
    ]);
    expect(audit.body).not.toMatch(/scrypt\$/);
  });

  it('sends security headers: a CSP without inline scripts, nosniff, no framing', async () => {
    const app = await buildApp({ config: { logLevel: 'silent' }, db, sessionSecret: 's' });
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const err = await app.inject({ method: 'GET', url: '/api/v1/contacts/abc' });
    expect(err.body).not.toMatch(/at .*\.(ts|js):\d+/);
    await app.close();
  });
});

// Two instances share the database as well as Redis, as they would in production: run per dialect.
describe.skipIf(!process.env.TEST_REDIS_URL).each(DIALECTS)('limits shared through Redis [%s]', (dialect) => {
  it('counts failed sign-ins across two instances', async () => {
    const fresh = await freshDatabase(dialect);
    const db = connect(fresh.url);
    await migrateToLatest(db);
    const security = { ...DEFAULT_SECURITY, loginMaxFailuresPerAccount: 4 };
    const prefix = `carnet:test:${dialect}:${Date.now()}:`;
    const apps = await Promise.all(
      [0, 1].map(() =>
        buildApp({
          config: { logLevel: 'silent', security },
          db,
          sessionSecret: 's',
          limiterStore: new RedisStore(process.env.TEST_REDIS_URL as string, { prefix }),
        }),
      ),
    );
    const attempt = (i: number) =>
      apps[i % 2].inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'shared@example.com', password: 'wrong-password-x' },
      });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt(i)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    // with per-instance memory the same six attempts would never reach 429 on either
    const local = await Promise.all(
      [0, 1].map(() =>
        buildApp({
          config: { logLevel: 'silent', security },
          db,
          sessionSecret: 's',
          limiterStore: new MemoryStore(),
        }),
      ),
    );
    const localStatuses = [];
    for (let i = 0; i < 6; i++) {
      localStatuses.push(
        (
          await local[i % 2].inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            payload: { email: 'other@example.com', password: 'wrong-password-x' },
          })
        ).statusCode,
      );
    }
    expect(localStatuses).toEqual([401, 401, 401, 401, 401, 401]);
    for (const a of [...apps, ...local]) await a.close();
    await db.destroy();
    await fresh.drop();
  });
});

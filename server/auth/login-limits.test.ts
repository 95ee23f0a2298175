import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { DEFAULT_SECURITY } from '../config.js';
import { CrudService } from '../crud/crud.service.js';
import { SYSTEM_ACTOR } from '../crud/resource.js';
import { connect } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { DIALECTS, freshDatabase } from '../test/dialects.js';
import { describeEachDialect, TEST_PASSWORD } from '../test/harness.js';
import { users } from '../users/users.resource.js';
import { RedisStore } from './rate-limit.js';

const LIMIT = 10;
const ORIGIN = 'http://localhost:80';

const tally = (statuses: number[]) => {
  const out: Record<number, number> = {};
  for (const s of statuses) out[s] = (out[s] ?? 0) + 1;
  return out;
};

/** 40 sign-ins for one account sent at once, from one address; the right password last when asked. */
async function burst(apps: FastifyInstance[], email: string, ip: string, rightOneLast: boolean) {
  const responses = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      apps[i % apps.length].inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password: rightOneLast && i === 39 ? TEST_PASSWORD : `wrong-guess-${i}-x` },
        remoteAddress: ip,
      }),
    ),
  );
  return responses;
}

describeEachDialect(
  'sign-in guesses are counted before they are checked',
  (t) => {
    it('40 parallel wrong sign-ins on one account: 10 are checked (401), 30 refused (429)', async () => {
      const m = await t.member('sales');
      const res = await burst([t.app], m.email, '203.0.113.40', false);
      expect(tally(res.map((r) => r.statusCode))).toEqual({ 401: LIMIT, 429: 40 - LIMIT });
      for (const r of res.filter((x) => x.statusCode === 429))
        expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('the right password sent among the last of the burst gets 429, never 200', async () => {
      const m = await t.member('sales');
      const res = await burst([t.app], m.email, '203.0.113.41', true);
      expect(res[39].statusCode).toBe(429);
      expect(res[39].headers['set-cookie']).toBeUndefined();
      expect(tally(res.map((r) => r.statusCode))).toEqual({ 401: LIMIT, 429: 40 - LIMIT });
    });

    it('successful sign-ins do not use up the address budget; failures do', async () => {
      // 60 good sign-ins from one office address (limit 50 per address): all pass
      const m = await t.member('viewer');
      const ip = '203.0.113.42';
      for (let i = 0; i < 60; i++) {
        const ok = await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: m.email, password: TEST_PASSWORD },
          remoteAddress: ip,
        });
        expect(ok.statusCode).toBe(200);
      }
    });

    it('current_password guesses on PATCH /auth/me are limited per user, counted before checking', async () => {
      const m = await t.member('sales');
      const guess = (current: string) =>
        m.api('PATCH', '/api/v1/auth/me', { password: 'Nouveau-Mot-Secret-7', current_password: current });
      const res = await Promise.all(Array.from({ length: 30 }, (_, i) => guess(`wrong-current-${i}`)));
      expect(tally(res.map((r) => r.status))).toEqual({ 400: LIMIT, 429: 30 - LIMIT });
      const limited = res.find((r) => r.status === 429);
      expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited?.headers['content-type']).toMatch(/problem\+json/);
      // even the right one is refused unchecked now, and the password did not change
      expect((await guess(TEST_PASSWORD)).status).toBe(429);
      const signIn = await t.anon(
        'POST',
        '/api/v1/auth/login',
        { email: m.email, password: TEST_PASSWORD },
        { origin: ORIGIN },
      );
      expect(signIn.status).toBe(200);
      // another user keeps their own budget
      const other = await t.member('sales');
      expect(
        (
          await other.api('PATCH', '/api/v1/auth/me', {
            password: 'Nouveau-Mot-Secret-7',
            current_password: TEST_PASSWORD,
          })
        ).status,
      ).toBe(200);
    });
  },
  { security: { loginMaxFailuresPerAccount: LIMIT, loginMaxFailuresPerIp: 50 } },
);

// Two instances on one database and one Redis, as in production: the burst is split between them.
describe.skipIf(!process.env.TEST_REDIS_URL).each(DIALECTS)(
  'sign-in guesses counted before checking, across two instances sharing Redis [%s]',
  (dialect) => {
    it('40 parallel sign-ins split over two instances: 10 checked, the right password last gets 429', async () => {
      const fresh = await freshDatabase(dialect);
      const db = connect(fresh.url);
      await migrateToLatest(db);
      const email = `burst.${dialect}.${Date.now()}@example.com`;
      await new CrudService(users, db).create(
        { email, role: 'sales', password: TEST_PASSWORD },
        SYSTEM_ACTOR,
      );
      const security = { ...DEFAULT_SECURITY, loginMaxFailuresPerAccount: LIMIT };
      const prefix = `carnet:test:burst:${dialect}:${Date.now()}:`;
      const apps = await Promise.all(
        [0, 1].map(() =>
          buildApp({
            config: { logLevel: 'silent', security },
            db,
            sessionSecret: 's',
            webRoot: null,
            limiterStore: new RedisStore(process.env.TEST_REDIS_URL as string, { prefix }),
          }),
        ),
      );
      try {
        const res = await burst(apps, email, '203.0.113.50', true);
        expect(res[39].statusCode).toBe(429);
        expect(tally(res.map((r) => r.statusCode))).toEqual({ 401: LIMIT, 429: 40 - LIMIT });
      } finally {
        for (const a of apps) await a.close();
        await db.destroy();
        await fresh.drop();
      }
    });
  },
);

describe.skipIf(!process.env.TEST_REDIS_URL)('RedisStore.decrement', () => {
  it('takes one back from a live count, never below zero, and never leaves a key without expiry', async () => {
    const prefix = `carnet:test:decr:${Date.now()}:`;
    const store = new RedisStore(process.env.TEST_REDIS_URL as string, { prefix });
    try {
      expect((await store.hit('k', 60_000)).count).toBe(1);
      expect((await store.hit('k', 60_000)).count).toBe(2);
      await store.decrement('k');
      expect((await store.hit('k', 60_000)).count).toBe(2);
      await store.decrement('gone');
      await store.decrement('gone');
      const fresh = await store.hit('gone', 60_000);
      expect(fresh.count).toBe(1);
      expect(fresh.resetMs).toBeGreaterThan(50_000);
    } finally {
      await store.close();
    }
  });
});

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { DEFAULT_SECURITY } from '../config.js';
import { connect, type Db } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { DIALECTS, type FreshDatabase, freshDatabase } from '../test/dialects.js';
import { adminHeaders, TEST_PASSWORD } from '../test/harness.js';

function redisServerBinary(): string | null {
  try {
    return execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

const REDIS_SERVER = redisServerBinary();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** A private redis-server this test may stop and kill without touching anyone else's. */
async function startRedis(): Promise<{ proc: ChildProcess; url: string }> {
  const port = await freePort();
  const proc = spawn(
    REDIS_SERVER as string,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => 50, maxRetriesPerRequest: 0 });
  probe.on('error', () => {});
  for (let i = 0; i < 100; i++) {
    try {
      await probe.connect();
      await probe.ping();
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  probe.disconnect();
  return { proc, url };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

const WRONG = 'wrong-password-while-redis-sleeps';
const LIMIT = 4;

describe.skipIf(!REDIS_SERVER).each(DIALECTS)('a Redis that hangs (SIGSTOP) [%s]', (dialect) => {
  let fresh: FreshDatabase;
  let db: Db;
  let redis: { proc: ChildProcess; url: string };
  let app: FastifyInstance;
  let logs = '';
  let auth: Record<string, string>;
  let email: string;

  beforeAll(async () => {
    redis = await startRedis();
    fresh = await freshDatabase(dialect);
    db = connect(fresh.url);
    await migrateToLatest(db);
    auth = await adminHeaders(db);
    email = `sleeper.${dialect}.${Date.now()}@example.com`;
    const sink = new Writable({
      write(chunk, _enc, done) {
        logs += chunk.toString();
        done();
      },
    });
    app = await buildApp({
      config: {
        logLevel: 'info',
        security: {
          ...DEFAULT_SECURITY,
          loginMaxFailuresPerAccount: LIMIT,
          apiRatePerMinute: 1000,
          redisUrl: redis.url,
          redisTimeoutMs: 200,
          redisRetryMs: 1000,
        },
      },
      db,
      sessionSecret: 's',
      logStream: sink,
      webRoot: null,
    });
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: auth,
      payload: { email, role: 'sales', password: TEST_PASSWORD },
    });
    expect(created.statusCode).toBe(201);
  });

  afterAll(async () => {
    if (redis?.proc.pid) {
      try {
        process.kill(redis.proc.pid, 'SIGCONT');
      } catch {}
      redis.proc.kill('SIGKILL');
    }
    await app?.close();
    await db?.destroy();
    await fresh?.drop();
  });

  it('answers within 2 s while Redis is stopped, still limits sign-in guesses per instance, then uses Redis again', async () => {
    const signIn = (password: string) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
    const spy = new Redis(redis.url);
    // Redis works: the counters are there
    expect((await signIn(WRONG)).statusCode).toBe(401);
    expect(await spy.keys('carnet:rl:login:*')).not.toHaveLength(0);

    process.kill(redis.proc.pid as number, 'SIGSTOP');
    const latencies: number[] = [];
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) {
      const { value, ms } = await timed(() => signIn(WRONG));
      statuses.push(value.statusCode);
      latencies.push(ms);
    }
    const api = await timed(() =>
      app.inject({ method: 'GET', url: '/api/v1/contacts?limit=1', headers: auth }),
    );
    const pub = await timed(() => app.inject({ method: 'GET', url: '/api/v1/setup' }));
    latencies.push(api.ms, pub.ms);
    expect(api.value.statusCode).toBe(200);
    expect(pub.value.statusCode).toBe(200);
    for (const ms of latencies) expect(ms).toBeLessThan(2000);
    // the memory counters start from zero: four more guesses are checked, then 429
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    // even the right password is refused now, unchecked
    expect((await signIn(TEST_PASSWORD)).statusCode).toBe(429);
    // one warning for the outage, not one per request
    expect(logs.match(/rate-limit store unavailable/g)).toHaveLength(1);
    console.info(
      `[${dialect}] latencies with Redis stopped (ms): ${latencies.map((ms) => Math.round(ms)).join(', ')}`,
    );

    process.kill(redis.proc.pid as number, 'SIGCONT');
    // after the cool-down Redis is used again: a new address's counter appears there
    await new Promise((r) => setTimeout(r, 1200));
    const back = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: `nobody.${Date.now()}@example.com`, password: WRONG },
      remoteAddress: '198.51.100.77',
    });
    expect(back.statusCode).toBe(401);
    expect(await spy.keys('carnet:rl:login:ip:198.51.100.77')).toHaveLength(1);
    expect(logs).toMatch(/rate-limit store back/);
    spy.disconnect();
  });
});

if (!REDIS_SERVER) {
  describe('a Redis that hangs (SIGSTOP)', () => {
    it.skip('skipped: no redis-server binary on PATH to start a private Redis', () => {});
  });
}

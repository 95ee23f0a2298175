// Three Carnet processes behind HAProxy (health checks on /readyz), with Redis, on PostgreSQL
// through PgBouncer in transaction mode and on MariaDB. Under a mixed read/write load one instance
// is SIGKILLed and another stopped and started again: every acknowledged write is there afterwards,
// at most the requests in flight at the killed instance fail, and sessions and rate limits hold.
// Then an import is killed with its instance: the job ends failed (server_stopped), its finished
// batches in and accounted for. Runs where haproxy (and pgbouncer for PostgreSQL) is installed;
// .ci/run installs them. The cluster itself is scripts/lb/cluster.ts.
import { existsSync } from 'node:fs';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster, findExecutable } from '../../scripts/lb/cluster.js';
import type { DialectName } from '../config.js';
import { connect, type Db } from '../db/connect.js';
import { type FreshDatabase, freshDatabase } from './dialects.js';

const HAPROXY = findExecutable('haproxy');
const PGBOUNCER = findExecutable('pgbouncer');
const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisDatabase = (n: number) => {
  const u = new URL(REDIS);
  u.pathname = `/${n}`;
  return u.toString();
};
const ADMIN = { email: 'lb.admin@example.com', password: 'Plume-Verte-Orage-42' };
const RATE = 600;
const LOGIN_LIMIT = 5;
const STALE_MS = 3000;
const WORKERS = 6;

interface Target {
  dialect: DialectName;
  port: number;
  /** a Redis database of this file's own: rate-limit keys (token ids) would collide otherwise */
  redisDb: number;
}
const targets: Target[] = [
  ...(process.env.TEST_POSTGRES_URL ? [{ dialect: 'postgres' as const, port: 3400, redisDb: 14 }] : []),
  ...(process.env.TEST_MYSQL_URL ? [{ dialect: 'mysql' as const, port: 3420, redisDb: 15 }] : []),
];
const missing = [!HAPROXY && 'haproxy', !PGBOUNCER && 'pgbouncer'].filter(Boolean);
// CI installs them: there a missing one fails instead of skipping
if (missing.length && process.env.CI === 'true')
  it('has haproxy and pgbouncer installed', () => expect(missing).toEqual([]));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Tally {
  ok: number;
  failed: string[];
  /** contact id → the name it was acknowledged with (201) */
  acked: Map<number, string>;
}

async function call(url: string, init: RequestInit = {}) {
  return fetch(url, { ...init, signal: AbortSignal.timeout(20_000) });
}

/** One client: a create, then a list or a read of one it made, until told to stop. */
async function worker(
  base: string,
  headers: Record<string, string>,
  tag: string,
  tally: Tally,
  stop: () => boolean,
  phase: () => string,
) {
  const why = (e: unknown) => {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    return `${(e as Error).message} (${cause?.code ?? cause?.message ?? '?'}) [${phase()}]`;
  };
  const mine: number[] = [];
  for (let n = 0; !stop(); n++) {
    const name = `${tag}-${n}`;
    try {
      const r = await call(`${base}/api/v1/contacts`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ first_name: 'Load', last_name: name }),
      });
      if (r.status === 201) {
        const id = ((await r.json()) as { contact_id: number }).contact_id;
        tally.acked.set(id, name);
        mine.push(id);
        tally.ok++;
      } else tally.failed.push(`create ${r.status} [${phase()}] ${await r.text()}`);
    } catch (e) {
      tally.failed.push(`create ${why(e)}`);
    }
    const url =
      n % 2 && mine.length
        ? `${base}/api/v1/contacts/${mine[Math.floor(Math.random() * mine.length)]}`
        : `${base}/api/v1/contacts?limit=20`;
    try {
      const r = await call(url, { headers });
      if (r.status === 200) tally.ok++;
      else tally.failed.push(`read ${r.status} [${phase()}] ${await r.text()}`);
    } catch (e) {
      tally.failed.push(`read ${why(e)}`);
    }
    // at most 8 requests a second per client: under the API limit (RATE a minute) a client has
    await sleep(250);
  }
}

for (const target of targets) {
  const runs = HAPROXY && (target.dialect !== 'postgres' || PGBOUNCER);
  describe.skipIf(!runs)(`three instances behind HAProxy [lb ${target.dialect}]`, () => {
    let fresh: FreshDatabase;
    let db: Db;
    let cluster: Cluster;
    let cookie = '';
    const tokens: string[] = [];
    const tag = `Lb${Date.now().toString(36)}`;
    const origin = `http://127.0.0.1:${target.port}`;
    const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

    beforeAll(async () => {
      const redis = new Redis(redisDatabase(target.redisDb));
      await redis.flushdb();
      redis.disconnect();
      fresh = await freshDatabase(target.dialect);
      db = connect(fresh.url);
      cluster = new Cluster({
        databaseUrl: fresh.url,
        instances: 3,
        basePort: target.port,
        redisUrl: redisDatabase(target.redisDb),
        // in CI the built server (what `npm start` runs); elsewhere the sources, never a stale build
        fromSource: !(process.env.CI === 'true' && existsSync('dist/server/main.js')),
        env: {
          CRM_ADMIN_EMAIL: ADMIN.email,
          CRM_ADMIN_PASSWORD: ADMIN.password,
          API_RATE_LIMIT_PER_MINUTE: String(RATE),
          LOGIN_MAX_FAILURES_PER_ACCOUNT: String(LOGIN_LIMIT),
          // a loaded 2-core machine must not send the limiter to memory
          REDIS_TIMEOUT_MS: '2000',
          IMPORT_STALE_MS: String(STALE_MS),
          SHUTDOWN_TIMEOUT_MS: '5000',
          METRICS_TOKEN: 'lb-metrics-token-0123456789',
        },
      });
      await cluster.start();
      const login = await call(`${cluster.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ADMIN),
      });
      expect(login.status).toBe(200);
      cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
      for (let i = 0; i < WORKERS + 2; i++) {
        const r = await call(`${cluster.url}/api/v1/api-tokens`, {
          method: 'POST',
          headers: { cookie, origin, 'content-type': 'application/json' },
          body: JSON.stringify({ name: `lb ${i}` }),
        });
        expect(r.status).toBe(201);
        tokens.push(((await r.json()) as { token: string }).token);
      }
    }, 240_000);

    afterAll(async () => {
      await cluster?.stop();
      await db?.destroy();
      await fresh?.drop();
    }, 60_000);

    it('started together, the instances migrated once and made one administrator', async () => {
      const stages = await db.kysely.selectFrom('pipeline_stages').select('stage_id').execute();
      expect(stages).toHaveLength(6);
      const admins = await db.kysely.selectFrom('users').select('email').execute();
      expect(admins.map((u) => u.email)).toEqual([ADMIN.email]);
    });

    it('a SIGKILL and a restart under load lose no acknowledged write; only in-flight requests fail', async () => {
      const tally: Tally = { ok: 0, failed: [], acked: new Map() };
      let done = false;
      let phase = 'steady';
      const clients = Array.from({ length: WORKERS }, (_, w) =>
        worker(
          cluster.url,
          // one client is a browser session, the others have a token each
          w < 1 ? { cookie, origin } : bearer(tokens[w] as string),
          `${tag}w${w}`,
          tally,
          () => done,
          () => phase,
        ),
      );
      await sleep(2000);
      phase = 'carnet1 killed';
      await cluster.stopInstance(0, 'SIGKILL');
      // HAProxy takes it out after 3 failed checks a second apart
      await sleep(4000);
      phase = 'carnet2 stopping';
      // a stop: requests in flight finish, new ones go to the others
      expect(await cluster.stopInstance(1, 'SIGTERM')).toBe(0);
      phase = 'restarting';
      await cluster.startInstance(1);
      await cluster.startInstance(0);
      await cluster.waitBalanced();
      phase = 'balanced';
      await sleep(2000);
      done = true;
      await Promise.all(clients);

      console.log(
        `[lb ${target.dialect}] ${tally.ok} requests answered, ${tally.acked.size} creates acknowledged, ${tally.failed.length} failed: ${tally.failed.map((f) => f.slice(0, 90)).join(' | ') || 'none'}`,
      );
      // the requests in flight at the killed instance, one per client at most
      expect(tally.failed.length, tally.failed.join('\n')).toBeLessThanOrEqual(WORKERS);
      // a killed instance's: HAProxy's 502 or a cut connection; never a 503 (a stopping instance's,
      // or HAProxy's "no server available"). The phase each failed in is in the message above.
      for (const f of tally.failed) expect(f).toMatch(/^(create|read) (502|fetch failed)/);
      expect(tally.acked.size).toBeGreaterThan(50);
      // every acknowledged create is in the database, with what was sent
      const ids = [...tally.acked.keys()];
      const stored = new Map<number, string>();
      for (let i = 0; i < ids.length; i += 500) {
        const rows = await db.kysely
          .selectFrom('contacts')
          .select(['contact_id', 'last_name'])
          .where('contact_id', 'in', ids.slice(i, i + 500))
          .execute();
        for (const r of rows) stored.set(Number(r.contact_id), r.last_name as string);
      }
      const lost = ids.filter((id) => stored.get(id) !== tally.acked.get(id));
      expect(lost).toEqual([]);
      // and readable through the load balancer, from whichever instance answers
      for (const id of ids.slice(-30)) {
        const r = await call(`${cluster.url}/api/v1/contacts/${id}`, {
          headers: bearer(tokens[2] as string),
        });
        expect(r.status).toBe(200);
        expect(((await r.json()) as { last_name: string }).last_name).toBe(tally.acked.get(id));
      }
    }, 240_000);

    it('the session opened before the restarts is good on every instance, restarted ones included', async () => {
      for (const s of cluster.instances) {
        const r = await call(`${s.url}/api/v1/auth/me`, { headers: { cookie } });
        expect(r.status, s.name).toBe(200);
      }
    });

    it('the API rate limit is one count across the instances (Redis)', async () => {
      const token = tokens[WORKERS + 1] as string;
      const statuses: number[] = [];
      const queue = Array.from({ length: RATE + 30 }, (_, i) => i);
      await Promise.all(
        Array.from({ length: 10 }, async () => {
          while (queue.shift() !== undefined)
            statuses.push((await call(`${cluster.url}/api/v1/auth/me`, { headers: bearer(token) })).status);
        }),
      );
      const tally: Record<number, number> = {};
      for (const s of statuses) tally[s] = (tally[s] ?? 0) + 1;
      // one instance's memory would let RATE through on each: 3 × RATE in all
      expect(tally).toEqual({ 200: RATE, 429: 30 });
    }, 120_000);

    it('the sign-in limit holds across instances: the right password after the limit is refused', async () => {
      const wrong = { email: ADMIN.email, password: 'Wrong-Password-123' };
      const statuses: number[] = [];
      for (let i = 0; i < LOGIN_LIMIT + 3; i++) {
        const r = await call(`${cluster.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(i === LOGIN_LIMIT + 2 ? ADMIN : wrong),
        });
        statuses.push(r.status);
      }
      expect(statuses).toEqual([...Array(LOGIN_LIMIT).fill(401), 429, 429, 429]);
    });

    it('every response names its request (HAProxy’s id, not the client’s); /metrics answers through it', async () => {
      const ids = new Set<string>();
      for (let i = 0; i < 6; i++) {
        const r = await call(`${cluster.url}/healthz`, { headers: { 'x-request-id': 'forged-by-client' } });
        const id = r.headers.get('x-request-id') ?? '';
        expect(id).toMatch(/^[0-9a-f-]{36}$/);
        ids.add(id);
      }
      expect(ids.size).toBe(6);
      const m = await call(`${cluster.url}/metrics`, { headers: bearer('lb-metrics-token-0123456789') });
      expect(m.status).toBe(200);
      const text = await m.text();
      expect(text).toMatch(/^carnet_db_pool_connections\{state="max"\} 10$/m);
      expect(text).toMatch(
        /carnet_http_requests_total\{method="POST",route="\/api\/v1\/contacts",status_code="201"\}/,
      );
      expect((await call(`${cluster.url}/metrics`)).status).toBe(401);
    });

    it('an import whose instance is killed ends failed (server_stopped) with its finished batches accounted for', async () => {
      const importTag = `${tag}Imp`;
      const lines = ['First Name,Last Name,Email'];
      for (let i = 0; i < 60_000; i++)
        lines.push(`P${i},${importTag},${importTag.toLowerCase()}.${i}@example.com`);
      const victim = cluster.instances[2];
      if (!victim) throw new Error('no third instance');
      // straight to the instance, so that we know which one runs the job
      const sent = await call(`${victim.url}/api/v1/imports?entity=contacts`, {
        method: 'POST',
        headers: { ...bearer(tokens[3] as string), 'content-type': 'text/csv' },
        body: lines.join('\n'),
      });
      expect(sent.status, await sent.clone().text()).toBe(202);
      const id = ((await sent.json()) as { import_id: number }).import_id;
      const job = () =>
        db.kysely.selectFrom('imports').selectAll().where('import_id', '=', id).executeTakeFirstOrThrow();
      let row = await job();
      for (let i = 0; i < 600 && !(row.status === 'running' && Number(row.processed_rows) > 0); i++) {
        await sleep(50);
        row = await job();
      }
      expect(row.status).toBe('running');
      await cluster.stopInstance(2, 'SIGKILL');
      const t0 = Date.now();
      while (row.status === 'running' && Date.now() - t0 < 30_000) {
        await sleep(250);
        row = await job();
      }
      expect(row).toMatchObject({ status: 'failed', error_code: 'server_stopped' });
      // what the job says it created is exactly what is in the table: no silent half batch
      const inTable = await sql<{
        n: number;
      }>`select count(*) as n from contacts where last_name = ${importTag}`.execute(db.kysely);
      expect(Number(inTable.rows[0]?.n)).toBe(Number(row.created_count));
      expect(Number(row.created_count)).toBeLessThan(60_000);
      // the API says the same through the load balancer
      const api = await call(`${cluster.url}/api/v1/imports/${id}`, { headers: bearer(tokens[3] as string) });
      expect(((await api.json()) as { status: string }).status).toBe('failed');
    }, 120_000);
  });
}

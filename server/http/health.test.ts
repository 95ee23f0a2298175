import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { connect, type Db } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { DIALECTS, type FreshDatabase, freshDatabase } from '../test/dialects.js';
import { adminHeaders, describeEachDialect } from '../test/harness.js';

// a well-formed token: checking it needs the database, like any signed-in request
const SOME_TOKEN = { authorization: `Bearer crm_${'a'.repeat(43)}` };

describeEachDialect('health', (t) => {
  it('GET /healthz is 200 while the process runs', async () => {
    const res = await t.api('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /readyz is 200 when the database answers', async () => {
    const res = await t.api('GET', '/readyz');
    expect(res.status).toBe(200);
    expect(res.headers['retry-after']).toBeUndefined();
  });

  it('keeps both out of the API document', async () => {
    const doc = (await t.api('GET', '/api/v1/openapi.json')).body;
    expect(Object.keys(doc.paths).filter((p) => /healthz|readyz/.test(p))).toEqual([]);
  });
});

/** A port where nothing listens: the connection is refused at once. */
const UNREACHABLE = {
  postgres: 'postgres://postgres@127.0.0.1:1/none',
  mysql: 'mysql://root@127.0.0.1:1/none',
};

function expectUnavailable(res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }) {
  expect(res.statusCode).toBe(503);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(res.json()).toMatchObject({ status: 503, type: expect.any(String), title: expect.any(String) });
}

for (const [dialect, url] of Object.entries(UNREACHABLE)) {
  describe(`health over an unreachable database [${dialect}]`, () => {
    let db: Db;
    let app: FastifyInstance;
    beforeAll(async () => {
      db = connect(url);
      app = await buildApp({ config: { logLevel: 'silent' }, db, sessionSecret: 's' });
    });
    afterAll(async () => {
      await app?.close();
      await db?.destroy();
    });

    it('GET /readyz is 503 problem+json with Retry-After', async () => {
      const res = await app.inject({ url: '/readyz' });
      expectUnavailable(res);
      expect(JSON.stringify(res.json())).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|password/);
    });

    it('answers API calls with 503 problems, not 500', async () => {
      expectUnavailable(await app.inject({ url: '/api/v1/contacts', headers: SOME_TOKEN }));
      expectUnavailable(await app.inject({ url: '/api/v1/contacts/1', headers: SOME_TOKEN }));
      expectUnavailable(await app.inject({ url: '/api/v1/pipeline', headers: SOME_TOKEN }));
      expectUnavailable(
        await app.inject({
          method: 'POST',
          url: '/api/v1/companies',
          payload: { company_name: 'Down SA' },
          headers: SOME_TOKEN,
        }),
      );
    });

    it('still refuses a request without credentials with 401: that needs no database', async () => {
      const res = await app.inject({ url: '/api/v1/contacts?limit=0' });
      expect(res.statusCode).toBe(401);
    });

    it('keeps answering /healthz and the API document', async () => {
      for (let i = 0; i < 3; i++) {
        await app.inject({ url: '/api/v1/contacts', headers: SOME_TOKEN });
        expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
      }
      expect((await app.inject({ url: '/api/v1/openapi.json' })).statusCode).toBe(200);
    });
  });
}

/** A TCP relay to the real server that can be switched off and on, to play a database going away. */
async function relay(target: URL) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((r) => probe.close(() => r()));
  return {
    port,
    async up() {
      server = createServer((client) => {
        const upstream = createConnectionTo(target);
        sockets.add(client).add(upstream);
        client.pipe(upstream).pipe(client);
        const drop = () => {
          client.destroy();
          upstream.destroy();
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
      });
      await new Promise<void>((r) => server?.listen(port, '127.0.0.1', r));
    },
    async down() {
      for (const s of sockets) s.destroy();
      sockets.clear();
      await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
      server = undefined;
    },
  };
}

const createConnectionTo = (target: URL): Socket => tcpConnect(Number(target.port), target.hostname);

for (const dialect of DIALECTS.filter((d) => d !== 'sqlite')) {
  describe(`recovery when the database comes back [${dialect}]`, () => {
    let fresh: FreshDatabase;
    let auth: Record<string, string>;
    beforeAll(async () => {
      fresh = await freshDatabase(dialect);
      const db = connect(fresh.url);
      await migrateToLatest(db);
      auth = await adminHeaders(db);
      await db.destroy();
    });
    afterAll(async () => {
      await fresh?.drop();
    });

    it('goes from 503 to 200 by itself and back, without an uncaught error or a 500', async () => {
      const uncaught: Error[] = [];
      const monitor = (e: Error) => uncaught.push(e);
      process.on('uncaughtExceptionMonitor', monitor);
      const target = new URL(fresh.url);
      const r = await relay(target);
      const viaRelay = new URL(target);
      viaRelay.port = String(r.port);
      const db = connect(viaRelay.toString());
      const app = await buildApp({ config: { logLevel: 'silent' }, db, sessionSecret: 's' });
      try {
        expectUnavailable(await app.inject({ url: '/readyz' }));
        expectUnavailable(await app.inject({ url: '/api/v1/contacts', headers: auth }));
        await r.up();
        expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
        expect((await app.inject({ url: '/api/v1/contacts', headers: auth })).statusCode).toBe(200);
        // the server goes away under pooled connections, and requests arrive at once
        await r.down();
        expectUnavailable(await app.inject({ url: '/readyz' }));
        expectUnavailable(await app.inject({ url: '/api/v1/contacts', headers: auth }));
        expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
        await r.up();
        expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
        expect((await app.inject({ url: '/api/v1/contacts', headers: auth })).statusCode).toBe(200);
        await new Promise((done) => setTimeout(done, 50)); // let late socket events arrive
        expect(uncaught.map((e) => e.message)).toEqual([]);
      } finally {
        process.off('uncaughtExceptionMonitor', monitor);
        await r.down();
        await app.close();
        await db.destroy();
      }
    });
  });
}

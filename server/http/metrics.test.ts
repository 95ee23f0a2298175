// /metrics (Prometheus text, behind METRICS_TOKEN) and X-Request-Id, on each database.
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { DEFAULT_SECURITY } from '../config.js';
import { connect, type Db } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { DIALECTS, type FreshDatabase, freshDatabase } from '../test/dialects.js';
import { adminHeaders } from '../test/harness.js';

const TOKEN = 'metrics-token-0123456789abcdef';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

for (const dialect of DIALECTS) {
  describe(`metrics and request ids [${dialect}]`, () => {
    let fresh: FreshDatabase;
    let db: Db;
    let app: FastifyInstance;
    let closed: FastifyInstance;
    let auth: Record<string, string>;
    let logs = '';
    const scrape = async (authorization = `Bearer ${TOKEN}`) =>
      app.inject({ method: 'GET', url: '/metrics', headers: { authorization } });

    beforeAll(async () => {
      fresh = await freshDatabase(dialect);
      db = connect(fresh.url);
      await migrateToLatest(db);
      const sink = new Writable({
        write(chunk, _enc, done) {
          logs += chunk.toString();
          done();
        },
      });
      // inject() comes from 127.0.0.1: the proxy this instance trusts
      const security = { ...DEFAULT_SECURITY, apiRatePerMinute: 0, trustProxy: '127.0.0.1' };
      app = await buildApp({
        config: { logLevel: 'info', security, metricsToken: TOKEN },
        db,
        sessionSecret: 's',
        logStream: sink,
        webRoot: null,
      });
      closed = await buildApp({ config: { logLevel: 'silent' }, db, sessionSecret: 's', webRoot: null });
      auth = await adminHeaders(db);
    });
    afterAll(async () => {
      await app?.close();
      await closed?.close();
      await db?.destroy();
      await fresh?.drop();
    });

    it('has no /metrics unless METRICS_TOKEN is set', async () => {
      const r = await closed.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(r.statusCode).toBe(401); // an unknown route asks for credentials first, like every other
      const signedIn = await closed.inject({ method: 'GET', url: '/metrics', headers: auth });
      expect(signedIn.statusCode).toBe(404);
    });

    it('refuses a missing, wrong, near-miss or API token with a 401 problem', async () => {
      for (const authorization of [
        '',
        'Bearer ',
        `Bearer ${TOKEN}x`,
        `Bearer ${TOKEN.slice(0, -1)}`,
        `Basic ${TOKEN}`,
        `Bearer ${TOKEN.toUpperCase()}`,
        auth.authorization as string,
        `Bearer ${'é'.repeat(TOKEN.length / 2)}`,
      ]) {
        const r = await scrape(authorization);
        expect(r.statusCode, authorization).toBe(401);
        expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(r.headers['www-authenticate']).toMatch(/Bearer/);
        expect(r.body).not.toContain('carnet_http');
      }
    });

    it('counts requests by matched route pattern, not by URL, with latencies', async () => {
      for (const id of [101, 102, 'abc'])
        await app.inject({ method: 'GET', url: `/api/v1/contacts/${id}`, headers: auth });
      await app.inject({ method: 'GET', url: '/no/such/path/secret-123', headers: auth });
      await app.inject({ method: 'GET', url: `/api/v1/contacts?q=${'x'.repeat(50)}`, headers: auth });
      const r = await scrape();
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(r.headers['cache-control']).toBe('no-store');
      const text = r.body;
      expect(text).toMatch(
        /carnet_http_requests_total\{method="GET",route="\/api\/v1\/contacts\/:id",status_code="404"\} 2/,
      );
      expect(text).toMatch(
        /carnet_http_requests_total\{method="GET",route="\/api\/v1\/contacts\/:id",status_code="400"\} 1/,
      );
      expect(text).toMatch(
        /carnet_http_requests_total\{method="GET",route="\(unmatched\)",status_code="404"\} 1/,
      );
      expect(text).toMatch(
        /carnet_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/api\/v1\/contacts"/,
      );
      // no URL, id or query text becomes a label value
      expect(text).not.toMatch(/secret-123|contacts\/101|xxxxx/);
    });

    it('shows the process, the database pool and the import queue', async () => {
      const text = (await scrape()).body;
      expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
      expect(text).toMatch(/^process_resident_memory_bytes \d/m);
      expect(text).toMatch(/^carnet_import_jobs\{status="queued"\} 0$/m);
      expect(text).toMatch(/^carnet_import_jobs\{status="running"\} 0$/m);
      if (dialect === 'sqlite') expect(text).not.toMatch(/^carnet_db_pool_connections\{/m);
      else {
        expect(text).toMatch(/^carnet_db_pool_connections\{state="max"\} 10$/m);
        expect(text).toMatch(/^carnet_db_pool_connections\{state="open"\} [1-9]/m);
      }
    });

    it('gives every response a request id, in the logs too; a trusted proxy’s well-formed one is kept', async () => {
      const own = await app.inject({ method: 'GET', url: '/healthz' });
      expect(own.headers['x-request-id']).toMatch(UUID);
      const problem = await app.inject({ method: 'GET', url: '/api/v1/contacts' });
      expect(problem.statusCode).toBe(401);
      expect(problem.headers['x-request-id']).toMatch(UUID);
      expect(problem.headers['x-request-id']).not.toBe(own.headers['x-request-id']);

      const proxied = await app.inject({
        method: 'GET',
        url: '/readyz',
        headers: { 'x-request-id': 'a1B2-c3.d4:e5_f6' },
      });
      expect(proxied.headers['x-request-id']).toBe('a1B2-c3.d4:e5_f6');
      expect(logs).toContain('"reqId":"a1B2-c3.d4:e5_f6"');
      for (const bad of ['', ' x', 'a b', 'x'.repeat(129), '-leading', 'a\u00e9', 'a"b', 'id\\n{}']) {
        const r = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': bad } });
        expect(r.headers['x-request-id'], bad).toMatch(UUID);
      }
      // from an address TRUST_PROXY does not name, a well-formed id is replaced as well
      const direct = await app.inject({
        method: 'GET',
        url: '/healthz',
        remoteAddress: '203.0.113.9',
        headers: { 'x-request-id': 'client-chosen-id' },
      });
      expect(direct.headers['x-request-id']).toMatch(UUID);
      expect(logs).not.toContain('client-chosen-id');
    });

    it('parallel scrapes and requests all answer', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          i % 2 ? scrape() : app.inject({ method: 'GET', url: '/api/v1/companies', headers: auth }),
        ),
      );
      expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    });
  });
}

// A database server that stops answering without closing anything (its process stopped, a dead
// network path): requests get a 503 within the statement timeout instead of waiting for the
// operating system to give up, /readyz says so within a second, and the pool recovers.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { DIALECTS, type FreshDatabase, freshDatabase } from '../test/dialects.js';
import { adminHeaders } from '../test/harness.js';
import { type TcpProxy, tcpProxy } from '../test/tcp-proxy.js';
import { connect, type Db } from './connect.js';
import { migrateToLatest } from './migrate.js';

const STATEMENT_MS = 1000;
const CONNECT_MS = 1000;
/** PostgreSQL's client-side timer waits 1 s more than the server's own; the rest is a loaded machine's slack */
const ANSWER_WITHIN_MS = STATEMENT_MS + 1000 + 2000;

/** The response and how long it took; a request still waiting after `ms` fails the test. */
async function timed(ms: number, request: Promise<LightMyRequestResponse>) {
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    const res = await Promise.race([request, late]);
    return { res, ms: performance.now() - t0 };
  } finally {
    clearTimeout(timer);
  }
}

function expectUnavailable(res: LightMyRequestResponse) {
  expect(res.statusCode, res.body).toBe(503);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
}

// SQLite runs inside the process: there is no server to hang
for (const dialect of ['postgres', 'mysql'] as const) {
  describe.skipIf(!DIALECTS.includes(dialect))(`a database that stops answering [${dialect}]`, () => {
    let fresh: FreshDatabase;
    let auth: Record<string, string>;
    let proxy: TcpProxy;
    let db: Db;
    let app: FastifyInstance;
    beforeAll(async () => {
      fresh = await freshDatabase(dialect);
      const direct = connect(fresh.url);
      await migrateToLatest(direct);
      auth = await adminHeaders(direct);
      await direct.destroy();
      const target = new URL(fresh.url);
      proxy = await tcpProxy(target.hostname, Number(target.port));
      db = connect(proxy.url(fresh.url), {
        poolSize: 2,
        timeouts: { connectMs: CONNECT_MS, statementMs: STATEMENT_MS },
      });
      app = await buildApp({ config: { logLevel: 'silent' }, db, sessionSecret: 's' });
    });
    afterAll(async () => {
      proxy?.resume();
      await app?.close();
      await db?.destroy();
      await proxy?.close();
      await fresh?.drop();
    });

    it('answers 503 with Retry-After within the timeouts, /readyz within ~1 s, and works again once it answers', async () => {
      const uncaught: Error[] = [];
      const monitor = (e: Error) => uncaught.push(e);
      process.on('uncaughtExceptionMonitor', monitor);
      try {
        const list = () => app.inject({ url: '/api/v1/contacts', headers: auth });
        expect((await list()).statusCode).toBe(200);
        expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);

        proxy.pause();
        // the pooled connections hang in their statement; the requests past the pool's two wait
        // for a connection that does not free up in time
        const answers = await Promise.all(Array.from({ length: 5 }, () => timed(ANSWER_WITHIN_MS, list())));
        for (const { res } of answers) expectUnavailable(res);
        const ready = await timed(1500, app.inject({ url: '/readyz' }));
        expectUnavailable(ready.res);
        // a write too, in its transaction
        const write = await timed(
          ANSWER_WITHIN_MS,
          app.inject({
            method: 'POST',
            url: '/api/v1/companies',
            payload: { company_name: 'Hung SA' },
            headers: auth,
          }),
        );
        expectUnavailable(write.res);

        proxy.resume();
        // the connections left hanging were destroyed: the next requests get new ones
        let back = await list();
        for (let i = 0; i < 20 && back.statusCode !== 200; i++) {
          await new Promise((r) => setTimeout(r, 100));
          back = await list();
        }
        expect(back.statusCode, back.body).toBe(200);
        expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
        const created = await app.inject({
          method: 'POST',
          url: '/api/v1/companies',
          payload: { company_name: 'Back SA' },
          headers: auth,
        });
        expect(created.statusCode, created.body).toBe(201);
        expect(uncaught.map((e) => e.message)).toEqual([]);
      } finally {
        process.off('uncaughtExceptionMonitor', monitor);
      }
    });
  });
}

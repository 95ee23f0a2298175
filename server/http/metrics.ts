// GET /metrics in Prometheus's text format (prom-client): requests per matched route, the database
// pool, import jobs, and the process's own (event-loop lag, memory, CPU, GC). Off unless
// METRICS_TOKEN is set; then a scraper sends it as a bearer token (docs/decisions/018).
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { unauthorized } from '../auth/permissions.js';
import type { Db } from '../db/connect.js';
import { sendProblem } from './problems.js';

/** the label of a request that matched no route: one series, whatever URLs are tried */
export const UNMATCHED = '(unmatched)';
/** counting the import jobs is a query: one slower than this leaves the gauge out of that scrape */
const QUERY_TIMEOUT_MS = 1_000;

// One per process: Node's own metrics (event-loop lag is measured continuously by a histogram of
// perf_hooks) would otherwise be registered again by every app a test builds.
let processRegistry: Registry | null = null;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

function sameToken(sent: string, expected: string) {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The matched route's pattern (`/api/v1/contacts/:id`), never the URL: bounded label values. */
function routeOf(req: FastifyRequest) {
  return req.is404 ? UNMATCHED : (req.routeOptions.url ?? UNMATCHED);
}

export function registerMetrics(app: FastifyInstance, db: Db, token: string | undefined) {
  // no token, no route: the metrics (route names, volumes, queue lengths) are not public by default
  if (!token) return;
  const registry = new Registry();
  const labelNames = ['method', 'route', 'status_code'] as const;
  const requests = new Counter({
    name: 'carnet_http_requests_total',
    help: 'HTTP requests answered, by method, matched route pattern and status code',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'carnet_http_request_duration_seconds',
    help: 'Time from receiving a request to sending its response, by matched route pattern',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    const labels = { method: req.method, route: routeOf(req), status_code: String(reply.statusCode) };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });

  new Gauge({
    name: 'carnet_db_pool_connections',
    help: 'Database connections of this instance: open, idle, max; requests waiting for one',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const stats = db.poolStats?.();
      if (!stats) return;
      this.set({ state: 'open' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
      this.set({ state: 'max' }, stats.max);
    },
  });
  new Gauge({
    name: 'carnet_import_jobs',
    help: 'Import jobs queued or running, across every instance on this database',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await withTimeout(
        db.kysely
          .selectFrom('imports')
          .select(['status', sql<number>`count(*)`.as('n')])
          .where('status', 'in', ['queued', 'running'])
          .groupBy('status')
          .execute(),
      ).catch(() => null);
      if (!rows) return;
      this.set({ status: 'queued' }, 0);
      this.set({ status: 'running' }, 0);
      for (const r of rows) this.set({ status: r.status }, Number(r.n));
    },
  });

  const all = Registry.merge([processMetrics(), registry]);
  app.get(
    '/metrics',
    // bare: not a user's request (no session lookup, no rate limit); the token is checked below
    { config: { public: true, bare: true }, schema: { hide: true } },
    async (req, reply) => {
      const m = /^Bearer +(\S+)$/.exec(req.headers.authorization ?? '');
      if (!m || !sameToken(m[1] as string, token)) {
        reply.header('www-authenticate', 'Bearer realm="metrics"');
        return sendProblem(
          reply,
          req,
          unauthorized('invalid_token', 'Send the METRICS_TOKEN as "Authorization: Bearer <token>".'),
        );
      }
      reply.header('cache-control', 'no-store').type(all.contentType);
      return all.metrics();
    },
  );
}

function withTimeout<T>(p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), QUERY_TIMEOUT_MS);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

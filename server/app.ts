import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import Fastify, {
  type FastifyContextConfig,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { sql } from 'kysely';
import { registerAuthentication } from './auth/authenticate.js';
import { Credentials } from './auth/credentials.js';
import { smtpMailer } from './auth/mailer.js';
import { Limiter, type LimiterStore, MemoryStore, RedisStore } from './auth/rate-limit.js';
import { type Config, DEFAULT_IMPORTS, DEFAULT_SECURITY } from './config.js';
import { registerOpenApiDocument } from './custom-fields/openapi.js';
import type { Db } from './db/connect.js';
import { AppError } from './errors.js';
import { registerApiDocs } from './http/api-docs.js';
import { registerCompression } from './http/compression.js';
import { registerConditionalRequests } from './http/conditional.js';
import { registerJsonParser } from './http/json-body.js';
import { methodFinder } from './http/methods.js';
import { registerMetrics } from './http/metrics.js';
import { registerProblemPages } from './http/problem-pages.js';
import { registerProblemHandlers, sendProblem, toAppError } from './http/problems.js';
import { registerRequestId, requestIdGenerator } from './http/request-id.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { lazySerializers } from './http/serialization.js';
import { registerStrictInput } from './http/strict-input.js';
import { clientErrorHandler, MAX_HEADER_BYTES, registerTransport } from './http/transport.js';
import { validatorCompiler } from './http/validation.js';
import { findWebRoot, registerWebApp } from './http/web-app.js';
import { openApiOptions } from './openapi/document.js';
import { registerApi } from './routes.js';

export const JSON_BODY_LIMIT = 1024 * 1024;
/** a database slower than this to answer `select 1` is not ready, whatever its statement timeout */
export const READY_TIMEOUT_MS = 1_000;

class NotReadyError extends AppError {
  constructor() {
    super(503, 'unavailable', 'Database unavailable', 'The database does not answer in time.');
  }
}

/**
 * `select 1` within READY_TIMEOUT_MS. Probes arriving while one is pending share it, so a
 * hung database holds one pooled connection for the probes, not one per probe.
 */
function readinessProbe(db: Db) {
  let pending: Promise<unknown> | null = null;
  return () => {
    pending ??= sql`select 1`.execute(db.kysely).finally(() => {
      pending = null;
    });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new NotReadyError()), READY_TIMEOUT_MS);
    });
    return Promise.race([pending, late]).finally(() => clearTimeout(timer));
  };
}

/** A password link's token opens an account: it never reaches a log line. */
export const hideLinkToken = (url: string) => url.replace(/([?&]token=)[^&#]*/gi, '$1(hidden)');

export interface RouteEntry {
  method: string;
  url: string;
  config: FastifyContextConfig;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** every route as registered, with its access config: what the security tests walk */
    routeTable: readonly RouteEntry[];
  }
}

export interface AppOptions {
  config: Pick<Config, 'logLevel'> &
    Partial<
      Pick<
        Config,
        'security' | 'currency' | 'defaultLocale' | 'importStaleMs' | 'imports' | 'mail' | 'metricsToken'
      >
    >;
  db: Db;
  /** signs session cookies (SESSION_SECRET, or the one kept in the database) */
  sessionSecret: string;
  /** where rate-limit counters live; default: Redis when REDIS_URL is set, else memory */
  limiterStore?: LimiterStore;
  /** pino destination, for tests that read the logs */
  logStream?: NodeJS.WritableStream;
  /** the built web app to serve at / (default: dist/web when it was built; null: none) */
  webRoot?: string | null;
}

/** Builds the HTTP app; no listening here, so tests drive it with inject(). */
export async function buildApp({
  config,
  db,
  sessionSecret,
  limiterStore,
  logStream,
  webRoot = findWebRoot(),
}: AppOptions): Promise<FastifyInstance> {
  const security = config.security ?? DEFAULT_SECURITY;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(logStream ? { stream: logStream } : {}),
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      // Fastify's own fields, with the token of a password link (?token=…) hidden
      serializers: {
        req: (req: FastifyRequest) => ({
          method: req.method,
          url: hideLinkToken(req.url),
          host: req.host,
          remoteAddress: req.ip,
          remotePort: req.socket?.remotePort,
        }),
      },
    },
    bodyLimit: JSON_BODY_LIMIT,
    // said here rather than left to Node's default: what a 431 means (server/http/transport.ts)
    http: { maxHeaderSize: MAX_HEADER_BYTES },
    // what Node's parser refuses (over-long URL or headers, broken HTTP) answered as a problem
    clientErrorHandler,
    schemaController: { compilersFactory: { buildSerializer: lazySerializers } },
    // a hop count is valid at run time (Fastify docs) though its types omit it
    trustProxy: security.trustProxy as boolean | string,
    genReqId: requestIdGenerator(security.trustProxy),
    // while stopping, a request that already has its connection is served, not refused with a 503:
    // the listener is closed, so a load balancer sends the next ones elsewhere (ADR 018)
    return503OnClosing: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // a bad %-escape or an over-long path parameter fails in the router: answer it as a problem too
    frameworkErrors: (error, req, reply) => sendProblem(reply, req, toAppError(error)),
  });
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      routeTable.push({ method, url: route.url, config: { ...(route.config as FastifyContextConfig) } });
  });
  registerRequestId(app);
  registerMetrics(app, db, config.metricsToken);
  app.setValidatorCompiler(validatorCompiler);
  // Only JSON is accepted where a body is expected; anything else is a 415, not a string body.
  app.removeContentTypeParser('text/plain');
  registerJsonParser(app);
  registerProblemHandlers(app, {
    methodsAt: methodFinder(routeTable),
    ...(webRoot ? { appPage: (reply: FastifyReply) => reply.type('text/html').sendFile('index.html') } : {}),
  });
  // before authentication: a body over the limit is refused before any credential is looked up
  registerTransport(app, JSON_BODY_LIMIT);
  registerStrictInput(app);
  registerConditionalRequests(app);
  await registerSecurityHeaders(app);
  // before any route: the plugin hooks into each route as it is added
  await registerCompression(app);
  await app.register(cookie, { secret: sessionSecret });

  const store =
    limiterStore ??
    (security.redisUrl
      ? new RedisStore(security.redisUrl, { timeoutMs: security.redisTimeoutMs })
      : new MemoryStore());
  const limiter = new Limiter({
    store,
    retryMs: security.redisRetryMs,
    onStoreDown: (e) =>
      app.log.warn(
        { err: e, retryMs: security.redisRetryMs },
        'rate-limit store unavailable; counting in this instance’s memory until it answers again',
      ),
    onStoreBack: () => app.log.info('rate-limit store back; counters shared again'),
  });
  app.addHook('onClose', async () => limiter.close());
  const credentials = new Credentials(db, { idleMs: security.sessionIdleMs, maxMs: security.sessionMaxMs });
  registerAuthentication(app, { credentials, limiter, security });

  // the document's shared facts (operationIds, security, common responses): server/openapi/document.ts
  await app.register(swagger, openApiOptions());

  registerProblemPages(app);
  app.get('/healthz', { config: { public: true, bare: true }, schema: { hide: true } }, async () => ({
    status: 'ok',
  }));
  const probe = readinessProbe(db);
  app.get('/readyz', { config: { public: true, bare: true }, schema: { hide: true } }, async (req, reply) => {
    try {
      await probe();
      return { status: 'ready' };
    } catch (e) {
      req.log.warn({ err: e }, 'database not ready');
      const problem = toAppError(e);
      reply.header('retry-after', '5');
      return sendProblem(
        reply,
        req,
        problem.status === 503
          ? problem
          : new AppError(503, 'unavailable', 'Database unavailable', 'The database does not answer.'),
      );
    }
  });

  registerApi(app, db, {
    credentials,
    limiter,
    security,
    imports: config.imports ?? DEFAULT_IMPORTS,
    mailer: smtpMailer(config.mail),
    publicInfo: { currency: config.currency ?? 'EUR', defaultLocale: config.defaultLocale ?? 'fr' },
    ...(config.importStaleMs ? { importStaleMs: config.importStaleMs } : {}),
  });
  if (webRoot) await registerWebApp(app, webRoot);

  // with the instance's custom fields in the records' schemas (server/custom-fields/openapi.ts)
  registerOpenApiDocument(app, db);
  registerApiDocs(app);
  return app;
}

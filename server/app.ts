import swagger from '@fastify/swagger';
import scalar from '@scalar/fastify-api-reference';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Config } from './config.js';
import type { Actor } from './crud/resource.js';
import type { Db } from './db/connect.js';
import { AppError } from './errors.js';
import { registerProblemHandlers, sendProblem, toAppError } from './http/problems.js';
import { validatorCompiler } from './http/validation.js';
import { registerApi } from './routes.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
}

export const JSON_BODY_LIMIT = 1024 * 1024;

export interface AppOptions {
  config: Pick<Config, 'logLevel'>;
  db: Db;
}

/** Builds the HTTP app; no listening and no I/O here, so tests drive it with inject(). */
export async function buildApp({ config, db }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    bodyLimit: JSON_BODY_LIMIT,
    // keep the query string parsed as-is (no arrays of objects, no prototype keys)
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // a bad %-escape or an over-long path parameter fails in the router: answer it as a problem too
    frameworkErrors: (error, req, reply) => sendProblem(reply, req, toAppError(error)),
  });
  app.setValidatorCompiler(validatorCompiler);
  // Only JSON is accepted where a body is expected; anything else is a 415, not a string body.
  app.removeContentTypeParser('text/plain');
  registerProblemHandlers(app);

  // Until sign-in lands (issue 3) the caller is anonymous; every route reads it from here.
  app.decorateRequest('actor', null as unknown as Actor);
  app.addHook('onRequest', async (req) => {
    req.actor = { userId: null, role: null };
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Carnet CRM API',
        version: '1.0.0',
        description:
          'Contacts, companies, opportunities, interactions and tasks. Errors are RFC 9457 problems.',
      },
      servers: [],
    },
  });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (req, reply) => {
    try {
      await sql`select 1`.execute(db.kysely);
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

  registerApi(app, db);

  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(scalar, {
    routePrefix: '/api/docs',
    configuration: { url: '/api/v1/openapi.json', title: 'Carnet API' },
    logLevel: 'warn',
  });
  return app;
}

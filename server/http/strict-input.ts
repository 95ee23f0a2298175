// What a route does not declare, it does not take: a query parameter on an operation without a
// query schema, a body on an operation without a body schema. Both were ignored before, so a
// mistyped option (`?dryrun=true`) or a body meant for another route did something the caller
// did not ask for. Declared parameters are checked by their schema (server/http/validation.ts).
import type { FastifyInstance } from 'fastify';
import { badRequest } from '../errors.js';

const API_PREFIX = '/api/v1/';

export function registerStrictInput(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    if (req.is404) return;
    const route = req.routeOptions;
    if (!route.url?.startsWith(API_PREFIX)) return;
    const schema = route.schema ?? {};
    if (!schema.querystring) {
      const names = Object.keys((req.query ?? {}) as object);
      if (names.length > 0)
        throw badRequest(
          names.map((field) => ({
            field,
            code: 'unknown_field',
            message: 'is not a parameter of this operation',
          })),
          `${names.join(', ')}: not a parameter of this operation`,
        );
    }
    if (!schema.body && hasBody(req.headers)) {
      throw badRequest(
        [{ field: 'body', code: 'unknown_field', message: 'is not taken by this operation: send none' }],
        'This operation takes no body.',
      );
    }
  });
}

function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  if (headers['transfer-encoding'] !== undefined) return true;
  const length = Number(headers['content-length'] ?? 0);
  return length > 0 || Number.isNaN(length);
}

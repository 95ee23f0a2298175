import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';

/** No request body of the API nests deeper than this; custom data structures included. */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether the arrays and objects of a JSON text nest deeper than `max`, in one pass that stops as
 * soon as they do. A 1 MiB body of 500,000 nested brackets costs the parser, the schema check and
 * the collector hundreds of milliseconds of the event loop that every other request waits on; this
 * refuses it in a few.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** JSON bodies as Fastify parses them (prototype poisoning refused), bounded in depth first. */
export function registerJsonParser(app: FastifyInstance) {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (typeof body === 'string' && nestsDeeperThan(body, MAX_JSON_DEPTH)) {
      done(
        new AppError(
          400,
          'malformed-json',
          'Malformed JSON',
          `The body nests deeper than ${MAX_JSON_DEPTH} levels.`,
          {
            errors: [
              { field: 'body', code: 'invalid_json', message: `nests deeper than ${MAX_JSON_DEPTH} levels` },
            ],
          },
        ),
        undefined,
      );
      return;
    }
    parse(req, body.toString(), done);
  });
}

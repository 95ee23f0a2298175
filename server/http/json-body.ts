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

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The `charset` of a Content-Type, lower case and unquoted; undefined when it names none. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType ?? '');
  return m ? (m[1] ?? m[2]).toLowerCase() : undefined;
}

const malformed = (detail: string, message: string) =>
  new AppError(400, 'malformed-json', 'Malformed JSON', detail, {
    errors: [{ field: 'body', code: 'invalid_json', message }],
  });

/**
 * JSON bodies as Fastify parses them (prototype poisoning refused), bounded in depth first. JSON
 * is UTF-8 (RFC 8259 8.1): another charset is a 415, and bytes that are not UTF-8 a 400 — decoded
 * leniently they became U+FFFD and were stored so.
 */
export function registerJsonParser(app: FastifyInstance) {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, raw, done) => {
    const charset = charsetOf(req.headers['content-type']);
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      done(
        new AppError(
          415,
          'unsupported-media-type',
          'Unsupported media type',
          `JSON is read as UTF-8 only, not ${charset.slice(0, 40)}.`,
        ),
        undefined,
      );
      return;
    }
    let body: string;
    try {
      body = strictUtf8.decode(raw as Buffer);
    } catch {
      done(malformed('The body is not valid UTF-8.', 'is not valid UTF-8'), undefined);
      return;
    }
    if (nestsDeeperThan(body, MAX_JSON_DEPTH)) {
      const deep = `nests deeper than ${MAX_JSON_DEPTH} levels`;
      done(malformed(`The body ${deep}.`, deep), undefined);
      return;
    }
    parse(req, body, done);
  });
}

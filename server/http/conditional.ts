// Conditional requests (RFC 9110 §13), the part every route shares. A record's ETag is computed by
// its route (server/crud/etag.ts); here:
// - GET/HEAD answered 2xx: a failing If-Match is a 412 (with the current ETag), a matching
//   If-None-Match (weak comparison) a 304 without a body;
// - writes: a route that compares If-Match with its record's tag inside its transaction says so
//   (`config.ifMatch`); on any other write, whose target has no tag, If-Match holds only as `*`
//   (13.1.1: a list of tags cannot match a representation without one), so a stale or invented
//   tag never lets a delete or a change through.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ifMatchHolds } from '../crud/etag.js';
import { PreconditionFailed } from '../errors.js';
import { sendProblemBody } from './problems.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** the handler compares If-Match with the record's ETag itself, in its write's transaction */
    ifMatch?: boolean;
  }
}

const SAFE = new Set(['GET', 'HEAD']);
const CODING_SUFFIX = /\.(?:br|gzip)"$/;

const NO_TAG = 'This resource has no entity tag to match: only If-Match: * holds here.';

/** An entity tag without its weakness and content-coding marks: what weak comparison compares. */
const opaque = (tag: string) => tag.trim().replace(/^W\//, '').replace(CODING_SUFFIX, '"');

/** If-None-Match (13.1.2): `*`, or one of the tags equal to the current one by weak comparison. */
export function noneMatchFails(header: string, etag: string): boolean {
  const value = header.trim();
  if (value === '*') return true;
  const current = opaque(etag);
  return value.split(',').some((t) => opaque(t) === current);
}

function failed(req: FastifyRequest, reply: FastifyReply, etag: string | undefined) {
  return sendProblemBody(reply, req, new PreconditionFailed(etag, etag === undefined ? NO_TAG : undefined));
}

export function registerConditionalRequests(app: FastifyInstance) {
  app.addHook('preHandler', async (req) => {
    if (SAFE.has(req.method) || req.method === 'OPTIONS' || req.is404) return;
    const ifMatch = req.headers['if-match'];
    if (ifMatch === undefined || ifMatch.trim() === '*' || req.routeOptions.config?.ifMatch) return;
    throw new PreconditionFailed(undefined, NO_TAG);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (!SAFE.has(req.method) || reply.statusCode < 200 || reply.statusCode >= 300) return payload;
    const etag = reply.getHeader('etag');
    const tag = typeof etag === 'string' ? etag : undefined;
    const ifMatch = req.headers['if-match'];
    if (ifMatch !== undefined && ifMatch.trim() !== '*' && (tag === undefined || !ifMatchHolds(ifMatch, tag)))
      return failed(req, reply, tag);
    const ifNoneMatch = req.headers['if-none-match'];
    if (
      ifNoneMatch !== undefined &&
      tag !== undefined &&
      reply.statusCode === 200 &&
      noneMatchFails(ifNoneMatch, tag)
    ) {
      reply.code(304);
      reply.removeHeader('content-type');
      reply.removeHeader('content-length');
      reply.removeHeader('content-disposition');
      if (payload && typeof (payload as NodeJS.ReadableStream).resume === 'function')
        (payload as NodeJS.ReadableStream).resume();
      return null;
    }
    return payload;
  });
}

// Compressed responses: a JSON body of 1 KB or more (a list page, a record with its notes) and
// every streamed export go out as brotli or gzip when the request's Accept-Encoding takes it
// (@fastify/compress). The web app's files are compressed once at build time instead
// (server/http/web-app.ts), and request bodies are never decompressed: an upload is read as sent.
import { constants } from 'node:zlib';
import compress from '@fastify/compress';
import type { FastifyInstance, onSendHookHandler } from 'fastify';
import { codedEtag } from '../crud/etag.js';

/** below this, compressing saves less than the headers it adds and the time it takes */
export const COMPRESS_THRESHOLD = 1024;

/** what a response may be compressed as, preferred first at equal q */
const ENCODINGS = ['br', 'gzip'] as const;

/**
 * A compressed body with a strong ETag gets the coding's own tag (codedEtag, RFC 9110 8.8.3), so a
 * cache never takes the brotli and the identity bodies for the same bytes; If-Match takes both.
 */
const etagPerCoding: onSendHookHandler = (_req, reply, payload, done) => {
  const coding = reply.getHeader('content-encoding');
  const etag = reply.getHeader('etag');
  if (typeof coding === 'string' && coding !== 'identity' && typeof etag === 'string')
    reply.header('etag', codedEtag(etag, coding));
  done(null, payload);
};

/**
 * Vary: Accept-Encoding on every response that could have been compressed, even one that was not
 * (under 1 KB, or asked without Accept-Encoding): the plugin adds it only when it compresses, yet
 * what a URL sends depends on that header whenever its body may pass 1 KB (RFC 9110 12.5.5).
 */
const COMPRESSIBLE = /^(?:application\/(?:[\w.+-]*\+)?json|text\/(?!event-stream))/;
const varyOnEncoding: onSendHookHandler = (_req, reply, payload, done) => {
  const type = reply.getHeader('content-type');
  if (typeof type === 'string' && COMPRESSIBLE.test(type)) {
    const vary = String(reply.getHeader('vary') ?? '');
    if (!/(?:^|,)\s*(?:accept-encoding|\*)\s*(?:,|$)/i.test(vary))
      reply.header('vary', vary ? `${vary}, accept-encoding` : 'accept-encoding');
  }
  done(null, payload);
};

export async function registerCompression(app: FastifyInstance) {
  await app.register(compress, {
    threshold: COMPRESS_THRESHOLD,
    encodings: [...ENCODINGS],
    // quality 4 (the plugin's default, said here): near gzip's speed, smaller; 11 is for build time
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
    // an upload is read as it comes: no gzip bomb through the JSON parser or the import reader
    globalDecompression: false,
  });
  // Route-level onSend hooks run after the plugin's, which it adds route by route: adding ours the
  // same way, after its own onRoute hook, makes them see the coding it chose.
  app.addHook('onRoute', (route) => {
    if (route.compress === false) return;
    const own = route.onSend === undefined ? [] : [route.onSend].flat();
    // Fastify's HEAD twin of a GET drops the body in a hook that would run before the plugin's:
    // moved last, HEAD tells the coding and length GET sends, as RFC 9110 (9.3.2) asks
    const drop = own.filter((h) => h.name === 'headRouteOnSendHandler');
    route.onSend = [...own.filter((h) => !drop.includes(h)), etagPerCoding, varyOnEncoding, ...drop];
  });
}

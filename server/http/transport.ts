// How the server behaves at the connection's level: bodies over the limit, requests Node's HTTP
// parser refuses (an over-long URL or headers), and the caching and transport headers every
// response carries. Each answer is a problem document (server/http/problems.ts), even those Node
// would otherwise write itself.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_DESCRIPTIONS, type ProblemType } from '../../shared/errors.js';
import { AppError } from '../errors.js';
import { PROBLEM_TYPE_BASE } from './problems.js';

/** Node's limit on a request's head (request line and header fields), said here: 16 KiB */
export const MAX_HEADER_BYTES = 16 * 1024;
/** how long a connection closed after a 413 keeps reading what the client still sends */
export const LINGER_MS = 5_000;

export const HSTS = 'max-age=31536000; includeSubDomains';

export const payloadTooLarge = (limit: number) =>
  new AppError(
    413,
    'payload-too-large',
    'Body too large',
    `The body is larger than this operation takes (${limit >= 1024 * 1024 ? `${Math.round(limit / 1024 / 1024)} MiB` : `${limit} bytes`}).`,
  );

/**
 * Closes a connection so that the client reads the answer before it: the response goes out, then
 * our side of the connection is ended (FIN) while what the client still sends is read and
 * dropped, until it closes or LINGER_MS pass. Node's own close destroys the socket as soon as the
 * response is written, and a client still uploading then meets a reset that can discard the 413
 * it has not read yet.
 */
export function lingerOnClose(socket: Socket | null | undefined) {
  if (!socket || (socket as Socket & { lingering?: boolean }).lingering) return;
  (socket as Socket & { lingering?: boolean }).lingering = true;
  socket.destroySoon = function lingeringClose(this: Socket) {
    if (this.writable) this.end();
    const timer = setTimeout(() => this.destroy(), LINGER_MS);
    timer.unref();
    this.once('close', () => clearTimeout(timer));
    // the client's end of the stream: nothing more to drop
    this.once('end', () => this.destroy());
    this.resume();
  };
}

/** a problem written straight to a socket, for requests that never became a request object */
export function rawProblem(status: number, type: ProblemType, detail: string, extra = ''): string {
  const body = JSON.stringify({
    type: `${PROBLEM_TYPE_BASE}${type}`,
    title: PROBLEM_DESCRIPTIONS[type].title,
    status,
    detail,
  });
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
    'Content-Type: application/problem+json\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Cache-Control: no-store\r\n' +
    `Connection: close\r\n${extra}\r\n${body}`
  );
}

/**
 * Fastify's clientErrorHandler: what Node's parser refused, as a problem. A head over
 * MAX_HEADER_BYTES is a 431, unless its request line never ended within them: a 414. Node hands
 * over only the chunk it was parsing, so a request line is recognised as one still without its
 * line end, starting with the method or holding no space (the rest of a long target).
 */
export function clientErrorHandler(
  this: FastifyInstance,
  err: Error & { code?: string; rawPacket?: unknown },
  socket: Socket,
) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  let answer: string;
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    const packet = err.rawPacket;
    const seen = Buffer.isBuffer(packet) ? packet.subarray(0, MAX_HEADER_BYTES + 2).toString('latin1') : '';
    const inRequestLine = !seen.includes('\r\n') && (/^[A-Z]+ /.test(seen) || !seen.includes(' '));
    answer = inRequestLine
      ? rawProblem(414, 'uri-too-long', `The request target is longer than ${MAX_HEADER_BYTES / 1024} KiB.`)
      : rawProblem(
          431,
          'headers-too-large',
          `The header fields are larger than ${MAX_HEADER_BYTES / 1024} KiB in all.`,
        );
  } else if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    // a request whose head or body did not arrive in time: no problem type of ours is about it
    answer = 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';
  } else {
    answer = rawProblem(400, 'validation-error', 'The request is not valid HTTP/1.1.');
  }
  this.log.debug({ err }, 'client error');
  if (socket.writable) socket.end(answer);
  socket.destroySoon();
}

function mentions(reply: FastifyReply, header: string, name: string): boolean {
  return new RegExp(`(?:^|,)\\s*(?:${name}|\\*)\\s*(?:,|$)`, 'i').test(String(reply.getHeader(header) ?? ''));
}

/** Adds a name to Vary (once). */
export function addVary(reply: FastifyReply, ...names: string[]) {
  for (const name of names) {
    if (mentions(reply, 'vary', name)) continue;
    const vary = String(reply.getHeader('vary') ?? '');
    reply.header('vary', vary ? `${vary}, ${name}` : name);
  }
}

const isApi = (req: FastifyRequest) =>
  (req.is404 ? req.url : (req.routeOptions.url ?? req.url)).toLowerCase().startsWith('/api/v1');

/**
 * - 413 on Content-Length before a byte of the body is read (and before the credentials are
 *   looked up): the route's bodyLimit, or the instance's;
 * - every 413 closes the connection gently (lingerOnClose): the rest of the body is never read;
 * - Cache-Control: no-store and Vary: Authorization, Cookie on every API response (what it says
 *   depends on who asks; a one-time token, a sign-in or a personal-data download must not stay
 *   in a cache), unless the route set its own;
 * - Strict-Transport-Security only over HTTPS: TLS here, or X-Forwarded-Proto from a proxy
 *   TRUST_PROXY trusts. Over plain HTTP it would pin a browser to an HTTPS that is not there.
 */
export function registerTransport(app: FastifyInstance, bodyLimit: number) {
  app.addHook('onRequest', async (req, reply) => {
    const declared = Number(req.headers['content-length']);
    const limit = req.is404 ? bodyLimit : (req.routeOptions.bodyLimit ?? bodyLimit);
    if (declared > limit) {
      reply.header('connection', 'close');
      throw payloadTooLarge(limit);
    }
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (reply.statusCode === 413) {
      reply.header('connection', 'close');
      lingerOnClose(req.raw.socket);
    }
    if (isApi(req)) {
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      addVary(reply, 'authorization', 'cookie');
    }
    if (req.protocol === 'https') reply.header('strict-transport-security', HSTS);
    return payload;
  });
}

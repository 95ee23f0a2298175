import '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SecurityConfig } from '../config.js';
import type { Actor } from '../crud/resource.js';
import { AppError } from '../errors.js';
import type { Credentials } from './credentials.js';
import { forbidden, unauthorized } from './permissions.js';
import type { Limiter } from './rate-limit.js';

export const SESSION_COOKIE = 'carnet_session';
const ANONYMOUS: Actor = { userId: null, role: null, via: null };
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    /** who is calling; set for every request before any handler runs */
    actor: Actor;
  }
  interface FastifyContextConfig {
    /** reachable without signing in (login, setup, the OpenAPI document) */
    public?: boolean;
  }
}

export function tooManyRequests(reply: FastifyReply, retryAfterMs: number, detail: string) {
  reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
  return new AppError(429, 'rate-limited', 'Too many requests', detail);
}

/** The app's own origin as the browser sees it (scheme from the proxy when TRUST_PROXY is set). */
export function ownOrigin(req: FastifyRequest) {
  return `${req.protocol}://${req.host}`;
}

/**
 * Cookie-authenticated writes must come from our own pages: the browser's Origin (or Referer, or
 * Sec-Fetch-Site) must say so. A request that proves nothing is refused too.
 */
export function checkSameOrigin(req: FastifyRequest, allowed: string[]) {
  const ok = (origin: string) => origin === ownOrigin(req) || allowed.includes(origin);
  const origin = req.headers.origin;
  if (origin !== undefined) {
    if (!ok(origin)) throw forbidden('cross_site', `Cross-site request refused (Origin ${origin}).`);
    return;
  }
  const referer = req.headers.referer;
  if (referer !== undefined) {
    let from = '';
    try {
      from = new URL(referer).origin;
    } catch {}
    if (!ok(from)) throw forbidden('cross_site', 'Cross-site request refused (Referer).');
    return;
  }
  if (req.headers['sec-fetch-site'] === 'same-origin') return;
  throw forbidden('cross_site', 'A signed-in write must come from the app itself (send the Origin header).');
}

/**
 * Finds who is calling (API token first, then the session cookie), refuses anonymous calls to
 * non-public /api/v1 routes, guards cookie writes against cross-site requests, and applies the
 * general rate limit per token, user or address.
 */
export function registerAuthentication(
  app: FastifyInstance,
  deps: { credentials: Credentials; limiter: Limiter; security: SecurityConfig },
) {
  app.decorateRequest('actor', null as unknown as Actor);
  app.addHook('onRequest', async (req, reply) => {
    req.actor = ANONYMOUS;
    const isApi = req.url.startsWith('/api/v1/') || req.url === '/api/v1';
    if (!isApi) return;
    const auth = req.headers.authorization;
    if (auth !== undefined) {
      const m = /^Bearer +([!-~]{1,300})$/.exec(auth);
      const actor = m ? await deps.credentials.fromToken(m[1]) : null;
      if (!actor)
        throw unauthorized('invalid_token', 'The API token is invalid, revoked, or its user is deactivated.');
      req.actor = actor;
    } else {
      const cookie = req.cookies[SESSION_COOKIE];
      if (cookie) {
        const unsigned = req.unsignCookie(cookie);
        const actor =
          unsigned.valid && unsigned.value ? await deps.credentials.fromSession(unsigned.value) : null;
        if (actor) req.actor = actor;
        else reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }

    const limit = deps.security.apiRatePerMinute;
    if (limit > 0) {
      const who = req.actor.tokenId
        ? `t${req.actor.tokenId}`
        : req.actor.userId
          ? `u${req.actor.userId}`
          : `ip${req.ip}`;
      const hits = await deps.limiter.hit(`api:${who}`, 60_000);
      if (hits.count > limit)
        throw tooManyRequests(reply, hits.resetMs, `More than ${limit} requests a minute; slow down.`);
    }

    if (req.routeOptions.config?.public) {
      if (!SAFE_METHODS.has(req.method) && req.headers.origin !== undefined)
        checkSameOrigin(req, deps.security.allowedOrigins);
      return;
    }
    if (req.actor.userId === null) throw unauthorized();
    if (req.actor.via === 'session' && !SAFE_METHODS.has(req.method))
      checkSameOrigin(req, deps.security.allowedOrigins);
  });
}

import '@fastify/cookie';
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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
    /**
     * Reachable without signing in (sign-in, setup, the OpenAPI document, the web app's pages).
     * Every other route requires a signed-in user: access is decided by the route that matched,
     * never by the URL's spelling, so a route without this mark is closed by default.
     */
    public?: boolean;
    /**
     * Public, and answered without looking at credentials or counting against the rate limit:
     * health probes and the web app's static files, which a page loads by the dozen.
     */
    bare?: boolean;
    /**
     * Open to a user who must first change the password an administrator typed (who they are,
     * changing it, signing out); every other route answers them 403 password_change_required.
     */
    beforePasswordChange?: boolean;
  }
}

export function tooManyRequests(reply: FastifyReply, retryAfterMs: number, detail: string) {
  reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
  return new AppError(429, 'rate-limited', 'Too many requests', detail);
}

/**
 * Cookie-authenticated writes must come from our own pages: the browser's Origin (or Referer, or
 * Sec-Fetch-Site) must be one of the configured public origins. The request's Host header proves
 * nothing (an attacker's page can reach us under any name that resolves here), so it is never the
 * reference. A request that proves nothing is refused too.
 */
export function checkSameOrigin(req: FastifyRequest, origins: readonly string[]) {
  const ok = (origin: string) => origins.includes(origin.toLowerCase());
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
 * Finds who is calling (API token first, then the session cookie), applies the general rate limit
 * per token, user or address, refuses anonymous calls to every route not marked public, and guards
 * cookie writes against cross-site requests. Everything is decided by the route the router matched
 * (its config), after the path was decoded, so no spelling of a URL changes the answer. A request
 * that matches no route goes through the same checks before its 404.
 */
export function registerAuthentication(
  app: FastifyInstance,
  deps: { credentials: Credentials; limiter: Limiter; security: SecurityConfig },
) {
  app.decorateRequest('actor', null as unknown as Actor);
  app.addHook('onRequest', async (req, reply) => {
    req.actor = ANONYMOUS;
    const route: FastifyContextConfig = req.is404 ? {} : (req.routeOptions.config ?? {});
    if (route.bare) return;
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

    const origins = deps.security.publicOrigins;
    if (route.public || req.is404) {
      if (!SAFE_METHODS.has(req.method) && req.headers.origin !== undefined) checkSameOrigin(req, origins);
      return;
    }
    if (req.actor.userId === null) throw unauthorized();
    if (req.actor.mustChangePassword && !route.beforePasswordChange)
      throw forbidden(
        'password_change_required',
        'Your password was set by an administrator: choose your own first (PATCH /api/v1/auth/me).',
      );
    if (req.actor.via === 'session' && !SAFE_METHODS.has(req.method)) checkSameOrigin(req, origins);
  });
}

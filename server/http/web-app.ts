import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** the web app's files: public, and loaded by the dozen, so no credentials or rate limit */
const STATIC = { public: true, bare: true };

/** Where the built web app is: dist/web, seen from dist/server (built) or server/ (sources). */
export function findWebRoot(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, '../../web'), join(here, '../../dist/web')]) {
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  return null;
}

/**
 * Serves the web app at `/`. Hashed assets are cached for a year; every other GET that accepts
 * HTML and is not an API path gets index.html, so the app's own routes survive a reload.
 *
 * Files are sent as the brotli or gzip copy `npm run build` wrote beside them
 * (scripts/compress-web.mjs) when the request's Accept-Encoding takes it: br before gzip at equal
 * q, q=0 refused, identity otherwise. Each copy is a file of its own, so its Content-Length and
 * ETag are its own (RFC 9110 8.8.3: one strong tag per representation), and a conditional GET
 * answers 304 only for the coding it was sent in. The routes opt out of on-the-fly compression
 * (server/http/compression.ts): a file without a copy (an image, a tiny file) goes as it is.
 */
export async function registerWebApp(app: FastifyInstance, root: string) {
  await app.register(fastifyStatic, {
    root,
    // no routes of the plugin's own: each route below carries its access config (public, bare),
    // which the plugin's generated per-file routes would not
    serve: false,
    index: false,
    // our own cache headers below, not the plugin's max-age=0
    cacheControl: false,
    preCompressed: true,
    setHeaders(res, path) {
      res.setHeader(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
      // the plugin picks the coding by Accept-Encoding but does not say so: a shared cache must
      // not hand the brotli copy to a client that asked for none (identity replies vary too)
      res.setHeader('vary', 'accept-encoding');
    },
  });
  app.get('/assets/*', { config: STATIC, compress: false, schema: { hide: true } }, (req, reply) =>
    reply.sendFile(`assets/${(req.params as { '*': string })['*']}`),
  );
  for (const file of ['favicon.svg', 'robots.txt']) {
    if (existsSync(join(root, file)))
      app.get(`/${file}`, { config: STATIC, compress: false, schema: { hide: true } }, (_req, reply) =>
        reply.sendFile(file),
      );
  }
}

/** The path as the router reads it (decoded, any case) starts with /api/: an API path is never a page. */
function isApiPath(url: string): boolean {
  let path = url.split('?')[0];
  try {
    path = decodeURIComponent(path);
  } catch {}
  return path.toLowerCase().startsWith('/api/');
}

export function wantsAppPage(method: string, url: string, accept: string | undefined): boolean {
  return (method === 'GET' || method === 'HEAD') && !isApiPath(url) && (accept ?? '').includes('text/html');
}

import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

// The app's own pages run only our bundled scripts: no inline script, no eval, no third party.
const APP_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // UI libraries set style attributes at run time; styles cannot run code
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // Carnet may be served over plain HTTP on a LAN: upgrading its requests to HTTPS would break it
  upgradeInsecureRequests: null,
};

// The generated API reference (Scalar) boots from an inline script; it alone gets that allowance.
const DOCS_CSP = { ...APP_CSP, scriptSrc: ["'self'", "'unsafe-inline'"], workerSrc: ["'self'", 'blob:'] };

export async function registerSecurityHeaders(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) {
      (route as { helmet?: unknown }).helmet = { contentSecurityPolicy: { directives: DOCS_CSP } };
    }
  });
  await app.register(helmet, {
    contentSecurityPolicy: { directives: APP_CSP },
    // the API is read by other origins' code only through tokens; keep resources same-origin by default
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // HSTS only over HTTPS, set by server/http/transport.ts: helmet would send it over plain HTTP too
    strictTransportSecurity: false,
  });
}

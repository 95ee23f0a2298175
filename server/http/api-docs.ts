import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';

const PREFIX = '/api/docs';
// hop-by-hop or recomputed by Fastify when the answer is sent again
const DROPPED = new Set(['content-length', 'connection', 'transfer-encoding', 'date', 'keep-alive']);

/**
 * The API reference page (Scalar) at /api/docs, loaded on its first request. Importing the plugin
 * took 0.2–0.5 s of every start-up (a third of it) for a page few requests ever ask for, so it
 * lives in an app of its own, built once on demand, and its answers are passed through. Security
 * headers (the reference page's CSP) and logging stay the main app's, as for any route.
 */
export function registerApiDocs(app: FastifyInstance) {
  let docs: Promise<FastifyInstance> | null = null;
  const docsApp = () => {
    docs ??= (async () => {
      const { default: scalar } = await import('@scalar/fastify-api-reference');
      const inner = Fastify({ logger: false });
      await inner.register(scalar, {
        routePrefix: PREFIX,
        configuration: { url: '/api/v1/openapi.json', title: 'Carnet API' },
      });
      await inner.ready();
      return inner;
    })().catch((e) => {
      docs = null; // a failed load is tried again on the next request
      throw e;
    });
    return docs;
  };
  app.addHook('onClose', async () => {
    if (docs) await (await docs.catch(() => null))?.close();
  });

  const pass = async (req: FastifyRequest, reply: FastifyReply) => {
    const inner = await docsApp();
    const headers: Record<string, string> = { accept: req.headers.accept ?? '*/*' };
    if (req.headers['if-none-match']) headers['if-none-match'] = req.headers['if-none-match'];
    const res = await inner.inject({ method: 'GET', url: req.url, headers });
    // an unknown path under /api/docs is the main app's 404 problem, like any other route
    if (res.statusCode === 404) return reply.callNotFound();
    reply.code(res.statusCode);
    for (const [name, value] of Object.entries(res.headers)) {
      if (!DROPPED.has(name) && value !== undefined) reply.header(name, value);
    }
    return reply.send(res.rawPayload);
  };
  // the reference page describes the API; it holds no data (the document itself is public too)
  const route = { config: { public: true }, schema: { hide: true } };
  app.get(PREFIX, route, pass);
  app.get(`${PREFIX}/*`, route, pass);
}

// Each problem's `type` is a URI that resolves (RFC 9457 3.1.1): GET /problems/<type> describes it,
// as a page for people or, asked for JSON, as {type, title, status, description}. Public: a
// problem is read by whoever received it, signed in or not.
import type { FastifyInstance } from 'fastify';
import { PROBLEM_DESCRIPTIONS, PROBLEM_TYPES, type ProblemType } from '../../shared/errors.js';
import { notFound } from '../errors.js';
import { PROBLEM_TYPE_BASE } from './problems.js';

const html = (s: string) =>
  s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(/`([^`]+)`/g, '<code>$1</code>');

function page(type: ProblemType): string {
  const d = PROBLEM_DESCRIPTIONS[type];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${d.status} ${html(d.title)} — Carnet API</title></head>
<body><main>
<h1>${html(d.title)}</h1>
<p>HTTP status <strong>${d.status}</strong>, problem type <code>${PROBLEM_TYPE_BASE}${type}</code>.</p>
<p>${html(d.description)}</p>
<p>Every error of the Carnet API is an RFC 9457 problem document: see the API guide (docs/api.md, “Errors”) and the OpenAPI document at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>
</main></body></html>
`;
}

export function registerProblemPages(app: FastifyInstance) {
  app.get(
    `${PROBLEM_TYPE_BASE}:type`,
    { config: { public: true, bare: true }, schema: { hide: true } },
    async (req, reply) => {
      const type = (req.params as { type: string }).type;
      if (!(PROBLEM_TYPES as readonly string[]).includes(type))
        throw notFound(`The problem type ${type.slice(0, 60)}`);
      const d = PROBLEM_DESCRIPTIONS[type as ProblemType];
      reply.header('cache-control', 'public, max-age=86400');
      const accept = req.headers.accept ?? '';
      if (/json/i.test(accept) && !/text\/html/i.test(accept))
        return reply.type('application/json').send({ type: `${PROBLEM_TYPE_BASE}${type}`, ...d });
      return reply.type('text/html; charset=utf-8').send(page(type as ProblemType));
    },
  );
}

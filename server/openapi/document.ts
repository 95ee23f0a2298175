// The OpenAPI document (@fastify/swagger, from the route schemas), made to tell the truth in one
// place rather than route by route: the route options say what a route is (public, which headers it
// answers with), and `completeDocument` derives from them and from the operation's shape what every
// operation shares — its operationId, security, the error statuses the shared hooks can answer,
// conditional requests, response headers, and OPTIONS. docs/decisions/020-openapi-document.md.
import type { SwaggerOptions } from '@fastify/swagger';
import { components, HEADERS, headerName, headerRef, problemRef } from './components.js';

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is plain JSON
type Json = any;

/** Response headers a route answers with, declared in its options; the document derives from them. */
export type ResponseHeader = 'etag' | 'location' | 'content-disposition';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Headers this route's success answers carry (for the OpenAPI document). `etag` on a record's
     * GET also documents its conditional requests: If-None-Match (→ 304) and If-Match on the GET,
     * If-Match on the PATCH and DELETE of the same path (412, like any failing If-Match).
     */
    responseHeaders?: readonly ResponseHeader[];
  }
}

/** Where route facts travel from `transform` to `completeDocument` (removed from the final document). */
const FACTS = 'x-carnet-route';
interface RouteFacts {
  public: boolean;
  beforePasswordChange: boolean;
  headers: readonly ResponseHeader[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const SAFE = new Set(['get', 'head', 'options']);

export const TAGS: Record<string, string> = {
  companies: 'Organisations: the accounts contacts work for and deals are made with.',
  contacts: 'People, with their phones, emails and tags; the records most of the API is about.',
  opportunities: 'Deals in the pipeline: amount, stage, expected close; the pipeline summaries.',
  interactions: 'Emails, calls, meetings and notes logged about contacts and deals.',
  tasks: 'Things to do about a contact, company or deal, with due dates and reminders.',
  users: 'The team: accounts, roles (admin, manager, sales, viewer), invitations.',
  'pipeline-stages': 'The stages deals move through (open, won or lost kinds), in order.',
  'lost-reasons': 'Why deals are lost: the choices offered when one is marked lost.',
  authentication: 'Signing in and out, the first administrator (setup), API tokens, password resets.',
  audit: 'The audit log: who changed what, when.',
  gdpr: 'Personal data of a contact: access (download) and erasure.',
  search: 'One search box over contacts, companies and deals.',
  views: 'Saved list views: filters, sort and columns, private or shared.',
  'custom-fields': 'The fields an instance adds to its records, and their options.',
  tags: 'Labels put on contacts, companies and deals.',
  imports: 'CSV and vCard imports: upload, progress, errors, duplicates, undo.',
};

/** `POST /api/v1/contacts/{id}/erase` → `postContactsByIdErase`: unique, as method and path are. */
export function operationId(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/v1\//, '')
    .split('/')
    .filter(Boolean)
    .map((s) => {
      const param = /^\{(.+)\}$/.exec(s);
      return param ? `By-${param[1]}` : s;
    })
    .flatMap((s) => s.split(/[^A-Za-z0-9]+/))
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

const isProblem = (r: Json) => r?.content && Object.keys(r.content).join() === 'application/problem+json';

function addHeader(response: Json, component: string) {
  if (!response || response.$ref) return;
  response.headers ??= {};
  response.headers[headerName(component)] ??= headerRef(component);
}

function headerParam(op: Json, name: string, description: string) {
  op.parameters ??= [];
  if (op.parameters.some((p: Json) => p.in === 'header' && p.name.toLowerCase() === name.toLowerCase()))
    return;
  op.parameters.push({ in: 'header', name, required: false, description, schema: { type: 'string' } });
}

const SUCCESS: Record<string, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted: done in the background',
  204: 'Done (no body)',
};

const IF_MATCH = 'Only if the record is still at this version (its ETag): otherwise 412 and nothing changes';
const IF_NONE_MATCH = 'The ETag you hold: 304 without a body while it is still current';

/** Adds what the shared hooks make true of every operation; see the file's header. */
function describeOperation(path: string, method: string, op: Json, etagPaths: Set<string>) {
  const facts: RouteFacts = op[FACTS] ?? { public: false, beforePasswordChange: false, headers: [] };
  delete op[FACTS];
  op.operationId = operationId(method, path);
  if (facts.public) op.security = [];

  const access = facts.public
    ? 'Public: no credentials needed.'
    : 'Needs a signed-in user: an API token (Authorization: Bearer) or the session cookie.';
  op.description ??= `${op.summary ?? ''}${op.summary ? '.' : ''} ${access}`.trim();

  const responses: Record<string, Json> = op.responses;
  for (const [status, response] of Object.entries(responses))
    if (isProblem(response)) responses[status] = problemRef(Number(status));
  const add = (...statuses: number[]) => {
    for (const s of statuses) responses[s] ??= problemRef(s);
  };
  // every request: parameters and query strings are checked (unknown ones refused), a bad token is
  // refused even where none is needed, the rate limit counts it, the URL and headers have limits
  add(400, 401, 414, 429, 431, 503);
  // the authentication hook: a role or a password to change first, a cross-site cookie write
  const safe = SAFE.has(method);
  if (!facts.public && !(safe && facts.beforePasswordChange)) add(403);
  if (facts.public && !safe) add(403);
  if (path.includes('{')) add(404);
  // If-Match is checked on every request that sends it: a GET whose answer has no such tag, or a
  // write whose target has none (only `*` holds there), is a 412 too
  add(412);
  if (op.requestBody) add(413, 415);

  const ok = Object.entries(responses).filter(([s]) => /^2/.test(s));
  for (const [status, response] of ok) {
    if (response.description === 'Default Response') response.description = SUCCESS[status] ?? 'Success';
    if (facts.headers.includes('etag') && status !== '204') addHeader(response, 'ETag');
    if (facts.headers.includes('location') && (status === '201' || status === '202'))
      addHeader(response, 'Location');
    if (facts.headers.includes('content-disposition') && status === '200')
      addHeader(response, 'ContentDisposition');
  }

  // conditional requests on a record that has an ETag (RFC 9110 §13)
  if (etagPaths.has(path)) {
    if (method === 'get') {
      headerParam(op, 'If-None-Match', IF_NONE_MATCH);
      headerParam(op, 'If-Match', IF_MATCH);
      responses['304'] ??= { $ref: '#/components/responses/NotModified' };
    }
    if (method === 'patch' || method === 'delete') headerParam(op, 'If-Match', IF_MATCH);
  }
  op.responses = sortKeys(responses);
}

const sortKeys = (o: Record<string, Json>) =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

/** OPTIONS on every path: the methods it takes, in Allow (answered without credentials). */
function optionsOperation(path: string, item: Json): Json {
  const methods = METHODS.filter((m) => item[m]).map((m) => m.toUpperCase());
  const tags = item[methods[0].toLowerCase()].tags;
  return {
    tags,
    summary: `The methods ${path} takes`,
    description: `Answers 204 with Allow (${[...methods, 'OPTIONS'].join(', ')}). Public: no credentials needed.`,
    operationId: operationId('options', path),
    security: [],
    ...(item[methods[0].toLowerCase()].parameters?.some((p: Json) => p.in === 'path')
      ? { parameters: item[methods[0].toLowerCase()].parameters.filter((p: Json) => p.in === 'path') }
      : {}),
    responses: sortKeys({
      204: { description: 'The methods this path takes', headers: { Allow: headerRef('Allow') } },
      ...Object.fromEntries([400, 401, 414, 429, 431].map((s) => [s, problemRef(s)])),
    }),
  };
}

/** The document as generated, completed (transformObject). */
export function completeDocument(doc: Json): Json {
  const paths: Record<string, Json> = doc.paths ?? {};
  const etagPaths = new Set(
    Object.entries(paths)
      .filter(([, item]) => item.get?.[FACTS]?.headers.includes('etag'))
      .map(([p]) => p),
  );
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) if (item[method]) describeOperation(path, method, item[method], etagPaths);
    if (!item.options) item.options = optionsOperation(path, item);
  }
  const used = new Set(
    Object.values(paths).flatMap((item) => METHODS.flatMap((m) => (item[m]?.tags ?? []) as string[])),
  );
  doc.tags = [...used].sort().map((name) => ({ name, description: TAGS[name] ?? name }));
  const shared = components();
  doc.components = {
    ...doc.components,
    schemas: { ...doc.components?.schemas, ...shared.schemas },
    headers: { ...doc.components?.headers, ...shared.headers },
    responses: { ...doc.components?.responses, ...shared.responses },
  };
  return doc;
}

/** The options @fastify/swagger is registered with (server/app.ts). */
export function openApiOptions(): SwaggerOptions {
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Carnet CRM API',
        version: '1.0.0',
        description: [
          'Contacts, companies, opportunities, interactions and tasks. Sign in with a session cookie or send an API token as `Authorization: Bearer <token>`.',
          'Errors are RFC 9457 problem documents (`application/problem+json`); their `type` names a page under `/problems/`.',
          'Besides the responses listed per operation: a path called with a method it does not take answers 405 with `Allow` (OPTIONS lists them), an over-long URL 414 and over-large headers 431.',
          'Records carry a strong ETag: send it in If-Match to update or delete only the version you saw (412 otherwise), in If-None-Match to revalidate (304).',
        ].join('\n\n'),
        license: { name: 'MIT', identifier: 'MIT' },
      },
      // relative: the document describes whichever instance serves it
      servers: [{ url: '/', description: 'This Carnet instance' }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token (POST /api/v1/api-tokens)' },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'carnet_session',
            description: 'The web app’s session (POST /api/v1/auth/login sets it); writes must send Origin',
          },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    stripBasePath: false,
    // route facts the document needs, passed on to `completeDocument` beside the operation
    transform: ({ schema, url, route }) => {
      const config = (route.config ?? {}) as Json;
      const facts: RouteFacts = {
        public: config.public === true,
        beforePasswordChange: config.beforePasswordChange === true,
        headers: config.responseHeaders ?? [],
      };
      return { url, schema: schema ? ({ ...schema, [FACTS]: facts } as never) : schema };
    },
    transformObject: ({ openapiObject }: Json) => completeDocument(openapiObject),
  } as SwaggerOptions;
}

export { HEADERS };

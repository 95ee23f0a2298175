import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../test/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is walked freely
type Json = any;

const RESOURCES = ['companies', 'contacts', 'opportunities', 'interactions', 'tasks', 'pipeline-stages'];
const RELATED = [
  '/api/v1/contacts/{id}/interactions',
  '/api/v1/companies/{id}/contacts',
  '/api/v1/companies/{id}/opportunities',
  '/api/v1/opportunities/{id}/tasks',
  '/api/v1/opportunities/{id}/interactions',
  '/api/v1/companies/{id}/interactions',
  '/api/v1/companies/{id}/tasks',
];
/** Every path of the contract (as far as it is built) with its methods. */
const EXPECTED: Record<string, string[]> = {
  ...Object.fromEntries(
    RESOURCES.flatMap((r) => [
      [`/api/v1/${r}`, ['get', 'post']],
      [`/api/v1/${r}/{id}`, ['delete', 'get', 'patch']],
    ]),
  ),
  '/api/v1/users': ['get', 'post'],
  '/api/v1/users/{id}': ['delete', 'get', 'patch'],
  ...Object.fromEntries(RELATED.map((p) => [p, ['get']])),
  ...Object.fromEntries([...RESOURCES, 'users'].map((r) => [`/api/v1/${r}/{id}/history`, ['get']])),
  '/api/v1/pipeline': ['get'],
  '/api/v1/auth/login': ['post'],
  '/api/v1/auth/logout': ['post'],
  '/api/v1/auth/me': ['get', 'patch'],
  '/api/v1/setup': ['get', 'post'],
  '/api/v1/api-tokens': ['get', 'post'],
  '/api/v1/api-tokens/{id}': ['delete'],
  '/api/v1/audit-events': ['get'],
  '/api/v1/contacts/{id}/personal-data': ['get'],
  '/api/v1/contacts/{id}/erase': ['post'],
  '/api/v1/imports': ['get', 'post'],
  '/api/v1/imports/{id}': ['delete', 'get'],
  '/api/v1/imports/{id}/errors.csv': ['get'],
  '/api/v1/imports/{id}/errors': ['get'],
  '/api/v1/imports/{id}/duplicates': ['get'],
  '/api/v1/custom-fields': ['get', 'post'],
  '/api/v1/custom-fields/{id}': ['delete', 'get', 'patch'],
  '/api/v1/custom-fields/reorder': ['post'],
  '/api/v1/contacts/export': ['get'],
  '/api/v1/companies/export': ['get'],
  '/api/v1/opportunities/export': ['get'],
  ...Object.fromEntries(
    ['contacts', 'companies'].flatMap((r) => [
      [`/api/v1/${r}/{id}/dependents`, ['get']],
      [`/api/v1/${r}/dependents`, ['get']],
      [`/api/v1/${r}/bulk-delete`, ['post']],
    ]),
  ),
};
const LISTS = [...RESOURCES.map((r) => `/api/v1/${r}`), '/api/v1/users', ...RELATED];
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const operations = (doc: Json) =>
  Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([m]) => METHODS.includes(m))
      .map(([method, op]) => ({ path, method, op: op as Json })),
  );

/** Follows a local "#/components/…" reference. */
function resolve(doc: Json, schema: Json): Json {
  if (!schema?.$ref) return schema;
  expect(schema.$ref).toMatch(/^#\//);
  return schema.$ref
    .slice(2)
    .split('/')
    .reduce((node: Json, part: string) => node?.[part], doc);
}

describeEachDialect('OpenAPI document and reference page', (t) => {
  let doc: Json;
  beforeAll(async () => {
    const res = await t.api('GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    doc = res.body;
  });

  it('is OpenAPI 3.1.0, valid against the specification schema', async () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('is served without signing in', async () => {
    const res = await t.app.inject({ url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
  });

  it('has every path of the contract with exactly its methods', () => {
    const actual = Object.fromEntries(
      Object.entries(doc.paths as Record<string, Json>)
        .filter(([p]) => p in EXPECTED)
        .map(([p, item]) => [
          p,
          Object.keys(item)
            // OPTIONS is on every path (server/openapi/document.test.ts)
            .filter((m) => METHODS.includes(m) && m !== 'options')
            .sort(),
        ]),
    );
    expect(actual).toEqual(EXPECTED);
    for (const path of Object.keys(doc.paths)) expect(path).toMatch(/^\/api\/v1\//);
    // paths are written the OpenAPI way, not Fastify's ":id"
    expect(Object.keys(doc.paths).filter((p) => p.includes(':'))).toEqual([]);
  });

  it('documents limit (1–200, default 50), cursor and sort on every list', () => {
    for (const path of LISTS) {
      const params = (doc.paths[path].get.parameters ?? []) as Json[];
      const query = Object.fromEntries(params.filter((p) => p.in === 'query').map((p) => [p.name, p]));
      for (const name of ['limit', 'cursor', 'sort']) expect(query[name], `${path} ${name}`).toBeDefined();
      expect(query.limit.schema, path).toMatchObject({
        type: 'integer',
        minimum: 1,
        maximum: 200,
        default: 50,
      });
      expect(query.cursor.schema.type, path).toBe('string');
      expect(query.sort.schema.type, path).toBe('string');
      expect(query.limit.required ?? false).toBe(false);
    }
    const search = doc.paths['/api/v1/contacts'].get.parameters.find((p: Json) => p.name === 'q');
    expect(search?.in).toBe('query');
  });

  it('documents the list page shape and an integer id path parameter', () => {
    for (const path of LISTS) {
      const page = resolve(doc, doc.paths[path].get.responses['200'].content['application/json'].schema);
      expect(page.properties.data.type, path).toBe('array');
      expect(Object.keys(page.properties).sort(), path).toEqual(['data', 'next_cursor']);
    }
    for (const { path, op } of operations(doc).filter((o) => o.path.includes('{id}'))) {
      const id = (op.parameters as Json[]).find((p) => p.in === 'path' && p.name === 'id');
      expect(id, path).toMatchObject({ required: true, schema: { type: 'integer', minimum: 1 } });
    }
  });

  it('documents 201 for creates and 204 for deletes', () => {
    for (const r of RESOURCES) {
      expect(Object.keys(doc.paths[`/api/v1/${r}`].post.responses)).toContain('201');
      expect(Object.keys(doc.paths[`/api/v1/${r}/{id}`].delete.responses)).toContain('204');
      expect(doc.paths[`/api/v1/${r}`].post.requestBody.content['application/json'].schema).toBeDefined();
    }
  });

  it('answers every documented 4xx with a problem+json schema', () => {
    const documented: string[] = [];
    for (const { path, method, op } of operations(doc)) {
      for (const [status, response] of Object.entries(op.responses as Record<string, Json>)) {
        if (!/^4/.test(status)) continue;
        documented.push(`${method} ${path} ${status}`);
        const where = `${method} ${path} ${status}`;
        const resolved = resolve(doc, response);
        expect(Object.keys(resolved.content ?? {}), where).toEqual(['application/problem+json']);
        const schema = resolve(doc, resolved.content['application/problem+json'].schema);
        expect(schema.type, where).toBe('object');
        expect(schema.required, where).toEqual(expect.arrayContaining(['type', 'title', 'status']));
        expect(schema.properties.status.type, where).toBe('integer');
        expect(schema.properties.errors?.type, where).toBe('array');
      }
    }
    expect(documented).toContain('get /api/v1/contacts/{id} 404');
    expect(documented).toContain('patch /api/v1/contacts/{id} 412');
    expect(documented).toContain('post /api/v1/contacts 409');
    expect(documented).toContain('get /api/v1/contacts 400');
  });

  it('gives every operation a summary and a tag, so the reference page groups them', () => {
    for (const { path, method, op } of operations(doc)) {
      expect(op.summary, `${method} ${path}`).toEqual(expect.any(String));
      expect(op.tags?.length, `${method} ${path}`).toBeGreaterThan(0);
    }
  });

  describe('GET /api/docs', () => {
    it('serves an HTML page (after a redirect if any) that loads its script', async () => {
      let res = await t.app.inject({ url: '/api/docs' });
      for (let hops = 0; res.statusCode >= 300 && res.statusCode < 400 && hops < 3; hops++) {
        res = await t.app.inject({
          url: new URL(res.headers.location as string, 'http://x/api/docs').pathname,
        });
      }
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toMatch(/<html/i);
      const scripts = [...res.body.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const src of scripts) {
        const url = new URL(src, 'http://x/api/docs/').pathname;
        const js = await t.app.inject({ url });
        expect(js.statusCode, url).toBe(200);
        expect(js.headers['content-type'], url).toMatch(/javascript/);
      }
    });
  });
});

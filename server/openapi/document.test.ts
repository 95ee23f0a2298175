// What the OpenAPI document promises on top of each route's schema (server/openapi/document.ts):
// checked on the served document, generically over every operation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { connect, type Db } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { type FreshDatabase, freshDatabase } from '../test/dialects.js';
import { operationId, TAGS } from './document.js';

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is walked freely
type Json = any;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const V1 = '/api/v1';

describe('the OpenAPI document tells the truth [sqlite]', () => {
  let fresh: FreshDatabase;
  let db: Db;
  let doc: Json;
  const ops = () =>
    Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] as Json })),
    );
  const op = (method: string, path: string) => doc.paths[`${V1}${path}`][method];
  const ref = (status: number, o: Json) => o.responses[String(status)]?.$ref as string | undefined;
  const resolve = (x: Json) =>
    x?.$ref
      ? x.$ref
          .slice(2)
          .split('/')
          .reduce((n: Json, p: string) => n?.[p], doc)
      : x;

  beforeAll(async () => {
    fresh = await freshDatabase('sqlite');
    db = connect(fresh.url);
    await migrateToLatest(db, 'en');
    const app = await buildApp({
      config: { logLevel: 'silent' },
      db,
      sessionSecret: 'x'.repeat(32),
      webRoot: null,
    });
    doc = (await app.inject({ url: `${V1}/openapi.json` })).json();
    await app.close();
  });
  afterAll(async () => {
    await db?.destroy();
    await fresh?.drop();
  });

  it('gives every operation a unique operationId, a description and documented tags', () => {
    const ids = ops().map((o) => o.op.operationId);
    expect(ids.every((id) => /^[a-z][A-Za-z0-9]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(op('get', '/contacts/{id}').operationId).toBe('getContactsById');
    expect(operationId('get', '/api/v1/imports/{id}/errors.csv')).toBe('getImportsByIdErrorsCsv');
    for (const { path, method, op: o } of ops())
      expect(o.description, `${method} ${path}`).toEqual(expect.any(String));
    const used = new Set(ops().flatMap((o) => o.op.tags as string[]));
    // a new tag needs its description in TAGS
    expect([...used].filter((t) => !(t in TAGS))).toEqual([]);
    expect(doc.tags.map((t: Json) => t.name).sort()).toEqual([...used].sort());
    expect(doc.tags.every((t: Json) => t.description.length > 10)).toBe(true);
  });

  it('names its servers and license, and its public operations need no credentials', () => {
    expect(doc.servers).toEqual([{ url: '/', description: expect.any(String) }]);
    expect(doc.info.license).toEqual({ name: 'MIT', identifier: 'MIT' });
    expect(doc.security).toEqual([{ bearer: [] }, { session: [] }]);
    const open = ops()
      .filter((o) => o.method !== 'options' && Array.isArray(o.op.security) && o.op.security.length === 0)
      .map((o) => `${o.method} ${o.path.slice(V1.length)}`)
      .sort();
    expect(open).toEqual([
      'get /auth/password-reset/check',
      'get /setup',
      'post /auth/login',
      'post /auth/password-reset',
      'post /auth/password-reset/confirm',
      'post /setup',
    ]);
    // signing out, who I am, changing my password: not public (401 without a session or token)
    expect(op('post', '/auth/logout').security).toBeUndefined();
  });

  it('documents the statuses every operation can answer, as shared problem responses', () => {
    for (const { path, method, op: o } of ops()) {
      const where = `${method} ${path}`;
      for (const s of [400, 401, 414, 429, 431])
        expect(ref(s, o), `${where} ${s}`).toMatch(/^#\/components\/responses\//);
      if (path.includes('{') && method !== 'options')
        expect(ref(404, o), where).toBe('#/components/responses/NotFound');
      if (method !== 'options') expect(ref(412, o), where).toBe('#/components/responses/PreconditionFailed');
      if (o.requestBody) {
        expect(ref(413, o), where).toBe('#/components/responses/ContentTooLarge');
        expect(ref(415, o), where).toBe('#/components/responses/UnsupportedMediaType');
      }
      // every error is a problem document, described once in components
      for (const [status, r] of Object.entries(o.responses as Record<string, Json>))
        if (Number(status) >= 400)
          expect(r.$ref, `${where} ${status}`).toMatch(/^#\/components\/responses\//);
    }
    const r = doc.components.responses;
    expect(r.Unauthorized.headers['WWW-Authenticate']).toEqual({
      $ref: '#/components/headers/WWWAuthenticate',
    });
    expect(r.TooManyRequests.headers['Retry-After']).toBeDefined();
    expect(r.MethodNotAllowed.headers.Allow).toBeDefined();
    expect(r.PreconditionFailed.headers.ETag).toBeDefined();
    expect(r.NotModified.content).toBeUndefined();
    expect(Object.keys(r.HeaderFieldsTooLarge.content)).toEqual(['application/problem+json']);
    expect(doc.components.schemas.Problem.required).toEqual(['type', 'title', 'status']);
  });

  it('documents conditional requests where records have an ETag', () => {
    for (const resource of ['contacts', 'companies', 'opportunities', 'tasks', 'users', 'custom-fields']) {
      const get = op('get', `/${resource}/{id}`);
      const names = (o: Json) =>
        (o.parameters ?? []).filter((p: Json) => p.in === 'header').map((p: Json) => p.name.toLowerCase());
      expect(names(get), resource).toEqual(expect.arrayContaining(['if-none-match', 'if-match']));
      expect(ref(304, get), resource).toBe('#/components/responses/NotModified');
      expect(ref(412, get), resource).toBe('#/components/responses/PreconditionFailed');
      expect(get.responses['200'].headers.ETag, resource).toEqual({ $ref: '#/components/headers/ETag' });
      for (const m of ['patch', 'delete']) {
        expect(names(op(m, `/${resource}/{id}`)), `${m} ${resource}`).toContain('if-match');
        expect(ref(412, op(m, `/${resource}/{id}`)), `${m} ${resource}`).toBeDefined();
      }
    }
    // a record without an ETag promises no 304
    expect(op('get', '/imports/{id}').responses['304']).toBeUndefined();
    expect(op('get', '/contacts').responses['304']).toBeUndefined();
  });

  it('declares the headers success answers carry', () => {
    expect(op('post', '/contacts').responses['201'].headers).toEqual({
      ETag: { $ref: '#/components/headers/ETag' },
      Location: { $ref: '#/components/headers/Location' },
    });
    expect(op('post', '/imports').responses['202'].headers.Location).toBeDefined();
    expect(op('post', '/api-tokens').responses['201'].headers.Location).toBeDefined();
    for (const path of ['/contacts/export', '/imports/{id}/errors.csv', '/contacts/{id}/personal-data'])
      expect(op('get', path).responses['200'].headers['Content-Disposition'], path).toBeDefined();
  });

  it('answers OPTIONS on every path with Allow', () => {
    for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
      expect(item.options?.responses['204'].headers.Allow, path).toEqual({
        $ref: '#/components/headers/Allow',
      });
      expect(item.options.security, path).toEqual([]);
    }
  });

  it('has schemas as strict as the server', () => {
    const body = (o: Json) => resolve(o.requestBody.content['application/json'].schema);
    for (const o of [op('post', '/setup'), op('post', '/users'), op('patch', '/auth/me')])
      expect(body(o).properties.password.minLength).toBe(10);
    const amount = body(op('post', '/opportunities')).properties.deal_value;
    expect(JSON.stringify(amount)).toContain('^[0-9]{1,8}(\\\\.[0-9]{1,2})?$');
    const data = resolve(
      op('get', '/contacts/{id}/personal-data').responses['200'].content['application/json'].schema,
    );
    expect(Object.keys(data.properties).sort()).toEqual(
      [
        'company',
        'contact',
        'exported_at',
        'history',
        'imports',
        'interactions',
        'opportunities',
        'tasks',
      ].sort(),
    );
    // the generated markers do not leak into the document
    expect(JSON.stringify(doc)).not.toContain('x-carnet-route');
  });
});

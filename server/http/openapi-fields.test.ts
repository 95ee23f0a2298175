// The OpenAPI document shows the declared fields (shared/record-fields.ts) with their limits: the
// request bodies, the responses and the lists' filters come from the same declarations.
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../test/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: a JSON document read freely
type Json = any;

/** Follows a local "#/components/…" reference. */
const resolve = (doc: Json, schema: Json): Json =>
  schema?.$ref
    ? schema.$ref
        .slice(2)
        .split('/')
        .reduce((node: Json, part: string) => node?.[part], doc)
    : schema;

/** A nullable property's non-null branch. */
const value = (prop: Json): Json => prop.anyOf?.find((b: Json) => b.type !== 'null') ?? prop;

describeEachDialect('OpenAPI: the standard fields and their limits', (t) => {
  let doc: Json;
  beforeAll(async () => {
    doc = (await t.api('GET', '/api/v1/openapi.json')).body;
  });
  const body = (path: string, method: 'post' | 'patch') =>
    resolve(doc, doc.paths[path][method].requestBody.content['application/json'].schema).properties;
  const item = (path: string) =>
    resolve(doc, doc.paths[path].get.responses['200'].content['application/json'].schema).properties;
  const filters = (path: string) =>
    (doc.paths[path].get.parameters as Json[]).filter((p) => p.in === 'query').map((p) => p.name);

  it('contacts: each field with its limit, format or pattern, in create, update and the response', () => {
    for (const method of ['post', 'patch'] as const) {
      const p = body(method === 'post' ? '/api/v1/contacts' : '/api/v1/contacts/{id}', method);
      expect(value(p.job_title)).toMatchObject({ type: 'string', maxLength: 100 });
      expect(value(p.street)).toMatchObject({ maxLength: 200 });
      expect(value(p.postal_code)).toMatchObject({ maxLength: 20 });
      for (const f of ['city', 'region', 'country', 'source'])
        expect(value(p[f])).toMatchObject({ maxLength: 100 });
      expect(value(p.birthday)).toMatchObject({ type: 'string', format: 'date' });
      expect(value(p.linkedin_url)).toMatchObject({
        maxLength: 200,
        pattern: expect.stringContaining('://'),
      });
    }
    const shown = item('/api/v1/contacts/{id}');
    for (const f of [
      'job_title',
      'street',
      'postal_code',
      'city',
      'region',
      'country',
      'birthday',
      'linkedin_url',
      'source',
    ])
      expect(shown[f], f).toBeDefined();
  });

  it('companies: employees from 0, the revenue exact up to 9 999 999 999 999.99, the domain a host name', () => {
    const p = body('/api/v1/companies', 'post');
    expect(value(p.employees)).toMatchObject({ type: 'integer', minimum: 0, maximum: 2_147_483_647 });
    // nullable: [[number, decimal string], null]
    const revenue = p.annual_revenue.anyOf.flatMap((b: Json) => b.anyOf ?? [b]);
    expect(revenue).toContainEqual(
      expect.objectContaining({ type: 'number', minimum: 0, maximum: 9_999_999_999_999.99 }),
    );
    expect(revenue).toContainEqual(
      expect.objectContaining({ type: 'string', pattern: '^[0-9]{1,13}(\\.[0-9]{1,2})?$' }),
    );
    expect(value(p.domain)).toMatchObject({ maxLength: 100, pattern: expect.any(String) });
    expect(value(p.phone)).toMatchObject({ maxLength: 40 });
  });

  it('opportunities: the probability from 0 to 100', () => {
    const p = body('/api/v1/opportunities', 'post');
    expect(value(p.probability)).toMatchObject({ type: 'integer', minimum: 0, maximum: 100 });
  });

  it('lists filter on the fields declared filterable only', () => {
    const contacts = filters('/api/v1/contacts');
    expect(contacts).toEqual(
      expect.arrayContaining(['job_title', 'city', 'country', 'region', 'postal_code', 'source']),
    );
    for (const f of ['street', 'birthday', 'linkedin_url']) expect(contacts).not.toContain(f);
    const companies = filters('/api/v1/companies');
    expect(companies).toEqual(expect.arrayContaining(['city', 'domain']));
    for (const f of ['employees', 'annual_revenue', 'street', 'phone']) expect(companies).not.toContain(f);
    const sort = doc.paths['/api/v1/companies'].get.parameters.find((p: Json) => p.name === 'sort');
    expect(sort.description ?? sort.schema.description).toMatch(/employees/);
  });
});

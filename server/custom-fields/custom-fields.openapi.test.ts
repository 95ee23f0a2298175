// The OpenAPI document lists the instance's custom fields in the records' schemas, as they are at
// the request (another server instance on the same database sees a change at once); a request
// generated from the document is accepted and its answer matches the document.
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { beforeAll, expect, it } from 'vitest';
import { CUSTOM_FIELD_TYPES, type CustomField } from '../../shared/custom-fields.js';
import { buildApp } from '../app.js';
import { DEFAULT_SECURITY } from '../config.js';
import { uniq } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is walked freely
type Json = any;

const URL = '/api/v1/custom-fields';
const ajv = addFormats.default(new Ajv.default({ strict: false, allErrors: true }));

const resolve = (doc: Json, schema: Json): Json =>
  schema?.$ref
    ? schema.$ref
        .slice(2)
        .split('/')
        .reduce((node: Json, part: string) => node?.[part], doc)
    : schema;

const json = (op: Json, status?: string) =>
  status
    ? op.responses[status].content['application/json'].schema
    : op.requestBody.content['application/json'].schema;

describeEachDialect('OpenAPI document and the custom fields', (t) => {
  const doc = async (headers?: Record<string, string>) =>
    (await t.api('GET', '/api/v1/openapi.json', undefined, headers)).body as Json;
  const customOf = (d: Json, path: string, method: string, status?: string) =>
    resolve(d, json(d.paths[path][method], status)).properties.custom_fields;
  /** a value its schema takes, as a client reading the document would make one */
  const sample = (schema: Json): unknown => {
    const s = schema.anyOf?.find((b: Json) => b.type !== 'null') ?? schema;
    if (s.enum) return s.enum[0];
    if (s.type === 'array') return [s.items.enum[0]];
    if (s.type === 'boolean') return true;
    if (s.type === 'integer') return t.admin.user_id; // the only integer: a user's ID
    if (s.type === 'number') return 12.5;
    const byFormat: Record<string, string> = {
      date: '2027-03-01',
      'date-time': '2027-03-01T09:30:00.000Z',
      email: 'doc@example.com',
      uri: 'https://example.com/doc',
    };
    return byFormat[s.format] ?? (s.pattern ? '+33 1 23 45 67 89' : 'Doc value');
  };
  let fields: CustomField[] = [];

  beforeAll(async () => {
    for (const type of CUSTOM_FIELD_TYPES) {
      const select = type === 'select' || type === 'multi_select';
      const res = await t.api('POST', URL, {
        entity: 'contacts',
        key: `doc_${type}`,
        label: { fr: `Doc ${type}`, en: `Doc ${type}` },
        type,
        ...(select ? { options: [{ label: 'Alpha' }, { label: 'Beta' }] } : {}),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      fields.push(res.body);
    }
  });

  it('lists each definition in the records’ schemas, in bodies and answers, for signed-in callers', async () => {
    const d = await doc();
    for (const [path, method, status] of [
      ['/api/v1/contacts', 'post', undefined],
      ['/api/v1/contacts/{id}', 'patch', undefined],
      ['/api/v1/contacts/{id}', 'get', '200'],
      ['/api/v1/contacts', 'post', '201'],
    ] as const) {
      const cf = customOf(d, path, method, status);
      for (const f of fields) expect(cf.properties[f.key], `${method} ${path} ${f.key}`).toBeDefined();
    }
    const item = customOf(d, '/api/v1/contacts/{id}', 'get', '200').properties;
    expect(item.doc_select.anyOf[0]).toMatchObject({ enum: ['Alpha', 'Beta'], description: 'Doc select' });
    expect(item.doc_date.anyOf[0]).toMatchObject({ format: 'date' });
    expect(customOf(d, '/api/v1/contacts/{id}', 'patch').additionalProperties).toBe(false);
    // a list's items and a related list's too; another entity's records have none of these
    const list = resolve(d, json(d.paths['/api/v1/companies/{id}/contacts'].get, '200'));
    expect(list.properties.data.items.properties.custom_fields.properties.doc_text).toBeDefined();
    expect(customOf(d, '/api/v1/companies/{id}', 'get', '200').properties?.doc_text).toBeUndefined();

    // anonymous callers get the generic document: the definitions are the team's
    const anon = (await t.anon('GET', '/api/v1/openapi.json')).body;
    expect(customOf(anon, '/api/v1/contacts/{id}', 'get', '200').properties?.doc_text).toBeUndefined();
  });

  it('takes a request generated from the document and answers as the document says', async () => {
    const d = await doc();
    const props = customOf(d, '/api/v1/contacts', 'post').properties;
    const body = {
      last_name: `Doc ${uniq()}`,
      custom_fields: Object.fromEntries(Object.entries(props).map(([k, s]) => [k, sample(s)])),
    };
    expect(ajv.validate(resolve(d, json(d.paths['/api/v1/contacts'].post)), body), ajv.errorsText()).toBe(
      true,
    );
    const created = await t.api('POST', '/api/v1/contacts', body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(Object.keys(created.body.custom_fields).sort()).toEqual(fields.map((f) => f.key).sort());
    const validItem = ajv.compile(resolve(d, json(d.paths['/api/v1/contacts/{id}'].get, '200')));
    expect(validItem(created.body), ajv.errorsText(validItem.errors)).toBe(true);
    const list = await t.api('GET', '/api/v1/contacts?limit=50');
    const validList = ajv.compile(resolve(d, json(d.paths['/api/v1/contacts'].get, '200')));
    expect(validList(list.body), ajv.errorsText(validList.errors)).toBe(true);

    // what the document refuses, the API refuses
    const wrong = { last_name: 'Doc', custom_fields: { doc_select: 'Gamma' } };
    expect(ajv.validate(resolve(d, json(d.paths['/api/v1/contacts'].post)), wrong)).toBe(false);
    expect((await t.api('POST', '/api/v1/contacts', wrong)).status).toBe(400);
  });

  it('changes with the definitions at once, on every server instance sharing the database', async () => {
    const other = await buildApp({
      config: { logLevel: 'silent', security: { ...DEFAULT_SECURITY, apiRatePerMinute: 0 } },
      db: t.db,
      sessionSecret: 'test-session-secret',
    });
    try {
      const fromOther = async () =>
        (
          await other.inject({
            method: 'GET',
            url: '/api/v1/openapi.json',
            headers: { authorization: `Bearer ${t.admin.token}` },
          })
        ).json();
      const select = fields.find((f) => f.type === 'select') as CustomField;
      const enumOf = (d: Json) =>
        customOf(d, '/api/v1/contacts/{id}', 'get', '200').properties.doc_select?.anyOf[0].enum;
      expect(enumOf(await fromOther())).toEqual(['Alpha', 'Beta']);

      const renamed = await t.api('PATCH', `${URL}/${select.field_id}`, {
        options: [
          { id: select.options[1].id, label: 'Beta' },
          { id: select.options[0].id, label: 'Alef' },
        ],
      });
      expect(renamed.status).toBe(200);
      expect(enumOf(await fromOther())).toEqual(['Beta', 'Alef']);

      const required = await t.api('POST', URL, {
        entity: 'contacts',
        key: `doc_needed_${uniq()}`.slice(0, 40),
        label: { fr: 'Requis', en: 'Needed' },
        type: 'text',
        required: true,
      });
      const create = customOf(await fromOther(), '/api/v1/contacts', 'post');
      expect(create.required).toContain(required.body.key);
      expect(resolve(await doc(), json((await doc()).paths['/api/v1/contacts'].post)).required).toContain(
        'custom_fields',
      );

      expect(
        (await t.api('DELETE', `${URL}/${required.body.field_id}?confirm=${required.body.key}`)).status,
      ).toBe(204);
      expect((await t.api('DELETE', `${URL}/${select.field_id}?confirm=${select.key}`)).status).toBe(204);
      fields = fields.filter((f) => f.field_id !== select.field_id);
      const after = await fromOther();
      expect(enumOf(after)).toBeUndefined();
      expect(customOf(after, '/api/v1/contacts', 'post').required ?? []).not.toContain(required.body.key);
    } finally {
      await other.close();
    }
  });
});

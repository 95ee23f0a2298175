// Custom field definitions through the API: create, read, change, reorder and delete, their rules
// and limits, hostile input, roles, ETags and the definitions' own audit entries.
import { expect, it } from 'vitest';
import { CUSTOM_FIELDS_MAX, OPTIONS_MAX } from '../../shared/custom-fields.js';
import { uniq } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';

const URL = '/api/v1/custom-fields';
/** a key no other test of the file uses */
const key = () => `k_${uniq()}`.slice(0, 40).replace(/[^a-z0-9_]/g, '_');
const label = (en: string) => ({ fr: `${en} (fr)`, en });

describeEachDialect('custom field definitions', (t) => {
  const create = (body: Record<string, unknown>) =>
    t.api('POST', URL, { entity: 'contacts', key: key(), label: label('Field'), type: 'text', ...body });

  it('creates, reads, lists by entity, changes and deletes a definition', async () => {
    const made = await create({
      entity: 'companies',
      type: 'select',
      label: { fr: '  Segment ', en: 'Segment' },
      options: [{ label: 'PME', color: 'blue' }, { label: 'ETI' }],
      default: 'pme',
    });
    expect(made.status).toBe(201);
    const f = made.body;
    expect(f).toMatchObject({
      entity: 'companies',
      type: 'select',
      label: { fr: 'Segment', en: 'Segment' },
      required: false,
      default: 'PME', // the option's label as defined
    });
    expect(f.options.map((o: { label: string }) => o.label)).toEqual(['PME', 'ETI']);
    expect(f.options[1].color).toBe('gray');
    for (const o of f.options) expect(o.id).toMatch(/^[a-z0-9]{1,12}$/);
    expect(made.headers.location).toBe(`${URL}/${f.field_id}`);

    const one = await t.api('GET', `${URL}/${f.field_id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(f);
    expect(one.headers.etag).toBe(made.headers.etag);

    const list = await t.api('GET', `${URL}?entity=companies`);
    expect(list.body.data.map((x: { field_id: number }) => x.field_id)).toContain(f.field_id);
    expect(list.body.data.every((x: { entity: string }) => x.entity === 'companies')).toBe(true);

    const changed = await t.api(
      'PATCH',
      `${URL}/${f.field_id}`,
      { required: true, label: label('Market') },
      {
        'if-match': one.headers.etag as string,
      },
    );
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ required: true, label: label('Market') });
    expect(changed.headers.etag).not.toBe(one.headers.etag);
    // the old ETag no longer matches: 412, nothing changed
    const stale = await t.api(
      'PATCH',
      `${URL}/${f.field_id}`,
      { required: false },
      {
        'if-match': one.headers.etag as string,
      },
    );
    expect(stale.status).toBe(412);
    expect((await t.api('GET', `${URL}/${f.field_id}`)).body.required).toBe(true);

    expect((await t.api('DELETE', `${URL}/${f.field_id}?confirm=${f.key}`)).status).toBe(204);
    expect((await t.api('GET', `${URL}/${f.field_id}`)).status).toBe(404);

    const audit = await t.api('GET', `/api/v1/audit-events?resource=custom-fields&record_id=${f.field_id}`);
    expect(audit.status).toBe(200);
    expect(audit.body.data.map((e: { action: string }) => e.action).sort()).toEqual([
      'create',
      'delete',
      'update',
    ]);
  });

  it('refuses a key twice in one entity (409 duplicate) but takes it in another', async () => {
    const k = key();
    expect((await create({ key: k })).status).toBe(201);
    const again = await create({ key: k });
    expect(again.status).toBe(409);
    expect(again.body.type).toContain('duplicate');
    expect(again.body.errors[0]).toMatchObject({ field: 'key', code: 'duplicate' });
    expect((await create({ key: k, entity: 'tasks' })).status).toBe(201);
  });

  it('refuses hostile and malformed definitions with a field error', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ key: 'Segment' }, 'key'],
      [{ key: '1abc' }, 'key'],
      [{ key: 'a'.repeat(41) }, 'key'],
      [{ key: 'a-b' }, 'key'],
      [{ key: "a'; drop table contacts;--" }, 'key'],
      [{ entity: 'users' }, 'entity'],
      [{ type: 'json' }, 'type'],
      [{ label: { fr: 'x'.repeat(101), en: 'x' } }, 'label.fr'],
      [{ label: { fr: '   ', en: 'x' } }, 'label.fr'],
      [{ label: { fr: 'a\nb', en: 'x' } }, 'label.fr'],
      [{ label: { fr: 'x' } }, 'en'],
      [{ color: 'red' }, 'color'],
      [{ type: 'text', options: [{ label: 'A' }] }, 'options'],
      [{ type: 'select' }, 'options'],
      [{ type: 'select', options: [] }, 'options'],
      [{ type: 'select', options: [{ label: 'Oui' }, { label: ' oui ' }] }, 'options.1.label'],
      [{ type: 'select', options: [{ label: 'x'.repeat(101) }] }, 'options.0.label'],
      [{ type: 'select', options: [{ label: 'A', id: 'nope' }] }, 'options.0.id'],
      [{ type: 'select', options: [{ label: 'A', color: '#ff0000' }] }, 'options.0.color'],
      [
        { type: 'select', options: Array.from({ length: OPTIONS_MAX + 1 }, (_, i) => ({ label: `O${i}` })) },
        'options',
      ],
      [{ type: 'number', default: 'abc' }, 'default'],
      [{ type: 'date', default: '2027-02-30' }, 'default'],
      [{ type: 'boolean', default: 'yes' }, 'default'],
      [{ type: 'select', options: [{ label: 'A' }], default: 'B' }, 'default'],
      [{ type: 'user', default: 2_000_000_000 }, 'default'],
      [{ type: 'text', default: 'x'.repeat(300) }, 'default'],
      [{ position: -1 }, 'position'],
    ];
    for (const [body, field] of cases) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(
        res.body.errors.map((e: { field: string }) => e.field).join(' '),
        JSON.stringify(body).slice(0, 80),
      ).toContain(field);
    }
    const huge = await t.api(
      'POST',
      URL,
      `{"entity":"contacts","key":"k","label":{"fr":"${'x'.repeat(2_000_000)}","en":"x"},"type":"text"}`,
    );
    expect([400, 413]).toContain(huge.status);
    const notJson = await t.api('POST', URL, '{"entity":', { 'content-type': 'application/json' });
    expect(notJson.status).toBe(400);
  });

  it('takes a required field without a default, and a user default only of an existing user', async () => {
    const r = await create({ type: 'date', required: true });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ required: true, default: null });
    const u = await create({ type: 'user', default: t.admin.user_id });
    expect(u.status).toBe(201);
    expect(u.body.default).toBe(t.admin.user_id);
    const m = await create({
      type: 'multi_select',
      options: [{ label: 'A' }, { label: 'B' }],
      default: ['b', 'A', 'a'],
    });
    expect(m.body.default).toEqual(['A', 'B']);
  });

  it('holds at most CUSTOM_FIELDS_MAX definitions an entity, even created in parallel', async () => {
    const have = (await t.api('GET', `${URL}?entity=opportunities`)).body.data.length;
    const room = CUSTOM_FIELDS_MAX - have;
    const results = await Promise.all(
      Array.from({ length: room + 3 }, () => create({ entity: 'opportunities' }).then((r) => r.status)),
    );
    expect(results.filter((s) => s === 201)).toHaveLength(room);
    expect((await t.api('GET', `${URL}?entity=opportunities`)).body.data).toHaveLength(CUSTOM_FIELDS_MAX);
    const over = await create({ entity: 'opportunities' });
    expect(over.status).toBe(400);
    expect(over.body.errors[0]).toMatchObject({ code: 'too_many', limit: CUSTOM_FIELDS_MAX });
  });

  it('refuses unknown properties and changes of key or entity', async () => {
    const f = (await create({})).body;
    expect((await create({ extra: 1 })).status).toBe(400);
    for (const body of [
      { key: 'other' },
      { entity: 'tasks' },
      { field_id: 9 },
      { options: [{ label: 'A' }] },
    ])
      expect((await t.api('PATCH', `${URL}/${f.field_id}`, body)).status, JSON.stringify(body)).toBe(400);
    expect((await t.api('GET', `${URL}/${f.field_id}`)).body).toEqual(f);
    expect((await t.api('PATCH', `${URL}/999999`, { required: true })).status).toBe(404);
    expect((await t.api('GET', `${URL}/abc`)).status).toBe(400);
  });

  it('keeps option IDs across a rename and gives new options new IDs', async () => {
    const f = (await create({ type: 'select', options: [{ label: 'Bronze' }, { label: 'Silver' }] })).body;
    const [bronze, silver] = f.options;
    const res = await t.api('PATCH', `${URL}/${f.field_id}`, {
      options: [
        { id: silver.id, label: 'Argent', color: 'cyan' },
        { id: bronze.id, label: 'Bronze' },
        { label: 'Or' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.options).toMatchObject([
      { id: silver.id, label: 'Argent', color: 'cyan' },
      { id: bronze.id, label: 'Bronze', color: 'gray' },
      { label: 'Or', color: 'gray' },
    ]);
    expect([bronze.id, silver.id]).not.toContain(res.body.options[2].id);
    const twice = await t.api('PATCH', `${URL}/${f.field_id}`, {
      options: [
        { id: bronze.id, label: 'A' },
        { id: bronze.id, label: 'B' },
      ],
    });
    expect(twice.status).toBe(400);
  });

  it('reorders an entity’s fields, naming each once', async () => {
    const entity = 'tasks';
    const before = (await t.api('GET', `${URL}?entity=${entity}`)).body.data;
    const made = [(await create({ entity })).body, (await create({ entity })).body];
    const ids = [...before, ...made].map((f: { field_id: number }) => f.field_id).reverse();
    const res = await t.api('POST', `${URL}/reorder`, { entity, ids });
    expect(res.status).toBe(200);
    expect(res.body.data.map((f: { field_id: number }) => f.field_id)).toEqual(ids);
    expect(res.body.data.map((f: { position: number }) => f.position)).toEqual(ids.map((_, i) => i));
    expect(
      (await t.api('GET', `${URL}?entity=${entity}`)).body.data.map((f: { field_id: number }) => f.field_id),
    ).toEqual(ids);
    for (const bad of [ids.slice(1), [...ids, ids[0]], [...ids.slice(1), 999999]]) {
      const r = await t.api('POST', `${URL}/reorder`, { entity, ids: bad });
      expect(r.status).toBe(400);
      expect(r.body.errors[0].field).toBe('ids');
    }
  });

  it('lets every signed-in role read and only admins write (403 role_not_allowed)', async () => {
    const f = (await create({})).body;
    for (const role of ['manager', 'sales', 'viewer'] as const) {
      const m = await t.member(role);
      expect((await m.api('GET', URL)).status).toBe(200);
      expect((await m.api('GET', `${URL}/${f.field_id}`)).status).toBe(200);
      for (const [method, url, body] of [
        ['POST', URL, { entity: 'contacts', key: key(), label: label('x'), type: 'text' }],
        ['PATCH', `${URL}/${f.field_id}`, { required: true }],
        ['DELETE', `${URL}/${f.field_id}?confirm=${f.key}`, undefined],
        ['POST', `${URL}/reorder`, { entity: 'contacts', ids: [f.field_id] }],
      ] as const) {
        const res = await m.api(method, url, body);
        expect(res.status, `${role} ${method} ${url}`).toBe(403);
        expect(res.body.code).toBe('role_not_allowed');
      }
    }
    expect((await t.api('GET', `${URL}/${f.field_id}`)).body).toEqual(f);
    expect((await t.anon('GET', URL)).status).toBe(401);
  });
});

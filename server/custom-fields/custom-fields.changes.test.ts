// What definition changes do to the records' stored values: a renamed option rewrites the records
// holding it (JSON, updated_at hence ETag, audit entry), a used option cannot be removed, a type
// changes only when every value converts, and a field is deleted only once confirmed.
import { describe, expect, it } from 'vitest';
import type { CustomField, CustomFieldEntity } from '../../shared/custom-fields.js';
import type { LooseDb, Row } from '../crud/resource.js';
import { insertMany } from '../db/pg-unnest.js';
import { createCompany, createContact, uniq } from '../test/factories.js';
import { describeEachDialect, type TestContext } from '../test/harness.js';
import { indexRows } from './index-rows.js';

const URL = '/api/v1/custom-fields';
const TABLES = {
  contacts: ['contacts', 'contact_id'],
  companies: ['companies', 'company_id'],
  opportunities: ['opportunities', 'opportunity_id'],
  tasks: ['tasks', 'task_id'],
} as const;

const db = (t: TestContext) => t.db.kysely as unknown as LooseDb;

/** Gives records values as the record writes will (the JSON column and the index rows). */
async function give(t: TestContext, entity: CustomFieldEntity, id: number, values: Record<string, unknown>) {
  const [table, idColumn] = TABLES[entity];
  await db(t)
    .updateTable(table)
    .set({ custom_fields: Object.keys(values).length > 0 ? JSON.stringify(values) : null })
    .where(idColumn, '=', id)
    .execute();
  const fields = (await t.api('GET', `${URL}?entity=${entity}`)).body.data as CustomField[];
  await db(t)
    .deleteFrom('custom_values')
    .where('record_id', '=', id)
    .where(
      'field_id',
      'in',
      fields.map((f) => f.field_id),
    )
    .execute();
  const rows = indexRows(fields, id, values);
  if (rows.length > 0) await db(t).insertInto('custom_values').values(rows).execute();
}

async function stored(t: TestContext, entity: CustomFieldEntity, id: number) {
  const [table, idColumn] = TABLES[entity];
  const row = (await db(t)
    .selectFrom(table)
    .select('custom_fields')
    .where(idColumn, '=', id)
    .executeTakeFirstOrThrow()) as Row;
  return row.custom_fields === null ? null : JSON.parse(String(row.custom_fields));
}

const indexOf = async (t: TestContext, fieldId: number) =>
  (
    (await db(t)
      .selectFrom('custom_values')
      .select(['record_id', 'value_text', 'value_num'])
      .where('field_id', '=', fieldId)
      .orderBy('record_id')
      .orderBy('value_text')
      .execute()) as Row[]
  ).map((r) => ({ ...r, value_num: r.value_num === null ? null : Number(r.value_num) }));

const auditOf = async (t: TestContext, resource: string, id: number) =>
  (await t.api('GET', `/api/v1/audit-events?resource=${resource}&record_id=${id}`)).body.data as {
    action: string;
    changes: Record<string, [unknown, unknown]>;
  }[];

describeEachDialect('custom field changes and the records’ values', (t) => {
  const define = async (entity: CustomFieldEntity, body: Record<string, unknown>) => {
    const res = await t.api('POST', URL, {
      entity,
      key: `f_${uniq()}`,
      label: { fr: 'Champ', en: 'Field' },
      ...body,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as CustomField;
  };
  const contact = async () => (await createContact(t)).contact_id as number;
  const etag = async (id: number) => (await t.api('GET', `/api/v1/contacts/${id}`)).headers.etag;

  it('renames an option in every record holding it: JSON, updated_at, ETag and audit entry', async () => {
    const f = await define('contacts', { type: 'select', options: [{ label: 'PME' }, { label: 'ETI' }] });
    const m = await define('contacts', {
      type: 'multi_select',
      options: [{ label: 'Salon' }, { label: 'Web' }, { label: 'Ami' }],
    });
    const [a, b, c] = [await contact(), await contact(), await contact()];
    await give(t, 'contacts', a, { [f.key]: 'PME', [m.key]: ['Salon', 'Ami'], other: 'kept' });
    await give(t, 'contacts', b, { [f.key]: 'ETI' });
    const before = { a: await etag(a), b: await etag(b), c: await etag(c) };
    const indexBefore = await indexOf(t, f.field_id);

    const [pme, eti] = f.options;
    const res = await t.api('PATCH', `${URL}/${f.field_id}`, {
      options: [
        { id: eti.id, label: 'ETI' },
        { id: pme.id, label: 'Petite entreprise' },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await stored(t, 'contacts', a)).toEqual({
      [f.key]: 'Petite entreprise',
      [m.key]: ['Salon', 'Ami'],
      other: 'kept',
    });
    expect(await stored(t, 'contacts', b)).toEqual({ [f.key]: 'ETI' });
    expect(await etag(a)).not.toBe(before.a);
    expect(await etag(b)).toBe(before.b);
    expect(await etag(c)).toBe(before.c);
    expect(await indexOf(t, f.field_id)).toEqual(indexBefore); // options are indexed by ID
    const [entry] = (await auditOf(t, 'contacts', a)).filter((e) => e.changes?.custom_fields);
    expect(entry.action).toBe('update');
    expect(entry.changes.custom_fields).toEqual([
      { [f.key]: 'PME', [m.key]: ['Salon', 'Ami'], other: 'kept' },
      { [f.key]: 'Petite entreprise', [m.key]: ['Salon', 'Ami'], other: 'kept' },
    ]);

    // a record written through the API: its value, its search words follow the new label
    const word = `Zq${uniq()}`;
    const viaApi = await t.api('POST', '/api/v1/contacts', {
      last_name: word,
      custom_fields: { [f.key]: 'eti' },
    });
    expect(viaApi.status, JSON.stringify(viaApi.body)).toBe(201);
    expect(viaApi.body.custom_fields).toEqual({ [f.key]: 'ETI' });
    const renamed = await t.api('PATCH', `${URL}/${f.field_id}`, {
      options: [
        { id: eti.id, label: 'Intermédiaire' },
        { id: pme.id, label: 'Petite entreprise' },
      ],
    });
    expect(renamed.status).toBe(200);
    const shown = await t.api('GET', `/api/v1/contacts/${viaApi.body.contact_id}`);
    expect(shown.body.custom_fields).toEqual({ [f.key]: 'Intermédiaire' });
    expect(shown.headers.etag).not.toBe(viaApi.headers.etag);

    // a multi-select's renamed option, in the options' order
    const [salon, web, ami] = m.options;
    const again = await t.api('PATCH', `${URL}/${m.field_id}`, {
      options: [
        { id: ami.id, label: 'Amis' },
        { id: salon.id, label: 'Salon' },
        { id: web.id, label: 'Web' },
      ],
    });
    expect(again.status).toBe(200);
    expect((await stored(t, 'contacts', a))[m.key]).toEqual(['Amis', 'Salon']);
    const hist = await t.api('GET', `/api/v1/audit-events?resource=custom-fields&record_id=${f.field_id}`);
    expect(hist.body.data.map((e: { action: string }) => e.action)).toContain('update');
  });

  it('refuses to remove an option records hold (409 option_in_use, nothing changed), and removes an unused one', async () => {
    const f = await define('contacts', {
      type: 'select',
      options: [{ label: 'A' }, { label: 'B' }, { label: 'C' }],
    });
    const [a, b] = [await contact(), await contact()];
    await give(t, 'contacts', a, { [f.key]: 'A' });
    await give(t, 'contacts', b, { [f.key]: 'A' });
    const [oa, ob, oc] = f.options;
    const refused = await t.api('PATCH', `${URL}/${f.field_id}`, {
      options: [
        { id: ob.id, label: 'B' },
        { id: oc.id, label: 'C2' },
      ],
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'option_in_use', count: 2 });
    expect((await t.api('GET', `${URL}/${f.field_id}`)).body).toEqual(f);
    const ok = await t.api('PATCH', `${URL}/${f.field_id}`, {
      options: [
        { id: oa.id, label: 'A' },
        { id: oc.id, label: 'C' },
      ],
    });
    expect(ok.status).toBe(200);
    expect(ok.body.options.map((o: { id: string }) => o.id)).toEqual([oa.id, oc.id]);
  });

  it('refuses a type change some values do not survive (count and examples), then converts them all', async () => {
    const f = await define('contacts', { type: 'text' });
    const ids = [await contact(), await contact(), await contact(), await contact()];
    const values = ['42', 'abc', ' 7.5 ', 'n/a'];
    for (const [i, id] of ids.entries()) await give(t, 'contacts', id, { [f.key]: values[i] });
    const etags = await Promise.all(ids.map(etag));

    const refused = await t.api('PATCH', `${URL}/${f.field_id}`, { type: 'number' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'conversion_failed',
      count: 2,
      examples: [
        { record_id: ids[1], value: 'abc' },
        { record_id: ids[3], value: 'n/a' },
      ],
    });
    expect((await t.api('GET', `${URL}/${f.field_id}`)).body.type).toBe('text');
    for (const [i, id] of ids.entries()) {
      expect(await stored(t, 'contacts', id)).toEqual({ [f.key]: values[i] });
      expect(await etag(id)).toBe(etags[i]);
    }

    await give(t, 'contacts', ids[1], { [f.key]: '-3' });
    await give(t, 'contacts', ids[3], {});
    const ok = await t.api('PATCH', `${URL}/${f.field_id}`, { type: 'number' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(await stored(t, 'contacts', ids[0])).toEqual({ [f.key]: 42 });
    expect(await stored(t, 'contacts', ids[1])).toEqual({ [f.key]: -3 });
    expect(await stored(t, 'contacts', ids[2])).toEqual({ [f.key]: 7.5 });
    expect(await stored(t, 'contacts', ids[3])).toBeNull();
    expect(await etag(ids[0])).not.toBe(etags[0]);
    expect(await indexOf(t, f.field_id)).toEqual([
      { record_id: ids[0], value_text: null, value_num: 42 },
      { record_id: ids[1], value_text: null, value_num: -3 },
      { record_id: ids[2], value_text: null, value_num: 7.5 },
    ]);
    const [entry] = (await auditOf(t, 'contacts', ids[2])).filter((e) => e.changes?.custom_fields);
    expect(entry.changes.custom_fields).toEqual([{ [f.key]: ' 7.5 ' }, { [f.key]: 7.5 }]);
  });

  it('gives records the search words of the new type (a text is searched, a select is not)', async () => {
    const f = await define('contacts', { type: 'text' });
    const word = `Zq${uniq()}`;
    const made = await t.api('POST', '/api/v1/contacts', {
      last_name: 'Search',
      custom_fields: { [f.key]: word },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const found = async () =>
      (await t.api('GET', `/api/v1/contacts?q=${word}`)).body.data.map(
        (c: { contact_id: number }) => c.contact_id,
      );
    expect(await found()).toEqual([made.body.contact_id]);
    const res = await t.api('PATCH', `${URL}/${f.field_id}`, { type: 'select', options: [{ label: word }] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await found()).toEqual([]);
    const back = await t.api('PATCH', `${URL}/${f.field_id}`, { type: 'text' });
    expect(back.status).toBe(200);
    expect(await found()).toEqual([made.body.contact_id]);
    expect((await t.api('GET', `/api/v1/contacts/${made.body.contact_id}`)).body.custom_fields).toEqual({
      [f.key]: word,
    });
  });

  describe('converts between other types', () => {
    const cases: [string, Record<string, unknown>, Record<string, unknown>, unknown, unknown][] = [
      ['date → text', { type: 'date' }, { type: 'text' }, '2027-03-01', '2027-03-01'],
      [
        'select → multi_select',
        { type: 'select', options: [{ label: 'PME' }] },
        { type: 'multi_select' },
        'PME',
        ['PME'],
      ],
      ['text → select', { type: 'text' }, { type: 'select', options: [{ label: 'PME' }] }, 'pme', 'PME'],
      ['number → money', { type: 'number' }, { type: 'money' }, 12.5, 12.5],
      [
        'multi_select → text',
        { type: 'multi_select', options: [{ label: 'A' }, { label: 'B' }] },
        { type: 'text' },
        ['A', 'B'],
        'A, B',
      ],
      ['text → boolean', { type: 'text' }, { type: 'boolean' }, 'oui', true],
    ];
    for (const [name, from, to, value, expected] of cases)
      it(name, async () => {
        const f = await define('companies', from);
        const id = (await createCompany(t)).company_id as number;
        await give(t, 'companies', id, { [f.key]: value });
        const res = await t.api('PATCH', `${URL}/${f.field_id}`, to);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(await stored(t, 'companies', id)).toEqual({ [f.key]: expected });
        expect((await indexOf(t, f.field_id)).length).toBeGreaterThan(0);
      });
    it('refuses a number naming no user as a user', async () => {
      const f = await define('companies', { type: 'number' });
      const [a, b] = [
        (await createCompany(t)).company_id as number,
        (await createCompany(t)).company_id as number,
      ];
      await give(t, 'companies', a, { [f.key]: t.admin.user_id });
      await give(t, 'companies', b, { [f.key]: 987654 });
      const res = await t.api('PATCH', `${URL}/${f.field_id}`, { type: 'user' });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        code: 'conversion_failed',
        count: 1,
        examples: [{ record_id: b, value: 987654 }],
      });
    });
    it('refuses a select with a value no option names, and several options into one', async () => {
      const f = await define('companies', {
        type: 'multi_select',
        options: [{ label: 'A' }, { label: 'B' }],
      });
      const id = (await createCompany(t)).company_id as number;
      await give(t, 'companies', id, { [f.key]: ['A', 'B'] });
      const res = await t.api('PATCH', `${URL}/${f.field_id}`, { type: 'select' });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        code: 'conversion_failed',
        count: 1,
        examples: [{ record_id: id, value: ['A', 'B'] }],
      });
    });
  });

  it('deletes a field only when confirmed by its key, removing its values from every record', async () => {
    const f = await define('contacts', { type: 'text' });
    const [a, b, c] = [await contact(), await contact(), await contact()];
    await give(t, 'contacts', a, { [f.key]: 'x', keep: 1 });
    await give(t, 'contacts', b, { [f.key]: 'y' });
    const etags = [await etag(a), await etag(b), await etag(c)];
    for (const url of [`${URL}/${f.field_id}`, `${URL}/${f.field_id}?confirm=wrong`]) {
      const res = await t.api('DELETE', url);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'confirmation_required', count: 2 });
    }
    expect((await t.api('GET', `${URL}/${f.field_id}`)).status).toBe(200);
    expect(await stored(t, 'contacts', a)).toEqual({ [f.key]: 'x', keep: 1 });

    expect((await t.api('DELETE', `${URL}/${f.field_id}?confirm=${f.key}`)).status).toBe(204);
    expect((await t.api('GET', `${URL}/${f.field_id}`)).status).toBe(404);
    expect(await stored(t, 'contacts', a)).toEqual({ keep: 1 });
    expect(await stored(t, 'contacts', b)).toBeNull();
    expect(await indexOf(t, f.field_id)).toEqual([]);
    expect(await etag(a)).not.toBe(etags[0]);
    expect(await etag(b)).not.toBe(etags[1]);
    expect(await etag(c)).toBe(etags[2]);
    const [entry] = (await auditOf(t, 'contacts', b)).filter((e) => e.changes?.custom_fields);
    expect(entry.changes.custom_fields).toEqual([{ [f.key]: 'y' }, {}]);
    const defAudit = await auditOf(t, 'custom-fields', f.field_id);
    expect(defAudit.map((e) => e.action)).toContain('delete');
  });

  it('rewrites more records than one batch holds (1,200 companies)', async () => {
    const f = await define('companies', { type: 'select', options: [{ label: 'Old' }] });
    const model = (await db(t)
      .selectFrom('companies')
      .selectAll()
      .where('company_id', '=', (await createCompany(t)).company_id as number)
      .executeTakeFirstOrThrow()) as Row;
    const { company_id: _id, ...rest } = model;
    const rows = Array.from({ length: 1200 }, (_, i) => ({
      ...rest,
      company_name: `Bulk ${i} ${uniq()}`,
      custom_fields: JSON.stringify({ [f.key]: 'Old' }),
    }));
    await insertMany(db(t), t.dialect, 'companies', Object.keys(rows[0]), rows);
    const ids = (
      (await db(t)
        .selectFrom('companies')
        .select('company_id')
        .where('custom_fields', 'is not', null)
        .where('company_name', 'like', 'Bulk %')
        .execute()) as Row[]
    ).map((r) => Number(r.company_id));
    expect(ids).toHaveLength(1200);
    await insertMany(
      db(t),
      t.dialect,
      'custom_values',
      ['field_id', 'record_id', 'value_text', 'value_num'],
      ids.map((id) => ({
        field_id: f.field_id,
        record_id: id,
        value_text: f.options[0].id,
        value_num: null,
      })),
    );
    const res = await t.api('PATCH', `${URL}/${f.field_id}`, {
      options: [{ id: f.options[0].id, label: 'New' }],
    });
    expect(res.status).toBe(200);
    const left = await db(t)
      .selectFrom('companies')
      .select('company_id')
      .where('custom_fields', 'like', '%"Old"%')
      .execute();
    expect(left).toHaveLength(0);
    const { n } = (await db(t)
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('resource', '=', 'companies')
      .where('record_id', 'in', ids)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow()) as Row;
    expect(Number(n)).toBe(1200);
  });
});

// A definition change racing record writes: the records' own changes made meanwhile survive the
// rewrite, and the rewrite reaches every record (the pages it reads are locked, then re-read).
import { expect, it } from 'vitest';
import type { CustomField } from '../../shared/custom-fields.js';
import type { LooseDb } from '../crud/resource.js';
import { uniq } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';

const URL = '/api/v1/custom-fields';

describeEachDialect('custom field changes racing record writes', (t) => {
  it('renames an option while the records holding it are being changed, losing neither', async () => {
    const define = async (body: Record<string, unknown>) =>
      (
        await t.api('POST', URL, {
          entity: 'contacts',
          key: `r_${uniq()}`,
          label: { fr: 'Course', en: 'Race' },
          ...body,
        })
      ).body as CustomField;
    const segment = await define({ type: 'select', options: [{ label: 'Avant' }] });
    const note = await define({ type: 'text' });
    const ids: number[] = [];
    for (let i = 0; i < 24; i++) {
      const res = await t.api('POST', '/api/v1/contacts', {
        last_name: `Race ${i}`,
        custom_fields: { [segment.key]: 'Avant' },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids.push(res.body.contact_id);
    }
    const writes = ids.map((id, i) =>
      t.api('PATCH', `/api/v1/contacts/${id}`, { custom_fields: { [note.key]: `note ${i}` } }),
    );
    const rename = t.api('PATCH', `${URL}/${segment.field_id}`, {
      options: [{ id: segment.options[0].id, label: 'Après' }],
    });
    const [renamed, ...written] = await Promise.all([rename, ...writes]);
    expect(renamed.status).toBe(200);
    for (const w of written) expect(w.status, JSON.stringify(w.body)).toBe(200);
    for (const [i, id] of ids.entries()) {
      const { body } = await t.api('GET', `/api/v1/contacts/${id}`);
      expect(body.custom_fields, `contact ${i}`).toEqual({ [segment.key]: 'Après', [note.key]: `note ${i}` });
    }
  });

  it('waits for a record write in flight and rewrites the record as that write left it', async () => {
    if (t.dialect === 'sqlite') return; // one writer at a time: nothing interleaves
    const define = async (body: Record<string, unknown>) =>
      (
        await t.api('POST', URL, {
          entity: 'contacts',
          key: `w_${uniq()}`,
          label: { fr: 'Attente', en: 'Wait' },
          ...body,
        })
      ).body as CustomField;
    const segment = await define({ type: 'select', options: [{ label: 'Avant' }] });
    const note = await define({ type: 'text' });
    const made = await t.api('POST', '/api/v1/contacts', {
      last_name: 'Waiting',
      custom_fields: { [segment.key]: 'Avant' },
    });
    const id = made.body.contact_id as number;
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    let locked = () => {};
    const isLocked = new Promise<void>((r) => {
      locked = r;
    });
    // another writer holds the record, its change not yet committed
    const other = (t.db.kysely as unknown as LooseDb).transaction().execute(async (trx) => {
      await trx
        .updateTable('contacts')
        .set({ custom_fields: JSON.stringify({ [segment.key]: 'Avant', [note.key]: 'written meanwhile' }) })
        .where('contact_id', '=', id)
        .execute();
      locked();
      await held;
    });
    await isLocked;
    const rename = t.api('PATCH', `${URL}/${segment.field_id}`, {
      options: [{ id: segment.options[0].id, label: 'Après' }],
    });
    await new Promise((r) => setTimeout(r, 300)); // the rename reaches the held record and waits
    release();
    await other;
    expect((await rename).status).toBe(200);
    const { body } = await t.api('GET', `/api/v1/contacts/${id}`);
    expect(body.custom_fields).toEqual({ [segment.key]: 'Après', [note.key]: 'written meanwhile' });
  });
});

import { expect, it } from 'vitest';
import { auditsOf, countOf, rowsOf } from '../deletes/deletes.helpers.js';
import { uniq } from '../test/factories.js';
import { describeEachDialect, type TestContext } from '../test/harness.js';
import { contactByEmail, insertImportJob, runImport } from '../test/import-helpers.js';

const csv = (rows: string[]) => ['First Name,Last Name,Email,Phone,Company,Notes', ...rows].join('\n');

/** IDs of the records one import job created, by kind, from the audit log */
async function createdBy(t: TestContext, importId: number, resource: string) {
  const rows = await t.db.kysely
    .selectFrom('audit_events')
    .select('record_id')
    .where('import_id', '=', importId)
    .where('resource', '=', resource)
    .where('action', '=', 'create')
    .execute();
  return rows.map((r) => Number(r.record_id));
}

describeEachDialect('imports: undoing a job', (t) => {
  it('deletes what a job created (contacts, their company and notes), with audit entries, once', async () => {
    const u = uniq();
    const job = await runImport(
      t,
      csv([
        `Ana,Undo,ana.${u}@example.com,,Undo Co ${u},met at a fair`,
        `Bo,Undo,bo.${u}@example.com,,Undo Co ${u},`,
      ]),
    );
    expect(job).toMatchObject({ status: 'done', created: 2, undoable: true, undone_at: null });
    const contacts = await createdBy(t, job.import_id, 'contacts');
    const companies = await createdBy(t, job.import_id, 'companies');
    const notes = await createdBy(t, job.import_id, 'interactions');
    expect([contacts.length, companies.length, notes.length]).toEqual([2, 1, 1]);

    const preview = await t.api('GET', `/api/v1/imports/${job.import_id}/undo`);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toEqual({
      created: { contacts: 2, companies: 1, interactions: 1, opportunities: 0 },
      attached: {
        contacts: { opportunities: 0, interactions: 0, tasks: 0 },
        companies: { contacts: 0, opportunities: 0, interactions: 0, tasks: 0 },
      },
      restore: { contacts: 0, companies: 0, interactions: 0, opportunities: 0 },
      conflicts: [],
    });

    const res = await t.api('POST', `/api/v1/imports/${job.import_id}/undo`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      deleted: { contacts: 2, companies: 1, interactions: 1, opportunities: 0 },
      restored: { contacts: 0, companies: 0, interactions: 0, opportunities: 0 },
      conflicts: [],
    });
    expect(await countOf(t, 'contacts', contacts)).toBe(0);
    expect(await countOf(t, 'companies', companies)).toBe(0);
    expect(await countOf(t, 'interactions', notes)).toBe(0);
    expect(await auditsOf(t, 'contacts', 'delete', contacts)).toHaveLength(2);
    expect(await auditsOf(t, 'companies', 'delete', companies)).toHaveLength(1);
    expect(await auditsOf(t, 'interactions', 'delete', notes)).toHaveLength(1);
    const [undoEntry] = await auditsOf(t, 'imports', 'update', [job.import_id]);
    expect(undoEntry).toMatchObject({ user_id: t.admin.user_id });
    expect(undoEntry.changes.undone_at[1]).toBe(res.body.undone_at);

    const after = await t.api('GET', `/api/v1/imports/${job.import_id}`);
    expect(after.body).toMatchObject({ undone_at: res.body.undone_at, undoable: false });
    const again = await t.api('POST', `/api/v1/imports/${job.import_id}/undo`, {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('import_already_undone');
    expect((await t.api('GET', `/api/v1/imports/${job.import_id}/undo`)).body.code).toBe(
      'import_already_undone',
    );
  });

  it('gives updated records their values back, and reports (and keeps) those changed since', async () => {
    const u = uniq();
    const kept = await t.api('POST', '/api/v1/contacts', {
      first_name: 'Kept',
      last_name: 'Before',
      email: `kept.${u}@example.com`,
      phone: '0102030405',
    });
    const edited = await t.api('POST', '/api/v1/contacts', {
      first_name: 'Edited',
      last_name: 'Before',
      email: `edited.${u}@example.com`,
    });
    const job = await runImport(
      t,
      csv([`Kept,After,kept.${u}@example.com,0600000000,,`, `Edited,After,edited.${u}@example.com,,,`]),
      { query: { on_duplicate: 'update' } },
    );
    expect(job).toMatchObject({ status: 'done', updated: 2, created: 0 });
    expect(await contactByEmail(t, `kept.${u}@example.com`)).toMatchObject({
      last_name: 'After',
      phone: '0600000000',
    });
    // someone changes one of them after the import
    const manager = await t.member('manager');
    const patched = await manager.api('PATCH', `/api/v1/contacts/${edited.body.contact_id}`, {
      first_name: 'Changed',
    });
    expect(patched.status).toBe(200);

    const preview = await t.api('GET', `/api/v1/imports/${job.import_id}/undo`);
    expect(preview.body.restore).toMatchObject({ contacts: 1 });
    expect(preview.body.conflicts).toEqual([
      { resource: 'contacts', id: edited.body.contact_id, reason: 'changed' },
    ]);
    const res = await t.api('POST', `/api/v1/imports/${job.import_id}/undo`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.restored).toMatchObject({ contacts: 1 });
    expect(res.body.conflicts).toEqual([
      { resource: 'contacts', id: edited.body.contact_id, reason: 'changed' },
    ]);

    expect(await contactByEmail(t, `kept.${u}@example.com`)).toMatchObject({
      first_name: 'Kept',
      last_name: 'Before',
      phone: '0102030405',
    });
    expect(await contactByEmail(t, `edited.${u}@example.com`)).toMatchObject({
      first_name: 'Changed',
      last_name: 'After',
    });
    // the restore is an update of its own in the log, by whoever undid the import
    const updates = await auditsOf(t, 'contacts', 'update', [kept.body.contact_id]);
    expect(updates.at(-1)).toMatchObject({
      user_id: t.admin.user_id,
      changes: { last_name: ['After', 'Before'], phone: ['0600000000', '0102030405'] },
    });
  });

  it('asks a choice for what was attached since (409, nothing undone), then deletes it with the choice', async () => {
    const u = uniq();
    const job = await runImport(t, csv([`Cy,Attached,cy.${u}@example.com,,,`]));
    const [contactId] = await createdBy(t, job.import_id, 'contacts');
    const call = await t.api('POST', '/api/v1/interactions', {
      contact_id: contactId,
      interaction_type: 'call',
      interaction_date: new Date().toISOString(),
      notes: 'after the import',
    });
    expect(call.status, JSON.stringify(call.body)).toBe(201);

    const preview = await t.api('GET', `/api/v1/imports/${job.import_id}/undo`);
    expect(preview.body.attached.contacts).toEqual({ opportunities: 0, interactions: 1, tasks: 0 });
    const refused = await t.api('POST', `/api/v1/imports/${job.import_id}/undo`, {});
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.references).toEqual([{ resource: 'interactions', count: 1 }]);
    expect(refused.body.options).toEqual({ interactions: ['delete'] });
    expect(await countOf(t, 'contacts', [contactId])).toBe(1);
    expect((await t.api('GET', `/api/v1/imports/${job.import_id}`)).body.undone_at).toBeNull();

    const res = await t.api('POST', `/api/v1/imports/${job.import_id}/undo`, { interactions: 'delete' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ deleted: { contacts: 1 }, interactions_deleted: 1 });
    expect(await countOf(t, 'contacts', [contactId])).toBe(0);
    expect(await countOf(t, 'interactions', [call.body.interaction_id])).toBe(0);
  });

  it('a deals import: its deals and companies go; a task added to a deal since stays, without the deal', async () => {
    const u = uniq();
    const file = ['Deal,Amount,Company', `Undo deal ${u},1200,Undo Deals ${u}`].join('\n');
    const job = await runImport(t, file, { entity: 'opportunities' });
    expect(job).toMatchObject({ status: 'done', created: 1 });
    const [dealId] = await createdBy(t, job.import_id, 'opportunities');
    const [companyId] = await createdBy(t, job.import_id, 'companies');
    const task = await t.api('POST', '/api/v1/tasks', { title: `Follow up ${u}`, opportunity_id: dealId });
    expect(task.status, JSON.stringify(task.body)).toBe(201);

    const preview = await t.api('GET', `/api/v1/imports/${job.import_id}/undo`);
    // the deal is the job's own: nothing attached to the company asks a choice
    expect(preview.body.created).toMatchObject({ opportunities: 1, companies: 1 });
    expect(preview.body.attached.companies).toEqual({
      contacts: 0,
      opportunities: 0,
      interactions: 0,
      tasks: 0,
    });
    const res = await t.api('POST', `/api/v1/imports/${job.import_id}/undo`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ deleted: { opportunities: 1, companies: 1 }, tasks_unlinked: 1 });
    expect(await countOf(t, 'opportunities', [dealId])).toBe(0);
    expect(await countOf(t, 'companies', [companyId])).toBe(0);
    const [kept] = await rowsOf(t, 'tasks', [task.body.task_id]);
    expect(kept).toMatchObject({ opportunity_id: null });
  });

  it('is for its author or an admin; not for a job running, a check, or one made before undo', async () => {
    const sales = await t.member('sales');
    const manager = await t.member('manager');
    const u = uniq();
    const job = await runImport(t, csv([`Own,Job,own.${u}@example.com,,,`]), { token: sales.token });
    // another user: a manager sees the job but may not undo it; another sales user does not see it
    expect((await manager.api('POST', `/api/v1/imports/${job.import_id}/undo`, {})).status).toBe(403);
    expect((await manager.api('GET', `/api/v1/imports/${job.import_id}/undo`)).status).toBe(403);
    const other = await t.member('sales');
    expect((await other.api('POST', `/api/v1/imports/${job.import_id}/undo`, {})).status).toBe(404);
    expect((await sales.api('POST', `/api/v1/imports/${job.import_id}/undo`, {})).status).toBe(200);

    const running = await insertImportJob(t, { userId: t.admin.user_id, status: 'running', message: 'x' });
    await t.db.kysely
      .updateTable('imports')
      .set({ undo_version: 1 })
      .where('import_id', '=', running)
      .execute();
    const busy = await t.api('POST', `/api/v1/imports/${running}/undo`, {});
    expect([busy.status, busy.body.code]).toEqual([409, 'import_busy']);

    const old = await insertImportJob(t, { userId: t.admin.user_id, status: 'done', message: 'x' });
    const before = await t.api('GET', `/api/v1/imports/${old}/undo`);
    expect([before.status, before.body.code]).toEqual([409, 'import_not_undoable']);
    expect((await t.api('GET', `/api/v1/imports/${old}`)).body.undoable).toBe(false);

    const check = await runImport(t, csv([`Dry,Run,dry.${u}@example.com,,,`]), {
      query: { dry_run: 'true' },
    });
    const dry = await t.api('POST', `/api/v1/imports/${check.import_id}/undo`, {});
    expect([dry.status, dry.body.code]).toEqual([409, 'import_not_undoable']);
  });
});

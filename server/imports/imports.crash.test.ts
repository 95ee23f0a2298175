import { join } from 'node:path';
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { companies } from '../companies/companies.resource.js';
import { contacts } from '../contacts/contacts.resource.js';
import { CrudService } from '../crud/crud.service.js';
import type { Actor } from '../crud/resource.js';
import { timestampParam } from '../db/dialect.js';
import { interactions } from '../interactions/interactions.resource.js';
import { opportunities } from '../opportunities/opportunities.resource.js';
import { uniq } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';
import { waitForImport } from '../test/import-helpers.js';
import { ImportService } from './import.service.js';
import { saveUpload } from './upload.js';

describeEachDialect('imports: batches are all or nothing; a failing import leaves the others alone', (t) => {
  const services = () => ({
    companies: new CrudService(companies, t.db),
    contacts: new CrudService(contacts, t.db),
    opportunities: new CrudService(opportunities, t.db),
    interactions: new CrudService(interactions, t.db),
  });
  const admin = (): Actor => ({ userId: t.admin.user_id, role: 'admin', via: 'token' });
  const file = async (tag: string, rows: number) => {
    const lines = ['First Name,Last Name,Email,Company'];
    for (let i = 0; i < rows; i++) lines.push(`P${i},${tag},${tag}.${i}@example.com,${tag} Company ${i % 3}`);
    return (await saveUpload(Readable.from([lines.join('\n')]))).path;
  };
  const contactsTagged = async (tag: string) =>
    Number(
      (
        await t.db.kysely
          .selectFrom('contacts')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('last_name', '=', tag)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('a crash inside the third batch keeps the first two, none of the third, and a failed status; the other import finishes', async () => {
    const crashing = `Crash${uniq()}`;
    const healthy = `Healthy${uniq()}`;
    const svc = new ImportService(t.db, services(), {
      batchRows: 10,
      concurrency: 2,
      hooks: {
        beforeCommit: async (batch, importId) => {
          if (batch === 3 && importId === crash.id) throw new Error('simulated crash');
        },
      },
    });
    const crash: { id?: number } = {};
    const options = { dry_run: false, on_duplicate: 'skip' as const };
    const a = await svc.create({
      entity: 'contacts',
      path: await file(crashing, 45),
      fileName: 'a.csv',
      options,
      actor: admin(),
    });
    crash.id = a.import_id;
    const b = await svc.create({
      entity: 'contacts',
      path: await file(healthy, 45),
      fileName: 'b.csv',
      options,
      actor: admin(),
    });
    await Promise.all([svc.finished(a.import_id), svc.finished(b.import_id)]);
    const failed = await waitForImport(t, a.import_id);
    expect(failed).toMatchObject({ status: 'failed', total_rows: 45, processed_rows: 20, created: 20 });
    expect(failed.error).toMatch(/unexpected error/);
    expect(failed.error_code).toBe('unexpected');
    expect(failed.finished_at).toEqual(expect.any(String));
    expect(await contactsTagged(crashing)).toBe(20);
    // the audit log has exactly the committed rows: one create per contact, none for the rolled-back batch
    const audits = await t.db.kysely
      .selectFrom('audit_events')
      .select('record_id')
      .where('resource', '=', 'contacts')
      .where('action', '=', 'create')
      .execute();
    const ids = (
      await t.db.kysely
        .selectFrom('contacts')
        .select('contact_id')
        .where('last_name', '=', crashing)
        .execute()
    ).map((r) => r.contact_id);
    expect(audits.filter((x) => ids.includes(x.record_id))).toHaveLength(20);
    expect(await waitForImport(t, b.import_id)).toMatchObject({ status: 'done', created: 45 });
    expect(await contactsTagged(healthy)).toBe(45);
    await svc.close();
  });

  it('marks an import left running by a dead process as failed; a live one stays', async () => {
    const stamp = (ms: number) => timestampParam(t.dialect, new Date(Date.now() - ms).toISOString());
    const row = (heartbeatAgo: number, status: string) => ({
      entity: 'contacts',
      status,
      file_name: 'x.csv',
      file_path: join('/nonexistent', `${uniq()}.upload`),
      options: '{"dry_run":false,"on_duplicate":"skip"}',
      processed_rows: 500,
      created_count: 500,
      updated_count: 0,
      skipped_count: 0,
      failed_count: 0,
      user_id: t.admin.user_id,
      created_at: stamp(3_600_000),
      heartbeat_at: stamp(heartbeatAgo),
    });
    await t.db.kysely
      .insertInto('imports')
      .values([row(3_600_000, 'running'), row(1000, 'running'), row(3_600_000, 'queued')])
      .execute();
    const ids = (
      await t.db.kysely
        .selectFrom('imports')
        .select('import_id')
        .orderBy('import_id', 'desc')
        .limit(3)
        .execute()
    )
      .map((r) => r.import_id)
      .reverse();
    const svc = new ImportService(t.db, services());
    await svc.start();
    const [dead, alive, queued] = await Promise.all(ids.map((id) => t.api('GET', `/api/v1/imports/${id}`)));
    expect(dead.body).toMatchObject({
      status: 'failed',
      processed_rows: 500,
      error: expect.stringMatching(/server stopped/),
      error_code: 'server_stopped',
    });
    expect(alive.body.status).toBe('running');
    expect(queued.body.status).toBe('failed');
    await svc.close();
    await t.db.kysely
      .updateTable('imports')
      .set({ status: 'failed' })
      .where('import_id', '=', ids[1])
      .execute();
  });

  it('an import of 1500 rows runs in batches while the API answers', async () => {
    const tag = `Busy${uniq()}`;
    const lines = ['First Name,Last Name,Email'];
    for (let i = 0; i < 1500; i++) lines.push(`P${i},${tag},${tag.toLowerCase()}.${i}@example.com`);
    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports?entity=contacts',
      headers: { authorization: `Bearer ${t.admin.token}`, 'content-type': 'text/csv' },
      payload: lines.join('\n'),
    });
    expect(sent.statusCode).toBe(202);
    // requests are answered while the job runs
    const during = await t.api('GET', '/api/v1/contacts?limit=1');
    expect(during.status).toBe(200);
    const job = await waitForImport(t, sent.json().import_id);
    expect(job).toMatchObject({ status: 'done', total_rows: 1500, processed_rows: 1500, created: 1500 });
  });
});

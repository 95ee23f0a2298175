import { mkdtempSync, writeFileSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { uniq } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';
import { insertImportJob, runImport } from '../test/import-helpers.js';

// Who may delete which job: authorization-matrix.imports.test.ts. Here: what a delete removes.
describeEachDialect('imports: deleting a job', (t) => {
  const errorRows = async (id: number) =>
    t.db.kysely.selectFrom('import_errors').select('message').where('import_id', '=', id).execute();

  it('deletes a finished job with its errors and preview; the audit entry says what it was, not what it read', async () => {
    const email = `gone.${uniq()}@example.com`;
    const file = `First Name,Last Name,Email\nJeanne,Morel,${email}\n,,not-an-email\n`;
    const job = await runImport(t, file, { query: { dry_run: 'true', file_name: `${email}.csv` } });
    expect(job).toMatchObject({ status: 'done', failed: 1 });
    expect(JSON.stringify(job.preview)).toContain(email);
    expect(await errorRows(job.import_id)).toHaveLength(1);

    const res = await t.api('DELETE', `/api/v1/imports/${job.import_id}`);
    expect(res.status).toBe(204);
    expect((await t.api('GET', `/api/v1/imports/${job.import_id}`)).status).toBe(404);
    expect((await t.api('GET', `/api/v1/imports/${job.import_id}/errors.csv`)).status).toBe(404);
    expect(await errorRows(job.import_id)).toEqual([]);
    const list = await t.api('GET', '/api/v1/imports?limit=200');
    expect(list.body.data.map((j: { import_id: number }) => j.import_id)).not.toContain(job.import_id);
    expect((await t.api('DELETE', `/api/v1/imports/${job.import_id}`)).status).toBe(404);

    const audit = await t.api('GET', `/api/v1/audit-events?resource=imports&record_id=${job.import_id}`);
    expect(audit.body.data).toHaveLength(1);
    expect(audit.body.data[0]).toMatchObject({ action: 'delete', user_id: t.admin.user_id });
    expect(audit.body.data[0].changes).toEqual({
      entity: ['contacts', null],
      status: ['done', null],
      user_id: [t.admin.user_id, null],
      created_at: [job.created_at, null],
      total_rows: [2, null],
      failed: [1, null],
    });
    expect(JSON.stringify(audit.body)).not.toContain(email);
  });

  it('removes an upload a dead process left behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carnet-delete-'));
    const path = join(dir, 'upload.csv');
    writeFileSync(path, 'First Name\nLeft\n');
    const id = await insertImportJob(t, { userId: t.admin.user_id, status: 'failed', message: 'x' });
    await t.db.kysely.updateTable('imports').set({ file_path: path }).where('import_id', '=', id).execute();
    expect((await t.api('DELETE', `/api/v1/imports/${id}`)).status).toBe(204);
    await expect(access(path)).rejects.toThrow();
  });

  it('refuses a job still queued or running with 409 and keeps it whole; once finished it goes', async () => {
    for (const status of ['queued', 'running'] as const) {
      const id = await insertImportJob(t, { userId: t.admin.user_id, status, message: `still ${status}` });
      const res = await t.api('DELETE', `/api/v1/imports/${id}`);
      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.detail).toMatch(new RegExp(`is ${status}`));
      expect((await t.api('GET', `/api/v1/imports/${id}`)).body.status).toBe(status);
      expect(await errorRows(id)).toEqual([{ message: `still ${status}` }]);
      const audited = await t.api('GET', `/api/v1/audit-events?resource=imports&record_id=${id}`);
      expect(audited.body.data).toEqual([]);
      await t.db.kysely
        .updateTable('imports')
        .set({ status: 'failed' })
        .where('import_id', '=', id)
        .execute();
      expect((await t.api('DELETE', `/api/v1/imports/${id}`)).status).toBe(204);
    }
  });
});

import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { companies } from '../companies/companies.resource.js';
import { contacts } from '../contacts/contacts.resource.js';
import { CrudService } from '../crud/crud.service.js';
import type { Actor } from '../crud/resource.js';
import { interactions } from '../interactions/interactions.resource.js';
import { opportunities } from '../opportunities/opportunities.resource.js';
import { uniq } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';
import { waitForImport } from '../test/import-helpers.js';
import { ImportService, type ServiceOptions } from './import.service.js';
import { saveUpload } from './upload.js';
import { readerThreads } from './worker-source.js';

describeEachDialect('imports: the row limit, the job queue, and stopping readers', (t) => {
  const service = (opts: ServiceOptions) =>
    new ImportService(
      t.db,
      {
        companies: new CrudService(companies, t.db),
        contacts: new CrudService(contacts, t.db),
        opportunities: new CrudService(opportunities, t.db),
        interactions: new CrudService(interactions, t.db),
      },
      opts,
    );
  const admin = (): Actor => ({ userId: t.admin.user_id, role: 'admin', via: 'token' });
  const upload = async (text: string | string[]) =>
    (await saveUpload(Readable.from(Array.isArray(text) ? text : [text]))).path;
  const csv = (tag: string, rows: number) =>
    ['First Name,Email', ...Array.from({ length: rows }, (_, i) => `P${i},${tag}.${i}@example.com`)].join(
      '\n',
    );
  const start = (svc: ImportService, path: string) =>
    svc.create({
      entity: 'contacts',
      path,
      fileName: 'f',
      options: { dry_run: false, on_duplicate: 'skip' },
      actor: admin(),
    });
  const status = async (id: number) =>
    (
      await t.db.kysely
        .selectFrom('imports')
        .select('status')
        .where('import_id', '=', id)
        .executeTakeFirstOrThrow()
    ).status;

  it('a file over IMPORT_MAX_ROWS fails with too_many_rows before any row is written', async () => {
    const svc = service({ limits: { maxRows: 5 } });
    try {
      const tag = `rows${uniq()}`;
      const over = await start(svc, await upload(csv(tag, 6)));
      await svc.finished(over.import_id);
      expect(await waitForImport(t, over.import_id)).toMatchObject({
        status: 'failed',
        error_code: 'too_many_rows',
        error: expect.stringMatching(/more than 5 rows/),
        processed_rows: 0,
      });
      const cards = Array.from(
        { length: 6 },
        (_, i) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:C ${i}\r\nEND:VCARD\r\n`,
      );
      const vcf = await start(svc, await upload(cards.join('')));
      await svc.finished(vcf.import_id);
      expect(await waitForImport(t, vcf.import_id)).toMatchObject({ error_code: 'too_many_rows' });
      const fits = await start(svc, await upload(csv(`${tag}b`, 5)));
      await svc.finished(fits.import_id);
      expect(await waitForImport(t, fits.import_id)).toMatchObject({ status: 'done', created: 5 });
    } finally {
      await svc.close();
    }
  });

  /** 12 MB of soft-broken quoted-printable lines: seconds of reading for a worker; the card fails alone */
  const slowCard = () => {
    const body = ['BEGIN:VCARD\r\nVERSION:2.1\r\nN;ENCODING=QUOTED-PRINTABLE:=\r\n'];
    for (let i = 0; i < 200; i++) body.push('abc=\r\n'.repeat(10_000));
    body.push('x\r\nEND:VCARD\r\n');
    return body;
  };

  it('with a concurrency of 1, a second job waits queued until the first ends', {
    timeout: 120_000,
  }, async () => {
    // the first job is held up by its reading, not by an open transaction (SQLite would lock the test out)
    const svc = service({ concurrency: 1 });
    try {
      const a = await start(svc, await upload(slowCard()));
      const b = await start(svc, await upload(csv(`qb${uniq()}`, 3)));
      for (let i = 0; i < 500 && (await status(a.import_id)) !== 'running'; i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(await status(a.import_id)).toBe('running');
      expect(await status(b.import_id)).toBe('queued');
      expect(readerThreads().busy).toBe(1);
      await svc.finished(b.import_id);
      expect(await waitForImport(t, a.import_id)).toMatchObject({ status: 'done', failed: 1 });
      expect(await waitForImport(t, b.import_id)).toMatchObject({ status: 'done', created: 3 });
    } finally {
      await svc.close();
    }
  });

  it('closing the service while a worker reads a big file ends promptly and terminates the worker', async () => {
    const svc = service({});
    const job = await start(svc, await upload(slowCard()));
    for (let i = 0; i < 200 && readerThreads().busy === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(readerThreads().busy).toBe(1);
    const started = performance.now();
    await svc.close();
    const took = performance.now() - started;
    console.info(`[${t.dialect}] close() while a worker reads: ${Math.round(took)} ms`);
    expect(took).toBeLessThan(2000);
    expect(readerThreads().busy).toBe(0);
    expect(await waitForImport(t, job.import_id)).toMatchObject({
      status: 'failed',
      error_code: 'server_stopped',
    });
  });
});

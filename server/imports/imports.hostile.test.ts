import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { expect, it } from 'vitest';
import { uniq } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';
import { contactByEmail, runImport, sendImport } from '../test/import-helpers.js';
import { saveUpload } from './upload.js';

const count = async (
  t: Parameters<Parameters<typeof describeEachDialect>[1]>[0],
  table: 'contacts' | 'imports',
) =>
  Number(
    (
      await t.db.kysely
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describeEachDialect('imports: hostile files give a clear result, never a 5xx or half a batch', (t) => {
  it('binary garbage, a spreadsheet file and an empty file fail with a reason', async () => {
    const garbage = await runImport(t, randomBytes(70_000));
    expect(garbage).toMatchObject({
      status: 'failed',
      processed_rows: 0,
      error: expect.stringMatching(/not text/),
      error_code: 'not_text',
    });
    const xlsx = Buffer.concat([Buffer.from('PK\u0003\u0004\u0014\u0000\u0006\u0000'), randomBytes(4000)]);
    expect(await runImport(t, xlsx)).toMatchObject({ status: 'failed', error: expect.stringMatching(/CSV/) });
    expect(await runImport(t, '')).toMatchObject({
      status: 'failed',
      error: 'The file is empty.',
      error_code: 'empty_file',
    });
    expect(await runImport(t, ' \r\n\r\n ')).toMatchObject({ status: 'failed', error: 'The file is empty.' });
    expect(await runImport(t, 'colour;size\nred;XL\n')).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/No header row/),
      error_code: 'no_header',
    });
    expect(await runImport(t, 'First Name,Last Name,Email\n')).toMatchObject({
      status: 'done',
      total_rows: 0,
    });
  });

  it('a body claiming 1 GB is refused at once with 413, and no job is made', async () => {
    const before = await count(t, 'imports');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports?entity=contacts',
      headers: {
        authorization: `Bearer ${t.admin.token}`,
        'content-type': 'text/csv',
        'content-length': String(1024 ** 3),
      },
      payload: Readable.from(['First Name\nAda\n']),
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(await count(t, 'imports')).toBe(before);
  });

  it('a client that claims 50 MB and hangs up after 1 MB leaves no job (a real socket)', async () => {
    const before = await count(t, 'imports');
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const socket = connect(Number(port), '127.0.0.1');
    await once(socket, 'connect');
    socket.write(
      `POST /api/v1/imports?entity=contacts HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${t.admin.token}\r\n` +
        `Content-Type: text/csv\r\nContent-Length: ${50 * 1024 * 1024}\r\n\r\nFirst Name,Email\n`,
    );
    socket.write(Buffer.alloc(1024 * 1024, 'a'));
    await new Promise((r) => setTimeout(r, 200));
    socket.destroy();
    await new Promise((r) => setTimeout(r, 300));
    expect(await count(t, 'imports')).toBe(before);
    expect((await t.api('GET', '/api/v1/imports?limit=1')).status).toBe(200);
  });

  it('rows of bare delimiters under a sheet are no rows', async () => {
    const e = `semi.${uniq()}@example.com`;
    const job = await runImport(t, `Prénom;Nom;E-mail\r\nRoger;Bontemps;${e}\r\n;;\r\n;;\r\n`);
    expect(job).toMatchObject({ status: 'done', total_rows: 1, created: 1, failed: 0 });
  });

  it('an upload over the limit stops there and leaves no file behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carnet-upload-'));
    try {
      await expect(
        saveUpload(Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), 1000, dir),
      ).rejects.toMatchObject({ status: 413 });
      expect(readdirSync(dir)).toEqual([]);
      const ok = await saveUpload(Readable.from([Buffer.from('abc')]), 1000, dir);
      expect(ok.bytes).toBe(3);
      expect(readdirSync(dir)).toHaveLength(1);
      // a source failing before it is read is an error, not a crash
      await expect(saveUpload(createReadStream(join(dir, 'missing')), 1000, dir)).rejects.toMatchObject({
        code: 'ENOENT',
      });
      expect(readdirSync(dir)).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a truncated file: the cut record fails, the rest goes in', async () => {
    const e = `cut.${uniq()}@example.com`;
    const csv = await runImport(
      t,
      `First Name,Email,Notes\nAda,${e},fine\nBob,b.${uniq()}@example.com,"this note never ends\nand the file stops`,
    );
    expect(csv).toMatchObject({ status: 'done', total_rows: 2, created: 1, failed: 1 });
    expect(csv.errors[0]).toMatchObject({
      row: 3,
      code: 'unreadable',
      message: expect.stringMatching(/could not be read: Quote Not Closed/),
    });
    const vcf = await runImport(
      t,
      `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Whole Card\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut Ca`,
    );
    expect(vcf).toMatchObject({ status: 'done', total_rows: 2, created: 1, failed: 1 });
    expect(vcf.errors[0]).toMatchObject({
      row: 5,
      code: 'unreadable',
      message: expect.stringMatching(/END:VCARD/),
    });
  });

  it('a row or a header with more than 1,000 filled columns fails the file before any row is written', async () => {
    const e = `wide.${uniq()}@example.com`;
    const cells = Array.from({ length: 10_000 }, (_, i) => i).join(',');
    const wide = await runImport(
      t,
      `First Name,Email\nFirst,first.${uniq()}@example.com\nWide,${e},${cells}\n`,
    );
    expect(wide).toMatchObject({
      status: 'failed',
      error_code: 'too_many_columns',
      error: expect.stringMatching(/Row 3 .*1,000 columns/),
      processed_rows: 0,
    });
    expect(await contactByEmail(t, e)).toBeUndefined();
    const headers = ['Email', ...Array.from({ length: 10_000 }, (_, i) => `col${i}`)].join(',');
    const job = await runImport(t, `${headers}\nwide2.${uniq()}@example.com\n`);
    expect(job).toMatchObject({ status: 'failed', error_code: 'too_many_columns' });
    // empty cells at a row's end (as spreadsheets leave them) are no columns
    const trailing = await runImport(
      t,
      `First Name,Email\nTrail,trail.${uniq()}@example.com${','.repeat(10_000)}\n`,
    );
    expect(trailing).toMatchObject({ status: 'done', created: 1, failed: 0 });
  });

  it('a 100 kB note fails its row only; a 100 kB name or a NUL in a name is set aside with a warning', async () => {
    const ok = `big.${uniq()}@example.com`;
    const file = `First Name,Email,Notes\nBig,b.${uniq()}@example.com,"${'é'.repeat(100_000)}"\nOk,${ok},\n${'x'.repeat(100_000)},z.${uniq()}@example.com,\nNul\u0000l,n.${uniq()}@example.com,\n`;
    const job = await runImport(t, file);
    expect(job).toMatchObject({ status: 'done', total_rows: 4, created: 3, failed: 1, warnings: 2 });
    expect(job.errors.map((e: { field: string }) => e.field)).toEqual(['notes', 'first_name', 'first_name']);
    expect(await contactByEmail(t, ok)).toBeDefined();
  });

  it('mixed encodings: UTF-8 lines and Windows-1252 lines both keep their accents; UTF-16 too', async () => {
    const a = `mix.a.${uniq()}@example.com`;
    const b = `mix.b.${uniq()}@example.com`;
    const file = Buffer.concat([
      Buffer.from(`Prénom;Nom;E-mail\nAurélie;Décembre;${a}\n`, 'utf8'),
      iconv.encode(`Gérard;Noël;${b}\n`, 'win1252'),
    ]);
    expect(await runImport(t, file)).toMatchObject({ status: 'done', created: 2, failed: 0 });
    expect(await contactByEmail(t, a)).toMatchObject({ first_name: 'Aurélie', last_name: 'Décembre' });
    expect(await contactByEmail(t, b)).toMatchObject({ first_name: 'Gérard', last_name: 'Noël' });
    const c = `utf16.${uniq()}@example.com`;
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      iconv.encode(`Prénom\tNom\tE-mail\r\nSébastien\tÉcole\t${c}\r\n`, 'utf16le'),
    ]);
    const job = await runImport(t, utf16);
    expect(job).toMatchObject({ status: 'done', created: 1 });
    expect(job.detected).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect(await contactByEmail(t, c)).toMatchObject({ first_name: 'Sébastien', last_name: 'École' });
  });

  it('garbage between vCards and a card with an unreadable line fail alone', async () => {
    const e = `vc.${uniq()}@example.com`;
    const file = `junk line\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:No Colon Here\r\nEMAIL\r\nN:Good;Card\r\nEMAIL:${e}\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nFN:\r\nEND:VCARD\r\n`;
    const job = await sendImport(t, file, { contentType: 'text/vcard' });
    expect(job.status).toBe(202);
    const done = await runImport(t, file);
    expect(done.status).toBe('done');
    expect(done.failed).toBeGreaterThanOrEqual(1);
    expect(await count(t, 'contacts')).toBeGreaterThan(0);
  });
});

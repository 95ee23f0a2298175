import { expect, it } from 'vitest';
import { uniq } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';
import { contactByEmail, fixture, runImport, sendImport, waitForImport } from '../test/import-helpers.js';

describeEachDialect('imports: duplicates, dry runs, mappings, errors, roles', (t) => {
  const csv = (rows: string[]) => ['First Name,Last Name,Email,Company', ...rows].join('\n');

  it('skips every duplicate on a second import; on_duplicate=update changes them, keeping what the file leaves empty', async () => {
    const a = `dup.${uniq()}@example.com`;
    const file = csv([`Anne,Durand,${a},Durand SA`, `Paul,Martin,p.${uniq()}@example.com,`]);
    expect(await runImport(t, file)).toMatchObject({ status: 'done', created: 2 });
    expect(await runImport(t, file)).toMatchObject({ status: 'done', created: 0, skipped: 2, failed: 0 });
    const changed = csv([`Annie,,${a.toUpperCase()},durand sa`]);
    const up = await runImport(t, changed, { query: { on_duplicate: 'update' } });
    expect(up).toMatchObject({ status: 'done', updated: 1, created: 0 });
    expect(await contactByEmail(t, a)).toMatchObject({
      first_name: 'Annie',
      last_name: 'Durand',
      company_name: 'Durand SA',
    });
    // the same again changes nothing: counted as skipped, no new audit entry
    expect(await runImport(t, changed, { query: { on_duplicate: 'update' } })).toMatchObject({
      updated: 0,
      skipped: 1,
    });
    const c = await contactByEmail(t, a);
    const audit = await t.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('resource', '=', 'contacts')
      .where('record_id', '=', c?.contact_id as number)
      .execute();
    expect(audit.map((x) => x.action)).toEqual(['create', 'update']);
  });

  it('a dry run writes nothing and shows what it detected and its first rows', async () => {
    const before = await t.db.kysely
      .selectFrom('contacts')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const job = await runImport(t, fixture('french-excel.csv'), { query: { dry_run: 'true' } });
    expect(job).toMatchObject({ status: 'done', dry_run: true, total_rows: 3, created: 3, failed: 0 });
    expect(job.detected).toMatchObject({
      format: 'csv',
      encoding: 'windows-1252',
      delimiter: ';',
      header_row: 0,
    });
    expect(job.detected.headers).toEqual(['Prénom', 'Nom', 'E-mail', 'Téléphone', 'Société', 'Remarques']);
    expect(job.mapping).toEqual({
      Prénom: 'first_name',
      Nom: 'last_name',
      'E-mail': 'email',
      Téléphone: 'phone',
      Société: 'company_name',
      Remarques: 'notes',
    });
    expect(job.preview[0]).toMatchObject({ row: 2, action: 'created', values: { first_name: 'Élodie' } });
    const after = await t.db.kysely
      .selectFrom('contacts')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(
      await t.db.kysely
        .selectFrom('companies')
        .select('company_id')
        .where('company_name', '=', 'Les Crêpes de Noémie')
        .execute(),
    ).toEqual([]);
  });

  it('a mapping overrides the automatic one; a column can be left out; a bad mapping is a 400', async () => {
    const e = `map.${uniq()}@example.com`;
    const file = `Given,Family,Courriel perso,Prénom\nLouise,Michel,${e},Ignored\n`;
    const job = await runImport(t, file, {
      query: { mapping: JSON.stringify({ Given: 'first_name', Family: 'last_name', Prénom: null }) },
    });
    expect(job).toMatchObject({ status: 'done', created: 1 });
    expect(job.mapping).toEqual({
      Given: 'first_name',
      Family: 'last_name',
      'Courriel perso': null,
      Prénom: null,
    });
    expect(
      await t.db.kysely
        .selectFrom('contacts')
        .select('email')
        .where('first_name', '=', 'Louise')
        .executeTakeFirst(),
    ).toEqual({ email: null });
    const bad = await sendImport(t, file, { query: { mapping: '{"Given": "salary"}' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'mapping', code: 'unknown_field' });
    expect((await sendImport(t, file, { query: { mapping: '[1' } })).status).toBe(400);
    const missing = await runImport(t, file, { query: { mapping: '{"Nope": "email"}' } });
    expect(missing).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/Nope/),
      error_code: 'mapping_unknown_columns',
    });
  });

  it('row errors carry the codes of the API errors, in the dry run preview and the stored errors', async () => {
    const dry = await runImport(t, csv([`,,not-an-email,`]), { query: { dry_run: 'true' } });
    expect(dry.preview[0]).toMatchObject({
      action: 'failed',
      errors: [{ field: 'email', code: 'invalid_email', message: expect.any(String) }],
    });
    const deals = ['Deal,Amount,Stage,Close date', `Deal ${uniq()},lots,Nowhere,2026-02-30`].join('\n');
    const job = await runImport(t, deals, { entity: 'opportunities' });
    expect(job.failed).toBe(1);
    expect(job.errors).toEqual([
      expect.objectContaining({ row: 2, field: 'deal_value', code: 'invalid_amount', limit: 99_999_999.99 }),
      expect.objectContaining({ row: 2, field: 'expected_close_date', code: 'invalid_date' }),
      expect.objectContaining({ row: 2, field: 'stage', code: 'unknown_stage', allowed: expect.any(Array) }),
    ]);
    expect(job.errors[2].allowed).toContain('Prospection');
  });

  it('bad rows are counted with their errors; the good ones go in; errors.csv lists them all', async () => {
    const ok = `ok.${uniq()}@example.com`;
    const file = csv([
      `Ok,Row,${ok},`,
      // with nothing else naming the person, a bad value fails the row (with a name, it is a warning)
      ',,not-an-email,',
      `${'x'.repeat(60)},,,`,
      ',,,Orphan Company',
      `=cmd,Formula,f.${uniq()}@example.com,`,
    ]);
    const job = await runImport(t, file);
    expect(job).toMatchObject({ status: 'done', total_rows: 5, created: 2, failed: 3 });
    expect(job.errors).toEqual(
      expect.arrayContaining([
        {
          row: 3,
          field: 'email',
          code: 'invalid_email',
          message: expect.stringMatching(/email/),
          severity: 'error',
        },
        {
          row: 4,
          field: 'first_name',
          code: 'too_long',
          limit: 50,
          message: expect.stringMatching(/50/),
          severity: 'error',
        },
        expect.objectContaining({ row: 5 }),
      ]),
    );
    // the failed row made no company
    expect(
      await t.db.kysely
        .selectFrom('companies')
        .select('company_id')
        .where('company_name', '=', 'Orphan Company')
        .execute(),
    ).toEqual([]);
    const res = await t.app.inject({
      url: `/api/v1/imports/${job.import_id}/errors.csv`,
      headers: { authorization: `Bearer ${t.admin.token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="import-\d+-errors.csv"/);
    // the file's columns, then the line and the reason (errors.read tests say more)
    const lines = res.body.replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toMatch(/^First Name,Last Name,Email,Company,/);
    expect(lines[1]).toMatch(/^,,not-an-email,,3,/);
  });

  it('companies by name ignoring case and accents; opportunities with amounts, dates and stages as other tools write them', async () => {
    const co = await runImport(t, fixture('hubspot-companies.csv'), { entity: 'companies' });
    expect(co).toMatchObject({ status: 'done', total_rows: 4, created: 2, skipped: 1, failed: 1 });
    expect(co.errors[0]).toMatchObject({ row: 5, field: 'company_name' });
    const again = await runImport(t, fixture('hubspot-companies.csv'), {
      entity: 'companies',
      query: { on_duplicate: 'update' },
    });
    expect(again).toMatchObject({ created: 0, failed: 1 });
    const deals = await runImport(t, fixture('pipedrive-deals.csv'), { entity: 'opportunities' });
    expect(deals).toMatchObject({ status: 'done', total_rows: 5, created: 3, failed: 2 });
    expect(deals.errors.map((e: { field: string }) => e.field).sort()).toEqual(['deal_value', 'stage']);
    const rows = await t.db.kysely
      .selectFrom('opportunities')
      .select(['opportunity_name', 'deal_value', 'stage', 'expected_close_date'])
      .orderBy('opportunity_id')
      .execute();
    const byName = Object.fromEntries(rows.map((r) => [r.opportunity_name, r]));
    expect(Number(byName['Refonte du site'].deal_value)).toBe(12500.5);
    expect(byName['Refonte du site']).toMatchObject({
      stage: 'Proposition',
      expected_close_date: '2026-03-15',
    });
    expect(byName['Licences annuelles']).toMatchObject({
      stage: 'Qualification',
      expected_close_date: '2026-06-30',
    });
    expect(byName['Contrat perdu'].stage).toBe('Fermée perdue');
    const navy = await t.db.kysely
      .selectFrom('companies')
      .select('company_id')
      .where('name_key', '=', 'navy labs')
      .execute();
    expect(navy).toHaveLength(1);
    expect(await runImport(t, fixture('pipedrive-deals.csv'), { entity: 'opportunities' })).toMatchObject({
      created: 0,
      skipped: 3,
      failed: 2,
    });
    const vcfCompanies = await runImport(t, fixture('google.vcf'), { entity: 'companies' });
    expect(vcfCompanies).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/contacts/),
      error_code: 'vcard_not_contacts',
    });
  });

  it('roles: viewers cannot import; sales own what they import and cannot update the records of others', async () => {
    const viewer = await t.member('viewer');
    const v = await sendImport(t, csv(['A,B,,']), { token: viewer.token });
    expect(v.status).toBe(403);
    expect((await t.anon('POST', '/api/v1/imports?entity=contacts', 'a,b')).status).toBe(401);
    const sales = await t.member('sales');
    const mine = `mine.${uniq()}@example.com`;
    const theirs = `theirs.${uniq()}@example.com`;
    await runImport(t, csv([`Ad,Min,${theirs},`]));
    const job = await runImport(t, csv([`Sa,Les,${mine},`, `Changed,Name,${theirs},`]), {
      token: sales.token,
      query: { on_duplicate: 'update' },
    });
    expect(job).toMatchObject({ created: 1, failed: 1, user_id: sales.user_id });
    expect(job.errors[0]).toMatchObject({
      code: 'not_allowed',
      message: expect.stringMatching(/belongs to another user/),
    });
    expect(await contactByEmail(t, mine)).toMatchObject({ owner_id: sales.user_id });
    // imports are private to their author, admins and managers
    const other = await t.member('sales');
    const peek = await t.app.inject({
      url: `/api/v1/imports/${job.import_id}`,
      headers: { authorization: `Bearer ${other.token}` },
    });
    expect(peek.statusCode).toBe(404);
    const list = await other.api('GET', '/api/v1/imports');
    expect(list.body.data).toEqual([]);
    const all = await t.api('GET', '/api/v1/imports?limit=2');
    expect(all.body.data).toHaveLength(2);
    const next = await t.api('GET', `/api/v1/imports?limit=2&cursor=${all.body.next_cursor}`);
    expect(next.body.data[0].import_id).toBeLessThan(all.body.data[1].import_id);
    expect((await t.api('GET', '/api/v1/imports?cursor=zzz')).status).toBe(400);
    // past an ID's range: PostgreSQL refused the comparison with a 500
    for (const n of ['2147483648', '1e20'])
      expect(
        (await t.api('GET', `/api/v1/imports?cursor=${Buffer.from(n).toString('base64url')}`)).status,
        n,
      ).toBe(400);
  });

  it('takes the file as the "file" part of multipart/form-data, with its name', async () => {
    const e = `multi.${uniq()}@example.com`;
    const boundary = '----carnet';
    const body = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="contacts.csv"',
      'Content-Type: text/csv',
      '',
      csv([`Multi,Part,${e},`]),
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const sent = await sendImport(t, body, { contentType: `multipart/form-data; boundary=${boundary}` });
    expect(sent.status).toBe(202);
    expect(sent.headers.location).toBe(`/api/v1/imports/${sent.body.import_id}`);
    const job = await waitForImport(t, sent.body.import_id);
    expect(job).toMatchObject({ status: 'done', created: 1, file_name: 'contacts.csv' });
    const wrong = body.replace('name="file"', 'name="upload"');
    expect(
      (await sendImport(t, wrong, { contentType: `multipart/form-data; boundary=${boundary}` })).status,
    ).toBe(400);
  });

  it('refuses a JSON body (415), an unknown entity (400) and a missing import (404)', async () => {
    expect((await sendImport(t, '{"a":1}', { contentType: 'application/json' })).status).toBe(415);
    expect((await sendImport(t, 'a,b', { entity: 'tasks' })).status).toBe(400);
    expect((await t.api('GET', '/api/v1/imports/999999')).status).toBe(404);
    expect((await t.api('GET', '/api/v1/imports/999999/errors.csv')).status).toBe(404);
  });
});

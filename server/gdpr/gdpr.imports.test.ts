import { expect, it } from 'vitest';
import { createContact, uniq } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';
import { runImport } from '../test/import-helpers.js';

// What import jobs keep of a file (row errors quoting its values, a dry run's preview, the file's
// name) reaches the GDPR export and erasure through the person's email, in any case.
describeEachDialect('GDPR: what import jobs kept about a person', (t) => {
  /** Every text import data holds, lower-cased: what erasure must have cleaned. */
  async function importTexts(ids: number[]) {
    const jobs = await t.db.kysely
      .selectFrom('imports')
      .select(['file_name', 'error', 'options', 'details'])
      .where('import_id', 'in', ids)
      .execute();
    const errors = await t.db.kysely
      .selectFrom('import_errors')
      .select(['message', 'cells'])
      .where('import_id', 'in', ids)
      .execute();
    return JSON.stringify([jobs, errors]).toLowerCase();
  }

  it('exports, then erases, the import errors and preview rows that hold the email, and nothing else', async () => {
    const tag = uniq();
    // LIKE's wildcards in an email match only themselves: the look-alike must stay
    const email = `jean_dupont%${tag}@example.com`;
    const lookalike = `jeanxdupontyy${tag}@example.com`;
    const other = `anne.${tag}@example.com`;
    // deals naming the person before they were a contact: the error quotes the email
    const deals = await runImport(
      t,
      `opportunity_name,contact_email\nDeal ${tag},${email.toUpperCase()}\nOther ${tag},${lookalike}\n`,
      { entity: 'opportunities' },
    );
    expect(deals).toMatchObject({ status: 'done', failed: 2 });
    // a dry run keeps its first rows, the person's (in another case) and someone else's
    const dry = await runImport(
      t,
      `First Name,Last Name,Email,Phone\nJean,Dupont,Jean_Dupont%${tag}@Example.COM,0611223344\nAnne,Autre,${other},0699887766\n`,
      { query: { dry_run: 'true', file_name: `from ${email}.csv` } },
    );
    expect(dry).toMatchObject({ status: 'done', created: 2 });
    const contact = await createContact(t, {
      first_name: 'Jean',
      last_name: 'Dupont',
      email: `JEAN_dupont%${tag}@example.com`,
    });

    const data = await t.api('GET', `/api/v1/contacts/${contact.contact_id}/personal-data`);
    expect(data.status).toBe(200);
    expect(data.body.imports).toEqual([
      {
        import_id: deals.import_id,
        entity: 'opportunities',
        file_name: null,
        user_id: t.admin.user_id,
        created_at: deals.created_at,
        // the failed row's cells, kept for errors.csv, are the person's data too
        errors: [
          {
            row: 2,
            field: 'contact_email',
            message: `no contact has the email ${email}`,
            cells: [`Deal ${tag}`, email.toUpperCase()],
          },
        ],
        preview: [],
      },
      {
        import_id: dry.import_id,
        entity: 'contacts',
        file_name: `from ${email}.csv`,
        user_id: t.admin.user_id,
        created_at: dry.created_at,
        errors: [],
        preview: [dry.preview[0]],
      },
    ]);
    expect(dry.preview[0].values).toMatchObject({ first_name: 'Jean', phone: '0611223344' });

    const erased = await t.api('POST', `/api/v1/contacts/${contact.contact_id}/erase`);
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ import_errors_scrubbed: 1, imports_scrubbed: 1 });
    expect(await importTexts([deals.import_id, dry.import_id])).not.toContain(email);

    // what was about others stays; what was about the person keeps its place, without its values
    const dealsAfter = (await t.api('GET', `/api/v1/imports/${deals.import_id}`)).body;
    expect(dealsAfter.errors.map((e: { message: string }) => e.message)).toEqual([
      'no contact has the email (erased)',
      `no contact has the email ${lookalike}`,
    ]);
    const dryAfter = (await t.api('GET', `/api/v1/imports/${dry.import_id}`)).body;
    expect(dryAfter.file_name).toBe('from (erased).csv');
    expect(dryAfter.preview).toEqual([{ row: 2, action: 'created', errors: [] }, dry.preview[1]]);
    // the failed row about the person loses its cells; the look-alike's keeps them
    const cells = (await t.api('GET', `/api/v1/imports/${deals.import_id}/errors`)).body.data.map(
      (e: { cells: string[] | null }) => e.cells,
    );
    expect(cells).toEqual([null, [`Other ${tag}`, lookalike]]);
    expect(dryAfter.preview[1].values).toMatchObject({ email: other, phone: '0699887766' });
    expect(dryAfter).toMatchObject({ total_rows: 2, created: 2, mapping: dry.mapping });
  });

  it('leaves import data alone when the person has no email', async () => {
    const contact = await createContact(t, {
      first_name: 'Sans',
      last_name: `Courriel ${uniq()}`,
      email: null,
    });
    expect((await t.api('GET', `/api/v1/contacts/${contact.contact_id}/personal-data`)).body.imports).toEqual(
      [],
    );
    const erased = await t.api('POST', `/api/v1/contacts/${contact.contact_id}/erase`);
    expect(erased.body).toMatchObject({ import_errors_scrubbed: 0, imports_scrubbed: 0 });
  });
});

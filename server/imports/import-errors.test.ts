import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { TEXT_MARK } from '../../shared/csv-safety.js';
import { SYSTEM_ACTOR } from '../crud/resource.js';
import { uniq } from '../test/factories.js';
import { describeEachDialect, type TestContext } from '../test/harness.js';
import { runImport } from '../test/import-helpers.js';
import { errorsCsv } from './import-errors.read.js';

/** every page of a paged list, following next_cursor */
async function allPages(t: TestContext, url: string, limit: number) {
  const items: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const res = await t.api('GET', `${url}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status, res.body?.detail).toBe(200);
    items.push(...res.body.data);
    cursor = res.body.next_cursor;
    pages++;
  } while (cursor);
  return { items, pages };
}

const csvLines = (body: string) =>
  body
    .replace(/^\ufeff/, '')
    .split('\r\n')
    .filter(Boolean);

describeEachDialect('imports: errors a person can act on', (t) => {
  const header = 'First Name,Last Name,Email,Company';

  it('pages through every error exactly once, in file order, and filters by code', async () => {
    const rows: string[] = [];
    // rows with nothing else naming a person: a bad value of theirs fails them (with a name, it would be
    // set aside with a warning: imports.warnings.test.ts)
    for (let i = 0; i < 130; i++) rows.push(`,,not-an-email-${i},`);
    for (let i = 0; i < 20; i++) rows.push(`${'x'.repeat(60)},,,`);
    rows.push(`Good,Row,ok.${uniq()}@example.com,`);
    const job = await runImport(t, [header, ...rows].join('\n'));
    expect(job).toMatchObject({ status: 'done', failed: 150, created: 1 });
    const url = `/api/v1/imports/${job.import_id}/errors`;
    const { items, pages } = await allPages(t, url, 7);
    expect(pages).toBe(Math.ceil(150 / 7));
    expect(items).toHaveLength(150);
    expect(items.map((e) => e.row)).toEqual(Array.from({ length: 150 }, (_, i) => i + 2));
    expect(items[0]).toMatchObject({
      row: 2,
      field: 'email',
      code: 'invalid_email',
      column: 'Email',
      value: 'not-an-email-0',
      cells: ['', '', 'not-an-email-0'],
    });
    expect(items[140]).toMatchObject({
      code: 'too_long',
      column: 'First Name',
      value: 'x'.repeat(60),
      limit: 50,
    });
    const first = await t.api('GET', url);
    expect(first.body.columns).toEqual(['First Name', 'Last Name', 'Email', 'Company']);
    expect(first.body.codes).toEqual([
      { code: 'invalid_email', severity: 'error', count: 130 },
      { code: 'too_long', severity: 'error', count: 20 },
    ]);
    const long = await allPages(t, `${url}?code=too_long`, 6);
    expect(long.items.map((e) => e.row)).toEqual(Array.from({ length: 20 }, (_, i) => i + 132));
    expect((await t.api('GET', `${url}?code=required`)).body.data).toEqual([]);
    // odd input: a code that is none, a cursor that is none, a limit out of range
    expect((await t.api('GET', `${url}?code=nope`)).status).toBe(400);
    const badCursor = await t.api('GET', `${url}?cursor=${'!'.repeat(20)}`);
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.errors[0]).toMatchObject({ field: 'cursor', code: 'invalid_cursor' });
    expect((await t.api('GET', `${url}?limit=0`)).status).toBe(400);
    expect((await t.api('GET', `${url}?limit=201`)).status).toBe(400);
    expect((await t.api('GET', `${url}?cursor=${'a'.repeat(101)}`)).status).toBe(400);
    // numbers past an ID's range (PostgreSQL refused them with a 500)
    for (const n of ['2147483648', '1e20'])
      expect((await t.api('GET', `${url}?cursor=${Buffer.from(n).toString('base64url')}`)).status, n).toBe(
        400,
      );
    expect((await t.api('GET', `/api/v1/imports/999999999/errors`)).status).toBe(404);
    // someone else's job is nobody else's business
    const sales = await t.member('sales');
    expect((await sales.api('GET', url)).status).toBe(404);
    expect((await sales.api('GET', `/api/v1/imports/${job.import_id}/duplicates`)).status).toBe(404);
  });

  it('lists the rows skipped as duplicates with the existing record each matched', async () => {
    const a = `dup.a.${uniq()}@example.com`;
    const b = `dup.b.${uniq()}@example.com`;
    const file = [header, `Anne,Durand,${a},`, `Paul,Martin,${b},`, `Nobody,Email,,`].join('\n');
    await runImport(t, file);
    const again = await runImport(
      t,
      [header, `Zoé,New,new.${uniq()}@example.com,`, file.split('\n').slice(1).join('\n')].join('\n'),
    );
    expect(again).toMatchObject({ created: 1, skipped: 3 });
    const ids = await t.db.kysely
      .selectFrom('contacts')
      .select(['contact_id', 'email_key'])
      .where('email_key', 'in', [a, b])
      .execute();
    const idOf = (e: string) => Number(ids.find((r) => r.email_key === e)?.contact_id);
    const { items } = await allPages(t, `/api/v1/imports/${again.import_id}/duplicates`, 2);
    expect(items).toEqual([
      { row: 3, resource: 'contacts', record_id: idOf(a), name: 'Anne Durand' },
      { row: 4, resource: 'contacts', record_id: idOf(b), name: 'Paul Martin' },
      { row: 5, resource: 'contacts', record_id: expect.any(Number), name: 'Nobody Email' },
    ]);
    // a record deleted since is still listed, without a name
    await t.api('DELETE', `/api/v1/contacts/${idOf(b)}`);
    const after = await t.api('GET', `/api/v1/imports/${again.import_id}/duplicates`);
    expect(after.body.data[1]).toEqual({ row: 4, resource: 'contacts', record_id: idOf(b), name: null });
    // companies, by name ignoring case and accents
    const name = `Société ${uniq()}`;
    await runImport(t, `Company name\n${name}\n`, { entity: 'companies' });
    const co = await runImport(t, `Company name\n${name.toUpperCase().replace('É', 'E')}\n`, {
      entity: 'companies',
    });
    const dup = await t.api('GET', `/api/v1/imports/${co.import_id}/duplicates`);
    expect(dup.body.data).toEqual([{ row: 2, resource: 'companies', record_id: expect.any(Number), name }]);
  });

  it('errors.csv gives the failed rows back as in the file, with the line and a reason in the reader’s language', async () => {
    const ok = `ok.${uniq()}@example.com`;
    const fixed = `fixed.${uniq()}@example.com`;
    const file = [
      'Prénom;Nom;E-mail;Société;Remarques',
      `Ok;Row;${ok};;`,
      ';;pas-un-email;ACME;"deux\nlignes"',
      `${'x'.repeat(60)};;;;`,
      `=HYPERLINK("x");Formula;also-bad;@SUM(1);+33 6 12 34 56 78`,
    ].join('\r\n');
    const job = await runImport(t, file);
    // the formula row has a name: its bad email is set aside, a warning (its line says so)
    expect(job).toMatchObject({ created: 2, failed: 2, warnings: 1 });
    const get = (headers: Record<string, string>, query = '') =>
      t.api('GET', `/api/v1/imports/${job.import_id}/errors.csv${query}`, undefined, headers);

    const fr = await get({ 'accept-language': 'fr-FR,fr;q=0.9' });
    expect(fr.status).toBe(200);
    expect(fr.headers['content-language']).toBe('fr');
    expect(fr.raw.body.startsWith('\ufeff')).toBe(true);
    const frLines = csvLines(fr.raw.body);
    // the file's delimiter, its headers first, then the two columns of ours
    expect(frLines[0]).toBe('Prénom;Nom;E-mail;Société;Remarques;Ligne d’origine;Motif du refus');
    expect(frLines[1]).toBe(
      ';;pas-un-email;ACME;"deux\nlignes";3;E-mail : Cette adresse e-mail n’est pas valide.',
    );
    expect(frLines[2]).toBe(`${'x'.repeat(60)};;;;;4;Prénom : Au plus 50 caractères.`);
    // formula-safe: a formula gets its apostrophe; a phone number its invisible mark (shared/csv-safety.ts)
    expect(frLines[3]).toBe(
      `"'=HYPERLINK(""x"")";Formula;also-bad;'@SUM(1);${TEXT_MARK}+33 6 12 34 56 78;5;Avertissement (ligne importée, valeur mise dans les notes) : E-mail : Cette adresse e-mail n’est pas valide.`,
    );
    expect(frLines).toHaveLength(4);

    const en = await get({ 'accept-language': 'en-GB,en;q=0.9,fr;q=0.5' });
    expect(en.headers['content-language']).toBe('en');
    expect(csvLines(en.raw.body)[0]).toBe('Prénom;Nom;E-mail;Société;Remarques;Original line;Reason refused');
    expect(csvLines(en.raw.body)[2]).toMatch(/;4;Prénom: At most 50 characters\.$/);
    // the web app names its language; without it, the user's own setting wins over the browser's
    expect((await get({ 'accept-language': 'fr' }, '?lang=en')).headers['content-language']).toBe('en');
    await t.db.kysely
      .updateTable('users')
      .set({ locale: 'en' })
      .where('user_id', '=', t.admin.user_id)
      .execute();
    try {
      expect((await get({ 'accept-language': 'fr' })).headers['content-language']).toBe('en');
    } finally {
      await t.db.kysely
        .updateTable('users')
        .set({ locale: null })
        .where('user_id', '=', t.admin.user_id)
        .execute();
    }
    expect((await get({}, '?lang=de')).status).toBe(400);

    // fixed in place, the file imports again: our two columns are nobody's field
    const again = fr.raw.body.replace('pas-un-email', fixed).replace('x'.repeat(60), 'Xavier');
    const re = await runImport(t, again.replace(/\r\n[^\r\n]*HYPERLINK[^\r\n]*/, ''));
    expect(re).toMatchObject({ status: 'done', created: 2, failed: 0 });
    expect(re.mapping).toMatchObject({ 'Ligne d’origine': null, 'Motif du refus': null });
    const contact = await t.db.kysely
      .selectFrom('contacts')
      .select(['first_name', 'email'])
      .where('email_key', '=', fixed)
      .executeTakeFirst();
    expect(contact).toEqual({ first_name: null, email: fixed });
  });

  it('a vCard’s failed cards come back under the fields read from them', async () => {
    const card = (email: string, name = 'N:Card;Vera;;;\r\nFN:Vera Card\r\n') =>
      `BEGIN:VCARD\r\nVERSION:3.0\r\n${name}EMAIL:${email}\r\nEND:VCARD\r\n`;
    // a card with no name: its bad email leaves nothing naming the person, so it fails
    const job = await runImport(t, card('bad-email', '') + card(`v.${uniq()}@example.com`), {
      contentType: 'text/vcard',
    });
    expect(job).toMatchObject({ created: 1, failed: 1 });
    const page = await t.api('GET', `/api/v1/imports/${job.import_id}/errors`);
    expect(page.body.columns).toEqual([
      'first_name',
      'last_name',
      'full_name',
      'email',
      'phone',
      'company_name',
      'notes',
      // the standard fields a card may fill (TITLE, ADR, BDAY, URL)
      'job_title',
      'street',
      'postal_code',
      'city',
      'region',
      'country',
      'birthday',
      'linkedin_url',
      'source',
      // CATEGORIES
      'tags',
      // the other TELs and EMAILs, with their labels
      'phones',
      'emails',
    ]);
    expect(page.body.data[0]).toMatchObject({ row: 1, column: 'email', value: 'bad-email' });
    const csv = await t.api('GET', `/api/v1/imports/${job.import_id}/errors.csv?lang=en`);
    expect(csvLines(csv.raw.body)[1]).toBe(
      ',,,bad-email,,,,,,,,,,,,,,,,1,email: This email address is not valid.',
    );
  });

  it('the dry run’s preview keeps what a row set aside; erasing the person takes it out', async () => {
    const email = `Erase.${uniq()}@example.com`;
    const file = [header, `Ève,${'y'.repeat(60)},${email},`].join('\n');
    const dry = await runImport(t, file, { query: { dry_run: 'true' } });
    expect(dry.preview[0]).toMatchObject({
      action: 'created',
      source: { first_name: 'Ève', last_name: 'y'.repeat(60), email },
      errors: [],
      warnings: [{ field: 'last_name', code: 'too_long' }],
    });
    const contact = await t.api('POST', '/api/v1/contacts', { first_name: 'Ève', email });
    expect(contact.status).toBe(201);
    const erased = await t.api('POST', `/api/v1/contacts/${contact.body.contact_id}/erase`);
    expect(erased.status, erased.body?.detail).toBe(200);
    const page = await t.api('GET', `/api/v1/imports/${dry.import_id}/errors`);
    expect(page.body.data[0]).toMatchObject({ row: 2, cells: null, value: null });
    const job = await t.api('GET', `/api/v1/imports/${dry.import_id}`);
    expect(job.body.preview[0].source).toBeUndefined();
  });

  it('a file of 10,000 errors is read back page by page, never whole', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => `,,bad-${i},`);
    const job = await runImport(t, [header, ...rows].join('\n'));
    expect(job).toMatchObject({ status: 'done', failed: 10_000 });
    expect(job.errors).toHaveLength(1000);
    // errors.csv is a stream of pages (100 errors each): at no point does it hold the whole file
    const stream = await errorsCsv(t.db, job.import_id, SYSTEM_ACTOR, 'en');
    expect(stream).toBeInstanceOf(Readable);
    let chunks = 0;
    let largest = 0;
    let lines = 0;
    for await (const chunk of stream) {
      chunks++;
      largest = Math.max(largest, String(chunk).length);
      lines += String(chunk).split('\r\n').length - 1;
    }
    expect(lines).toBe(10_001);
    expect(chunks).toBeGreaterThanOrEqual(100);
    expect(largest).toBeLessThan(20_000);
    // the last error is one cursor hop away from the one before it, at the end of the list
    const { items } = await allPages(t, `/api/v1/imports/${job.import_id}/errors`, 200);
    expect(items).toHaveLength(10_000);
    expect(items.at(-1)).toMatchObject({ row: 10_001, value: 'bad-9999' });
  });
});

// A contact's phones and emails through files (issue 13, ADR 014): vCards 2.1, 3.0 and 4.0 as
// Apple, Google and Outlook write them, CSV exports of Outlook (English and French, Windows-1252),
// Google and Thunderbird, the importer matching rows by any email, and Carnet's own CSV and vCard
// exports read back without a loss.
import { expect, it } from 'vitest';
import { createContact, uniq } from '../test/factories.js';
import { describeEachDialect, type TestContext } from '../test/harness.js';
import { fixture, runImport } from '../test/import-helpers.js';

async function byEmail(t: TestContext, email: string) {
  const res = await t.api('GET', `/api/v1/contacts?email=${encodeURIComponent(email)}`);
  expect(res.status).toBe(200);
  expect(res.body.data, email).toHaveLength(1);
  return res.body.data[0];
}

async function importFile(t: TestContext, name: string, contentType = 'text/csv') {
  const job = await runImport(t, fixture(name), { contentType });
  expect(job, JSON.stringify(job.errors)).toMatchObject({ failed: 0 });
  expect(job.created + job.updated, name).toBeGreaterThan(0);
  return job;
}

describeEachDialect('contacts: phones and emails in files', (t) => {
  it("Apple vCard 3.0: PREF is the primary, X-ABLabel labels (Apple's and custom), a repeated number once", async () => {
    await importFile(t, 'channels-apple.vcf', 'text/vcard');
    const c = await byEmail(t, 'elodie@atelier-marchand.example');
    expect(c.first_name).toBe('Élodie');
    expect(c.phone).toBe('+33 6 21 43 65 87');
    expect(c.emails).toEqual([
      { label: 'work', email: 'e.marchand@atelier-marchand.example' },
      { label: 'home', email: 'elodie.perso@example.org' },
    ]);
    expect(c.phones).toEqual([
      { label: 'work', number: '04 78 12 34 56' },
      { label: 'Standard', number: '04 78 00 11 22' },
      { label: 'other', number: '+33 1 98 76 54 32' },
    ]);
  });

  it('Outlook vCard 2.1 (Windows-1252, bare TEL;CELL): every number and address, fax as other', async () => {
    await importFile(t, 'channels-outlook21.vcf', 'text/vcard');
    const c = await byEmail(t, 'gaelle.riviere@tolerie.example');
    expect(c.last_name).toBe('Rivière');
    expect(c.phone).toBe('03 20 11 22 33');
    expect(c.phones).toEqual([
      { label: 'home', number: '03 20 44 55 66' },
      { label: 'mobile', number: '07 61 72 83 94' },
      { label: 'other', number: '03 20 11 22 34' },
    ]);
    expect(c.emails).toEqual([
      { label: 'other', email: 'g.riviere@maison.example' },
      { label: 'other', email: 'gaelle.r@autre.example' },
    ]);
  });

  it('Google vCard 3.0 and a vCard 4.0 (TYPE="cell,voice", tel: URIs, PREF=1)', async () => {
    await importFile(t, 'channels-google.vcf', 'text/vcard');
    const g = await byEmail(t, 'tomasz.nowak@firma.example');
    expect(g.phone).toBe('+48 601 234 567');
    expect(g.phones).toEqual([
      { label: 'work', number: '+48 22 123 45 67' },
      { label: 'Recepcja', number: '+48 22 765 43 21' },
    ]);
    expect(g.emails).toEqual([{ label: 'home', email: 'tomek@poczta.example' }]);

    await importFile(t, 'channels-v4.vcf', 'text/vcard');
    const v4 = await byEmail(t, 'ana.ribeiro@empresa.example');
    // a tel: URI with its extension, read as a number (ADR 015)
    expect(v4.phone).toBe('+351 21 123 4567 ext. 12');
    expect(v4.phones).toEqual([
      { label: 'mobile', number: '+351-912-345-678' },
      { label: 'home', number: '+351-21-765-4321' },
    ]);
    expect(v4.emails).toEqual([{ label: 'home', email: 'ana.casa@example.pt' }]);
  });

  it('Outlook CSV (English, Windows-1252): Business, Home, Mobile, Business Phone 2, fax; E-mail 2 Address', async () => {
    const job = await importFile(t, 'channels-outlook.csv');
    expect(job.mapping).toMatchObject({ 'Business Phone 2': 'phone', 'E-mail 2 Address': 'email' });
    const c = await byEmail(t, 'jeremie.fournier@negoce.example');
    expect(c.first_name).toBe('Jérémie');
    expect(c.phone).toBe('06 12 98 76 54');
    const sorted = (xs: { number: string }[]) => [...xs].sort((a, b) => a.number.localeCompare(b.number));
    expect(sorted(c.phones)).toEqual([
      { label: 'work', number: '01 40 20 30 40' },
      { label: 'work', number: '01 40 20 30 41' },
      { label: 'other', number: '01 40 20 30 49' },
      { label: 'home', number: '01 45 67 89 10' },
    ]);
    expect(c.emails).toEqual([{ label: 'other', email: 'jf@maison.example' }]);
  });

  it('Outlook CSV (French headers, semicolons): "Tél. mobile", "Téléphone (domicile)", "Adresse de messagerie 2/3"', async () => {
    await importFile(t, 'channels-outlook-fr.csv');
    const c = await byEmail(t, 'eloise.garnier@cabinet.example');
    expect(c.first_name).toBe('Éloïse');
    expect(c.phone).toBe('02 40 12 34 56');
    expect(c.phones).toEqual(
      expect.arrayContaining([
        { label: 'mobile', number: '06 77 66 55 44' },
        { label: 'home', number: '02 40 98 76 54' },
      ]),
    );
    expect(c.phones).toHaveLength(2);
    expect(c.emails).toEqual([
      { label: 'other', email: 'eloise@perso.example' },
      { label: 'other', email: 'e.garnier@asso.example' },
    ]);
  });

  it('Google CSV: "Phone 1 - Label"/"Phone 1 - Value" pairs, several values in one cell joined by " ::: "', async () => {
    await importFile(t, 'channels-google.csv');
    const c = await byEmail(t, 'soren@madsen.example');
    expect(c.first_name).toBe('Søren');
    expect(c.phone).toBe('+45 20 12 34 56');
    expect(c.phones).toEqual([
      { label: 'work', number: '+45 33 12 34 56' },
      { label: 'work', number: '+45 33 12 34 57' },
      { label: 'Bureau Paris', number: '+33 1 44 55 66 77' },
    ]);
    expect(c.emails).toEqual([
      { label: 'work', email: 'soren.m@madsen.example' },
      { label: 'home', email: 'soren@hjem.example' },
    ]);
  });

  it('Thunderbird CSV: Primary/Secondary Email, Work/Home Phone, Mobile Number', async () => {
    await importFile(t, 'channels-thunderbird.csv');
    const c = await byEmail(t, 'matthias@schaefer.example');
    expect(c.last_name).toBe('Schäfer');
    const numbers = [c.phone, ...c.phones.map((p: { number: string }) => p.number)].sort();
    expect(numbers).toEqual(['+49 171 2345678', '+49 30 1234567', '+49 30 7654321']);
    expect(c.phones).toEqual(expect.arrayContaining([{ label: 'mobile', number: '+49 171 2345678' }]));
    expect(c.emails).toEqual([{ label: 'other', email: 'm.schaefer@web.example' }]);
  });

  it('a row is the contact holding any of its emails, primary or extra: skipped or updated, never a second one', async () => {
    const tag = uniq();
    const c = await createContact(t, {
      last_name: `Known${tag}`,
      email: `known.${tag}@example.com`,
      emails: [{ label: 'home', email: `known.home.${tag}@example.com` }],
    });
    const file = [
      'First Name,Last Name,E-mail Address,E-mail 2 Address,Mobile Phone',
      // its primary is the contact's extra: the same person
      `Kim,Known${tag},known.home.${tag}@example.com,,06 10 20 30 40`,
      // its second address is the contact's primary
      `Kim,Known${tag},new.${tag}@example.com,known.${tag}@example.com,`,
    ].join('\r\n');
    const skipped = await runImport(t, file);
    expect(skipped, JSON.stringify(skipped.errors)).toMatchObject({ created: 0, skipped: 2, failed: 0 });
    const updated = await runImport(t, file.split('\r\n').slice(0, 2).join('\r\n'), {
      query: { on_duplicate: 'update' },
    });
    expect(updated, JSON.stringify(updated.errors)).toMatchObject({ created: 0, updated: 1, failed: 0 });
    const after = (await t.api('GET', `/api/v1/contacts/${c.contact_id}`)).body;
    expect(after.phone).toBe('06 10 20 30 40');
    expect((await t.api('GET', `/api/v1/contacts?last_name=Known${tag}`)).body.data).toHaveLength(1);
  });

  it('CSV export → import: "Other phones" / "Other emails" come back with their labels (readable fr, en, technical)', async () => {
    for (const layout of ['lang=fr', 'lang=en', 'columns=technical']) {
      const tag = `Rt${uniq()}`;
      const phones = [
        { label: 'mobile', number: '+33 6 55 44 33 22' },
        { label: 'Standard; accueil', number: '04 72 10 20 30' },
        { label: 'other', number: '+1 212 555 0123 x45' },
      ];
      const emails = [
        { label: 'home', email: `${tag}.home@example.org` },
        { label: 'Assistante', email: `${tag}.assist@example.org` },
      ];
      await createContact(t, {
        last_name: tag,
        email: `${tag}@example.fr`,
        phone: '01 02 03 04 05',
        phones,
        emails,
      });
      const res = await t.app.inject({
        url: `/api/v1/contacts/export?last_name=${tag}&${layout}`,
        headers: { authorization: `Bearer ${t.admin.token}` },
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(
        layout === 'lang=fr' ? 'Autres téléphones' : layout === 'lang=en' ? 'Other phones' : 'phones',
      );
      // the same file as another person (every address changed), imported as it is
      const again = res.body.replaceAll(tag, `${tag}b`);
      const job = await runImport(t, again);
      expect(job, `${layout} ${JSON.stringify(job.errors)}`).toMatchObject({ created: 1, failed: 0 });
      const back = (await t.api('GET', `/api/v1/contacts?last_name=${tag}b`)).body.data[0];
      expect(back.phone).toBe('01 02 03 04 05');
      // a label's ";" cannot be told from a separator in a cell: it is written as a space
      expect(back.phones, layout).toEqual([
        phones[0],
        { ...phones[1], label: 'Standard accueil' },
        phones[2],
      ]);
      expect(back.emails, layout).toEqual(
        emails.map((e) => ({ ...e, email: e.email.replace(tag, `${tag}b`) })),
      );
    }
  });

  it('vCard export writes every TEL and EMAIL with its TYPE or label, and reads them back', async () => {
    const tag = `Vc${uniq()}`;
    const phones = [
      { label: 'mobile', number: '06 55 44 33 21' },
      { label: 'home', number: '01 44 55 66 77' },
      { label: 'work', number: '01 44 55 66 78' },
      { label: 'Standard', number: '04 72 10 20 31' },
      { label: 'other', number: '05 56 00 00 00' },
    ];
    const emails = [{ label: 'work', email: `${tag}.work@example.org` }];
    await createContact(t, {
      last_name: tag,
      email: `${tag}@example.fr`,
      phone: '01 02 03 04 06',
      phones,
      emails,
    });
    const res = await t.app.inject({
      url: `/api/v1/contacts/export?last_name=${tag}&format=vcf`,
      headers: { authorization: `Bearer ${t.admin.token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('TEL;VALUE=text;TYPE=cell:06 55 44 33 21');
    expect(res.body).toContain('EMAIL;TYPE=work:');
    expect(res.body).toMatch(/ITEM\d\.X-ABLABEL:Standard/);
    const job = await runImport(t, res.body.replaceAll(tag, `${tag}b`), { contentType: 'text/vcard' });
    expect(job, JSON.stringify(job.errors)).toMatchObject({ created: 1, failed: 0 });
    const back = (await t.api('GET', `/api/v1/contacts?last_name=${tag}b`)).body.data[0];
    expect(back.phone).toBe('01 02 03 04 06');
    expect(back.phones).toEqual(phones);
    expect(back.emails).toEqual([{ label: 'work', email: `${tag}b.work@example.org` }]);
  });
});

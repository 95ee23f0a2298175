// Tags through files (issue 13): the columns other tools write (Labels, Categories, Google's Group
// Membership), vCard CATEGORIES, our CSV and vCard exports, and an export imported back giving the
// same tags; and a person's erasure taking their tags' index rows with them.
import { expect, it } from 'vitest';
import { uniq } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';
import { runImport } from '../test/import-helpers.js';

describeEachDialect('tags: import, export, erasure', (t) => {
  const byEmail = async (email: string) => {
    const res = await t.api('GET', `/api/v1/contacts?email=${encodeURIComponent(email)}`);
    expect(res.status).toBe(200);
    return res.body.data[0];
  };

  it('CSV "Labels" and "Catégories" columns, split on , ; and ::, matched to existing tags', async () => {
    const u = uniq();
    await t.api('POST', '/api/v1/tags', { name: `Client ${u}`, color: 'green' });
    const csv = [
      'First Name,Last Name,E-mail,Labels',
      `Ada,Lovelace,ada.${u}@example.com,"client ${u}; Salon ${u},Presse ${u}"`,
      `Alan,Turing,alan.${u}@example.com,Salon ${u} :: Ami ${u}`,
      `Bob,Empty,bob.${u}@example.com,`,
    ].join('\n');
    const job = await runImport(t, csv);
    expect(job).toMatchObject({ status: 'done', created: 3, failed: 0 });
    expect(job.mapping.Labels).toBe('tags');
    expect((await byEmail(`ada.${u}@example.com`)).tags).toEqual([
      `Client ${u}`,
      `Presse ${u}`,
      `Salon ${u}`,
    ]);
    expect((await byEmail(`alan.${u}@example.com`)).tags).toEqual([`Ami ${u}`, `Salon ${u}`]);
    expect((await byEmail(`bob.${u}@example.com`)).tags).toEqual([]);
    // the index follows an import's batch: the filter finds both
    const salon = await t.api('GET', `/api/v1/contacts?tag=${encodeURIComponent(`salon ${u}`)}`);
    expect(salon.body.data).toHaveLength(2);

    const fr = ['Prénom;Nom;Catégories', `Zoé;Martin ${u};Fournisseur ${u}`].join('\n');
    const frJob = await runImport(t, fr);
    expect(frJob).toMatchObject({ status: 'done', created: 1 });
    const zoe = await t.api('GET', `/api/v1/contacts?last_name=${encodeURIComponent(`Martin ${u}`)}`);
    expect(zoe.body.data[0].tags).toEqual([`Fournisseur ${u}`]);

    // a cell with a name too long is that row's error; the others are imported
    const bad = ['Company Name,Tags', `Good ${u},Partenaire ${u}`, `Bad ${u},${'x'.repeat(51)}`].join('\n');
    const badJob = await runImport(t, bad, { entity: 'companies' });
    expect(badJob).toMatchObject({ status: 'done', created: 1, failed: 1 });
  });

  it('Google Contacts "Group Membership": " ::: " between groups, system groups dropped', async () => {
    const u = uniq();
    const csv = [
      'Given Name,Family Name,E-mail 1 - Value,Group Membership',
      `Hélène,Dupré,helene.${u}@example.fr,* myContacts ::: Famille ${u} ::: * starred ::: Golf ${u}`,
      `Paul,Only,paul.${u}@example.fr,* myContacts`,
    ].join('\n');
    const job = await runImport(t, csv);
    expect(job).toMatchObject({ status: 'done', created: 2, failed: 0 });
    expect((await byEmail(`helene.${u}@example.fr`)).tags).toEqual([`Famille ${u}`, `Golf ${u}`]);
    expect((await byEmail(`paul.${u}@example.fr`)).tags).toEqual([]);
  });

  it('vCard CATEGORIES, escaped commas and several lines; Google’s myContacts dropped', async () => {
    const u = uniq();
    const vcf = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      `N:Curie ${u};Marie;;;`,
      `FN:Marie Curie ${u}`,
      `EMAIL:marie.${u}@example.fr`,
      `CATEGORIES:Science ${u},Prix Nobel ${u},myContacts`,
      `CATEGORIES:Paris ${u}`,
      'END:VCARD',
      '',
    ].join('\r\n');
    const job = await runImport(t, vcf, { contentType: 'text/vcard' });
    expect(job).toMatchObject({ status: 'done', created: 1, failed: 0 });
    expect((await byEmail(`marie.${u}@example.fr`)).tags).toEqual([
      `Paris ${u}`,
      `Prix Nobel ${u}`,
      `Science ${u}`,
    ]);
  });

  it('an export imported back gives the same tags: CSV (both layouts) and vCard', async () => {
    const u = uniq();
    const tags = [`Été ${u}`, `VIP ${u}`, `=cmd ${u}`];
    const made = await t.api('POST', '/api/v1/contacts', {
      first_name: 'Round',
      last_name: `Trip ${u}`,
      email: `round.${u}@example.com`,
      tags,
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const stored = made.body.tags;
    const filter = `email=${encodeURIComponent(`round.${u}@example.com`)}`;
    for (const [query, contentType, needle] of [
      ['columns=readable&lang=fr', 'text/csv', 'Étiquettes'],
      ['columns=readable&lang=en', 'text/csv', 'Tags'],
      ['columns=technical', 'text/csv', 'tags'],
      ['format=vcf', 'text/vcard', 'CATEGORIES:'],
    ]) {
      const out = await t.api('GET', `/api/v1/contacts/export?${filter}&${query}`);
      expect(out.status).toBe(200);
      const file = String(out.raw.body);
      expect(file, query).toContain(needle);
      // the record goes, its export comes back in
      const { contact_id } = (await t.api('GET', `/api/v1/contacts?${filter}`)).body.data[0];
      expect((await t.api('DELETE', `/api/v1/contacts/${contact_id}`)).status).toBe(204);
      const job = await runImport(t, file, { contentType });
      expect(job, query).toMatchObject({ status: 'done', created: 1, failed: 0 });
      expect((await byEmail(`round.${u}@example.com`)).tags, query).toEqual(stored);
    }
  });

  it('a company export names its tags; an erased contact leaves no index rows', async () => {
    const u = uniq();
    const co = await t.api('POST', '/api/v1/companies', {
      company_name: `Acme ${u}`,
      tags: [`B ${u}`, `A ${u}`],
    });
    const csv = await t.api(
      'GET',
      `/api/v1/companies/export?company_name=${encodeURIComponent(`Acme ${u}`)}&columns=readable&lang=en`,
    );
    expect(String(csv.raw.body)).toContain(`"A ${u}, B ${u}"`);
    expect(co.status).toBe(201);

    const c = await t.api('POST', '/api/v1/contacts', { last_name: `Erased ${u}`, tags: [`Gone ${u}`] });
    expect((await t.api('POST', `/api/v1/contacts/${c.body.contact_id}/erase`)).status).toBeLessThan(300);
    const rows = await t.db.kysely
      .selectFrom('record_tags')
      .selectAll()
      .where('resource', '=', 'contacts')
      .where('record_id', '=', c.body.contact_id)
      .execute();
    expect(rows).toEqual([]);
    const tag = (await t.api('GET', '/api/v1/tags')).body.data.find(
      (x: { name: string }) => x.name === `Gone ${u}`,
    );
    expect(tag.usage.contacts).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { describeEachDialect } from '../test/harness.js';
import { contactByEmail, fixture, runImport } from '../test/import-helpers.js';

describeEachDialect('imports: files from the usual tools, with no mapping', (t) => {
  it('Google Contacts CSV: multi-values, multi-line notes, accents; notes kept as a note', async () => {
    const job = await runImport(t, fixture('google-contacts.csv'));
    expect(job).toMatchObject({ status: 'done', total_rows: 3, processed_rows: 3, created: 3, failed: 0 });
    expect(job.detected).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',' });
    expect(job.mapping).toMatchObject({
      'First Name': 'first_name',
      'E-mail 1 - Value': 'email',
      'Organization Name': 'company_name',
    });
    const h = await contactByEmail(t, 'helene.dupre@example.fr');
    expect(h).toMatchObject({
      first_name: 'Hélène',
      last_name: 'Dupré-Lefèvre',
      phone: '+33 6 12 34 56 78',
      company_name: 'Société Générale',
    });
    const notes = await t.db.kysely
      .selectFrom('interactions')
      .select(['notes', 'interaction_type'])
      .where('contact_id', '=', h?.contact_id as number)
      .execute();
    expect(notes).toEqual([{ notes: 'Rencontrée au salon.\nRappeler en mars.', interaction_type: 'note' }]);
    const zoe = await t.db.kysely
      .selectFrom('contacts')
      .selectAll()
      .where('last_name', '=', 'Łukasiewicz')
      .executeTakeFirstOrThrow();
    expect(zoe).toMatchObject({ first_name: 'Zoë', email: null, phone: '+48 600 700 800' });
  });

  it('HubSpot CSV with a BOM: phones with extensions tidied, emails case kept, a row with only an email', async () => {
    const job = await runImport(t, fixture('hubspot-contacts.csv'));
    expect(job).toMatchObject({ status: 'done', created: 3, failed: 0 });
    expect(job.detected.encoding).toBe('utf-8');
    expect(await contactByEmail(t, 'grace.hopper@example.com')).toMatchObject({
      first_name: 'Grace',
      // the column holds a number with its extension (migration 0023): kept as written
      phone: '+1 (555) 010-2030 ext. 12',
      company_name: 'Navy Labs',
    });
    expect(await contactByEmail(t, 'alan.turing@example.com')).toMatchObject({
      email: 'ALAN.TURING@example.com',
    });
  });

  it('LinkedIn connections: the notes before the header are skipped', async () => {
    const job = await runImport(t, fixture('linkedin-connections.csv'));
    expect(job).toMatchObject({ status: 'done', total_rows: 2, created: 2, failed: 0 });
    expect(job.detected.header_row).toBe(2);
    expect(await contactByEmail(t, 'jp.jeunet@example.fr')).toMatchObject({
      first_name: 'Jean-Pierre',
      company_name: 'Studio Canal, Paris',
    });
    const amelie = await t.db.kysely
      .selectFrom('contacts')
      .select(['first_name', 'email'])
      .where('last_name', '=', 'Poulain')
      .executeTakeFirst();
    expect(amelie).toEqual({ first_name: 'Amélie', email: null });
  });

  it('Pipedrive people: prefixed headers, full names split', async () => {
    const job = await runImport(t, fixture('pipedrive-people.csv'));
    expect(job).toMatchObject({ status: 'done', created: 2, failed: 0 });
    expect(await contactByEmail(t, 'bjorn@nordic.example')).toMatchObject({
      first_name: 'Björn',
      last_name: 'Ångström',
      phone: '+46 8 123 456',
      company_name: 'Nordic Trade AB',
    });
    expect(await contactByEmail(t, 'ngozi@example.org')).toMatchObject({
      first_name: 'Ngozi',
      last_name: 'Okonjo-Iweala',
      phone: '+234 803 000 0000',
    });
  });

  it('Salesforce report: one company for names differing in case only; the mobile when there is no phone', async () => {
    const job = await runImport(t, fixture('salesforce-contacts.csv'));
    expect(job).toMatchObject({ status: 'done', created: 2, failed: 0 });
    const marie = await contactByEmail(t, 'marie.curie@example.fr');
    const pierre = await contactByEmail(t, 'pierre.curie@example.fr');
    expect(marie).toMatchObject({ phone: '06 11 22 33 44', company_name: 'Institut du Radium' });
    expect(pierre).toMatchObject({ phone: '01 44 27 00 00', company_name: 'Institut du Radium' });
  });

  it('Outlook CSV (Windows-1252): accents right, the business phone, the company', async () => {
    const job = await runImport(t, fixture('outlook-contacts.csv'));
    expect(job).toMatchObject({ status: 'done', created: 1, failed: 0 });
    expect(job.detected.encoding).toBe('windows-1252');
    expect(await contactByEmail(t, 'renee.mueller@example.de')).toMatchObject({
      first_name: 'Renée',
      last_name: 'Müller',
      phone: '+49 171 2345678',
      company_name: 'Bäckerei Müller GmbH',
    });
  });

  it('French Excel (Windows-1252, semicolons, CRLF) and French Outlook', async () => {
    const job = await runImport(t, fixture('french-excel.csv'));
    expect(job).toMatchObject({ status: 'done', created: 3, failed: 0 });
    expect(job.detected).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
    const e = await contactByEmail(t, 'elodie.berezina@exemple.fr');
    const g = await contactByEmail(t, 'gaetan.loeillet@exemple.fr');
    expect(e).toMatchObject({
      first_name: 'Élodie',
      last_name: 'Bérézina',
      company_name: 'Les Crêpes de Noémie',
    });
    expect(g).toMatchObject({ last_name: 'Lœillet', company_name: 'Les Crêpes de Noémie' });
    const c = await t.db.kysely
      .selectFrom('contacts')
      .selectAll()
      .where('last_name', '=', 'Ñúñez')
      .executeTakeFirstOrThrow();
    const note = await t.db.kysely
      .selectFrom('interactions')
      .select('notes')
      .where('contact_id', '=', c.contact_id)
      .executeTakeFirstOrThrow();
    expect(note.notes).toBe('Tarif spécial : 10 € – promo');
    const fr = await runImport(t, fixture('outlook-fr.csv'));
    expect(fr).toMatchObject({ status: 'done', created: 1, failed: 0 });
    expect(await contactByEmail(t, 'benedicte.lefebvre@exemple.fr')).toMatchObject({
      first_name: 'Bénédicte',
      last_name: 'Lefèbvre',
      phone: '06 55 44 33 22',
      company_name: 'Crédit Agricole',
    });
  });

  describe('vCard', () => {
    it('iPhone 3.0: grouped EMAIL, preferred TEL, ORG, NOTE, a photo ignored', async () => {
      const job = await runImport(t, fixture('iphone.vcf'), { contentType: 'text/vcard' });
      expect(job).toMatchObject({ status: 'done', format: 'vcard', total_rows: 2, created: 2, failed: 0 });
      const h = await contactByEmail(t, 'helene@example.fr');
      expect(h).toMatchObject({
        first_name: 'Hélène',
        last_name: 'Dupré',
        phone: '+33 6 12 34 56 78',
        company_name: 'Société Générale',
      });
      const note = await t.db.kysely
        .selectFrom('interactions')
        .select('notes')
        .where('contact_id', '=', h?.contact_id as number)
        .executeTakeFirstOrThrow();
      expect(note.notes).toBe('Rencontrée au salon VivaTech, stand B12.\nA rappeler en mars.');
      expect(
        await t.db.kysely
          .selectFrom('contacts')
          .select('phone')
          .where('first_name', '=', 'Jérôme')
          .executeTakeFirst(),
      ).toEqual({ phone: '06 00 00 00 01' });
    });

    it('Android 2.1: quoted-printable UTF-8 with soft line breaks, bare parameters, PREF', async () => {
      const job = await runImport(t, fixture('android.vcf'), { contentType: 'text/x-vcard' });
      expect(job).toMatchObject({ status: 'done', created: 2, failed: 0 });
      const f = await contactByEmail(t, 'francois@example.com');
      expect(f).toMatchObject({
        first_name: 'François',
        last_name: 'Çelik',
        phone: '+33140000001',
        company_name: 'Ædifice & Fils',
      });
      const note = await t.db.kysely
        .selectFrom('interactions')
        .select('notes')
        .where('contact_id', '=', f?.contact_id as number)
        .executeTakeFirstOrThrow();
      expect(note.notes).toBe(
        'Très long commentaire qui dépasse la largeur d’une ligne et continue après une coupure douce.\r\nDeuxième ligne.'.replace(
          '\r\n',
          '\n',
        ),
      );
      expect(await contactByEmail(t, 'chidi.okafor@example.ng')).toMatchObject({
        first_name: 'Chidi',
        phone: '+234 1 234 5678',
      });
    });

    it('Outlook 2.1 in Windows-1252, quoted-printable with CHARSET=Windows-1252', async () => {
      const job = await runImport(t, fixture('outlook.vcf'));
      expect(job).toMatchObject({ status: 'done', created: 1, failed: 0 });
      const r = await contactByEmail(t, 'rene.lefevre@example.fr');
      expect(r).toMatchObject({
        first_name: 'René',
        last_name: 'Lefèvre',
        phone: '01 23 45 67 00',
        company_name: 'Boulangerie Étoile',
      });
      const note = await t.db.kysely
        .selectFrom('interactions')
        .select('notes')
        .where('contact_id', '=', r?.contact_id as number)
        .executeTakeFirstOrThrow();
      expect(note.notes).toBe('Livraison le mardi – pas le lundi.\nÀ voir.');
    });

    it('Google 3.0 and 4.0 cards: PREF=1 wins, tel: URIs, CJK notes', async () => {
      const job = await runImport(t, fixture('google.vcf'));
      expect(job).toMatchObject({ status: 'done', created: 3, failed: 0 });
      expect(await contactByEmail(t, 'ingrid.b@example.se')).toMatchObject({
        last_name: 'Bergström',
        company_name: 'Volvo Cars',
      });
      expect(await contactByEmail(t, 'ana@example.es')).toMatchObject({
        first_name: 'Ana María',
        last_name: 'González',
        phone: '+34-600-111-222',
        company_name: 'Telefónica',
      });
      const li = await contactByEmail(t, 'li.wei@example.cn');
      const note = await t.db.kysely
        .selectFrom('interactions')
        .select('notes')
        .where('contact_id', '=', li?.contact_id as number)
        .executeTakeFirstOrThrow();
      expect(note.notes).toBe('一位很好的客户');
    });
  });
});

// The full CSV export as a person reads it: the headers of the web app's selection export in the
// requester's language, owner and company names; the technical layout on request; both imported
// back the same into a fresh database.
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEXT_MARK } from '../../shared/csv-safety.js';
import { EXPORT_HEADERS, EXPORT_LANGUAGES, exportHeaders } from '../../shared/export-columns.js';
import { IMPORT_ENTITIES, IMPORT_TARGETS } from '../../shared/imports.js';
import { buildApp } from '../app.js';
import { connect, type Db } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { resolveMapping } from '../imports/mapping.js';
import { type FreshDatabase, freshDatabase } from '../test/dialects.js';
import { createCompany, createContact, createOpportunity, createUser, uniq } from '../test/factories.js';
import { adminHeaders, describeEachDialect, type TestContext } from '../test/harness.js';

const TECHNICAL_CONTACTS =
  'contact_id,first_name,last_name,email,phone,phones,emails,company_id,company_name,owner_id,' +
  'job_title,street,postal_code,city,region,country,birthday,linkedin_url,source,tags,created_at,updated_at';

describe('readable export headers', () => {
  it.each(IMPORT_ENTITIES.flatMap((e) => EXPORT_LANGUAGES.map((l) => [e, l] as const)))(
    'the importer maps every %s header in %s to its field',
    (entity, lang) => {
      const labels = EXPORT_HEADERS[entity] as Record<string, Record<string, string>>;
      const keys = Object.keys(labels);
      const { mapping } = resolveMapping(entity, exportHeaders(entity, keys as never, lang));
      for (const key of keys) {
        const expected = (IMPORT_TARGETS[entity] as readonly string[]).includes(key) ? key : null;
        expect([key, mapping[labels[key][lang]]]).toEqual([key, expected]);
      }
    },
  );
});

describeEachDialect('exports: readable layout', (t) => {
  let tag: string;
  let owner: { user_id: number; email: string };
  let nameless: { user_id: number; email: string };
  beforeAll(async () => {
    tag = `Rd${uniq()}`;
    owner = await createUser(t, { name: 'Léa Martin' });
    nameless = await createUser(t);
    await t.db.kysely
      .updateTable('users')
      .set({ name: null })
      .where('user_id', '=', nameless.user_id)
      .execute();
    const co = await createCompany(t, { company_name: `${tag} Crêperie`, owner_id: owner.user_id });
    await createContact(t, {
      first_name: 'Hélène',
      last_name: `${tag} Dupré`,
      email: `helene.${tag}@example.fr`,
      phone: '+33 6 12 34 56 78',
      company_id: co.company_id,
      owner_id: owner.user_id,
    });
    await createContact(t, { first_name: 'Zoé', last_name: `${tag} Zed`, owner_id: nameless.user_id });
  });

  const csv = async (url: string, headers: Record<string, string> = {}, token = t.admin.token) => {
    const res = await t.app.inject({ url, headers: { authorization: `Bearer ${token}`, ...headers } });
    expect(res.statusCode).toBe(200);
    expect(res.body.startsWith('\ufeff')).toBe(true);
    return { header: res.body.slice(1).split('\r\n')[0], rows: parse(res.body.slice(1), { columns: true }) };
  };

  it('the headers of the selection export, names instead of IDs, a phone without apostrophe', async () => {
    const fr = await csv(`/api/v1/contacts/export?q=${tag.toLowerCase()}&sort=last_name&lang=fr`);
    expect(fr.header).toBe(
      'ID,Prénom,Nom,E-mail,Téléphone,Autres téléphones,Autres e-mails,Entreprise,Responsable,Fonction,Adresse,Code postal,Ville,Région,' +
        'Pays,Anniversaire,Profil LinkedIn,Origine,Étiquettes,Créé le,Modifié le',
    );
    expect(fr.rows[0]).toMatchObject({
      Prénom: 'Hélène',
      Téléphone: `${TEXT_MARK}+33 6 12 34 56 78`,
      Entreprise: `${tag} Crêperie`,
      Responsable: 'Léa Martin',
    });
    // a user without a name is shown by their email, as in the app
    expect(fr.rows[1]).toMatchObject({ Prénom: 'Zoé', Responsable: nameless.email, Entreprise: '' });
    const en = await csv(`/api/v1/contacts/export?q=${tag.toLowerCase()}&lang=en`);
    expect(en.header).toBe(
      'ID,First name,Last name,Email,Phone,Other phones,Other emails,Company,Owner,Job title,Street,Postal code,City,Region,Country,' +
        'Birthday,LinkedIn profile,Source,Tags,Created,Updated',
    );
    const companies = await csv(`/api/v1/companies/export?q=${tag.toLowerCase()}&lang=en`);
    expect(companies.header).toBe(
      'ID,Name,Industry,Website,Owner,Phone,Street,Postal code,City,Region,Country,Employees,Annual revenue,' +
        'Domain,Tags,Created,Updated',
    );
    expect(companies.rows[0]).toMatchObject({ Name: `${tag} Crêperie`, Owner: 'Léa Martin' });
    const deals = await csv(`/api/v1/opportunities/export?q=${tag.toLowerCase()}&lang=fr`);
    expect(deals.header).toBe(
      'ID,Nom,E-mail du contact,Entreprise,Montant,Étape,Clôture prévue,Probabilité (%),Responsable,Clôturée le,' +
        'Raison de la perte,Étiquettes,Créée le,Modifiée le',
    );
  });

  it('the language: ?lang, else the profile, else Accept-Language, else CRM_DEFAULT_LOCALE', async () => {
    const url = `/api/v1/contacts/export?q=${tag.toLowerCase()}`;
    const m = await t.member('sales');
    const setLocale = (locale: string | null) =>
      t.db.kysely.updateTable('users').set({ locale }).where('user_id', '=', m.user_id).execute();
    await setLocale('en');
    expect((await csv(url, { 'accept-language': 'fr' }, m.token)).header).toMatch(/^ID,First name,/);
    expect((await csv(`${url}&lang=fr`, {}, m.token)).header).toMatch(/^ID,Prénom,/);
    await setLocale(null);
    expect((await csv(url, { 'accept-language': 'de, en;q=0.5' }, m.token)).header).toMatch(
      /^ID,First name,/,
    );
    expect((await csv(url, { 'accept-language': 'fr-CH' }, m.token)).header).toMatch(/^ID,Prénom,/);
    expect((await csv(url, {}, m.token)).header).toMatch(/^ID,Prénom,/);
  });

  it('columns=technical: the field names and IDs of the API', async () => {
    const tech = await csv(`/api/v1/contacts/export?q=${tag.toLowerCase()}&sort=last_name&columns=technical`);
    expect(tech.header).toBe(TECHNICAL_CONTACTS);
    expect(tech.rows[0]).toMatchObject({ owner_id: String(owner.user_id), first_name: 'Hélène' });
  });

  it('refuses an unknown layout or language (400), and a long one', async () => {
    for (const q of ['columns=pretty', 'lang=de', 'columns=', `lang=${'f'.repeat(5000)}`]) {
      const res = await t.app.inject({
        url: `/api/v1/contacts/export?${q}`,
        headers: { authorization: `Bearer ${t.admin.token}` },
      });
      expect([q, res.statusCode]).toEqual([q, 400]);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  roundTrips(t);
});

/** a DATE column as the drivers give it (a string, or a Date at midnight UTC here) */
const day = (v: unknown) =>
  v instanceof Date ? v.toISOString().slice(0, 10) : v == null ? null : String(v).slice(0, 10);

/** Every export, in both layouts, imported into a fresh database: the same records. */
function roundTrips(t: TestContext) {
  let fresh: FreshDatabase;
  let db: Db;
  let app: FastifyInstance;
  let auth: Record<string, string>;
  beforeAll(async () => {
    fresh = await freshDatabase(t.dialect);
    db = connect(fresh.url);
    await migrateToLatest(db);
    app = await buildApp({ config: { logLevel: 'silent' }, db, sessionSecret: 's' });
    auth = await adminHeaders(db);
  });
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
    await fresh?.drop();
  });

  const snapshot = async (k: Db) => ({
    companies: await k.kysely
      .selectFrom('companies')
      .select(['company_name', 'industry', 'website'])
      .orderBy('company_name')
      .execute(),
    contacts: (
      await k.kysely
        .selectFrom('contacts')
        .leftJoin('companies', 'companies.company_id', 'contacts.company_id')
        .select(['first_name', 'last_name', 'email', 'contacts.phone', 'company_name'])
        .orderBy('email')
        .execute()
    ).map((r) => ({ ...r, email: r.email?.toLowerCase() ?? null })),
    opportunities: (
      await k.kysely
        .selectFrom('opportunities')
        .leftJoin('companies', 'companies.company_id', 'opportunities.company_id')
        .leftJoin('contacts', 'contacts.contact_id', 'opportunities.contact_id')
        .select([
          'opportunity_name',
          'deal_value',
          'stage',
          'expected_close_date',
          'company_name',
          'contacts.email',
        ])
        .orderBy('opportunity_name')
        .execute()
    ).map((r) => ({
      ...r,
      deal_value: Number(r.deal_value),
      expected_close_date: day(r.expected_close_date),
    })),
  });

  const load = async (entity: string, body: Buffer) => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/imports?entity=${entity}`,
      headers: { ...auth, 'content-type': 'text/csv' },
      payload: body,
    });
    expect(res.statusCode).toBe(202);
    const id = res.json().import_id;
    for (;;) {
      const job = (await app.inject({ url: `/api/v1/imports/${id}`, headers: auth })).json();
      if (job.status === 'done' || job.status === 'failed') return job;
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  for (const query of ['lang=fr&delimiter=semicolon', 'lang=en', 'columns=technical']) {
    it(`round trip of companies, contacts and opportunities through CSV (${query})`, async () => {
      await createOpportunity(t, {
        opportunity_name: `Rt${uniq()} Deal`,
        company_id: (await createCompany(t, { company_name: `Rt${uniq()}`, industry: 'Boulangerie' }))
          .company_id,
        contact_id: (await createContact(t, { email: `rt.${uniq()}@example.com`, phone: '+41 44 668 18 00' }))
          .contact_id,
        deal_value: 1234.5,
        expected_close_date: '2026-03-15',
      });
      for (const table of ['interactions', 'tasks', 'opportunities', 'contacts', 'companies'])
        await db.kysely.deleteFrom(table as 'contacts').execute();
      for (const entity of ['companies', 'contacts', 'opportunities']) {
        const file = await t.app.inject({
          url: `/api/v1/${entity}/export?${query}`,
          headers: { authorization: `Bearer ${t.admin.token}` },
        });
        expect(await load(entity, file.rawPayload)).toMatchObject({ status: 'done', failed: 0 });
      }
      const source = await snapshot(t.db);
      expect(source.opportunities.some((o) => o.deal_value === 1234.5 && o.email && o.company_name)).toBe(
        true,
      );
      expect(source.contacts.some((c) => c.phone === '+41 44 668 18 00')).toBe(true);
      expect(await snapshot(db)).toEqual(source);
    });
  }
}

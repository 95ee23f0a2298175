// The seed design (shared/crm-schema.fr.md) is MySQL DDL. What happens when Carnet meets a database
// that was made from it, and how close our schema stays to it. MariaDB/MySQL only.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { isoFromDb } from '../lib/time.js';
import { type FreshDatabase, freshDatabase } from '../test/dialects.js';
import { adminHeaders } from '../test/harness.js';
import { columnTypes, holds, SEED_COLUMNS } from '../test/schema-info.js';
import { connect, type Db } from './connect.js';
import { MigrationError, migrateToLatest } from './migrate.js';

// The seed's four statements verbatim, companies first (as written, contacts references it before
// it exists). Embedded so that the test does not depend on where the design document lives.
const SEED_DDL = {
  companies: `CREATE TABLE companies (
    company_id INT PRIMARY KEY AUTO_INCREMENT, -- Identifiant unique pour chaque entreprise
    company_name VARCHAR(100), -- Nom de l'entreprise
    industry VARCHAR(50), -- Secteur d'activité de l'entreprise
    website VARCHAR(100), -- Site web de l'entreprise
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, -- Date de création de l'enregistrement
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP -- Date de mise à jour de l'enregistrement
);`,
  contacts: `CREATE TABLE contacts (
    contact_id INT PRIMARY KEY AUTO_INCREMENT, -- Identifiant unique pour chaque contact
    first_name VARCHAR(50), -- Prénom du contact
    last_name VARCHAR(50), -- Nom de famille du contact
    email VARCHAR(100) UNIQUE, -- Adresse email du contact (doit être unique)
    phone VARCHAR(20), -- Numéro de téléphone du contact
    company_id INT, -- Référence à l'entreprise associée (clé étrangère vers la table des entreprises)
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, -- Date de création du contact
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, -- Date de mise à jour du contact
    FOREIGN KEY (company_id) REFERENCES companies(company_id) -- Clé étrangère vers la table des entreprises
);`,
  opportunities: `CREATE TABLE opportunities (
    opportunity_id INT PRIMARY KEY AUTO_INCREMENT, -- Identifiant unique pour chaque opportunité
    opportunity_name VARCHAR(100), -- Nom de l'opportunité (par exemple, "Contrat annuel de maintenance")
    contact_id INT, -- Référence au contact associé
    company_id INT, -- Référence à l'entreprise associée
    deal_value DECIMAL(10, 2), -- Valeur financière de l'opportunité
    stage VARCHAR(50), -- Statut de l'opportunité (par exemple, "En négociation", "Fermée")
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, -- Date de création de l'enregistrement
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, -- Date de mise à jour de l'enregistrement
    FOREIGN KEY (contact_id) REFERENCES contacts(contact_id), -- Clé étrangère vers la table des contacts
    FOREIGN KEY (company_id) REFERENCES companies(company_id) -- Clé étrangère vers la table des entreprises
);`,
  interactions: `CREATE TABLE interactions (
    interaction_id INT PRIMARY KEY AUTO_INCREMENT, -- Identifiant unique pour chaque interaction
    contact_id INT, -- Référence au contact avec lequel l'interaction a eu lieu
    interaction_type VARCHAR(50), -- Type d'interaction (par exemple, "email", "appel", "réunion")
    interaction_date TIMESTAMP, -- Date de l'interaction
    notes TEXT, -- Notes ou résumé de l'interaction
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, -- Date de création de l'enregistrement
    FOREIGN KEY (contact_id) REFERENCES contacts(contact_id) -- Clé étrangère vers la table des contacts
);`,
};
const SEED_TABLES = Object.keys(SEED_DDL);

const SEED_ROWS = [
  `INSERT INTO companies (company_name, industry, website) VALUES
     ('Dupont SA', 'Industrie', 'https://dupont.example'), ('Société Générale', NULL, NULL)`,
  `INSERT INTO contacts (first_name, last_name, email, phone, company_id) VALUES
     ('Hélène', 'Dupré-Lefèvre', 'helene@dupont.example', '06 12 34 56 78', 1),
     ('Jean', 'Martin', NULL, NULL, NULL)`,
  `INSERT INTO opportunities (opportunity_name, contact_id, company_id, deal_value, stage) VALUES
     ('Contrat annuel de maintenance', 1, 1, 1234.50, 'En négociation')`,
  `INSERT INTO interactions (contact_id, interaction_type, interaction_date, notes) VALUES
     (1, 'appel', '2026-03-15 09:30:00', 'Premier appel : intéressée par le contrat annuel.')`,
];

const dbName = (url: string) => new URL(url).pathname.slice(1);

async function tableNames(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = database() order by table_name`.execute(db.kysely);
  return rows.map((r) => r.name);
}

async function snapshot(db: Db) {
  const out: Record<string, unknown[]> = {};
  for (const t of SEED_TABLES)
    out[t] = (await sql`select * from ${sql.table(t)} order by 1`.execute(db.kysely)).rows;
  return out;
}

describe.skipIf(!process.env.TEST_MYSQL_URL)('a database made from the seed design DDL [mysql]', () => {
  let seedFresh: FreshDatabase;
  let seed: Db;
  let before: Record<string, unknown[]>;

  beforeAll(async () => {
    seedFresh = await freshDatabase('mysql');
    seed = connect(seedFresh.url);
    // in the document's order the first statement already fails: companies does not exist yet
    await expect(sql.raw(SEED_DDL.contacts).execute(seed.kysely)).rejects.toThrow();
    for (const ddl of Object.values(SEED_DDL)) await sql.raw(ddl).execute(seed.kysely);
    for (const insert of SEED_ROWS) await sql.raw(insert).execute(seed.kysely);
    before = await snapshot(seed);
  });
  afterAll(async () => {
    await seed?.destroy();
    await seedFresh?.drop();
  });

  it('holds the seed rows as written', () => {
    expect(before.companies).toHaveLength(2);
    expect(before.contacts).toMatchObject([{ first_name: 'Hélène', email: 'helene@dupont.example' }, {}]);
    expect(before.opportunities).toMatchObject([{ deal_value: '1234.50', stage: 'En négociation' }]);
    expect(before.interactions).toMatchObject([{ interaction_date: '2026-03-15 09:30:00' }]);
  });

  it('is refused by our migration with a clear error, before anything is changed', async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await migrateToLatest(seed).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as Error).message).toMatch(
        /already has tables that Carnet did not create \(companies, contacts, opportunities, interactions\)/,
      );
      // no stray tables (not even Kysely's bookkeeping), and every seed row still there and readable
      expect(await tableNames(seed)).toEqual([...SEED_TABLES].sort());
      expect(await snapshot(seed)).toEqual(before);
    }
  });

  describe('against our schema', () => {
    let oursFresh: FreshDatabase;
    let ours: Db;
    let app: FastifyInstance;
    let auth: Record<string, string>;
    beforeAll(async () => {
      oursFresh = await freshDatabase('mysql');
      ours = connect(oursFresh.url);
      await migrateToLatest(ours);
      app = await buildApp({ config: { logLevel: 'silent' }, db: ours, sessionSecret: 's' });
      auth = await adminHeaders(ours);
    });
    afterAll(async () => {
      await app?.close();
      await ours?.destroy();
      await oursFresh?.drop();
    });

    it("spells the seed's types as schema-info's SEED_COLUMNS says (what the other dialects check)", async () => {
      const types = await columnTypes(seed);
      const expected = Object.entries(SEED_COLUMNS).flatMap(([t, cols]) =>
        Object.entries(cols).map(([c, ty]) => [`${t}.${c}`, ty]),
      );
      expect([...types.entries()].sort()).toEqual(expected.sort());
    });

    it("keeps every seed table and column name, with a type that holds the seed's values", async () => {
      const seedTypes = await columnTypes(seed);
      const ourTypes = await columnTypes(ours);
      const problems = [...seedTypes]
        .filter(([column, type]) => !holds('mysql', ourTypes.get(column), type))
        .map(([column, type]) => `${column}: seed ${type}, ours ${ourTypes.get(column) ?? 'missing'}`);
      expect(problems).toEqual([]);
    });

    it('takes the seed rows column for column, and the API shows them unchanged', async () => {
      const from = (t: string) => sql.raw(`\`${dbName(seedFresh.url)}\`.${t}`);
      await sql`insert into companies (company_id, company_name, industry, website, created_at, updated_at,
          name_key, search_text)
        select company_id, company_name, industry, website, created_at, updated_at, lower(company_name), ' '
        from ${from('companies')}`.execute(ours.kysely);
      await sql`insert into contacts (contact_id, first_name, last_name, email, phone, company_id, created_at,
          updated_at, email_key, search_text)
        select contact_id, first_name, last_name, email, phone, company_id, created_at, updated_at, lower(email), ' '
        from ${from('contacts')}`.execute(ours.kysely);
      await sql`insert into opportunities (opportunity_id, opportunity_name, contact_id, company_id, deal_value,
          stage, created_at, updated_at, search_text)
        select opportunity_id, opportunity_name, contact_id, company_id, deal_value, stage, created_at,
          updated_at, ' '
        from ${from('opportunities')}`.execute(ours.kysely);

      const [company, contact, opportunity] = [
        before.companies[0],
        before.contacts[0],
        before.opportunities[0],
      ] as Record<string, string>[];
      const contactRes = await app.inject({ url: '/api/v1/contacts/1', headers: auth });
      expect(contactRes.statusCode).toBe(200);
      expect(contactRes.json()).toEqual({
        contact_id: 1,
        first_name: 'Hélène',
        last_name: 'Dupré-Lefèvre',
        email: 'helene@dupont.example',
        phone: '06 12 34 56 78',
        company_id: 1,
        owner_id: null,
        created_at: isoFromDb(contact.created_at),
        updated_at: isoFromDb(contact.updated_at),
        // the standard fields the seed does not have (2026_12_07_0018): empty
        job_title: null,
        street: null,
        postal_code: null,
        city: null,
        region: null,
        country: null,
        birthday: null,
        linkedin_url: null,
        source: null,
        // no other phones and emails (2026_12_07_0022), no tag (0021), no custom field (0020)
        phones: [],
        emails: [],
        tags: [],
        custom_fields: {},
      });
      const opp = (await app.inject({ url: '/api/v1/opportunities/1', headers: auth })).json();
      expect(opp).toMatchObject({
        deal_value: 1234.5,
        stage: 'En négociation',
        company_id: 1,
        contact_id: 1,
      });
      expect(opp.created_at).toBe(isoFromDb(opportunity.created_at));
      const comp = (await app.inject({ url: '/api/v1/companies/1', headers: auth })).json();
      expect(comp).toMatchObject({ company_name: 'Dupont SA', website: 'https://dupont.example' });
      expect(comp.created_at).toBe(isoFromDb(company.created_at));
      // the seed's e-mail stays unique ignoring case once it lives in our schema
      const dup = await app.inject({
        method: 'POST',
        url: '/api/v1/contacts',
        payload: { first_name: 'H', email: 'HELENE@dupont.example' },
        headers: auth,
      });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().existing_id).toBe(1);
    });
  });
});

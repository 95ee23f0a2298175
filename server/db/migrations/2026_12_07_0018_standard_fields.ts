// The fields every CRM has (issue 13), as nullable columns beside the seed's (which keep their
// names). Contacts: job title, a postal address in five columns (street, postal_code, city, region,
// country), birthday, LinkedIn profile, source. Companies: a phone, the same address, employees,
// annual revenue (exact, DECIMAL(15,2): up to 9 999 999 999 999.99), domain. Opportunities: a
// probability overriding their stage's (null: the stage's).
//
// Sortable fields get an index ending with the ID (as 2026_11_29_0007), NULLs first on PostgreSQL:
// contacts and companies by city, companies by employees. The domain gets one for its exact filter
// (a company is looked up by its domain). Existing rows get NULLs: their search_text is unchanged,
// as none of them has a job title, a city or a domain yet.
//
// The pipeline's weighted value follows the override: pipeline_totals also keeps, per (stage,
// owner), the total of the deals that have their own probability (override_cents) and the sum of
// their cents × probability (override_weighted), so that a stage's weighted value stays exact
// (ADR 005): ((total − override_cents) × stage probability + override_weighted) / 100. No deal has
// an override yet: both start at 0. Frozen: never edit.
import { type ColumnDefinitionBuilder, type Migration, sql } from 'kysely';
import { type AnyDb, dialectOfDb, type MigrationDialect, types } from './dialect.js';

/** what Kysely takes as a column's type: a name (varchar(100)) or raw SQL */
type DataTypeExpression = Parameters<ReturnType<AnyDb['schema']['alterTable']>['addColumn']>[1];

const ADDRESS: [string, DataTypeExpression][] = [
  ['street', 'varchar(200)'],
  ['postal_code', 'varchar(20)'],
  ['city', 'varchar(100)'],
  ['region', 'varchar(100)'],
  ['country', 'varchar(100)'],
];

const INDEXES: [string, string, string[], boolean][] = [
  // name, table, columns, sorted (NULLs first on PostgreSQL)
  ['contacts_city_idx', 'contacts', ['city', 'contact_id'], true],
  ['companies_city_idx', 'companies', ['city', 'company_id'], true],
  ['companies_employees_idx', 'companies', ['employees', 'company_id'], true],
  ['companies_domain_idx', 'companies', ['domain'], false],
];

function columns(d: MigrationDialect): Record<string, [string, DataTypeExpression][]> {
  const ty = types(d);
  return {
    contacts: [
      ['job_title', 'varchar(100)'],
      ...ADDRESS,
      ['birthday', ty.date],
      ['linkedin_url', 'varchar(200)'],
      ['source', 'varchar(100)'],
    ],
    companies: [
      ['phone', 'varchar(20)'],
      ...ADDRESS,
      ['employees', 'integer'],
      ['annual_revenue', 'decimal(15, 2)'],
      ['domain', 'varchar(100)'],
    ],
    opportunities: [['probability', 'integer']],
    pipeline_totals: [
      ['override_cents', 'bigint'],
      ['override_weighted', 'bigint'],
    ],
  };
}

/** the pipeline's totals are never NULL: a sum starts at 0 */
const totals = (table: string) => (c: ColumnDefinitionBuilder) =>
  table === 'pipeline_totals' ? c.notNull().defaultTo(0) : c;

export const standardFieldsMigration: Migration = {
  async up(db: AnyDb) {
    const d = dialectOfDb(db);
    for (const [table, cols] of Object.entries(columns(d))) {
      if (d === 'sqlite') {
        // SQLite adds one column a statement
        for (const [name, type] of cols)
          await db.schema.alterTable(table).addColumn(name, type, totals(table)).execute();
      } else {
        // one ALTER a table: MySQL rebuilds the table once instead of once a column
        const [[name, type], ...rest] = cols;
        let alter = db.schema.alterTable(table).addColumn(name, type, totals(table));
        for (const [n, t] of rest) alter = alter.addColumn(n, t, totals(table));
        await alter.execute();
      }
    }
    for (const [name, table, cols, sorted] of INDEXES) {
      if (d === 'postgres' && sorted) {
        const list = sql.join(cols.map((c) => sql`${sql.ref(c)} nulls first`));
        await sql`create index ${sql.id(name)} on ${sql.table(table)} (${list})`.execute(db);
      } else {
        await db.schema.createIndex(name).on(table).columns(cols).execute();
      }
    }
  },
  async down(db: AnyDb) {
    const d = dialectOfDb(db);
    for (const [name, table] of INDEXES) {
      const drop = db.schema.dropIndex(name);
      await (d === 'mysql' ? drop.on(table) : drop).execute();
    }
    for (const [table, cols] of Object.entries(columns(d)))
      for (const [name] of cols) await db.schema.alterTable(table).dropColumn(name).execute();
  },
};

// The seed's four tables (its names and types), created in dependency order, plus its suggested
// improvements (users, tasks, indexes) and the fields the API contract adds. Frozen: never edit.
import { type CreateTableBuilder, type Migration, sql } from 'kysely';
import {
  type AnyDb,
  binary,
  dialectOfDb,
  idColumn,
  type MigrationDialect,
  tableOptions,
  types,
} from './dialect.js';

/** the stages a new database starts with, in the language of its setup (the bench's data uses them) */
export const DEFAULT_STAGES = {
  fr: ['Prospection', 'Qualification', 'Proposition', 'En négociation', 'Fermée gagnée', 'Fermée perdue'],
  en: ['Prospecting', 'Qualification', 'Proposal', 'Negotiation', 'Closed won', 'Closed lost'],
};
const STAGE_SHAPE = [
  { probability: 10, kind: 'open' },
  { probability: 25, kind: 'open' },
  { probability: 50, kind: 'open' },
  { probability: 75, kind: 'open' },
  { probability: 100, kind: 'won' },
  { probability: 0, kind: 'lost' },
];

// The app's fold() at the time of writing, copied so that this migration never changes.
const foldName = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

// biome-ignore lint/suspicious/noExplicitAny: see dialect.ts
type Builder = CreateTableBuilder<any, any>;

function timestamps(d: MigrationDialect, t: Builder, withUpdated = true): Builder {
  const ty = types(d);
  const withCreated = t.addColumn('created_at', ty.timestamp, (c) => c.notNull());
  return withUpdated ? withCreated.addColumn('updated_at', ty.timestamp, (c) => c.notNull()) : withCreated;
}

export function coreMigration(locale: 'fr' | 'en'): Migration {
  return {
    async up(db: AnyDb) {
      const d = dialectOfDb(db);
      const ty = types(d);
      const bin = binary(d);
      const create = (name: string) => db.schema.createTable(name).modifyEnd(tableOptions(d));

      await timestamps(
        d,
        create('users')
          .addColumn('user_id', ty.id, idColumn(d))
          .addColumn('email', 'varchar(100)', (c) => c.notNull())
          .addColumn('email_key', 'varchar(100)', (c) => bin(c.notNull()))
          .addColumn('name', 'varchar(100)')
          .addColumn('role', 'varchar(20)', (c) => c.notNull())
          .addColumn('active', ty.boolean, (c) => c.notNull())
          .addColumn('locale', 'varchar(10)')
          .addColumn('password_hash', 'varchar(255)')
          .addColumn('search_text', 'varchar(512)', (c) => bin(c.notNull())),
      ).execute();

      await timestamps(
        d,
        create('companies')
          .addColumn('company_id', ty.id, idColumn(d))
          .addColumn('company_name', 'varchar(100)')
          .addColumn('industry', 'varchar(50)')
          .addColumn('website', 'varchar(100)')
          .addColumn('owner_id', 'integer', (c) => c.references('users.user_id'))
          .addColumn('name_key', 'varchar(100)', bin)
          .addColumn('search_text', 'varchar(512)', (c) => bin(c.notNull())),
      ).execute();

      await timestamps(
        d,
        create('contacts')
          .addColumn('contact_id', ty.id, idColumn(d))
          .addColumn('first_name', 'varchar(50)')
          .addColumn('last_name', 'varchar(50)')
          .addColumn('email', 'varchar(100)')
          .addColumn('email_key', 'varchar(100)', bin)
          .addColumn('phone', 'varchar(20)')
          .addColumn('company_id', 'integer', (c) => c.references('companies.company_id'))
          .addColumn('owner_id', 'integer', (c) => c.references('users.user_id'))
          .addColumn('search_text', 'varchar(512)', (c) => bin(c.notNull())),
      ).execute();

      await create('pipeline_stages')
        .addColumn('stage_id', ty.id, idColumn(d))
        .addColumn('name', 'varchar(50)', (c) => c.notNull())
        // the name folded (case, accents, spacing): unique, so "Prospection" and "prospection " clash
        .addColumn('name_key', 'varchar(50)', (c) => bin(c.notNull()))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('probability', 'integer', (c) => c.notNull())
        .addColumn('kind', 'varchar(10)', (c) => c.notNull())
        .execute();

      await timestamps(
        d,
        create('opportunities')
          .addColumn('opportunity_id', ty.id, idColumn(d))
          .addColumn('opportunity_name', 'varchar(100)')
          .addColumn('contact_id', 'integer', (c) => c.references('contacts.contact_id'))
          .addColumn('company_id', 'integer', (c) => c.references('companies.company_id'))
          .addColumn('deal_value', 'decimal(10, 2)')
          .addColumn('stage', 'varchar(50)')
          .addColumn('expected_close_date', ty.date)
          .addColumn('owner_id', 'integer', (c) => c.references('users.user_id'))
          .addColumn('search_text', 'varchar(512)', (c) => bin(c.notNull())),
      ).execute();

      await timestamps(
        d,
        create('interactions')
          .addColumn('interaction_id', ty.id, idColumn(d))
          .addColumn('contact_id', 'integer', (c) => c.references('contacts.contact_id'))
          .addColumn('interaction_type', 'varchar(50)')
          .addColumn('interaction_date', ty.timestamp)
          .addColumn('notes', ty.longText)
          .addColumn('opportunity_id', 'integer', (c) => c.references('opportunities.opportunity_id'))
          .addColumn('user_id', 'integer', (c) => c.references('users.user_id')),
        false,
      ).execute();

      await timestamps(
        d,
        create('tasks')
          .addColumn('task_id', ty.id, idColumn(d))
          .addColumn('title', 'varchar(200)', (c) => c.notNull())
          .addColumn('opportunity_id', 'integer', (c) => c.references('opportunities.opportunity_id'))
          .addColumn('contact_id', 'integer', (c) => c.references('contacts.contact_id'))
          .addColumn('assignee_id', 'integer', (c) => c.references('users.user_id'))
          .addColumn('due_at', ty.timestamp)
          .addColumn('status', 'varchar(10)', (c) => c.notNull())
          .addColumn('completed_at', ty.timestamp)
          .addColumn('search_text', 'varchar(512)', (c) => bin(c.notNull())),
      ).execute();

      await createIndexes(db, d);

      const names = DEFAULT_STAGES[locale];
      await db
        .insertInto('pipeline_stages')
        .values(
          STAGE_SHAPE.map((s, i) => ({
            name: names[i],
            name_key: foldName(names[i]),
            position: i + 1,
            ...s,
          })),
        )
        .execute();
    },

    async down(db: AnyDb) {
      for (const t of [
        'tasks',
        'interactions',
        'opportunities',
        'pipeline_stages',
        'contacts',
        'companies',
        'users',
      ]) {
        await db.schema.dropTable(t).execute();
      }
    },
  };
}

async function createIndexes(db: AnyDb, d: MigrationDialect) {
  const unique = async (name: string, table: string, columns: string[]) =>
    db.schema.createIndex(name).on(table).columns(columns).unique().execute();
  // Every list's sort keys end in the ID, so keyset pages walk an index. NULL sorts first on every
  // database: SQLite and MySQL do so natively, PostgreSQL needs its index built that way.
  const index = async (name: string, table: string, columns: string[]) => {
    if (d === 'postgres') {
      const cols = sql.join(columns.map((c) => sql`${sql.ref(c)} nulls first`));
      await sql`create index ${sql.id(name)} on ${sql.table(table)} (${cols})`.execute(db);
    } else {
      await db.schema.createIndex(name).on(table).columns(columns).execute();
    }
  };

  await unique('users_email_key_uq', 'users', ['email_key']);
  await unique('contacts_email_key_uq', 'contacts', ['email_key']);
  await unique('pipeline_stages_name_uq', 'pipeline_stages', ['name']);
  await unique('pipeline_stages_name_key_uq', 'pipeline_stages', ['name_key']);

  await index('companies_name_idx', 'companies', ['company_name', 'company_id']);
  await index('companies_name_key_idx', 'companies', ['name_key']);
  await index('companies_owner_idx', 'companies', ['owner_id']);

  await index('contacts_name_idx', 'contacts', ['last_name', 'first_name', 'contact_id']);
  await index('contacts_company_idx', 'contacts', ['company_id']);
  await index('contacts_owner_idx', 'contacts', ['owner_id']);

  await index('opportunities_contact_idx', 'opportunities', ['contact_id']);
  await index('opportunities_company_idx', 'opportunities', ['company_id']);
  await index('opportunities_owner_idx', 'opportunities', ['owner_id']);
  await index('opportunities_stage_idx', 'opportunities', ['stage']);

  await index('interactions_timeline_idx', 'interactions', [
    'contact_id',
    'interaction_date',
    'interaction_id',
  ]);
  await index('interactions_opportunity_idx', 'interactions', ['opportunity_id']);
  await index('interactions_user_idx', 'interactions', ['user_id']);

  await index('tasks_opportunity_idx', 'tasks', ['opportunity_id']);
  await index('tasks_contact_idx', 'tasks', ['contact_id']);
  await index('tasks_assignee_idx', 'tasks', ['assignee_id', 'status', 'due_at']);
}

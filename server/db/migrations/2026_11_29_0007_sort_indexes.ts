// An index for every sortable field of the tables that grow (companies, contacts, opportunities,
// interactions, tasks), ending with the ID that breaks ties, so that any one-field sort the API
// offers walks an index instead of sorting the table: a list page sorted by a field without one
// sorted all 1M contacts. Users and pipeline stages stay small and have none. Frozen: never edit.
import { type Migration, sql } from 'kysely';
import { type AnyDb, dialectOfDb } from './dialect.js';

const INDEXES: [string, string, string[]][] = [
  ['companies_industry_idx', 'companies', ['industry', 'company_id']],
  ['companies_created_idx', 'companies', ['created_at', 'company_id']],
  ['companies_updated_idx', 'companies', ['updated_at', 'company_id']],
  ['contacts_first_name_idx', 'contacts', ['first_name', 'contact_id']],
  ['contacts_email_idx', 'contacts', ['email', 'contact_id']],
  ['contacts_created_idx', 'contacts', ['created_at', 'contact_id']],
  ['contacts_updated_idx', 'contacts', ['updated_at', 'contact_id']],
  ['opportunities_name_idx', 'opportunities', ['opportunity_name', 'opportunity_id']],
  ['opportunities_value_idx', 'opportunities', ['deal_value', 'opportunity_id']],
  ['opportunities_stage_sort_idx', 'opportunities', ['stage', 'opportunity_id']],
  ['opportunities_close_idx', 'opportunities', ['expected_close_date', 'opportunity_id']],
  ['opportunities_updated_idx', 'opportunities', ['updated_at', 'opportunity_id']],
  ['interactions_type_idx', 'interactions', ['interaction_type', 'interaction_id']],
  ['interactions_created_idx', 'interactions', ['created_at', 'interaction_id']],
  ['tasks_status_idx', 'tasks', ['status', 'task_id']],
  ['tasks_title_idx', 'tasks', ['title', 'task_id']],
  ['tasks_completed_idx', 'tasks', ['completed_at', 'task_id']],
  ['tasks_created_idx', 'tasks', ['created_at', 'task_id']],
  ['tasks_updated_idx', 'tasks', ['updated_at', 'task_id']],
];

export const sortIndexesMigration: Migration = {
  async up(db: AnyDb) {
    const d = dialectOfDb(db);
    for (const [name, table, columns] of INDEXES) {
      // NULL sorts first on every database (see the core migration): PostgreSQL's index says so
      if (d === 'postgres') {
        const cols = sql.join(columns.map((c) => sql`${sql.ref(c)} nulls first`));
        await sql`create index ${sql.id(name)} on ${sql.table(table)} (${cols})`.execute(db);
      } else {
        await db.schema.createIndex(name).on(table).columns(columns).execute();
      }
    }
    // (stage) alone is a prefix of (stage, opportunity_id): the new one serves its filters too
    const drop = db.schema.dropIndex('opportunities_stage_idx');
    await (d === 'mysql' ? drop.on('opportunities') : drop).execute();
  },
  async down(db: AnyDb) {
    const d = dialectOfDb(db);
    await db.schema.createIndex('opportunities_stage_idx').on('opportunities').column('stage').execute();
    for (const [name, table] of INDEXES) {
      const drop = db.schema.dropIndex(name);
      await (d === 'mysql' ? drop.on(table) : drop).execute();
    }
  },
};

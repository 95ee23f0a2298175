// Indexes for the default sort of the lists that had none, so that their first page (and every
// keyset page after it) walks an index instead of sorting the whole table: opportunities by
// -created_at, interactions by -interaction_date (outside a contact's timeline), tasks by due_at.
// Frozen: never edit.
import { type Migration, sql } from 'kysely';
import { type AnyDb, dialectOfDb } from './dialect.js';

const INDEXES: [string, string, string[]][] = [
  ['opportunities_created_idx', 'opportunities', ['created_at', 'opportunity_id']],
  ['interactions_date_idx', 'interactions', ['interaction_date', 'interaction_id']],
  ['tasks_due_idx', 'tasks', ['due_at', 'task_id']],
];

export const listIndexesMigration: Migration = {
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
  },
  async down(db: AnyDb) {
    const d = dialectOfDb(db);
    for (const [name, table] of INDEXES) {
      const drop = db.schema.dropIndex(name);
      await (d === 'mysql' ? drop.on(table) : drop).execute();
    }
  },
};

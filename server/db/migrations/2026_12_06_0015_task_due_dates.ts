// Tasks where the work is (issue 12): a task may be about a company (company_id), and its due
// date is either an instant (due_at, "call at 14:30") or a calendar day (due_date, "during that
// day", all-day). An all-day task is not late until its day has ended where the user is, so it
// cannot be stored as an instant: the day's end differs from one time zone to the next.
//
// `due` is the one column lists sort and the reminders range on: due_at for a timed task, noon
// UTC of due_date for an all-day one (noon UTC falls inside that calendar day from UTC−11 to
// UTC+11, so a day's tasks stay together in nearly every zone). The API never shows it.
//
// Existing tasks are timed (they only had due_at): due = due_at. Frozen: never edit.
import { type Migration, sql } from 'kysely';
import { type AnyDb, dialectOfDb, types } from './dialect.js';

const FK = 'tasks_company_fk';
const COMPANY_INDEX = 'tasks_company_idx';
const DUE_INDEX = 'tasks_due_sort_idx';
const MINE_INDEX = 'tasks_assignee_due_idx';

export const taskDueDatesMigration: Migration = {
  async up(db: AnyDb) {
    const d = dialectOfDb(db);
    const ty = types(d);
    // SQLite adds a column with its reference only inline (and only with a NULL default); MySQL
    // ignores an inline REFERENCES, so the others get a named constraint
    await db.schema
      .alterTable('tasks')
      .addColumn('company_id', 'integer', (c) => (d === 'sqlite' ? c.references('companies.company_id') : c))
      .execute();
    // the index first, so that MySQL does not add one of its own for the key
    await db.schema.createIndex(COMPANY_INDEX).on('tasks').columns(['company_id']).execute();
    if (d !== 'sqlite')
      await db.schema
        .alterTable('tasks')
        .addForeignKeyConstraint(FK, ['company_id'], 'companies', ['company_id'])
        .execute();
    await db.schema.alterTable('tasks').addColumn('due_date', ty.date).execute();
    await db.schema.alterTable('tasks').addColumn('due', ty.timestamp).execute();
    await db
      .updateTable('tasks')
      .set({ due: sql.ref('due_at') })
      .execute();

    // lists sort by due with NULLs first (the API's order); PostgreSQL puts them last unless told
    if (d === 'postgres') {
      await sql`create index ${sql.id(DUE_INDEX)} on tasks (due nulls first, task_id)`.execute(db);
      await sql`create index ${sql.id(MINE_INDEX)} on tasks (assignee_id, status, due nulls first, task_id)`.execute(
        db,
      );
    } else {
      await db.schema.createIndex(DUE_INDEX).on('tasks').columns(['due', 'task_id']).execute();
      await db.schema
        .createIndex(MINE_INDEX)
        .on('tasks')
        .columns(['assignee_id', 'status', 'due', 'task_id'])
        .execute();
    }
  },
  async down(db: AnyDb) {
    const d = dialectOfDb(db);
    // the key before its index: MySQL refuses to drop an index a foreign key needs
    if (d === 'mysql') await sql`alter table tasks drop foreign key ${sql.id(FK)}`.execute(db);
    else if (d === 'postgres') await db.schema.alterTable('tasks').dropConstraint(FK).execute();
    for (const name of [MINE_INDEX, DUE_INDEX, COMPANY_INDEX]) {
      // DROP INDEX … ON is MySQL's form; SQLite and PostgreSQL name the index alone
      const drop = db.schema.dropIndex(name);
      await (d === 'mysql' ? drop.on('tasks') : drop).execute();
    }
    await db.schema.alterTable('tasks').dropColumn('due').execute();
    await db.schema.alterTable('tasks').dropColumn('due_date').execute();
    await db.schema.alterTable('tasks').dropColumn('company_id').execute();
  },
};

import { describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../test/dialects.js';
import { indexLeaders } from '../test/schema-info.js';
import { connect } from './connect.js';
import { timestampParam } from './dialect.js';
import { migrateTo, migrateToLatest } from './migrate.js';

const BEFORE = '2026_12_06_0012_import_undo';
const iso = (v: unknown) => (v === null ? null : new Date(v as string | Date).toISOString());

for (const dialect of DIALECTS) {
  describe(`migration 2026_12_06_0015 (task due dates) [${dialect}]`, () => {
    it('keeps existing tasks timed (due = due_at), adds the company link with its key, and goes back down', async () => {
      const fresh = await freshDatabase(dialect);
      const db = connect(fresh.url);
      try {
        await migrateTo(db, BEFORE);
        const stamp = timestampParam(db.dialect, '2026-01-05T08:00:00.000Z');
        for (const [title, due] of [
          ['Dated', '2026-03-14T10:20:30.123Z'],
          ['Undated', null],
        ] as const)
          await db.kysely
            .insertInto('tasks')
            .values({
              title,
              status: 'open',
              due_at: due === null ? null : timestampParam(db.dialect, due),
              search_text: ` ${title.toLowerCase()} `,
              created_at: stamp,
              updated_at: stamp,
            } as never)
            .execute();

        await migrateToLatest(db);

        const rows = await db.kysely
          .selectFrom('tasks')
          .select(['title', 'due_at', 'due', 'due_date', 'company_id'])
          .orderBy('task_id')
          .execute();
        expect(rows.map((r) => [r.title, iso(r.due_at), iso(r.due), r.due_date, r.company_id])).toEqual([
          ['Dated', '2026-03-14T10:20:30.123Z', '2026-03-14T10:20:30.123Z', null, null],
          ['Undated', null, null, null, null],
        ]);
        const leaders = await indexLeaders(db);
        expect(leaders).toContain('tasks.company_id');
        expect(leaders).toContain('tasks.due');
        // the database itself refuses a company that does not exist
        await expect(
          db.kysely
            .updateTable('tasks')
            .set({ company_id: 999_999 } as never)
            .execute(),
        ).rejects.toThrow();

        await migrateTo(db, BEFORE);
        const columns = (await db.kysely.introspection.getTables())
          .find((t) => t.name === 'tasks')
          ?.columns.map((c) => c.name);
        expect(columns).toContain('due_at');
        for (const c of ['due', 'due_date', 'company_id']) expect(columns).not.toContain(c);
        expect(await db.kysely.selectFrom('tasks').select('task_id').execute()).toHaveLength(2);
      } finally {
        await db.destroy();
        await fresh.drop();
      }
    });
  });
}

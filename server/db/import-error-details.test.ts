import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../crud/resource.js';
import { errorsPage } from '../imports/import-errors.read.js';
import { DIALECTS, freshDatabase } from '../test/dialects.js';
import { indexLeaders } from '../test/schema-info.js';
import { connect } from './connect.js';
import { timestampParam } from './dialect.js';
import { migrateTo, migrateToLatest } from './migrate.js';

const BEFORE = '2026_12_06_0012_import_undo';

for (const dialect of DIALECTS) {
  describe(`migration 2026_12_06_0016 (import error details) [${dialect}]`, () => {
    it('adds the cells and the duplicates beside the errors of earlier jobs, which keep reading, and goes back down', async () => {
      const fresh = await freshDatabase(dialect);
      const db = connect(fresh.url);
      try {
        await migrateTo(db, BEFORE);
        const now = timestampParam(db.dialect, new Date().toISOString());
        await db.kysely
          .insertInto('imports')
          .values({
            entity: 'contacts',
            status: 'done',
            options: '{}',
            details: JSON.stringify({ format: 'csv', headers: ['Email'], mapping: { Email: 'email' } }),
            processed_rows: 1,
            created_count: 0,
            updated_count: 0,
            skipped_count: 0,
            failed_count: 1,
            created_at: now,
            heartbeat_at: now,
            // biome-ignore lint/suspicious/noExplicitAny: the table as it was before the migration
          } as any)
          .execute();
        const job = await db.kysely.selectFrom('imports').select('import_id').executeTakeFirstOrThrow();
        const id = Number(job.import_id);
        await db.kysely
          .insertInto('import_errors')
          // biome-ignore lint/suspicious/noExplicitAny: the table as it was before the migration
          .values({ import_id: id, row_no: 2, field: 'email', message: 'bad', code: 'invalid_email' } as any)
          .execute();

        await migrateToLatest(db);
        // an earlier job's error has no cells (nothing to take them from) and still pages
        const page = await errorsPage(db, id, SYSTEM_ACTOR, {});
        expect(page.data).toEqual([
          expect.objectContaining({
            row: 2,
            code: 'invalid_email',
            column: 'Email',
            cells: null,
            value: null,
          }),
        ]);
        await db.kysely
          .insertInto('import_duplicates')
          .values({ import_id: id, row_no: 3, record_id: 1 })
          .execute();
        const leaders = await indexLeaders(db);
        expect(leaders).toContain('import_duplicates.import_id');

        await migrateTo(db, BEFORE);
        const kept = await db.kysely.selectFrom('import_errors').selectAll().execute();
        expect(kept).toHaveLength(1);
        expect(kept[0]).not.toHaveProperty('cells');
        await migrateToLatest(db);
      } finally {
        await db.destroy();
        await fresh.drop();
      }
    });
  });
}

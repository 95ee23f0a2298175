import { describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../test/dialects.js';
import { foreignKeyColumns, indexLeaders } from '../test/schema-info.js';
import { connect, type Db } from './connect.js';
import { timestampParam } from './dialect.js';
import { migrateTo, migrateToLatest } from './migrate.js';

const BEFORE = '2026_11_29_0008_import_error_codes';

async function insertDeal(db: Db, name: string, stage: string | null, value: number) {
  const now = timestampParam(db.dialect, new Date().toISOString());
  await db.kysely
    .insertInto('opportunities')
    .values({
      opportunity_name: name,
      stage,
      deal_value: value.toFixed(2),
      search_text: ` ${name.toLowerCase()} `,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const row = await db.kysely
    .selectFrom('opportunities')
    .select('opportunity_id')
    .where('opportunity_name', '=', name)
    .executeTakeFirstOrThrow();
  return Number(row.opportunity_id);
}

const stageOf = async (db: Db, id: number) =>
  (
    await db.kysely
      .selectFrom('opportunities')
      .select('stage')
      .where('opportunity_id', '=', id)
      .executeTakeFirstOrThrow()
  ).stage;

for (const dialect of DIALECTS) {
  describe(`migration 2026_12_06_0009 (stage foreign key) [${dialect}]`, () => {
    it('moves deals in a missing stage to the first open one, audited, then lets no deal into a missing stage', async () => {
      const fresh = await freshDatabase(dialect);
      const db = connect(fresh.url);
      try {
        await migrateTo(db, BEFORE);
        // the first open stage is Qualification once Prospection is closed
        await db.kysely
          .updateTable('pipeline_stages')
          .set({ kind: 'lost' })
          .where('name', '=', 'Prospection')
          .execute();
        const kept = await insertDeal(db, 'Kept', 'Proposition', 100);
        const none = await insertDeal(db, 'None', null, 5);
        const strayA = await insertDeal(db, 'Stray A', 'Disparue', 10.5);
        const strayB = await insertDeal(db, 'Stray B', 'Autre étape', 20);
        const last = await insertDeal(db, 'Last', 'Qualification', 1);
        // the counter must survive the SQLite table rebuild: a deleted ID is never given again
        await db.kysely.deleteFrom('opportunities').where('opportunity_id', '=', last).execute();

        await migrateToLatest(db);

        expect(await stageOf(db, kept)).toBe('Proposition');
        expect(await stageOf(db, none)).toBeNull();
        expect(await stageOf(db, strayA)).toBe('Qualification');
        expect(await stageOf(db, strayB)).toBe('Qualification');
        const audit = await db.kysely
          .selectFrom('audit_events')
          .select(['record_id', 'action', 'resource', 'user_id', 'changes'])
          .orderBy('record_id')
          .execute();
        expect(audit.map((a) => ({ ...a, record_id: Number(a.record_id) }))).toEqual([
          {
            record_id: strayA,
            action: 'update',
            resource: 'opportunities',
            user_id: null,
            changes: JSON.stringify({ stage: ['Disparue', 'Qualification'] }),
          },
          {
            record_id: strayB,
            action: 'update',
            resource: 'opportunities',
            user_id: null,
            changes: JSON.stringify({ stage: ['Autre étape', 'Qualification'] }),
          },
        ]);
        const totals = await db.kysely
          .selectFrom('pipeline_totals')
          .select(['stage', 'deals', 'total_cents'])
          .orderBy('stage')
          .execute();
        expect(totals.map((r) => [r.stage, Number(r.deals), Number(r.total_cents)])).toEqual([
          ['Proposition', 1, 10000],
          ['Qualification', 2, 3050],
        ]);

        expect(await foreignKeyColumns(db)).toContain('opportunities.stage');
        const leaders = await indexLeaders(db);
        for (const c of ['contact_id', 'company_id', 'owner_id', 'stage', 'created_at', 'updated_at'])
          expect(leaders, c).toContain(`opportunities.${c}`);
        await expect(insertDeal(db, 'Bad', 'Nulle part', 1)).rejects.toThrow();
        expect(await insertDeal(db, 'Next', 'Proposition', 1)).toBeGreaterThan(last);
        // renaming a stage renames its deals, and a stage in use cannot be deleted
        await db.kysely
          .updateTable('pipeline_stages')
          .set({ name: 'Offre' })
          .where('name', '=', 'Proposition')
          .execute();
        expect(await stageOf(db, kept)).toBe('Offre');
        await expect(
          db.kysely.deleteFrom('pipeline_stages').where('name', '=', 'Offre').execute(),
        ).rejects.toThrow();

        // and back down: the key is gone, the rows stay
        await migrateTo(db, BEFORE);
        expect(await foreignKeyColumns(db)).not.toContain('opportunities.stage');
        expect(await stageOf(db, kept)).toBe('Offre');
        await insertDeal(db, 'Allowed again', 'Nulle part', 1);
      } finally {
        await db.destroy();
        await fresh.drop();
      }
    });
  });
}

import { describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../test/dialects.js';
import { indexLeaders } from '../test/schema-info.js';
import { connect, type Db } from './connect.js';
import { timestampParam } from './dialect.js';
import { migrateTo, migrateToLatest } from './migrate.js';

const BEFORE = '2026_12_06_0009_stage_foreign_key';

async function insertDeal(db: Db, name: string, stage: string, updatedAt: string) {
  const created = timestampParam(db.dialect, '2026-01-05T08:00:00.000Z');
  await db.kysely
    .insertInto('opportunities')
    .values({
      opportunity_name: name,
      stage,
      search_text: ` ${name.toLowerCase()} `,
      created_at: created,
      updated_at: timestampParam(db.dialect, updatedAt),
    })
    .execute();
  const row = await db.kysely
    .selectFrom('opportunities')
    .select('opportunity_id')
    .where('opportunity_name', '=', name)
    .executeTakeFirstOrThrow();
  return Number(row.opportunity_id);
}

for (const dialect of DIALECTS) {
  describe(`migration 2026_12_06_0010 (closing) [${dialect}]`, () => {
    it('gives deals already won or lost closed_at = updated_at, open ones none, and seeds the lost reasons', async () => {
      const fresh = await freshDatabase(dialect);
      const db = connect(fresh.url);
      try {
        await migrateTo(db, BEFORE);
        const won = await insertDeal(db, 'Won', 'Fermée gagnée', '2026-03-14T10:20:30.123Z');
        const lost = await insertDeal(db, 'Lost', 'Fermée perdue', '2026-04-01T00:00:00.000Z');
        const open = await insertDeal(db, 'Open', 'Proposition', '2026-05-02T09:00:00.000Z');

        await migrateToLatest(db);

        const rows = await db.kysely
          .selectFrom('opportunities')
          .select(['opportunity_id', 'closed_at', 'updated_at', 'lost_reason'])
          .orderBy('opportunity_id')
          .execute();
        const at = (id: number) => rows.find((r) => Number(r.opportunity_id) === id);
        const iso = (v: unknown) => (v === null ? null : new Date(v as string | Date).toISOString());
        expect(iso(at(won)?.closed_at)).toBe('2026-03-14T10:20:30.123Z');
        expect(iso(at(lost)?.closed_at)).toBe('2026-04-01T00:00:00.000Z');
        expect(at(open)?.closed_at).toBeNull();
        for (const r of rows) expect(r.lost_reason).toBeNull();
        // the backfill is no user's change: no audit entry
        expect(await db.kysely.selectFrom('audit_events').selectAll().execute()).toEqual([]);

        const reasons = await db.kysely
          .selectFrom('lost_reasons')
          .select(['label', 'position'])
          .orderBy('position')
          .execute();
        expect(reasons.map((r) => r.label)).toEqual([
          'Prix trop élevé',
          'Concurrent choisi',
          'Pas de budget',
          'Pas de réponse',
          'Projet abandonné',
        ]);
        expect(await indexLeaders(db)).toContain('opportunities.closed_at');

        // and back down: the columns and the table go, the deals stay
        await migrateTo(db, BEFORE);
        const tables = (await db.kysely.introspection.getTables()).map((t) => t.name);
        expect(tables).not.toContain('lost_reasons');
        const columns = tables.includes('opportunities')
          ? (await db.kysely.introspection.getTables())
              .find((t) => t.name === 'opportunities')
              ?.columns.map((c) => c.name)
          : [];
        expect(columns).not.toContain('closed_at');
        expect(columns).not.toContain('lost_reason');
        expect(await db.kysely.selectFrom('opportunities').select('opportunity_id').execute()).toHaveLength(
          3,
        );
      } finally {
        await db.destroy();
        await fresh.drop();
      }
    });
  });
}

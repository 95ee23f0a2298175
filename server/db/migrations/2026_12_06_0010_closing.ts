// Closing is recorded: a deal's closed_at (when it entered a won or lost stage; null while open)
// and lost_reason (free text, only on a deal in a lost stage), and the list of lost reasons the
// app offers, seeded in the language of the setup.
//
// Existing deals in a won or lost stage get closed_at = updated_at: their last change is the best
// guess at when they were closed that the database holds (a deal edited after it was won counts
// from that edit). No audit entry: nothing the user set changed. Frozen: never edit.
import { type Migration, sql } from 'kysely';
import { type AnyDb, binary, dialectOfDb, idColumn, tableOptions, types } from './dialect.js';

/** the lost reasons a new list starts with, in the language of the setup */
export const DEFAULT_LOST_REASONS = {
  fr: ['Prix trop élevé', 'Concurrent choisi', 'Pas de budget', 'Pas de réponse', 'Projet abandonné'],
  en: ['Price too high', 'Chose a competitor', 'No budget', 'No response', 'Project abandoned'],
};

// The app's fold() at the time of writing, copied so that this migration never changes.
const foldLabel = (label: string) =>
  label
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const CLOSED_INDEX = 'opportunities_closed_idx';

export function closingMigration(locale: 'fr' | 'en'): Migration {
  return {
    async up(db: AnyDb) {
      const d = dialectOfDb(db);
      const ty = types(d);
      await db.schema.alterTable('opportunities').addColumn('closed_at', ty.timestamp).execute();
      await db.schema.alterTable('opportunities').addColumn('lost_reason', 'varchar(200)').execute();
      // the dashboard counts the deals closed in a period; the list sorts by closed_at (NULLs first)
      if (d === 'postgres')
        await sql`create index ${sql.id(CLOSED_INDEX)} on opportunities (closed_at nulls first, opportunity_id)`.execute(
          db,
        );
      else
        await db.schema
          .createIndex(CLOSED_INDEX)
          .on('opportunities')
          .columns(['closed_at', 'opportunity_id'])
          .execute();

      await db
        .updateTable('opportunities')
        .set({ closed_at: sql.ref('updated_at') })
        .where(
          'stage',
          'in',
          db.selectFrom('pipeline_stages').select('name').where('kind', 'in', ['won', 'lost']),
        )
        .execute();

      await db.schema
        .createTable('lost_reasons')
        .modifyEnd(tableOptions(d))
        .addColumn('lost_reason_id', ty.id, idColumn(d))
        .addColumn('label', 'varchar(100)', (c) => c.notNull())
        // the label folded (case, accents, spacing): unique, so "No budget" and "no budget " clash
        .addColumn('label_key', 'varchar(100)', (c) => binary(d)(c.notNull()))
        .addColumn('position', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('lost_reasons_label_key_uq')
        .on('lost_reasons')
        .column('label_key')
        .unique()
        .execute();
      await db
        .insertInto('lost_reasons')
        .values(
          DEFAULT_LOST_REASONS[locale].map((label, i) => ({
            label,
            label_key: foldLabel(label),
            position: i + 1,
          })),
        )
        .execute();
    },
    async down(db: AnyDb) {
      const d = dialectOfDb(db);
      await db.schema.dropTable('lost_reasons').execute();
      const drop = db.schema.dropIndex(CLOSED_INDEX);
      await (d === 'mysql' ? drop.on('opportunities') : drop).execute();
      await db.schema.alterTable('opportunities').dropColumn('lost_reason').execute();
      await db.schema.alterTable('opportunities').dropColumn('closed_at').execute();
    },
  };
}

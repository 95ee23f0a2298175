// The pipeline summary kept up to date on write: one row per (stage, owner) with the number of
// deals and their total in cents, so that GET /pipeline reads a few hundred rows instead of
// grouping every opportunity. Backfilled from the opportunities already there. Frozen: never edit.
import { type Migration, sql } from 'kysely';
import { type AnyDb, binary, dialectOfDb, tableOptions } from './dialect.js';

export const pipelineTotalsMigration: Migration = {
  async up(db: AnyDb) {
    const d = dialectOfDb(db);
    await db.schema
      .createTable('pipeline_totals')
      .modifyEnd(tableOptions(d))
      // opportunities.stage as written (the stage's name); byte for byte on MySQL too
      .addColumn('stage', 'varchar(50)', (c) => binary(d)(c.notNull()))
      // opportunities.owner_id, 0 for deals without an owner (a key column cannot be NULL)
      .addColumn('owner_key', 'integer', (c) => c.notNull())
      .addColumn('deals', 'bigint', (c) => c.notNull())
      .addColumn('total_cents', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('pipeline_totals_pk', ['stage', 'owner_key'])
      .execute();

    // exact cents on every database: SQLite keeps DECIMAL as REAL, so each value is rounded first
    const cents =
      d === 'sqlite'
        ? sql`coalesce(sum(cast(round(deal_value * 100) as integer)), 0)`
        : d === 'postgres'
          ? sql`coalesce(sum(round(deal_value * 100)), 0)::bigint`
          : sql`cast(coalesce(sum(round(deal_value * 100)), 0) as signed)`;
    await sql`insert into pipeline_totals (stage, owner_key, deals, total_cents)
      select stage, coalesce(owner_id, 0), count(*), ${cents}
      from opportunities where stage is not null
      group by stage, coalesce(owner_id, 0)`.execute(db);
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('pipeline_totals').execute();
  },
};

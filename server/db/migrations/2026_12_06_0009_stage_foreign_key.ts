// Opportunities hold their stage by name (as in the seed design); from here on a foreign key makes
// the database itself refuse a deal in a stage that does not exist. Checked in the application
// alone, a stage deleted while deals moved into it left those deals in a stage that was gone (the
// check and the move did not serialise on PostgreSQL and MySQL). With the key, the move locks the
// stage row it points at and the delete waits for it (then fails as still referenced), or the
// move meets the stage already gone and fails. ON UPDATE CASCADE renames the deals with their stage.
//
// Deals already in a stage that does not exist are first moved to the first open stage (by
// position; the first stage if none is open; no stage if there is none), each with an audit
// entry (no user: the system) saying from which stage, and the pipeline totals are rebuilt.
// Frozen: never edit.
import { type Migration, sql } from 'kysely';
import { type AnyDb, dialectOfDb, type MigrationDialect } from './dialect.js';

const FK = 'opportunities_stage_fk';
const AUDIT_ROWS_PER_INSERT = 500;
const STAGE_COLUMN = '"stage" varchar(50)';
const STAGE_REFERENCE = `${STAGE_COLUMN} references "pipeline_stages" ("name") on update cascade`;

export const stageForeignKeyMigration: Migration = {
  async up(db: AnyDb) {
    const d = dialectOfDb(db);
    await repairStrayStages(db, d);
    if (d === 'sqlite') {
      await rebuildSqliteTable(db, 'opportunities', (ddl) => replaceOnce(ddl, STAGE_COLUMN, STAGE_REFERENCE));
    } else {
      await db.schema
        .alterTable('opportunities')
        .addForeignKeyConstraint(FK, ['stage'], 'pipeline_stages', ['name'])
        .onUpdate('cascade')
        .execute();
    }
  },
  async down(db: AnyDb) {
    const d = dialectOfDb(db);
    if (d === 'sqlite')
      await rebuildSqliteTable(db, 'opportunities', (ddl) => replaceOnce(ddl, STAGE_REFERENCE, STAGE_COLUMN));
    else if (d === 'mysql') await sql`alter table opportunities drop foreign key ${sql.id(FK)}`.execute(db);
    else await db.schema.alterTable('opportunities').dropConstraint(FK).execute();
  },
};

async function repairStrayStages(db: AnyDb, d: MigrationDialect) {
  // compared as the key will compare them: byte for byte, or by the column's collation on MySQL
  const strays = (await db
    .selectFrom('opportunities')
    .select(['opportunity_id', 'stage'])
    .where('stage', 'is not', null)
    .where('stage', 'not in', db.selectFrom('pipeline_stages').select('name'))
    .orderBy('opportunity_id')
    .execute()) as { opportunity_id: number | string; stage: string }[];
  if (strays.length === 0) return;

  const [target] = (await db
    .selectFrom('pipeline_stages')
    .select('name')
    .orderBy(sql`case when kind = 'open' then 0 else 1 end`)
    .orderBy('position')
    .orderBy('stage_id')
    .limit(1)
    .execute()) as { name: string }[];
  const to = target?.name ?? null;
  await db
    .updateTable('opportunities')
    .set({ stage: to })
    .where('stage', 'is not', null)
    .where('stage', 'not in', db.selectFrom('pipeline_stages').select('name'))
    .execute();

  const now = new Date().toISOString();
  const occurredAt = d === 'mysql' ? now.replace('T', ' ').replace('Z', '') : now;
  const entries = strays.map((s) => ({
    occurred_at: occurredAt,
    user_id: null,
    action: 'update',
    resource: 'opportunities',
    record_id: Number(s.opportunity_id),
    changes: JSON.stringify({ stage: [s.stage, to] }),
  }));
  for (let i = 0; i < entries.length; i += AUDIT_ROWS_PER_INSERT)
    await db
      .insertInto('audit_events')
      .values(entries.slice(i, i + AUDIT_ROWS_PER_INSERT))
      .execute();

  // the totals are kept per stage name: counted again from the deals, as when they were made
  const cents =
    d === 'sqlite'
      ? sql`coalesce(sum(cast(round(deal_value * 100) as integer)), 0)`
      : d === 'postgres'
        ? sql`coalesce(sum(round(deal_value * 100)), 0)::bigint`
        : sql`cast(coalesce(sum(round(deal_value * 100)), 0) as signed)`;
  await db.deleteFrom('pipeline_totals').execute();
  await sql`insert into pipeline_totals (stage, owner_key, deals, total_cents)
    select stage, coalesce(owner_id, 0), count(*), ${cents}
    from opportunities where stage is not null
    group by stage, coalesce(owner_id, 0)`.execute(db);
}

function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0)
    throw new Error(`unexpected table definition (${from} not found exactly once): ${text}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/**
 * SQLite cannot add a constraint to a table: the table is made again with the edited definition,
 * its rows copied, its indexes and triggers made again, and its AUTOINCREMENT counter kept (so
 * deleted IDs are still never reused), as SQLite's documentation describes. The migration runner
 * turns foreign keys off around the migrations and checks them all before committing (migrate.ts).
 */
async function rebuildSqliteTable(db: AnyDb, table: string, edit: (ddl: string) => string) {
  const objects = (
    await sql<{ type: string; sql: string | null }>`
      select type, sql from sqlite_master where tbl_name = ${table} order by rowid`.execute(db)
  ).rows;
  const ddl = objects.find((o) => o.type === 'table')?.sql;
  if (!ddl) throw new Error(`no table ${table}`);
  const temp = `${table}_rebuilt`;
  const head = `CREATE TABLE "${table}" (`;
  if (!ddl.startsWith(head)) throw new Error(`unexpected table definition: ${ddl}`);
  const counter = (
    await sql<{ seq: number }>`select seq from sqlite_sequence where name = ${table}`.execute(db)
  ).rows[0]?.seq;

  await sql.raw(`CREATE TABLE "${temp}" (${edit(ddl).slice(head.length)}`).execute(db);
  await sql`insert into ${sql.table(temp)} select * from ${sql.table(table)}`.execute(db);
  await sql`drop table ${sql.table(table)}`.execute(db);
  await sql`alter table ${sql.table(temp)} rename to ${sql.table(table)}`.execute(db);
  for (const o of objects)
    if ((o.type === 'index' || o.type === 'trigger') && o.sql) await sql.raw(o.sql).execute(db);
  if (counter !== undefined)
    await sql`update sqlite_sequence set seq = ${counter} where name = ${table}`.execute(db);
}

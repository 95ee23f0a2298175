// Migration-local helpers: migrations stay frozen and never import app code, so the few column
// types that differ between databases are spelled here.
import { type ColumnDefinitionBuilder, type Kysely, MysqlAdapter, PostgresAdapter, sql } from 'kysely';

export type MigrationDialect = 'sqlite' | 'postgres' | 'mysql';

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema, as Kysely's docs advise
export type AnyDb = Kysely<any>;

export function dialectOfDb(db: AnyDb): MigrationDialect {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof PostgresAdapter) return 'postgres';
  if (adapter instanceof MysqlAdapter) return 'mysql';
  return 'sqlite';
}

export function types(d: MigrationDialect) {
  return {
    /** INT AUTO_INCREMENT as in the seed; SQLite's AUTOINCREMENT so deleted IDs are never reused */
    id: d === 'postgres' ? ('serial' as const) : ('integer' as const),
    timestamp: d === 'postgres' ? sql`timestamptz(3)` : d === 'mysql' ? sql`datetime(3)` : sql`text`,
    date: d === 'sqlite' ? sql`text` : sql`date`,
    boolean: d === 'sqlite' ? sql`integer` : sql`boolean`,
    // 64 KiB of text does not fit MySQL's TEXT (65,535 bytes), so MEDIUMTEXT there.
    longText: d === 'mysql' ? sql`mediumtext` : sql`text`,
  };
}

export function idColumn(d: MigrationDialect) {
  return (col: ColumnDefinitionBuilder) => {
    const pk = col.primaryKey();
    return d === 'postgres' ? pk : pk.autoIncrement();
  };
}

/** Key columns hold folded text and compare byte for byte, whatever the table's collation. */
export function binary(d: MigrationDialect) {
  return (col: ColumnDefinitionBuilder) => (d === 'mysql' ? col.modifyEnd(sql`collate utf8mb4_bin`) : col);
}

export function tableOptions(d: MigrationDialect) {
  return d === 'mysql' ? sql`engine = InnoDB default charset = utf8mb4 collate = utf8mb4_unicode_ci` : sql``;
}

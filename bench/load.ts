// Bulk loading through the fastest path each database has, measured: PostgreSQL COPY FROM STDIN,
// MariaDB LOAD DATA LOCAL INFILE, SQLite one transaction of cached INSERTs. Referential checks are
// off during the load (the generator's rows are consistent by construction); PostgreSQL and SQLite
// build their secondary indexes after the rows are in, MariaDB keeps them (its foreign keys need
// them) and buffers their writes.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import SQLite from 'better-sqlite3';
import { createConnection } from 'mysql2/promise';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DialectName } from '../server/config.js';
import { connect } from '../server/db/connect.js';
import { rebuildPipelineTotals } from '../server/pipeline/pipeline-totals.js';
import type { GenRow, Table } from './generate.js';

export interface TableLoad {
  table: string;
  rows: number;
  ms: number;
  rowsPerSec: number;
}

export interface LoadResult {
  method: string;
  tables: TableLoad[];
  /** rebuilding the secondary indexes after the load (0 where they stay in place) */
  indexMs: number;
  /** ANALYZE (VACUUM ANALYZE on PostgreSQL) and the pipeline totals */
  finishMs: number;
  totalMs: number;
}

const mysqlTime = (iso: string) => iso.replace('T', ' ').replace('Z', '');

/** One line of PostgreSQL's / MariaDB's tab-separated text format (\N is NULL). */
function textLine(row: GenRow, columns: string[], time?: (iso: string) => string, timeCols?: Set<string>) {
  let line = '';
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i];
    let v = row[c];
    if (i > 0) line += '\t';
    if (v === null || v === undefined) {
      line += '\\N';
      continue;
    }
    if (time && timeCols?.has(c)) v = time(v as string);
    line +=
      typeof v === 'number'
        ? String(v)
        : v.replace(/[\\\t\n\r]/g, (ch) =>
            ch === '\\' ? '\\\\' : ch === '\t' ? '\\t' : ch === '\n' ? '\\n' : '\\r',
          );
  }
  return `${line}\n`;
}

/** The table's rows as text chunks of about 256 KB. */
function textStream(table: Table, time?: (iso: string) => string) {
  const timeCols = new Set(table.timestampColumns);
  return Readable.from(
    (function* () {
      let chunk = '';
      for (const row of table.rows()) {
        chunk += textLine(row, table.columns, time, timeCols);
        if (chunk.length > 262_144) {
          yield Buffer.from(chunk);
          chunk = '';
        }
      }
      if (chunk) yield Buffer.from(chunk);
    })(),
  );
}

const timed = async (fn: () => Promise<unknown>) => {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
};

const tableLoad = (table: Table, ms: number): TableLoad => ({
  table: table.name,
  rows: table.count,
  ms: Math.round(ms),
  rowsPerSec: Math.round(table.count / (ms / 1000)),
});

async function loadPostgres(
  url: string,
  tables: Table[],
  keepIndexes: boolean,
): Promise<Omit<LoadResult, 'totalMs' | 'finishMs'>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    // foreign keys are triggers: off for this session (superuser), the rows are consistent
    await c.query("set session_replication_role = 'replica'");
    await c.query("set maintenance_work_mem = '256MB'");
    const names = tables.map((t) => t.name);
    const { rows: indexes } = await c.query<{ indexname: string; indexdef: string }>(
      `select indexname, indexdef from pg_indexes where schemaname = current_schema() and tablename = any($1)
         and indexname not in (select conname from pg_constraint where contype = 'p')`,
      [names],
    );
    if (keepIndexes) indexes.length = 0;
    for (const i of indexes) await c.query(`drop index ${i.indexname}`);
    const out: TableLoad[] = [];
    for (const t of tables) {
      const ms = await timed(() =>
        pipeline(textStream(t), c.query(copyFrom(`copy ${t.name} (${t.columns.join(', ')}) from stdin`))),
      );
      out.push(tableLoad(t, ms));
      if (t.idColumn)
        await c.query(`select setval(pg_get_serial_sequence('${t.name}', '${t.idColumn}'), ${t.count})`);
    }
    const indexMs = await timed(async () => {
      for (const i of indexes) await c.query(i.indexdef);
    });
    const method = keepIndexes
      ? 'COPY FROM STDIN (text), indexes in place'
      : 'COPY FROM STDIN (text), indexes built after';
    return { method, tables: out, indexMs };
  } finally {
    await c.end();
  }
}

async function loadMysql(url: string, tables: Table[]): Promise<Omit<LoadResult, 'totalMs' | 'finishMs'>> {
  const c = await createConnection({ uri: url, charset: 'utf8mb4', flags: ['+LOCAL_FILES'] });
  try {
    await c.query("set foreign_key_checks = 0, unique_checks = 0, time_zone = '+00:00'");
    const out: TableLoad[] = [];
    for (const t of tables) {
      const ms = await timed(() =>
        c.query({
          sql: `load data local infile 'rows.tsv' into table ${t.name} character set utf8mb4
                fields terminated by '\\t' escaped by '\\\\' lines terminated by '\\n' (${t.columns.join(', ')})`,
          infileStreamFactory: () => textStream(t, mysqlTime),
        }),
      );
      out.push(tableLoad(t, ms));
    }
    return { method: 'LOAD DATA LOCAL INFILE, checks off, indexes in place', tables: out, indexMs: 0 };
  } finally {
    await c.end();
  }
}

async function loadSqlite(
  url: string,
  tables: Table[],
  keepIndexes: boolean,
): Promise<Omit<LoadResult, 'totalMs' | 'finishMs'>> {
  const db = new SQLite(url.slice('sqlite:'.length));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    db.pragma('foreign_keys = OFF');
    db.pragma('cache_size = -262144');
    const names = tables.map((t) => `'${t.name}'`).join(', ');
    const indexes = db
      .prepare(
        `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${names})`,
      )
      .all() as { name: string; sql: string }[];
    if (keepIndexes) indexes.length = 0;
    for (const i of indexes) db.exec(`drop index ${i.name}`);
    const out: TableLoad[] = [];
    for (const t of tables) {
      const insert = db.prepare(
        `insert into ${t.name} (${t.columns.join(', ')}) values (${t.columns.map(() => '?').join(', ')})`,
      );
      const t0 = performance.now();
      db.transaction(() => {
        for (const row of t.rows()) insert.run(t.columns.map((c) => row[c]));
      })();
      out.push(tableLoad(t, performance.now() - t0));
    }
    const t0 = performance.now();
    for (const i of indexes) db.exec(i.sql);
    return {
      method: `one transaction, cached INSERT, indexes ${keepIndexes ? 'in place' : 'built after'}`,
      tables: out,
      indexMs: Math.round(performance.now() - t0),
    };
  } finally {
    db.close();
  }
}

/**
 * Loads the tables through the fastest path. `keepIndexes`: into the schema as it is (what an
 * import into a live database must pay), instead of building the indexes after the rows.
 */
export async function bulkLoad(
  dialect: DialectName,
  url: string,
  tables: Table[],
  { keepIndexes = false } = {},
): Promise<LoadResult> {
  const t0 = performance.now();
  const loaded =
    dialect === 'postgres'
      ? await loadPostgres(url, tables, keepIndexes)
      : dialect === 'mysql'
        ? await loadMysql(url, tables)
        : await loadSqlite(url, tables, keepIndexes);
  const t1 = performance.now();
  const db = connect(url);
  try {
    // what a bulk path must do after writing opportunities behind the app's back
    await db.kysely.transaction().execute((trx) => rebuildPipelineTotals(trx, dialect));
    // VACUUM too: a live database's autovacuum sets the visibility map that lets index-only
    // scans skip the table (a search's range over search_words: 160 ms → 6.5 ms at 1M contacts)
    if (dialect === 'postgres')
      for (const t of tables) await db.kysely.executeQuery(rawQuery(`vacuum (analyze) ${t.name}`));
    if (dialect === 'mysql')
      for (const t of tables) await db.kysely.executeQuery(rawQuery(`analyze table ${t.name}`));
  } finally {
    await db.destroy();
  }
  const t2 = performance.now();
  return {
    ...loaded,
    indexMs: Math.round(loaded.indexMs),
    finishMs: Math.round(t2 - t1),
    totalMs: Math.round(t2 - t0),
  };
}

function rawQuery(sqlText: string) {
  return { sql: sqlText, parameters: [], query: { kind: 'RawNode' }, queryId: { queryId: 'bench' } } as never;
}

// `crm backup`: every table, read in one consistent snapshot while the server keeps writing, into
// one portable file (format.ts, ADR 017).
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import type { DialectName } from '../config.js';
import type { LooseDb } from '../crud/resource.js';
import { connect } from '../db/connect.js';
import { readCatalog, type TableInfo } from './catalog.js';
import { FORMAT, FORMAT_VERSION, type Manifest, type ManifestTable, TableDigest } from './format.js';
import { toPortable } from './values.js';

const PAGE = 1000;

export interface BackupResult {
  file: string;
  manifest: Manifest;
}

/**
 * Runs `read` inside one snapshot of the database: what every table holds at one instant, while
 * other connections keep writing. SQLite (WAL): one read transaction on a connection of its own;
 * PostgreSQL: REPEATABLE READ, READ ONLY; MariaDB/MySQL: a consistent-snapshot transaction.
 */
async function inSnapshot<T>(databaseUrl: string, read: (db: LooseDb, dialect: DialectName) => Promise<T>) {
  // no statement timeout: a large table is read by one long statement (MySQL, SQLite) or cursor
  const db = connect(databaseUrl, { poolSize: 1, preparedStatements: false, timeouts: { statementMs: 0 } });
  try {
    if (db.dialect === 'postgres')
      return await db.kysely
        .transaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute((trx) => read(trx, 'postgres'));
    return await db.kysely.connection().execute(async (conn) => {
      await sql
        .raw(db.dialect === 'mysql' ? 'start transaction with consistent snapshot, read only' : 'begin')
        .execute(conn);
      try {
        // SQLite's read transaction starts at its first read: the catalog's, before any row
        return await read(conn, db.dialect);
      } finally {
        await sql`rollback`.execute(conn);
      }
    });
  } finally {
    await db.destroy();
  }
}

/** The table's rows, a page at a time, ordered by its primary key (by every column without one). */
async function* tableRows(db: LooseDb, dialect: DialectName, table: TableInfo): AsyncGenerator<unknown[]> {
  const cols = table.columns.map((c) => c.name);
  const order = table.primaryKey.length ? table.primaryKey : cols;
  let select = db.selectFrom(table.name).select(cols);
  for (const c of order) select = select.orderBy(sql.ref(c));
  if (dialect === 'postgres') {
    // a cursor in the snapshot's transaction: pg has no streaming of its own without pg-cursor
    const { sql: text, parameters } = select.compile();
    await sql.raw(`declare carnet_backup no scroll cursor for ${text}`).execute(db);
    if (parameters.length) throw new Error('unexpected parameters in a backup query');
    try {
      for (;;) {
        const { rows } = await sql<
          Record<string, unknown>
        >`fetch ${sql.lit(PAGE)} from carnet_backup`.execute(db);
        for (const r of rows) yield cols.map((c) => r[c]);
        if (rows.length < PAGE) return;
      }
    } finally {
      await sql`close carnet_backup`.execute(db);
    }
  }
  for await (const r of select.stream(PAGE)) yield cols.map((c) => (r as Record<string, unknown>)[c]);
}

async function write(out: WriteStream, chunk: string | Buffer) {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** Writes one table's marker and rows to a gzip file of its own; returns its manifest entry. */
async function dumpTable(db: LooseDb, dialect: DialectName, table: TableInfo, file: string) {
  const gzip = createGzip();
  const out = createWriteStream(file);
  const done = pipeline(gzip, out);
  const digest = new TableDigest();
  const types = table.columns.map((c) => c.type);
  const push = async (s: string) => {
    if (!gzip.write(s)) await once(gzip, 'drain');
  };
  await push(`${JSON.stringify({ table: table.name })}\n`);
  for await (const row of tableRows(db, dialect, table)) {
    const line = JSON.stringify(
      row.map((v, i) => toPortable(v, types[i] as TableInfo['columns'][0]['type'])),
    );
    digest.add(line);
    await push(`${line}\n`);
  }
  gzip.end();
  await done;
  const entry: ManifestTable = {
    name: table.name,
    columns: table.columns.map((c) => [c.name, c.type]),
    rows: digest.rows,
    sha256: digest.hex(),
  };
  return entry;
}

async function appliedMigrations(db: LooseDb): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.map((r) => r.name);
}

/**
 * Backs the database up into `file`. The file appears only once complete (written beside it under
 * another name, then renamed): a backup interrupted halfway leaves no file that looks whole.
 */
export async function backupDatabase(databaseUrl: string, file: string): Promise<BackupResult> {
  const target = resolve(file);
  mkdirSync(dirname(target), { recursive: true });
  const work = await mkdtemp(join(dirname(target), `.${basename(target)}.`));
  try {
    const { tables, migrations, dialect } = await inSnapshot(databaseUrl, async (db, dialect) => {
      const catalog = await readCatalog(db, dialect);
      const migrations = await appliedMigrations(db);
      const tables: ManifestTable[] = [];
      for (const [i, t] of catalog.entries())
        tables.push(await dumpTable(db, dialect, t, join(work, `${i}.gz`)));
      return { tables, migrations, dialect };
    });
    const manifest: Manifest = {
      format: FORMAT,
      format_version: FORMAT_VERSION,
      schema: migrations.at(-1) ?? '',
      migrations,
      source: dialect,
      created_at: new Date().toISOString(),
      tables,
    };
    // gzip members one after another are one gzip stream (RFC 1952): `zcat` reads it whole
    const partial = join(work, 'backup.partial');
    const out = createWriteStream(partial);
    await write(out, gzipSync(`${JSON.stringify(manifest)}\n`));
    for (const i of tables.keys())
      for await (const chunk of createReadStream(join(work, `${i}.gz`))) await write(out, chunk as Buffer);
    await write(out, gzipSync(`${JSON.stringify({ end: true })}\n`));
    out.end();
    await once(out, 'close');
    await rename(partial, target);
    return { file: target, manifest };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

// The backup file (ADR 017): gzip'd JSON lines. The manifest first, then each table's marker
// line and its rows (JSON arrays in the manifest's column order), then an end line.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { PortableType } from './catalog.js';
import type { Portable } from './values.js';

export const FORMAT = 'carnet-backup';
export const FORMAT_VERSION = 1;

export interface ManifestTable {
  name: string;
  columns: [name: string, type: PortableType][];
  rows: number;
  /** SHA-256 (hex) of the table's row lines, each with its "\n", uncompressed */
  sha256: string;
}

export interface Manifest {
  format: typeof FORMAT;
  format_version: number;
  /** the last migration the source had: its schema */
  schema: string;
  /** every migration the source had, in order */
  migrations: string[];
  source: string;
  created_at: string;
  tables: ManifestTable[];
}

export class BackupFileError extends Error {}

export type BackupLine =
  | { kind: 'table'; name: string }
  | { kind: 'row'; line: string; values: Portable[] }
  | { kind: 'end' };

/** A running SHA-256 and count of one table's row lines. */
export class TableDigest {
  rows = 0;
  private readonly hash: Hash = createHash('sha256');
  add(line: string) {
    this.rows++;
    this.hash.update(line);
    this.hash.update('\n');
  }
  hex() {
    return this.hash.digest('hex');
  }
}

/**
 * Reads a backup: its manifest, then its lines one at a time. A truncated or damaged gzip stream
 * and a line that is not JSON fail with a BackupFileError.
 */
export async function openBackup(
  file: string,
): Promise<{ manifest: Manifest; lines: AsyncGenerator<BackupLine> }> {
  const gunzip = createGunzip();
  const input = createReadStream(file);
  input.on('error', (e) => gunzip.destroy(e));
  const reader = createInterface({ input: input.pipe(gunzip), crlfDelay: Number.POSITIVE_INFINITY });
  const it = reader[Symbol.asyncIterator]();
  const next = async (): Promise<string | undefined> => {
    try {
      const r = await it.next();
      return r.done ? undefined : r.value;
    } catch (e) {
      reader.close();
      const code = (e as { code?: string }).code;
      if (code === 'ENOENT') throw new BackupFileError(`no such file: ${file}`);
      throw new BackupFileError(`the backup is damaged or truncated (${(e as Error).message})`);
    }
  };
  let manifest: Manifest;
  try {
    manifest = JSON.parse((await next()) ?? '');
  } catch (e) {
    if (e instanceof BackupFileError && /no such file/.test(e.message)) throw e;
    reader.close();
    throw new BackupFileError('not a Carnet backup: its first line is not a manifest');
  }
  if (manifest?.format !== FORMAT || !Array.isArray(manifest.tables) || typeof manifest.schema !== 'string') {
    reader.close();
    throw new BackupFileError('not a Carnet backup: its first line is not a manifest');
  }
  if (manifest.format_version > FORMAT_VERSION) {
    reader.close();
    throw new BackupFileError(
      `the backup's format (version ${manifest.format_version}) is newer than this Carnet reads (${FORMAT_VERSION}); restore it with a newer Carnet`,
    );
  }
  async function* lines(): AsyncGenerator<BackupLine> {
    try {
      for (let line = await next(); line !== undefined; line = await next()) {
        if (line.startsWith('[')) {
          let values: Portable[];
          try {
            values = JSON.parse(line);
          } catch {
            throw new BackupFileError('the backup is damaged: a row is not JSON');
          }
          yield { kind: 'row', line, values };
          continue;
        }
        let marker: { table?: string; end?: boolean };
        try {
          marker = JSON.parse(line);
        } catch {
          throw new BackupFileError('the backup is damaged: a line is not JSON');
        }
        if (marker.end === true) yield { kind: 'end' };
        else if (typeof marker.table === 'string') yield { kind: 'table', name: marker.table };
        else throw new BackupFileError('the backup is damaged: an unknown line');
      }
    } finally {
      reader.close();
      input.destroy();
    }
  }
  return { manifest, lines: lines() };
}

/**
 * Reads the whole file and checks it against its manifest: every table in order, its row count
 * and checksum, the end line. Returns the manifest; throws a BackupFileError naming what differs.
 */
export async function verifyBackup(file: string): Promise<Manifest> {
  const { manifest, lines } = await openBackup(file);
  await walkTables(manifest, lines, () => {});
  return manifest;
}

/**
 * Goes through a backup's lines checking them against the manifest, handing each row to `onRow`
 * (awaited only when it returns a promise). Throws a BackupFileError on the first difference.
 */
export async function walkTables(
  manifest: Manifest,
  lines: AsyncGenerator<BackupLine>,
  onRow: (table: ManifestTable, values: Portable[]) => void | Promise<void>,
  onTableEnd: (table: ManifestTable) => void | Promise<void> = () => {},
): Promise<void> {
  let index = -1;
  let table: ManifestTable | undefined;
  let digest = new TableDigest();
  const close = async () => {
    if (!table) return;
    const sum = digest.hex();
    if (digest.rows !== table.rows)
      throw new BackupFileError(
        `the backup is damaged or truncated: table ${table.name} has ${digest.rows} rows, its manifest says ${table.rows}`,
      );
    if (sum !== table.sha256)
      throw new BackupFileError(
        `the backup is damaged: table ${table.name}'s checksum does not match its manifest`,
      );
    await onTableEnd(table);
  };
  for await (const line of lines) {
    if (line.kind === 'row') {
      if (!table) throw new BackupFileError('the backup is damaged: a row before any table');
      if (!Array.isArray(line.values) || line.values.length !== table.columns.length)
        throw new BackupFileError(
          `the backup is damaged: a row of ${table.name} has the wrong number of values`,
        );
      digest.add(line.line);
      const r = onRow(table, line.values);
      if (r) await r;
      continue;
    }
    await close();
    if (line.kind === 'end') {
      if (index !== manifest.tables.length - 1)
        throw new BackupFileError('the backup is damaged or truncated: tables are missing');
      return;
    }
    index++;
    table = manifest.tables[index];
    if (!table || table.name !== line.name)
      throw new BackupFileError(`the backup is damaged: table ${line.name} is not the manifest's next one`);
    digest = new TableDigest();
  }
  throw new BackupFileError('the backup is truncated: it has no end line');
}

// Import and export, measured over HTTP against `node dist/server/main.js`.
//
// Imports: a generated contacts CSV (bench/io-data.ts) POSTed to /api/v1/imports, the job polled to
// its end; each import runs on a fresh server over a fresh, empty database of its own
// (`carnet_bench_import`, SQLite `data/bench/carnet_bench_import.db`), dropped afterwards, so the
// loaded bench database stays as it was (and reusable with --reuse).
// Exports: /api/v1/contacts/export as CSV and vCard from the loaded database, on a server of its
// own, the body streamed and its records counted.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DialectName } from '../server/config.js';
import { connect } from '../server/db/connect.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { MAX_IMPORT_BYTES } from '../server/imports/upload.js';
import { namedTarget } from './databases.js';
import { streamExport, upload, watchRss, writeContactsCsv } from './io-data.js';
import { liveBulkRate } from './live-bulk.js';
import { benchAdmin, type Server, startCarnet } from './servers.js';

export const IMPORT_DATABASE = 'carnet_bench_import';
/** the issue's targets: an import at half the bulk-load rate or better, under 300 MiB; initial JS */
export const IMPORT_TARGET = { ratio: 0.5, rssMiB: 300 };

export const IMPORTS = [
  { id: 'csv-import-100k', full: 100_000, tag: 'imp100k' },
  { id: 'csv-import-1m', full: 1_000_000, tag: 'imp1m' },
] as const;
export const EXPORTS = [
  { id: 'csv-export-1m', format: 'csv' },
  { id: 'vcard-export-1m', format: 'vcf' },
] as const;

export interface ImportResult {
  id: string;
  title: string;
  rows: number;
  bytes: number;
  /** POST until the 202 (the upload, stored in a temporary file) */
  uploadMs: number;
  /** POST until the job is seen done, counting pass included */
  ms: number;
  rowsPerSec: number;
  startRssMiB: number;
  peakRssMiB: number;
  /** contacts rows/s of this database's bulk load (null: not known, e.g. --reuse of an old load) */
  bulkRowsPerSec: number | null;
  ratio: number | null;
  /**
   * contacts/s of the bulk path writing what this import writes (the contacts, their search words,
   * an audit entry each) into the schema with its indexes in place: the limit for a live database
   */
  liveBulkRowsPerSec: number | null;
  liveRatio: number | null;
  status: string;
  created: number;
  skipped: number;
  failed: number;
  error?: string;
}

export interface ExportResult {
  id: string;
  title: string;
  format: 'csv' | 'vcf';
  /** records counted in the body, and contacts in the database */
  rows: number;
  expected: number;
  bytes: number;
  firstByteMs: number;
  ms: number;
  rowsPerSec: number;
  mbPerSec: number;
  startRssMiB: number;
  peakRssMiB: number;
  error?: string;
}

export interface IoResult {
  imports: ImportResult[];
  exports: ExportResult[];
}

type Log = (s: string) => void;
const r1 = (x: number) => Math.round(x * 10) / 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Job {
  status: string;
  processed_rows: number;
  total_rows: number | null;
  created: number;
  skipped: number;
  failed: number;
  error: string | null;
  errors: { row: number; field: string; message: string }[];
}

/** POST the file, then GET the job every 100 ms until it is done or failed (or stalls for 2 min). */
async function runImport(
  server: Server,
  headers: Record<string, string>,
  file: string,
  bytes: number,
  log: Log,
) {
  const rss = watchRss(server.pid);
  const t0 = performance.now();
  try {
    const posted = await upload(`${server.url}/api/v1/imports?entity=contacts`, headers, file, bytes);
    const uploadMs = performance.now() - t0;
    if (posted.status !== 202)
      throw new Error(`POST /imports: ${posted.status} ${posted.body.slice(0, 300)}`);
    const { import_id } = JSON.parse(posted.body) as { import_id: number };
    let job: Job;
    let seen = -1;
    let movedAt = performance.now();
    let loggedAt = performance.now();
    for (;;) {
      await sleep(100);
      const res = await fetch(`${server.url}/api/v1/imports/${import_id}`, { headers });
      if (res.status !== 200) throw new Error(`GET /imports/${import_id}: ${res.status}`);
      job = (await res.json()) as Job;
      if (job.status === 'done' || job.status === 'failed') break;
      if (performance.now() - loggedAt > 10_000) {
        loggedAt = performance.now();
        log(
          `    … ${job.processed_rows}/${job.total_rows ?? '?'} rows after ${r1((loggedAt - t0) / 1000)} s`,
        );
      }
      if (job.processed_rows !== seen) [seen, movedAt] = [job.processed_rows, performance.now()];
      else if (performance.now() - movedAt > 120_000)
        throw new Error(`import ${import_id} stalled at ${seen} rows (${job.status})`);
    }
    return { job, uploadMs, ms: performance.now() - t0, mem: rss.stop() };
  } finally {
    rss.stop(); // once an error stopped it short (a second stop changes nothing)
  }
}

/**
 * The two CSV imports (100k and 1M rows × scale), each on a fresh server over a fresh database,
 * compared with `bulkRowsPerSec` (the contacts rows/s of this database's bulk load).
 */
export async function measureImports(
  dialect: DialectName,
  scale: number,
  bulkRowsPerSec: number | null,
  want: (id: string) => boolean,
  log: Log,
): Promise<ImportResult[]> {
  const out: ImportResult[] = [];
  const dir = await mkdtemp(join(tmpdir(), 'carnet-bench-io-'));
  try {
    for (const spec of IMPORTS.filter((i) => want(i.id))) {
      const rows = Math.max(10, Math.round(spec.full * scale));
      const file = join(dir, `${spec.id}.csv`);
      const bytes = await writeContactsCsv(file, rows, spec.tag);
      const base = {
        id: spec.id,
        title: `CSV import, ${rows.toLocaleString('en')} contacts (${r1(bytes / 2 ** 20)} MiB)`,
        rows,
        bytes,
        bulkRowsPerSec,
        liveBulkRowsPerSec: null as number | null,
        liveRatio: null as number | null,
      };
      const t = namedTarget(dialect, IMPORT_DATABASE);
      const live = await liveBulkRate(dialect, t, rows).catch((e: Error) => {
        log(`  ${spec.id}: live-schema bulk load failed: ${e.message}`);
        return null;
      });
      await t.recreate();
      const db = connect(t.url);
      await migrateToLatest(db);
      const { headers } = await benchAdmin(db);
      await db.destroy();
      const server = await startCarnet(t.url);
      try {
        if (bytes > MAX_IMPORT_BYTES)
          throw new Error(`the file has ${bytes} bytes, over the ${MAX_IMPORT_BYTES} an import accepts`);
        const { job, uploadMs, ms, mem } = await runImport(server, headers, file, bytes, log);
        const rowsPerSec = Math.round(rows / (ms / 1000));
        const problems: string[] = [];
        if (job.status !== 'done') problems.push(`job ${job.status}: ${job.error}`);
        if (job.failed > 0) {
          const e = job.errors[0];
          problems.push(`${job.failed} rows failed${e ? ` (row ${e.row} ${e.field}: ${e.message})` : ''}`);
        }
        if (job.created !== rows) problems.push(`created ${job.created} of ${rows} rows`);
        const r: ImportResult = {
          ...base,
          uploadMs: Math.round(uploadMs),
          ms: Math.round(ms),
          rowsPerSec,
          startRssMiB: mem.startMiB,
          peakRssMiB: mem.peakMiB,
          ratio: bulkRowsPerSec ? Math.round((rowsPerSec / bulkRowsPerSec) * 1000) / 1000 : null,
          liveBulkRowsPerSec: live,
          liveRatio: live ? Math.round((rowsPerSec / live) * 1000) / 1000 : null,
          status: job.status,
          created: job.created,
          skipped: job.skipped,
          failed: job.failed,
          ...(problems.length ? { error: problems.join('; ') } : {}),
        };
        out.push(r);
        log(
          `  ${spec.id}: ${rows} rows in ${r1(ms / 1000)} s (upload ${r.uploadMs} ms): ${rowsPerSec} rows/s, ` +
            `×${r.ratio ?? '?'} of bulk load, ×${r.liveRatio ?? '?'} of live-schema bulk load (${live ?? '?'}/s); server RSS ${r.startRssMiB} → peak ${r.peakRssMiB} MiB${r.error ? `; ERROR ${r.error}` : ''}`,
        );
      } catch (e) {
        const error = (e as Error).message;
        const zero = { uploadMs: 0, ms: 0, rowsPerSec: 0, startRssMiB: 0, peakRssMiB: 0, ratio: null };
        out.push({ ...base, ...zero, status: 'error', created: 0, skipped: 0, failed: 0, error });
        log(`  ${spec.id}: ERROR ${error}`);
      } finally {
        await server.stop();
        await t.drop();
        await rm(file, { force: true });
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return out;
}

/** CSV and vCard exports of every contact of the loaded database, on a server of their own. */
export async function measureExports(
  url: string,
  headers: Record<string, string>,
  want: (id: string) => boolean,
  log: Log,
): Promise<ExportResult[]> {
  const specs = EXPORTS.filter((e) => want(e.id));
  if (specs.length === 0) return [];
  const db = connect(url);
  const { n } = await db.kysely
    .selectFrom('contacts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  await db.destroy();
  const expected = Number(n);
  const server = await startCarnet(url);
  const out: ExportResult[] = [];
  try {
    for (const spec of specs) {
      const rss = watchRss(server.pid);
      const t0 = performance.now();
      const res = await streamExport(
        `${server.url}/api/v1/contacts/export?format=${spec.format}`,
        headers,
        spec.format,
      );
      const ms = performance.now() - t0;
      const mem = rss.stop();
      const error =
        res.status !== 200
          ? `${res.status} ${res.body.slice(0, 300)}`
          : res.records !== expected
            ? `${res.records} records in the file, ${expected} contacts in the database`
            : undefined;
      const r: ExportResult = {
        id: spec.id,
        title: `${spec.format === 'csv' ? 'CSV' : 'vCard'} export, ${expected.toLocaleString('en')} contacts`,
        format: spec.format,
        rows: res.records,
        expected,
        bytes: res.bytes,
        firstByteMs: Math.round(res.firstByteMs),
        ms: Math.round(ms),
        rowsPerSec: Math.round(res.records / (ms / 1000)),
        mbPerSec: r1(res.bytes / 2 ** 20 / (ms / 1000)),
        startRssMiB: mem.startMiB,
        peakRssMiB: mem.peakMiB,
        ...(error ? { error } : {}),
      };
      out.push(r);
      log(
        `  ${spec.id}: ${r.rows} records, ${r1(r.bytes / 2 ** 20)} MiB in ${r1(ms / 1000)} s ` +
          `(first byte ${r.firstByteMs} ms): ${r.rowsPerSec} rows/s, ${r.mbPerSec} MiB/s; ` +
          `server RSS ${r.startRssMiB} → peak ${r.peakRssMiB} MiB${error ? `; ERROR ${error}` : ''}`,
      );
    }
  } finally {
    await server.stop();
  }
  return out;
}

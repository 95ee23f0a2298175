// npm run bench -- [--scale 0.01] [--dialects sqlite,postgres,mysql] [--seconds N] [--reuse]
//                  [--only id,id] [--no-scaleout] [--write-docs]
// Generates and loads the data set, then measures every scenario over HTTP (autocannon, 1 and 32
// connections) and through the raw driver, and reports each as a ratio to its baseline.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { DialectName } from '../server/config.js';
import { connect } from '../server/db/connect.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { ensureCustomFields } from './custom-fields.js';
import { target } from './databases.js';
import { sizesFor, tables } from './generate.js';
import { type IoResult, measureExports, measureImports } from './io.js';
import { bulkLoad, type LoadResult } from './load.js';
import { httpLoad, rawLoad, type Stats } from './measure.js';
import { rawDriver } from './raw.js';
import { type Results, renderMarkdown, renderTable, type ScenarioResult } from './report.js';
import { scaleOut } from './scaleout.js';
import { scenarios } from './scenarios.js';
import { ADMIN_PASSWORD, benchAdmin, startCarnet, startProcess } from './servers.js';
import { measureWeb } from './web-load.js';

function parseArgs(argv: string[]) {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const scale = Number(get('scale') ?? 1);
  if (!(scale > 0)) throw new Error('--scale must be a positive number');
  return {
    scale,
    dialects: (get('dialects') ?? 'sqlite,postgres,mysql').split(',') as DialectName[],
    seconds: Number(get('seconds') ?? (scale < 0.05 ? 1 : 5)),
    reuse: argv.includes('--reuse'),
    only: get('only')?.split(','),
    scaleout: !argv.includes('--no-scaleout'),
    writeDocs: argv.includes('--write-docs'),
  };
}

const log = (s: string) => process.stderr.write(`${s}\n`);

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const sizes = sizesFor(args.scale);
  const started = new Date();
  const want = (id: string) => !args.only || args.only.includes(id);
  log(`Carnet bench: scale ${args.scale} (${sizes.contacts} contacts), ${args.seconds}s per measurement`);
  execFileSync(process.execPath, ['scripts/ensure-build.mjs'], { stdio: 'inherit' });

  const results: Results = {
    startedAt: started.toISOString(),
    scale: args.scale,
    sizes,
    seconds: args.seconds,
    machine: machine(),
    dialects: {},
    baselines: {},
    features: [],
  };

  const hello = await startProcess(['bench/hello-server.mjs'], {}, '/hello');
  results.baselines.hello = {};
  for (const c of [1, 32]) {
    results.baselines.hello[c] = await httpLoad(
      hello.url,
      {},
      () => [{ method: 'GET', path: '/hello', raw: [] }],
      1,
      c,
      args.seconds,
    );
    log(`  fastify hello c=${c}: ${results.baselines.hello[c].rps} req/s`);
  }
  await hello.stop();

  for (const dialect of args.dialects) {
    log(`\n== ${dialect}`);
    const t = target(dialect, args.scale);
    let load: LoadResult | null = null;
    let migrateMs = 0;
    /** contacts rows/s of this database's bulk load, what an import is compared with */
    let bulkRate: number | null = null;
    if (!args.reuse || !(await loaded(t.url))) {
      await t.recreate();
      const db = connect(t.url);
      const m0 = performance.now();
      await migrateToLatest(db);
      migrateMs = Math.round(performance.now() - m0);
      await db.destroy();
      log(`  loading ${t.label}`);
      load = await bulkLoad(dialect, t.url, tables(sizes));
      bulkRate = load.tables.find((tl) => tl.table === 'contacts')?.rowsPerSec ?? null;
      await markLoaded(t.url, bulkRate);
      for (const tl of load.tables)
        log(`    ${tl.table}: ${tl.rows} rows in ${tl.ms} ms (${tl.rowsPerSec} rows/s)`);
      log(`    indexes ${load.indexMs} ms, totals + analyze ${load.finishMs} ms, total ${load.totalMs} ms`);
    } else {
      const db = connect(t.url);
      await migrateToLatest(db);
      bulkRate = await loadedRate(db);
      await db.destroy();
    }

    const c0 = performance.now();
    if (await ensureCustomFields(dialect, t.url, sizes.contacts))
      log(`  custom fields on ${sizes.contacts} contacts: ${Math.round(performance.now() - c0)} ms`);

    const db = connect(t.url);
    const { userId: adminId, email: adminEmail, headers } = await benchAdmin(db);

    // start time on the existing database: three starts, the median
    const starts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const s = await startCarnet(t.url);
      starts.push(Math.round(s.startMs));
      await s.stop();
    }
    const startMs = starts.sort((a, b) => a - b)[1];
    log(`  server start: ${starts.join(', ')} ms`);

    const server = await startCarnet(t.url);
    const present = await routes(server.url);
    const io: IoResult = { imports: [], exports: [] };
    // exports first, while the database holds the loaded contacts only (the scenarios add some)
    if (present.exports) io.exports = await measureExports(t.url, headers, want, log);
    if (dialect === args.dialects[0]) {
      results.features = missing(present);
      if (want('web-initial-load') && existsSync('dist/web/index.html')) {
        try {
          results.web = await measureWeb(server.url, { email: adminEmail, password: ADMIN_PASSWORD });
          log(
            `  web app initial load: ${results.web.jsKbGzipped} KB of JS gzipped, ${results.web.jsFiles} files`,
          );
          const d = results.web.dashboard;
          if (d)
            log(
              `  dashboard cold load: ${d.compressed.transferredKb} KB transferred in ${d.compressed.ms} ms (uncompressed: ${d.identity.transferredKb} KB in ${d.identity.ms} ms)`,
            );
        } catch (e) {
          const reason = `not measured: ${(e as Error).message}`;
          results.features.push({ id: 'web-initial-load', title: 'web app initial load', reason });
          log(`  web app initial load ${reason}`);
        }
      }
    }
    const raw = rawDriver(dialect, t.url);
    const runTag = Date.now().toString(36);
    const list = scenarios({
      dialect,
      kysely: db.kysely,
      raw,
      sizes,
      actor: { userId: adminId, role: 'admin', via: 'token' },
      runTag,
      writeBudget: Math.round((dialect === 'sqlite' ? 40_000 : 8000) * (args.seconds + 1)),
    }).filter((s) => !args.only || args.only.includes(s.id));

    const out: ScenarioResult[] = [];
    for (const sc of list) {
      const sample = await sc.prepare();
      const r: ScenarioResult = { id: sc.id, title: sc.title, steps: sc.steps, target: sc.target, runs: {} };
      // warm-up: plans, prepared statements, caches
      await httpLoad(server.url, headers, sample, sc.steps, 4, Math.min(1, args.seconds));
      for (const c of [1, 32]) {
        const http = await httpLoad(server.url, headers, sample, sc.steps, c, args.seconds);
        const rawStats = await rawLoad(raw, sample, dialect === 'sqlite' ? 1 : c, args.seconds);
        r.runs[c] = { http, raw: rawStats, ratio: Math.round((http.rps / rawStats.rps) * 100) / 100 };
        log(`  ${sc.id} c=${c}: http ${fmt(http)} | raw ${fmt(rawStats)} | ratio ${r.runs[c].ratio}`);
      }
      out.push(r);
    }

    // the summary as it was before pipeline_totals: GROUP BY over every opportunity, raw driver
    const { groupedTotals } = await import('../server/pipeline/pipeline.service.js');
    const g0 = performance.now();
    let groupRuns = 0;
    while (groupRuns < 3 || performance.now() - g0 < 1000 * Math.min(args.seconds, 3)) {
      await groupedTotals(db, { stage: undefined }, { userId: adminId, role: 'admin', via: 'token' });
      groupRuns++;
      if (groupRuns >= 20) break;
    }
    const groupByMs = Math.round(((performance.now() - g0) / groupRuns) * 10) / 10;
    log(`  pipeline GROUP BY over all opportunities (before): ${groupByMs} ms`);

    // the lever itself: the same reads with prepared statements turned off (MariaDB has none)
    const unprepared: Record<string, Record<number, Stats>> = {};
    if (dialect !== 'mysql') {
      await server.stop();
      const plain = await startCarnet(t.url, { DATABASE_PREPARED_STATEMENTS: 'false' });
      for (const sc of list.filter((s) => ['get-contact', 'list-page1', 'timeline'].includes(s.id))) {
        const sample = await sc.prepare();
        await httpLoad(plain.url, headers, sample, sc.steps, 4, Math.min(1, args.seconds));
        unprepared[sc.id] = {};
        for (const c of [1, 32]) {
          unprepared[sc.id][c] = await httpLoad(plain.url, headers, sample, sc.steps, c, args.seconds);
          const prepared = out.find((o) => o.id === sc.id)?.runs[c]?.http.rps;
          log(
            `  ${sc.id} c=${c} without prepared statements: ${fmt(unprepared[sc.id][c])} (with: ${prepared}/s)`,
          );
        }
      }
      await plain.stop();
    }

    await raw.close();
    await server.stop();
    await db.destroy();
    // imports go to fresh databases of their own (bench/io.ts)
    if (present.imports) io.imports = await measureImports(dialect, args.scale, bulkRate, want, log);

    results.dialects[dialect] = {
      io,
      unprepared,
      database: t.label,
      driver: raw.describe,
      load,
      migrateMs,
      startMs,
      starts,
      groupByMs,
      scenarios: out,
    };
  }

  if (args.scaleout && args.dialects.includes('postgres')) {
    log('\n== scale-out: two instances on one PostgreSQL, Redis rate limits');
    results.scaleOut = await scaleOut(target('postgres', args.scale).url, args.seconds, sizes.contacts, log);
  }

  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${started.toISOString().replace(/[:.]/g, '-')}-scale-${args.scale}.json`;
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync('bench/results/latest.json', `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(renderTable(results));
  log(`\nresults: ${file}`);
  if (args.writeDocs) {
    const doc = 'docs/performance.md';
    const text = readFileSync(doc, 'utf8');
    const begin = '<!-- bench:begin -->';
    const end = '<!-- bench:end -->';
    const i = text.indexOf(begin);
    const j = text.indexOf(end);
    if (i < 0 || j < 0) throw new Error(`${doc} has no ${begin} … ${end} section`);
    writeFileSync(doc, `${text.slice(0, i + begin.length)}\n${renderMarkdown(results)}\n${text.slice(j)}`);
    // the tables as Biome lays them out, so that `npm run lint` stays clean after a run
    execFileSync(process.execPath, ['node_modules/@biomejs/biome/bin/biome', 'format', '--write', doc], {
      stdio: 'ignore',
    });
    log(`updated ${doc}`);
  }
}

/**
 * A database whose load ran to the end says so in app_settings (--reuse skips only those), with
 * its contacts' load rate (what imports are compared with on a reused database).
 */
async function markLoaded(url: string, contactsRowsPerSec: number | null) {
  const db = connect(url);
  await db.kysely
    .insertInto('app_settings')
    .values([
      { name: 'bench_loaded', value: new Date().toISOString() },
      { name: 'bench_load_contacts_rps', value: String(contactsRowsPerSec ?? '') },
    ])
    .execute();
  await db.destroy();
}

async function loadedRate(db: ReturnType<typeof connect>): Promise<number | null> {
  const row = await db.kysely
    .selectFrom('app_settings')
    .select('value')
    .where('name', '=', 'bench_load_contacts_rps')
    .executeTakeFirst();
  return Number(row?.value) || null;
}

async function loaded(url: string) {
  const db = connect(url);
  try {
    return (
      (await db.kysely
        .selectFrom('app_settings')
        .select('value')
        .where('name', '=', 'bench_loaded')
        .executeTakeFirst()) !== undefined
    );
  } catch {
    return false;
  } finally {
    await db.destroy();
  }
}

const fmt = (s: Stats) => `${s.rps}/s p50 ${s.p50} p99 ${s.p99}${s.errors ? ` ERR ${s.errors}` : ''}`;

function machine() {
  let os = '';
  try {
    os = readFileSync('/etc/os-release', 'utf8').match(/PRETTY_NAME="(.*)"/)?.[1] ?? '';
  } catch {}
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? '',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os,
  };
}

/** The import and export routes of this build, from its OpenAPI document. */
async function routes(url: string) {
  const doc = (await (await fetch(`${url}/api/v1/openapi.json`)).json()) as {
    paths: Record<string, unknown>;
  };
  const paths = Object.keys(doc.paths);
  return {
    imports: paths.includes('/api/v1/imports'),
    exports: paths.includes('/api/v1/contacts/export'),
  };
}

/** Features not on this build: they are reported, not failed. */
function missing(present: { imports: boolean; exports: boolean }) {
  const out: { id: string; title: string; reason: string }[] = [];
  if (!present.imports)
    out.push({
      id: 'csv-import',
      title: 'CSV import (rows/s, peak RSS)',
      reason: 'no import route on this build',
    });
  if (!present.exports)
    out.push({
      id: 'export',
      title: 'CSV / vCard export of contacts',
      reason: 'no export route on this build',
    });
  if (!existsSync('dist/web/index.html'))
    out.push({
      id: 'web-initial-load',
      title: 'web app initial load (JS gzipped)',
      reason: 'no built web app (dist/web) on this build',
    });
  return out;
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);

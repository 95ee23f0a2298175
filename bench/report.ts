// The stdout table and the Markdown for docs/performance.md, from one run's results.
import type { Sizes } from './generate.js';
import { IMPORT_TARGET, type IoResult } from './io.js';
import type { LoadResult } from './load.js';
import type { Stats } from './measure.js';
import type { ScaleOutResult } from './scaleout.js';
import type { Scenario } from './scenarios.js';
import type { WebResult } from './web-load.js';

export interface ScenarioResult {
  id: string;
  title: string;
  steps: number;
  target?: Scenario['target'];
  runs: Record<number, { http: Stats; raw: Stats; ratio: number }>;
}

export interface DialectResult {
  database: string;
  driver: string;
  load: LoadResult | null;
  migrateMs: number;
  startMs: number;
  starts: number[];
  groupByMs: number;
  /** the same reads with DATABASE_PREPARED_STATEMENTS=false (PostgreSQL, SQLite) */
  unprepared?: Record<string, Record<number, Stats>>;
  scenarios: ScenarioResult[];
  /** CSV imports, CSV and vCard exports (bench/io.ts) */
  io?: IoResult;
}

export interface Results {
  startedAt: string;
  scale: number;
  sizes: Sizes;
  seconds: number;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; os: string };
  dialects: Partial<Record<string, DialectResult>>;
  baselines: { hello?: Record<number, Stats> };
  /** features not on this build */
  features: { id: string; title: string; reason: string }[];
  web?: WebResult;
  scaleOut?: ScaleOutResult;
}

/** "met", "MISSED" or "" for a scenario's target. */
export function verdict(s: ScenarioResult): string {
  const t = s.target;
  if (!t) return '';
  if (t.kind === 'ratio') {
    const worst = Math.min(...[1, 32].map((c) => s.runs[c]?.ratio ?? Number.NaN));
    return `${worst >= t.min ? 'met' : 'MISSED'} (≥ ${t.min}×)`;
  }
  const v = s.runs[t.connections]?.http[t.kind] ?? Number.NaN;
  return `${v < t.maxMs ? 'met' : 'MISSED'} (${t.kind} < ${t.maxMs} ms at ${t.connections})`;
}

const DIALECT_NAMES: Record<string, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL', mysql: 'MariaDB' };

function rows(r: Results) {
  const out: string[][] = [];
  for (const [d, res] of Object.entries(r.dialects)) {
    if (!res) continue;
    for (const s of res.scenarios) {
      const a = s.runs[1];
      const b = s.runs[32];
      out.push([
        DIALECT_NAMES[d] ?? d,
        s.id,
        `${a.http.rps}`,
        `${a.http.p50} / ${a.http.p99}`,
        `${a.raw.rps}`,
        `${a.ratio}`,
        `${b.http.rps}`,
        `${b.http.p50} / ${b.http.p99}`,
        `${b.raw.rps}`,
        `${b.ratio}`,
        `${a.http.errors + b.http.errors || ''}`,
        verdict(s),
      ]);
    }
  }
  return out;
}

const HEADER = [
  'db',
  'scenario',
  'c1 req/s',
  'c1 p50/p99 ms',
  'c1 raw/s',
  'c1 ratio',
  'c32 req/s',
  'c32 p50/p99 ms',
  'c32 raw/s',
  'c32 ratio',
  'errors',
  'target',
];

function plainTable(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => `${cells.map((c, i) => c.padEnd(widths[i])).join('  ')}\n`;
  return line(header) + line(widths.map((w) => '-'.repeat(w))) + body.map(line).join('');
}

const mdTable = (header: string[], body: string[][]) =>
  `| ${header.join(' | ')} |\n| ${header.map(() => '---').join(' | ')} |\n${body.map((row) => `| ${row.join(' | ')} |\n`).join('')}`;

const IO_HEADER = [
  'db',
  'import / export',
  'rows',
  'MiB',
  'seconds',
  'rows/s',
  'MiB/s',
  'server RSS MiB (start → peak)',
  'vs bulk load',
  'check',
  'target',
];

function ioRows(r: Results) {
  const out: string[][] = [];
  const mib = (b: number) => (b / 2 ** 20).toFixed(1);
  for (const [d, res] of Object.entries(r.dialects)) {
    for (const i of res?.io?.imports ?? []) {
      const missed = [
        ...(i.ratio !== null && i.ratio >= IMPORT_TARGET.ratio ? [] : [`rate (≥ ${IMPORT_TARGET.ratio}×)`]),
        ...(i.peakRssMiB < IMPORT_TARGET.rssMiB ? [] : [`memory (< ${IMPORT_TARGET.rssMiB} MiB)`]),
      ];
      out.push([
        DIALECT_NAMES[d] ?? d,
        i.id,
        `${i.rows}`,
        mib(i.bytes),
        (i.ms / 1000).toFixed(1),
        `${i.rowsPerSec}`,
        i.ms ? mib(i.bytes / (i.ms / 1000)) : '',
        `${i.startRssMiB} → ${i.peakRssMiB}`,
        `${i.ratio === null ? '?' : `×${i.ratio} of ${i.bulkRowsPerSec}/s`}` +
          (i.liveRatio === null || i.liveRatio === undefined
            ? ''
            : `; ×${i.liveRatio} of ${i.liveBulkRowsPerSec}/s into the live schema`),
        i.error ? 'ERROR' : `${i.created} created`,
        missed.length
          ? `MISSED ${missed.join(', ')}`
          : `met (≥ ${IMPORT_TARGET.ratio}×, < ${IMPORT_TARGET.rssMiB} MiB)`,
      ]);
    }
    for (const e of res?.io?.exports ?? []) {
      out.push([
        DIALECT_NAMES[d] ?? d,
        e.id,
        `${e.rows}`,
        mib(e.bytes),
        (e.ms / 1000).toFixed(1),
        `${e.rowsPerSec}`,
        `${e.mbPerSec}`,
        `${e.startRssMiB} → ${e.peakRssMiB}`,
        '',
        e.error ? 'ERROR' : `= ${e.expected} contacts`,
        '',
      ]);
    }
  }
  return out;
}

/** The errors of the imports and exports, a line each. */
function ioErrors(r: Results, bullet: string): string {
  let s = '';
  for (const [d, res] of Object.entries(r.dialects))
    for (const x of [...(res?.io?.imports ?? []), ...(res?.io?.exports ?? [])])
      if (x.error) s += `${bullet}${DIALECT_NAMES[d]} ${x.id}: ERROR ${x.error}\n`;
  return s;
}

function webLine(w: WebResult | undefined): string {
  if (!w) return '';
  let s = `Web app initial load: ${w.jsKbGzipped} KB of JS gzipped in ${w.jsFiles} files (+ ${w.cssKbGzipped} KB of CSS): ${w.jsKbGzipped < w.targetKb ? 'met' : 'MISSED'} (< ${w.targetKb} KB)\n`;
  const d = w.dashboard;
  if (d)
    s += `Dashboard cold load (Chromium, empty cache, 10 Mbit/s and 40 ms): ${d.compressed.transferredKb} KB transferred (${d.compressed.decodedKb} KB decoded) in ${d.compressed.requests} requests, ${d.compressed.ms} ms; uncompressed (Accept-Encoding: identity, as before issue 12): ${d.identity.transferredKb} KB, ${d.identity.ms} ms\n`;
  return s;
}

export function renderTable(r: Results): string {
  let s = `\nCarnet bench, scale ${r.scale} (${r.sizes.contacts} contacts, ${r.sizes.opportunities} opportunities, ${r.sizes.interactions} interactions), ${r.seconds}s per measurement\n\n`;
  s += `${plainTable(HEADER, rows(r))}\n`;
  const io = ioRows(r);
  if (io.length) s += `${plainTable(IO_HEADER, io)}${ioErrors(r, '')}\n`;
  for (const [d, res] of Object.entries(r.dialects)) {
    if (!res) continue;
    s += `${DIALECT_NAMES[d]}: start ${res.startMs} ms (target < 1000); pipeline GROUP BY (before totals) ${res.groupByMs} ms`;
    if (res.load)
      s += `; load ${res.load.method}: ${res.load.tables.map((t) => `${t.table} ${t.rowsPerSec}/s`).join(', ')}; indexes ${res.load.indexMs} ms`;
    s += '\n';
  }
  s += preparedLines(r, '');
  const h = r.baselines.hello;
  if (h)
    s += `Fastify hello route: c1 ${h[1].rps} req/s (p99 ${h[1].p99} ms), c32 ${h[32].rps} req/s (p99 ${h[32].p99} ms)\n`;
  s += webLine(r.web);
  for (const f of r.features) s += `${f.title}: ${f.reason}\n`;
  if (r.scaleOut)
    s += `scale-out: ${r.scaleOut.checks.map((c) => `${c.name} ${c.ok ? 'ok' : 'FAILED'}`).join(', ')}; one instance ${r.scaleOut.one.rps} req/s, two ${r.scaleOut.two.rps} req/s (×${r.scaleOut.speedup})\n`;
  return s;
}

export function renderMarkdown(r: Results): string {
  const m = r.machine;
  let s = `Run of ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC, \`npm run bench -- --scale ${r.scale} --seconds ${r.seconds}\`: `;
  s += `${r.sizes.companies} companies, ${r.sizes.contacts} contacts, ${r.sizes.opportunities} opportunities, ${r.sizes.interactions} interactions, ${r.sizes.tasks} tasks, ${r.sizes.users} users. `;
  s += `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}; shared with other work while it ran.\n\n`;
  s += `Latencies in ms; "ratio" is HTTP requests/s ÷ the raw driver's steps/s for the same SQL at the same concurrency.\n\n`;
  s += mdTable(HEADER, rows(r));
  const io = ioRows(r);
  if (io.length) {
    s += `\nImports (a fresh server on an empty database each; time from the POST to the job done, counting pass included; "vs bulk load" is rows/s ÷ the contacts rows/s of the bulk load above) and exports of every contact of the loaded database (the body streamed to the end; records counted and checked against the database):\n\n`;
    s += mdTable(IO_HEADER, io);
    const errors = ioErrors(r, '- ');
    if (errors) s += `\n${errors}`;
  }
  s +=
    '\n| database | bulk load (rows/s) | index build | server start (3 runs) | pipeline GROUP BY before totals |\n| --- | --- | --- | --- | --- |\n';
  for (const [d, res] of Object.entries(r.dialects)) {
    if (!res) continue;
    const load = res.load
      ? `${res.load.method}: ${res.load.tables.map((t) => `${t.table} ${t.rowsPerSec.toLocaleString('en')}`).join(', ')}`
      : '(reused database)';
    s += `| ${DIALECT_NAMES[d]} | ${load} | ${res.load ? `${(res.load.indexMs / 1000).toFixed(1)} s` : ''} | ${res.starts.join(', ')} ms | ${res.groupByMs} ms |\n`;
  }
  s += preparedLines(r, '- ');
  const h = r.baselines.hello;
  if (h)
    s += `\nFastify hello route (the HTTP ceiling on this machine): ${h[1].rps} req/s at 1 connection (p99 ${h[1].p99} ms), ${h[32].rps} req/s at 32 (p99 ${h[32].p99} ms).\n`;
  if (r.web) s += `\n${webLine(r.web)}`;
  if (r.features.length) {
    s += '\n| feature | result |\n| --- | --- |\n';
    for (const f of r.features) s += `| ${f.title} | ${f.reason} |\n`;
  }
  if (r.scaleOut) {
    s += `\nScale-out (two instances, one PostgreSQL, Redis): ${r.scaleOut.checks.map((c) => `${c.name}: ${c.ok ? 'ok' : 'FAILED'} (${c.detail})`).join('; ')}. `;
    s += `Throughput of \`${r.scaleOut.path}\` at 32 connections: one instance ${r.scaleOut.one.rps} req/s (p99 ${r.scaleOut.one.p99} ms), two instances ${r.scaleOut.two.rps} req/s (p99 ${r.scaleOut.two.p99} ms), ×${r.scaleOut.speedup}.\n`;
  }
  return s;
}

/** Prepared statements on vs off, per read scenario, as ×(with ÷ without). */
function preparedLines(r: Results, bullet: string): string {
  let s = '';
  for (const [d, res] of Object.entries(r.dialects)) {
    for (const [id, byC] of Object.entries(res?.unprepared ?? {})) {
      const parts = [1, 32].map((c) => {
        const withIt = res?.scenarios.find((x) => x.id === id)?.runs[c]?.http.rps ?? 0;
        const without = byC[c]?.rps ?? 0;
        return `c${c} ${withIt} vs ${without} req/s (×${without ? Math.round((withIt / without) * 100) / 100 : '?'})`;
      });
      s += `${bullet}${DIALECT_NAMES[d]} ${id} with / without prepared statements: ${parts.join(', ')}\n`;
    }
  }
  return s ? (bullet ? `\n${s}` : s) : '';
}

// The JavaScript a browser loads before the first screen (entry + its static imports), gzipped.
// Exits 1 above the budget (250 KB, issue 4); `--json` prints the numbers for the benchmark.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 250 * 1024;
const dir = new URL('../dist/web/', import.meta.url);
const html = readFileSync(new URL('index.html', dir), 'utf8');
const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const sizes = files.map((f) => ({ file: f, gzip: gzipSync(readFileSync(new URL(f, dir))).length }));
const total = sizes.reduce((n, s) => n + s.gzip, 0);
if (process.argv.includes('--json')) console.log(JSON.stringify({ files: sizes, total, budget: BUDGET }));
else
  console.log(
    `initial web JS: ${(total / 1024).toFixed(1)} KB gzipped (budget ${BUDGET / 1024} KB) in ${files.length} files`,
  );
if (total > BUDGET) process.exit(1);

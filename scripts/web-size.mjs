// The JavaScript a browser loads before the first screens, gzipped, from Vite's build manifest:
// - the entry (index.html's script and the chunks it imports statically: the sign-in page's first
//   load, before its own small route chunk);
// - the signed-in home page `/`: the entry plus the home route's chunk and its static imports
//   (what it imports lazily, such as the dashboard's chart, loads after the first screen).
// Exits 1 when either is above the budget (250 KB, issue 4); `--json` prints the numbers.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 250 * 1024;
/** The index route's page in web/src/routes.tsx, as the manifest names its source. */
const HOME = 'src/dashboard/DashboardPage.tsx';

const dir = new URL('../dist/web/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('.vite/manifest.json', dir), 'utf8'));
const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
if (!entryKey) throw new Error('no entry in dist/web/.vite/manifest.json');
if (!manifest[HOME]) throw new Error(`${HOME} is not in the build manifest: is it still the home route?`);

/** The chunks `keys` load before they run: themselves and their static imports, recursively. */
function staticClosure(keys, seen = new Set()) {
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    staticClosure(manifest[key].imports ?? [], seen);
  }
  return seen;
}

const gzipOf = (key) => gzipSync(readFileSync(new URL(manifest[key].file, dir))).length;
const measure = (keys) => {
  const files = [...keys].map((k) => ({ file: manifest[k].file, gzip: gzipOf(k) }));
  return { files, total: files.reduce((n, f) => n + f.gzip, 0) };
};

const entryKeys = staticClosure([entryKey]);
const entry = measure(entryKeys);
const homeOnly = [...staticClosure([HOME])].filter((k) => !entryKeys.has(k));
const homeRoute = measure(homeOnly);
const home = { files: [...entry.files, ...homeRoute.files], total: entry.total + homeRoute.total };

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ files: entry.files, total: entry.total, home, budget: BUDGET }));
} else {
  console.log(
    `initial web JS: ${kb(entry.total)} gzipped (budget ${kb(BUDGET)}) in ${entry.files.length} files`,
  );
  console.log(
    `signed-in home page (/): ${kb(home.total)} gzipped (budget ${kb(BUDGET)}): the entry and ` +
      `${kb(homeRoute.total)} in ${homeRoute.files.length} route files`,
  );
  for (const f of homeRoute.files) console.log(`  ${f.file}: ${kb(f.gzip)}`);
}
if (entry.total > BUDGET || home.total > BUDGET) process.exit(1);

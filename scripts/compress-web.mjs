// Brotli and gzip copies of the built web app's text files (dist/web/**/*.{js,css,html,svg,…}),
// written beside them as NAME.br and NAME.gz at `npm run build`: the server sends the one the
// browser accepts (server/http/web-app.ts), so a page costs the compressed bytes without the server
// compressing the same file again on every request. Run at build time, so the slowest and smallest
// settings are affordable: brotli quality 11, gzip level 9. node:zlib only, no plugin: the two
// Vite plugins that do this lag behind Vite's major versions, and this is the whole job.
// `node scripts/compress-web.mjs [DIR] [--json]`: `--json` prints what was written.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** text formats the browser decodes; images and fonts are compressed already */
const TEXT = /\.(?:js|mjs|css|html|svg|json|txt|xml|webmanifest|map)$/;

/** dist/web, or the folder given (the tests compress a folder of their own) */
const root =
  process.argv.slice(2).find((a) => !a.startsWith('--')) ??
  fileURLToPath(new URL('../dist/web/', import.meta.url));

/** every file under dir, but Vite's own manifest folder (never served) */
function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === '.vite' ? [] : files(path);
    return TEXT.test(e.name) ? [path] : [];
  });
}

const written = [];
for (const path of files(root)) {
  const data = readFileSync(path);
  const br = brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
  const gz = gzipSync(data, { level: 9 });
  // a copy no smaller than the file is not written: the server then sends the file as it is
  for (const [ext, out] of [
    ['.br', br],
    ['.gz', gz],
  ]) {
    if (out.length < data.length) writeFileSync(path + ext, out);
  }
  written.push({ file: relative(root, path), size: statSync(path).size, br: br.length, gzip: gz.length });
}

if (process.argv.includes('--json')) console.log(JSON.stringify(written));
else {
  const sum = (k) => written.reduce((n, f) => n + Math.min(f[k], f.size), 0);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `web app precompressed: ${written.length} files, ${kb(sum('size'))} → ${kb(sum('br'))} brotli, ${kb(sum('gzip'))} gzip`,
  );
}

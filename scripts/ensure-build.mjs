// `npm start` must serve the code as it is: build when dist/ is missing (e.g. the install
// skipped `prepare`) or older than any source file (e.g. after a `git pull`).
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const built = join(root, 'dist/server/main.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const stale =
  !existsSync(built) ||
  Math.max(newestSource(join(root, 'server')), newestSource(join(root, 'shared'))) > statSync(built).mtimeMs;
if (stale) execSync('npm run build', { cwd: root, stdio: 'inherit' });

// `npm start` must work on a fresh clone even if the install step skipped `prepare`
// (e.g. `npm install --ignore-scripts`): build once when dist/ is missing.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync(new URL('../dist/server/main.js', import.meta.url))) {
  execSync('npm run build', { stdio: 'inherit' });
}

// `npm test`: the unit and API suites (Vitest), then the browser suite (Playwright in Chromium).
// The browser suite needs /usr/bin/chromium (`apt-get install chromium`); without it, it is
// skipped with a notice locally, and fails in CI (CI=true), where .ci/run installs it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: false }).status ?? 1;

const extra = process.argv.slice(2);
const unit = run('npx', ['vitest', 'run', ...extra]);
if (unit !== 0) process.exit(unit);

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  if (process.env.CI === 'true') {
    console.error(`browser tests: ${chromium} is missing (apt-get install chromium)`);
    process.exit(1);
  }
  console.warn(`\nbrowser tests skipped: ${chromium} not found (apt-get install chromium to run them)`);
  process.exit(0);
}
process.exit(run('npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts']));

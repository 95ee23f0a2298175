// The OpenAPI document as a fresh instance serves it, linted by @redocly/cli (recommended-strict,
// redocly.yaml) and Spectral (spectral:oas, .spectral.yaml): no error, and no warning but those
// the two config files justify. Run by .ci/run; locally `npm run lint:openapi`.
//   tsx scripts/openapi-lint.ts [--out openapi.json]   (--out keeps the document)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildApp } from '../server/app.js';
import { connect } from '../server/db/connect.js';
import { migrateToLatest } from '../server/db/migrate.js';

const root = new URL('..', import.meta.url).pathname;
const outArg = process.argv.indexOf('--out');
const dir = mkdtempSync(join(tmpdir(), 'carnet-openapi-'));
const out = outArg > 0 ? resolve(process.argv[outArg + 1]) : join(dir, 'openapi.json');

/** The document a client without credentials gets (no instance's custom fields in it). */
async function dump(): Promise<void> {
  const db = connect(`sqlite:${join(dir, 'crm.db')}`);
  try {
    await migrateToLatest(db, 'en');
    const app = await buildApp({
      config: { logLevel: 'silent' },
      db,
      sessionSecret: 'openapi-lint-'.padEnd(32, 'x'),
      webRoot: null,
    });
    const res = await app.inject({ url: '/api/v1/openapi.json' });
    await app.close();
    if (res.statusCode !== 200) throw new Error(`GET /api/v1/openapi.json answered ${res.statusCode}`);
    writeFileSync(out, JSON.stringify(res.json(), null, 2));
  } finally {
    await db.destroy();
  }
}

const bin = (name: string) => join(root, 'node_modules/.bin', name);
// no update check nor telemetry from CI
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
const run = (cmd: string, args: string[]) => {
  console.log(`\n$ ${[cmd.replace(`${root}/`, ''), ...args].join(' ')}`);
  return spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env }).status ?? 1;
};

try {
  await dump();
  const paths = Object.keys((await import(out, { with: { type: 'json' } })).default.paths).length;
  console.log(`OpenAPI document: ${out} (${paths} paths)`);
  const redocly = run(bin('redocly'), [
    'lint',
    out,
    '--config',
    join(root, 'redocly.yaml'),
    '--format',
    'stylish',
  ]);
  const spectral = run(bin('spectral'), [
    'lint',
    out,
    '--ruleset',
    join(root, '.spectral.yaml'),
    '--fail-severity',
    'warn',
  ]);
  if (redocly !== 0 || spectral !== 0) {
    console.error(`\nOpenAPI lint failed (redocly: ${redocly}, spectral: ${spectral})`);
    process.exitCode = 1;
  } else console.log('\nOpenAPI lint: redocly and spectral pass');
} finally {
  rmSync(dir, { recursive: true, force: true });
}

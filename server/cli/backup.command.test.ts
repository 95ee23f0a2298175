import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../db/connect.js';
import { type FreshDatabase, freshDatabase } from '../test/dialects.js';
import type { CliIo } from './io.js';
import { runCli } from './program.js';

function io() {
  const lines = { out: [] as string[], err: [] as string[] };
  const cli: CliIo = {
    out: (l) => lines.out.push(l),
    err: (l) => lines.err.push(l),
    askSecret: async () => '',
  };
  return { cli, lines };
}

describe('crm backup and crm restore', () => {
  let source: FreshDatabase;
  let target: FreshDatabase;
  let dir: string;
  beforeAll(async () => {
    [source, target] = [await freshDatabase('sqlite'), await freshDatabase('sqlite')];
    dir = await mkdtemp(join(tmpdir(), 'carnet-cli-backup-'));
    const made = io();
    expect(
      await runCli(
        [
          'user',
          'create',
          '--email',
          'chef@example.com',
          '--role',
          'admin',
          '--password',
          'Cle-Du-Coffre-Fort-8',
        ],
        made.cli,
        { DATABASE_URL: source.url },
      ),
    ).toBe(0);
  });
  afterAll(async () => {
    await source.drop();
    await target.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('backs up, restores into an empty database, refuses a used one without --force', async () => {
    const file = join(dir, 'nested', 'carnet.backup.gz');
    const b = io();
    expect(await runCli(['backup', '--out', file], b.cli, { DATABASE_URL: source.url })).toBe(0);
    expect(b.lines.out.join()).toMatch(
      /backed up \d+ tables, \d+ rows, schema \d{4}_\d\d_\d\d_\d{4}_\w+, to /,
    );
    expect(existsSync(file)).toBe(true);

    const r = io();
    expect(await runCli(['restore', file], r.cli, { DATABASE_URL: target.url })).toBe(0);
    expect(r.lines.out.join()).toMatch(/restored \d+ tables/);
    const db = connect(target.url);
    try {
      const users = await db.kysely.selectFrom('users').select('email').execute();
      expect(users.map((u) => u.email)).toEqual(['chef@example.com']);
    } finally {
      await db.destroy();
    }

    const again = io();
    expect(await runCli(['restore', file], again.cli, { DATABASE_URL: target.url })).toBe(1);
    expect(again.lines.err.join()).toMatch(/error: the target database is not empty.*--force/);
    const forced = io();
    expect(await runCli(['restore', '--force', file], forced.cli, { DATABASE_URL: target.url })).toBe(0);
  });

  it('says what is wrong with a file that is not a backup, and needs --out', async () => {
    const junk = join(dir, 'junk.gz');
    writeFileSync(junk, 'hello');
    const r = io();
    expect(await runCli(['restore', junk], r.cli, { DATABASE_URL: target.url })).toBe(1);
    expect(r.lines.err.join()).toMatch(/error: not a Carnet backup/);
    const noOut = io();
    expect(await runCli(['backup'], noOut.cli, { DATABASE_URL: source.url })).not.toBe(0);
    expect(noOut.lines.err.join()).toMatch(/--out/);
  });
});

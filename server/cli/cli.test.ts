import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../auth/passwords.js';
import { connect, type Db } from '../db/connect.js';
import { type FreshDatabase, freshDatabase } from '../test/dialects.js';
import type { CliIo } from './io.js';
import { runCli } from './program.js';

function io(secret = '') {
  const lines = { out: [] as string[], err: [] as string[] };
  const cli: CliIo = {
    out: (l) => lines.out.push(l),
    err: (l) => lines.err.push(l),
    askSecret: async () => secret,
  };
  return { cli, lines };
}

describe('crm user commands', () => {
  let fresh: FreshDatabase;
  let env: NodeJS.ProcessEnv;
  let db: Db;
  beforeAll(async () => {
    fresh = await freshDatabase('sqlite');
    env = { DATABASE_URL: fresh.url };
    db = connect(fresh.url);
  });
  afterAll(async () => {
    await db.destroy();
    await fresh.drop();
  });

  it('creates a user, asking for the password when not given, and refuses a weak one', async () => {
    const a = io('Cle-Du-Coffre-Fort-8');
    expect(
      await runCli(
        ['user', 'create', '--email', 'Boss@Example.com', '--role', 'admin', '--name', 'Boss'],
        a.cli,
        env,
      ),
    ).toBe(0);
    expect(a.lines.out[0]).toMatch(/created user \d+ <Boss@Example.com> as admin/);
    const row = await db.kysely
      .selectFrom('users')
      .selectAll()
      .where('email_key', '=', 'boss@example.com')
      .executeTakeFirstOrThrow();
    expect(await verifyPassword('Cle-Du-Coffre-Fort-8', row.password_hash)).toBe(true);

    const weak = io();
    expect(
      await runCli(['user', 'create', '--email', 'w@example.com', '--password', 'azertyuiop'], weak.cli, env),
    ).toBe(1);
    expect(weak.lines.err.join()).toMatch(/password: .*common/);
    const dup = io();
    expect(
      await runCli(
        ['user', 'create', '--email', 'boss@example.com', '--password', 'Autre-Cle-Forte-9'],
        dup.cli,
        env,
      ),
    ).toBe(1);
    expect(dup.lines.err.join()).toMatch(/already used/);
    const badRole = io();
    expect(
      await runCli(
        ['user', 'create', '--email', 'r@example.com', '--role', 'god', '--password', 'Autre-Cle-Forte-9'],
        badRole.cli,
        env,
      ),
    ).toBe(1);
  });

  it('resets a password and signs the user out everywhere', async () => {
    const row = await db.kysely
      .selectFrom('users')
      .select('user_id')
      .where('email_key', '=', 'boss@example.com')
      .executeTakeFirstOrThrow();
    await db.kysely
      .insertInto('sessions')
      .values({
        session_id: 'x'.repeat(64),
        user_id: row.user_id,
        created_at: '2026-01-01T00:00:00.000Z',
        last_seen_at: '2026-01-01T00:00:00.000Z',
        expires_at: '2099-01-01T00:00:00.000Z',
      })
      .execute();
    const r = io();
    expect(
      await runCli(
        ['user', 'reset-password', '--email', 'BOSS@example.com', '--password', 'Nouvelle-Cle-Solide-5'],
        r.cli,
        env,
      ),
    ).toBe(0);
    const after = await db.kysely
      .selectFrom('users')
      .select('password_hash')
      .where('user_id', '=', row.user_id)
      .executeTakeFirstOrThrow();
    expect(await verifyPassword('Nouvelle-Cle-Solide-5', after.password_hash)).toBe(true);
    expect(
      await db.kysely.selectFrom('sessions').selectAll().where('user_id', '=', row.user_id).execute(),
    ).toEqual([]);
    const missing = io();
    expect(
      await runCli(
        ['user', 'reset-password', '--email', 'ghost@example.com', '--password', 'Nouvelle-Cle-Solide-5'],
        missing.cli,
        env,
      ),
    ).toBe(1);
    expect(missing.lines.err.join()).toMatch(/no user/);
  });

  it('explains unknown commands and missing options', async () => {
    const u = io();
    expect(await runCli(['user', 'create'], u.cli, env)).not.toBe(0);
    expect(u.lines.err.join()).toMatch(/--email/);
    expect(await runCli(['nope'], io().cli, env)).not.toBe(0);
  });

  it('refuses what the API would refuse: a bad email, an unknown locale', async () => {
    const bad = io();
    expect(
      await runCli(
        ['user', 'create', '--email', 'not an email', '--password', 'Autre-Cle-Forte-9'],
        bad.cli,
        env,
      ),
    ).toBe(1);
    expect(bad.lines.err.join()).toMatch(/email/);
    const locale = io();
    const args = [
      'user',
      'create',
      '--email',
      'l@example.com',
      '--locale',
      'de',
      '--password',
      'Autre-Cle-Forte-9',
    ];
    expect(await runCli(args, locale.cli, env)).toBe(1);
    expect(locale.lines.err.join()).toMatch(/locale/);
  });

  it('reads the password from piped input when --password is absent (the real process, end to end)', () => {
    const res = spawnSync(
      'npx',
      ['tsx', 'server/cli/main.ts', 'user', 'create', '--email', 'piped@example.com', '--role', 'viewer'],
      {
        input: 'Mot-De-Passe-Par-Tube-3\n',
        env: { ...process.env, DATABASE_URL: env.DATABASE_URL },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(res.stderr).not.toMatch(/error/);
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/created user \d+ <piped@example.com> as viewer/);
  });
});

// Carnet servers as child processes (the built server, as `npm start` runs it), and the bench's
// credentials for them.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Credentials } from '../server/auth/credentials.js';
import { DEFAULT_SECURITY } from '../server/config.js';
import { CrudService } from '../server/crud/crud.service.js';
import { SYSTEM_ACTOR } from '../server/crud/resource.js';
import type { Db } from '../server/db/connect.js';
import { users } from '../server/users/users.resource.js';

export const ADMIN_PASSWORD = 'Bench-Harbour-Tulip-42';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

// whatever happens to the bench, the servers it started stop with it
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) c.kill('SIGTERM');
});

export interface Server {
  url: string;
  /** the server process (its memory is read from /proc/<pid>/status) */
  pid: number;
  /** from spawn to the first 200 from /healthz */
  startMs: number;
  stop(): Promise<void>;
}

export async function startProcess(
  args: string[],
  env: Record<string, string>,
  readyPath = '/healthz',
): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof": Node flags for the measured servers
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env, PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.add(child);
  let exited = false;
  child.on('exit', () => {
    exited = true;
    children.delete(child);
  });
  for (;;) {
    if (exited) throw new Error(`${args.join(' ')} exited before answering`);
    try {
      const r = await fetch(url + readyPath, { signal: AbortSignal.timeout(1000) });
      if (r.status === 200) break;
    } catch {}
    if (performance.now() - t0 > 60_000) throw new Error(`${args.join(' ')} did not answer within 60 s`);
    await new Promise((r) => setTimeout(r, 5));
  }
  const startMs = performance.now() - t0;
  return {
    url,
    pid: child.pid as number,
    startMs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export const startCarnet = (databaseUrl: string, env: Record<string, string> = {}) =>
  startProcess(['dist/server/main.js'], {
    DATABASE_URL: databaseUrl,
    API_RATE_LIMIT_PER_MINUTE: '0',
    ...env,
  });

/** A new admin and an API token for it: the bench's credentials on a database. */
export async function benchAdmin(db: Db) {
  const { dto } = await new CrudService(users, db).create(
    {
      email: `bench.${Date.now().toString(36)}@example.com`,
      role: 'admin',
      password: ADMIN_PASSWORD,
      name: 'Bench',
    },
    SYSTEM_ACTOR,
  );
  const userId = dto.user_id as number;
  // a password typed for someone else must be changed at their first sign-in: the bench's browser
  // (bench/web-load.ts) signs in as this admin and must land on the dashboard, not that screen
  await db.kysely
    .updateTable('users')
    .set({ must_change_password: db.dialect === 'sqlite' ? 0 : false })
    .where('user_id', '=', userId)
    .execute();
  const { token } = await new Credentials(db, {
    idleMs: DEFAULT_SECURITY.sessionIdleMs,
    maxMs: DEFAULT_SECURITY.sessionMaxMs,
  }).createToken(userId, 'bench');
  return { userId, email: dto.email as string, headers: { authorization: `Bearer ${token}` } };
}

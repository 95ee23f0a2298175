// Carnet servers as child processes (the built server, as `npm start` runs it).
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

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
  const child: ChildProcess = spawn(process.execPath, args, {
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

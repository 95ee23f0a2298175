// What becomes of a running import when its server stops: SIGTERM ends the process within the
// shutdown timeout and records the job failed (server_stopped); SIGKILL leaves it running in the
// database, and another instance marks it failed within seconds.
import { connect as tcpConnect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { type FreshDatabase, freshDatabase } from '../test/dialects.js';
import { adminHeaders } from '../test/harness.js';
import { type ServerProcess, startServer } from '../test/server-process.js';

const SHUTDOWN_MS = 2000;
const STALE_MS = 3000;
const ROWS = 100_000;
/** the slack of a loaded machine */
const MARGIN_MS = 3000;

function bigCsv(tag: string): string {
  const lines = ['First Name,Last Name,Email,Company'];
  for (let i = 0; i < ROWS; i++) lines.push(`P${i},${tag},${tag}.${i}@example.com,${tag} Company ${i % 50}`);
  return lines.join('\n');
}

describe('imports when the server stops [sqlite]', () => {
  let fresh: FreshDatabase;
  let db: Db;
  let auth: Record<string, string>;
  const servers: ServerProcess[] = [];
  const env = () => ({
    DATABASE_URL: fresh.url,
    SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_MS),
    IMPORT_STALE_MS: String(STALE_MS),
  });
  beforeAll(async () => {
    fresh = await freshDatabase('sqlite');
    db = connect(fresh.url);
    await migrateToLatest(db);
    auth = await adminHeaders(db);
  });
  afterAll(async () => {
    for (const s of servers) s.child.kill('SIGKILL');
    await db?.destroy();
    await fresh?.drop();
  });

  const job = (id: number) =>
    db.kysely.selectFrom('imports').selectAll().where('import_id', '=', id).executeTakeFirstOrThrow();

  /** Sends a large file to the server; resolves once the job has committed its first batches. */
  async function importRunning(server: ServerProcess, tag: string): Promise<number> {
    const sent = await fetch(`${server.url}/api/v1/imports?entity=contacts`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/csv' },
      body: bigCsv(tag),
    });
    expect(sent.status, await sent.clone().text()).toBe(202);
    const id = ((await sent.json()) as { import_id: number }).import_id;
    for (let i = 0; i < 600; i++) {
      const row = await job(id);
      if (row.status === 'running' && Number(row.processed_rows) > 0) return id;
      expect(row.status).not.toMatch(/done|failed/);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`import ${id} did not start`);
  }

  /** An upload whose client stops sending halfway: a request that never ends by itself. */
  async function stalledUpload(server: ServerProcess) {
    const { port } = new URL(server.url);
    const socket = tcpConnect(Number(port), '127.0.0.1');
    socket.on('error', () => {});
    await new Promise((r) => socket.once('connect', r));
    socket.write(
      [
        'POST /api/v1/imports?entity=contacts HTTP/1.1',
        `Host: 127.0.0.1:${port}`,
        `Authorization: ${auth.authorization}`,
        'Content-Type: text/csv',
        'Content-Length: 10000000',
        '',
        'First Name,Last Name,Email\n',
      ].join('\r\n'),
    );
    await new Promise((r) => setTimeout(r, 300));
    return socket;
  }

  const exitWithin = (server: ServerProcess, ms: number) =>
    Promise.race([server.exited, new Promise((r) => setTimeout(() => r('still running'), ms))]);

  it('SIGTERM: the process exits within the shutdown timeout, even with an upload in flight, and the job is failed with server_stopped', async () => {
    const server = await startServer(env());
    servers.push(server);
    const id = await importRunning(server, 'Term');
    const upload = await stalledUpload(server);
    const t0 = Date.now();
    server.child.kill('SIGTERM');
    const code = await exitWithin(server, SHUTDOWN_MS + MARGIN_MS);
    const took = Date.now() - t0;
    upload.destroy();
    expect(code, server.output()).toBe(0);
    expect(took).toBeLessThan(SHUTDOWN_MS + MARGIN_MS);
    expect(await job(id)).toMatchObject({ status: 'failed', error_code: 'server_stopped', file_path: null });
  }, 60_000);

  it('a second signal exits at once', async () => {
    const server = await startServer({ ...env(), SHUTDOWN_TIMEOUT_MS: '60000' });
    servers.push(server);
    const upload = await stalledUpload(server);
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    expect(await Promise.race([server.exited, new Promise((r) => setTimeout(() => r('running'), 300))])).toBe(
      'running',
    );
    server.child.kill('SIGINT');
    const code = await exitWithin(server, 1500);
    upload.destroy();
    expect(code, server.output()).toBe(1);
  }, 60_000);

  it('SIGKILL: another instance marks the dead one’s running job failed within seconds', async () => {
    const [a, b] = await Promise.all([startServer(env()), startServer(env())]);
    servers.push(a, b);
    const id = await importRunning(a, 'Kill');
    const t0 = Date.now();
    a.child.kill('SIGKILL');
    await a.exited;
    let row = await job(id);
    while (row.status === 'running' && Date.now() - t0 < 15_000) {
      await new Promise((r) => setTimeout(r, 200));
      row = await job(id);
    }
    expect(row, b.output()).toMatchObject({ status: 'failed', error_code: 'server_stopped' });
    // neither before the job could be called stale, nor much after
    expect(Date.now() - t0).toBeGreaterThanOrEqual(STALE_MS - 1000);
    expect(Date.now() - t0).toBeLessThan(15_000);
    b.child.kill('SIGTERM');
    expect(await b.exited).toBe(0);
  }, 60_000);
});

// Several Carnet instances on one PostgreSQL or MariaDB behind HAProxy (health checks on /readyz),
// with Redis for the shared rate limits and, on PostgreSQL, PgBouncer in transaction mode between
// the instances and the database. Used by server/test/lb.test.ts, and runnable by hand:
//
//   npm run build
//   npx tsx scripts/lb/cluster.ts --database postgres://postgres@127.0.0.1:5432/carnet_lb \
//     [--instances 3] [--port 3400] [--redis redis://127.0.0.1:6379] [--no-pgbouncer] [--from-source]
//
// Ports: the load balancer on --port, PgBouncer on --port+1, the instances on --port+10 onwards.
// HAProxy and PgBouncer come from Debian: apt-get install haproxy pgbouncer.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ClusterOptions {
  /** the database itself: postgres://… or mysql://… */
  databaseUrl: string;
  instances?: number;
  /** the load balancer's port; PgBouncer takes the next one, instances basePort+10 onwards */
  basePort?: number;
  redisUrl?: string;
  /** PostgreSQL through PgBouncer in transaction mode (default: on for PostgreSQL) */
  pgbouncer?: boolean;
  /** more variables for every instance */
  env?: Record<string, string>;
  /** how an instance is run: the built server by default, or the sources through tsx */
  fromSource?: boolean;
  log?: (line: string) => void;
}

export interface Instance {
  name: string;
  port: number;
  url: string;
  child: ChildProcess | null;
  exited: Promise<number | null>;
  output: string;
}

export const findExecutable = (name: string): string | null => {
  for (const dir of ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin'])
    if (existsSync(join(dir, name))) return join(dir, name);
  return null;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function answers(url: string, timeoutMs = 1000): Promise<number> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(timeoutMs) })).status;
  } catch {
    return 0;
  }
}

export class Cluster {
  readonly url: string;
  readonly instances: Instance[] = [];
  /** what the instances use as DATABASE_URL (PgBouncer's address when it is in front) */
  readonly appDatabaseUrl: string;
  private readonly dir: string;
  private readonly helpers: ChildProcess[] = [];
  private readonly opts: Required<Omit<ClusterOptions, 'redisUrl' | 'log'>> &
    Pick<ClusterOptions, 'redisUrl' | 'log'>;

  constructor(options: ClusterOptions) {
    const postgres = /^postgres(ql)?:/.test(options.databaseUrl);
    this.opts = {
      instances: 3,
      basePort: 3400,
      pgbouncer: postgres,
      env: {},
      fromSource: false,
      ...options,
    };
    if (this.opts.pgbouncer && !postgres) throw new Error('PgBouncer is for PostgreSQL only');
    this.url = `http://127.0.0.1:${this.opts.basePort}`;
    this.dir = mkdtempSync(join(tmpdir(), 'carnet-lb-'));
    // PgBouncer drops root for `nobody` and must still read its files
    chmodSync(this.dir, 0o755);
    const direct = new URL(this.opts.databaseUrl);
    if (this.opts.pgbouncer) {
      const viaBouncer = new URL(this.opts.databaseUrl);
      viaBouncer.host = `127.0.0.1:${this.opts.basePort + 1}`;
      this.appDatabaseUrl = viaBouncer.toString();
    } else this.appDatabaseUrl = direct.toString();
    for (let i = 0; i < this.opts.instances; i++) {
      const port = this.opts.basePort + 10 + i;
      this.instances.push({
        name: `carnet${i + 1}`,
        port,
        url: `http://127.0.0.1:${port}`,
        child: null,
        exited: Promise.resolve(null),
        output: '',
      });
    }
  }

  private log(line: string) {
    this.opts.log?.(line);
  }

  /** PgBouncer (PostgreSQL), every instance at once (they migrate once between them), HAProxy. */
  async start() {
    if (this.opts.pgbouncer) await this.startPgbouncer();
    await Promise.all(this.instances.map((_, i) => this.startInstance(i)));
    await this.startHaproxy();
    await this.waitBalanced();
  }

  private spawnHelper(cmd: string, args: string[], name: string) {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout?.on('data', (b) => (out += b));
    child.stderr?.on('data', (b) => (out += b));
    child.on('exit', (code) => {
      if (!this.stopping) this.log(`${name} exited (${code}):\n${out}`);
    });
    this.helpers.push(child);
    return child;
  }

  private async startPgbouncer() {
    const bin = findExecutable('pgbouncer');
    if (!bin) throw new Error('pgbouncer is not installed (apt-get install pgbouncer)');
    const db = new URL(this.opts.databaseUrl);
    const user = decodeURIComponent(db.username || 'postgres');
    writeFileSync(join(this.dir, 'userlist.txt'), `"${user}" "${decodeURIComponent(db.password)}"\n`);
    const ini = [
      '[databases]',
      `* = host=${db.hostname} port=${db.port || 5432}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${this.opts.basePort + 1}`,
      'unix_socket_dir =',
      // the database checks passwords; this test setup's server trusts loopback
      'auth_type = trust',
      `auth_file = ${join(this.dir, 'userlist.txt')}`,
      'pool_mode = transaction',
      'max_client_conn = 500',
      'default_pool_size = 20',
      // pg sends statement_timeout at connection: set it on the database or role instead (docs)
      'ignore_startup_parameters = extra_float_digits,statement_timeout',
      'server_reset_query =',
    ].join('\n');
    const config = join(this.dir, 'pgbouncer.ini');
    writeFileSync(config, `${ini}\n`);
    // PgBouncer refuses to run as root: it switches to an unprivileged user then
    const asRoot = process.getuid?.() === 0;
    this.spawnHelper(bin, asRoot ? ['-u', 'nobody', config] : [config], 'pgbouncer');
    await this.waitPort(this.opts.basePort + 1, 'pgbouncer');
  }

  private async startHaproxy() {
    const bin = findExecutable('haproxy');
    if (!bin) throw new Error('haproxy is not installed (apt-get install haproxy)');
    const cfg = [
      'global',
      '  maxconn 1000',
      // `show stat` tells which servers HAProxy has marked up
      `  stats socket ${join(this.dir, 'haproxy.sock')} mode 600 level operator`,
      'defaults',
      '  mode http',
      '  timeout connect 2s',
      '  timeout client 30s',
      '  timeout server 30s',
      // a request whose connection was refused (an instance just died) goes to another instance;
      // nothing that reached an instance is sent twice (retry-on stays conn-failure)
      '  retries 3',
      '  option redispatch 1',
      '  option forwardfor',
      '  option http-server-close',
      'frontend carnet',
      `  bind 127.0.0.1:${this.opts.basePort}`,
      // one id per request, replacing whatever a client sent; Carnet trusts it (TRUST_PROXY)
      '  unique-id-format %[uuid()]',
      '  http-request set-header X-Request-Id %[unique-id]',
      '  default_backend carnet',
      'backend carnet',
      '  balance roundrobin',
      '  option httpchk GET /readyz',
      '  http-check expect status 200',
      // a dead instance refuses the check at once: out after 3 s; a busy one gets 2 s to answer
      '  timeout check 2s',
      '  default-server inter 1s fall 3 rise 2',
      ...this.instances.map((s) => `  server ${s.name} 127.0.0.1:${s.port} check`),
    ].join('\n');
    const config = join(this.dir, 'haproxy.cfg');
    writeFileSync(config, `${cfg}\n`);
    execFileSync(bin, ['-c', '-q', '-f', config]);
    this.spawnHelper(bin, ['-db', '-f', config], 'haproxy');
    await this.waitPort(this.opts.basePort, 'haproxy');
  }

  private async waitPort(port: number, name: string) {
    const { connect } = await import('node:net');
    for (let i = 0; i < 100; i++) {
      const ok = await new Promise<boolean>((resolve) => {
        const s = connect(port, '127.0.0.1');
        s.on('connect', () => {
          s.destroy();
          resolve(true);
        });
        s.on('error', () => resolve(false));
      });
      if (ok) return;
      await sleep(100);
    }
    throw new Error(`${name} does not listen on ${port}`);
  }

  /** the variables every instance gets */
  instanceEnv(i: number): Record<string, string> {
    const s = this.instances[i] as Instance;
    return {
      DATABASE_URL: this.appDatabaseUrl,
      // the migration lock is a session lock: migrations go to the database itself, not the pooler
      DATABASE_MIGRATION_URL: this.opts.databaseUrl,
      ...(this.opts.pgbouncer ? { DATABASE_PREPARED_STATEMENTS: 'false' } : {}),
      ...(this.opts.redisUrl ? { REDIS_URL: this.opts.redisUrl } : {}),
      HOST: '127.0.0.1',
      PORT: String(s.port),
      PUBLIC_URL: this.url,
      TRUST_PROXY: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...this.opts.env,
    };
  }

  /** Starts instance i (again); resolves once it is ready. */
  async startInstance(i: number, startWithinMs = 90_000) {
    const s = this.instances[i] as Instance;
    if (s.child && s.child.exitCode === null && s.child.signalCode === null)
      throw new Error(`${s.name} is running`);
    const args = this.opts.fromSource
      ? ['--import', 'tsx', 'server/main.ts']
      : [join('dist', 'server', 'main.js')];
    if (!this.opts.fromSource && !existsSync(join(ROOT, args[0] as string)))
      throw new Error('dist/server/main.js is missing: npm run build');
    const env: Record<string, string | undefined> = { ...process.env, ...this.instanceEnv(i) };
    // the test runner's own database variables are not the instance's business
    for (const k of Object.keys(env)) if (k.startsWith('TEST_') || k.startsWith('VITEST')) delete env[k];
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    s.child = child;
    s.output = '';
    child.stdout?.on('data', (b) => (s.output += b));
    child.stderr?.on('data', (b) => (s.output += b));
    s.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    const t0 = Date.now();
    while ((await answers(`${s.url}/readyz`)) !== 200) {
      if (child.exitCode !== null) throw new Error(`${s.name} exited (${child.exitCode}):\n${s.output}`);
      if (Date.now() - t0 > startWithinMs) throw new Error(`${s.name} not ready in time:\n${s.output}`);
      await sleep(100);
    }
    this.log(`${s.name} ready on ${s.url}`);
  }

  /** SIGKILL (a crash) or SIGTERM (a stop); resolves when the process is gone. */
  async stopInstance(i: number, signal: NodeJS.Signals) {
    const s = this.instances[i] as Instance;
    if (!s.child || s.child.exitCode !== null || s.child.signalCode !== null) return null;
    s.child.kill(signal);
    const code = await s.exited;
    this.log(`${s.name} ${signal}: exit ${code}`);
    return code;
  }

  /** Each server's state as HAProxy's health checks see it: UP, DOWN, … (its stats socket). */
  async serverStates(): Promise<Record<string, string>> {
    const { connect } = await import('node:net');
    const csv = await new Promise<string>((resolve, reject) => {
      let out = '';
      const s = connect(join(this.dir, 'haproxy.sock'));
      s.on('connect', () => s.write('show stat\n'));
      s.on('data', (b) => (out += b));
      s.on('end', () => resolve(out));
      s.on('error', reject);
    });
    const states: Record<string, string> = {};
    const [head, ...rows] = csv.replace(/^# /, '').trim().split('\n');
    const cols = (head ?? '').split(',');
    const at = (name: string) => cols.indexOf(name);
    for (const row of rows) {
      const f = row.split(',');
      if (f[at('pxname')] === 'carnet' && !['FRONTEND', 'BACKEND'].includes(f[at('svname')] as string))
        states[f[at('svname')] as string] = f[at('status')] as string;
    }
    return states;
  }

  /** Until HAProxy has marked every instance up (its /readyz answered, `rise` times). */
  async waitBalanced(timeoutMs = 30_000) {
    const t0 = Date.now();
    let states: Record<string, string> = {};
    while (Date.now() - t0 < timeoutMs) {
      states = await this.serverStates().catch(() => ({}));
      if (this.instances.every((s) => states[s.name] === 'UP')) return;
      await sleep(200);
    }
    throw new Error(`HAProxy has not marked every instance up: ${JSON.stringify(states)}`);
  }

  private stopping = false;

  async stop() {
    this.stopping = true;
    await Promise.all(this.instances.map((_, i) => this.stopInstance(i, 'SIGTERM')));
    for (const h of this.helpers) if (h.exitCode === null) h.kill('SIGTERM');
    await Promise.all(
      this.helpers.map((h) => (h.exitCode !== null ? null : new Promise((r) => h.once('exit', r)))),
    );
    rmSync(this.dir, { recursive: true, force: true });
  }
}

// --- by hand: runs until Ctrl-C -------------------------------------------------------------
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const databaseUrl = arg('database') ?? process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error(
      'usage: npx tsx scripts/lb/cluster.ts --database postgres://… [--instances 3] [--port 3400]',
    );
    process.exit(2);
  }
  const cluster = new Cluster({
    databaseUrl,
    instances: Number(arg('instances') ?? 3),
    basePort: Number(arg('port') ?? 3400),
    redisUrl: arg('redis') ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    ...(process.argv.includes('--no-pgbouncer') ? { pgbouncer: false } : {}),
    fromSource: process.argv.includes('--from-source'),
    log: (l) => console.log(l),
  });
  const stop = () => cluster.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  cluster.start().then(
    () => console.log(`Carnet behind HAProxy on ${cluster.url} (Ctrl-C stops everything)`),
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      void cluster.stop().then(() => process.exit(1));
    },
  );
}

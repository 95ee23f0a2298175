import { networkInterfaces } from 'node:os';
import { config as loadDotenv } from 'dotenv';
import { parseEvery } from './backup/every.js';
import { type CountryCode, countryCode, DEFAULT_COUNTRY } from './lib/phone.js';

// the names a browser on this machine reaches a loopback or wildcard listener under
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

export type DialectName = 'sqlite' | 'postgres' | 'mysql';
export type Locale = 'fr' | 'en';

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  /**
   * DATABASE_MIGRATION_URL: where migrations run (default DATABASE_URL). Behind a pooler in
   * transaction mode, the database itself: the migration lock is a session-level lock.
   */
  readonly migrationUrl: string;
  /** named (PostgreSQL) / cached (SQLite) prepared statements; DATABASE_PREPARED_STATEMENTS=false turns them off */
  readonly preparedStatements: boolean;
  readonly databaseTimeouts: DatabaseTimeouts;
  /** the longest a stop (SIGTERM, SIGINT) takes before the process exits anyway */
  readonly shutdownTimeoutMs: number;
  /** a queued or running import whose heartbeat is older than this has lost its process */
  readonly importStaleMs: number;
  readonly logLevel: string;
  readonly defaultLocale: Locale;
  /** CRM_DEFAULT_COUNTRY: the region phone numbers written without a country code are read in */
  readonly defaultCountry: CountryCode;
  /** ISO 4217 code the web app shows money in */
  readonly currency: string;
  readonly adminEmail: string | undefined;
  readonly adminPassword: string | undefined;
  readonly sessionSecret: string | undefined;
  /** METRICS_TOKEN: the bearer token GET /metrics requires; unset, there is no /metrics */
  readonly metricsToken: string | undefined;
  readonly security: SecurityConfig;
  readonly imports: ImportConfig;
  readonly mail: MailConfig;
  readonly backup: BackupConfig;
}

export interface BackupConfig {
  /** BACKUP_DIR: where scheduled backups are written; unset, there are none */
  readonly dir: string | undefined;
  /** BACKUP_EVERY (6h, 30m, 1d): the time between two scheduled backups, across all instances */
  readonly everyMs: number;
  /** BACKUP_KEEP: how many scheduled backups are kept in BACKUP_DIR; older ones are deleted */
  readonly keep: number;
}

export const DEFAULT_BACKUP: BackupConfig = Object.freeze({
  dir: undefined,
  everyMs: 24 * 3600_000,
  keep: 7,
});

export interface MailConfig {
  /** SMTP_URL: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://host:465; unset: no mail */
  readonly smtpUrl: string | undefined;
  /** MAIL_FROM: the sender of invitations and password resets */
  readonly from: string;
}

export const DEFAULT_MAIL_FROM = 'Carnet <carnet@localhost>';

export interface ImportConfig {
  /** import jobs running at once in one instance, each reading its file in a worker thread; the rest wait */
  readonly concurrency: number;
  /** data rows one import file may have */
  readonly maxRows: number;
}

export const DEFAULT_IMPORTS: ImportConfig = Object.freeze({ concurrency: 2, maxRows: 1_000_000 });

export interface SecurityConfig {
  /** Fastify's trustProxy: true, a hop count, or addresses; decides https (Secure cookies) and client IPs */
  readonly trustProxy: boolean | number | string;
  readonly sessionIdleMs: number;
  readonly sessionMaxMs: number;
  /** requests a minute per token, user or (signed out) address; 0 turns the limit off */
  readonly apiRatePerMinute: number;
  readonly loginMaxFailuresPerAccount: number;
  readonly loginMaxFailuresPerIp: number;
  readonly loginWindowMs: number;
  /**
   * The origins whose pages may send cookie-authenticated writes: PUBLIC_URL's (or, without it, the
   * addresses the server listens on) and CRM_ALLOWED_ORIGINS. Lower case, no trailing slash.
   */
  readonly publicOrigins: readonly string[];
  readonly redisUrl: string | undefined;
  /** a Redis command not answered within this fails, and the limiter counts in memory instead */
  readonly redisTimeoutMs: number;
  /** after Redis failed, how long to count in memory before trying it again */
  readonly redisRetryMs: number;
}

export interface DatabaseTimeouts {
  /** the longest wait for a connection, from the pool or newly opened; 0: none */
  readonly connectMs: number;
  /** the longest one statement may take (PostgreSQL, MySQL/MariaDB); 0: none */
  readonly statementMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = Object.freeze({
  connectMs: 5_000,
  statementMs: 15_000,
});
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;
export const DEFAULT_IMPORT_STALE_MS = 10_000;

export const DEFAULT_SECURITY: SecurityConfig = Object.freeze({
  trustProxy: false,
  sessionIdleMs: 24 * 3600_000,
  sessionMaxMs: 14 * 24 * 3600_000,
  apiRatePerMinute: 1200,
  loginMaxFailuresPerAccount: 10,
  loginMaxFailuresPerIp: 50,
  loginWindowMs: 15 * 60_000,
  publicOrigins: defaultOrigins('127.0.0.1', 3000),
  redisUrl: undefined,
  redisTimeoutMs: 200,
  redisRetryMs: 15_000,
});

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

/** Parses the environment once; lists every problem instead of stopping at the first. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, readDotenv = true): Config {
  if (readDotenv) loadDotenv({ quiet: true });
  const problems: string[] = [];
  // an empty PORT= (as .env files often have) means the default, not port 0 (a random one)
  const port = Number(env.PORT?.trim() || 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`PORT must be 0–65535, got "${env.PORT}"`);
  const databaseUrl = env.DATABASE_URL?.trim() || 'sqlite:./data/crm.db';
  try {
    dialectOf(databaseUrl);
  } catch (error) {
    problems.push((error as Error).message);
  }
  const migrationUrl = env.DATABASE_MIGRATION_URL?.trim() || databaseUrl;
  if (migrationUrl !== databaseUrl) {
    let same = false;
    try {
      same = dialectOf(migrationUrl) === dialectOf(databaseUrl);
    } catch {}
    if (!same)
      problems.push(
        'DATABASE_MIGRATION_URL must name the same kind of database as DATABASE_URL (postgres:// or mysql://)',
      );
  }
  const preparedRaw = env.DATABASE_PREPARED_STATEMENTS?.trim().toLowerCase() || 'true';
  if (!['true', 'false', '1', '0'].includes(preparedRaw))
    problems.push(
      `DATABASE_PREPARED_STATEMENTS must be true or false, got "${env.DATABASE_PREPARED_STATEMENTS}"`,
    );
  const preparedStatements = preparedRaw === 'true' || preparedRaw === '1';
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const defaultLocale = (env.CRM_DEFAULT_LOCALE ?? 'fr') as Locale;
  if (defaultLocale !== 'fr' && defaultLocale !== 'en') problems.push('CRM_DEFAULT_LOCALE must be fr or en');
  const countryRaw = env.CRM_DEFAULT_COUNTRY?.trim() || DEFAULT_COUNTRY;
  const defaultCountry = countryCode(countryRaw) ?? DEFAULT_COUNTRY;
  if (countryCode(countryRaw) === null)
    problems.push(
      `CRM_DEFAULT_COUNTRY must be an ISO 3166 alpha-2 country code such as FR, BE, CH or US, got "${env.CRM_DEFAULT_COUNTRY}"`,
    );
  const num = (name: string, fallback: number, min = 0) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min) {
      problems.push(`${name} must be a number ≥ ${min}, got "${raw}"`);
      return fallback;
    }
    return n;
  };
  const host = env.HOST ?? '127.0.0.1';
  const origin = (raw: string, name: string) => {
    try {
      const u = new URL(raw.trim());
      if (u.protocol === 'http:' || u.protocol === 'https:') return u.origin;
    } catch {}
    problems.push(`${name} must be http(s) URLs such as https://crm.example.com, got "${raw.trim()}"`);
    return null;
  };
  const publicUrl = env.PUBLIC_URL?.trim() ? origin(env.PUBLIC_URL, 'PUBLIC_URL') : null;
  const allowed = (env.CRM_ALLOWED_ORIGINS ?? '')
    .split(',')
    .filter((o) => o.trim())
    .map((o) => origin(o, 'CRM_ALLOWED_ORIGINS'))
    .filter((o): o is string => o !== null);
  const trustRaw = env.TRUST_PROXY?.trim();
  const trustProxy =
    !trustRaw || trustRaw === 'false'
      ? false
      : trustRaw === 'true'
        ? true
        : /^\d+$/.test(trustRaw)
          ? Number(trustRaw)
          : trustRaw;
  const security: SecurityConfig = Object.freeze({
    trustProxy,
    sessionIdleMs: num('SESSION_IDLE_HOURS', 24, 0.01) * 3600_000,
    sessionMaxMs: num('SESSION_MAX_DAYS', 14, 0.01) * 24 * 3600_000,
    apiRatePerMinute: num('API_RATE_LIMIT_PER_MINUTE', DEFAULT_SECURITY.apiRatePerMinute),
    loginMaxFailuresPerAccount: num(
      'LOGIN_MAX_FAILURES_PER_ACCOUNT',
      DEFAULT_SECURITY.loginMaxFailuresPerAccount,
      1,
    ),
    loginMaxFailuresPerIp: num('LOGIN_MAX_FAILURES_PER_IP', DEFAULT_SECURITY.loginMaxFailuresPerIp, 1),
    loginWindowMs: num('LOGIN_WINDOW_MINUTES', 15, 1) * 60_000,
    publicOrigins: [...new Set([...(publicUrl ? [publicUrl] : defaultOrigins(host, port)), ...allowed])],
    redisUrl: env.REDIS_URL || undefined,
    redisTimeoutMs: num('REDIS_TIMEOUT_MS', DEFAULT_SECURITY.redisTimeoutMs, 1),
    redisRetryMs: num('REDIS_RETRY_SECONDS', DEFAULT_SECURITY.redisRetryMs / 1000, 1) * 1000,
  });
  const databaseTimeouts: DatabaseTimeouts = Object.freeze({
    connectMs: num('DATABASE_CONNECT_TIMEOUT_MS', DEFAULT_DATABASE_TIMEOUTS.connectMs),
    statementMs: num('DATABASE_STATEMENT_TIMEOUT_MS', DEFAULT_DATABASE_TIMEOUTS.statementMs),
  });
  const shutdownTimeoutMs = num('SHUTDOWN_TIMEOUT_MS', DEFAULT_SHUTDOWN_TIMEOUT_MS, 100);
  // below a second, a busy instance's heartbeat could be late and its jobs taken for dead
  const importStaleMs = num('IMPORT_STALE_MS', DEFAULT_IMPORT_STALE_MS, 1000);
  const imports: ImportConfig = Object.freeze({
    concurrency: Math.floor(num('IMPORT_CONCURRENCY', DEFAULT_IMPORTS.concurrency, 1)),
    maxRows: Math.floor(num('IMPORT_MAX_ROWS', DEFAULT_IMPORTS.maxRows, 1)),
  });
  const smtpUrl = env.SMTP_URL?.trim() || undefined;
  if (smtpUrl !== undefined) {
    let protocol = '';
    try {
      protocol = new URL(smtpUrl).protocol;
    } catch {}
    if (protocol !== 'smtp:' && protocol !== 'smtps:')
      problems.push(
        'SMTP_URL must be an smtp:// or smtps:// URL such as smtp://user:password@mail.example.com:587',
      );
  }
  const mail: MailConfig = Object.freeze({ smtpUrl, from: env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM });
  const currency = (env.CRM_CURRENCY ?? 'EUR').trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency))
    problems.push(`CRM_CURRENCY must be a 3-letter ISO 4217 code, got "${env.CRM_CURRENCY}"`);
  const everyRaw = env.BACKUP_EVERY?.trim();
  const everyMs = everyRaw ? parseEvery(everyRaw) : DEFAULT_BACKUP.everyMs;
  if (everyMs === null || everyMs < 60_000)
    problems.push(
      `BACKUP_EVERY must be a duration of at least a minute such as 30m, 6h or 1d, got "${everyRaw}"`,
    );
  const backup: BackupConfig = Object.freeze({
    dir: env.BACKUP_DIR?.trim() || undefined,
    everyMs: everyMs ?? DEFAULT_BACKUP.everyMs,
    keep: Math.floor(num('BACKUP_KEEP', DEFAULT_BACKUP.keep, 1)),
  });
  const metricsToken = env.METRICS_TOKEN?.trim() || undefined;
  if (metricsToken !== undefined && !/^[!-~]{16,200}$/.test(metricsToken))
    problems.push('METRICS_TOKEN must be 16–200 printable characters without spaces (a long random string)');
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    currency,
    port,
    host,
    databaseUrl,
    migrationUrl,
    preparedStatements,
    databaseTimeouts,
    shutdownTimeoutMs,
    importStaleMs,
    logLevel,
    defaultLocale,
    defaultCountry,
    adminEmail: env.CRM_ADMIN_EMAIL || undefined,
    adminPassword: env.CRM_ADMIN_PASSWORD || undefined,
    sessionSecret: env.SESSION_SECRET || undefined,
    metricsToken,
    security,
    imports,
    mail,
    backup,
  });
}

/**
 * Without PUBLIC_URL, the origins a browser can reach the server under as it listens: the
 * loopback names for a loopback or wildcard address (plus each interface's address for a wildcard),
 * the address itself otherwise. Behind a proxy or a DNS name, PUBLIC_URL says the real one.
 */
export function defaultOrigins(host: string, port: number): string[] {
  const hosts = new Set<string>();
  const wildcard = host === '0.0.0.0' || host === '::' || host === '';
  if (wildcard || LOOPBACK.includes(host) || host === '::1') for (const h of LOOPBACK) hosts.add(h);
  else hosts.add(host.includes(':') ? `[${host}]` : host);
  if (wildcard) {
    for (const list of Object.values(networkInterfaces()))
      for (const a of list ?? []) hosts.add(a.family === 'IPv6' ? `[${a.address}]` : a.address);
  }
  return [...hosts].map((h) => `http://${h.toLowerCase()}${port === 80 ? '' : `:${port}`}`);
}

export function dialectOf(databaseUrl: string): DialectName {
  if (databaseUrl.startsWith('sqlite:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return 'postgres';
  if (/^(mysql|mariadb):\/\//.test(databaseUrl)) return 'mysql';
  throw new Error(`DATABASE_URL must start with sqlite:, postgres:// or mysql://, got "${databaseUrl}"`);
}

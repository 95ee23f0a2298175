import { config as loadDotenv } from 'dotenv';

export type DialectName = 'sqlite' | 'postgres' | 'mysql';
export type Locale = 'fr' | 'en';

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  /** named (PostgreSQL) / cached (SQLite) prepared statements; DATABASE_PREPARED_STATEMENTS=false turns them off */
  readonly preparedStatements: boolean;
  readonly logLevel: string;
  readonly defaultLocale: Locale;
  /** ISO 4217 code the web app shows money in */
  readonly currency: string;
  readonly adminEmail: string | undefined;
  readonly adminPassword: string | undefined;
  readonly sessionSecret: string | undefined;
  readonly security: SecurityConfig;
  readonly imports: ImportConfig;
}

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
  /** origins besides the app's own that may send cookie-authenticated writes */
  readonly allowedOrigins: string[];
  readonly redisUrl: string | undefined;
}

export const DEFAULT_SECURITY: SecurityConfig = Object.freeze({
  trustProxy: false,
  sessionIdleMs: 24 * 3600_000,
  sessionMaxMs: 14 * 24 * 3600_000,
  apiRatePerMinute: 1200,
  loginMaxFailuresPerAccount: 10,
  loginMaxFailuresPerIp: 50,
  loginWindowMs: 15 * 60_000,
  allowedOrigins: [],
  redisUrl: undefined,
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
    allowedOrigins: (env.CRM_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim().replace(/\/$/, ''))
      .filter(Boolean),
    redisUrl: env.REDIS_URL || undefined,
  });
  const imports: ImportConfig = Object.freeze({
    concurrency: Math.floor(num('IMPORT_CONCURRENCY', DEFAULT_IMPORTS.concurrency, 1)),
    maxRows: Math.floor(num('IMPORT_MAX_ROWS', DEFAULT_IMPORTS.maxRows, 1)),
  });
  const currency = (env.CRM_CURRENCY ?? 'EUR').trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency))
    problems.push(`CRM_CURRENCY must be a 3-letter ISO 4217 code, got "${env.CRM_CURRENCY}"`);
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    currency,
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl,
    preparedStatements,
    logLevel,
    defaultLocale,
    adminEmail: env.CRM_ADMIN_EMAIL || undefined,
    adminPassword: env.CRM_ADMIN_PASSWORD || undefined,
    sessionSecret: env.SESSION_SECRET || undefined,
    security,
    imports,
  });
}

export function dialectOf(databaseUrl: string): DialectName {
  if (databaseUrl.startsWith('sqlite:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return 'postgres';
  if (/^(mysql|mariadb):\/\//.test(databaseUrl)) return 'mysql';
  throw new Error(`DATABASE_URL must start with sqlite:, postgres:// or mysql://, got "${databaseUrl}"`);
}

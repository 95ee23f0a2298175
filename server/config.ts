import { config as loadDotenv } from 'dotenv';

export type DialectName = 'sqlite' | 'postgres' | 'mysql';
export type Locale = 'fr' | 'en';

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly logLevel: string;
  readonly defaultLocale: Locale;
  readonly adminEmail: string | undefined;
  readonly adminPassword: string | undefined;
  readonly sessionSecret: string | undefined;
}

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
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`PORT must be 0–65535, got "${env.PORT}"`);
  const databaseUrl = env.DATABASE_URL?.trim() || 'sqlite:./data/crm.db';
  try {
    dialectOf(databaseUrl);
  } catch (error) {
    problems.push((error as Error).message);
  }
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const defaultLocale = (env.CRM_DEFAULT_LOCALE ?? 'fr') as Locale;
  if (defaultLocale !== 'fr' && defaultLocale !== 'en') problems.push('CRM_DEFAULT_LOCALE must be fr or en');
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl,
    logLevel,
    defaultLocale,
    adminEmail: env.CRM_ADMIN_EMAIL || undefined,
    adminPassword: env.CRM_ADMIN_PASSWORD || undefined,
    sessionSecret: env.SESSION_SECRET || undefined,
  });
}

export function dialectOf(databaseUrl: string): DialectName {
  if (databaseUrl.startsWith('sqlite:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return 'postgres';
  if (/^(mysql|mariadb):\/\//.test(databaseUrl)) return 'mysql';
  throw new Error(`DATABASE_URL must start with sqlite:, postgres:// or mysql://, got "${databaseUrl}"`);
}

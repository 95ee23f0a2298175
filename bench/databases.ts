// Where each dialect's benchmark database lives, and how it is (re)created.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createConnection } from 'mysql2/promise';
import pg from 'pg';
import type { DialectName } from '../server/config.js';

export interface BenchTarget {
  dialect: DialectName;
  /** the DATABASE_URL of the benchmark database */
  url: string;
  /** a readable name for the report */
  label: string;
  exists(): Promise<boolean>;
  recreate(): Promise<void>;
  drop(): Promise<void>;
}

const PG_SERVER = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MYSQL_SERVER = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/mysql';

function withDatabase(serverUrl: string, name: string) {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** scale 0.01 → "0_01": one database per scale, so a CI-sized run never clobbers a full one */
const suffix = (scale: number) => String(scale).replace(/[^0-9]/g, '_');

export const target = (dialect: DialectName, scale: number) =>
  namedTarget(dialect, `carnet_bench_${suffix(scale)}`);

/** A database of that name on the bench's server (SQLite: a file in data/bench/). */
export function namedTarget(dialect: DialectName, name: string): BenchTarget {
  if (dialect === 'sqlite') {
    const path = resolve('data/bench', `${name}.db`);
    return {
      dialect,
      url: `sqlite:${path}`,
      label: path,
      exists: async () => existsSync(path),
      recreate: async () => {
        mkdirSync(dirname(path), { recursive: true });
        for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
      },
      drop: async () => {
        for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
      },
    };
  }
  if (dialect === 'postgres') {
    const admin = async <T>(fn: (c: pg.Client) => Promise<T>) => {
      const c = new pg.Client({ connectionString: PG_SERVER });
      await c.connect();
      try {
        return await fn(c);
      } finally {
        await c.end();
      }
    };
    return {
      dialect,
      url: withDatabase(PG_SERVER, name),
      label: `PostgreSQL database ${name}`,
      exists: () =>
        admin(
          async (c) => (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1,
        ),
      recreate: () =>
        admin(async (c) => {
          await c.query(`drop database if exists ${name} with (force)`);
          await c.query(`create database ${name}`);
        }),
      drop: () =>
        admin(async (c) => {
          await c.query(`drop database if exists ${name} with (force)`);
        }),
    };
  }
  const admin = async <T>(fn: (c: Awaited<ReturnType<typeof createConnection>>) => Promise<T>) => {
    const c = await createConnection(MYSQL_SERVER);
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  return {
    dialect,
    url: withDatabase(MYSQL_SERVER, name),
    label: `MariaDB database ${name}`,
    exists: () =>
      admin(async (c) => {
        const [rows] = await c.query('select 1 from information_schema.schemata where schema_name = ?', [
          name,
        ]);
        return (rows as unknown[]).length === 1;
      }),
    recreate: () =>
      admin(async (c) => {
        await c.query(`drop database if exists ${name}`);
        await c.query(`create database ${name} character set utf8mb4 collate utf8mb4_unicode_ci`);
      }),
    drop: () =>
      admin(async (c) => {
        await c.query(`drop database if exists ${name}`);
      }),
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import pg from 'pg';
import type { DialectName } from '../config.js';

/** SQLite always; PostgreSQL and MariaDB/MySQL when their URLs are set (CI sets both). */
export const DIALECTS: DialectName[] = [
  'sqlite',
  ...(process.env.TEST_POSTGRES_URL ? (['postgres'] as const) : []),
  ...(process.env.TEST_MYSQL_URL ? (['mysql'] as const) : []),
];

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

const uniqueName = () =>
  `carnet_t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;

function withDatabase(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A new, empty database of the given dialect, for one test file. */
export async function freshDatabase(dialect: DialectName): Promise<FreshDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'carnet-test-'));
    return {
      url: `sqlite:${join(dir, 'crm.db')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = uniqueName();
  if (dialect === 'postgres') {
    const server = process.env.TEST_POSTGRES_URL as string;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    return {
      url: withDatabase(server, name),
      drop: async () => {
        const c = new pg.Client({ connectionString: server });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const server = process.env.TEST_MYSQL_URL as string;
  const admin = await createConnection(server);
  await admin.query(`create database ${name} character set utf8mb4 collate utf8mb4_unicode_ci`);
  await admin.end();
  return {
    url: withDatabase(server, name),
    drop: async () => {
      const c = await createConnection(server);
      await c.query(`drop database if exists ${name}`);
      await c.end();
    },
  };
}

import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe } from 'vitest';
import { buildApp } from '../app.js';
import type { DialectName, Locale } from '../config.js';
import { connect, type Db } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { DIALECTS, type FreshDatabase, freshDatabase } from './dialects.js';

export interface TestContext {
  dialect: DialectName;
  app: FastifyInstance;
  db: Db;
  url: string;
  /** inject() with a JSON body and the parsed JSON response */
  api(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResponse>;
}

export interface ApiResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies freely
  body: any;
  headers: LightMyRequestResponse['headers'];
  raw: LightMyRequestResponse;
}

/**
 * Runs the suite once per dialect, each against its own fresh, migrated database and app.
 * Files are isolated from each other; tests inside a file share the database, so each test
 * makes the rows it needs (unique names) instead of relying on what another left.
 */
export function describeEachDialect(
  name: string,
  suite: (t: TestContext) => void,
  opts: { locale?: Locale } = {},
) {
  for (const dialect of DIALECTS) {
    describe(`${name} [${dialect}]`, () => {
      const t = { dialect } as TestContext;
      let fresh: FreshDatabase;
      beforeAll(async () => {
        fresh = await freshDatabase(dialect);
        t.url = fresh.url;
        t.db = connect(fresh.url);
        await migrateToLatest(t.db, opts.locale ?? 'fr');
        t.app = await buildApp({ config: { logLevel: 'silent' }, db: t.db });
        t.api = async (method, url, body, headers = {}) => {
          const raw = await t.app.inject({
            method,
            url,
            ...(body === undefined
              ? {}
              : {
                  payload: typeof body === 'string' ? body : JSON.stringify(body),
                  headers: { 'content-type': 'application/json', ...headers },
                }),
            ...(body === undefined ? { headers } : {}),
          });
          let parsed: unknown = raw.body;
          try {
            parsed = raw.body ? JSON.parse(raw.body) : undefined;
          } catch {}
          return { status: raw.statusCode, body: parsed, headers: raw.headers, raw };
        };
      });
      afterAll(async () => {
        await t.app?.close();
        await t.db?.destroy();
        await fresh?.drop();
      });
      suite(t);
    });
  }
}

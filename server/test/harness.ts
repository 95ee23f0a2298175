import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe } from 'vitest';
import { buildApp } from '../app.js';
import { Credentials } from '../auth/credentials.js';
import {
  DEFAULT_SECURITY,
  type DialectName,
  type Locale,
  type MailConfig,
  type SecurityConfig,
} from '../config.js';
import { CrudService } from '../crud/crud.service.js';
import { type Role, SYSTEM_ACTOR } from '../crud/resource.js';
import { connect, type Db } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { users } from '../users/users.resource.js';
import { DIALECTS, type FreshDatabase, freshDatabase } from './dialects.js';

export const TEST_PASSWORD = 'Plume-Verte-Orage-42';
/** the origin the harness's app trusts for cookie writes: inject()'s default host */
export const TEST_ORIGIN = 'http://localhost:80';

export interface ApiResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies freely
  body: any;
  headers: LightMyRequestResponse['headers'];
  raw: LightMyRequestResponse;
}

type Api = (
  method: InjectOptions['method'],
  url: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<ApiResponse>;

export interface Member {
  user_id: number;
  email: string;
  token: string;
  /** requests made with this user's API token */
  api: Api;
}

export interface TestContext {
  dialect: DialectName;
  app: FastifyInstance;
  db: Db;
  url: string;
  /** the administrator every `api` call acts as */
  admin: Member;
  /** inject() as the admin, with a JSON body, returning the parsed JSON; `authorization: ''` sends none */
  api: Api;
  /** the same, with no credentials at all */
  anon: Api;
  /** a new active user with that role, signed in by API token */
  member(role: Role): Promise<Member>;
}

/** An administrator and their API token on a migrated database, for tests that build their own app. */
export async function adminHeaders(db: Db): Promise<Record<string, string>> {
  const email = `admin.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;
  const { dto } = await new CrudService(users, db).create(
    { email, role: 'admin', password: TEST_PASSWORD },
    SYSTEM_ACTOR,
  );
  const { token } = await new Credentials(db, DEFAULT_POLICY).createToken(dto.user_id as number, 'test');
  return { authorization: `Bearer ${token}` };
}

const DEFAULT_POLICY = { idleMs: DEFAULT_SECURITY.sessionIdleMs, maxMs: DEFAULT_SECURITY.sessionMaxMs };

export interface HarnessOptions {
  locale?: Locale;
  security?: Partial<SecurityConfig>;
  /** SMTP_URL and MAIL_FROM; read when the app is built (after the file's own beforeAll hooks) */
  mail?: () => MailConfig;
}

/**
 * Runs the suite once per dialect, each against its own fresh, migrated database and app.
 * Files are isolated from each other; tests inside a file share the database, so each test
 * makes the rows it needs (unique names) instead of relying on what another left.
 */
export function describeEachDialect(
  name: string,
  suite: (t: TestContext) => void,
  opts: HarnessOptions = {},
) {
  for (const dialect of DIALECTS) {
    describe(`${name} [${dialect}]`, () => {
      const t = { dialect } as TestContext;
      let fresh: FreshDatabase;
      let n = 0;
      beforeAll(async () => {
        fresh = await freshDatabase(dialect);
        t.url = fresh.url;
        t.db = connect(fresh.url);
        await migrateToLatest(t.db, opts.locale ?? 'fr');
        // the rate limit is off unless a suite turns it on: parallel test files share no limiter anyway
        // inject() calls the app http://localhost:80; its writes name that origin
        const security = {
          ...DEFAULT_SECURITY,
          apiRatePerMinute: 0,
          publicOrigins: [TEST_ORIGIN],
          ...opts.security,
        };
        t.app = await buildApp({
          config: { logLevel: 'silent', security, ...(opts.mail ? { mail: opts.mail() } : {}) },
          db: t.db,
          sessionSecret: 'test-session-secret',
        });
        const userService = new CrudService(users, t.db);
        const credentials = new Credentials(t.db, {
          idleMs: security.sessionIdleMs,
          maxMs: security.sessionMaxMs,
        });
        const request =
          (token: string | null): Api =>
          async (method, url, body, headers = {}) => {
            const h: Record<string, string> = {
              ...(token ? { authorization: `Bearer ${token}` } : {}),
              ...headers,
            };
            if (h.authorization === '') delete h.authorization;
            if (body !== undefined) h['content-type'] ??= 'application/json';
            const raw = await t.app.inject({
              method,
              url,
              headers: h,
              ...(body === undefined
                ? {}
                : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
            });
            let parsed: unknown = raw.body;
            try {
              parsed = raw.body ? JSON.parse(raw.body) : undefined;
            } catch {}
            return { status: raw.statusCode, body: parsed, headers: raw.headers, raw };
          };
        t.member = async (role) => {
          const email = `${role}${++n}.${Date.now().toString(36)}@example.com`;
          const { dto } = await userService.create(
            { email, name: `${role} ${n}`, role, password: TEST_PASSWORD },
            SYSTEM_ACTOR,
          );
          const { token } = await credentials.createToken(dto.user_id as number, 'test');
          return { user_id: dto.user_id as number, email, token, api: request(token) };
        };
        t.admin = await t.member('admin');
        t.api = t.admin.api;
        t.anon = request(null);
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

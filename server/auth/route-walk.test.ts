// Deny by default, walked from outside: every route of Fastify's route table is asked for
// anonymously over real HTTP (the path sent byte for byte, as `curl --path-as-is` does), in every
// spelling a router, a proxy or a browser might read differently. Whether a request needs a user
// comes from the route that matched, so each spelling either reaches the route (401) or no route
// (404), or is refused as malformed (400), and none of them answers with data.
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RouteEntry } from '../app.js';
import { describeEachDialect } from '../test/harness.js';
import { fill, raw, spellings } from '../test/raw-http.js';

/** The routes anyone may call without signing in: a route is public only by being listed here. */
const PUBLIC = new Set([
  'GET /healthz',
  'GET /readyz',
  'POST /api/v1/auth/login',
  'GET /api/v1/setup',
  'POST /api/v1/setup',
  // forgotten passwords and invitation links: rate-limited per address, and answering alike for
  // every email (docs/security.md)
  'POST /api/v1/auth/password-reset',
  'GET /api/v1/auth/password-reset/check',
  'POST /api/v1/auth/password-reset/confirm',
  'GET /api/v1/openapi.json',
  'GET /api/docs',
  'GET /api/docs/*',
  // what each problem type means (server/http/problem-pages.ts): a problem's `type` resolves
  'GET /problems/:type',
  // the built web app's files, when the app serves them
  'GET /assets/*',
  'GET /favicon.svg',
  'GET /robots.txt',
]);
const key = (r: Pick<RouteEntry, 'method' | 'url'>) => `${r.method === 'HEAD' ? 'GET' : r.method} ${r.url}`;

describe('route spellings', () => {
  it('include the ones that read the whole CRM anonymously before', () => {
    const s = spellings('/api/v1/users');
    expect(s).toEqual(
      expect.arrayContaining(['/%61pi/v1/users', '/a%70i/v1/users', '/api/%761/users', '/api/v1/users/']),
    );
  });
});

describeEachDialect('every route, anonymously and in every spelling', (t) => {
  let base: AddressInfo;
  let secrets: string[];
  let routes: RouteEntry[];

  beforeAll(async () => {
    // records whose contents must never show in an anonymous answer
    const company = await t.api('POST', '/api/v1/companies', { name: 'Walk Secret Industries' });
    const contact = await t.api('POST', '/api/v1/contacts', {
      first_name: 'Walkie',
      last_name: 'Secretkeeper',
      email: `walk.secret.${t.dialect}@example.com`,
      company_id: company.body.company_id,
    });
    await t.api('POST', '/api/v1/interactions', {
      contact_id: contact.body.contact_id,
      type: 'call',
      notes: 'walk-secret-note',
    });
    secrets = ['Walk Secret Industries', 'Secretkeeper', 'walk-secret-note', t.admin.email];
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = t.app.server.address() as AddressInfo;
    routes = t.app.routeTable.filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS');
  });

  it('knows the routes it walks, and each public one is on the explicit list', () => {
    expect(routes.length).toBeGreaterThan(40);
    const marked = routes.filter((r) => r.config.public || r.config.bare).map(key);
    expect(marked.filter((k) => !PUBLIC.has(k))).toEqual([]);
    expect(routes.filter((r) => r.config.bare && !r.config.public).map(key)).toEqual([]);
  });

  it('answers 401 without data on every route that is not public', async () => {
    const wrong: string[] = [];
    for (const r of routes) {
      if (PUBLIC.has(key(r))) continue;
      const body = ['POST', 'PUT', 'PATCH'].includes(r.method) ? '{}' : undefined;
      const a = await raw(base, r.method, fill(r.url), body);
      if (a.status !== 401 || secrets.some((s) => a.body.includes(s)))
        wrong.push(`${r.method} ${r.url}: ${a.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('never answers with data to another spelling of a route', async () => {
    const wrong: string[] = [];
    let asked = 0;
    for (const r of routes) {
      if (PUBLIC.has(key(r))) continue;
      const body = ['POST', 'PUT', 'PATCH'].includes(r.method) ? '{}' : undefined;
      for (const path of spellings(fill(r.url))) {
        const a = await raw(base, r.method, path, body);
        asked++;
        // 405: the spelling is a path another method of a route takes (/companies/. is an :id)
        if (![400, 401, 404, 405].includes(a.status) || secrets.some((s) => a.body.includes(s)))
          wrong.push(`${r.method} ${path}: ${a.status} ${a.body.slice(0, 80)}`);
      }
    }
    expect(asked).toBeGreaterThan(1000);
    expect(wrong).toEqual([]);
  });

  it('refuses the exact requests of the report', async () => {
    for (const path of [
      '/%61pi/v1/users',
      '/a%70i/v1/contacts',
      '/api/%761/interactions',
      '/%61pi/v1/audit-events',
    ])
      expect((await raw(base, 'GET', path)).status).toBe(401);
    expect((await raw(base, 'HEAD', '/%61pi/v1/users')).status).toBe(401);
    const token = await raw(base, 'POST', '/%61pi/v1/api-tokens', '{"name":"x"}');
    expect(token.status).toBe(401);
    expect(JSON.parse(token.body).code).toBe('not_signed_in');
    // exports and personal data too
    for (const path of ['/%61pi/v1/contacts/export', '/api/v1/contacts/1/personal-dat%61'])
      expect((await raw(base, 'GET', path)).status).toBe(401);
  });
});

describeEachDialect(
  'the general rate limit, by route',
  (t) => {
    it('counts anonymous requests whatever the spelling of their path', async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const base = t.app.server.address() as AddressInfo;
      const statuses: number[] = [];
      for (const path of [
        '/%61pi/v1/users',
        '/a%70i/v1/contacts',
        '/api/%761/deals',
        '/API/v1/x',
        '/nowhere',
      ])
        for (let i = 0; i < 3; i++) statuses.push((await raw(base, 'GET', path)).status);
      expect(statuses.slice(0, 5).every((s) => s !== 429)).toBe(true);
      expect(statuses.slice(6)).toEqual(Array(statuses.length - 6).fill(429));
      // health probes are not counted: a load balancer's checks never lock anyone out
      expect((await raw(base, 'GET', '/healthz')).status).toBe(200);
    });
  },
  { security: { apiRatePerMinute: 6 } },
);

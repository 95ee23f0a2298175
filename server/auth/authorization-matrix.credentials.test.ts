import { expect, it } from 'vitest';
import type { Role } from '../crud/resource.js';
import { uniq } from '../test/factories.js';
import { type ApiResponse, describeEachDialect, TEST_PASSWORD } from '../test/harness.js';

/**
 * Credentials that no longer count: a deactivated user's token, a revoked token and an idle-expired
 * session get 401 on reads and writes alike, whatever the role was. (Roles and ownership:
 * authorization-matrix.test.ts and authorization-matrix.admin.test.ts.)
 */

const ORIGIN = 'http://localhost:80';

/** a read and a write on records, users, the profile and tokens */
const CALLS: [method: 'GET' | 'POST' | 'PATCH', url: string, body?: () => unknown][] = [
  ['GET', '/api/v1/contacts'],
  ['POST', '/api/v1/contacts', () => ({ first_name: `Ghost ${uniq()}` })],
  ['GET', '/api/v1/auth/me'],
  ['PATCH', '/api/v1/auth/me', () => ({ name: 'Ghost' })],
  ['GET', '/api/v1/users'],
  [
    'POST',
    '/api/v1/users',
    () => ({ email: `ghost.${uniq()}@example.com`, role: 'admin', password: TEST_PASSWORD }),
  ],
  ['POST', '/api/v1/api-tokens', () => ({ name: 'Ghost' })],
];

const sessionCookie = (res: ApiResponse) => {
  const raw = res.headers['set-cookie'];
  const c = (Array.isArray(raw) ? raw : [raw]).find((x) => x?.startsWith('carnet_session='));
  if (!c) throw new Error(`no session cookie (${res.status})`);
  return c.split(';')[0];
};

describeEachDialect('authorization matrix: dead credentials', (t) => {
  it('refuses a deactivated user, a revoked token and an expired session with 401', async () => {
    const mismatches: string[] = [];
    const me = (headers: Record<string, string>) => t.anon('GET', '/api/v1/auth/me', undefined, headers);
    /** `headers` work now; after `kill` every call gets 401 */
    const check = async (what: string, headers: Record<string, string>, kill: () => Promise<unknown>) => {
      const alive = await me(headers);
      if (alive.status !== 200) mismatches.push(`${what}: did not work to begin with (${alive.status})`);
      await kill();
      for (const [method, url, body] of CALLS) {
        const res = await t.anon(method, url, body?.(), { origin: ORIGIN, ...headers });
        if (res.status !== 401) mismatches.push(`${what}: ${method} ${url}: expected 401, got ${res.status}`);
      }
    };
    const roles: Role[] = ['admin', 'manager', 'sales', 'viewer'];
    for (const role of roles) {
      const m = await t.member(role);
      await check(`deactivated ${role}`, { authorization: `Bearer ${m.token}` }, () =>
        t.api('DELETE', `/api/v1/users/${m.user_id}`),
      );

      const r = await t.member(role);
      const extra = (await r.api('POST', '/api/v1/api-tokens', { name: 'Soon revoked' })).body;
      await check(`revoked token of ${role}`, { authorization: `Bearer ${extra.token}` }, () =>
        r.api('DELETE', `/api/v1/api-tokens/${extra.token_id}`),
      );
      // only that token: the user's other one still works
      if ((await r.api('GET', '/api/v1/auth/me')).status !== 200)
        mismatches.push(`revoked token of ${role}: the user's other token stopped working`);

      const s = await t.member(role);
      const login = await t.anon('POST', '/api/v1/auth/login', { email: s.email, password: TEST_PASSWORD });
      const old = t.dialect === 'mysql' ? '2020-01-01 00:00:00.000' : '2020-01-01T00:00:00.000Z';
      await check(`idle session of ${role}`, { cookie: sessionCookie(login) }, () =>
        t.db.kysely
          .updateTable('sessions')
          .set({ last_seen_at: old })
          .where('user_id', '=', s.user_id)
          .execute(),
      );
    }
    expect(mismatches).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_SECURITY } from '../config.js';
import { describeEachDialect, TEST_PASSWORD } from '../test/harness.js';
import { Credentials } from './credentials.js';
import { sha256 } from './secrets.js';

const ORIGIN = 'http://localhost:80';

/** The session cookie's "name=value" from a response, for the next request. */
function sessionCookie(res: { headers: Record<string, unknown> }): string {
  const raw = res.headers['set-cookie'];
  const all = Array.isArray(raw) ? raw : [raw];
  const c = all.find((x) => typeof x === 'string' && x.startsWith('carnet_session=')) as string | undefined;
  if (!c) throw new Error('no session cookie');
  return c.split(';')[0];
}

describeEachDialect('authentication', (t) => {
  const login = (email: string, password = TEST_PASSWORD, headers: Record<string, string> = {}) =>
    t.anon('POST', '/api/v1/auth/login', { email, password }, headers);

  describe('sign-in', () => {
    it('signs in with an HttpOnly, SameSite=Lax session cookie; /auth/me knows the user', async () => {
      const m = await t.member('sales');
      const res = await login(m.email.toUpperCase());
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({ user_id: m.user_id, role: 'sales', active: true });
      const setCookie = String(res.headers['set-cookie']);
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Lax/);
      expect(setCookie).not.toMatch(/Secure/);
      const me = await t.anon('GET', '/api/v1/auth/me', undefined, { cookie: sessionCookie(res) });
      expect(me.status).toBe(200);
      expect(me.body.user_id).toBe(m.user_id);
      // the one field naming a password is the flag saying it must change (docs/security.md)
      const { must_change_password, ...rest } = me.body;
      expect(must_change_password).toBe(false);
      expect(JSON.stringify(rest)).not.toMatch(/password|hash/);
    });

    it('gives the same 401 for a wrong password and an unknown email', async () => {
      const m = await t.member('viewer');
      const wrong = await login(m.email, 'not-the-password-1');
      const unknown = await login('nobody-here@example.com', 'not-the-password-1');
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body.detail).toBe(unknown.body.detail);
      expect(wrong.headers['set-cookie']).toBeUndefined();
    });

    it('marks the cookie Secure behind an HTTPS proxy only when the proxy is trusted', async () => {
      const m = await t.member('viewer');
      const res = await login(m.email, TEST_PASSWORD, { 'x-forwarded-proto': 'https' });
      // this app does not trust proxies (TRUST_PROXY unset), so the header is ignored
      expect(String(res.headers['set-cookie'])).not.toMatch(/Secure/);
    });

    it('rotates the session on sign-in and ends it on sign-out', async () => {
      const m = await t.member('sales');
      const first = sessionCookie(await login(m.email));
      const second = await login(m.email, TEST_PASSWORD, { cookie: first });
      expect(sessionCookie(second)).not.toBe(first);
      expect((await t.anon('GET', '/api/v1/auth/me', undefined, { cookie: first })).status).toBe(401);
      const now = sessionCookie(second);
      expect(
        (await t.anon('POST', '/api/v1/auth/logout', undefined, { cookie: now, origin: ORIGIN })).status,
      ).toBe(204);
      expect((await t.anon('GET', '/api/v1/auth/me', undefined, { cookie: now })).status).toBe(401);
    });

    it('stores sessions only hashed', async () => {
      const m = await t.member('sales');
      const cookie = sessionCookie(await login(m.email));
      const value = decodeURIComponent(cookie.split('=')[1]).split('.')[0];
      const rows = await t.db.kysely
        .selectFrom('sessions')
        .select('session_id')
        .where('user_id', '=', m.user_id)
        .execute();
      expect(rows.map((r) => r.session_id)).toEqual([sha256(value)]);
    });

    it('ends a session idle too long or past its absolute life', async () => {
      const m = await t.member('sales');
      const cookie = sessionCookie(await login(m.email));
      const old = t.dialect === 'mysql' ? '2020-01-01 00:00:00.000' : '2020-01-01T00:00:00.000Z';
      await t.db.kysely
        .updateTable('sessions')
        .set({ last_seen_at: old })
        .where('user_id', '=', m.user_id)
        .execute();
      expect((await t.anon('GET', '/api/v1/auth/me', undefined, { cookie })).status).toBe(401);
      const again = sessionCookie(await login(m.email));
      await t.db.kysely
        .updateTable('sessions')
        .set({ expires_at: old })
        .where('user_id', '=', m.user_id)
        .execute();
      expect((await t.anon('GET', '/api/v1/auth/me', undefined, { cookie: again })).status).toBe(401);
    });

    it('refuses a forged or tampered cookie', async () => {
      const m = await t.member('sales');
      const cookie = sessionCookie(await login(m.email));
      const tampered = `${cookie.slice(0, -3)}abc`;
      expect((await t.anon('GET', '/api/v1/auth/me', undefined, { cookie: tampered })).status).toBe(401);
      expect((await t.anon('GET', '/api/v1/auth/me', undefined, { cookie: 'carnet_session=x' })).status).toBe(
        401,
      );
    });
  });

  describe('deactivation and passwords', () => {
    it('stops a deactivated user’s sessions and tokens at once', async () => {
      const m = await t.member('sales');
      const cookie = sessionCookie(await login(m.email));
      expect((await m.api('GET', '/api/v1/contacts')).status).toBe(200);
      expect((await t.api('DELETE', `/api/v1/users/${m.user_id}`)).status).toBe(204);
      expect((await m.api('GET', '/api/v1/contacts')).status).toBe(401);
      expect((await t.anon('GET', '/api/v1/contacts', undefined, { cookie })).status).toBe(401);
      expect((await login(m.email)).status).toBe(401);
      expect((await t.api('GET', `/api/v1/users/${m.user_id}`)).body.active).toBe(false);
      // reactivating does not revive the tokens made before: they were revoked with the deactivation
      expect((await t.api('PATCH', `/api/v1/users/${m.user_id}`, { active: true })).status).toBe(200);
      expect((await m.api('GET', '/api/v1/contacts')).status).toBe(401);
      expect((await login(m.email)).status).toBe(200);
    });

    it('changes my password only with the current one, and signs out my other sessions', async () => {
      const m = await t.member('sales');
      const other = sessionCookie(await login(m.email));
      const mine = sessionCookie(await login(m.email));
      const h = { cookie: mine, origin: ORIGIN };
      const noCurrent = await t.anon('PATCH', '/api/v1/auth/me', { password: 'Nouveau-Mot-Secret-7' }, h);
      expect(noCurrent.status).toBe(400);
      const weak = await t.anon(
        'PATCH',
        '/api/v1/auth/me',
        { password: 'password123', current_password: TEST_PASSWORD },
        h,
      );
      expect(weak.status).toBe(400);
      expect(weak.body.errors[0].field).toBe('password');
      const ok = await t.anon(
        'PATCH',
        '/api/v1/auth/me',
        { password: 'Nouveau-Mot-Secret-7', current_password: TEST_PASSWORD, name: 'Renamed' },
        h,
      );
      expect(ok.status).toBe(200);
      expect(ok.body.name).toBe('Renamed');
      expect((await t.anon('GET', '/api/v1/auth/me', undefined, { cookie: other })).status).toBe(401);
      expect((await t.anon('GET', '/api/v1/auth/me', undefined, { cookie: sessionCookie(ok) })).status).toBe(
        200,
      );
      expect((await login(m.email, 'Nouveau-Mot-Secret-7')).status).toBe(200);
    });

    it('lets a user change only name, locale and password of their own profile', async () => {
      const m = await t.member('viewer');
      const res = await m.api('PATCH', '/api/v1/auth/me', { role: 'admin' });
      expect(res.status).toBe(400);
      expect((await m.api('PATCH', '/api/v1/auth/me', { locale: 'en' })).body.locale).toBe('en');
    });

    it('never lets the last active administrator go', async () => {
      const res = await t.api('PATCH', `/api/v1/users/${t.admin.user_id}`, { role: 'viewer' });
      // other admins may exist from other tests in this file; only check the guard when alone
      if (res.status === 409) expect(res.body.detail).toMatch(/last active administrator/);
      else expect(res.status).toBe(200);
    });
  });

  describe('API tokens', () => {
    it('shows a token once, stores only its hash, lists and revokes it', async () => {
      const m = await t.member('viewer');
      const created = await m.api('POST', '/api/v1/api-tokens', { name: 'Zapier' });
      expect(created.status).toBe(201);
      expect(created.body.token).toMatch(/^crm_[A-Za-z0-9_-]{43}$/);
      const stored = await t.db.kysely
        .selectFrom('api_tokens')
        .selectAll()
        .where('token_id', '=', created.body.token_id)
        .executeTakeFirstOrThrow();
      expect(stored.token_hash).toBe(sha256(created.body.token));
      expect(JSON.stringify(stored)).not.toContain(created.body.token);
      const list = await m.api('GET', '/api/v1/api-tokens');
      expect(JSON.stringify(list.body)).not.toContain(created.body.token);
      expect(list.body.data.map((x: { name: string }) => x.name)).toContain('Zapier');
      const viaNew = await t.anon('GET', '/api/v1/auth/me', undefined, {
        authorization: `Bearer ${created.body.token}`,
      });
      expect(viaNew.body.user_id).toBe(m.user_id);
      // someone else's token cannot be revoked: 404, as if it did not exist
      expect((await t.api('DELETE', `/api/v1/api-tokens/${created.body.token_id}`)).status).toBe(404);
      expect((await m.api('DELETE', `/api/v1/api-tokens/${created.body.token_id}`)).status).toBe(204);
      const revoked = await t.anon('GET', '/api/v1/auth/me', undefined, {
        authorization: `Bearer ${created.body.token}`,
      });
      expect(revoked.status).toBe(401);
    });

    it('refuses malformed Authorization headers with 401', async () => {
      for (const authorization of ['Bearer', 'Basic abc', 'Bearer crm_nope', `Bearer ${'x'.repeat(500)}`]) {
        expect((await t.anon('GET', '/api/v1/contacts', undefined, { authorization })).status).toBe(401);
      }
    });
  });

  describe('cross-site requests', () => {
    it('refuses cookie-authenticated writes from another origin, or with no origin at all', async () => {
      const m = await t.member('sales');
      const cookie = sessionCookie(await login(m.email));
      const body = { first_name: 'Csrf' };
      const evil = await t.anon('POST', '/api/v1/contacts', body, { cookie, origin: 'https://evil.example' });
      expect(evil.status).toBe(403);
      const evilReferer = await t.anon('POST', '/api/v1/contacts', body, {
        cookie,
        referer: 'https://evil.example/x',
      });
      expect(evilReferer.status).toBe(403);
      expect((await t.anon('POST', '/api/v1/contacts', body, { cookie })).status).toBe(403);
      expect((await t.anon('POST', '/api/v1/contacts', body, { cookie, origin: ORIGIN })).status).toBe(201);
      expect(
        (await t.anon('POST', '/api/v1/contacts', body, { cookie, 'sec-fetch-site': 'same-origin' })).status,
      ).toBe(201);
      // reads are fine from anywhere (the browser keeps the answer from other origins)
      expect(
        (await t.anon('GET', '/api/v1/contacts', undefined, { cookie, origin: 'https://evil.example' }))
          .status,
      ).toBe(200);
      // a bearer token is not sent by browsers on their own: no origin check
      expect((await m.api('POST', '/api/v1/contacts', body, { origin: 'https://evil.example' })).status).toBe(
        201,
      );
      // and nobody can be signed in from another site (login CSRF)
      expect((await login(m.email, TEST_PASSWORD, { origin: 'https://evil.example' })).status).toBe(403);
    });

    it('compares the Origin with the configured public origins, never with the Host header', async () => {
      const m = await t.member('sales');
      const cookie = sessionCookie(await login(m.email));
      const body = { first_name: 'Csrf', last_name: 'Host' };
      // an attacker's page on a name that resolves here: Origin and Host agree, and prove nothing
      const forged = { cookie, host: 'evil.example', origin: 'http://evil.example' };
      expect((await t.anon('POST', '/api/v1/contacts', body, forged)).status).toBe(403);
      const forgedReferer = { cookie, host: 'evil.example', referer: 'http://evil.example/page' };
      expect((await t.anon('POST', '/api/v1/contacts', body, forgedReferer)).status).toBe(403);
      expect(
        (await login(m.email, TEST_PASSWORD, { host: 'evil.example', origin: 'http://evil.example' })).status,
      ).toBe(403);
      // the configured origin passes whatever Host the request names (a proxy may rewrite it)
      const own = { cookie, host: 'backend:3000', origin: ORIGIN.toUpperCase() };
      expect((await t.anon('POST', '/api/v1/contacts', body, own)).status).toBe(201);
    });
  });

  describe('every route needs credentials', () => {
    it('answers 401 on every /api/v1 route but login, setup, password links and the OpenAPI document', async () => {
      const doc = (await t.anon('GET', '/api/v1/openapi.json')).body;
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths)).toContain('/api/v1/auth/logout');
      const open = new Set([
        'POST /api/v1/auth/login',
        'GET /api/v1/setup',
        'POST /api/v1/setup',
        'POST /api/v1/auth/password-reset',
        'GET /api/v1/auth/password-reset/check',
        'POST /api/v1/auth/password-reset/confirm',
      ]);
      let checked = 0;
      for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
        for (const method of Object.keys(ops)) {
          const key = `${method.toUpperCase()} ${path}`;
          // OPTIONS lists a path's methods to anyone (the document says security: [])
          if (open.has(key) || method === 'options') continue;
          const url = path.replace(/\{id\}/g, '1');
          const res = await t.anon(
            method.toUpperCase() as 'GET',
            url,
            method === 'get' || method === 'delete' ? undefined : {},
          );
          expect(res.status, key).toBe(401);
          expect(res.headers['content-type']).toMatch(/problem\+json/);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(40);
      // no route, no data: 404 after the same checks (a bad token is still a 401)
      expect((await t.anon('GET', '/api/v1/no-such-route')).status).toBe(404);
      expect(
        (await t.anon('GET', '/api/v1/no-such-route', undefined, { authorization: 'Bearer crm_nope' }))
          .status,
      ).toBe(401);
    });
  });

  describe('housekeeping', () => {
    it('sweeps sessions past their idle or absolute expiry, and keeps live ones', async () => {
      const m = await t.member('sales');
      const live = sessionCookie(await login(m.email));
      await login(m.email);
      await login(m.email);
      const old = t.dialect === 'mysql' ? '2020-01-01 00:00:00.000' : '2020-01-01T00:00:00.000Z';
      const ids = (
        await t.db.kysely
          .selectFrom('sessions')
          .select('session_id')
          .where('user_id', '=', m.user_id)
          .execute()
      ).map((r) => r.session_id);
      expect(ids).toHaveLength(3);
      const liveId = sha256(decodeURIComponent(live.split('=')[1]).split('.')[0]);
      const stale = ids.filter((id) => id !== liveId);
      await t.db.kysely
        .updateTable('sessions')
        .set({ last_seen_at: old })
        .where('session_id', '=', stale[0])
        .execute();
      await t.db.kysely
        .updateTable('sessions')
        .set({ expires_at: old })
        .where('session_id', '=', stale[1])
        .execute();
      const removed = await new Credentials(t.db, {
        idleMs: DEFAULT_SECURITY.sessionIdleMs,
        maxMs: DEFAULT_SECURITY.sessionMaxMs,
      }).sweepExpired();
      expect(removed).toBeGreaterThanOrEqual(2);
      const left = (
        await t.db.kysely
          .selectFrom('sessions')
          .select('session_id')
          .where('user_id', '=', m.user_id)
          .execute()
      ).map((r) => r.session_id);
      expect(left).toEqual([liveId]);
    });
  });
});

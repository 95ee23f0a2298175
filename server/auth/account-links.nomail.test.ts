// Without a mail server: links shown to the admin, "ask an administrator", the limits on guessing
// links, and the password an admin typed that must be changed at first sign-in.
import { describe, expect, it } from 'vitest';
import { uniq } from '../test/factories.js';
import { describeEachDialect, TEST_ORIGIN } from '../test/harness.js';

const NEW_PASSWORD = 'Lanterne-Bleue-Rivage-7';
const TYPED = 'Plume-Verte-Orage-42';
const LIMIT = 12;

describeEachDialect(
  'invitations and password resets, without mail',
  (t) => {
    const newUser = async (extra: Record<string, unknown> = {}) => {
      const res = await t.api('POST', '/api/v1/users', {
        email: `Nm.${uniq()}@example.com`,
        role: 'sales',
        ...extra,
      });
      expect(res.status).toBe(201);
      return res.body as { user_id: number; email: string; must_change_password: boolean };
    };
    const from = (ip: string, method: 'GET' | 'POST', url: string, body?: unknown) =>
      t.app.inject({
        method,
        url,
        remoteAddress: ip,
        ...(body ? { payload: body as object } : {}),
      });
    const tokenOf = (link: string) => new URL(link).searchParams.get('token') as string;

    it('returns the invitation link to the admin, who passes it on', async () => {
      const u = await newUser();
      const invited = await t.api('POST', `/api/v1/users/${u.user_id}/invitation`);
      expect(invited.status).toBe(201);
      expect(invited.body.sent).toBe(false);
      expect(invited.body.link.startsWith(`${TEST_ORIGIN}/invitation?token=`)).toBe(true);
      const token = tokenOf(invited.body.link);
      const done = await t.anon('POST', '/api/v1/auth/password-reset/confirm', {
        token,
        password: NEW_PASSWORD,
      });
      expect(done.status).toBe(200);
      expect(
        (await t.anon('POST', '/api/v1/auth/login', { email: u.email, password: NEW_PASSWORD })).status,
      ).toBe(200);
    });

    it('tells everyone alike to ask an administrator, who can make a reset link', async () => {
      const u = await newUser({ password: TYPED });
      const known = await t.anon('POST', '/api/v1/auth/password-reset', { email: u.email });
      const unknown = await t.anon('POST', '/api/v1/auth/password-reset', {
        email: `x.${uniq()}@example.com`,
      });
      expect(known.status).toBe(202);
      expect(known.body.delivery).toBe('administrator');
      expect(unknown.status).toBe(202);
      expect(unknown.raw.body).toBe(known.raw.body);
      expect(
        Number(
          (
            await t.db.kysely
              .selectFrom('account_links')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('user_id', '=', u.user_id)
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ).toBe(0);
      const made = await t.api('POST', `/api/v1/users/${u.user_id}/password-reset-link`);
      expect(made.status).toBe(201);
      expect(made.body.link.startsWith(`${TEST_ORIGIN}/reset-password?token=`)).toBe(true);
      const minutes = (Date.parse(made.body.expires_at) - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(55);
      expect(minutes).toBeLessThanOrEqual(60);
      const viewer = await t.member('viewer');
      expect((await viewer.api('POST', `/api/v1/users/${u.user_id}/password-reset-link`)).status).toBe(403);
    });

    it('counts parallel guesses of a link per address before looking: past the limit, even a valid link waits', async () => {
      const u = await newUser();
      const { token } = {
        token: tokenOf((await t.api('POST', `/api/v1/users/${u.user_id}/invitation`)).body.link),
      };
      const ip = '10.20.30.40';
      const guesses = await Promise.all(
        Array.from({ length: LIMIT + 8 }, (_, i) =>
          i % 2 === 0
            ? from(ip, 'GET', `/api/v1/auth/password-reset/check?token=guess${i}`)
            : from(ip, 'POST', '/api/v1/auth/password-reset/confirm', {
                token: `guess${i}`,
                password: NEW_PASSWORD,
              }),
        ),
      );
      const statuses = guesses.map((r) => r.statusCode);
      expect(statuses.filter((s) => s === 400)).toHaveLength(LIMIT);
      expect(statuses.filter((s) => s === 429)).toHaveLength(8);
      const limited = guesses.find((r) => r.statusCode === 429);
      expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
      const valid = await from(ip, 'POST', '/api/v1/auth/password-reset/confirm', {
        token,
        password: NEW_PASSWORD,
      });
      expect(valid.statusCode).toBe(429);
      // another address is not held back, and the link was not used up by the refusals
      const other = await from('10.20.30.41', 'POST', '/api/v1/auth/password-reset/confirm', {
        token,
        password: NEW_PASSWORD,
      });
      expect(other.statusCode).toBe(200);
      const asks = await Promise.all(
        Array.from({ length: LIMIT + 3 }, () =>
          from('10.20.30.42', 'POST', '/api/v1/auth/password-reset', { email: u.email }),
        ),
      );
      expect(asks.filter((r) => r.statusCode === 429)).toHaveLength(3);
    });

    describe('a password an administrator typed', () => {
      it('must be changed at first sign-in: everything else answers 403 until it is', async () => {
        const u = await newUser({ password: TYPED });
        expect(u.must_change_password).toBe(true);
        const signIn = await t.anon('POST', '/api/v1/auth/login', { email: u.email, password: TYPED });
        expect(signIn.status).toBe(200);
        expect(signIn.body.user.must_change_password).toBe(true);
        const cookie = String(signIn.headers['set-cookie']).split(';')[0];
        const as = (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) =>
          t.anon(method, url, body, { cookie, origin: TEST_ORIGIN });
        const blocked = await as('GET', '/api/v1/contacts');
        expect(blocked.status).toBe(403);
        expect(blocked.body.code).toBe('password_change_required');
        expect((await as('POST', '/api/v1/api-tokens', { name: 'x' })).status).toBe(403);
        expect((await as('GET', '/api/v1/auth/me')).body.must_change_password).toBe(true);
        const changed = await as('PATCH', '/api/v1/auth/me', {
          password: NEW_PASSWORD,
          current_password: TYPED,
        });
        expect(changed.status).toBe(200);
        expect(changed.body.must_change_password).toBe(false);
        const fresh = String(changed.headers['set-cookie']).split(';')[0];
        expect((await t.anon('GET', '/api/v1/contacts', undefined, { cookie: fresh })).status).toBe(200);
        // an admin typing a new one sets the mark again; logout stays open meanwhile
        const reset = await t.api('PATCH', `/api/v1/users/${u.user_id}`, { password: TYPED });
        expect(reset.body.must_change_password).toBe(true);
        const again = await t.anon('POST', '/api/v1/auth/login', { email: u.email, password: TYPED });
        const c2 = String(again.headers['set-cookie']).split(';')[0];
        expect((await t.anon('GET', '/api/v1/tasks', undefined, { cookie: c2 })).status).toBe(403);
        const out = await t.anon('POST', '/api/v1/auth/logout', undefined, {
          cookie: c2,
          origin: TEST_ORIGIN,
        });
        expect(out.status).toBe(204);
      });

      it('is not one the user chose themselves (setup, a reset link, their own change)', async () => {
        const u = await newUser({ password: TYPED });
        const link = (await t.api('POST', `/api/v1/users/${u.user_id}/password-reset-link`)).body.link;
        const done = await t.anon('POST', '/api/v1/auth/password-reset/confirm', {
          token: tokenOf(link),
          password: NEW_PASSWORD,
        });
        expect(done.body.user.must_change_password).toBe(false);
        expect((await t.api('GET', '/api/v1/auth/me')).body.must_change_password).toBe(false);
      });
    });
  },
  { security: { loginMaxFailuresPerIp: LIMIT } },
);

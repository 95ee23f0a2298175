// Invitations and password resets with a mail server: a real SMTP server receives the mails, and
// the tests follow the links in them (docs/security.md, "Invitations and password resets").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniq } from '../test/factories.js';
import { describeEachDialect, TEST_ORIGIN } from '../test/harness.js';
import { linkIn, startSmtpServer } from '../test/smtp.js';

const NEW_PASSWORD = 'Lanterne-Bleue-Rivage-7';
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => smtp?.close());

describeEachDialect(
  'invitations and password resets, by mail',
  (t) => {
    const newUser = async (extra: Record<string, unknown> = {}) => {
      const res = await t.api('POST', '/api/v1/users', {
        email: `On.${uniq()}@Example.com`,
        role: 'sales',
        ...extra,
      });
      expect(res.status).toBe(201);
      return res.body as { user_id: number; email: string; must_change_password: boolean };
    };
    const login = (email: string, password: string) =>
      t.anon('POST', '/api/v1/auth/login', { email, password });

    describe('invitation', () => {
      it('mails a one-time link that sets the password and signs in; the link then stops working', async () => {
        const u = await newUser({ locale: 'en' });
        expect(u.must_change_password).toBe(false);
        expect((await login(u.email, NEW_PASSWORD)).status).toBe(401);
        const invited = await t.api('POST', `/api/v1/users/${u.user_id}/invitation`);
        expect(invited.status).toBe(201);
        expect(invited.body).toEqual({ sent: true, link: null, expires_at: expect.any(String) });
        const days = (Date.parse(invited.body.expires_at) - Date.now()) / 86_400_000;
        expect(days).toBeGreaterThan(6.9);
        expect(days).toBeLessThanOrEqual(7);

        const mail = await smtp.next(u.email);
        expect(mail.text).toMatch(/Subject: Your invitation to Carnet/);
        const { link, token } = linkIn(mail);
        expect(link.startsWith(`${TEST_ORIGIN}/invitation?token=`)).toBe(true);
        expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
        // only its hash is stored
        const rows = await t.db.kysely
          .selectFrom('account_links')
          .select('token_hash')
          .where('user_id', '=', u.user_id)
          .execute();
        expect(rows.map((r) => r.token_hash)).not.toContain(token);

        const check = await t.anon('GET', `/api/v1/auth/password-reset/check?token=${token}`);
        expect(check.status).toBe(200);
        expect(check.body).toEqual({
          purpose: 'invite',
          email: u.email,
          expires_at: invited.body.expires_at,
        });

        const weak = await t.anon('POST', '/api/v1/auth/password-reset/confirm', {
          token,
          password: 'motdepasse',
        });
        expect(weak.status).toBe(400);
        expect(weak.body.errors[0]).toMatchObject({ field: 'password' });

        const done = await t.anon('POST', '/api/v1/auth/password-reset/confirm', {
          token,
          password: NEW_PASSWORD,
        });
        expect(done.status).toBe(200);
        expect(done.body.user).toMatchObject({ user_id: u.user_id, must_change_password: false });
        const cookie = String(done.headers['set-cookie']).split(';')[0];
        const me = await t.anon('GET', '/api/v1/auth/me', undefined, { cookie });
        expect(me.body.user_id).toBe(u.user_id);
        expect((await login(u.email, NEW_PASSWORD)).status).toBe(200);

        const again = await t.anon('POST', '/api/v1/auth/password-reset/confirm', {
          token,
          password: 'Autre-Chemin-Sable-93',
        });
        expect(again.status).toBe(400);
        expect(again.body.errors[0]).toMatchObject({ field: 'token', code: 'invalid_link' });
        expect((await t.anon('GET', `/api/v1/auth/password-reset/check?token=${token}`)).status).toBe(400);
      });

      it('is for admins only, and not for a deactivated or unknown user', async () => {
        const u = await newUser();
        const manager = await t.member('manager');
        const refused = await manager.api('POST', `/api/v1/users/${u.user_id}/invitation`);
        expect(refused.status).toBe(403);
        expect((await t.api('POST', '/api/v1/users/999999/invitation')).status).toBe(404);
        await t.api('DELETE', `/api/v1/users/${u.user_id}`);
        const off = await t.api('POST', `/api/v1/users/${u.user_id}/invitation`);
        expect(off.status).toBe(409);
        expect(off.body.code).toBe('user_inactive');
      });
    });

    describe('forgotten password', () => {
      it('mails a reset link whose use sets the password, ends the sessions, and works once', async () => {
        const u = await newUser({ password: 'Ancien-Mot-Passe-Long-1' });
        const old = await login(u.email, 'Ancien-Mot-Passe-Long-1');
        const oldCookie = String(old.headers['set-cookie']).split(';')[0];
        const asked = await t.anon('POST', '/api/v1/auth/password-reset', { email: u.email.toUpperCase() });
        expect(asked.status).toBe(202);
        expect(asked.body.delivery).toBe('email');

        const mail = await smtp.next(u.email);
        expect(mail.text).toMatch(/Subject: .*Réinitialisation/);
        const { link, token } = linkIn(mail);
        expect(link.startsWith(`${TEST_ORIGIN}/reset-password?token=`)).toBe(true);
        expect((await t.anon('GET', `/api/v1/auth/password-reset/check?token=${token}`)).body.purpose).toBe(
          'reset',
        );

        // two uses at once: exactly one sets the password
        const both = await Promise.all(
          [NEW_PASSWORD, 'Autre-Chemin-Sable-93'].map((password) =>
            t.anon('POST', '/api/v1/auth/password-reset/confirm', { token, password }),
          ),
        );
        expect(both.map((r) => r.status).sort()).toEqual([200, 400]);
        const winner = both[0].status === 200 ? NEW_PASSWORD : 'Autre-Chemin-Sable-93';
        expect((await login(u.email, winner)).status).toBe(200);
        expect((await login(u.email, 'Ancien-Mot-Passe-Long-1')).status).toBe(401);
        expect((await t.anon('GET', '/api/v1/auth/me', undefined, { cookie: oldCookie })).status).toBe(401);
        const user = await t.api('GET', `/api/v1/users/${u.user_id}`);
        expect(user.body.must_change_password).toBe(false);
      });

      it('answers an unknown, a deactivated and a known address alike, and mails only the known one', async () => {
        const known = await newUser();
        const off = await newUser();
        await t.api('DELETE', `/api/v1/users/${off.user_id}`);
        const answers = [];
        for (const email of [known.email, `nobody.${uniq()}@example.com`, off.email])
          answers.push(await t.anon('POST', '/api/v1/auth/password-reset', { email }));
        for (const a of answers) {
          expect(a.status).toBe(202);
          expect(a.raw.body).toBe(answers[0].raw.body);
          expect(a.headers['content-type']).toBe(answers[0].headers['content-type']);
        }
        await smtp.next(known.email);
        const toOff = smtp.received.filter((m) =>
          m.to.some((a) => a.toLowerCase() === off.email.toLowerCase()),
        );
        expect(toOff).toEqual([]);
      });

      it('mails one address at most 3 times an hour, answering the further requests alike', async () => {
        const flooded = await newUser();
        const other = await newUser();
        const answers = [];
        for (let i = 0; i < 5; i++)
          answers.push(await t.anon('POST', '/api/v1/auth/password-reset', { email: flooded.email }));
        expect(new Set(answers.map((a) => `${a.status} ${a.raw.body}`)).size).toBe(1);
        // the fourth and fifth were turned away before this request was even sent
        await t.anon('POST', '/api/v1/auth/password-reset', { email: other.email });
        for (let i = 0; i < 3; i++) await smtp.next(flooded.email);
        await smtp.next(other.email);
        const more = smtp.received.filter((m) =>
          m.to.some((a) => a.toLowerCase() === flooded.email.toLowerCase()),
        );
        expect(more).toEqual([]);
      });

      it('refuses an expired link, and a link replaced by a newer one', async () => {
        const u = await newUser();
        const first = await t.api('POST', `/api/v1/users/${u.user_id}/password-reset-link`);
        expect(first.status).toBe(201);
        const firstToken = new URL(first.body.link).searchParams.get('token') as string;
        const second = await t.api('POST', `/api/v1/users/${u.user_id}/password-reset-link`);
        const token = new URL(second.body.link).searchParams.get('token') as string;
        const replaced = await t.anon('GET', `/api/v1/auth/password-reset/check?token=${firstToken}`);
        expect(replaced.status).toBe(400);
        expect((await t.anon('GET', `/api/v1/auth/password-reset/check?token=${token}`)).status).toBe(200);

        const past = new Date(Date.now() - 1000).toISOString();
        await t.db.kysely
          .updateTable('account_links')
          .set({ expires_at: t.dialect === 'mysql' ? past.replace('T', ' ').replace('Z', '') : past })
          .where('user_id', '=', u.user_id)
          .execute();
        const expired = await t.anon('POST', '/api/v1/auth/password-reset/confirm', {
          token,
          password: NEW_PASSWORD,
        });
        expect(expired.status).toBe(400);
        expect(expired.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(expired.body.errors[0].code).toBe('invalid_link');
        expect((await login(u.email, NEW_PASSWORD)).status).toBe(401);
      });
    });
  },
  { mail: () => ({ smtpUrl: smtp.url, from: 'Carnet <crm@example.com>' }) },
);

import { describe, expect, it } from 'vitest';
import { createSearchableUser, createUser, uniq } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';

type User = { user_id: number; email: string; name: string | null; role: string };
const ids = (res: { body: { data: User[] } }) => res.body.data.map((u) => u.user_id);

describeEachDialect('users', (t) => {
  describe('read', () => {
    it('gets a user with the contract fields and never a password or its hash', async () => {
      const u = await createUser(t, {
        email: `Claire.${uniq()}@Example.com`,
        name: 'Claire Fontaine',
        role: 'manager',
      });
      await t.db.kysely
        .updateTable('users')
        .set({ password_hash: '$argon2id$v=19$m=65536,t=3,p=4$c2VjcmV0$SECRET-HASH' })
        .where('user_id', '=', u.user_id)
        .execute();
      const res = await t.api('GET', `/api/v1/users/${u.user_id}`);
      expect(res.status).toBe(200);
      expect(res.headers.etag).toMatch(/^"[^"]+"$/);
      expect(res.body).toEqual({
        user_id: u.user_id,
        email: u.email,
        name: 'Claire Fontaine',
        role: 'manager',
        active: true,
        locale: 'fr',
        must_change_password: false,
        created_at: res.body.created_at,
        updated_at: res.body.updated_at,
      });
      expect(res.body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      const list = await t.api('GET', '/api/v1/users?limit=200');
      expect(list.status).toBe(200);
      expect(ids(list)).toContain(u.user_id);
      for (const raw of [res.raw.body, list.raw.body]) {
        // the one field naming a password is the flag saying it must change
        const text = raw.replaceAll(/"must_change_password":(true|false)/g, '');
        expect(text).not.toMatch(/password|hash|argon|SECRET|email_key|search_text/i);
      }
      for (const row of list.body.data) {
        expect(Object.keys(row).sort()).toEqual(
          [
            'active',
            'created_at',
            'email',
            'locale',
            'must_change_password',
            'name',
            'role',
            'updated_at',
            'user_id',
          ].sort(),
        );
      }
    });

    it('gives 404 for an unknown user', async () => {
      const res = await t.api('GET', '/api/v1/users/999999');
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 404, detail: 'user 999999 does not exist.' });
    });

    it('lets an admin create a user (201, no password in sight), change the role, and deactivate', async () => {
      const email = `New.${uniq()}@Example.com`;
      const post = await t.api('POST', '/api/v1/users', {
        email,
        role: 'sales',
        name: 'Nouvelle',
        password: 'Plume-Verte-Orage-42',
      });
      expect(post.status).toBe(201);
      expect(post.headers.location).toBe(`/api/v1/users/${post.body.user_id}`);
      expect(post.body).toMatchObject({ email, role: 'sales', name: 'Nouvelle', active: true });
      expect(post.body.must_change_password).toBe(true);
      expect(post.raw.body.replace('"must_change_password":true', '')).not.toMatch(/password|scrypt|hash/i);
      const dup = await t.api('POST', '/api/v1/users', {
        email: email.toLowerCase(),
        role: 'viewer',
        password: 'Plume-Verte-Orage-42',
      });
      expect(dup.status).toBe(409);
      expect(dup.body.existing_id).toBe(post.body.user_id);
      const weak = await t.api('POST', '/api/v1/users', {
        email: `w.${uniq()}@example.com`,
        role: 'viewer',
        password: 'motdepasse',
      });
      expect(weak.status).toBe(400);
      const promoted = await t.api('PATCH', `/api/v1/users/${post.body.user_id}`, { role: 'manager' });
      expect(promoted.body.role).toBe('manager');
      expect((await t.api('DELETE', `/api/v1/users/${post.body.user_id}`)).status).toBe(204);
      expect((await t.api('GET', `/api/v1/users/${post.body.user_id}`)).body).toMatchObject({
        active: false,
        role: 'manager',
      });
      expect((await t.api('PATCH', `/api/v1/users/${post.body.user_id}`, { active: true })).body.active).toBe(
        true,
      );
      expect((await t.api('DELETE', '/api/v1/users/999999')).status).toBe(404);
    });
  });

  describe('deactivation', () => {
    // docs/api.md and docs/security.md: tokens are revoked with the deactivation, for good
    it('revokes the API tokens on PATCH {active: false}; PATCH {active: true} does not bring them back', async () => {
      const m = await t.member('sales');
      const tokens = async () =>
        Number(
          (
            await t.db.kysely
              .selectFrom('api_tokens')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('user_id', '=', m.user_id)
              .executeTakeFirstOrThrow()
          ).n,
        );
      expect(await tokens()).toBe(1);
      expect((await t.api('PATCH', `/api/v1/users/${m.user_id}`, { active: false })).status).toBe(200);
      expect((await m.api('GET', '/api/v1/contacts')).status).toBe(401);
      expect(await tokens()).toBe(0);
      const back = await t.api('PATCH', `/api/v1/users/${m.user_id}`, { active: true });
      expect(back.body.active).toBe(true);
      expect(await tokens()).toBe(0);
      const old = await m.api('GET', '/api/v1/contacts');
      expect(old.status).toBe(401);
      expect(old.body.code).toBe('invalid_token');
    });
  });

  describe('lists', () => {
    it('filters on role and active', async () => {
      const tag = uniq();
      const v1 = await createUser(t, { role: 'viewer', email: `v1.${tag}@example.com` });
      const v2 = await createUser(t, { role: 'viewer', email: `v2.${tag}@example.com` });
      const a = await createUser(t, { role: 'admin', email: `a.${tag}@example.com` });
      const viewers = await t.api('GET', '/api/v1/users?role=viewer&sort=created_at&limit=200');
      expect(ids(viewers)).toEqual(expect.arrayContaining([v1.user_id, v2.user_id]));
      expect(ids(viewers)).not.toContain(a.user_id);
      expect(viewers.body.data.every((u: User) => u.role === 'viewer')).toBe(true);
      await t.db.kysely
        .updateTable('users')
        .set({ active: t.dialect === 'sqlite' ? 0 : false })
        .where('user_id', '=', v2.user_id)
        .execute();
      const inactive = await t.api('GET', '/api/v1/users?active=false&limit=200');
      expect(ids(inactive)).toEqual([v2.user_id]);
      expect(inactive.body.data[0].active).toBe(false);
      const activeViewers = await t.api('GET', '/api/v1/users?role=viewer&active=true&limit=200');
      expect(ids(activeViewers)).toContain(v1.user_id);
      expect(ids(activeViewers)).not.toContain(v2.user_id);
      expect((await t.api('GET', '/api/v1/users?role=owner')).body.data).toEqual([]);
    });

    it('searches names and emails by word starts, ignoring case and accents', async () => {
      const tag = uniq();
      const h = await createSearchableUser(t, {
        name: `Hélène Dupré-Lefèvre${tag}`,
        email: `hdl.${tag}@carnet.fr`,
      });
      const m = await createSearchableUser(t, {
        name: `Marc Étienne ${tag}`,
        email: `marc.${tag}@exemple.org`,
      });
      const find = async (q: string) =>
        ids(await t.api('GET', `/api/v1/users?q=${encodeURIComponent(q)}&sort=created_at`));
      expect(await find(`helene lefevre${tag}`)).toEqual([h.user_id]);
      expect(await find(`DUPRÉ ${tag}`)).toEqual([h.user_id]);
      expect(await find(`etienne ${tag}`)).toEqual([m.user_id]);
      expect(await find(`hdl.${tag}`)).toEqual([h.user_id]);
      expect(await find(`marc.${tag}@exemple.org`)).toEqual([m.user_id]);
      expect(await find(`exemple ${tag}`)).toEqual([m.user_id]);
      expect(await find(tag)).toEqual([h.user_id, m.user_id]);
      expect(await find(`elene ${tag}`)).toEqual([]);
      // users inserted by createUser are found by their email
      const plain = await createUser(t, { email: `plain${tag}@example.com` });
      expect(await find(`plain${tag}`)).toEqual([plain.user_id]);
    });

    it('sorts by name by default, by email and role on request, and walks pages', async () => {
      const tag = uniq();
      const make = (name: string, role: string) =>
        createUser(t, { name: `${name} ${tag}`, role, email: `${name.toLowerCase()}.${tag}@example.com` });
      const z = await make('Zoe', 'admin');
      const b = await make('Bruno', 'viewer');
      const m = await make('Malik', 'sales');
      const all = await t.api('GET', '/api/v1/users?limit=200');
      const mine = all.body.data
        .filter((u: User) => u.email.endsWith(`${tag}@example.com`))
        .map((u: User) => u.user_id);
      expect(mine).toEqual([b.user_id, m.user_id, z.user_id]);
      const byRole = await t.api('GET', '/api/v1/users?sort=-role&limit=200');
      const roles = byRole.body.data.map((u: User) => u.role);
      expect(roles).toEqual([...roles].sort().reverse());
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const res = await t.api(
          'GET',
          `/api/v1/users?sort=email&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.status).toBe(200);
        seen.push(...ids(res));
        cursor = res.body.next_cursor;
      } while (cursor);
      const byEmail = await t.api('GET', '/api/v1/users?sort=email&limit=200');
      expect(seen).toEqual(ids(byEmail));
      expect(new Set(seen).size).toBe(seen.length);
      expect((await t.api('GET', '/api/v1/users?sort=password_hash')).status).toBe(400);
      expect((await t.api('GET', '/api/v1/users?password_hash=x')).status).toBe(400);
    });
  });
});

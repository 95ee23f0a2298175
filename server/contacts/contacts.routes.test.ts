import { describe, expect, it } from 'vitest';
import { createCompany, createContact, createInteraction, createUser, uniq } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';

describeEachDialect('contacts', (t) => {
  describe('create, read, update, delete', () => {
    it('creates a contact: 201, Location, ETag, the contract fields and nothing else', async () => {
      const company = await createCompany(t);
      const res = await t.api('POST', '/api/v1/contacts', {
        first_name: '  Hélène ',
        last_name: 'Dupré-Lefèvre',
        email: `helene.${uniq()}@Example.com`,
        phone: '+33 6 12 34 56 78',
        company_id: company.company_id,
      });
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/api/v1/contacts/${res.body.contact_id}`);
      expect(res.headers.etag).toMatch(/^"[^"]+"$/);
      expect(Object.keys(res.body).sort()).toEqual(
        [
          'company_id',
          'contact_id',
          'created_at',
          'email',
          'first_name',
          'last_name',
          'owner_id',
          'phone',
          'updated_at',
          // the standard fields (2026_12_07_0018)
          'job_title',
          'street',
          'postal_code',
          'city',
          'region',
          'country',
          'birthday',
          'linkedin_url',
          'source',
          // tags (2026_12_07_0021)
          'tags',
          // several phones and emails (2026_12_07_0022)
          'phones',
          'emails',
          // the instance's own fields (2026_12_07_0020)
          'custom_fields',
        ].sort(),
      );
      expect(res.body.first_name).toBe('Hélène'); // trimmed
      expect(res.body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      const got = await t.api('GET', res.headers.location as string);
      expect(got.status).toBe(200);
      expect(got.body).toEqual(res.body);
      expect(got.headers.etag).toBe(res.headers.etag);
    });

    it('needs at least one of first_name, last_name, email', async () => {
      const res = await t.api('POST', '/api/v1/contacts', { phone: '0102030405' });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
        'first_name',
        'last_name',
        'email',
      ]);
      const c = await createContact(t, { first_name: null, last_name: null });
      const cleared = await t.api('PATCH', `/api/v1/contacts/${c.contact_id}`, { email: null });
      expect(cleared.status).toBe(400);
    });

    it('updates partially and refuses a stale If-Match with 412, changing nothing', async () => {
      const c = await createContact(t);
      const first = await t.api('GET', `/api/v1/contacts/${c.contact_id}`);
      const ok = await t.api(
        'PATCH',
        `/api/v1/contacts/${c.contact_id}`,
        { phone: '0102' },
        { 'if-match': first.headers.etag as string },
      );
      expect(ok.status).toBe(200);
      expect(ok.body.phone).toBe('0102');
      expect(ok.body.last_name).toBe(c.last_name);
      expect(ok.headers.etag).not.toBe(first.headers.etag);
      const stale = await t.api(
        'PATCH',
        `/api/v1/contacts/${c.contact_id}`,
        { phone: '9999' },
        { 'if-match': first.headers.etag as string },
      );
      expect(stale.status).toBe(412);
      expect((await t.api('GET', `/api/v1/contacts/${c.contact_id}`)).body.phone).toBe('0102');
      const star = await t.api(
        'PATCH',
        `/api/v1/contacts/${c.contact_id}`,
        { phone: '0303' },
        { 'if-match': '*' },
      );
      expect(star.status).toBe(200);
      // setting what is already there changes nothing: same ETag, same updated_at, no history entry
      const same = await t.api('PATCH', `/api/v1/contacts/${c.contact_id}`, {
        phone: ' 0303 ',
        last_name: c.last_name,
      });
      expect(same.headers.etag).toBe(star.headers.etag);
      expect(same.body.updated_at).toBe(star.body.updated_at);
      const history = await t.api('GET', `/api/v1/contacts/${c.contact_id}/history`);
      expect(history.body.data.map((e: { action: string }) => e.action)).toEqual([
        'update',
        'update',
        'create',
      ]);
    });

    it('deletes with 204, then 404; refuses with 409 while interactions reference it', async () => {
      const c = await createContact(t);
      await createInteraction(t, { contact_id: c.contact_id });
      const refused = await t.api('DELETE', `/api/v1/contacts/${c.contact_id}`);
      expect(refused.status).toBe(409);
      expect(refused.body.references).toEqual([{ resource: 'interactions', count: 1 }]);
      expect((await t.api('GET', `/api/v1/contacts/${c.contact_id}`)).status).toBe(200);

      const lone = await createContact(t);
      expect((await t.api('DELETE', `/api/v1/contacts/${lone.contact_id}`)).status).toBe(204);
      expect((await t.api('GET', `/api/v1/contacts/${lone.contact_id}`)).status).toBe(404);
      expect((await t.api('DELETE', `/api/v1/contacts/${lone.contact_id}`)).status).toBe(404);
    });

    it('refuses an unknown company or owner with 400 naming the field', async () => {
      const res = await t.api('POST', '/api/v1/contacts', {
        first_name: 'A',
        company_id: 999999,
        owner_id: 999998,
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { field: 'company_id', code: 'not_found', message: 'company 999999 does not exist' },
        { field: 'owner_id', code: 'not_found', message: 'user 999998 does not exist' },
      ]);
    });
  });

  describe('email is unique ignoring case', () => {
    it('gives 409 with existing_id on create and on update', async () => {
      const email = `Dup.${uniq()}@Example.com`;
      const a = await createContact(t, { email });
      const dup = await t.api('POST', '/api/v1/contacts', { first_name: 'B', email: email.toUpperCase() });
      expect(dup.status).toBe(409);
      expect(dup.body.existing_id).toBe(a.contact_id);
      const b = await createContact(t);
      const clash = await t.api('PATCH', `/api/v1/contacts/${b.contact_id}`, { email: email.toLowerCase() });
      expect(clash.status).toBe(409);
      expect(clash.body.existing_id).toBe(a.contact_id);
    });

    it('lets exactly one of many concurrent creates with one email through', async () => {
      const email = `race.${uniq()}@example.com`;
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          t.api('POST', '/api/v1/contacts', { first_name: `R${i}`, email }),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
      const list = await t.api('GET', `/api/v1/contacts?q=${encodeURIComponent(email)}`);
      expect(list.body.data).toHaveLength(1);
    });
  });

  describe('search', () => {
    it('matches word starts ignoring case and accents, on names, email, phone and company', async () => {
      const tag = uniq();
      const company = await createCompany(t, { company_name: `Société Générale ${tag}` });
      const c = await createContact(t, {
        first_name: 'Hélène',
        last_name: `Dupré-Lefèvre${tag}`,
        email: `hd${tag}@mail.fr`,
        phone: '06 12 34 56 78',
        company_id: company.company_id,
      });
      const find = async (q: string) =>
        (await t.api('GET', `/api/v1/contacts?q=${encodeURIComponent(q)}`)).body.data.map(
          (x: { contact_id: number }) => x.contact_id,
        );
      expect(await find(`helene lefevre${tag}`)).toEqual([c.contact_id]);
      expect(await find(`HÉLÈNE dupre lefevre${tag}`)).toEqual([c.contact_id]);
      expect(await find(`hd${tag}`)).toEqual([c.contact_id]);
      expect(await find(`societe ${tag}`)).toEqual([c.contact_id]);
      expect(await find(`generale ${tag}`)).toEqual([c.contact_id]);
      expect(await find(`0612345678 ${tag}`)).toEqual([c.contact_id]);
      // a word must match the start of a word, not its middle
      expect(await find(`elene ${tag}`)).toEqual([]);
      expect(await find(`helene nobody${tag}`)).toEqual([]);
    });

    it('treats LIKE wildcards in q as plain text', async () => {
      const res = await t.api('GET', '/api/v1/contacts?q=%25_%25');
      expect(res.status).toBe(200);
    });
  });

  describe('lists', () => {
    it('walks keyset pages visiting every matching row once, even with inserts meanwhile', async () => {
      const owner = await createUser(t);
      const made = new Set<number>();
      for (let i = 0; i < 7; i++) {
        const c = await createContact(t, {
          last_name: i % 3 === 0 ? null : `Walk${i % 2}`,
          owner_id: owner.user_id,
        });
        made.add(c.contact_id);
      }
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/api/v1/contacts?owner_id=${owner.user_id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await t.api('GET', url);
        expect(res.status).toBe(200);
        seen.push(...res.body.data.map((x: { contact_id: number }) => x.contact_id));
        cursor = res.body.next_cursor;
        if (pages++ === 1) await createContact(t, { last_name: 'AAA-inserted', owner_id: owner.user_id });
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of made) expect(seen).toContain(id);
    });

    it('sorts by any sortable field both ways, NULL first ascending, the ID breaking ties', async () => {
      const owner = await createUser(t);
      const names = ['Martin', null, 'Bernard', 'Martin', 'Durand'];
      for (const n of names)
        await createContact(t, { last_name: n, first_name: 'X', owner_id: owner.user_id });
      const asc = await t.api('GET', `/api/v1/contacts?owner_id=${owner.user_id}&sort=last_name`);
      expect(asc.body.data.map((c: { last_name: string | null }) => c.last_name)).toEqual([
        null,
        'Bernard',
        'Durand',
        'Martin',
        'Martin',
      ]);
      const ids = asc.body.data.slice(3).map((c: { contact_id: number }) => c.contact_id);
      expect(ids[0]).toBeLessThan(ids[1]);
      const desc = await t.api('GET', `/api/v1/contacts?owner_id=${owner.user_id}&sort=-last_name&limit=2`);
      expect(desc.body.data.map((c: { last_name: string | null }) => c.last_name)).toEqual([
        'Martin',
        'Martin',
      ]);
      const rest = await t.api(
        'GET',
        `/api/v1/contacts?owner_id=${owner.user_id}&sort=-last_name&limit=10&cursor=${desc.body.next_cursor}`,
      );
      expect(rest.body.data.map((c: { last_name: string | null }) => c.last_name)).toEqual([
        'Durand',
        'Bernard',
        null,
      ]);
      const bad = await t.api('GET', `/api/v1/contacts?sort=phone`);
      expect(bad.status).toBe(400);
      // a cursor is tied to its sort
      const mixed = await t.api('GET', `/api/v1/contacts?sort=email&cursor=${desc.body.next_cursor}`);
      expect(mixed.status).toBe(400);
    });

    it('filters on any field exactly, and refuses unknown parameters', async () => {
      const company = await createCompany(t);
      const c = await createContact(t, { company_id: company.company_id });
      await createContact(t);
      const res = await t.api('GET', `/api/v1/contacts?company_id=${company.company_id}`);
      expect(res.body.data.map((x: { contact_id: number }) => x.contact_id)).toEqual([c.contact_id]);
      const byEmail = await t.api('GET', `/api/v1/contacts?email=${encodeURIComponent(c.email)}`);
      expect(byEmail.body.data).toHaveLength(1);
      expect((await t.api('GET', '/api/v1/contacts?compnay_id=1')).status).toBe(400);
      // exact means exact on every database, whatever its collation
      const upper = await t.api('GET', `/api/v1/contacts?email=${encodeURIComponent(c.email.toUpperCase())}`);
      expect(upper.body.data).toHaveLength(0);
      // a record belongs to its creator unless the request names an owner; "me" is the caller
      const sales = await t.member('sales');
      const mine = await sales.api('POST', '/api/v1/contacts', { first_name: 'Mine' });
      expect(mine.body.owner_id).toBe(sales.user_id);
      const me = await sales.api('GET', '/api/v1/contacts?owner_id=me');
      expect(me.body.data.map((x: { contact_id: number }) => x.contact_id)).toEqual([mine.body.contact_id]);
    });

    it('lists a company contacts and a contact timeline, newest first; 404 for a missing parent', async () => {
      const company = await createCompany(t);
      const c = await createContact(t, { company_id: company.company_id });
      const related = await t.api('GET', `/api/v1/companies/${company.company_id}/contacts`);
      expect(related.body.data.map((x: { contact_id: number }) => x.contact_id)).toEqual([c.contact_id]);
      for (const d of ['2026-01-01T10:00:00Z', '2026-03-01T10:00:00Z', '2026-02-01T10:00:00Z']) {
        await createInteraction(t, { contact_id: c.contact_id, interaction_date: d });
      }
      const timeline = await t.api('GET', `/api/v1/contacts/${c.contact_id}/interactions`);
      expect(timeline.body.data.map((i: { interaction_date: string }) => i.interaction_date)).toEqual([
        '2026-03-01T10:00:00.000Z',
        '2026-02-01T10:00:00.000Z',
        '2026-01-01T10:00:00.000Z',
      ]);
      expect((await t.api('GET', '/api/v1/contacts/999999/interactions')).status).toBe(404);
    });
  });
});

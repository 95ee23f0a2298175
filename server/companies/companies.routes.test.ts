import { describe, expect, it } from 'vitest';
import {
  createCompany,
  createContact,
  createInteraction,
  createOpportunity,
  createTask,
  createUser,
  uniq,
} from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';

const ids = (res: { body: { data: { company_id: number }[] } }) => res.body.data.map((c) => c.company_id);
const names = (res: { body: { data: { company_name: string }[] } }) =>
  res.body.data.map((c) => c.company_name);

describeEachDialect('companies', (t) => {
  describe('create, read, update, delete', () => {
    it('creates a company: 201, Location, ETag, the contract fields and nothing else', async () => {
      const owner = await createUser(t);
      const res = await t.api('POST', '/api/v1/companies', {
        company_name: '  Société Générale ',
        industry: 'Banque',
        website: 'https://societegenerale.example',
        owner_id: owner.user_id,
      });
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/api/v1/companies/${res.body.company_id}`);
      expect(res.headers.etag).toMatch(/^"[^"]+"$/);
      expect(Object.keys(res.body).sort()).toEqual(
        [
          'company_id',
          'company_name',
          'created_at',
          'industry',
          'owner_id',
          'updated_at',
          'website',
          // the standard fields (2026_12_07_0018)
          'phone',
          'street',
          'postal_code',
          'city',
          'region',
          'country',
          'employees',
          'annual_revenue',
          'domain',
          'custom_fields',
        ].sort(),
      );
      expect(res.body).toMatchObject({
        company_name: 'Société Générale',
        industry: 'Banque',
        website: 'https://societegenerale.example',
        owner_id: owner.user_id,
      });
      expect(res.body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(res.body.updated_at).toBe(res.body.created_at);
      const got = await t.api('GET', res.headers.location as string);
      expect(got.status).toBe(200);
      expect(got.body).toEqual(res.body);
      expect(got.headers.etag).toBe(res.headers.etag);
      expect((await t.api('GET', '/api/v1/companies/999999')).status).toBe(404);
    });

    it('requires company_name on create and refuses clearing it', async () => {
      const missing = await t.api('POST', '/api/v1/companies', { industry: 'Retail' });
      expect(missing.status).toBe(400);
      expect(missing.body.errors).toEqual([
        { field: 'company_name', code: 'required', message: 'is required' },
      ]);
      const c = await createCompany(t);
      const cleared = await t.api('PATCH', `/api/v1/companies/${c.company_id}`, { company_name: null });
      expect(cleared.status).toBe(400);
      const blank = await t.api('PATCH', `/api/v1/companies/${c.company_id}`, { company_name: '   ' });
      expect(blank.status).toBe(400);
      expect((await t.api('GET', `/api/v1/companies/${c.company_id}`)).body.company_name).toBe(
        c.company_name,
      );
    });

    it('updates partially and refuses a stale If-Match with 412, changing nothing', async () => {
      const c = await createCompany(t, { industry: 'Retail' });
      const first = await t.api('GET', `/api/v1/companies/${c.company_id}`);
      const etag = first.headers.etag as string;
      const ok = await t.api(
        'PATCH',
        `/api/v1/companies/${c.company_id}`,
        { website: 'a.example' },
        { 'if-match': etag },
      );
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({
        website: 'a.example',
        industry: 'Retail',
        company_name: c.company_name,
      });
      expect(ok.headers.etag).not.toBe(etag);
      const stale = await t.api(
        'PATCH',
        `/api/v1/companies/${c.company_id}`,
        { website: 'b.example' },
        { 'if-match': etag },
      );
      expect(stale.status).toBe(412);
      expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
      const now = await t.api('GET', `/api/v1/companies/${c.company_id}`);
      expect(now.body.website).toBe('a.example');
      expect(now.headers.etag).toBe(ok.headers.etag);
      const fresh = await t.api(
        'PATCH',
        `/api/v1/companies/${c.company_id}`,
        { industry: null },
        { 'if-match': now.headers.etag as string },
      );
      expect(fresh.status).toBe(200);
      expect(fresh.body.industry).toBeNull();
      expect((await t.api('PATCH', '/api/v1/companies/999999', { industry: 'X' })).status).toBe(404);
    });

    it('refuses delete with 409 naming referencing contacts and opportunities, deleting nothing', async () => {
      const c = await createCompany(t);
      const k1 = await createContact(t, { company_id: c.company_id });
      await createContact(t, { company_id: c.company_id });
      const o = await createOpportunity(t, { company_id: c.company_id });
      const refused = await t.api('DELETE', `/api/v1/companies/${c.company_id}`);
      expect(refused.status).toBe(409);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body.references).toEqual([
        { resource: 'contacts', count: 2 },
        { resource: 'opportunities', count: 1 },
      ]);
      expect(refused.body.detail).toContain('2 contacts, 1 opportunities');
      expect((await t.api('GET', `/api/v1/companies/${c.company_id}`)).status).toBe(200);
      expect((await t.api('GET', `/api/v1/contacts/${k1.contact_id}`)).body.company_id).toBe(c.company_id);
      expect((await t.api('GET', `/api/v1/opportunities/${o.opportunity_id}`)).body.company_id).toBe(
        c.company_id,
      );

      // once the references are gone it can be deleted
      await t.api('DELETE', `/api/v1/opportunities/${o.opportunity_id}`);
      const onlyContacts = await t.api('DELETE', `/api/v1/companies/${c.company_id}`);
      expect(onlyContacts.body.references).toEqual([{ resource: 'contacts', count: 2 }]);
      const lone = await createCompany(t);
      expect((await t.api('DELETE', `/api/v1/companies/${lone.company_id}`)).status).toBe(204);
      expect((await t.api('GET', `/api/v1/companies/${lone.company_id}`)).status).toBe(404);
      expect((await t.api('DELETE', `/api/v1/companies/${lone.company_id}`)).status).toBe(404);
    });
  });

  describe('lists', () => {
    it('sorts by company_name both ways and by created_at, the ID breaking ties', async () => {
      const owner = await createUser(t);
      const made: Record<string, number> = {};
      for (const n of ['Martin SA', 'Bernard SARL', 'Durand', 'Martin SA', 'Andre & Fils']) {
        const c = await createCompany(t, { company_name: n, owner_id: owner.user_id });
        made[n] = made[n] ?? c.company_id;
      }
      const base = `/api/v1/companies?owner_id=${owner.user_id}`;
      const asc = await t.api('GET', `${base}&sort=company_name`);
      expect(names(asc)).toEqual(['Andre & Fils', 'Bernard SARL', 'Durand', 'Martin SA', 'Martin SA']);
      const martins = ids(asc).slice(3);
      expect(martins[0]).toBe(made['Martin SA']);
      expect(martins[0]).toBeLessThan(martins[1]);
      // default sort is company_name
      expect(ids(await t.api('GET', base))).toEqual(ids(asc));
      const desc = await t.api('GET', `${base}&sort=-company_name`);
      expect(names(desc)).toEqual(['Martin SA', 'Martin SA', 'Durand', 'Bernard SARL', 'Andre & Fils']);
      expect(ids(desc).slice(0, 2)).toEqual([martins[1], martins[0]]);

      const byCreated = await t.api('GET', `${base}&sort=created_at`);
      const created = byCreated.body.data.map((c: { created_at: string }) => c.created_at);
      expect([...created].sort()).toEqual(created);
      expect(ids(byCreated)).toEqual([...ids(asc)].sort((a, b) => a - b));
      const newest = await t.api('GET', `${base}&sort=-created_at`);
      expect(ids(newest)).toEqual([...ids(byCreated)].reverse());
      expect((await t.api('GET', `${base}&sort=website`)).status).toBe(400);
    });

    it('walks keyset pages visiting every matching row once, even with inserts meanwhile', async () => {
      const owner = await createUser(t);
      const made: number[] = [];
      for (const n of ['Echo', 'Alpha', 'Delta', 'Charlie', 'Bravo', 'Alpha']) {
        made.push((await createCompany(t, { company_name: n, owner_id: owner.user_id })).company_id);
      }
      const seen: string[] = [];
      const seenIds: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/api/v1/companies?owner_id=${owner.user_id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await t.api('GET', url);
        expect(res.status).toBe(200);
        expect(res.body.data.length).toBeLessThanOrEqual(2);
        seen.push(...names(res));
        seenIds.push(...ids(res));
        cursor = res.body.next_cursor;
        // inserted before the current position: never seen; after it: seen once
        if (pages++ === 1) {
          await createCompany(t, { company_name: 'Aardvark', owner_id: owner.user_id });
          await createCompany(t, { company_name: 'Foxtrot', owner_id: owner.user_id });
        }
      } while (cursor);
      expect(seen).toEqual(['Alpha', 'Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot']);
      expect(new Set(seenIds).size).toBe(seenIds.length);
      for (const id of made) expect(seenIds).toContain(id);
      expect(pages).toBe(4);
    });

    it('filters on industry and owner_id exactly, alone and together', async () => {
      const a = await createUser(t);
      const b = await createUser(t);
      const industry = `Aero${uniq()}`;
      const c1 = await createCompany(t, { industry, owner_id: a.user_id });
      const c2 = await createCompany(t, { industry, owner_id: b.user_id });
      const c3 = await createCompany(t, { industry: 'Other', owner_id: a.user_id });
      const byIndustry = await t.api('GET', `/api/v1/companies?industry=${industry}&sort=created_at`);
      expect(ids(byIndustry)).toEqual([c1.company_id, c2.company_id]);
      const byOwner = await t.api('GET', `/api/v1/companies?owner_id=${a.user_id}&sort=created_at`);
      expect(ids(byOwner)).toEqual([c1.company_id, c3.company_id]);
      const both = await t.api('GET', `/api/v1/companies?owner_id=${b.user_id}&industry=${industry}`);
      expect(ids(both)).toEqual([c2.company_id]);
      const none = await t.api('GET', `/api/v1/companies?owner_id=${b.user_id}&industry=Other`);
      expect(none.body).toEqual({ data: [], next_cursor: null });
      expect((await t.api('GET', '/api/v1/companies?industri=Other')).status).toBe(400);
    });

    it('searches company names by word starts, ignoring case and accents', async () => {
      const tag = uniq();
      const sg = await createCompany(t, { company_name: `Société Générale ${tag}` });
      const ef = await createCompany(t, { company_name: `Électricité de France ${tag}` });
      const find = async (q: string) =>
        ids(await t.api('GET', `/api/v1/companies?q=${encodeURIComponent(q)}&sort=created_at`));
      expect(await find(`societe ${tag}`)).toEqual([sg.company_id]);
      expect(await find(`GÉNÉRALE ${tag}`)).toEqual([sg.company_id]);
      expect(await find(`gen soc ${tag}`)).toEqual([sg.company_id]);
      expect(await find(`electricite ${tag}`)).toEqual([ef.company_id]);
      expect(await find(`${tag}`)).toEqual([sg.company_id, ef.company_id]);
      expect(await find(`ciete ${tag}`)).toEqual([]);
      expect(await find(`societe france ${tag}`)).toEqual([]);
      // a rename is searchable at once
      await t.api('PATCH', `/api/v1/companies/${sg.company_id}`, { company_name: `Crédit Agricole ${tag}` });
      expect(await find(`credit ${tag}`)).toEqual([sg.company_id]);
      expect(await find(`societe ${tag}`)).toEqual([]);
    });
  });

  describe('related lists', () => {
    it('lists a company contacts and opportunities, with sort and paging; 404 for a missing company', async () => {
      const c = await createCompany(t);
      const other = await createCompany(t);
      const k1 = await createContact(t, { company_id: c.company_id, last_name: 'Zola' });
      const k2 = await createContact(t, { company_id: c.company_id, last_name: 'Arnaud' });
      await createContact(t, { company_id: other.company_id });
      const o1 = await createOpportunity(t, { company_id: c.company_id, deal_value: 100 });
      const o2 = await createOpportunity(t, { company_id: c.company_id, deal_value: 50 });
      await createOpportunity(t, { company_id: other.company_id });

      const contacts = await t.api('GET', `/api/v1/companies/${c.company_id}/contacts`);
      expect(contacts.status).toBe(200);
      expect(contacts.body.data.map((x: { contact_id: number }) => x.contact_id)).toEqual([
        k2.contact_id,
        k1.contact_id,
      ]);
      expect(contacts.body.next_cursor).toBeNull();
      const contactsDesc = await t.api('GET', `/api/v1/companies/${c.company_id}/contacts?sort=-last_name`);
      expect(contactsDesc.body.data.map((x: { contact_id: number }) => x.contact_id)).toEqual([
        k1.contact_id,
        k2.contact_id,
      ]);

      const opps = await t.api('GET', `/api/v1/companies/${c.company_id}/opportunities?sort=deal_value`);
      expect(opps.body.data.map((x: { opportunity_id: number }) => x.opportunity_id)).toEqual([
        o2.opportunity_id,
        o1.opportunity_id,
      ]);
      const page1 = await t.api('GET', `/api/v1/companies/${c.company_id}/opportunities?limit=1`);
      // default opportunity order: newest first
      expect(page1.body.data.map((x: { opportunity_id: number }) => x.opportunity_id)).toEqual([
        o2.opportunity_id,
      ]);
      const page2 = await t.api(
        'GET',
        `/api/v1/companies/${c.company_id}/opportunities?limit=1&cursor=${page1.body.next_cursor}`,
      );
      expect(page2.body).toEqual({
        data: [expect.objectContaining({ opportunity_id: o1.opportunity_id })],
        next_cursor: null,
      });

      const empty = await createCompany(t);
      expect((await t.api('GET', `/api/v1/companies/${empty.company_id}/contacts`)).body).toEqual({
        data: [],
        next_cursor: null,
      });
      expect((await t.api('GET', '/api/v1/companies/999999/contacts')).status).toBe(404);
      expect((await t.api('GET', '/api/v1/companies/999999/opportunities')).status).toBe(404);
      // the parent is fixed by the path, not a filter
      expect(
        (await t.api('GET', `/api/v1/companies/${c.company_id}/contacts?company_id=${other.company_id}`))
          .status,
      ).toBe(400);
    });

    it('lists a company interactions and tasks: through its contacts or its opportunities, once each', async () => {
      const acme = await createCompany(t);
      const other = await createCompany(t);
      const atAcme = await createContact(t, { company_id: acme.company_id });
      const atOther = await createContact(t, { company_id: other.company_id });
      const nowhere = await createContact(t);
      const acmeDeal = await createOpportunity(t, { company_id: acme.company_id });
      const otherDeal = await createOpportunity(t, { company_id: other.company_id });
      const at = (d: string) => `2026-0${d}T10:00:00.000Z`;

      // through the contact; through the opportunity (the contact is elsewhere); through both
      const byContact = await createInteraction(t, {
        contact_id: atAcme.contact_id,
        interaction_type: 'email',
        interaction_date: at('1-01'),
      });
      const byDeal = await createInteraction(t, {
        contact_id: atOther.contact_id,
        opportunity_id: acmeDeal.opportunity_id,
        interaction_date: at('2-01'),
      });
      const byBoth = await createInteraction(t, {
        contact_id: atAcme.contact_id,
        opportunity_id: acmeDeal.opportunity_id,
        interaction_date: at('3-01'),
      });
      await createInteraction(t, { contact_id: nowhere.contact_id, interaction_date: at('4-01') });
      const otherOnly = await createInteraction(t, {
        contact_id: atOther.contact_id,
        opportunity_id: otherDeal.opportunity_id,
        interaction_date: at('5-01'),
      });

      const iids = (res: { body: { data: { interaction_id: number }[] } }) =>
        res.body.data.map((x) => x.interaction_id);
      const base = `/api/v1/companies/${acme.company_id}/interactions`;
      // newest first by default, each once, a page at a time
      const page1 = await t.api('GET', `${base}?limit=2`);
      expect(page1.status).toBe(200);
      expect(iids(page1)).toEqual([byBoth.interaction_id, byDeal.interaction_id]);
      const page2 = await t.api('GET', `${base}?limit=2&cursor=${page1.body.next_cursor}`);
      expect(iids(page2)).toEqual([byContact.interaction_id]);
      expect(page2.body.next_cursor).toBeNull();
      expect(iids(await t.api('GET', `${base}?sort=interaction_date`))).toEqual([
        byContact.interaction_id,
        byDeal.interaction_id,
        byBoth.interaction_id,
      ]);
      // the interactions' own filters still apply
      expect(iids(await t.api('GET', `${base}?interaction_type=email`))).toEqual([byContact.interaction_id]);
      expect(iids(await t.api('GET', `${base}?contact_id=${atOther.contact_id}`))).toEqual([
        byDeal.interaction_id,
      ]);
      // an interaction with a contact of one company about another's deal is in both timelines
      expect(iids(await t.api('GET', `/api/v1/companies/${other.company_id}/interactions`))).toEqual([
        otherOnly.interaction_id,
        byDeal.interaction_id,
      ]);

      const title = `Relancer ${uniq()}`;
      const taskByContact = await createTask(t, {
        contact_id: atAcme.contact_id,
        due_at: at('1-10'),
        title,
      });
      const taskByDeal = await createTask(t, { opportunity_id: acmeDeal.opportunity_id, due_at: at('1-20') });
      const taskByBoth = await createTask(t, {
        contact_id: atAcme.contact_id,
        opportunity_id: acmeDeal.opportunity_id,
        due_at: at('1-05'),
      });
      await createTask(t, { title: `Seule ${uniq()}` });
      await createTask(t, { contact_id: atOther.contact_id, opportunity_id: otherDeal.opportunity_id });
      const tids = (res: { body: { data: { task_id: number }[] } }) => res.body.data.map((x) => x.task_id);
      const tasks = `/api/v1/companies/${acme.company_id}/tasks`;
      // the tasks' default order: by due date
      expect(tids(await t.api('GET', tasks))).toEqual([
        taskByBoth.task_id,
        taskByContact.task_id,
        taskByDeal.task_id,
      ]);
      const first = await t.api('GET', `${tasks}?limit=1&sort=-due_at`);
      expect(tids(first)).toEqual([taskByDeal.task_id]);
      const rest = await t.api('GET', `${tasks}?limit=5&sort=-due_at&cursor=${first.body.next_cursor}`);
      expect(tids(rest)).toEqual([taskByContact.task_id, taskByBoth.task_id]);
      await t.api('PATCH', `/api/v1/tasks/${taskByDeal.task_id}`, { status: 'done' });
      expect(tids(await t.api('GET', `${tasks}?status=open`))).toEqual([
        taskByBoth.task_id,
        taskByContact.task_id,
      ]);
      expect(tids(await t.api('GET', `${tasks}?q=${encodeURIComponent(title)}`))).toEqual([
        taskByContact.task_id,
      ]);

      const empty = await createCompany(t);
      for (const child of ['interactions', 'tasks']) {
        expect((await t.api('GET', `/api/v1/companies/${empty.company_id}/${child}`)).body).toEqual({
          data: [],
          next_cursor: null,
        });
        expect((await t.api('GET', `/api/v1/companies/999999/${child}`)).status).toBe(404);
        // interactions have no company_id: the company is the path's, not a filter (a task's
        // company_id is a filter: the tasks about the company itself)
        expect(
          (await t.api('GET', `/api/v1/companies/${acme.company_id}/${child}?company_id=${acme.company_id}`))
            .status,
        ).toBe(child === 'interactions' ? 400 : 200);
      }
    });
  });
});

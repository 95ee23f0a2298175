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

type Opp = { opportunity_id: number; deal_value: number | null; stage: string };
const ids = (res: { body: { data: Opp[] } }) => res.body.data.map((o) => o.opportunity_id);

describeEachDialect('opportunities', (t) => {
  describe('create, read, update, delete', () => {
    it('creates an opportunity: 201, Location, ETag, the contract fields, stage defaulting to the first open stage', async () => {
      const company = await createCompany(t);
      const contact = await createContact(t, { company_id: company.company_id });
      const res = await t.api('POST', '/api/v1/opportunities', {
        opportunity_name: ' Renouvellement licences ',
        company_id: company.company_id,
        contact_id: contact.contact_id,
        deal_value: 12000,
      });
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/api/v1/opportunities/${res.body.opportunity_id}`);
      expect(res.headers.etag).toMatch(/^"[^"]+"$/);
      expect(Object.keys(res.body).sort()).toEqual(
        [
          'closed_at',
          'company_id',
          'contact_id',
          'created_at',
          'custom_fields',
          'deal_value',
          'expected_close_date',
          'lost_reason',
          'opportunity_id',
          'opportunity_name',
          'owner_id',
          'stage',
          'updated_at',
          'probability',
        ].sort(),
      );
      expect(res.body).toMatchObject({
        opportunity_name: 'Renouvellement licences',
        stage: 'Prospection',
        deal_value: 12000,
        expected_close_date: null,
        owner_id: t.admin.user_id, // the owner defaults to the creator
      });
      const got = await t.api('GET', res.headers.location as string);
      expect(got.body).toEqual(res.body);
      expect(got.headers.etag).toBe(res.headers.etag);
      const missing = await t.api('POST', '/api/v1/opportunities', { deal_value: 5 });
      expect(missing.status).toBe(400);
      expect(missing.body.errors).toEqual([
        { field: 'opportunity_name', code: 'required', message: 'is required' },
      ]);
    });

    it('keeps deal values exact: 99999999.99 and "1234.50" come back as the JSON numbers 99999999.99 and 1234.5', async () => {
      const max = await createOpportunity(t, { deal_value: 99999999.99 });
      const str = await createOpportunity(t, { deal_value: '1234.50' });
      const cents = await createOpportunity(t, { deal_value: 0.07 });
      for (const [o, want] of [
        [max, '99999999.99'],
        [str, '1234.5'],
        [cents, '0.07'],
      ] as const) {
        const got = await t.api('GET', `/api/v1/opportunities/${o.opportunity_id}`);
        expect(got.raw.body).toContain(`"deal_value":${want},`);
        expect(got.body.deal_value).toBe(Number(want));
      }
      for (const bad of [100000000, -1, 1.234, '12,50', '1e3']) {
        const res = await t.api('POST', '/api/v1/opportunities', { opportunity_name: 'X', deal_value: bad });
        expect(res.status, String(bad)).toBe(400);
      }
      const cleared = await t.api('PATCH', `/api/v1/opportunities/${str.opportunity_id}`, {
        deal_value: null,
      });
      expect(cleared.body.deal_value).toBeNull();
    });

    it('refuses an unknown stage with 400 naming the configured ones, on create and update', async () => {
      const res = await t.api('POST', '/api/v1/opportunities', { opportunity_name: 'X', stage: 'Gagné' });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        {
          field: 'stage',
          code: 'unknown_stage',
          message:
            'unknown stage "Gagné"; configured: Prospection, Qualification, Proposition, En négociation, Fermée gagnée, Fermée perdue',
          allowed: [
            'Prospection',
            'Qualification',
            'Proposition',
            'En négociation',
            'Fermée gagnée',
            'Fermée perdue',
          ],
        },
      ]);
      // stage names are matched exactly
      const lower = await t.api('POST', '/api/v1/opportunities', {
        opportunity_name: 'X',
        stage: 'prospection',
      });
      expect(lower.status).toBe(400);
      const o = await createOpportunity(t, { stage: 'En négociation' });
      expect(o.stage).toBe('En négociation');
      expect(
        (await t.api('PATCH', `/api/v1/opportunities/${o.opportunity_id}`, { stage: 'Nope' })).status,
      ).toBe(400);
      expect(
        (await t.api('PATCH', `/api/v1/opportunities/${o.opportunity_id}`, { stage: null })).status,
      ).toBe(400);
      const moved = await t.api('PATCH', `/api/v1/opportunities/${o.opportunity_id}`, {
        stage: 'Fermée gagnée',
      });
      expect(moved.status).toBe(200);
      expect(moved.body.stage).toBe('Fermée gagnée');
    });

    it('round-trips expected_close_date as a plain date, with no time zone shift', async () => {
      for (const d of ['2026-01-01', '2026-12-31', '2028-02-29']) {
        const o = await createOpportunity(t, { expected_close_date: d });
        expect(o.expected_close_date).toBe(d);
        expect(
          (await t.api('GET', `/api/v1/opportunities/${o.opportunity_id}`)).body.expected_close_date,
        ).toBe(d);
      }
      const o = await createOpportunity(t);
      const set = await t.api('PATCH', `/api/v1/opportunities/${o.opportunity_id}`, {
        expected_close_date: '2027-06-30',
      });
      expect(set.body.expected_close_date).toBe('2027-06-30');
      const bad = await t.api('PATCH', `/api/v1/opportunities/${o.opportunity_id}`, {
        expected_close_date: '2027-02-30',
      });
      expect(bad.status).toBe(400);
      const filtered = await t.api('GET', `/api/v1/opportunities?expected_close_date=2027-06-30`);
      expect(ids(filtered)).toContain(o.opportunity_id);
    });

    it('updates partially and refuses a stale If-Match with 412, changing nothing', async () => {
      const o = await createOpportunity(t, { deal_value: 10 });
      const first = await t.api('GET', `/api/v1/opportunities/${o.opportunity_id}`);
      const etag = first.headers.etag as string;
      const ok = await t.api(
        'PATCH',
        `/api/v1/opportunities/${o.opportunity_id}`,
        { deal_value: 20 },
        { 'if-match': etag },
      );
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({
        deal_value: 20,
        opportunity_name: o.opportunity_name,
        stage: 'Prospection',
      });
      const stale = await t.api(
        'PATCH',
        `/api/v1/opportunities/${o.opportunity_id}`,
        { deal_value: 30 },
        { 'if-match': etag },
      );
      expect(stale.status).toBe(412);
      expect((await t.api('GET', `/api/v1/opportunities/${o.opportunity_id}`)).body.deal_value).toBe(20);
    });

    it('refuses delete with 409 while tasks and interactions reference it, deleting nothing', async () => {
      const o = await createOpportunity(t);
      const task = await createTask(t, { opportunity_id: o.opportunity_id });
      await createTask(t, { opportunity_id: o.opportunity_id });
      await createInteraction(t, { opportunity_id: o.opportunity_id });
      const refused = await t.api('DELETE', `/api/v1/opportunities/${o.opportunity_id}`);
      expect(refused.status).toBe(409);
      expect(refused.body.references).toEqual([
        { resource: 'interactions', count: 1 },
        { resource: 'tasks', count: 2 },
      ]);
      expect((await t.api('GET', `/api/v1/opportunities/${o.opportunity_id}`)).status).toBe(200);
      expect((await t.api('GET', `/api/v1/tasks/${task.task_id}`)).body.opportunity_id).toBe(
        o.opportunity_id,
      );

      const lone = await createOpportunity(t);
      expect((await t.api('DELETE', `/api/v1/opportunities/${lone.opportunity_id}`)).status).toBe(204);
      expect((await t.api('GET', `/api/v1/opportunities/${lone.opportunity_id}`)).status).toBe(404);
    });
  });

  describe('lists', () => {
    it('filters on stage, company_id and owner_id exactly', async () => {
      const owner = await createUser(t);
      const other = await createUser(t);
      const company = await createCompany(t);
      const a = await createOpportunity(t, {
        owner_id: owner.user_id,
        stage: 'En négociation',
        company_id: company.company_id,
      });
      const b = await createOpportunity(t, { owner_id: owner.user_id, stage: 'Qualification' });
      const c = await createOpportunity(t, {
        owner_id: other.user_id,
        stage: 'En négociation',
        company_id: company.company_id,
      });
      const get = async (qs: string) =>
        ids(await t.api('GET', `/api/v1/opportunities?sort=created_at&${qs}`));
      expect(await get(`owner_id=${owner.user_id}`)).toEqual([a.opportunity_id, b.opportunity_id]);
      expect(await get(`company_id=${company.company_id}`)).toEqual([a.opportunity_id, c.opportunity_id]);
      expect(await get(`owner_id=${owner.user_id}&stage=${encodeURIComponent('En négociation')}`)).toEqual([
        a.opportunity_id,
      ]);
      expect(await get(`owner_id=${other.user_id}&stage=Qualification`)).toEqual([]);
      expect(await get(`company_id=${company.company_id}&owner_id=${other.user_id}`)).toEqual([
        c.opportunity_id,
      ]);
    });

    it('sorts by deal_value both ways, NULL first ascending and last descending', async () => {
      const owner = await createUser(t);
      const made: Opp[] = [];
      for (const v of [500, null, 20.5, '1000.00', 20.5, null])
        made.push(await createOpportunity(t, { deal_value: v, owner_id: owner.user_id }));
      const base = `/api/v1/opportunities?owner_id=${owner.user_id}`;
      const asc = await t.api('GET', `${base}&sort=deal_value`);
      expect(asc.body.data.map((o: Opp) => o.deal_value)).toEqual([null, null, 20.5, 20.5, 500, 1000]);
      expect(ids(asc)).toEqual([1, 5, 2, 4, 0, 3].map((i) => made[i].opportunity_id));
      const desc = await t.api('GET', `${base}&sort=-deal_value&limit=3`);
      expect(desc.body.data.map((o: Opp) => o.deal_value)).toEqual([1000, 500, 20.5]);
      const rest = await t.api('GET', `${base}&sort=-deal_value&limit=3&cursor=${desc.body.next_cursor}`);
      expect(rest.body.data.map((o: Opp) => o.deal_value)).toEqual([20.5, null, null]);
      expect(ids(rest)).toEqual([2, 5, 1].map((i) => made[i].opportunity_id));
      expect(rest.body.next_cursor).toBeNull();
      // walking ascending pages of one row each visits every row once
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const res = await t.api('GET', `${base}&sort=deal_value&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...ids(res));
        cursor = res.body.next_cursor;
      } while (cursor);
      expect(seen).toEqual(ids(asc));
    });

    it('searches the deal name, its company and its contact', async () => {
      const tag = uniq();
      const company = await createCompany(t, { company_name: `Crédit Mutuel ${tag}` });
      const contact = await createContact(t, { first_name: 'Éloïse', last_name: `Bézier${tag}` });
      const o = await createOpportunity(t, {
        opportunity_name: `Migration ERP ${tag}`,
        company_id: company.company_id,
        contact_id: contact.contact_id,
      });
      const find = async (q: string) =>
        ids(await t.api('GET', `/api/v1/opportunities?q=${encodeURIComponent(q)}`));
      expect(await find(`migration ${tag}`)).toEqual([o.opportunity_id]);
      expect(await find(`credit mut ${tag}`)).toEqual([o.opportunity_id]);
      expect(await find(`eloise bezier${tag}`)).toEqual([o.opportunity_id]);
      expect(await find(`igration ${tag}`)).toEqual([]);
    });
  });

  describe('related lists', () => {
    it('lists an opportunity tasks and interactions; 404 for a missing opportunity', async () => {
      const o = await createOpportunity(t);
      const other = await createOpportunity(t);
      const t1 = await createTask(t, { opportunity_id: o.opportunity_id, due_at: '2026-05-02T08:00:00Z' });
      const t2 = await createTask(t, { opportunity_id: o.opportunity_id, due_at: '2026-05-01T08:00:00Z' });
      await createTask(t, { opportunity_id: other.opportunity_id });
      const contact = await createContact(t);
      const i1 = await createInteraction(t, {
        contact_id: contact.contact_id,
        opportunity_id: o.opportunity_id,
        interaction_date: '2026-01-10T10:00:00Z',
      });
      const i2 = await createInteraction(t, {
        contact_id: contact.contact_id,
        opportunity_id: o.opportunity_id,
        interaction_date: '2026-02-10T10:00:00Z',
      });
      await createInteraction(t, { contact_id: contact.contact_id });

      const tasks = await t.api('GET', `/api/v1/opportunities/${o.opportunity_id}/tasks`);
      expect(tasks.status).toBe(200);
      expect(tasks.body.data.map((x: { task_id: number }) => x.task_id)).toEqual([t2.task_id, t1.task_id]);
      expect(tasks.body.next_cursor).toBeNull();
      const inter = await t.api('GET', `/api/v1/opportunities/${o.opportunity_id}/interactions`);
      expect(inter.body.data.map((x: { interaction_id: number }) => x.interaction_id)).toEqual([
        i2.interaction_id,
        i1.interaction_id,
      ]);
      const open = await t.api('GET', `/api/v1/opportunities/${o.opportunity_id}/tasks?status=done`);
      expect(open.body.data).toEqual([]);
      expect((await t.api('GET', '/api/v1/opportunities/999999/tasks')).status).toBe(404);
      expect((await t.api('GET', '/api/v1/opportunities/999999/interactions')).status).toBe(404);
    });
  });
});

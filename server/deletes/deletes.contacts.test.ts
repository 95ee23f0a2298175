import { describe, expect, it } from 'vitest';
import {
  createCompany,
  createContact,
  createInteraction,
  createOpportunity,
  createTask,
} from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';
import { auditsOf, countOf, rowsOf } from './deletes.helpers.js';

const C = '/api/v1/contacts';

describeEachDialect('deleting contacts with their history', (t) => {
  /** a contact with 2 interactions, 1 task and 1 deal (which has a task of its own and another contact's note) */
  async function contactWithHistory(over: Record<string, unknown> = {}) {
    const c = await createContact(t, over);
    const deal = await createOpportunity(t, { contact_id: c.contact_id, ...over });
    const notes = [
      await createInteraction(t, { contact_id: c.contact_id, opportunity_id: deal.opportunity_id }),
      await createInteraction(t, { contact_id: c.contact_id }),
    ];
    const task = await createTask(t, { contact_id: c.contact_id });
    const other = await createContact(t);
    const otherNote = await createInteraction(t, {
      contact_id: other.contact_id,
      opportunity_id: deal.opportunity_id,
    });
    const dealTask = await createTask(t, { opportunity_id: deal.opportunity_id });
    return {
      id: c.contact_id as number,
      deal: deal.opportunity_id as number,
      notes: notes.map((n) => n.interaction_id as number),
      task: task.task_id as number,
      otherNote: otherNote.interaction_id as number,
      dealTask: dealTask.task_id as number,
    };
  }

  describe('without options', () => {
    it('is a 409 naming the counts and the options, and changes nothing', async () => {
      const h = await contactWithHistory();
      const res = await t.api('DELETE', `${C}/${h.id}`);
      expect(res.status).toBe(409);
      expect(res.body.type).toBe('/problems/still-referenced');
      expect(res.body.references).toEqual([
        { resource: 'opportunities', count: 1 },
        { resource: 'interactions', count: 2 },
        { resource: 'tasks', count: 1 },
      ]);
      expect(res.body.options).toEqual({
        opportunities: ['unlink', 'delete'],
        interactions: ['delete'],
        tasks: ['delete'],
      });
      expect(res.body.detail).toContain('interactions=delete');
      expect(await countOf(t, 'contacts', [h.id])).toBe(1);
      expect(await countOf(t, 'interactions', h.notes)).toBe(2);

      // a choice for some kinds only: the 409 names what is left
      const part = await t.api('DELETE', `${C}/${h.id}?interactions=delete`);
      expect(part.status).toBe(409);
      expect(part.body.references).toEqual([
        { resource: 'opportunities', count: 1 },
        { resource: 'tasks', count: 1 },
      ]);
      expect(await countOf(t, 'interactions', h.notes)).toBe(2);
    });

    it('refuses unknown parameters and values with 400 naming them', async () => {
      const c = await createContact(t);
      const cases: [string, string, string][] = [
        ['interactions=keep', 'interactions', 'invalid_choice'],
        ['opportunities=archive', 'opportunities', 'invalid_choice'],
        ['tasks=unlink', 'tasks', 'invalid_choice'],
        ['contacts=delete', 'contacts', 'unknown_field'],
        ['with=interactions', 'with', 'unknown_field'],
        ['interactions=delete&interactions=delete', 'interactions', 'invalid_choice'],
      ];
      for (const [query, field, code] of cases) {
        const res = await t.api('DELETE', `${C}/${c.contact_id}?${query}`);
        expect(res.status, query).toBe(400);
        expect(res.body.errors?.[0], query).toMatchObject({ field, code });
      }
      expect(await countOf(t, 'contacts', [c.contact_id])).toBe(1);
    });
  });

  describe('with options', () => {
    it('deletes the interactions and tasks and unlinks the deal, each audited', async () => {
      const h = await contactWithHistory();
      const res = await t.api('DELETE', `${C}/${h.id}?interactions=delete&tasks=delete&opportunities=unlink`);
      expect(res.status, JSON.stringify(res.body)).toBe(204);
      expect(await countOf(t, 'contacts', [h.id])).toBe(0);
      expect(await countOf(t, 'interactions', h.notes)).toBe(0);
      expect(await countOf(t, 'tasks', [h.task])).toBe(0);
      const [deal] = await rowsOf(t, 'opportunities', [h.deal]);
      expect(deal.contact_id).toBeNull();
      // the deal stays, so what else is about it keeps it
      expect((await rowsOf(t, 'interactions', [h.otherNote]))[0].opportunity_id).toBe(h.deal);
      expect((await rowsOf(t, 'tasks', [h.dealTask]))[0].opportunity_id).toBe(h.deal);

      expect(await auditsOf(t, 'contacts', 'delete', [h.id])).toHaveLength(1);
      expect(await auditsOf(t, 'interactions', 'delete', h.notes)).toHaveLength(2);
      expect(await auditsOf(t, 'tasks', 'delete', [h.task])).toHaveLength(1);
      const [unlinked] = await auditsOf(t, 'opportunities', 'update', [h.deal]);
      expect(unlinked.changes.contact_id).toEqual([h.id, null]);
      expect(unlinked.user_id).toBe(t.admin.user_id);
    });

    it('deletes the deal too: what else was about it stays, without the deal', async () => {
      const h = await contactWithHistory();
      const before = await t.api('GET', '/api/v1/pipeline');
      const res = await t.api('DELETE', `${C}/${h.id}?interactions=delete&tasks=delete&opportunities=delete`);
      expect(res.status, JSON.stringify(res.body)).toBe(204);
      expect(await countOf(t, 'opportunities', [h.deal])).toBe(0);
      expect(await auditsOf(t, 'opportunities', 'delete', [h.deal])).toHaveLength(1);
      const [otherNote] = await rowsOf(t, 'interactions', [h.otherNote]);
      expect(otherNote.opportunity_id).toBeNull();
      const [dealTask] = await rowsOf(t, 'tasks', [h.dealTask]);
      expect(dealTask.opportunity_id).toBeNull();
      expect((await auditsOf(t, 'interactions', 'update', [h.otherNote]))[0].changes.opportunity_id).toEqual([
        h.deal,
        null,
      ]);
      expect((await auditsOf(t, 'tasks', 'update', [h.dealTask]))[0].changes.opportunity_id).toEqual([
        h.deal,
        null,
      ]);
      // the pipeline's totals follow the deleted deal
      const after = await t.api('GET', '/api/v1/pipeline');
      const total = (b: { data: { count: number }[] }) => b.data.reduce((s, x) => s + x.count, 0);
      expect(total(after.body)).toBe(total(before.body) - 1);
    });

    it('a contact with nothing attached needs no options, and accepts them', async () => {
      const lone = await createContact(t);
      expect((await t.api('DELETE', `${C}/${lone.contact_id}?opportunities=delete`)).status).toBe(204);
      expect((await t.api('DELETE', `${C}/${lone.contact_id}`)).status).toBe(404);
    });
  });

  describe('authorization per attached record', () => {
    it("refuses a sales user another owner's deal, naming it, and rolls everything back", async () => {
      const sales = await t.member('sales');
      const other = await t.member('sales');
      const c = await createContact(t, { owner_id: sales.user_id });
      const note = await createInteraction(t, { contact_id: c.contact_id, user_id: sales.user_id });
      const deal = await createOpportunity(t, { contact_id: c.contact_id, owner_id: other.user_id });
      for (const choice of ['delete', 'unlink']) {
        const res = await sales.api(
          'DELETE',
          `${C}/${c.contact_id}?interactions=delete&opportunities=${choice}`,
        );
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('not_owner');
        expect(res.body.record).toEqual({ resource: 'opportunities', id: deal.opportunity_id });
        expect(res.body.detail).toContain(`opportunity ${deal.opportunity_id}`);
      }
      // the interaction deleted before the refusal is back: one transaction
      expect(await countOf(t, 'interactions', [note.interaction_id])).toBe(1);
      expect(await countOf(t, 'contacts', [c.contact_id])).toBe(1);
      expect((await rowsOf(t, 'opportunities', [deal.opportunity_id]))[0].contact_id).toBe(c.contact_id);
      expect(await auditsOf(t, 'interactions', 'delete', [note.interaction_id])).toEqual([]);

      // their own deal is theirs to delete
      const mine = await createContact(t, { owner_id: sales.user_id });
      const myDeal = await createOpportunity(t, { contact_id: mine.contact_id, owner_id: sales.user_id });
      const ok = await sales.api('DELETE', `${C}/${mine.contact_id}?opportunities=delete`);
      expect(ok.status).toBe(204);
      expect(await countOf(t, 'opportunities', [myDeal.opportunity_id])).toBe(0);
    });

    it('refuses a viewer, and sales on another owner contact, before anything else', async () => {
      const viewer = await t.member('viewer');
      const sales = await t.member('sales');
      const h = await contactWithHistory();
      const opts = 'interactions=delete&tasks=delete&opportunities=delete';
      const v = await viewer.api('DELETE', `${C}/${h.id}?${opts}`);
      expect(v.status).toBe(403);
      expect(v.body.code).toBe('role_not_allowed');
      const other = await createContact(t, { owner_id: t.admin.user_id });
      const s = await sales.api('DELETE', `${C}/${other.contact_id}?${opts}`);
      expect(s.status).toBe(403);
      expect(s.body.code).toBe('not_owner');
      expect(s.body.record).toBeUndefined();
      expect(await countOf(t, 'interactions', h.notes)).toBe(2);
    });
  });

  describe('dependents', () => {
    it('counts what is attached to one contact, or several summed', async () => {
      const h = await contactWithHistory();
      const one = await t.api('GET', `${C}/${h.id}/dependents`);
      expect(one.status).toBe(200);
      expect(one.body).toEqual({ opportunities: 1, interactions: 2, tasks: 1 });
      const lone = await createContact(t);
      const many = await t.api('GET', `${C}/dependents?ids=${h.id},${lone.contact_id},999999`);
      expect(many.status).toBe(200);
      expect(many.body).toEqual({ records: 2, opportunities: 1, interactions: 2, tasks: 1 });
      expect((await t.api('GET', `${C}/999999/dependents`)).status).toBe(404);
      expect((await t.api('GET', `${C}/dependents?ids=a`)).status).toBe(400);
      expect((await t.api('GET', `${C}/dependents`)).status).toBe(400);
      const viewer = await t.member('viewer');
      expect((await viewer.api('GET', `${C}/${h.id}/dependents`)).status).toBe(200);
      // a company's contacts are not a contact's dependents
      const co = await createCompany(t);
      expect((await t.api('GET', `/api/v1/companies/${co.company_id}/dependents`)).body).toEqual({
        contacts: 0,
        opportunities: 0,
        interactions: 0,
        tasks: 0,
      });
    });
  });
});

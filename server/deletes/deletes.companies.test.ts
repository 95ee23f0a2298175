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

const CO = '/api/v1/companies';

describeEachDialect('deleting companies with their history', (t) => {
  /** a company with 2 contacts (3 notes, 1 task), 1 deal, and one contact's deal at another company */
  async function companyWithHistory() {
    const co = await createCompany(t);
    const elsewhere = await createCompany(t);
    const people = [
      await createContact(t, { company_id: co.company_id }),
      await createContact(t, { company_id: co.company_id }),
    ].map((c) => c.contact_id as number);
    const deal = await createOpportunity(t, { company_id: co.company_id, contact_id: people[0] });
    const sideDeal = await createOpportunity(t, { company_id: elsewhere.company_id, contact_id: people[1] });
    const notes = [
      await createInteraction(t, { contact_id: people[0], opportunity_id: deal.opportunity_id }),
      await createInteraction(t, { contact_id: people[0] }),
      await createInteraction(t, { contact_id: people[1] }),
    ].map((n) => n.interaction_id as number);
    const task = (await createTask(t, { contact_id: people[1] })).task_id as number;
    const outsider = await createContact(t);
    const outsiderNote = (
      await createInteraction(t, { contact_id: outsider.contact_id, opportunity_id: deal.opportunity_id })
    ).interaction_id as number;
    return {
      id: co.company_id as number,
      people,
      deal: deal.opportunity_id as number,
      sideDeal: sideDeal.opportunity_id as number,
      notes,
      task,
      outsiderNote,
    };
  }

  it('counts what is attached: contacts, deals, and the contacts’ interactions and tasks', async () => {
    const h = await companyWithHistory();
    const res = await t.api('GET', `${CO}/${h.id}/dependents`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ contacts: 2, opportunities: 1, interactions: 3, tasks: 1 });
    const lone = await createCompany(t);
    const many = await t.api('GET', `${CO}/dependents?ids=${h.id},${lone.company_id}`);
    expect(many.body).toEqual({ records: 2, contacts: 2, opportunities: 1, interactions: 3, tasks: 1 });
  });

  it('without options: the same 409 as before, naming contacts and deals and how to choose', async () => {
    const h = await companyWithHistory();
    const res = await t.api('DELETE', `${CO}/${h.id}`);
    expect(res.status).toBe(409);
    expect(res.body.references).toEqual([
      { resource: 'contacts', count: 2 },
      { resource: 'opportunities', count: 1 },
    ]);
    expect(res.body.options).toEqual({ contacts: ['unlink', 'delete'], opportunities: ['unlink', 'delete'] });
    // deleting the contacts reaches their interactions and tasks, which then need a choice too
    const deeper = await t.api('DELETE', `${CO}/${h.id}?contacts=delete&opportunities=unlink`);
    expect(deeper.status).toBe(409);
    expect(deeper.body.references).toEqual([
      { resource: 'interactions', count: 3 },
      { resource: 'tasks', count: 1 },
    ]);
    expect(await countOf(t, 'contacts', h.people)).toBe(2);
    expect((await t.api('DELETE', `${CO}/${h.id}?contacts=keep`)).status).toBe(400);
  });

  it('unlinks contacts and deals: they stay, without the company, each audited', async () => {
    const h = await companyWithHistory();
    const res = await t.api('DELETE', `${CO}/${h.id}?contacts=unlink&opportunities=unlink`);
    expect(res.status, JSON.stringify(res.body)).toBe(204);
    expect(await countOf(t, 'companies', [h.id])).toBe(0);
    const people = await rowsOf(t, 'contacts', h.people);
    expect(people.map((p) => p.company_id)).toEqual([null, null]);
    const [deal] = await rowsOf(t, 'opportunities', [h.deal]);
    expect(deal.company_id).toBeNull();
    expect(Number(deal.contact_id)).toBe(h.people[0]);
    expect(await countOf(t, 'interactions', h.notes)).toBe(3);
    const updates = await auditsOf(t, 'contacts', 'update', h.people);
    expect(updates.map((u) => u.changes.company_id)).toEqual([
      [h.id, null],
      [h.id, null],
    ]);
    expect((await auditsOf(t, 'opportunities', 'update', [h.deal]))[0].changes.company_id).toEqual([
      h.id,
      null,
    ]);
    expect(await auditsOf(t, 'companies', 'delete', [h.id])).toHaveLength(1);
  });

  it('deletes everything attached; a contact’s deal at another company and an outsider’s note only lose the link', async () => {
    const h = await companyWithHistory();
    const res = await t.api(
      'DELETE',
      `${CO}/${h.id}?contacts=delete&opportunities=delete&interactions=delete&tasks=delete`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(204);
    expect(await countOf(t, 'companies', [h.id])).toBe(0);
    expect(await countOf(t, 'contacts', h.people)).toBe(0);
    expect(await countOf(t, 'opportunities', [h.deal])).toBe(0);
    expect(await countOf(t, 'interactions', h.notes)).toBe(0);
    expect(await countOf(t, 'tasks', [h.task])).toBe(0);
    const [side] = await rowsOf(t, 'opportunities', [h.sideDeal]);
    expect(side.contact_id).toBeNull();
    expect(side.company_id).not.toBeNull();
    expect((await rowsOf(t, 'interactions', [h.outsiderNote]))[0].opportunity_id).toBeNull();
    expect(await auditsOf(t, 'contacts', 'delete', h.people)).toHaveLength(2);
    expect(await auditsOf(t, 'interactions', 'delete', h.notes)).toHaveLength(3);
    expect(await auditsOf(t, 'tasks', 'delete', [h.task])).toHaveLength(1);
    expect(await auditsOf(t, 'opportunities', 'delete', [h.deal])).toHaveLength(1);
    expect((await auditsOf(t, 'opportunities', 'update', [h.sideDeal]))[0].changes.contact_id).toEqual([
      h.people[1],
      null,
    ]);
  });

  describe('bulk', () => {
    it('deletes what it may, each record whole or not at all, and answers one summary', async () => {
      const sales = await t.member('sales');
      const mine = [];
      for (let i = 0; i < 3; i++) {
        const c = await createContact(t, { owner_id: sales.user_id });
        await createInteraction(t, { contact_id: c.contact_id, user_id: sales.user_id });
        mine.push(c.contact_id as number);
      }
      const bare = (await createContact(t, { owner_id: sales.user_id })).contact_id as number;
      const theirs = (await createContact(t, { owner_id: t.admin.user_id })).contact_id as number;
      const withDeal = (await createContact(t, { owner_id: sales.user_id })).contact_id as number;
      const deal = await createOpportunity(t, { contact_id: withDeal, owner_id: sales.user_id });
      const ids = [...mine, bare, theirs, withDeal, 999999, bare];

      const res = await sales.api('POST', '/api/v1/contacts/bulk-delete', { ids, interactions: 'delete' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({
        deleted: 4,
        interactions_deleted: 3,
        opportunities_deleted: 0,
        tasks_deleted: 0,
      });
      expect(res.body).not.toHaveProperty('contacts_deleted');
      expect(res.body.refused).toEqual([
        expect.objectContaining({ id: theirs, status: 403, type: 'forbidden', code: 'not_owner' }),
        expect.objectContaining({
          id: withDeal,
          status: 409,
          type: 'still-referenced',
          references: [{ resource: 'opportunities', count: 1 }],
          options: { opportunities: ['unlink', 'delete'] },
        }),
        expect.objectContaining({ id: 999999, status: 404, type: 'not-found' }),
      ]);
      expect(await countOf(t, 'contacts', [...mine, bare])).toBe(0);
      expect(await countOf(t, 'contacts', [theirs, withDeal])).toBe(2);
      expect(await countOf(t, 'opportunities', [deal.opportunity_id])).toBe(1);
      expect(await auditsOf(t, 'contacts', 'delete', [...mine, bare])).toHaveLength(4);
    });

    it('companies: the summary counts contacts too; a viewer and bad bodies are refused whole', async () => {
      const h = await companyWithHistory();
      const res = await t.api('POST', `${CO}/bulk-delete`, {
        ids: [h.id],
        contacts: 'unlink',
        opportunities: 'delete',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toEqual({
        deleted: 1,
        contacts_deleted: 0,
        contacts_unlinked: 2,
        opportunities_deleted: 1,
        opportunities_unlinked: 0,
        interactions_deleted: 0,
        interactions_unlinked: 2,
        tasks_deleted: 0,
        tasks_unlinked: 0,
        refused: [],
      });
      const viewer = await t.member('viewer');
      const other = await createCompany(t);
      const v = await viewer.api('POST', `${CO}/bulk-delete`, { ids: [other.company_id] });
      expect(v.status).toBe(403);
      for (const body of [
        {},
        { ids: [] },
        { ids: Array.from({ length: 201 }, (_, i) => i + 1) },
        { ids: [other.company_id], opportunities: 'archive' },
        { ids: [other.company_id], bogus: 1 },
        { ids: ['1'] },
      ]) {
        expect((await t.api('POST', `${CO}/bulk-delete`, body)).status, JSON.stringify(body)).toBe(400);
      }
      expect(await countOf(t, 'companies', [other.company_id])).toBe(1);
    });
  });
});

import { expect, it } from 'vitest';
import {
  createCompany,
  createContact,
  createInteraction,
  createOpportunity,
  createTask,
} from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';

describeEachDialect('GDPR', (t) => {
  async function person() {
    const company = await createCompany(t, { company_name: 'Gdpr SARL' });
    const contact = await createContact(t, {
      first_name: 'Éloïse',
      last_name: 'Privée',
      email: `eloise.${Date.now()}@example.fr`,
      company_id: company.company_id,
    });
    const interaction = await createInteraction(t, {
      contact_id: contact.contact_id,
      notes: 'Her private phone is 06 99 99 99 99',
    });
    const opportunity = await createOpportunity(t, {
      contact_id: contact.contact_id,
      company_id: company.company_id,
      deal_value: 1200,
    });
    const task = await createTask(t, { contact_id: contact.contact_id, title: 'Call Éloïse back' });
    await t.api('PATCH', `/api/v1/contacts/${contact.contact_id}`, { phone: '0611223344' });
    return { company, contact, interaction, opportunity, task };
  }

  it('exports everything held about a person', async () => {
    const p = await person();
    const res = await t.api('GET', `/api/v1/contacts/${p.contact.contact_id}/personal-data`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    expect(res.body.contact).toMatchObject({
      contact_id: p.contact.contact_id,
      first_name: 'Éloïse',
      phone: '0611223344',
    });
    expect(res.body.company.company_name).toBe('Gdpr SARL');
    expect(res.body.interactions.map((i: { notes: string }) => i.notes)).toEqual([
      'Her private phone is 06 99 99 99 99',
    ]);
    expect(res.body.opportunities.map((o: { opportunity_id: number }) => o.opportunity_id)).toEqual([
      p.opportunity.opportunity_id,
    ]);
    expect(res.body.tasks.map((x: { title: string }) => x.title)).toEqual(['Call Éloïse back']);
    expect(res.body.history.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(
      (await (await t.member('sales')).api('GET', `/api/v1/contacts/${p.contact.contact_id}/personal-data`))
        .status,
    ).toBe(403);
    expect((await t.api('GET', '/api/v1/contacts/999999/personal-data')).status).toBe(404);
  });

  it('erases the person and their interactions, keeps the deal, and an audit entry without personal data', async () => {
    const p = await person();
    const id = p.contact.contact_id;
    expect((await (await t.member('sales')).api('POST', `/api/v1/contacts/${id}/erase`)).status).toBe(403);
    const res = await t.api('POST', `/api/v1/contacts/${id}/erase`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      contact_id: id,
      interactions_deleted: 1,
      tasks_deleted: 1,
      opportunities_detached: 1,
      // no import quoted this person (gdpr.imports.test.ts has one that did)
      import_errors_scrubbed: 0,
      imports_scrubbed: 0,
    });
    expect((await t.api('GET', `/api/v1/contacts/${id}`)).status).toBe(404);
    expect((await t.api('GET', `/api/v1/interactions/${p.interaction.interaction_id}`)).status).toBe(404);
    expect((await t.api('GET', `/api/v1/tasks/${p.task.task_id}`)).status).toBe(404);
    const deal = await t.api('GET', `/api/v1/opportunities/${p.opportunity.opportunity_id}`);
    expect(deal.body).toMatchObject({ contact_id: null, deal_value: 1200 });

    const log = await t.api('GET', '/api/v1/audit-events?limit=200');
    const about = new Set([
      `contacts/${id}`,
      `interactions/${p.interaction.interaction_id}`,
      `tasks/${p.task.task_id}`,
    ]);
    const aboutHer = log.body.data.filter((e: { resource: string; record_id: number }) =>
      about.has(`${e.resource}/${e.record_id}`),
    );
    expect(aboutHer.length).toBeGreaterThanOrEqual(4);
    const leaks = aboutHer.filter((e: unknown) =>
      /Éloïse|Privée|0611223344|06 99 99|eloise/.test(JSON.stringify(e)),
    );
    expect(leaks).toEqual([]);
    const history = await t.api('GET', `/api/v1/contacts/${id}/history`);
    expect(history.body.data[0]).toMatchObject({ action: 'erase', user_id: t.admin.user_id, changes: null });
    expect(history.body.data.slice(1).every((e: { changes: unknown }) => e.changes === null)).toBe(true);
    expect((await t.api('POST', `/api/v1/contacts/${id}/erase`)).status).toBe(404);
    const dealHistory = await t.api('GET', `/api/v1/opportunities/${p.opportunity.opportunity_id}/history`);
    expect(dealHistory.body.data[0]).toMatchObject({ action: 'update', changes: { contact_id: [id, null] } });
  });
});

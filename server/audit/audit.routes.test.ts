import { expect, it } from 'vitest';
import { createCompany, createContact } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';

describeEachDialect('audit log', (t) => {
  it('records who created, changed and deleted what, with the changed fields before → after', async () => {
    const manager = await t.member('manager');
    const created = await manager.api('POST', '/api/v1/companies', {
      company_name: 'Audit SA',
      industry: 'Retail',
    });
    const id = created.body.company_id;
    await manager.api('PATCH', `/api/v1/companies/${id}`, { industry: 'Wholesale' });
    await manager.api('PATCH', `/api/v1/companies/${id}`, { industry: 'Wholesale' }); // no change: no entry
    expect((await manager.api('DELETE', `/api/v1/companies/${id}`)).status).toBe(204);

    const history = await t.api('GET', `/api/v1/companies/${id}/history`);
    expect(history.status).toBe(200);
    const events = history.body.data;
    expect(events.map((e: { action: string }) => e.action)).toEqual(['delete', 'update', 'create']);
    for (const e of events) {
      expect(e).toMatchObject({ user_id: manager.user_id, resource: 'companies', record_id: id });
      expect(e.occurred_at).toMatch(/Z$/);
    }
    expect(events[1].changes.industry).toEqual(['Retail', 'Wholesale']);
    expect(Object.keys(events[1].changes).sort()).toEqual(['industry', 'updated_at']);
    expect(events[2].changes.company_name).toEqual([null, 'Audit SA']);
    expect(events[0].changes.company_name).toEqual(['Audit SA', null]);
    // derived columns never leak into the log
    expect(JSON.stringify(events)).not.toMatch(/search_text|name_key|email_key/);
  });

  it('keeps nothing when the change is refused', async () => {
    const c = await createCompany(t);
    await createContact(t, { company_id: c.company_id });
    expect((await t.api('DELETE', `/api/v1/companies/${c.company_id}`)).status).toBe(409);
    const bad = await t.api('PATCH', `/api/v1/companies/${c.company_id}`, { owner_id: 999999 });
    expect(bad.status).toBe(400);
    const history = await t.api('GET', `/api/v1/companies/${c.company_id}/history`);
    expect(history.body.data.map((e: { action: string }) => e.action)).toEqual(['create']);
  });

  it('is listed for admins only, filtered by record, user and time, and paged', async () => {
    const sales = await t.member('sales');
    const before = new Date(Date.now() - 1000).toISOString();
    const ids: number[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await sales.api('POST', '/api/v1/contacts', { first_name: `Au${i}` })).body.contact_id);
    expect((await sales.api('GET', '/api/v1/audit-events')).status).toBe(403);
    expect((await (await t.member('manager')).api('GET', '/api/v1/audit-events')).status).toBe(403);

    const byUser = await t.api('GET', `/api/v1/audit-events?user_id=${sales.user_id}&limit=2`);
    expect(byUser.status).toBe(200);
    expect(byUser.body.data.map((e: { record_id: number }) => e.record_id)).toEqual([ids[2], ids[1]]);
    const rest = await t.api(
      'GET',
      `/api/v1/audit-events?user_id=${sales.user_id}&limit=2&cursor=${byUser.body.next_cursor}`,
    );
    expect(rest.body.data.map((e: { record_id: number }) => e.record_id)).toEqual([ids[0]]);
    expect(rest.body.next_cursor).toBeNull();

    const byRecord = await t.api('GET', `/api/v1/audit-events?resource=contacts&record_id=${ids[1]}`);
    expect(byRecord.body.data).toHaveLength(1);
    const inWindow = await t.api(
      'GET',
      `/api/v1/audit-events?user_id=${sales.user_id}&from=${encodeURIComponent(before)}`,
    );
    expect(inWindow.body.data).toHaveLength(3);
    const future = await t.api(
      'GET',
      `/api/v1/audit-events?user_id=${sales.user_id}&from=2099-01-01T00:00:00Z`,
    );
    expect(future.body.data).toHaveLength(0);
    expect((await t.api('GET', '/api/v1/audit-events?cursor=abc')).status).toBe(400);
  });

  it('answers 404 for the history of a record that never existed', async () => {
    expect((await t.api('GET', '/api/v1/contacts/999999/history')).status).toBe(404);
  });
});

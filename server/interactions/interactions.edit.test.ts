import { expect, it } from 'vitest';
import { createContact, createInteraction, createOpportunity } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';

type Event = { action: string; user_id: number | null; changes: Record<string, [unknown, unknown]> | null };
const history = async (
  t: { api: (m: 'GET', u: string) => Promise<{ body: { data: Event[] } }> },
  id: number,
) => (await t.api('GET', `/api/v1/interactions/${id}/history`)).body.data;

describeEachDialect('editing an interaction', (t) => {
  it('changes type, date, notes and deal, each change in its history with who made it', async () => {
    const manager = await t.member('manager');
    const contact = await createContact(t);
    const deal = await createOpportunity(t, { contact_id: contact.contact_id });
    const i = await createInteraction(t, { contact_id: contact.contact_id, notes: 'Premier appel' });
    const url = `/api/v1/interactions/${i.interaction_id}`;
    const res = await manager.api('PATCH', url, {
      interaction_type: 'meeting',
      interaction_date: '2026-04-02T14:00:00+02:00',
      notes: 'Rendez-vous sur place',
      opportunity_id: deal.opportunity_id,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      interaction_type: 'meeting',
      interaction_date: '2026-04-02T12:00:00.000Z',
      notes: 'Rendez-vous sur place',
      opportunity_id: deal.opportunity_id,
      user_id: t.admin.user_id, // the author stays who logged it
    });
    expect((await manager.api('PATCH', url, { opportunity_id: null })).status).toBe(200);

    const events = await history(t, i.interaction_id);
    expect(events.map((e) => e.action)).toEqual(['update', 'update', 'create']);
    expect(events[0]).toMatchObject({
      user_id: manager.user_id,
      changes: { opportunity_id: [deal.opportunity_id, null] },
    });
    expect(events[1].user_id).toBe(manager.user_id);
    expect(events[1].changes).toEqual({
      interaction_type: ['call', 'meeting'],
      interaction_date: ['2026-03-15T09:30:00.000Z', '2026-04-02T12:00:00.000Z'],
      notes: ['Premier appel', 'Rendez-vous sur place'],
      opportunity_id: [null, deal.opportunity_id],
    });
    // the timeline of the deal it was linked to no longer lists it as the deal's
    const timeline = await t.api('GET', `/api/v1/opportunities/${deal.opportunity_id}/timeline`);
    expect(timeline.body.data).toEqual([
      expect.objectContaining({ interaction_id: i.interaction_id, via: 'contact' }),
    ]);
  });

  it("may link a deal of another contact, but only one that exists (the deal's timeline shows it)", async () => {
    const i = await createInteraction(t);
    const deal = await createOpportunity(t, { contact_id: (await createContact(t)).contact_id });
    const url = `/api/v1/interactions/${i.interaction_id}`;
    const ok = await t.api('PATCH', url, { opportunity_id: deal.opportunity_id });
    expect(ok.status).toBe(200);
    const timeline = await t.api('GET', `/api/v1/opportunities/${deal.opportunity_id}/timeline`);
    expect(timeline.body.data.map((x: { via: string }) => x.via)).toEqual(['opportunity']);
    const missing = await t.api('PATCH', url, { opportunity_id: 999999 });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([
      { field: 'opportunity_id', code: 'not_found', message: 'opportunity 999999 does not exist' },
    ]);
    expect((await t.api('GET', url)).body.opportunity_id).toBe(deal.opportunity_id);
    expect((await history(t, i.interaction_id)).map((e) => e.action)).toEqual(['update', 'create']);
  });

  it('lets admins and managers edit any, sales only their own or unowned, viewers none', async () => {
    const sales = await t.member('sales');
    const viewer = await t.member('viewer');
    const mine = (
      await sales.api('POST', '/api/v1/interactions', {
        contact_id: (await createContact(t)).contact_id,
        interaction_type: 'call',
        interaction_date: '2026-03-15T09:30:00Z',
      })
    ).body;
    expect(mine.user_id).toBe(sales.user_id);
    const theirs = await createInteraction(t, { notes: 'admin' });
    const edit = (who: typeof sales, id: number) =>
      who.api('PATCH', `/api/v1/interactions/${id}`, { notes: `by ${who.user_id}` });

    expect((await edit(sales, mine.interaction_id)).status).toBe(200);
    const refused = await edit(sales, theirs.interaction_id);
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.code).toBe('not_owner');
    const byViewer = await edit(viewer, mine.interaction_id);
    expect(byViewer.status).toBe(403);
    expect(byViewer.body.code).toBe('role_not_allowed');
    expect((await edit(await t.member('manager'), theirs.interaction_id)).status).toBe(200);
    // refused edits leave no trace; the viewer still reads the history
    const events = await history(viewer, theirs.interaction_id);
    expect(events.map((e) => e.action)).toEqual(['update', 'create']);
    expect((await t.api('GET', `/api/v1/interactions/${theirs.interaction_id}`)).body.notes).not.toBe(
      `by ${sales.user_id}`,
    );
  });
});

import { expect, it } from 'vitest';
import { createContact, createInteraction, createOpportunity } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';

type Item = { interaction_id: number; via: string; interaction_date: string };
const entries = (res: { body: { data: Item[] } }) => res.body.data.map((i) => [i.interaction_id, i.via]);

describeEachDialect("a deal's timeline", (t) => {
  it("merges the deal's interactions and its contact's, newest first, each labelled, once", async () => {
    const contact = await createContact(t);
    const other = await createContact(t);
    const deal = await createOpportunity(t, { contact_id: contact.contact_id });
    const otherDeal = await createOpportunity(t, { contact_id: contact.contact_id });
    const at = async (d: string, over: Record<string, unknown>) =>
      (await createInteraction(t, { interaction_date: d, ...over })).interaction_id;
    // with the contact and linked to the deal: one entry, labelled by the deal
    const both = await at('2026-03-01T10:00:00Z', {
      contact_id: contact.contact_id,
      opportunity_id: deal.opportunity_id,
    });
    // with the contact, about no deal, and about another deal of theirs
    const plain = await at('2026-02-01T10:00:00Z', { contact_id: contact.contact_id });
    const aboutOther = await at('2026-04-01T10:00:00Z', {
      contact_id: contact.contact_id,
      opportunity_id: otherDeal.opportunity_id,
    });
    // linked to the deal with someone else
    const elsewhere = await at('2026-01-01T10:00:00Z', {
      contact_id: other.contact_id,
      opportunity_id: deal.opportunity_id,
    });
    // neither: not listed
    await at('2026-05-01T10:00:00Z', { contact_id: other.contact_id });

    const res = await t.api('GET', `/api/v1/opportunities/${deal.opportunity_id}/timeline`);
    expect(res.status).toBe(200);
    expect(entries(res)).toEqual([
      [aboutOther, 'contact'],
      [both, 'opportunity'],
      [plain, 'contact'],
      [elsewhere, 'opportunity'],
    ]);
    expect(res.body.next_cursor).toBeNull();
    expect(res.body.data[1]).toMatchObject({
      contact_id: contact.contact_id,
      opportunity_id: deal.opportunity_id,
      interaction_type: 'call',
      interaction_date: '2026-03-01T10:00:00.000Z',
    });

    // a page at a time, the same order, nothing twice, nothing skipped (ties broken by the ID)
    const tie = await at('2026-03-01T11:00:00+01:00', { contact_id: contact.contact_id });
    const all = entries(await t.api('GET', `/api/v1/opportunities/${deal.opportunity_id}/timeline`));
    expect(all.map(([id]) => id)).toEqual([aboutOther, tie, both, plain, elsewhere]);
    const seen: (string | number)[][] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/opportunities/${deal.opportunity_id}/timeline?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await t.api('GET', url);
      expect(page.status).toBe(200);
      seen.push(...entries(page));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it("is the deal's own interactions when it has no contact; 404 for a missing deal", async () => {
    const lone = await createOpportunity(t);
    const linked = await createInteraction(t, { opportunity_id: lone.opportunity_id });
    await createInteraction(t); // someone else's
    const res = await t.api('GET', `/api/v1/opportunities/${lone.opportunity_id}/timeline`);
    expect(entries(res)).toEqual([[linked.interaction_id, 'opportunity']]);
    const missing = await t.api('GET', '/api/v1/opportunities/999999/timeline');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('follows the deal’s contact as it is now, takes the list filters and refuses bad ones', async () => {
    const first = await createContact(t);
    const second = await createContact(t);
    const deal = await createOpportunity(t, { contact_id: first.contact_id });
    const a = await createInteraction(t, { contact_id: first.contact_id, interaction_type: 'email' });
    const b = await createInteraction(t, { contact_id: second.contact_id, interaction_type: 'note' });
    const url = `/api/v1/opportunities/${deal.opportunity_id}/timeline`;
    expect(entries(await t.api('GET', url))).toEqual([[a.interaction_id, 'contact']]);
    await t.api('PATCH', `/api/v1/opportunities/${deal.opportunity_id}`, { contact_id: second.contact_id });
    expect(entries(await t.api('GET', url))).toEqual([[b.interaction_id, 'contact']]);
    expect(entries(await t.api('GET', `${url}?interaction_type=email`))).toEqual([]);
    expect(entries(await t.api('GET', `${url}?interaction_type=note`))).toEqual([
      [b.interaction_id, 'contact'],
    ]);
    for (const bad of ['?sort=notes', '?limit=0', '?cursor=nope', '?q=x', '?colour=red']) {
      const res = await t.api('GET', `${url}${bad}`);
      expect(res.status, bad).toBe(400);
    }
  });

  it('is readable by every role, and by nobody signed out', async () => {
    const deal = await createOpportunity(t);
    const viewer = await t.member('viewer');
    expect((await viewer.api('GET', `/api/v1/opportunities/${deal.opportunity_id}/timeline`)).status).toBe(
      200,
    );
    expect((await t.anon('GET', `/api/v1/opportunities/${deal.opportunity_id}/timeline`)).status).toBe(401);
  });
});

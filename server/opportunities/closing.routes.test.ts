import { expect, it } from 'vitest';
import { createOpportunity } from '../test/factories.js';
import { describeEachDialect, type TestContext } from '../test/harness.js';

const OPEN = 'Proposition';
const WON = 'Fermée gagnée';
const LOST = 'Fermée perdue';

const patch = (t: TestContext, id: number, body: Record<string, unknown>) =>
  t.api('PATCH', `/api/v1/opportunities/${id}`, body);

/** the deal's closed_at, checked to lie within the request that set it */
async function closedWithin<T>(write: () => Promise<T>): Promise<{ result: T; lo: number; hi: number }> {
  const lo = Date.now();
  const result = await write();
  return { result, lo: lo - 5, hi: Date.now() + 5 };
}

describeEachDialect('closing opportunities', (t) => {
  it('sets closed_at on entering a won stage, re-sets it on won → lost, clears it on reopening', async () => {
    const deal = await createOpportunity(t, { stage: OPEN });
    expect(deal.closed_at).toBeNull();
    expect(deal.lost_reason).toBeNull();

    const won = await closedWithin(() => patch(t, deal.opportunity_id, { stage: WON }));
    expect(won.result.status).toBe(200);
    const wonAt = Date.parse(won.result.body.closed_at);
    expect(wonAt).toBeGreaterThanOrEqual(won.lo);
    expect(wonAt).toBeLessThanOrEqual(won.hi);

    // another change leaves it as it is
    const edited = await patch(t, deal.opportunity_id, { deal_value: 1200 });
    expect(edited.body.closed_at).toBe(won.result.body.closed_at);

    await new Promise((r) => setTimeout(r, 20));
    const lost = await closedWithin(() =>
      patch(t, deal.opportunity_id, { stage: LOST, lost_reason: 'Prix trop élevé' }),
    );
    expect(lost.result.status).toBe(200);
    expect(lost.result.body.lost_reason).toBe('Prix trop élevé');
    const lostAt = Date.parse(lost.result.body.closed_at);
    expect(lostAt).toBeGreaterThan(wonAt);
    expect(lostAt).toBeGreaterThanOrEqual(lost.lo);

    const reopened = await patch(t, deal.opportunity_id, { stage: OPEN });
    expect(reopened.status).toBe(200);
    expect(reopened.body.closed_at).toBeNull();
    expect(reopened.body.lost_reason).toBeNull();
    const stored = await t.api('GET', `/api/v1/opportunities/${deal.opportunity_id}`);
    expect(stored.body).toMatchObject({ closed_at: null, lost_reason: null, stage: OPEN });
  });

  it('closes a deal created in a won or lost stage', async () => {
    const won = await createOpportunity(t, { stage: WON });
    expect(Date.parse(won.closed_at)).toBeGreaterThan(Date.now() - 60_000);
    const lost = await createOpportunity(t, { stage: LOST, lost_reason: 'Pas de budget' });
    expect(lost.closed_at).not.toBeNull();
    expect(lost.lost_reason).toBe('Pas de budget');
  });

  it('refuses closed_at in a body (it is read-only): 400, nothing written', async () => {
    const deal = await createOpportunity(t, { stage: OPEN });
    const when = '2026-01-01T00:00:00.000Z';
    const create = await t.api('POST', '/api/v1/opportunities', { opportunity_name: 'x', closed_at: when });
    expect(create.status).toBe(400);
    expect(create.body.errors).toContainEqual(expect.objectContaining({ field: 'closed_at' }));
    const update = await patch(t, deal.opportunity_id, { closed_at: when });
    expect(update.status).toBe(400);
    expect(update.body.errors).toContainEqual(expect.objectContaining({ field: 'closed_at' }));
    expect((await t.api('GET', `/api/v1/opportunities/${deal.opportunity_id}`)).body.closed_at).toBeNull();
  });

  it('refuses a lost_reason unless the resulting stage is lost', async () => {
    const open = await createOpportunity(t, { stage: OPEN });
    const onOpen = await patch(t, open.opportunity_id, { lost_reason: 'Trop cher' });
    expect(onOpen.status).toBe(400);
    expect(onOpen.body.errors).toEqual([
      expect.objectContaining({ field: 'lost_reason', code: 'not_lost_stage' }),
    ]);
    const toWon = await patch(t, open.opportunity_id, { stage: WON, lost_reason: 'Trop cher' });
    expect(toWon.status).toBe(400);
    expect(toWon.body.errors[0].code).toBe('not_lost_stage');
    const created = await t.api('POST', '/api/v1/opportunities', {
      opportunity_name: 'Won with a reason',
      stage: WON,
      lost_reason: 'Trop cher',
    });
    expect(created.status).toBe(400);
    expect(created.body.errors[0].code).toBe('not_lost_stage');
    // nothing of the refused move was written
    expect((await t.api('GET', `/api/v1/opportunities/${open.opportunity_id}`)).body).toMatchObject({
      stage: OPEN,
      closed_at: null,
      lost_reason: null,
    });
    // clearing one is always allowed, and a lost deal's reason can be edited in place
    expect((await patch(t, open.opportunity_id, { lost_reason: null })).status).toBe(200);
    const lost = await createOpportunity(t, { stage: LOST });
    const edited = await patch(t, lost.opportunity_id, { lost_reason: '  Concurrent choisi ' });
    expect(edited.status).toBe(200);
    expect(edited.body.lost_reason).toBe('Concurrent choisi');
    expect(edited.body.closed_at).toBe(lost.closed_at);
    const tooLong = await patch(t, lost.opportunity_id, { lost_reason: 'x'.repeat(201) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors[0]).toMatchObject({ field: 'lost_reason', code: 'too_long', limit: 200 });
  });

  it('clears the lost reason when the deal leaves the lost stage, for won too', async () => {
    const deal = await createOpportunity(t, { stage: LOST, lost_reason: 'Pas de réponse' });
    const won = await patch(t, deal.opportunity_id, { stage: WON });
    expect(won.status).toBe(200);
    expect(won.body.lost_reason).toBeNull();
    expect(won.body.closed_at).not.toBeNull();
  });

  it('records closed_at and lost_reason in the history', async () => {
    const deal = await createOpportunity(t, { stage: OPEN });
    const lost = await patch(t, deal.opportunity_id, { stage: LOST, lost_reason: 'Projet abandonné' });
    await patch(t, deal.opportunity_id, { stage: OPEN });
    const history = await t.api('GET', `/api/v1/opportunities/${deal.opportunity_id}/history`);
    const updates = history.body.data.filter((e: { action: string }) => e.action === 'update');
    expect(updates.map((e: { changes: unknown }) => e.changes)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          stage: [OPEN, LOST],
          closed_at: [null, lost.body.closed_at],
          lost_reason: [null, 'Projet abandonné'],
        }),
        expect.objectContaining({
          stage: [LOST, OPEN],
          closed_at: [lost.body.closed_at, null],
          lost_reason: ['Projet abandonné', null],
        }),
      ]),
    );
  });

  it('lists deals by closed_at', async () => {
    const a = await createOpportunity(t, { stage: WON });
    const res = await t.api('GET', '/api/v1/opportunities?sort=-closed_at&limit=1');
    expect(res.status).toBe(200);
    expect(res.body.data[0].opportunity_id).toBe(a.opportunity_id);
  });

  it('follows a change of its stage kind: closes, keeps, drops the reason, reopens, with history', async () => {
    const stage = await t.api('POST', '/api/v1/pipeline-stages', { name: `Signature ${t.dialect}` });
    expect(stage.status).toBe(201);
    const name = stage.body.name;
    const kind = (k: string) => t.api('PATCH', `/api/v1/pipeline-stages/${stage.body.stage_id}`, { kind: k });
    const deal = await createOpportunity(t, { stage: name });
    const other = await createOpportunity(t, { stage: OPEN });
    const read = async (id = deal.opportunity_id) => (await t.api('GET', `/api/v1/opportunities/${id}`)).body;

    const before = Date.now();
    expect((await kind('lost')).status).toBe(200);
    const closed = await read();
    expect(Date.parse(closed.closed_at)).toBeGreaterThanOrEqual(before - 5);
    expect((await read(other.opportunity_id)).closed_at).toBeNull();
    expect((await patch(t, deal.opportunity_id, { lost_reason: 'Pas de budget' })).status).toBe(200);

    expect((await kind('won')).status).toBe(200);
    expect(await read()).toMatchObject({ closed_at: closed.closed_at, lost_reason: null });
    expect((await kind('open')).status).toBe(200);
    expect(await read()).toMatchObject({ closed_at: null, lost_reason: null });

    const history = await t.api('GET', `/api/v1/opportunities/${deal.opportunity_id}/history`);
    const changes = history.body.data.map((e: { changes: Record<string, unknown> }) => e.changes);
    expect(changes).toContainEqual(expect.objectContaining({ closed_at: [null, closed.closed_at] }));
    expect(changes).toContainEqual(expect.objectContaining({ lost_reason: ['Pas de budget', null] }));
    expect(changes).toContainEqual(expect.objectContaining({ closed_at: [closed.closed_at, null] }));
  });
});

import { expect, it } from 'vitest';
import { timestampParam } from '../db/dialect.js';
import { createOpportunity } from '../test/factories.js';
import { describeEachDialect, type TestContext } from '../test/harness.js';

const WON = 'Fermée gagnée';
const LOST = 'Fermée perdue';

/** a deal closed at a given instant (closed_at is server-set: the test writes it directly) */
async function closedDeal(t: TestContext, stage: string, at: string, over: Record<string, unknown> = {}) {
  const deal = await createOpportunity(t, { stage, ...over });
  await t.db.kysely
    .updateTable('opportunities')
    .set({ closed_at: timestampParam(t.dialect, at) })
    .where('opportunity_id', '=', deal.opportunity_id)
    .execute();
  return deal;
}

const summary = (t: TestContext, query: string, api = t.api) =>
  api('GET', `/api/v1/pipeline/closed?${query}`);

describeEachDialect('closed deals summary', (t) => {
  it('counts and sums the deals won and lost in [from, to), by closed_at, for an owner', async () => {
    const seller = await t.member('sales');
    await closedDeal(t, WON, '2025-02-01T00:00:00.000Z', { deal_value: 1000.1 });
    await closedDeal(t, WON, '2025-02-27T23:59:59.999Z', { deal_value: 0.2, owner_id: seller.user_id });
    await closedDeal(t, LOST, '2025-02-10T12:00:00.000Z', { deal_value: 50 });
    await closedDeal(t, WON, '2025-03-01T00:00:00.000Z', { deal_value: 7 }); // the end is excluded
    await closedDeal(t, WON, '2025-01-31T23:59:59.999Z', { deal_value: 9 });
    const feb = 'from=2025-02-01T00:00:00.000Z&to=2025-03-01T00:00:00.000Z';

    const all = await summary(t, feb);
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ won: { count: 2, total_value: 1000.3 }, lost: { count: 1, total_value: 50 } });
    const mine = await summary(t, `${feb}&owner_id=me`, seller.api);
    expect(mine.body).toEqual({ won: { count: 1, total_value: 0.2 }, lost: { count: 0, total_value: 0 } });
    const byId = await summary(t, `${feb}&owner_id=${seller.user_id}`);
    expect(byId.body).toEqual(mine.body);
    // a deal reopened since is not counted, whatever it was
    const reopened = await closedDeal(t, LOST, '2025-02-15T00:00:00.000Z');
    await t.api('PATCH', `/api/v1/opportunities/${reopened.opportunity_id}`, { stage: 'Proposition' });
    expect((await summary(t, feb)).body.lost.count).toBe(1);
  });

  it('refuses a missing, malformed or empty period with 400', async () => {
    for (const q of [
      '',
      'from=2025-02-01T00:00:00Z',
      'from=yesterday&to=2025-03-01T00:00:00Z',
      'from=2025-03-01T00:00:00Z&to=2025-02-01T00:00:00Z',
      'from=2025-03-01T00:00:00Z&to=2025-03-01T00:00:00Z',
      'from=2025-02-01T00:00:00Z&to=2025-03-01T00:00:00Z&owner_id=someone',
      'from=2025-02-01T00:00:00Z&to=2025-03-01T00:00:00Z&stage=x',
    ]) {
      const res = await summary(t, q);
      expect(res.status, q).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('is for signed-in users only', async () => {
    const res = await summary(t, 'from=2025-02-01T00:00:00Z&to=2025-03-01T00:00:00Z', t.anon);
    expect(res.status).toBe(401);
  });
});

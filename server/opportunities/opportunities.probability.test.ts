// A deal's own probability (issue 13): 0–100 or null (its stage's). The pipeline's weighted value
// takes it, exactly, whether the summary reads the kept totals or groups the deals.
import { describe, expect, it } from 'vitest';
import { rebuildPipelineTotals } from '../pipeline/pipeline-totals.js';
import { createOpportunity, createUser, uniq } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';

const codes = (res: { body: { errors?: { field: string; code: string; limit?: number }[] } }) =>
  (res.body.errors ?? []).map((e) => [e.field, e.code, e.limit]);

describeEachDialect('opportunities: probability', (t) => {
  describe('refuses what is no percentage', () => {
    it.each([
      [-1, 'too_small', 0],
      [101, 'too_large', 100],
      [12.5, 'invalid_type', undefined],
      ['50', 'invalid_type', undefined],
    ])('%j: %s', async (value, code, limit) => {
      const res = await t.api('POST', '/api/v1/opportunities', {
        opportunity_name: 'Refused',
        probability: value,
      });
      expect(res.status).toBe(400);
      expect(codes(res)).toContainEqual(['probability', code, limit]);
    });
  });

  it('is kept, shown, cleared with null, and audited', async () => {
    const deal = await createOpportunity(t, { probability: 35 });
    expect(deal.probability).toBe(35);
    const cleared = await t.api('PATCH', `/api/v1/opportunities/${deal.opportunity_id}`, {
      probability: null,
    });
    expect(cleared.body.probability).toBeNull();
    const audit = await t.api(
      'GET',
      `/api/v1/audit-events?resource=opportunities&record_id=${deal.opportunity_id}`,
    );
    const update = audit.body.data.find((e: { action: string }) => e.action === 'update');
    expect(update.changes.probability).toEqual([35, null]);
  });

  it('weights the pipeline: each deal at its own probability, else its stage’s, the same by both paths', async () => {
    const stages = (await t.api('GET', '/api/v1/pipeline-stages')).body.data as {
      name: string;
      probability: number;
    }[];
    const [first, second] = stages;
    const owner = await createUser(t);
    const tag = `Prob${uniq()}`;
    const summary = async () => {
      // by owner alone: the kept totals; with q: the deals grouped
      const kept = (await t.api('GET', `/api/v1/pipeline?owner_id=${owner.user_id}`)).body.data;
      const grouped = (await t.api('GET', `/api/v1/pipeline?owner_id=${owner.user_id}&q=${tag}`)).body.data;
      expect(kept).toEqual(grouped);
      return Object.fromEntries(
        kept.map((r: { stage: string; weighted_value: number }) => [r.stage, r.weighted_value]),
      );
    };
    const own = await createOpportunity(t, {
      opportunity_name: `${tag} own`,
      owner_id: owner.user_id,
      stage: first.name,
      deal_value: 1000.01,
      probability: 55,
    });
    await createOpportunity(t, {
      opportunity_name: `${tag} stage`,
      owner_id: owner.user_id,
      stage: first.name,
      deal_value: 1000,
    });
    // (1000.00 × p + 1000.01 × 55) / 100, rounded once to the cent
    const weighted = (cents: number[], percents: number[]) =>
      Math.round(cents.reduce((s, c, i) => s + c * percents[i], 0) / 100) / 100;
    expect((await summary())[first.name]).toBe(weighted([100000, 100001], [first.probability, 55]));
    // the deal moves with its own probability
    await t.api('PATCH', `/api/v1/opportunities/${own.opportunity_id}`, { stage: second.name });
    let s = await summary();
    expect(s[first.name]).toBe(weighted([100000], [first.probability]));
    expect(s[second.name]).toBe(weighted([100001], [55]));
    // back to its stage's
    await t.api('PATCH', `/api/v1/opportunities/${own.opportunity_id}`, { probability: null });
    s = await summary();
    expect(s[second.name]).toBe(weighted([100001], [second.probability]));
    await t.api('PATCH', `/api/v1/opportunities/${own.opportunity_id}`, { probability: 0 });
    expect((await summary())[second.name]).toBe(0);
    // what is kept equals what a rebuild computes
    const kept = async () =>
      (
        await t.db.kysely
          .selectFrom('pipeline_totals')
          .selectAll()
          .where('owner_key', '=', owner.user_id)
          .execute()
      )
        .map((r) => [
          r.stage,
          String(r.deals),
          String(r.total_cents),
          String(r.override_cents),
          String(r.override_weighted),
        ])
        .filter(([, deals]) => deals !== '0')
        .sort();
    const before = await kept();
    await t.db.kysely.transaction().execute((trx) => rebuildPipelineTotals(trx, t.dialect));
    expect(await kept()).toEqual(before);
  });
});

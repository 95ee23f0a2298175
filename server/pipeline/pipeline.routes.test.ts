import { expect, it } from 'vitest';
import { createCompany, createOpportunity, createUser } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';

interface Row {
  stage: string;
  kind: string;
  count: number;
  total_value: number;
  weighted_value: number;
}

const EMPTY = [
  { stage: 'Prospection', kind: 'open', count: 0, total_value: 0, weighted_value: 0 },
  { stage: 'Qualification', kind: 'open', count: 0, total_value: 0, weighted_value: 0 },
  { stage: 'Proposition', kind: 'open', count: 0, total_value: 0, weighted_value: 0 },
  { stage: 'En négociation', kind: 'open', count: 0, total_value: 0, weighted_value: 0 },
  { stage: 'Fermée gagnée', kind: 'won', count: 0, total_value: 0, weighted_value: 0 },
  { stage: 'Fermée perdue', kind: 'lost', count: 0, total_value: 0, weighted_value: 0 },
];

/** The expected summary: every default stage at zero except those given. */
const expected = (over: Record<string, Partial<Row>>) =>
  EMPTY.map((r) => ({ ...r, ...(over[r.stage] ?? {}) }));

describeEachDialect('pipeline', (t) => {
  const summary = async (qs = '') => {
    const res = await t.api('GET', `/api/v1/pipeline${qs ? `?${qs}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res;
  };

  it('shows every stage in position order with zeros on an empty database', async () => {
    const res = await summary();
    expect(res.body).toEqual({ data: EMPTY });
  });

  it('sums exactly: 0.1 + 0.2 is 0.3', async () => {
    const owner = await createUser(t);
    await createOpportunity(t, { owner_id: owner.user_id, deal_value: 0.1 });
    await createOpportunity(t, { owner_id: owner.user_id, deal_value: 0.2 });
    const res = await summary(`owner_id=${owner.user_id}`);
    expect(res.body.data[0]).toEqual({
      stage: 'Prospection',
      kind: 'open',
      count: 2,
      total_value: 0.3,
      weighted_value: 0.03,
    });
    expect(res.raw.body).toContain('"total_value":0.3,');
  });

  it('counts deals without a value and weights each stage by its probability, rounded to the cent', async () => {
    const owner = await createUser(t);
    const deal = (stage: string, deal_value: number | string | null) =>
      createOpportunity(t, { owner_id: owner.user_id, stage, deal_value });
    await deal('Prospection', 0.05); // 10 % of 0.05 = 0.005 → 0.01
    await deal('Qualification', 10.1); // 25 % of 10.10 = 2.525 → 2.53
    await deal('Qualification', null);
    await deal('Proposition', '0.01'); // 50 % → 0.005 → 0.01
    await deal('En négociation', 99999999.99); // 75 % → 74999999.9925 → 74999999.99
    await deal('En négociation', 99999999.99);
    await deal('Fermée gagnée', 1234.5);
    await deal('Fermée perdue', 800);
    const res = await summary(`owner_id=${owner.user_id}`);
    expect(res.body.data).toEqual(
      expected({
        Prospection: { count: 1, total_value: 0.05, weighted_value: 0.01 },
        Qualification: { count: 2, total_value: 10.1, weighted_value: 2.53 },
        Proposition: { count: 1, total_value: 0.01, weighted_value: 0.01 },
        // above the column's own maximum: the sum must not overflow or lose cents
        'En négociation': { count: 2, total_value: 199999999.98, weighted_value: 149999999.99 },
        'Fermée gagnée': { count: 1, total_value: 1234.5, weighted_value: 1234.5 },
        'Fermée perdue': { count: 1, total_value: 800, weighted_value: 0 },
      }),
    );
  });

  it('applies the opportunity filters: owner_id, company_id, stage and q', async () => {
    const a = await createUser(t);
    const b = await createUser(t);
    const acme = await createCompany(t, { company_name: 'Acme Pipeline' });
    const other = await createCompany(t);
    await createOpportunity(t, {
      owner_id: a.user_id,
      company_id: acme.company_id,
      deal_value: 100,
      stage: 'Proposition',
    });
    await createOpportunity(t, {
      owner_id: a.user_id,
      company_id: other.company_id,
      deal_value: 40,
      stage: 'Proposition',
    });
    await createOpportunity(t, {
      owner_id: b.user_id,
      company_id: acme.company_id,
      deal_value: 7,
      stage: 'Fermée gagnée',
    });
    await createOpportunity(t, { owner_id: b.user_id, opportunity_name: 'Zeppelin refit', deal_value: 3 });

    expect((await summary(`owner_id=${a.user_id}`)).body.data).toEqual(
      expected({ Proposition: { count: 2, total_value: 140, weighted_value: 70 } }),
    );
    expect((await summary(`company_id=${acme.company_id}`)).body.data).toEqual(
      expected({
        Proposition: { count: 1, total_value: 100, weighted_value: 50 },
        'Fermée gagnée': { count: 1, total_value: 7, weighted_value: 7 },
      }),
    );
    expect((await summary(`company_id=${acme.company_id}&owner_id=${b.user_id}`)).body.data).toEqual(
      expected({ 'Fermée gagnée': { count: 1, total_value: 7, weighted_value: 7 } }),
    );
    expect((await summary(`owner_id=${b.user_id}&stage=Prospection`)).body.data).toEqual(
      expected({ Prospection: { count: 1, total_value: 3, weighted_value: 0.3 } }),
    );
    expect((await summary(`q=zeppelin&owner_id=${b.user_id}`)).body.data).toEqual(
      expected({ Prospection: { count: 1, total_value: 3, weighted_value: 0.3 } }),
    );
    expect((await summary(`q=${encodeURIComponent('acme pipe')}`)).body.data).toEqual(
      expected({
        Proposition: { count: 1, total_value: 100, weighted_value: 50 },
        'Fermée gagnée': { count: 1, total_value: 7, weighted_value: 7 },
      }),
    );
    // a filter matching nothing still lists every stage
    expect((await summary('company_id=999999')).body.data).toEqual(EMPTY);
    expect((await t.api('GET', '/api/v1/pipeline?owner=1')).status).toBe(400);
    expect((await t.api('GET', '/api/v1/pipeline?limit=5')).status).toBe(400);
  });

  it('follows stage changes: new stages, positions, probabilities and renames', async () => {
    const owner = await createUser(t);
    const o = await createOpportunity(t, {
      owner_id: owner.user_id,
      deal_value: 200,
      stage: 'Qualification',
    });
    const stages = (await t.api('GET', '/api/v1/pipeline-stages')).body.data as {
      stage_id: number;
      name: string;
    }[];
    const qualif = stages.find((s) => s.name === 'Qualification')?.stage_id;
    const moved = await t.api('PATCH', `/api/v1/pipeline-stages/${qualif}`, {
      name: 'Découverte',
      position: 50,
      probability: 33,
    });
    expect(moved.status).toBe(200);
    const created = await t.api('POST', '/api/v1/pipeline-stages', { name: 'Relance', probability: 5 });
    expect(created.status).toBe(201);
    expect(created.body.position).toBe(51);
    await createOpportunity(t, { owner_id: owner.user_id, deal_value: 10, stage: 'Relance' });

    const res = await summary(`owner_id=${owner.user_id}`);
    expect(res.body.data.map((r: Row) => r.stage)).toEqual([
      'Prospection',
      'Proposition',
      'En négociation',
      'Fermée gagnée',
      'Fermée perdue',
      'Découverte',
      'Relance',
    ]);
    // 33 % of 200 = 66; 5 % of 10 = 0.5
    expect(res.body.data.slice(5)).toEqual([
      { stage: 'Découverte', kind: 'open', count: 1, total_value: 200, weighted_value: 66 },
      { stage: 'Relance', kind: 'open', count: 1, total_value: 10, weighted_value: 0.5 },
    ]);
    expect((await t.api('GET', `/api/v1/opportunities/${o.opportunity_id}`)).body.stage).toBe('Découverte');
  });
});

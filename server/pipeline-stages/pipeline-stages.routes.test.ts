import { describe, expect, it } from 'vitest';
import { createOpportunity, createUser } from '../test/factories.js';
import { describeEachDialect, type TestContext } from '../test/harness.js';

interface Stage {
  stage_id: number;
  name: string;
  position: number;
  probability: number;
  kind: string;
}

const SHAPE = [
  { position: 1, probability: 10, kind: 'open' },
  { position: 2, probability: 25, kind: 'open' },
  { position: 3, probability: 50, kind: 'open' },
  { position: 4, probability: 75, kind: 'open' },
  { position: 5, probability: 100, kind: 'won' },
  { position: 6, probability: 0, kind: 'lost' },
];

async function stages(t: TestContext): Promise<Stage[]> {
  const res = await t.api('GET', '/api/v1/pipeline-stages');
  expect(res.status).toBe(200);
  return res.body.data;
}

async function stageId(t: TestContext, name: string): Promise<number> {
  const s = (await stages(t)).find((x) => x.name === name);
  if (!s) throw new Error(`no stage ${name}`);
  return s.stage_id;
}

describeEachDialect('pipeline stages', (t) => {
  it('starts with the six French default stages, in position order', async () => {
    const res = await t.api('GET', '/api/v1/pipeline-stages');
    expect(res.body.next_cursor).toBeNull();
    const data: Stage[] = res.body.data;
    expect(Object.keys(data[0]).sort()).toEqual(['kind', 'name', 'position', 'probability', 'stage_id']);
    expect(data.map(({ stage_id: _, ...s }) => s)).toEqual(
      ['Prospection', 'Qualification', 'Proposition', 'En négociation', 'Fermée gagnée', 'Fermée perdue'].map(
        (name, i) => ({ name, ...SHAPE[i] }),
      ),
    );
    const one = await t.api('GET', `/api/v1/pipeline-stages/${data[3].stage_id}`);
    expect(one.body).toEqual(data[3]);
    expect(one.headers.etag).toMatch(/^"[^"]+"$/);
    const byName = await t.api('GET', '/api/v1/pipeline-stages?sort=-name&limit=2');
    expect(byName.body.data.map((s: Stage) => s.name)).toEqual(['Qualification', 'Prospection']);
  });

  describe('create and rename', () => {
    it('creates a stage at the end by default, open at 50 %, or where and how it is told', async () => {
      const res = await t.api('POST', '/api/v1/pipeline-stages', { name: 'Relance' });
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/api/v1/pipeline-stages/${res.body.stage_id}`);
      expect(res.body).toEqual({
        stage_id: res.body.stage_id,
        name: 'Relance',
        position: 7,
        probability: 50,
        kind: 'open',
      });
      const won = await t.api('POST', '/api/v1/pipeline-stages', { name: 'Signée', kind: 'won' });
      expect(won.body).toMatchObject({ position: 8, probability: 100, kind: 'won' });
      const lost = await t.api('POST', '/api/v1/pipeline-stages', {
        name: 'Abandonnée',
        kind: 'lost',
        position: 3,
      });
      expect(lost.body).toMatchObject({ position: 3, probability: 0, kind: 'lost' });
      const told = await t.api('POST', '/api/v1/pipeline-stages', { name: 'Démo', probability: 40 });
      expect(told.body).toMatchObject({ position: 9, probability: 40, kind: 'open' });
      // a new opportunity can use it at once
      expect((await createOpportunity(t, { stage: 'Démo' })).stage).toBe('Démo');
      const missing = await t.api('POST', '/api/v1/pipeline-stages', { probability: 40 });
      expect(missing.status).toBe(400);
      expect(missing.body.errors).toEqual([{ field: 'name', code: 'required', message: 'is required' }]);
    });

    it('renames a stage on every opportunity in it, and on no other', async () => {
      const owner = await createUser(t);
      const inIt = [
        await createOpportunity(t, { owner_id: owner.user_id, stage: 'Proposition' }),
        await createOpportunity(t, { owner_id: owner.user_id, stage: 'Proposition' }),
      ];
      const elsewhere = await createOpportunity(t, { owner_id: owner.user_id, stage: 'Qualification' });
      const before = await t.api('GET', `/api/v1/opportunities/${inIt[0].opportunity_id}`);
      const id = await stageId(t, 'Proposition');
      const renamed = await t.api('PATCH', `/api/v1/pipeline-stages/${id}`, { name: 'Offre envoyée' });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({
        stage_id: id,
        name: 'Offre envoyée',
        position: 3,
        probability: 50,
      });
      const list = await t.api('GET', `/api/v1/opportunities?owner_id=${owner.user_id}&sort=created_at`);
      expect(list.body.data.map((o: { stage: string }) => o.stage)).toEqual([
        'Offre envoyée',
        'Offre envoyée',
        'Qualification',
      ]);
      expect((await t.api('GET', `/api/v1/opportunities?stage=Proposition`)).body.data).toEqual([]);
      const after = await t.api('GET', `/api/v1/opportunities/${inIt[0].opportunity_id}`);
      expect(after.headers.etag).not.toBe(before.headers.etag);
      expect((await t.api('GET', `/api/v1/opportunities/${elsewhere.opportunity_id}`)).body.stage).toBe(
        'Qualification',
      );
      // the old name is gone, the new one is a valid stage
      expect(
        (await t.api('POST', '/api/v1/opportunities', { opportunity_name: 'X', stage: 'Proposition' }))
          .status,
      ).toBe(400);
      expect((await createOpportunity(t, { stage: 'Offre envoyée' })).stage).toBe('Offre envoyée');
      // a change of case only is a rename too
      const recased = await t.api('PATCH', `/api/v1/pipeline-stages/${id}`, { name: 'OFFRE ENVOYÉE' });
      expect(recased.status).toBe(200);
      const again = await t.api('GET', `/api/v1/opportunities/${inIt[1].opportunity_id}`);
      expect(again.body.stage).toBe('OFFRE ENVOYÉE');
    });

    it('refuses a name already used, ignoring case and accents, with 409', async () => {
      for (const name of ['prospection', 'EN NEGOCIATION', 'Fermee Gagnee', ' qualification ']) {
        const res = await t.api('POST', '/api/v1/pipeline-stages', { name });
        expect(res.status, name).toBe(409);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.errors).toEqual([
          { field: 'name', code: 'duplicate', message: 'is already the name of another stage' },
        ]);
      }
      const id = await stageId(t, 'Qualification');
      const clash = await t.api('PATCH', `/api/v1/pipeline-stages/${id}`, { name: 'Prospéction' });
      expect(clash.status).toBe(409);
      expect((await t.api('GET', `/api/v1/pipeline-stages/${id}`)).body.name).toBe('Qualification');
      // its own name (any case) is not a clash
      expect(
        (await t.api('PATCH', `/api/v1/pipeline-stages/${id}`, { name: 'Qualification', probability: 30 }))
          .status,
      ).toBe(200);
    });

    it('lets exactly one of several concurrent creates of one name (in any case or accents) through', async () => {
      const results = await Promise.all(
        ['Rappel client', 'rappel CLIENT', 'RAPPEL-CLIENT', 'Rappel clïent'].map((name) =>
          t.api('POST', '/api/v1/pipeline-stages', { name }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
      const all = await t.api('GET', '/api/v1/pipeline-stages?limit=200');
      expect(all.body.data.filter((x: { name: string }) => /^rappel.cli.nt$/i.test(x.name))).toHaveLength(1);
    });

    it('refuses a stale If-Match with 412', async () => {
      const id = await stageId(t, 'Prospection');
      const first = await t.api('GET', `/api/v1/pipeline-stages/${id}`);
      const etag = first.headers.etag as string;
      expect(
        (await t.api('PATCH', `/api/v1/pipeline-stages/${id}`, { probability: 15 }, { 'if-match': etag }))
          .status,
      ).toBe(200);
      const stale = await t.api(
        'PATCH',
        `/api/v1/pipeline-stages/${id}`,
        { probability: 20 },
        { 'if-match': etag },
      );
      expect(stale.status).toBe(412);
      expect((await t.api('GET', `/api/v1/pipeline-stages/${id}`)).body.probability).toBe(15);
    });
  });

  describe('delete', () => {
    it('refuses with 409 while opportunities use the stage, and deletes once they have moved', async () => {
      const made = await t.api('POST', '/api/v1/pipeline-stages', { name: 'Éphémère' });
      const id = made.body.stage_id;
      const a = await createOpportunity(t, { stage: 'Éphémère' });
      await createOpportunity(t, { stage: 'Éphémère' });
      const refused = await t.api('DELETE', `/api/v1/pipeline-stages/${id}`);
      expect(refused.status).toBe(409);
      expect(refused.body.references).toEqual([{ resource: 'opportunities', count: 2 }]);
      expect((await t.api('GET', `/api/v1/pipeline-stages/${id}`)).status).toBe(200);
      expect((await t.api('GET', `/api/v1/opportunities/${a.opportunity_id}`)).body.stage).toBe('Éphémère');

      const list = await t.api('GET', `/api/v1/opportunities?stage=${encodeURIComponent('Éphémère')}`);
      for (const o of list.body.data)
        await t.api('PATCH', `/api/v1/opportunities/${o.opportunity_id}`, { stage: 'Fermée perdue' });
      expect((await t.api('DELETE', `/api/v1/pipeline-stages/${id}`)).status).toBe(204);
      expect((await t.api('GET', `/api/v1/pipeline-stages/${id}`)).status).toBe(404);
      expect(
        (await t.api('POST', '/api/v1/opportunities', { opportunity_name: 'X', stage: 'Éphémère' })).status,
      ).toBe(400);
    });
  });
});

describeEachDialect('pipeline stages: at least one stays open', (t) => {
  it('refuses to make the last open stage won or lost, and to delete it', async () => {
    for (const name of ['Prospection', 'Qualification']) {
      const res = await t.api('PATCH', `/api/v1/pipeline-stages/${await stageId(t, name)}`, { kind: 'lost' });
      expect(res.status, name).toBe(200);
    }
    expect((await t.api('DELETE', `/api/v1/pipeline-stages/${await stageId(t, 'Proposition')}`)).status).toBe(
      204,
    );
    // new opportunities now start in the first open stage left
    const first = await createOpportunity(t);
    expect(first.stage).toBe('En négociation');

    const last = await stageId(t, 'En négociation');
    for (const kind of ['won', 'lost']) {
      const res = await t.api('PATCH', `/api/v1/pipeline-stages/${last}`, { kind });
      expect(res.status, kind).toBe(400);
      expect(res.body.errors).toEqual([
        {
          field: 'kind',
          code: 'last_open_stage',
          message: 'at least one stage must stay open (new opportunities start there)',
        },
      ]);
    }
    // no opportunity uses it, yet it cannot be deleted
    await t.api('PATCH', `/api/v1/opportunities/${first.opportunity_id}`, { stage: 'Fermée gagnée' });
    const refused = await t.api('DELETE', `/api/v1/pipeline-stages/${last}`);
    expect(refused.status).toBe(409);
    expect(refused.body.references).toBeUndefined();
    expect(refused.body.detail).toBe(
      'At least one stage must stay open (new opportunities start there); this is the last one.',
    );
    expect((await stages(t)).find((s) => s.stage_id === last)?.kind).toBe('open');
    expect((await createOpportunity(t)).stage).toBe('En négociation');

    // with another open stage it can go
    const extra = await t.api('POST', '/api/v1/pipeline-stages', { name: 'Nouvelle' });
    expect((await t.api('PATCH', `/api/v1/pipeline-stages/${last}`, { kind: 'won' })).status).toBe(200);
    expect((await createOpportunity(t)).stage).toBe('Nouvelle');
    expect(extra.body.kind).toBe('open');
  });
});

describeEachDialect(
  'pipeline stages (English instance)',
  (t) => {
    it('starts with the six English default stages, and new deals start in the first', async () => {
      const data = await stages(t);
      expect(data.map(({ stage_id: _, ...s }) => s)).toEqual(
        ['Prospecting', 'Qualification', 'Proposal', 'Negotiation', 'Closed won', 'Closed lost'].map(
          (name, i) => ({ name, ...SHAPE[i] }),
        ),
      );
      expect((await createOpportunity(t, { deal_value: 10 })).stage).toBe('Prospecting');
      const pipeline = await t.api('GET', '/api/v1/pipeline');
      expect(pipeline.body.data.map((r: { stage: string; count: number }) => [r.stage, r.count])).toEqual([
        ['Prospecting', 1],
        ['Qualification', 0],
        ['Proposal', 0],
        ['Negotiation', 0],
        ['Closed won', 0],
        ['Closed lost', 0],
      ]);
      expect(
        (await t.api('POST', '/api/v1/opportunities', { opportunity_name: 'X', stage: 'Prospection' }))
          .status,
      ).toBe(400);
      expect((await t.api('POST', '/api/v1/pipeline-stages', { name: 'closed WON' })).status).toBe(409);
    });
  },
  { locale: 'en' },
);

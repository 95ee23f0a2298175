import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { createOpportunity, createUser } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';

const ROUNDS = 6;
const MOVES = 20;

// Deleting a stage while deals move into it: each move either lands before the delete (which is
// then refused as still in use) or is refused itself; no deal is ever left in a stage that is gone.
describeEachDialect('pipeline stages: delete racing deals moving in', (t) => {
  it('never leaves a deal in a deleted stage, and answers every request with 2xx or a clear 4xx', async () => {
    const owner = await createUser(t);
    const deals = [];
    for (let i = 0; i < MOVES; i++)
      deals.push(
        (await createOpportunity(t, { owner_id: owner.user_id, stage: 'Prospection' })).opportunity_id,
      );
    const outcomes = { deleted: 0, refused: 0, moved: 0, moveRefused: 0 };

    for (let round = 1; round <= ROUNDS; round++) {
      const name = `Course ${round}`;
      const made = await t.api('POST', '/api/v1/pipeline-stages', { name });
      expect(made.status).toBe(201);
      const moves = deals.map((id) => () => t.api('PATCH', `/api/v1/opportunities/${id}`, { stage: name }));
      // The delete starts among the moves: at once in odd rounds (where PostgreSQL and MySQL
      // interleave them), a few milliseconds later in even ones (where SQLite, which runs one
      // transaction at a time, lets some moves land first).
      const pause = round % 2 === 1 ? 0 : round * 2;
      const remove = async () => {
        if (pause > 0) await new Promise((r) => setTimeout(r, pause));
        return t.api('DELETE', `/api/v1/pipeline-stages/${made.body.stage_id}`);
      };
      const at = (round * 3) % MOVES;
      const requests = [...moves.slice(0, at), remove, ...moves.slice(at)];
      const answers = await Promise.all(requests.map((r) => r()));
      const del = answers[at];
      const patches = answers.filter((_, i) => i !== at);

      expect([204, 409], JSON.stringify(del.body)).toContain(del.status);
      if (del.status === 409) {
        expect(del.body.type).toMatch(/still-referenced$/);
        outcomes.refused++;
      } else outcomes.deleted++;
      for (const p of patches) {
        expect([200, 400, 409], JSON.stringify(p.body)).toContain(p.status);
        expect(p.headers['content-type']).toMatch(p.status === 200 ? /json/ : /^application\/problem\+json/);
        if (p.status === 200) outcomes.moved++;
        else {
          expect(p.body.errors?.[0]?.field, JSON.stringify(p.body)).toBe('stage');
          outcomes.moveRefused++;
        }
      }
      const lost = await sql<{ n: number | string }>`
        select count(*) as n from opportunities o
        where not exists (select 1 from pipeline_stages s where s.name = o.stage)`.execute(t.db.kysely);
      expect(Number(lost.rows[0].n), `round ${round}: deals in a missing stage`).toBe(0);

      const stageLeft = (await t.api('GET', `/api/v1/pipeline-stages/${made.body.stage_id}`)).status;
      const inIt = (await t.api('GET', `/api/v1/opportunities?stage=${encodeURIComponent(name)}&limit=100`))
        .body.data.length;
      if (del.status === 204) {
        expect(stageLeft).toBe(404);
        expect(inIt).toBe(0);
      } else {
        expect(stageLeft).toBe(200);
        expect(inIt).toBeGreaterThan(0);
      }
      // the next round starts from the first stage again
      for (const id of deals) await t.api('PATCH', `/api/v1/opportunities/${id}`, { stage: 'Prospection' });
    }
    // the pipeline summary still counts every deal, each in a stage that exists
    const pipeline = await t.api('GET', `/api/v1/pipeline?owner_id=${owner.user_id}`);
    expect(pipeline.status).toBe(200);
    const counted = pipeline.body.data.reduce((n: number, r: { count: number }) => n + r.count, 0);
    expect(counted).toBe(MOVES);
    console.info(`[${t.dialect}] stage-delete race outcomes`, outcomes);
  });
});

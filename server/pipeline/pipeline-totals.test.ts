import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../db/connect.js';
import { migrateToLatest, migrations } from '../db/migrate.js';
import { DIALECTS, type FreshDatabase, freshDatabase } from '../test/dialects.js';
import { createCompany, createContact, createOpportunity, createUser } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';
import { rebuildPipelineTotals } from './pipeline-totals.js';

type Totals = Record<string, [number, string]>;

/** pipeline_totals as stored, keyed "stage|owner". */
async function stored(db: Db): Promise<Totals> {
  const rows = await db.kysely.selectFrom('pipeline_totals').selectAll().execute();
  const out: Totals = {};
  for (const r of rows) {
    // a (stage, owner) whose deals all went may stay as a zero row: the same as no row
    if (Number(r.deals) === 0 && BigInt(r.total_cents) === 0n) continue;
    out[`${r.stage}|${r.owner_key}`] = [Number(r.deals), BigInt(r.total_cents).toString()];
  }
  return out;
}

/** The same figures by grouping every opportunity, in exact cents computed here. */
async function grouped(db: Db): Promise<Totals> {
  const rows = await db.kysely
    .selectFrom('opportunities')
    .select(['stage', 'owner_id', 'deal_value'])
    .execute();
  const acc = new Map<string, [number, bigint]>();
  for (const r of rows) {
    if (r.stage === null) continue;
    const key = `${r.stage}|${r.owner_id ?? 0}`;
    const v = r.deal_value === null ? 0n : BigInt(Math.round(Number(r.deal_value) * 100));
    const [n, c] = acc.get(key) ?? [0, 0n];
    acc.set(key, [n + 1, c + v]);
  }
  return Object.fromEntries([...acc].map(([k, [n, c]]) => [k, [n, c.toString()]]));
}

/** A small deterministic generator, so a failure replays identically. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describeEachDialect('pipeline totals', (t) => {
  it('stay equal to a GROUP BY of the opportunities after random creates, updates, deletes, renames and erasures', async () => {
    const rand = rng(20261125);
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
    const owners = [null, (await createUser(t)).user_id, (await createUser(t)).user_id, t.admin.user_id];
    const company = await createCompany(t);
    const stageNames = async () =>
      ((await t.api('GET', '/api/v1/pipeline-stages')).body.data as { name: string }[]).map((s) => s.name);
    let stages = await stageNames();
    const value = () =>
      pick([null, 0, 0.01, 0.1, 0.2, 19.99, 1234.5, 99999999.99, Math.floor(rand() * 1e6) / 100]);
    const deals: number[] = [];
    const contacts: number[] = [];

    for (let i = 0; i < 60; i++) {
      const op = rand();
      if (op < 0.4 || deals.length < 3) {
        const contact = rand() < 0.5 ? await createContact(t) : null;
        if (contact) contacts.push(contact.contact_id);
        const d = await createOpportunity(t, {
          owner_id: pick(owners),
          stage: pick(stages),
          deal_value: value(),
          company_id: company.company_id,
          ...(contact ? { contact_id: contact.contact_id } : {}),
        });
        deals.push(d.opportunity_id);
      } else if (op < 0.75) {
        const id = pick(deals);
        const change: Record<string, unknown> = {};
        if (rand() < 0.6) change.stage = pick(stages);
        if (rand() < 0.5) change.owner_id = pick(owners);
        if (rand() < 0.5) change.deal_value = value();
        if (rand() < 0.2) change.opportunity_name = `Renamed ${i}`;
        const res = await t.api('PATCH', `/api/v1/opportunities/${id}`, change);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
      } else if (op < 0.88) {
        const id = deals.splice(Math.floor(rand() * deals.length), 1)[0];
        expect((await t.api('DELETE', `/api/v1/opportunities/${id}`)).status).toBe(204);
      } else if (op < 0.94) {
        // renaming a stage renames its deals: their totals follow
        const list = (await t.api('GET', '/api/v1/pipeline-stages')).body.data as { stage_id: number }[];
        const stage = pick(list);
        const res = await t.api('PATCH', `/api/v1/pipeline-stages/${stage.stage_id}`, { name: `Étape ${i}` });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        stages = await stageNames();
      } else if (contacts.length > 0) {
        // erasing a person detaches their deals, which stay counted
        const id = contacts.splice(Math.floor(rand() * contacts.length), 1)[0];
        expect((await t.api('POST', `/api/v1/contacts/${id}/erase`)).status).toBe(200);
      }
      if (i % 15 === 14) expect(await stored(t.db)).toEqual(await grouped(t.db));
    }
    expect(await stored(t.db)).toEqual(await grouped(t.db));

    // the API answers from the totals (no filter, owner) exactly as the GROUP BY path (any filter)
    const viaTotals = async (qs: string) => (await t.api('GET', `/api/v1/pipeline${qs}`)).body.data;
    const viaGroupBy = async (qs: string) =>
      (await t.api('GET', `/api/v1/pipeline?company_id=${company.company_id}${qs ? `&${qs.slice(1)}` : ''}`))
        .body.data;
    // every deal here belongs to that company, so the company filter selects the same deals
    const all = await viaTotals('');
    expect(all).toEqual(await viaGroupBy(''));
    expect(all.reduce((n: number, r: { count: number }) => n + r.count, 0)).toBeGreaterThan(0);
    for (const owner of owners.filter((o) => o !== null))
      expect(await viaTotals(`?owner_id=${owner}`)).toEqual(await viaGroupBy(`?owner_id=${owner}`));
    expect(await viaTotals('?owner_id=me')).toEqual(await viaGroupBy('?owner_id=me'));
  });

  it('stay exact under concurrent writes to the same stage and owner', async () => {
    const owner = await createUser(t);
    // the test above renamed some of the default stages
    const [first, second] = (
      (await t.api('GET', '/api/v1/pipeline-stages')).body.data as { name: string }[]
    ).map((s) => s.name);
    const made = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        t.api('POST', '/api/v1/opportunities', {
          opportunity_name: `Parallel ${i}`,
          owner_id: owner.user_id,
          stage: first,
          deal_value: 10.01,
        }),
      ),
    );
    expect(made.map((r) => r.status)).toEqual(made.map(() => 201));
    await Promise.all(
      made.map((r, i) =>
        t.api('PATCH', `/api/v1/opportunities/${r.body.opportunity_id}`, {
          stage: i % 2 ? second : first,
          deal_value: 1 + i,
        }),
      ),
    );
    await Promise.all(
      made.slice(0, 5).map((r) => t.api('DELETE', `/api/v1/opportunities/${r.body.opportunity_id}`)),
    );
    expect(await stored(t.db)).toEqual(await grouped(t.db));
  });

  it('are rebuilt from the opportunities (after a bulk load)', async () => {
    const owner = await createUser(t);
    await createOpportunity(t, { owner_id: owner.user_id, deal_value: 5 });
    await t.db.kysely.deleteFrom('pipeline_totals').execute();
    await t.db.kysely.transaction().execute((trx) => rebuildPipelineTotals(trx, t.dialect));
    expect(await stored(t.db)).toEqual(await grouped(t.db));
  });
});

for (const dialect of DIALECTS) {
  describe(`pipeline totals migration [${dialect}]`, () => {
    let fresh: FreshDatabase;
    let db: Db;
    beforeAll(async () => {
      fresh = await freshDatabase(dialect);
      db = connect(fresh.url);
    });
    afterAll(async () => {
      await db?.destroy();
      await fresh?.drop();
    });

    it('backfills the totals of the opportunities already there', async () => {
      const migrator = new Migrator({
        db: db.kysely,
        provider: { getMigrations: async () => migrations('fr') },
      });
      const r = await migrator.migrateTo('2026_11_25_0002_auth_audit');
      expect(r.error).toBeUndefined();
      const now = dialect === 'mysql' ? '2026-01-01 00:00:00.000' : '2026-01-01T00:00:00.000Z';
      await sql`insert into users (email, email_key, name, role, active, search_text, created_at, updated_at)
        values ('a@example.com', 'a@example.com', 'A', 'sales', ${dialect === 'sqlite' ? 1 : true}, ' a ', ${now}, ${now})`.execute(
        db.kysely,
      );
      const deal = (stage: string | null, owner: number | null, value: string | null) =>
        sql`insert into opportunities (opportunity_name, stage, owner_id, deal_value, search_text, created_at, updated_at)
          values ('d', ${stage}, ${owner}, ${value}, ' d ', ${now}, ${now})`.execute(db.kysely);
      await deal('Prospection', 1, '0.10');
      await deal('Prospection', 1, '0.20');
      await deal('Prospection', null, '99999999.99');
      await deal('Fermée gagnée', 1, null);
      await deal(null, 1, '5.00');
      await migrateToLatest(db);
      expect(await stored(db)).toEqual({
        'Prospection|1': [2, '30'],
        'Prospection|0': [1, '9999999999'],
        'Fermée gagnée|1': [1, '0'],
      });
      expect(await stored(db)).toEqual(await grouped(db));
    });
  });
}

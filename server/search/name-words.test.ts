// name_words (the head of a ranked search, ADR 012) must hold exactly the words of every named
// record's name keys with its current updated_at, whatever path wrote the record; and the first
// page read from it must be the page the full ranked query gives.
import { expect, it } from 'vitest';
import { companies } from '../companies/companies.resource.js';
import { contacts } from '../contacts/contacts.resource.js';
import { type ListQuery, listQuery, listRows } from '../crud/list.js';
import type { ResourceDef, Row } from '../crud/resource.js';
import { SYSTEM_ACTOR } from '../crud/resource.js';
import type { Db } from '../db/connect.js';
import { timestampParam } from '../db/dialect.js';
import { isoFromDb } from '../lib/time.js';
import { opportunities } from '../opportunities/opportunities.resource.js';
import { createCompany, createContact, createOpportunity, createSearchableUser } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';
import { runImport } from '../test/import-helpers.js';
import { users } from '../users/users.resource.js';
import { nameWordsOf } from './name-words.js';

const NAMED: ResourceDef[] = [companies, contacts, opportunities, users];

/** name_words as stored: "table id word time" lines, sorted. */
async function stored(db: Db): Promise<string[]> {
  const rows = await db.kysely.selectFrom('name_words').selectAll().execute();
  return rows
    .map((r) => `${r.resource} ${r.record_id} ${r.word} ${isoFromDb(r.ranked_at as string | Date)}`)
    .sort();
}

/** The same, derived from every named row's keys and updated_at. */
async function derived(db: Db): Promise<string[]> {
  const out: string[] = [];
  for (const def of NAMED) {
    const rows = (await db.kysely
      .selectFrom(def.table as 'contacts')
      .selectAll()
      .execute()) as unknown as Row[];
    for (const r of rows)
      for (const w of nameWordsOf(def, r))
        out.push(`${def.table} ${r[def.idColumn]} ${w} ${isoFromDb(r.updated_at as string | Date)}`);
  }
  return out.sort();
}

/** A surname no other test uses: letters only, so it is one word of the name key. */
const surname = () =>
  `Vex${Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;

describeEachDialect('name words', (t) => {
  const options = () => ({ dialect: t.db.dialect, actor: SYSTEM_ACTOR });
  const ids = (def: ResourceDef, rows: Row[]) => rows.map((r) => Number(r[def.idColumn]));
  /** the page as listRows gives it (the head when it holds) and as the full ranked query gives it */
  const both = async (def: ResourceDef, query: ListQuery) => {
    const fast = await listRows(t.db.kysely, def, query, options());
    const full = (await listQuery(t.db.kysely, def, query, options()).qb.execute()) as Row[];
    return { fast: ids(def, fast.rows), full: ids(def, full.slice(0, query.limit ?? 50)) };
  };

  /** gives these contacts one updated_at, as a batch would, in their rows and their name words */
  const updatedAt = async (contactIds: number[], iso: string) => {
    const stamp = timestampParam(t.db.dialect, iso);
    await t.db.kysely
      .updateTable('contacts')
      .set({ updated_at: stamp })
      .where('contact_id', 'in', contactIds)
      .execute();
    await t.db.kysely
      .updateTable('name_words')
      .set({ ranked_at: stamp })
      .where('resource', '=', 'contacts')
      .where('record_id', 'in', contactIds)
      .execute();
  };

  it('hold the name words and updated_at of every named record after each kind of write', async () => {
    const company = await createCompany(t, { company_name: 'Ébénisterie Dupré & Fils' });
    const a = await createContact(t, { first_name: 'Hélène', last_name: 'de La Fontaine' });
    const b = await createContact(t, { first_name: 'Søren', last_name: 'Kierkegaard' });
    const deal = await createOpportunity(t, { opportunity_name: 'Contrat annuel', stage: 'Prospection' });
    await createSearchableUser(t, { name: 'Zoé Martin-Durand' });
    expect(await stored(t.db)).toEqual(await derived(t.db));

    // a write that leaves the name alone still moves the record's place (updated_at)
    await new Promise((r) => setTimeout(r, 5));
    expect((await t.api('PATCH', `/api/v1/contacts/${a.contact_id}`, { email: 'helene@ex.fr' })).status).toBe(
      200,
    );
    expect((await t.api('PATCH', `/api/v1/contacts/${b.contact_id}`, { last_name: 'Kirk' })).status).toBe(
      200,
    );
    expect(
      (await t.api('PATCH', `/api/v1/companies/${company.company_id}`, { company_name: 'Dupré SA' })).status,
    ).toBe(200);
    expect(await stored(t.db)).toEqual(await derived(t.db));

    // a stage that becomes "won" closes its deals by hand (closing.ts): their updated_at moves
    const stages = (await t.api('GET', '/api/v1/pipeline-stages')).body.data as {
      stage_id: number;
      name: string;
      kind: string;
    }[];
    const open = stages.find((s) => s.name === 'Prospection');
    expect(open?.kind).toBe('open');
    await new Promise((r) => setTimeout(r, 5));
    const won = await t.api('PATCH', `/api/v1/pipeline-stages/${open?.stage_id}`, { kind: 'won' });
    expect(won.status, JSON.stringify(won.body)).toBe(200);
    expect(await stored(t.db)).toEqual(await derived(t.db));
    await t.api('PATCH', `/api/v1/pipeline-stages/${open?.stage_id}`, { kind: 'open' });

    expect((await t.api('DELETE', `/api/v1/opportunities/${deal.opportunity_id}`)).status).toBe(204);
    expect((await t.api('POST', `/api/v1/contacts/${b.contact_id}/erase`)).status).toBe(200);
    const job = await runImport(
      t,
      'Prénom;Nom;E-mail;Société\nÉmile;Zola;emile.zola@ex.fr;Éditions Charpentier\n',
    );
    expect(job.created).toBe(1);
    const words = await stored(t.db);
    expect(words).toEqual(await derived(t.db));
    expect(words.some((w) => w.includes(' zola '))).toBe(true);
    expect(words.some((w) => w.includes(' kirk '))).toBe(false);
    // and the import's undo deletes what it made
    const undo = await t.api('POST', `/api/v1/imports/${job.import_id}/undo`, {});
    expect(undo.status, JSON.stringify(undo.body)).toBeLessThan(300);
    expect(await stored(t.db)).toEqual(await derived(t.db));
  });

  it('the first page of a one-word search is the full query’s, with ties, filters and other classes', async () => {
    const name = surname();
    const word = name.toLowerCase();
    const owner = await createSearchableUser(t, { name: 'Ulla Owner' });
    const made: number[] = [];
    for (let i = 0; i < 14; i++) {
      const c = await createContact(t, {
        first_name: `P${String.fromCharCode(97 + i)}`,
        last_name: name,
        owner_id: i % 3 === 0 ? owner.user_id : null,
      });
      made.push(c.contact_id);
    }
    // the start of the name only, an email, and the staff of a company bearing the name
    await createContact(t, { first_name: 'Rémi', last_name: `${name}eau` });
    await createContact(t, { first_name: 'Paul', last_name: 'Durand', email: `${word}@ex.fr` });
    const firm = await createCompany(t, { company_name: `${name} SA` });
    for (const f of ['Anne', 'Luc'])
      await createContact(t, { first_name: f, last_name: 'Staff', company_id: firm.company_id });

    // five share one updated_at, as a batch would: their order is by name, then ID
    const tied = made.slice(4, 9);
    await updatedAt(tied, '2030-01-01T00:00:00.000Z');

    for (const limit of [1, 2, 3, 5, 6, 8, 13, 14, 15, 50]) {
      const { fast, full } = await both(contacts, { q: word, limit });
      expect(fast, `limit ${limit}`).toEqual(full);
    }
    const withOwner = await both(contacts, { q: word, limit: 3, owner_id: String(owner.user_id) });
    expect(withOwner.fast).toEqual(withOwner.full);
    expect(withOwner.fast).toHaveLength(3);
    // the whole name word first: the tied five lead (2030), the prefix and the email come after the 14
    const page = await both(contacts, { q: word, limit: 17 });
    expect(page.fast.slice(0, 5).sort()).toEqual([...tied].sort());
    expect(page.fast.slice(0, 14).sort()).toEqual([...made].sort());
    // companies and deals rank the same way
    const firms = await both(companies, { q: word, limit: 1 });
    expect(firms.fast).toEqual(firms.full);
    expect(firms.fast).toEqual([firm.company_id]);
  });

  it('the first page of a search of several words is the full query’s too', async () => {
    const name = surname();
    const word = name.toLowerCase();
    const jeans: number[] = [];
    for (let i = 0; i < 8; i++)
      jeans.push(
        (await createContact(t, { first_name: 'Jean', last_name: name, email: `j${i}.${word}@ex.fr` }))
          .contact_id,
      );
    for (let i = 0; i < 6; i++) await createContact(t, { first_name: 'Marie', last_name: name });
    for (let i = 0; i < 3; i++) await createContact(t, { first_name: 'Jean', last_name: `${name}x` });
    await createContact(t, { first_name: 'Jeanne', last_name: name });
    // two of the Jeans tie on updated_at
    const tied = jeans.slice(2, 4);
    await updatedAt(tied, '2031-01-01T00:00:00.000Z');
    for (const q of [`jean ${word}`, `${word} jean`, `Jean ${name} jean`])
      for (const limit of [1, 2, 3, 7, 8, 9, 20]) {
        const { fast, full } = await both(contacts, { q, limit });
        expect(fast, `${q} limit ${limit}`).toEqual(full);
      }
    const page = await both(contacts, { q: `jean ${word}`, limit: 8 });
    expect(page.fast.slice(0, 2).sort()).toEqual([...tied].sort());
    expect([...page.fast].sort()).toEqual([...jeans].sort());
  });

  it('the first page is read from name_words: a stale updated_at there shows in the answer', async () => {
    // not a state the app writes (every write keeps ranked_at in step): it shows that the head is
    // what answers, so that the test above compares two different paths
    const name = surname();
    const made: number[] = [];
    for (const f of ['Aa', 'Bb', 'Cc', 'Dd'])
      made.push((await createContact(t, { first_name: f, last_name: name })).contact_id);
    const q = { q: name.toLowerCase(), limit: 1 };
    expect((await both(contacts, q)).fast).toEqual([made[3]]);
    await t.db.kysely
      .updateTable('name_words')
      .set({ ranked_at: timestampParam(t.db.dialect, '2000-01-01T00:00:00.000Z') })
      .where('resource', '=', 'contacts')
      .where('record_id', '=', made[3])
      .execute();
    const { fast, full } = await both(contacts, q);
    expect(full).toEqual([made[3]]);
    expect(fast).toEqual([made[2]]);
  });

  it('GET /search answers a common surname from the people alone, in the lists’ order', async () => {
    const name = surname();
    const made: number[] = [];
    for (let i = 0; i < 12; i++)
      made.push(
        (await createContact(t, { first_name: `Q${String.fromCharCode(97 + i)}`, last_name: name }))
          .contact_id,
      );
    const firm = await createCompany(t, { company_name: `${name} Conseil` });
    await createOpportunity(t, { opportunity_name: `Audit ${name}`, company_id: firm.company_id });
    const res = await t.api('GET', `/api/v1/search?q=${name.toLowerCase()}&limit=10`);
    expect(res.status).toBe(200);
    const hits = res.body.data as { type: string; id: number; match: string }[];
    expect(hits.map((h) => h.type)).toEqual(Array(10).fill('contact'));
    expect(hits.map((h) => h.id)).toEqual([...made].reverse().slice(0, 10));
    // with room for more, the company and the deal follow the twelve people
    const all = await t.api('GET', `/api/v1/search?q=${name.toLowerCase()}&limit=20`);
    expect((all.body.data as { type: string }[]).map((h) => h.type)).toEqual([
      ...Array(12).fill('contact'),
      'company',
      'opportunity',
    ]);
  });
});

import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companies } from '../companies/companies.resource.js';
import { contacts } from '../contacts/contacts.resource.js';
import { connect, type Db } from '../db/connect.js';
import { migrateToLatest, migrations } from '../db/migrate.js';
import { interactions } from '../interactions/interactions.resource.js';
import { opportunities } from '../opportunities/opportunities.resource.js';
import { pipelineStages } from '../pipeline-stages/pipeline-stages.resource.js';
import { tasks } from '../tasks/tasks.resource.js';
import { DIALECTS, type FreshDatabase, freshDatabase } from '../test/dialects.js';
import { createCompany, createContact, createOpportunity, createTask } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';
import { runImport } from '../test/import-helpers.js';
import { users } from '../users/users.resource.js';
import { prefixEnd, SEARCH_WORD_MAX, wordsOf } from './search-words.js';

// every resource that has `q`
const TABLES = [companies, contacts, opportunities, interactions, tasks, users, pipelineStages]
  .filter((def) => def.search)
  .map((def) => [def.table, def.idColumn] as const);

/** search_words as stored: "table id word" lines, sorted. */
async function stored(db: Db): Promise<string[]> {
  const rows = await db.kysely.selectFrom('search_words').selectAll().execute();
  return rows.map((r) => `${r.resource} ${r.record_id} ${r.word}`).sort();
}

/** The same, derived from every searchable row's search_text. */
async function derived(db: Db): Promise<string[]> {
  const out: string[] = [];
  for (const [table, id] of TABLES) {
    const rows = (await db.kysely
      .selectFrom(table as 'contacts')
      .select([`${id} as id` as 'contact_id', 'search_text'])
      .execute()) as unknown as { id: number; search_text: string }[];
    for (const r of rows) for (const w of wordsOf(r.search_text)) out.push(`${table} ${r.id} ${w}`);
  }
  return out.sort();
}

describe('search words', () => {
  it('prefixEnd is the first string past every string starting with the prefix', () => {
    expect(prefixEnd('abc')).toBe('abd');
    expect(prefixEnd('az')).toBe('a{');
    expect(prefixEnd('é')).toBe('ê');
    // past the last code point the range is open above the shorter prefix
    expect(prefixEnd('a\u{10FFFF}')).toBe('b');
    expect(prefixEnd('\u{10FFFF}')).toBeNull();
    // never a lone surrogate
    expect(prefixEnd('\uD7FF')).toBe('\uE000');
    expect(prefixEnd('x\u{1F600}')).toBe('x\u{1F601}');
  });

  it('wordsOf gives the distinct words, cut to the stored length', () => {
    const long = 'a'.repeat(SEARCH_WORD_MAX + 20);
    expect(wordsOf(' helene dupre helene ')).toEqual(['helene', 'dupre']);
    expect(wordsOf(` ${long} `)).toEqual(['a'.repeat(SEARCH_WORD_MAX)]);
    expect(wordsOf(null)).toEqual([]);
  });
});

describeEachDialect('search words', (t) => {
  const idField: Record<string, string> = {
    '/api/v1/contacts': 'contact_id',
    '/api/v1/companies': 'company_id',
    '/api/v1/opportunities': 'opportunity_id',
  };
  const ids = async (path: string, q: string) => {
    const res = await t.api('GET', `${path}?q=${encodeURIComponent(q)}&limit=200`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return (res.body.data as Record<string, number>[]).map((r) => r[idField[path]]);
  };

  it('stay equal to the words of search_text after creates, updates, deletes, erasures and imports', async () => {
    const company = await createCompany(t, { company_name: 'Société Générale des Eaux' });
    const a = await createContact(t, {
      first_name: 'Hélène',
      last_name: 'Dupré-Lefèvre',
      company_id: company.company_id,
    });
    const b = await createContact(t, {
      first_name: 'Søren',
      last_name: 'Kierkegaard',
      phone: '+33 6 12 34 56 78',
    });
    const deal = await createOpportunity(t, { opportunity_name: 'Contrat annuel', contact_id: a.contact_id });
    await createTask(t, { title: 'Rappeler Hélène', contact_id: b.contact_id });
    expect(await stored(t.db)).toEqual(await derived(t.db));

    // an update of searched fields swaps the words; one of other fields leaves them
    expect((await t.api('PATCH', `/api/v1/contacts/${a.contact_id}`, { last_name: 'Martin' })).status).toBe(
      200,
    );
    expect(
      (await t.api('PATCH', `/api/v1/companies/${company.company_id}`, { industry: 'Eau' })).status,
    ).toBe(200);
    expect(
      (await t.api('PATCH', `/api/v1/opportunities/${deal.opportunity_id}`, { opportunity_name: 'Avenant' }))
        .status,
    ).toBe(200);
    expect(await stored(t.db)).toEqual(await derived(t.db));

    expect((await t.api('DELETE', `/api/v1/opportunities/${deal.opportunity_id}`)).status).toBe(204);
    // erasing a person removes them and their tasks: their words go too
    expect((await t.api('POST', `/api/v1/contacts/${b.contact_id}/erase`)).status).toBe(200);
    const job = await runImport(
      t,
      'Prénom;Nom;E-mail;Société\nÉmile;Zola;emile.zola@example.fr;Éditions Charpentier\n',
    );
    expect(job.created).toBe(1);
    const words = await stored(t.db);
    expect(words).toEqual(await derived(t.db));
    expect(words.some((w) => w.endsWith(' kierkegaard'))).toBe(false);
    expect(words.some((w) => w.endsWith(' zola'))).toBe(true);
    expect(words.some((w) => w.startsWith('tasks ') && w.endsWith(' rappeler'))).toBe(false);
  });

  it('are put right by the next write when they were changed behind the app', async () => {
    const c = await createContact(t, { first_name: 'Anaïs', last_name: 'Nin' });
    const own = (q: ReturnType<typeof t.db.kysely.deleteFrom<'search_words'>>) =>
      q.where('resource', '=', 'contacts').where('record_id', '=', c.contact_id);
    // a bulk tool rewrote them: one word lost, one stale word that its new name also has
    await own(t.db.kysely.deleteFrom('search_words')).where('word', '=', 'anais').execute();
    await t.db.kysely
      .insertInto('search_words')
      .values({ resource: 'contacts', word: 'durand', record_id: c.contact_id })
      .execute();
    const res = await t.api('PATCH', `/api/v1/contacts/${c.contact_id}`, { last_name: 'Durand' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await stored(t.db)).toEqual(await derived(t.db));
  });

  it('q finds word starts only, needs every word, and reaches related records', async () => {
    const tag = `w${Date.now().toString(36)}`;
    const company = await createCompany(t, { company_name: `Ébénisterie ${tag}` });
    const c1 = await createContact(t, {
      first_name: 'Zoé',
      last_name: `Ñandú${tag}`,
      company_id: company.company_id,
    });
    const c2 = await createContact(t, { first_name: 'Σωκράτης', last_name: `Παπᾶς${tag}` });
    const deal = await createOpportunity(t, { opportunity_name: `Bureau ${tag}`, contact_id: c2.contact_id });

    expect(await ids('/api/v1/contacts', `zoe nandu${tag}`)).toEqual([c1.contact_id]);
    expect(await ids('/api/v1/contacts', `NAND ${tag}`)).toEqual([c1.contact_id]);
    expect(await ids('/api/v1/contacts', `andu${tag}`)).toEqual([]); // inside a word: no match
    expect(await ids('/api/v1/contacts', `zoe ${tag}x`)).toEqual([]); // every word must match
    // the company's words reach its contacts; a contact matching twice is listed once
    expect(await ids('/api/v1/contacts', `ebenist ${tag}`)).toEqual([c1.contact_id]);
    expect(await ids('/api/v1/contacts', `ebenist zoe`)).toEqual([c1.contact_id]);
    expect(await ids('/api/v1/contacts', `ebenisterie`)).toContain(c1.contact_id);
    expect(await ids('/api/v1/contacts', `σωκρ`)).toContain(c2.contact_id);
    // a deal is found by its contact's words and by its own
    expect(await ids('/api/v1/opportunities', `σωκρατης bureau ${tag}`)).toEqual([deal.opportunity_id]);
    expect(await ids('/api/v1/opportunities', `zoe ${tag}`)).toEqual([]);
    // numbers are words where records hold no phone forms: a date or a reference finds its deal
    const renewal = await createOpportunity(t, { opportunity_name: `Renouvellement 12/2023 ${tag}` });
    for (const q of [`12/2023 ${tag}`, `${tag} 12 2023`, `renouvellement 12-2023 ${tag}`])
      expect(await ids('/api/v1/opportunities', q), q).toEqual([renewal.opportunity_id]);
  });

  it('q finds the longest words, and pages through many matches once each', async () => {
    const tag = `p${Date.now().toString(36)}`;
    // one word as long as a company name may be: found by itself, and by a longer query word
    // (query words are cut to the stored length)
    const long = `${tag}${'x'.repeat(100 - tag.length)}`;
    const big = await createCompany(t, { company_name: long });
    expect(await ids('/api/v1/companies', long)).toEqual([big.company_id]);
    expect(await ids('/api/v1/companies', `${long}yyyy`)).toEqual([big.company_id]);
    const company = await createCompany(t, { company_name: tag });
    const made: number[] = [];
    for (let i = 0; i < 7; i++) {
      // every contact matches through its own name and its company's
      const c = await createContact(t, {
        first_name: tag,
        last_name: `N${i}`,
        company_id: company.company_id,
      });
      made.push(c.contact_id);
    }

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { contact_id: number }[]; next_cursor: string | null } } = await t.api(
        'GET',
        `/api/v1/contacts?q=${tag}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.data.map((c) => c.contact_id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen.sort((x, y) => x - y)).toEqual(made);
  });
});

for (const dialect of DIALECTS) {
  describe(`search words migration [${dialect}]`, () => {
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

    it('backfills the words of the records already there', async () => {
      const migrator = new Migrator({
        db: db.kysely,
        provider: { getMigrations: async () => migrations('fr') },
      });
      expect((await migrator.migrateTo('2026_11_25_0005_list_indexes')).error).toBeUndefined();
      const now = dialect === 'mysql' ? '2026-01-01 00:00:00.000' : '2026-01-01T00:00:00.000Z';
      await sql`insert into companies (company_name, name_key, search_text, created_at, updated_at)
        values ('Acme Corp', 'acme corp', ' acme corp ', ${now}, ${now})`.execute(db.kysely);
      // more contacts than one backfill batch
      for (let i = 0; i < 1100; i += 100) {
        const rows = Array.from({ length: 100 }, (_, k) => {
          const n = i + k;
          return sql`(${`F${n}`}, 'Dupré', ${`c${n}@e.fr`}, ${`c${n}@e.fr`}, ${` f${n} dupre c${n} e fr `}, ${now}, ${now})`;
        });
        await sql`insert into contacts (first_name, last_name, email, email_key, search_text, created_at, updated_at)
          values ${sql.join(rows)}`.execute(db.kysely);
      }
      await migrateToLatest(db);
      const words = await stored(db);
      expect(words).toEqual(await derived(db));
      expect(words).toContain('companies 1 acme');
      expect(words.filter((w) => w.endsWith(' dupre'))).toHaveLength(1100);
    });
  });
}

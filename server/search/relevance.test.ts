// Search ranks by name (issue 12): a whole word of the record's own name, then the start of one,
// then its email, then a related record's name; ties by recent activity. The lists' `q` (sort
// relevance, the default with q) and GET /search rank alike, on the three databases.
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../test/harness.js';

interface Hit {
  type: string;
  id: number;
  title: string;
  subtitle: string | null;
  match: string;
}

describeEachDialect('search ranking', (t) => {
  const lefevres: number[] = [];
  const employees: number[] = [];
  let prefix = 0;
  let byEmail = 0;
  let bakery = 0;
  let generale = 0;
  const generaleStaff: number[] = [];

  const contact = async (body: Record<string, unknown>) => {
    const res = await t.api('POST', '/api/v1/contacts', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.contact_id as number;
  };

  beforeAll(async () => {
    bakery = (await t.api('POST', '/api/v1/companies', { company_name: 'Boulangerie Lefèvre & Fils' })).body
      .company_id;
    // the bakery's people, created last so that they are the most recently active
    for (const first of ['Anne', 'Luc', 'Zoé', 'Marc', 'Inès'])
      employees.push(await contact({ first_name: first, last_name: 'Martin', company_id: bakery }));
    for (const first of ['Jean', 'Marie', 'Paul', 'Lucie', 'Hugo', 'Léa', 'Noé'])
      lefevres.push(
        await contact({
          first_name: first,
          last_name: 'Lefèvre',
          email: `${first.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}@ex.fr`,
        }),
      );
    prefix = await contact({ first_name: 'Rémi', last_name: 'Lefevreau' });
    byEmail = await contact({ first_name: 'Paul', last_name: 'Durand', email: 'lefevre.compta@ex.fr' });
    // touched last: the bakery's people are now the most recent of all
    for (const id of employees) await t.api('PATCH', `/api/v1/contacts/${id}`, { email: `staff${id}@ex.fr` });

    generale = (
      await t.api('POST', '/api/v1/companies', { company_name: 'Société Générale', industry: 'Banque' })
    ).body.company_id;
    for (const first of ['Aline', 'Bruno', 'Chloé'])
      generaleStaff.push(await contact({ first_name: first, last_name: 'Perrin', company_id: generale }));
  });

  it('GET /contacts?q=lefevre: the 7 Lefèvre first, then the name prefix, the email, the bakery staff', async () => {
    const res = await t.api('GET', '/api/v1/contacts?q=lefevre');
    expect(res.status).toBe(200);
    const ids = res.body.data.map((c: { contact_id: number }) => c.contact_id);
    expect(ids.slice(0, 7).sort()).toEqual([...lefevres].sort());
    // the Lefèvre themselves: most recently updated first
    expect(ids.slice(0, 7)).toEqual([...lefevres].reverse());
    expect(ids[7]).toBe(prefix);
    expect(ids[8]).toBe(byEmail);
    expect(ids.slice(9).sort()).toEqual([...employees].sort());
    // the same with sort=relevance spelled out
    const explicit = await t.api('GET', '/api/v1/contacts?q=lefevre&sort=relevance');
    expect(explicit.body.data.map((c: { contact_id: number }) => c.contact_id)).toEqual(ids);
  });

  it('a recent change moves a record up within its class, never above a better class', async () => {
    await t.api('PATCH', `/api/v1/contacts/${lefevres[0]}`, { first_name: 'Jeanne' });
    await t.api('PATCH', `/api/v1/contacts/${byEmail}`, { first_name: 'Pierre' });
    const ids = (await t.api('GET', '/api/v1/contacts?q=LEFÈVRE')).body.data.map(
      (c: { contact_id: number }) => c.contact_id,
    );
    expect(ids[0]).toBe(lefevres[0]);
    expect(ids[8]).toBe(byEmail);
  });

  it('several words: a record ranks by its worst word', async () => {
    const ids = (await t.api('GET', '/api/v1/contacts?q=marie%20lefevre')).body.data.map(
      (c: { contact_id: number }) => c.contact_id,
    );
    expect(ids).toEqual([lefevres[1]]);
    // "luc lef": Lucie Lefèvre is a prefix on both words (1); Luc Martin's "lef" is his company (3)
    const hits = (await t.api('GET', '/api/v1/search?q=luc%20lef&types=contacts')).body.data as Hit[];
    expect(hits.map((h) => [h.id, h.match])).toEqual([
      [lefevres[3], 'name_prefix'],
      [employees[1], 'related'],
    ]);
  });

  it('keyset pages of 2 over relevance give the one page, without a skip or a repeat', async () => {
    for (const q of ['lefevre', 'lef', 'martin lef', 'ex']) {
      const one = (await t.api('GET', `/api/v1/contacts?q=${encodeURIComponent(q)}&limit=200`)).body.data.map(
        (c: { contact_id: number }) => c.contact_id,
      );
      expect(one.length).toBeGreaterThan(0);
      const paged: number[] = [];
      let cursor: string | null = null;
      do {
        const res = await t.api(
          'GET',
          `/api/v1/contacts?q=${encodeURIComponent(q)}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        paged.push(...res.body.data.map((c: { contact_id: number }) => c.contact_id));
        cursor = res.body.next_cursor;
      } while (cursor && paged.length <= one.length);
      expect(paged, q).toEqual(one);
    }
  });

  it('relevance needs q and stands alone; an explicit sort with q still applies; forged cursors are refused', async () => {
    const noQ = await t.api('GET', '/api/v1/contacts?sort=relevance');
    expect(noQ.status).toBe(400);
    expect(noQ.body.errors[0]).toMatchObject({ field: 'sort', code: 'invalid_sort' });
    expect((await t.api('GET', '/api/v1/contacts?q=%21%21&sort=relevance')).status).toBe(400);
    expect((await t.api('GET', '/api/v1/contacts?q=lefevre&sort=relevance,last_name')).status).toBe(400);
    expect((await t.api('GET', '/api/v1/tasks?q=x&sort=relevance')).status).toBe(400);
    const byName = await t.api('GET', '/api/v1/contacts?q=lefevre&sort=first_name');
    const names = byName.body.data.map((c: { first_name: string }) => c.first_name);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b, 'fr')));
    const page = await t.api('GET', '/api/v1/contacts?q=lefevre&limit=2');
    const decoded = JSON.parse(Buffer.from(page.body.next_cursor, 'base64url').toString());
    for (const rank of ['0', 1.5, 1e10, 'x'.repeat(10)]) {
      const forged = Buffer.from(JSON.stringify({ ...decoded, v: [rank, ...decoded.v.slice(1)] })).toString(
        'base64url',
      );
      const res = await t.api('GET', `/api/v1/contacts?q=lefevre&limit=2&cursor=${forged}`);
      expect(res.status, String(rank)).toBe(400);
    }
    // a cursor of another sort is refused too
    const other = await t.api(
      'GET',
      `/api/v1/contacts?q=lefevre&sort=last_name&cursor=${page.body.next_cursor}`,
    );
    expect(other.status).toBe(400);
  });

  it('GET /search: the best matches across types first, with title, subtitle and how they matched', async () => {
    const res = await t.api('GET', '/api/v1/search?q=societe%20generale');
    expect(res.status).toBe(200);
    const hits = res.body.data as Hit[];
    expect(hits[0]).toEqual({
      type: 'company',
      id: generale,
      title: 'Société Générale',
      subtitle: 'Banque',
      match: 'name',
    });
    expect(hits.slice(1).map((h) => [h.type, h.match])).toEqual(
      generaleStaff.map(() => ['contact', 'related']),
    );
    expect(hits.slice(1).map((h) => h.subtitle)).toEqual(generaleStaff.map(() => 'Société Générale'));

    const lef = (await t.api('GET', '/api/v1/search?q=lefevre&limit=50')).body.data as Hit[];
    expect(lef.slice(0, 7).every((h) => h.type === 'contact' && h.match === 'name')).toBe(true);
    expect(lef[0]).toMatchObject({ id: lefevres[0], title: 'Jeanne Lefèvre', subtitle: 'jean@ex.fr' });
    // the bakery is a name match too, but older than every Lefèvre
    expect(lef[7]).toMatchObject({ type: 'company', id: bakery, match: 'name', subtitle: null });
    expect(lef.map((h) => h.match)).toEqual(
      [...lef.map((h) => h.match)].sort(
        (a, b) =>
          ['name', 'name_prefix', 'email', 'related'].indexOf(a) -
          ['name', 'name_prefix', 'email', 'related'].indexOf(b),
      ),
    );
    const limited = (await t.api('GET', '/api/v1/search?q=lefevre&limit=3')).body.data as Hit[];
    expect(limited).toEqual(lef.slice(0, 3));
    const onlyCompanies = (await t.api('GET', '/api/v1/search?q=lefevre&types=companies,companies')).body
      .data;
    expect(onlyCompanies.map((h: Hit) => h.id)).toEqual([bakery]);
    const deal = await t.api('POST', '/api/v1/opportunities', {
      opportunity_name: 'Fours Lefèvre',
      company_id: bakery,
    });
    const deals = (await t.api('GET', '/api/v1/search?q=fours&types=opportunities')).body.data as Hit[];
    expect(deals).toEqual([
      {
        type: 'opportunity',
        id: deal.body.opportunity_id,
        title: 'Fours Lefèvre',
        subtitle: deal.body.stage,
        match: 'name',
      },
    ]);
    expect((await t.api('GET', '/api/v1/search?q=%21%3F')).body).toEqual({ data: [] });
  });

  it('GET /search refuses malformed input with 400 problems, needs a sign-in, and serves viewers and parallel calls', async () => {
    for (const qs of [
      '',
      'q=',
      `q=${'a'.repeat(201)}`,
      'q=a&limit=0',
      'q=a&limit=51',
      'q=a&limit=abc',
      'q=a&types=',
      'q=a&types=tasks',
      'q=a&types=contacts,',
      'q=a&other=1',
      'q=%00a',
    ]) {
      const res = await t.api('GET', `/api/v1/search?${qs}`);
      expect(res.status, qs).toBe(400);
      expect(res.headers['content-type'], qs).toMatch(/application\/problem\+json/);
    }
    expect((await t.anon('GET', '/api/v1/search?q=lefevre')).status).toBe(401);
    const viewer = await t.member('viewer');
    expect((await viewer.api('GET', '/api/v1/search?q=lefevre')).status).toBe(200);
    const one = await t.api('GET', '/api/v1/search?q=lef&limit=20');
    const many = await Promise.all(
      Array.from({ length: 12 }, () => t.api('GET', '/api/v1/search?q=lef&limit=20')),
    );
    for (const r of many) expect(r.body).toEqual(one.body);
  });
});

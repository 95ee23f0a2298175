// Names sort in the language's order (issue 12), the same on the three databases: accents, case
// and ligatures do not move a name out of its letter, particles sort under their first letter, and
// keyset pages through accented names follow one page's order exactly, both ways.
import { expect, it } from 'vitest';
import { nameKey } from '../lib/text.js';
import { createUser, uniq } from '../test/factories.js';
import { describeEachDialect, type TestContext } from '../test/harness.js';

// in the expected ascending order; NULL (no name) first, equal keys in the order created (by ID)
const ORDERED: (string | null)[] = [
  null,
  'Abel',
  'Ångström',
  'Bénard',
  'Brûlé',
  'de La Fontaine',
  'Dupont',
  'dupont',
  'DUPONT',
  'Émilie',
  'Étienne',
  'Eve',
  'Oberlin',
  'Œuvray',
  'Ozanne',
  'Zola',
];
// created in another order, so the ID does not give the answer away (Dupont's three stay in order)
const CREATED = [
  'Zola',
  'Œuvray',
  'Dupont',
  'Émilie',
  null,
  'Brûlé',
  'dupont',
  'de La Fontaine',
  'Ozanne',
  'Bénard',
  'DUPONT',
  'Ångström',
  'Étienne',
  'Abel',
  'Oberlin',
  'Eve',
];

type Names = (string | null)[];

/** The list in one page and in pages of 2 (asc and desc): both must equal `expected`. */
async function expectOrder(t: TestContext, url: string, pick: (r: never) => string | null, expected: Names) {
  for (const [dir, want] of [
    ['', expected],
    ['-', [...expected].reverse()],
  ] as const) {
    const sorted = url.replace('SORT=', `sort=${dir}`);
    const one = await t.api('GET', `${sorted}&limit=200`);
    expect(one.status, JSON.stringify(one.body)).toBe(200);
    expect(one.body.data.map(pick), sorted).toEqual(want);
    const paged: unknown[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.api('GET', `${sorted}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      paged.push(...res.body.data.map((r: Record<string, unknown>) => r[Object.keys(r)[0]]));
      cursor = res.body.next_cursor;
    } while (cursor && paged.length <= want.length);
    expect(paged, `${sorted} in pages of 2`).toEqual(
      one.body.data.map((r: Record<string, unknown>) => r[Object.keys(r)[0]]),
    );
  }
}

describeEachDialect('names in the language order', (t) => {
  it('the keys: folded, lower case, ligatures spelled out, cut at 100 characters', () => {
    expect(nameKey('Œuvray')).toBe('oeuvray');
    expect(nameKey('  de La   Fontaine ')).toBe('de la fontaine');
    expect(nameKey('Straße')).toBe('strasse');
    expect(nameKey('---')).toBeNull();
    expect(nameKey('')).toBeNull();
    expect([...(nameKey(`${'é'.repeat(99)}𝒜𝒜`) ?? '')]).toHaveLength(100);
  });

  it('contacts by last_name and first_name: accents, case, Œ and particles, NULLs first; pages of 2 the same', async () => {
    const owner = await createUser(t);
    for (const name of CREATED) {
      const res = await t.api('POST', '/api/v1/contacts', {
        last_name: name,
        first_name: name,
        email: `n.${uniq()}@ex.fr`,
        owner_id: owner.user_id,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const base = `/api/v1/contacts?owner_id=${owner.user_id}`;
    const last = (r: { last_name: string | null }) => r.last_name;
    const first = (r: { first_name: string | null }) => r.first_name;
    await expectOrder(t, `${base}&SORT=last_name`, last as never, ORDERED);
    await expectOrder(t, `${base}&SORT=first_name`, first as never, ORDERED);
    // the default sort (last_name, first_name) too
    const page = await t.api('GET', base);
    expect(page.body.data.map(last)).toEqual(ORDERED);
    // an exact filter on a name still finds only that spelling (the key narrows, the name decides)
    const dupont = await t.api('GET', `${base}&last_name=dupont`);
    expect(dupont.body.data.map(last)).toEqual(['dupont']);
    const benard = await t.api('GET', `${base}&last_name=${encodeURIComponent('Bénard')}`);
    expect(benard.body.data.map(last)).toEqual(['Bénard']);
  });

  it('a rename moves the contact to its new place', async () => {
    const owner = await createUser(t);
    const mk = async (last_name: string) =>
      (await t.api('POST', '/api/v1/contacts', { last_name, owner_id: owner.user_id })).body.contact_id;
    await mk('Martin');
    const moved = await mk('Arnaud');
    await mk('Robert');
    await t.api('PATCH', `/api/v1/contacts/${moved}`, { last_name: 'Élise' });
    await t.api('PATCH', `/api/v1/contacts/${moved}`, { first_name: 'Zoé' }); // the key stays
    const page = await t.api('GET', `/api/v1/contacts?owner_id=${owner.user_id}&sort=last_name`);
    expect(page.body.data.map((r: { last_name: string }) => r.last_name)).toEqual([
      'Élise',
      'Martin',
      'Robert',
    ]);
    await t.api('PATCH', `/api/v1/contacts/${moved}`, { last_name: null });
    const again = await t.api('GET', `/api/v1/contacts?owner_id=${owner.user_id}&sort=last_name`);
    expect(again.body.data.map((r: { last_name: string }) => r.last_name)).toEqual([
      null,
      'Martin',
      'Robert',
    ]);
  });

  it('companies, deals and users by name, in the same order', async () => {
    const owner = await createUser(t);
    const named = CREATED.filter((n): n is string => n !== null);
    const expected = ORDERED.filter((n) => n !== null);
    for (const name of named) {
      expect(
        (await t.api('POST', '/api/v1/companies', { company_name: name, owner_id: owner.user_id })).status,
      ).toBe(201);
      expect(
        (await t.api('POST', '/api/v1/opportunities', { opportunity_name: name, owner_id: owner.user_id }))
          .status,
      ).toBe(201);
    }
    await expectOrder(
      t,
      `/api/v1/companies?owner_id=${owner.user_id}&SORT=company_name`,
      ((r: { company_name: string }) => r.company_name) as never,
      expected,
    );
    await expectOrder(
      t,
      `/api/v1/opportunities?owner_id=${owner.user_id}&SORT=opportunity_name`,
      ((r: { opportunity_name: string }) => r.opportunity_name) as never,
      expected,
    );
    const tag = `zq${uniq()}`;
    for (const name of CREATED) {
      const res = await t.api('POST', '/api/v1/users', {
        email: `${tag}.${uniq()}@ex.fr`,
        role: 'viewer',
        ...(name === null ? {} : { name }),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    await expectOrder(
      t,
      `/api/v1/users?q=${tag}&SORT=name`,
      ((r: { name: string | null }) => r.name) as never,
      ORDERED,
    );
  });
});

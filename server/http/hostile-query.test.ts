// Hostile query strings on every list (the resources', the related lists and the pipeline): bad
// limits, unknown sorts and filters, huge and repeated parameters, filters of the wrong type, "me"
// without sign-in. Each gives 400 naming the parameter, never a 5xx. Cursors: hostile-cursor.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../test/harness.js';
import { expectProblem, type Fixtures, V1 } from './hostile-input.helpers.js';
import {
  LISTS,
  makeListFixtures,
  OPPORTUNITY_FILTERS,
  TIMESTAMP_FILTERS,
  withQuery,
} from './hostile-input.lists.js';

/** [query, the parameter the 400 must name], refused on every list. */
const EVERY_LIST: [string, string][] = [
  ['limit=0', 'limit'],
  ['limit=201', 'limit'],
  ['limit=-1', 'limit'],
  ['limit=1.5', 'limit'],
  ['limit=abc', 'limit'],
  ['limit=', 'limit'],
  ['limit=99999999999999999999', 'limit'],
  ['limit=1&limit=2', 'limit'],
  ['sort=nope', 'sort'],
  ['sort=-nope', 'sort'],
  ['sort=--created_at', 'sort'],
  ['sort=,', 'sort'],
  ['sort=search_text', 'sort'],
  ['sort=a&sort=b', 'sort'],
  [`sort=${'x,'.repeat(150)}`, 'sort'],
  ['bogus=1', 'bogus'],
  ['Limit=10', 'Limit'],
  ['__proto__=1', '__proto__'],
  ['constructor=1', 'constructor'],
  ['__proto__[limit]=1', '__proto__[limit]'],
  ['filter[name]=x', 'filter[name]'],
  ['search_text=x', 'search_text'],
  [`q=${'a'.repeat(10_000)}`, 'q'],
  [`q=${encodeURIComponent('hélène '.repeat(1500))}`, 'q'],
  ['q=a&q=b', 'q'],
];

describeEachDialect('hostile query strings', (t) => {
  let fx: Fixtures;
  beforeAll(async () => {
    fx = await makeListFixtures(t);
  });
  const get = (url: string) => t.api('GET', url);

  for (const list of LISTS) {
    describe(list.name, () => {
      it('answers the limits 1 and 200 (the control for the cases below)', async () => {
        const url = list.url(fx);
        const one = await get(`${url}?limit=1`);
        expect(one.status, JSON.stringify(one.body)).toBe(200);
        expect(one.body.data).toHaveLength(1);
        expect(typeof one.body.next_cursor).toBe('string');
        expect((await get(`${url}?limit=200`)).status).toBe(200);
        if (list.search) expect((await get(`${url}?q=${'a'.repeat(200)}`)).status).toBe(200);
      });

      it('refuses bad limits, sorts, unknown and repeated parameters with 400 naming them', async () => {
        const url = list.url(fx);
        const cases = [
          ...EVERY_LIST,
          ...list.badFilters.map(([field, value]): [string, string] => [`${field}=${value}`, field]),
        ];
        if (list.userField) {
          // "me" is the signed-in caller (tested in the lists' own suites); only "me" is special
          const f = list.userField;
          cases.push([`${f}=ME`, f], [`${f}=me&${f}=1`, f], [`${f}=you`, f]);
        }
        for (const [query, field] of cases) {
          expectProblem(await get(withQuery(url, query)), 400, [field], query.slice(0, 60));
        }
      });
    });
  }

  describe('ID lists', () => {
    it('reads several records by ID in one request, and refuses malformed or oversized lists', async () => {
      const extra = (await t.api('POST', `${V1}/companies`, { company_name: 'Listed by ID' })).body
        .company_id;
      const ids = (url: string) =>
        get(url).then((r) => (r.body.data as { company_id: number }[]).map((c) => c.company_id));
      const both = await ids(`${V1}/companies?company_id=${extra},${fx.companyId},${extra}`);
      expect(both.sort((x, y) => x - y)).toEqual([fx.companyId, extra].sort((x, y) => x - y));
      expect(await ids(`${V1}/companies?company_id=${extra}`)).toEqual([extra]);
      expect(await ids(`${V1}/companies?company_id=${extra},2147483646`)).toEqual([extra]);
      const many = Array.from({ length: 201 }, (_, i) => i + 1).join(',');
      for (const bad of [
        '1,',
        ',1',
        '1,,2',
        '0,1',
        '-1,2',
        '1;2',
        '1, 2',
        '9999999999,1',
        '2147483648',
        many,
      ]) {
        expectProblem(
          await get(`${V1}/companies?company_id=${encodeURIComponent(bad)}`),
          400,
          ['company_id'],
          bad.slice(0, 30),
        );
      }
    });
  });

  describe('pipeline', () => {
    it('takes the opportunity filters only, refusing paging, sorting and bad filters with 400', async () => {
      expect((await get(`${V1}/pipeline`)).status).toBe(200);
      expect((await get(`${V1}/pipeline?company_id=${fx.companyId}`)).status).toBe(200);
      const cases: [string, string][] = [
        ['limit=5', 'limit'],
        ['cursor=abc', 'cursor'],
        ['sort=stage', 'sort'],
        ['bogus=1', 'bogus'],
        ['__proto__=1', '__proto__'],
        ['owner_id=ME', 'owner_id'],
        [`q=${'a'.repeat(10_000)}`, 'q'],
        ['q=a&q=b', 'q'],
        ['company_id=1&company_id=2', 'company_id'],
        ...OPPORTUNITY_FILTERS.map(([field, value]): [string, string] => [`${field}=${value}`, field]),
        ...TIMESTAMP_FILTERS.map(([field, value]): [string, string] => [`${field}=${value}`, field]),
      ];
      for (const [query, field] of cases) {
        expectProblem(await get(`${V1}/pipeline?${query}`), 400, [field], query.slice(0, 60));
      }
    });
  });
});

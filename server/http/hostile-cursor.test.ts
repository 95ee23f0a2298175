// Hostile cursors on every list: garbage, truncated, from another list or another sort, and forged
// ones (valid shape, values of the wrong type) that must never reach the database. Each gives 400
// naming cursor, never a 5xx; the real cursor of the same list still pages.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../test/harness.js';
import { expectProblem, type Fixtures, V1 } from './hostile-input.helpers.js';
import { b64, LISTS, makeListFixtures, unb64, withQuery } from './hostile-input.lists.js';

/** Values no cursor the server writes holds, whatever the sort field's type. */
const FORGED_VALUES: unknown[] = [{}, [], true, 'a\u0000b', 1e308, 1.5, -99_999_999_999, [1]];

describeEachDialect('hostile cursors', (t) => {
  let fx: Fixtures;
  beforeAll(async () => {
    fx = await makeListFixtures(t);
  });
  const get = (url: string) => t.api('GET', url);
  const cursorOf = async (url: string) => {
    const res = await get(url);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(typeof res.body.next_cursor, url).toBe('string');
    return res.body.next_cursor as string;
  };

  for (const list of LISTS) {
    describe(list.name, () => {
      it('pages with its real cursor (the control for the cases below)', async () => {
        const url = list.url(fx);
        const next = await get(`${url}?limit=1&cursor=${await cursorOf(`${url}?limit=1`)}`);
        expect(next.status).toBe(200);
        expect(next.body.data).toHaveLength(1);
      });

      it('refuses garbage, foreign and forged cursors with 400 naming cursor', async () => {
        const url = list.url(fx);
        const cursor = await cursorOf(`${url}?limit=1`);
        const other = await cursorOf(
          list.name === 'companies' ? `${V1}/contacts?limit=1` : `${V1}/companies?limit=1`,
        );
        const { s, v } = unb64(cursor);
        const idField = s.split(',').at(-1).replace('-', '');
        const garbage = [
          'garbage!!',
          'x'.repeat(3000),
          cursor.slice(0, Math.floor(cursor.length / 2)),
          `${cursor}AAAA`,
          b64(null),
          b64([]),
          b64('text'),
          b64({}),
          b64({ s }),
          b64({ s, v: 'x' }),
          b64({ s, v: [...v, 1] }),
          b64({ s, v: v.slice(1) }),
          b64({ s: `${s},x`, v }),
          other,
        ];
        for (const c of garbage) {
          const res = await get(`${url}?limit=1&cursor=${encodeURIComponent(c)}`);
          expectProblem(res, 400, ['cursor'], c.slice(0, 40));
        }
        // a cursor belongs to its sort
        expectProblem(await get(`${url}?limit=1&sort=-${idField}&cursor=${cursor}`), 400, ['cursor']);
        // forged values of the wrong type must not reach the database
        for (let i = 0; i < v.length; i++) {
          for (const value of FORGED_VALUES) {
            const forged = b64({ s, v: v.map((x: unknown, j: number) => (j === i ? value : x)) });
            const label = `v[${i}]=${JSON.stringify(value)}`;
            expectProblem(await get(`${url}?limit=1&cursor=${forged}`), 400, ['cursor'], label);
          }
        }
      });
    });
  }

  it('refuses forged cursor values of the wrong kind for the sort field, whatever its type', async () => {
    const cases: [url: string, index: number, value: unknown][] = [
      [`${V1}/companies?sort=created_at`, 0, 'garbage'],
      [`${V1}/companies?sort=created_at`, 0, '2026-02-30T00:00:00.000Z'],
      [`${V1}/companies?sort=created_at`, 0, '2026-03-15T09:30:00Z'], // not as the server writes it
      [`${V1}/companies?sort=created_at`, 0, 1_700_000_000],
      [`${V1}/companies?sort=created_at`, 1, 'abc'],
      [`${V1}/companies?sort=created_at`, 1, '1'],
      [`${V1}/companies?sort=company_name`, 0, 5],
      [`${V1}/users?sort=created_at`, 0, 'yesterday'],
      [`${V1}/tasks?sort=due_at`, 0, 'soon'],
      [`${V1}/interactions`, 0, '0001-01-01T00:00:00.000Z'],
      [`${V1}/opportunities?sort=deal_value`, 0, 'abc'],
      [`${V1}/opportunities?sort=deal_value`, 0, 12.5],
      [`${V1}/opportunities?sort=deal_value`, 0, '1e308'],
      [`${V1}/opportunities?sort=expected_close_date`, 0, '2026-02-30'],
      [`${V1}/opportunities?sort=expected_close_date`, 0, 20260630],
      [`${V1}/pipeline-stages`, 0, 99_999_999_999],
      [`${V1}/pipeline-stages`, 0, 'abc'],
      [`${V1}/pipeline-stages?sort=name`, 1, 2_147_483_648],
    ];
    for (const [url, i, value] of cases) {
      const cursor = await cursorOf(withQuery(url, 'limit=1'));
      expect((await get(withQuery(url, `limit=1&cursor=${cursor}`))).status, url).toBe(200);
      const { s, v } = unb64(cursor);
      v[i] = value;
      const label = `${url} v[${i}]=${JSON.stringify(value)}`;
      expectProblem(await get(withQuery(url, `limit=1&cursor=${b64({ s, v })}`)), 400, ['cursor'], label);
    }
  });
});

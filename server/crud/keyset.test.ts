// Keyset paging (server/crud/list.ts): pages of one row follow one another in the order of a
// single page, whatever the sort, NULLs included (the cursor's bounds must drop nothing).
import { expect, it } from 'vitest';
import { createContact, createUser, uniq } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';

describeEachDialect('keyset paging', (t) => {
  it('pages one row at a time through a multi-key sort in the order of one page, NULLs included', async () => {
    const owner = await createUser(t);
    const people: [string | null, string | null][] = [
      ['Martin', null],
      ['Martin', 'Anne'],
      [null, 'Zoé'],
      ['Martin', 'Anne'],
      ['Bernard', null],
      ['Bernard', 'Luc'],
      [null, null],
      ['Martin', 'Zoé'],
    ];
    for (const [last_name, first_name] of people)
      await createContact(t, {
        last_name,
        first_name,
        email: `p.${uniq()}@ex.fr`,
        owner_id: owner.user_id,
      });
    for (const sort of ['last_name,first_name', 'first_name,last_name', '-last_name,first_name']) {
      const url = `/api/v1/contacts?owner_id=${owner.user_id}&sort=${sort}`;
      const all = (await t.api('GET', `${url}&limit=50`)).body.data.map(
        (c: { contact_id: number }) => c.contact_id,
      );
      expect(all).toHaveLength(people.length);
      const paged: number[] = [];
      let cursor: string | null = null;
      do {
        const res = await t.api('GET', `${url}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        paged.push(...res.body.data.map((c: { contact_id: number }) => c.contact_id));
        cursor = res.body.next_cursor;
      } while (cursor && paged.length <= people.length);
      expect(paged, sort).toEqual(all);
    }
  });
});

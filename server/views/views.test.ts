// Saved views (issue 13): each user's own views of a list and the team's shared ones; what they
// hold is a query the list itself takes, checked with the list's own rules.
import { beforeAll, expect, it } from 'vitest';
import { VIEW_QUERY_KEYS_MAX, VIEW_QUERY_VALUE_MAX, VIEWS_PER_LIST_MAX } from '../../shared/views.js';
import { timestampParam } from '../db/dialect.js';
import { describeEachDialect, type Member } from '../test/harness.js';

describeEachDialect('saved views', (t) => {
  let sam: Member;
  let sue: Member;
  let max: Member;
  let vic: Member;
  const field = (res: { body: { errors?: { field: string; code: string }[] } }) =>
    (res.body.errors ?? []).map((e) => `${e.field} ${e.code}`);

  beforeAll(async () => {
    sam = await t.member('sales');
    sue = await t.member('sales');
    max = await t.member('manager');
    vic = await t.member('viewer');
  });

  it('a personal view is its owner’s alone; its query is one the list takes', async () => {
    const made = await sam.api('POST', '/api/v1/views', {
      resource: 'contacts',
      name: 'Mes clients parisiens',
      query: { q: 'paris', sort: 'relevance', owner_id: 'me' },
      columns: ['last_name', 'first_name', 'email', 'company_id'],
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({
      resource: 'contacts',
      name: 'Mes clients parisiens',
      shared: false,
      owner_id: sam.user_id,
      query: { q: 'paris', sort: 'relevance', owner_id: 'me' },
      columns: ['last_name', 'first_name', 'email', 'company_id'],
    });
    const id = made.body.view_id;
    // the saved query, sent to the list as its query string, is a list
    const list = await sam.api('GET', `/api/v1/contacts?${new URLSearchParams(made.body.query)}`);
    expect(list.status, JSON.stringify(list.body)).toBe(200);

    const mine = await sam.api('GET', '/api/v1/views?resource=contacts');
    expect(mine.status).toBe(200);
    expect(mine.body.data.map((v: { view_id: number }) => v.view_id)).toContain(id);
    // another user neither sees nor reaches it
    const theirs = await sue.api('GET', '/api/v1/views');
    expect(theirs.body.data.map((v: { view_id: number }) => v.view_id)).not.toContain(id);
    expect((await sue.api('GET', `/api/v1/views/${id}`)).status).toBe(404);
    expect((await sue.api('PATCH', `/api/v1/views/${id}`, { name: 'À moi' })).status).toBe(404);
    expect((await sue.api('DELETE', `/api/v1/views/${id}`)).status).toBe(404);
    // not even the administrator: a personal view is a preference, not a record
    expect((await t.api('GET', `/api/v1/views/${id}`)).status).toBe(404);

    const renamed = await sam.api('PATCH', `/api/v1/views/${id}`, { name: 'Paris', columns: null });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Paris', columns: null, query: { q: 'paris' } });
    expect((await sam.api('DELETE', `/api/v1/views/${id}`)).status).toBe(204);
    expect((await sam.api('GET', `/api/v1/views/${id}`)).status).toBe(404);
  });

  it('sharing is for managers and admins; a shared view is everyone’s to use, theirs to change', async () => {
    const refused = await sam.api('POST', '/api/v1/views', {
      resource: 'opportunities',
      name: 'Équipe',
      shared: true,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('role_not_allowed');

    const made = await max.api('POST', '/api/v1/views', {
      resource: 'opportunities',
      name: 'Affaires en négociation',
      shared: true,
      query: { stage: 'En négociation', sort: '-deal_value' },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const id = made.body.view_id;
    for (const who of [sam, sue, vic]) {
      const seen = await who.api('GET', '/api/v1/views?resource=opportunities');
      expect(seen.body.data.map((v: { view_id: number }) => v.view_id)).toContain(id);
    }
    expect((await sam.api('PATCH', `/api/v1/views/${id}`, { name: 'Renommée' })).status).toBe(403);
    expect((await sam.api('DELETE', `/api/v1/views/${id}`)).status).toBe(403);
    // a sales user cannot share their own either, by a later change
    const own = await sam.api('POST', '/api/v1/views', { resource: 'opportunities', name: 'Les miennes' });
    expect((await sam.api('PATCH', `/api/v1/views/${own.body.view_id}`, { shared: true })).status).toBe(403);

    // the admin unshares it: it is its owner's own view again, out of the others' lists
    const unshared = await t.api('PATCH', `/api/v1/views/${id}`, { shared: false });
    expect(unshared.status, JSON.stringify(unshared.body)).toBe(200);
    expect(unshared.body).toMatchObject({ shared: false, owner_id: max.user_id });
    expect((await sam.api('GET', `/api/v1/views/${id}`)).status).toBe(404);
    expect((await max.api('GET', `/api/v1/views/${id}`)).status).toBe(200);

    // viewers keep views of their own: a view changes no record
    const viewers = await vic.api('POST', '/api/v1/views', { resource: 'companies', name: 'Lecture' });
    expect(viewers.status, JSON.stringify(viewers.body)).toBe(201);
  });

  it('refuses what the list would refuse, naming query.<parameter>', async () => {
    const post = (body: Record<string, unknown>) =>
      sam.api('POST', '/api/v1/views', { resource: 'contacts', name: `V ${Math.random()}`, ...body });
    const cases: [Record<string, unknown>, string][] = [
      [{ query: { sort: 'shoe_size' } }, 'query.sort invalid_sort'],
      [{ query: { sort: 'relevance' } }, 'query.sort invalid_sort'],
      [{ query: { shoe_size: '42' } }, 'query.shoe_size unknown_field'],
      [{ query: { limit: '10' } }, 'query.limit unknown_field'],
      [{ query: { cursor: 'abc' } }, 'query.cursor unknown_field'],
      [{ query: { owner_id: 'abc' } }, 'query.owner_id invalid_format'],
      [{ query: { created_at: 'hier' } }, 'query.created_at invalid_datetime'],
      [{ query: { q: 'x'.repeat(VIEW_QUERY_VALUE_MAX + 1) } }, 'query.q too_long'],
      [{ query: { q: 3 } }, 'query.q invalid_type'],
      [{ columns: ['last_name', 'shoe_size'] }, 'columns invalid_choice'],
      [{ columns: ['email', 'email'] }, 'columns invalid'],
      [{ name: '' }, 'name too_short'],
      [{ name: 'x'.repeat(101) }, 'name too_long'],
      [{ name: 'a\u0000b' }, 'name invalid_format'],
      [{ resource: 'interactions' }, 'resource invalid_choice'],
      [{ owner_id: 3 }, 'owner_id unknown_field'],
    ];
    for (const [body, expected] of cases) {
      const res = await post(body);
      expect(res.status, `${JSON.stringify(body)} → ${JSON.stringify(res.body)}`).toBe(400);
      expect(field(res), JSON.stringify(body)).toContain(expected);
    }
    const many = Object.fromEntries(
      Array.from({ length: VIEW_QUERY_KEYS_MAX + 1 }, (_, i) => [`p${i}`, 'x']),
    );
    expect((await post({ query: many })).status).toBe(400);
    expect((await sam.api('POST', '/api/v1/views', 'not json')).status).toBe(400);
    // nothing of these was kept
    const mine = await sam.api('GET', '/api/v1/views?resource=contacts');
    expect(mine.body.data.filter((v: { name: string }) => v.name.startsWith('V '))).toHaveLength(0);
  });

  it('refuses malformed IDs with a 400 naming id, and an unknown one with a 404, whatever the method', async () => {
    for (const id of ['0', '-1', '1.5', 'abc', '2147483648', '1e400', '%20', '1%00', "1'%20OR%20'1'='1"])
      for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
        const res = await sam.api(
          method,
          `/api/v1/views/${id}`,
          method === 'PATCH' ? { name: 'x' } : undefined,
        );
        expect(res.status, `${method} ${id}`).toBe(400);
        expect(field(res), `${method} ${id}`).toEqual([expect.stringMatching(/^id /)]);
      }
    for (const method of ['GET', 'PATCH', 'DELETE'] as const)
      expect(
        (await sam.api(method, '/api/v1/views/2147483647', method === 'PATCH' ? { name: 'x' } : undefined))
          .status,
      ).toBe(404);
    expect((await sam.api('GET', '/api/v1/views?resource=interactions')).status).toBe(400);
  });

  it('a name is one per list among a user’s views and among the shared ones, whatever its case', async () => {
    const name = `Relances ${Date.now()}`;
    const first = await sam.api('POST', '/api/v1/views', { resource: 'tasks', name });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await sam.api('POST', '/api/v1/views', { resource: 'tasks', name: name.toUpperCase() });
    expect(again.status).toBe(409);
    expect(field(again)).toEqual(['name duplicate']);
    // another user, another list, or the shared views: a name of its own
    expect((await sue.api('POST', '/api/v1/views', { resource: 'tasks', name })).status).toBe(201);
    expect((await sam.api('POST', '/api/v1/views', { resource: 'contacts', name })).status).toBe(201);
    expect((await max.api('POST', '/api/v1/views', { resource: 'tasks', name, shared: true })).status).toBe(
      201,
    );
    // …until a second one is shared under it
    const mine = await max.api('POST', '/api/v1/views', { resource: 'tasks', name: `${name}.` });
    expect(mine.status).toBe(201);
    expect(
      (await max.api('PATCH', `/api/v1/views/${mine.body.view_id}`, { shared: true, name })).status,
    ).toBe(409);

    // the same name saved at once from several tabs: one view
    const race = `Course ${Date.now()}`;
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        sue.api('POST', '/api/v1/views', { resource: 'companies', name: race }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
  });

  it(`stops at ${VIEWS_PER_LIST_MAX} views of one list a user`, async () => {
    const stamp = timestampParam(t.db.dialect, new Date().toISOString());
    await t.db.kysely
      .insertInto('saved_views')
      .values(
        Array.from({ length: VIEWS_PER_LIST_MAX }, (_, i) => ({
          resource: 'companies',
          name: `Vue ${i}`,
          name_key: `vue ${i}`,
          owner_id: vic.user_id,
          shared: (t.db.dialect === 'sqlite' ? 0 : false) as boolean,
          scope: vic.user_id,
          query: '{}',
          columns: null,
          created_at: stamp,
          updated_at: stamp,
        })),
      )
      .execute();
    const over = await vic.api('POST', '/api/v1/views', { resource: 'companies', name: 'Une de trop' });
    expect(over.status).toBe(400);
    expect(field(over)).toEqual(['name too_many']);
    // another list still has room
    expect(
      (await vic.api('POST', '/api/v1/views', { resource: 'contacts', name: 'Une de trop' })).status,
    ).toBe(201);
  });
});

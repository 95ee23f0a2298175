// Tags (issue 13): the /tags routes, a record's `tags` (validation, normalisation, record_tags kept
// in step), and what a rename, merge or delete does to the records carrying the tag.
import { beforeAll, expect, it } from 'vitest';
import { uniq } from '../test/factories.js';
import { describeEachDialect, type Member } from '../test/harness.js';

describeEachDialect('tags', (t) => {
  let sam: Member;
  let max: Member;
  let vic: Member;
  const errs = (res: { body: { errors?: { field: string; code: string }[] } }) =>
    (res.body.errors ?? []).map((e) => `${e.field} ${e.code}`);
  /** the tag IDs record_tags holds for a record */
  const indexed = async (resource: string, id: number) =>
    (
      await t.db.kysely
        .selectFrom('record_tags')
        .innerJoin('tags', 'tags.tag_id', 'record_tags.tag_id')
        .select('tags.name')
        .where('resource', '=', resource)
        .where('record_id', '=', id)
        .execute()
    )
      .map((r) => r.name)
      .sort();
  const tagByName = async (name: string) =>
    ((await t.api('GET', '/api/v1/tags')).body.data as { tag_id: number; name: string }[]).find(
      (x) => x.name === name,
    );

  const post = (path: string, body: Record<string, unknown>) => t.api('POST', `/api/v1/${path}`, body);
  const createContact = (over: Record<string, unknown>) =>
    post('contacts', { last_name: `Person ${uniq()}`, ...over });
  const createCompany = (over: Record<string, unknown>) =>
    post('companies', { company_name: `Company ${uniq()}`, ...over });
  const createOpportunity = (over: Record<string, unknown>) =>
    post('opportunities', { opportunity_name: `Deal ${uniq()}`, ...over });

  beforeAll(async () => {
    sam = await t.member('sales');
    max = await t.member('manager');
    vic = await t.member('viewer');
  });

  it('a record’s tags are matched to existing tags ignoring case and accents, once each, sorted', async () => {
    const u = uniq();
    const made = await t.api('POST', '/api/v1/tags', { name: `Été ${u}`, color: 'teal' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ name: `Été ${u}`, color: 'teal', usage: { contacts: 0 } });

    const c = await createContact({ tags: [`  zoo ${u} `, `ETE ${u}`, `été ${u}`, `Alpha  ${u}`] });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    // the existing tag's own name; unknown names create tags (spaces tidied); sorted by folded name
    expect(c.body.tags).toEqual([`Alpha ${u}`, `Été ${u}`, `zoo ${u}`]);
    expect(await indexed('contacts', c.body.contact_id)).toEqual(
      [`Alpha ${u}`, `zoo ${u}`, `Été ${u}`].sort(),
    );
    const zoo = await tagByName(`zoo ${u}`);
    expect(zoo).toMatchObject({ color: 'gray', usage: { contacts: 1, companies: 0, opportunities: 0 } });

    // the same set written differently is no change: same ETag, no audit entry
    const before = await t.api('GET', `/api/v1/contacts/${c.body.contact_id}`);
    const same = await t.api('PATCH', `/api/v1/contacts/${c.body.contact_id}`, {
      tags: [`ZOO ${u}`, `alpha ${u}`, `ete ${u}`],
    });
    expect(same.status).toBe(200);
    expect(same.headers.etag).toBe(before.headers.etag);

    // removing one keeps the index in step; [] and null clear
    const less = await t.api('PATCH', `/api/v1/contacts/${c.body.contact_id}`, { tags: [`zoo ${u}`] });
    expect(less.body.tags).toEqual([`zoo ${u}`]);
    expect(less.headers.etag).not.toBe(before.headers.etag);
    expect(await indexed('contacts', c.body.contact_id)).toEqual([`zoo ${u}`]);
    const none = await t.api('PATCH', `/api/v1/contacts/${c.body.contact_id}`, { tags: null });
    expect(none.body.tags).toEqual([]);
    expect(await indexed('contacts', c.body.contact_id)).toEqual([]);

    // companies and opportunities carry tags too; a deleted record leaves no index rows
    const co = await createCompany({ tags: [`zoo ${u}`] });
    const op = await createOpportunity({ tags: [`ZOO ${u}`] });
    expect(co.body.tags).toEqual([`zoo ${u}`]);
    expect(op.body.tags).toEqual([`zoo ${u}`]);
    expect((await t.api('GET', `/api/v1/tags/${zoo?.tag_id}`)).body.usage).toEqual({
      contacts: 0,
      companies: 1,
      opportunities: 1,
    });
    expect((await t.api('DELETE', `/api/v1/opportunities/${op.body.opportunity_id}`)).status).toBe(204);
    expect(await indexed('opportunities', op.body.opportunity_id)).toEqual([]);
  });

  it('refuses hostile tags: too many, too long, separators, controls, wrong types, unknown fields', async () => {
    const u = uniq();
    const many = Array.from({ length: 51 }, (_, i) => `t${i} ${u}`);
    const bad: [unknown, string][] = [
      [many, 'tags too_many'],
      [['x'.repeat(51)], 'tags.0 too_long'],
      [['a,b'], 'tags.0 invalid_format'],
      [['a;b'], 'tags.0 invalid_format'],
      [['a::b'], 'tags.0 invalid_format'],
      [['tab\there'], 'tags.0 invalid_format'],
      [['nul\u0000'], 'tags.0 invalid_format'],
      [['   '], 'tags.0 invalid_format'],
      [[''], 'tags.0 too_short'],
      [[12], 'tags.0 invalid_type'],
      ['VIP', 'tags invalid_type'],
    ];
    for (const [tags, expected] of bad) {
      const res = await createContact({ last_name: `Hostile ${u}`, tags });
      expect(res.status, JSON.stringify(tags)).toBe(400);
      expect(errs(res), JSON.stringify(tags)).toContain(expected);
    }
    // 50 names of which two fold to one are 49 tags
    const fifty = [...many.slice(0, 49), many[0].toUpperCase()];
    const ok = await createContact({ last_name: `Fifty ${u}`, tags: fifty });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.tags).toHaveLength(49);
    // nothing of a refused record was written: no tag made by it
    expect(await tagByName(`t50 ${u}`)).toBeUndefined();

    for (const body of [
      { name: 'x'.repeat(51) },
      { name: 'a,b' },
      { name: 'ok', color: 'chartreuse' },
      { name: 'ok', colour: 'red' },
      {},
    ]) {
      const res = await t.api('POST', '/api/v1/tags', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const dup = await t.api('POST', '/api/v1/tags', { name: `T0 ${u}` });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ existing_name: `t0 ${u}` });
  });

  it('who: writers create tags, managers and admins curate them, viewers read', async () => {
    const u = uniq();
    const mine = await sam.api('POST', '/api/v1/tags', { name: `Sam ${u}` });
    expect(mine.status).toBe(201);
    const id = mine.body.tag_id;
    expect((await vic.api('GET', '/api/v1/tags')).status).toBe(200);
    expect((await vic.api('GET', `/api/v1/tags/${id}`)).status).toBe(200);
    expect((await vic.api('POST', '/api/v1/tags', { name: `Vic ${u}` })).status).toBe(403);
    for (const [method, url, body] of [
      ['PATCH', `/api/v1/tags/${id}`, { name: `Renamed ${u}` }],
      ['PATCH', `/api/v1/tags/${id}`, { color: 'red' }],
      ['POST', `/api/v1/tags/${id}/merge`, { into: id }],
      ['DELETE', `/api/v1/tags/${id}`, undefined],
    ] as const) {
      expect((await sam.api(method, url, body)).status, `${method} ${url}`).toBe(403);
      expect((await vic.api(method, url, body)).status, `${method} ${url}`).toBe(403);
    }
    expect((await max.api('PATCH', `/api/v1/tags/${id}`, { color: 'red' })).body.color).toBe('red');
    expect((await max.api('DELETE', `/api/v1/tags/${id}`)).status).toBe(204);
    expect((await max.api('GET', `/api/v1/tags/${id}`)).status).toBe(404);
    expect((await t.anon('GET', '/api/v1/tags')).status).toBe(401);
  });

  it('rename, merge and delete rewrite every tagged record: new ETag, audit entry', async () => {
    const u = uniq();
    const a = await createContact({ tags: [`Salon ${u}`, `VIP ${u}`] });
    const b = await createCompany({ tags: [`salon ${u}`] });
    const other = await createContact({ tags: [`Other ${u}`] });
    const salon = await tagByName(`Salon ${u}`);
    const vip = await tagByName(`VIP ${u}`);
    const etag = async (path: string) => (await t.api('GET', path)).headers.etag;
    const aPath = `/api/v1/contacts/${a.body.contact_id}`;
    const bPath = `/api/v1/companies/${b.body.company_id}`;
    const otherPath = `/api/v1/contacts/${other.body.contact_id}`;
    const [ea, eb, eo] = [await etag(aPath), await etag(bPath), await etag(otherPath)];

    // renaming onto another tag's name (ignoring case) is a 409 naming it
    const clash = await max.api('PATCH', `/api/v1/tags/${salon?.tag_id}`, { name: `vip ${u}` });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ type: '/problems/duplicate', existing_id: vip?.tag_id });

    const renamed = await max.api('PATCH', `/api/v1/tags/${salon?.tag_id}`, { name: `Salon 2026 ${u}` });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect((await t.api('GET', aPath)).body.tags).toEqual([`Salon 2026 ${u}`, `VIP ${u}`]);
    expect((await t.api('GET', bPath)).body.tags).toEqual([`Salon 2026 ${u}`]);
    expect(await etag(aPath)).not.toBe(ea);
    expect(await etag(bPath)).not.toBe(eb);
    expect(await etag(otherPath)).toBe(eo);
    const history = await t.api('GET', `${aPath}/history`);
    expect(history.body.data[0]).toMatchObject({
      action: 'update',
      user_id: max.user_id,
      changes: {
        tags: [
          [`Salon ${u}`, `VIP ${u}`],
          [`Salon 2026 ${u}`, `VIP ${u}`],
        ],
      },
    });
    // filtering by the new name finds them; by the old one, nothing
    expect(
      (await t.api('GET', `/api/v1/contacts?tag=${encodeURIComponent(`salon 2026 ${u}`)}`)).body.data,
    ).toHaveLength(1);
    expect(
      (await t.api('GET', `/api/v1/contacts?tag=${encodeURIComponent(`Salon ${u}`)}`)).body.data,
    ).toEqual([]);

    // merge: the records get the target (once), the source disappears
    const ea2 = await etag(aPath);
    const merged = await max.api('POST', `/api/v1/tags/${salon?.tag_id}/merge`, { into: vip?.tag_id });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body.usage).toEqual({ contacts: 1, companies: 1, opportunities: 0 });
    expect((await t.api('GET', aPath)).body.tags).toEqual([`VIP ${u}`]);
    expect((await t.api('GET', bPath)).body.tags).toEqual([`VIP ${u}`]);
    expect(await etag(aPath)).not.toBe(ea2);
    expect((await t.api('GET', `/api/v1/tags/${salon?.tag_id}`)).status).toBe(404);
    expect(await indexed('companies', b.body.company_id)).toEqual([`VIP ${u}`]);
    expect((await max.api('POST', `/api/v1/tags/${vip?.tag_id}/merge`, { into: 2147483647 })).status).toBe(
      400,
    );

    // delete: off every record, with its audit entry
    const eb3 = await etag(bPath);
    expect((await max.api('DELETE', `/api/v1/tags/${vip?.tag_id}`)).status).toBe(204);
    expect((await t.api('GET', aPath)).body.tags).toEqual([]);
    expect((await t.api('GET', bPath)).body.tags).toEqual([]);
    expect(await etag(bPath)).not.toBe(eb3);
    expect(await indexed('contacts', a.body.contact_id)).toEqual([]);
    const bHistory = await t.api('GET', `${bPath}/history`);
    expect(bHistory.body.data[0].changes.tags).toEqual([[`VIP ${u}`], []]);
  });

  it('?tag= lists the records having all the tags, paged; an unknown tag is an empty page', async () => {
    const u = uniq();
    for (let i = 0; i < 5; i++)
      await createContact({ last_name: `Tagged ${u} ${i}`, tags: i < 3 ? [`A ${u}`, `B ${u}`] : [`A ${u}`] });
    const q = (tag: string, extra = '') =>
      t.api('GET', `/api/v1/contacts?tag=${encodeURIComponent(tag)}${extra}`);
    const page1 = await q(`A ${u}`, '&limit=2');
    expect(page1.status, JSON.stringify(page1.body)).toBe(200);
    expect(page1.body.data).toHaveLength(2);
    const page2 = await q(`A ${u}`, `&limit=2&cursor=${page1.body.next_cursor}`);
    const page3 = await q(`A ${u}`, `&limit=2&cursor=${page2.body.next_cursor}`);
    const all = [...page1.body.data, ...page2.body.data, ...page3.body.data].map((c) => c.last_name);
    expect(all).toEqual([0, 1, 2, 3, 4].map((i) => `Tagged ${u} ${i}`));
    expect(page3.body.next_cursor).toBeNull();
    expect((await q(`a ${u}, B ${u}`)).body.data).toHaveLength(3);
    expect((await q(`A ${u},Nope ${u}`)).body.data).toEqual([]);
    expect((await q(`A ${u}`, `&q=${encodeURIComponent(`Tagged ${u} 4`)}`)).body.data).toHaveLength(1);
    expect((await t.api('GET', `/api/v1/companies?tag=${encodeURIComponent(`A ${u}`)}`)).body.data).toEqual(
      [],
    );
    expect((await q(',')).status).toBe(400);
    expect((await q('x\u0001')).status).toBe(400);
    // the export takes the filter too
    const csv = await t.api(
      'GET',
      `/api/v1/contacts/export?tag=${encodeURIComponent(`B ${u}`)}&columns=technical`,
    );
    expect(csv.status).toBe(200);
    expect(String(csv.raw.body).trim().split('\n')).toHaveLength(4);
  });
});

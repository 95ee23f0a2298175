// Tagging a list's selection (issue 13): each record by the rules of its own update (owner rules,
// audit entry, new ETag), failures reported per ID without stopping the others.
import { beforeAll, expect, it } from 'vitest';
import { uniq } from '../test/factories.js';
import { describeEachDialect, type Member } from '../test/harness.js';

describeEachDialect('tags: bulk add and remove', (t) => {
  let sam: Member;
  let sue: Member;
  let vic: Member;

  beforeAll(async () => {
    sam = await t.member('sales');
    sue = await t.member('sales');
    vic = await t.member('viewer');
  });

  const contact = async (owner: Member | null, tags: string[] = []) => {
    const res = await t.api('POST', '/api/v1/contacts', {
      last_name: `Bulk ${uniq()}`,
      owner_id: owner?.user_id ?? null,
      tags,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.contact_id as number;
  };

  it('adds and removes on each record a sales user may change; the others fail by ID', async () => {
    const u = uniq();
    const own = await contact(sam, [`Old ${u}`]);
    const unowned = await contact(null, [`Old ${u}`, `Keep ${u}`]);
    const theirs = await contact(sue, [`Old ${u}`]);
    const already = await contact(sam, [`New ${u}`]);
    const etag = async (id: number) => (await t.api('GET', `/api/v1/contacts/${id}`)).headers.etag;
    const before = { own: await etag(own), theirs: await etag(theirs), already: await etag(already) };

    const res = await sam.api('POST', '/api/v1/contacts/bulk-tags', {
      ids: [own, unowned, theirs, already, 2147483647, own],
      add: [`new ${u}`],
      remove: [`OLD ${u}`],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.updated.sort()).toEqual([own, unowned].sort());
    expect(res.body.unchanged).toEqual([already]);
    expect(res.body.failed).toEqual([
      expect.objectContaining({ id: theirs, status: 403, code: 'not_owner' }),
      expect.objectContaining({ id: 2147483647, status: 404, code: 'not-found' }),
    ]);
    const tagsOf = async (id: number) => (await t.api('GET', `/api/v1/contacts/${id}`)).body.tags;
    // a new name created the tag; "new" took the existing tag's name
    expect(await tagsOf(own)).toEqual([`New ${u}`]);
    expect(await tagsOf(unowned)).toEqual([`Keep ${u}`, `New ${u}`]);
    expect(await tagsOf(theirs)).toEqual([`Old ${u}`]);
    expect(await etag(own)).not.toBe(before.own);
    expect(await etag(theirs)).toBe(before.theirs);
    expect(await etag(already)).toBe(before.already);
    const history = await t.api('GET', `/api/v1/contacts/${own}/history`);
    expect(history.body.data[0]).toMatchObject({
      action: 'update',
      user_id: sam.user_id,
      changes: { tags: [[`Old ${u}`], [`New ${u}`]] },
    });
    // the filter sees the result
    const listed = await t.api('GET', `/api/v1/contacts?tag=${encodeURIComponent(`New ${u}`)}`);
    expect(listed.body.data.map((c: { contact_id: number }) => c.contact_id).sort()).toEqual(
      [own, unowned, already].sort(),
    );
  });

  it('works on companies and opportunities; a record that would pass 50 tags fails alone', async () => {
    const u = uniq();
    const full = Array.from({ length: 50 }, (_, i) => `F${i} ${u}`);
    const co1 = (await t.api('POST', '/api/v1/companies', { company_name: `Full ${u}`, tags: full })).body;
    const co2 = (await t.api('POST', '/api/v1/companies', { company_name: `Room ${u}` })).body;
    const res = await t.api('POST', '/api/v1/companies/bulk-tags', {
      ids: [co1.company_id, co2.company_id],
      add: [`Extra ${u}`],
    });
    expect(res.status).toBe(200);
    expect(res.body.updated).toEqual([co2.company_id]);
    expect(res.body.failed).toEqual([
      expect.objectContaining({ id: co1.company_id, status: 400, code: 'too_many' }),
    ]);
    const deal = (await t.api('POST', '/api/v1/opportunities', { opportunity_name: `Deal ${u}` })).body;
    const d = await t.api('POST', '/api/v1/opportunities/bulk-tags', {
      ids: [deal.opportunity_id],
      add: [`Hot ${u}`],
    });
    expect(d.body.updated).toEqual([deal.opportunity_id]);
  });

  it('refuses what is not a bulk request: viewers, empty, oversized or hostile bodies', async () => {
    const id = await contact(null);
    expect((await vic.api('POST', '/api/v1/contacts/bulk-tags', { ids: [id], add: ['x'] })).status).toBe(403);
    expect((await t.anon('POST', '/api/v1/contacts/bulk-tags', { ids: [id], add: ['x'] })).status).toBe(401);
    const ids501 = Array.from({ length: 501 }, (_, i) => i + 1);
    for (const body of [
      { ids: [id] },
      { ids: [], add: ['x'] },
      { ids: ids501, add: ['x'] },
      { ids: [id], add: ['a,b'] },
      { ids: [id], add: ['x'.repeat(51)] },
      { ids: [id], add: ['x'], remove: ['X'] },
      { ids: [id], add: ['x'], other: 1 },
      { ids: ['1'], add: ['x'] },
    ]) {
      const res = await t.api('POST', '/api/v1/contacts/bulk-tags', body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    expect((await t.api('GET', `/api/v1/contacts/${id}`)).body.tags).toEqual([]);
  });
});

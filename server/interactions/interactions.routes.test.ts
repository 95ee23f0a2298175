import { describe, expect, it } from 'vitest';
import { createContact, createInteraction, createOpportunity, createUser } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';

type Interaction = { interaction_id: number; interaction_date: string };
const ids = (res: { body: { data: Interaction[] } }) => res.body.data.map((i) => i.interaction_id);

describeEachDialect('interactions', (t) => {
  describe('create, read, update, delete', () => {
    it('creates an interaction: 201, Location, ETag, the contract fields, the caller as author', async () => {
      const contact = await createContact(t);
      const opp = await createOpportunity(t);
      const res = await t.api('POST', '/api/v1/interactions', {
        contact_id: contact.contact_id,
        interaction_type: 'meeting',
        interaction_date: '2026-03-15T09:30:00.000Z',
        notes: 'Démo du produit, très intéressés.',
        opportunity_id: opp.opportunity_id,
      });
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/api/v1/interactions/${res.body.interaction_id}`);
      expect(res.headers.etag).toMatch(/^"[^"]+"$/);
      expect(res.body).toEqual({
        interaction_id: res.body.interaction_id,
        contact_id: contact.contact_id,
        interaction_type: 'meeting',
        interaction_date: '2026-03-15T09:30:00.000Z',
        notes: 'Démo du produit, très intéressés.',
        opportunity_id: opp.opportunity_id,
        user_id: t.admin.user_id, // the author defaults to the caller
        created_at: res.body.created_at,
      });
      expect(res.body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      const got = await t.api('GET', res.headers.location as string);
      expect(got.body).toEqual(res.body);
      expect(got.headers.etag).toBe(res.headers.etag);
      // an explicit author is kept
      const author = await createUser(t);
      const by = await createInteraction(t, { user_id: author.user_id });
      expect(by.user_id).toBe(author.user_id);
    });

    it('requires contact_id, interaction_type and interaction_date', async () => {
      const res = await t.api('POST', '/api/v1/interactions', { notes: 'x' });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { field: 'contact_id', code: 'required', message: 'is required' },
        { field: 'interaction_type', code: 'required', message: 'is required' },
        { field: 'interaction_date', code: 'required', message: 'is required' },
      ]);
      const i = await createInteraction(t);
      for (const field of ['contact_id', 'interaction_type', 'interaction_date']) {
        const cleared = await t.api('PATCH', `/api/v1/interactions/${i.interaction_id}`, { [field]: null });
        expect(cleared.status, field).toBe(400);
      }
      const unknown = await t.api('POST', '/api/v1/interactions', {
        contact_id: 999999,
        interaction_type: 'call',
        interaction_date: '2026-03-15T09:30:00Z',
        opportunity_id: 999998,
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([
        { field: 'contact_id', code: 'not_found', message: 'contact 999999 does not exist' },
        { field: 'opportunity_id', code: 'not_found', message: 'opportunity 999998 does not exist' },
      ]);
    });

    it('accepts the four interaction types and nothing else', async () => {
      const contact = await createContact(t);
      for (const type of ['email', 'call', 'meeting', 'note']) {
        const i = await createInteraction(t, { contact_id: contact.contact_id, interaction_type: type });
        expect(i.interaction_type).toBe(type);
      }
      for (const type of ['sms', 'Call', '', null]) {
        const res = await t.api('POST', '/api/v1/interactions', {
          contact_id: contact.contact_id,
          interaction_type: type,
          interaction_date: '2026-03-15T09:30:00Z',
        });
        expect(res.status, String(type)).toBe(400);
        expect(new Set(res.body.errors.map((e: { field: string }) => e.field))).toEqual(
          new Set(['interaction_type']),
        );
      }
      const list = await t.api(
        'GET',
        `/api/v1/interactions?contact_id=${contact.contact_id}&sort=interaction_type`,
      );
      expect(list.body.data.map((i: { interaction_type: string }) => i.interaction_type)).toEqual([
        'call',
        'email',
        'meeting',
        'note',
      ]);
    });

    it('normalises interaction_date to UTC ISO 8601 with milliseconds', async () => {
      const cases: [string, string][] = [
        ['2026-03-15T10:30:00+01:00', '2026-03-15T09:30:00.000Z'],
        ['2026-03-15T09:30:00Z', '2026-03-15T09:30:00.000Z'],
        ['2026-07-01T00:15:00.250-02:00', '2026-07-01T02:15:00.250Z'],
        ['2025-12-31T23:59:59.999+00:00', '2025-12-31T23:59:59.999Z'],
      ];
      for (const [input, want] of cases) {
        const i = await createInteraction(t, { interaction_date: input });
        expect(i.interaction_date, input).toBe(want);
        expect((await t.api('GET', `/api/v1/interactions/${i.interaction_id}`)).body.interaction_date).toBe(
          want,
        );
      }
      const i = await createInteraction(t);
      const moved = await t.api('PATCH', `/api/v1/interactions/${i.interaction_id}`, {
        interaction_date: '2026-04-01T08:00:00+02:00',
      });
      expect(moved.body.interaction_date).toBe('2026-04-01T06:00:00.000Z');
      const notADate = await t.api('PATCH', `/api/v1/interactions/${i.interaction_id}`, {
        interaction_date: '2026-04-01',
      });
      expect(notADate.status).toBe(400);
    });

    it('keeps notes of up to 65536 characters intact and refuses 65537 with 400', async () => {
      const contact = await createContact(t);
      const ascii = `${'a'.repeat(65535)}Z`;
      const long = await createInteraction(t, { contact_id: contact.contact_id, notes: ascii });
      expect(long.notes).toBe(ascii);
      const accented = 'é'.repeat(65536); // 128 KiB of UTF-8
      const wide = await createInteraction(t, { contact_id: contact.contact_id, notes: accented });
      expect((await t.api('GET', `/api/v1/interactions/${wide.interaction_id}`)).body.notes).toBe(accented);
      const multi = 'ligne 1\nligne 2\r\n\tindentée — « citée »';
      expect((await createInteraction(t, { contact_id: contact.contact_id, notes: multi })).notes).toBe(
        multi,
      );
      const tooLong = await t.api('POST', '/api/v1/interactions', {
        contact_id: contact.contact_id,
        interaction_type: 'note',
        interaction_date: '2026-03-15T09:30:00Z',
        notes: 'a'.repeat(65537),
      });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.errors.map((e: { field: string }) => e.field)).toEqual(['notes']);
      const patched = await t.api('PATCH', `/api/v1/interactions/${long.interaction_id}`, {
        notes: 'b'.repeat(65537),
      });
      expect(patched.status).toBe(400);
      expect((await t.api('GET', `/api/v1/interactions/${long.interaction_id}`)).body.notes).toBe(ascii);
    });

    it('updates partially, refuses a stale If-Match with 412, and deletes with 204', async () => {
      const i = await createInteraction(t, { notes: 'avant' });
      const first = await t.api('GET', `/api/v1/interactions/${i.interaction_id}`);
      const etag = first.headers.etag as string;
      const ok = await t.api(
        'PATCH',
        `/api/v1/interactions/${i.interaction_id}`,
        { notes: 'après' },
        { 'if-match': etag },
      );
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ ...first.body, notes: 'après' });
      const stale = await t.api(
        'PATCH',
        `/api/v1/interactions/${i.interaction_id}`,
        { notes: 'x' },
        { 'if-match': etag },
      );
      expect(stale.status).toBe(412);
      expect((await t.api('GET', `/api/v1/interactions/${i.interaction_id}`)).body.notes).toBe('après');
      expect((await t.api('DELETE', `/api/v1/interactions/${i.interaction_id}`)).status).toBe(204);
      expect((await t.api('GET', `/api/v1/interactions/${i.interaction_id}`)).status).toBe(404);
    });
  });

  describe('lists', () => {
    it('orders a timeline newest first, the ID breaking ties, and walks it in pages', async () => {
      const contact = await createContact(t);
      const at = async (d: string) =>
        (await createInteraction(t, { contact_id: contact.contact_id, interaction_date: d })).interaction_id;
      const jan = await at('2026-01-05T10:00:00Z');
      const mar1 = await at('2026-03-01T10:00:00Z');
      const feb = await at('2026-02-01T10:00:00+01:00');
      const mar2 = await at('2026-03-01T11:00:00+01:00'); // the same instant as mar1
      const dec = await at('2025-12-31T23:30:00-01:00'); // 2026-01-01T00:30Z
      const newestFirst = [mar2, mar1, feb, jan, dec];
      const timeline = await t.api('GET', `/api/v1/contacts/${contact.contact_id}/interactions`);
      expect(ids(timeline)).toEqual(newestFirst);
      expect(timeline.body.data.map((i: Interaction) => i.interaction_date)).toEqual([
        '2026-03-01T10:00:00.000Z',
        '2026-03-01T10:00:00.000Z',
        '2026-02-01T09:00:00.000Z',
        '2026-01-05T10:00:00.000Z',
        '2026-01-01T00:30:00.000Z',
      ]);
      // the list's own default order is the same
      expect(ids(await t.api('GET', `/api/v1/interactions?contact_id=${contact.contact_id}`))).toEqual(
        newestFirst,
      );
      const oldest = await t.api(
        'GET',
        `/api/v1/interactions?contact_id=${contact.contact_id}&sort=interaction_date`,
      );
      expect(ids(oldest)).toEqual([dec, jan, feb, mar1, mar2]);
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/contacts/${contact.contact_id}/interactions?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await t.api('GET', url);
        seen.push(...ids(res));
        cursor = res.body.next_cursor;
      } while (cursor);
      expect(seen).toEqual(newestFirst);
    });

    it('filters on type, opportunity and author', async () => {
      const contact = await createContact(t);
      const opp = await createOpportunity(t);
      const author = await createUser(t);
      const a = await createInteraction(t, {
        contact_id: contact.contact_id,
        interaction_type: 'email',
        opportunity_id: opp.opportunity_id,
      });
      const b = await createInteraction(t, {
        contact_id: contact.contact_id,
        interaction_type: 'call',
        user_id: author.user_id,
      });
      const c = await createInteraction(t, {
        contact_id: contact.contact_id,
        interaction_type: 'email',
        user_id: author.user_id,
      });
      const get = async (qs: string) => ids(await t.api('GET', `/api/v1/interactions?sort=created_at&${qs}`));
      expect(await get(`contact_id=${contact.contact_id}&interaction_type=email`)).toEqual([
        a.interaction_id,
        c.interaction_id,
      ]);
      expect(await get(`opportunity_id=${opp.opportunity_id}`)).toEqual([a.interaction_id]);
      expect(await get(`user_id=${author.user_id}`)).toEqual([b.interaction_id, c.interaction_id]);
      expect(await get(`user_id=${author.user_id}&interaction_type=call`)).toEqual([b.interaction_id]);
      expect((await t.api('GET', '/api/v1/interactions?q=demo')).status).toBe(400);
    });
  });
});

// Custom field values on records (issue 13, ADR 013): checked by type against the definitions,
// merged on update, defaults and required, the ETag and audit entries following them, filters
// and sorting through custom_values with keyset paging, search, and the index kept in step.
import { beforeAll, describe, expect, it } from 'vitest';
import { define } from '../test/custom-fields.js';
import { uniq } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';

const errors = (res: { body: { errors?: { field: string; code: string }[] } }) =>
  (res.body.errors ?? []).map((e) => [e.field, e.code]);

describeEachDialect('custom field values', (t) => {
  beforeAll(async () => {
    await define(t, 'contacts', 'segment', 'select', { options: ['PME', 'ETI', 'Grand compte'] });
    await define(t, 'contacts', 'renewal', 'date');
    await define(t, 'contacts', 'score', 'number');
    await define(t, 'contacts', 'budget', 'money');
    await define(t, 'contacts', 'vip', 'boolean');
    await define(t, 'contacts', 'interests', 'multi_select', { options: ['CRM', 'ERP', 'Paie'] });
    await define(t, 'contacts', 'notes_long', 'long_text');
    await define(t, 'contacts', 'nickname', 'text');
    await define(t, 'contacts', 'site', 'url');
    await define(t, 'contacts', 'assistant_email', 'email');
    await define(t, 'contacts', 'switchboard', 'phone');
    await define(t, 'contacts', 'met_at', 'datetime');
    await define(t, 'contacts', 'account_manager', 'user');
    await define(t, 'companies', 'tier', 'select', { options: ['Or', 'Argent'], required: true });
    await define(t, 'opportunities', 'channel', 'text', { default: 'Direct' });
  });

  describe('writing', () => {
    it('stores each type in its canonical form and shows it back', async () => {
      const res = await t.api('POST', '/api/v1/contacts', {
        last_name: `Cf ${uniq()}`,
        custom_fields: {
          segment: 'pme',
          renewal: '2027-03-01',
          score: '12.5',
          budget: 1500.5,
          vip: true,
          interests: ['Paie', 'crm', 'Paie'],
          notes_long: '  ligne 1\nligne 2  ',
          nickname: ' Lulu ',
          site: 'https://exemple.fr/a',
          assistant_email: 'a@exemple.fr',
          switchboard: '+33 1 23 45 67 89',
          met_at: '2026-05-04T10:00:00+02:00',
          account_manager: t.admin.user_id,
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.custom_fields).toEqual({
        segment: 'PME',
        renewal: '2027-03-01',
        score: 12.5,
        budget: 1500.5,
        vip: true,
        interests: ['CRM', 'Paie'],
        notes_long: 'ligne 1\nligne 2',
        nickname: 'Lulu',
        site: 'https://exemple.fr/a',
        assistant_email: 'a@exemple.fr',
        switchboard: '+33 1 23 45 67 89',
        met_at: '2026-05-04T08:00:00.000Z',
        account_manager: t.admin.user_id,
      });
      const got = await t.api('GET', `/api/v1/contacts/${res.body.contact_id}`);
      expect(got.body.custom_fields).toEqual(res.body.custom_fields);
    });

    it.each([
      ['segment', 'invalid_choice', 'Startup'],
      ['segment', 'invalid_type', 3],
      ['renewal', 'invalid_date', '2027-02-30'],
      ['score', 'invalid_type', 'douze'],
      ['score', 'too_large', 1e16],
      ['budget', 'too_small', -1],
      ['budget', 'invalid_amount', 10.001],
      ['vip', 'invalid_type', 'oui'],
      ['interests', 'invalid_type', 'CRM'],
      ['interests', 'invalid_choice', ['CRM', 'SAP']],
      ['nickname', 'too_long', 'x'.repeat(256)],
      ['nickname', 'invalid_format', 'a\u0007b'],
      ['notes_long', 'too_long', 'x'.repeat(10_001)],
      ['site', 'invalid_format', 'javascript:alert(1)'],
      ['assistant_email', 'invalid_email', 'pas un email'],
      ['switchboard', 'invalid_format', '01 23\u0001 45'],
      ['met_at', 'invalid_datetime', '2026-13-01T00:00:00Z'],
      ['account_manager', 'not_found', 999_999],
      ['account_manager', 'invalid_type', 'moi'],
      ['no_such_field', 'unknown_field', 'x'],
    ])('refuses a bad %s with %s, creating nothing', async (key, code, value) => {
      const name = `Refus ${uniq()}`;
      const res = await t.api('POST', '/api/v1/contacts', {
        last_name: name,
        custom_fields: { [key]: value },
      });
      expect(res.status).toBe(400);
      expect(errors(res)).toContainEqual([`custom_fields.${key}`, code]);
      const list = await t.api('GET', `/api/v1/contacts?last_name=${encodeURIComponent(name)}`);
      expect(list.body.data).toEqual([]);
    });

    it('refuses a custom_fields that is not an object, or too big an object', async () => {
      for (const custom_fields of [
        'PME',
        ['PME'],
        Object.fromEntries([...Array(101)].map((_, i) => [`k${i}`, 1])),
      ]) {
        const res = await t.api('POST', '/api/v1/contacts', { last_name: 'X', custom_fields });
        expect(res.status).toBe(400);
      }
    });

    it('merges an update: absent keys stay, null clears one; the ETag and the audit follow', async () => {
      const c = await t.api('POST', '/api/v1/contacts', {
        last_name: `Merge ${uniq()}`,
        custom_fields: { segment: 'ETI', score: 3 },
      });
      const id = c.body.contact_id;
      const same = await t.api('PATCH', `/api/v1/contacts/${id}`, { custom_fields: { segment: 'eti' } });
      expect(same.headers.etag).toBe(c.headers.etag);
      const res = await t.api('PATCH', `/api/v1/contacts/${id}`, {
        custom_fields: { score: null, vip: false },
      });
      expect(res.status).toBe(200);
      expect(res.body.custom_fields).toEqual({ segment: 'ETI', vip: false });
      expect(res.headers.etag).not.toBe(c.headers.etag);
      const history = await t.api('GET', `/api/v1/contacts/${id}/history`);
      const updates = history.body.data.filter((e: { action: string }) => e.action === 'update');
      expect(updates).toHaveLength(1);
      expect(updates[0].changes.custom_fields).toEqual([
        { segment: 'ETI', score: 3 },
        { segment: 'ETI', vip: false },
      ]);
    });

    it('gives a new record the defaults, and requires what is required', async () => {
      const deal = await t.api('POST', '/api/v1/opportunities', { opportunity_name: `Déf ${uniq()}` });
      expect(deal.status, JSON.stringify(deal.body)).toBe(201);
      expect(deal.body.custom_fields).toEqual({ channel: 'Direct' });
      const missing = await t.api('POST', '/api/v1/companies', { company_name: `Req ${uniq()}` });
      expect(missing.status).toBe(400);
      expect(errors(missing)).toContainEqual(['custom_fields.tier', 'required']);
      const ok = await t.api('POST', '/api/v1/companies', {
        company_name: `Req ${uniq()}`,
        custom_fields: { tier: 'Or' },
      });
      expect(ok.status).toBe(201);
      const cleared = await t.api('PATCH', `/api/v1/companies/${ok.body.company_id}`, {
        custom_fields: { tier: null },
      });
      expect(errors(cleared)).toContainEqual(['custom_fields.tier', 'required']);
      // another change leaves the required value alone
      const renamed = await t.api('PATCH', `/api/v1/companies/${ok.body.company_id}`, { industry: 'BTP' });
      expect(renamed.status).toBe(200);
    });
  });

  describe('lists', () => {
    const tag = uniq();
    const ids: number[] = [];
    beforeAll(async () => {
      const rows: [string, string | null, string, number][] = [
        ['a', '2027-01-10', 'PME', 5],
        ['b', '2026-06-01', 'ETI', 1],
        ['c', null, 'PME', 2],
        ['d', '2027-01-10', 'PME', 9],
        ['e', '2025-12-31', 'Grand compte', -4],
        ['f', null, 'ETI', 0],
        ['g', '2026-06-01', 'PME', 7.25],
      ];
      for (const [n, renewal, segment, score] of rows) {
        const res = await t.api('POST', '/api/v1/contacts', {
          last_name: `Liste${tag}`,
          first_name: n,
          job_title: `job${tag}`,
          custom_fields: { renewal, segment, score, interests: n === 'a' ? ['ERP'] : [] },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        ids.push(res.body.contact_id);
      }
    });
    const names = async (query: string) => {
      const out: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await t.api(
          'GET',
          `/api/v1/contacts?job_title=job${tag}&limit=2&${query}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        out.push(...res.body.data.map((c: { first_name: string }) => c.first_name));
        cursor = res.body.next_cursor;
      } while (cursor);
      return out;
    };

    it('filters by an option, a range, a number, a boolean and a multi-select', async () => {
      expect(await names('cf.segment=pme&sort=first_name')).toEqual(['a', 'c', 'd', 'g']);
      expect(await names('cf.renewal[gte]=2026-06-01&cf.renewal[lt]=2027-01-10&sort=first_name')).toEqual([
        'b',
        'g',
      ]);
      expect(await names('cf.score[gt]=4&sort=first_name')).toEqual(['a', 'd', 'g']);
      expect(await names('cf.score=7.25')).toEqual(['g']);
      expect(await names('cf.interests=ERP')).toEqual(['a']);
      expect(await names('cf.segment=Startup')).toEqual([]);
    });

    it('sorts by a custom field both ways, empty values last, every record once across pages', async () => {
      expect(await names('sort=cf.renewal')).toEqual(['e', 'b', 'g', 'a', 'd', 'c', 'f']);
      expect(await names('sort=-cf.renewal')).toEqual(['d', 'a', 'g', 'b', 'e', 'c', 'f']);
      expect(await names('sort=cf.score')).toEqual(['e', 'f', 'b', 'c', 'a', 'g', 'd']);
      expect(await names('sort=cf.segment&cf.segment=PME')).toEqual(['a', 'c', 'd', 'g']);
    });

    it('filters the pipeline summary by a custom field like the deals list', async () => {
      const name = `Pipe ${uniq()}`;
      await t.api('POST', '/api/v1/opportunities', { opportunity_name: name, deal_value: 100 });
      await t.api('POST', '/api/v1/opportunities', {
        opportunity_name: `${name} b`,
        deal_value: 50,
        custom_fields: { channel: 'Partenaire' },
      });
      const res = await t.api('GET', '/api/v1/pipeline?cf.channel=partenaire');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(JSON.stringify(res.body)).toContain('"count":1');
      expect((await t.api('GET', '/api/v1/pipeline?cf.nope=1')).status).toBe(400);
    });

    it('pages a list filtered by custom fields alone (read from their index first) in the same order', async () => {
      const out: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await t.api(
          'GET',
          `/api/v1/contacts?cf.segment=PME&sort=-cf.renewal&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        for (const c of res.body.data) if (c.last_name === `Liste${tag}`) out.push(c.first_name);
        cursor = res.body.next_cursor;
      } while (cursor);
      expect(out).toEqual(['d', 'a', 'g', 'c']);
    });

    it('searches the words of text values', async () => {
      const word = `surnom${uniq()}`.toLowerCase();
      await t.api('PATCH', `/api/v1/contacts/${ids[1]}`, { custom_fields: { nickname: `Le ${word}` } });
      const res = await t.api('GET', `/api/v1/contacts?q=${word}`);
      expect(res.body.data.map((c: { contact_id: number }) => c.contact_id)).toEqual([ids[1]]);
    });

    it.each([
      ['cf.nope=1', 'cf.nope', 'unknown_field'],
      ['cf.segment[gte]=PME', 'cf.segment[gte]', 'unsupported'],
      ['cf.renewal=demain', 'cf.renewal', 'invalid_date'],
      ['sort=cf.interests', 'sort', 'invalid_sort'],
      ['sort=cf.nope', 'sort', 'unknown_field'],
      ['cf.Segment=PME', 'cf.Segment', 'unknown_field'],
    ])('refuses %s with a 400 naming %s', async (query, field, code) => {
      const res = await t.api('GET', `/api/v1/contacts?${query}`);
      expect(res.status).toBe(400);
      if (code !== 'unknown_field' || field !== 'cf.Segment')
        expect(errors(res)).toContainEqual([field, code]);
    });

    it('refuses a forged or foreign cursor on a custom sort', async () => {
      const first = await t.api('GET', `/api/v1/contacts?job_title=job${tag}&limit=2&sort=cf.renewal`);
      const other = await t.api(
        'GET',
        `/api/v1/contacts?job_title=job${tag}&limit=2&sort=-cf.renewal&cursor=${first.body.next_cursor}`,
      );
      expect(other.status).toBe(400);
      const forged = Buffer.from(JSON.stringify({ s: 'cf.renewal', p: 1, v: "'; drop", id: 1 })).toString(
        'base64url',
      );
      const res = await t.api('GET', `/api/v1/contacts?sort=cf.score&cursor=${forged}`);
      expect(errors(res)).toContainEqual(['cursor', 'invalid_cursor']);
    });

    it('keeps the index in step: a deleted record leaves no value behind', async () => {
      const c = await t.api('POST', '/api/v1/contacts', {
        last_name: 'Temp',
        custom_fields: { segment: 'ETI' },
      });
      const count = async () =>
        (
          await t.db.kysely
            .selectFrom('custom_values')
            .select('field_id')
            .where('record_id', '=', c.body.contact_id)
            .execute()
        ).length;
      expect(await count()).toBeGreaterThan(0);
      expect((await t.api('DELETE', `/api/v1/contacts/${c.body.contact_id}`)).status).toBe(204);
      expect(await count()).toBe(0);
    });
  });

  describe('saved views and erasure', () => {
    it('saves a view filtering and sorting on custom fields, with their columns; refuses unknown ones', async () => {
      const view = {
        resource: 'contacts',
        name: `Segment PME ${uniq()}`,
        query: { 'cf.segment': 'PME', 'cf.renewal[gte]': '2026-01-01', sort: '-cf.renewal' },
        columns: ['last_name', 'cf.segment', 'cf.renewal'],
      };
      const ok = await t.api('POST', '/api/v1/views', view);
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
      const bad = await t.api('POST', '/api/v1/views', { ...view, name: 'x', query: { 'cf.nope': '1' } });
      expect(errors(bad)).toContainEqual(['query.cf.nope', 'unknown_field']);
      const badSort = await t.api('POST', '/api/v1/views', {
        ...view,
        name: 'y',
        query: { sort: 'cf.interests' },
      });
      expect(errors(badSort)).toContainEqual(['query.sort', 'invalid_sort']);
      const badColumn = await t.api('POST', '/api/v1/views', { ...view, name: 'z', columns: ['cf.nope'] });
      expect(errors(badColumn)).toContainEqual(['columns', 'invalid_choice']);
    });

    it('erases a contact with its custom values and their index', async () => {
      const c = await t.api('POST', '/api/v1/contacts', {
        last_name: `Effacé ${uniq()}`,
        custom_fields: { nickname: 'secret', segment: 'PME' },
      });
      const id = c.body.contact_id;
      const erased = await t.api('POST', `/api/v1/contacts/${id}/erase`);
      expect(erased.status, JSON.stringify(erased.body)).toBe(200);
      const left = await t.db.kysely
        .selectFrom('custom_values')
        .select('field_id')
        .where('record_id', '=', id)
        .execute();
      // another entity's record may hold this ID; none of the contacts' fields does
      const fieldIds = (
        await t.db.kysely
          .selectFrom('custom_field_defs')
          .select('field_id')
          .where('entity', '=', 'contacts')
          .execute()
      ).map((r) => r.field_id);
      expect(left.filter((r) => fieldIds.includes(r.field_id))).toEqual([]);
    });
  });
});

// Conditional requests (RFC 9110 §13) on the records: If-Match on DELETE and GET, If-None-Match on
// GET, and If-Match on a write whose target has no entity tag. A stale tag changes nothing.
import { describe, expect, it } from 'vitest';
import { createCompany, createContact } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';

const V1 = '/api/v1';
const STALE = '"stale-tag-000000000000000000"';

describeEachDialect('conditional requests', (t) => {
  describe('DELETE with If-Match', () => {
    it('refuses a stale tag with 412 and the current ETag, and deletes nothing', async () => {
      const company = await createCompany(t);
      const url = `${V1}/companies/${company.company_id}`;
      const current = (await t.api('GET', url)).headers.etag as string;
      const res = await t.api('DELETE', url, undefined, { 'if-match': STALE });
      expect(res.status).toBe(412);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.type).toBe('/problems/precondition-failed');
      expect(res.headers.etag).toBe(current);
      expect((await t.api('GET', url)).status).toBe(200);
    });

    it('deletes with the current tag, as sent plain or with its content coding', async () => {
      for (const coded of [false, true]) {
        const contact = await createContact(t);
        const url = `${V1}/contacts/${contact.contact_id}`;
        const etag = (await t.api('GET', url)).headers.etag as string;
        const tag = coded ? `${etag.slice(0, -1)}.gzip"` : etag;
        expect((await t.api('DELETE', url, undefined, { 'if-match': tag })).status).toBe(204);
        expect((await t.api('GET', url)).status).toBe(404);
      }
    });

    it('refuses a tag that was current before a change (on the engine-generic resources too)', async () => {
      const stage = await t.api('POST', `${V1}/lost-reasons`, { label: `Raison ${Date.now()}` });
      expect(stage.status).toBe(201);
      const url = `${V1}/lost-reasons/${stage.body.lost_reason_id}`;
      const before = stage.headers.etag as string;
      expect((await t.api('PATCH', url, { label: `Autre ${Date.now()}` })).status).toBe(200);
      const res = await t.api('DELETE', url, undefined, { 'if-match': before });
      expect(res.status).toBe(412);
      expect((await t.api('GET', url)).status).toBe(200);
    });

    it('refuses a stale tag on deactivating a user: the user stays active', async () => {
      const user = await t.member('sales');
      const res = await t.api('DELETE', `${V1}/users/${user.user_id}`, undefined, { 'if-match': STALE });
      expect(res.status).toBe(412);
      expect((await t.api('GET', `${V1}/users/${user.user_id}`)).body.active).toBe(true);
    });

    it('on a resource without entity tags, only If-Match: * lets a delete through', async () => {
      const view = await t.api('POST', `${V1}/views`, {
        resource: 'contacts',
        name: `Vue ${Date.now()}`,
        query: {},
      });
      expect(view.status).toBe(201);
      const url = `${V1}/views/${view.body.view_id}`;
      expect((await t.api('DELETE', url, undefined, { 'if-match': STALE })).status).toBe(412);
      expect((await t.api('GET', url)).status).toBe(200);
      expect((await t.api('DELETE', url, undefined, { 'if-match': '*' })).status).toBe(204);
    });
  });

  describe('GET', () => {
    it('answers a matching If-None-Match with 304 and no body (weak comparison)', async () => {
      const company = await createCompany(t);
      const url = `${V1}/companies/${company.company_id}`;
      const etag = (await t.api('GET', url)).headers.etag as string;
      for (const tag of [etag, `W/${etag}`, `"other", ${etag}`, '*', `${etag.slice(0, -1)}.br"`]) {
        const res = await t.api('GET', url, undefined, { 'if-none-match': tag });
        expect(res.status, tag).toBe(304);
        expect(res.raw.body).toBe('');
        expect(res.headers.etag).toBe(etag);
      }
      const fresh = await t.api('GET', url, undefined, { 'if-none-match': STALE });
      expect(fresh.status).toBe(200);
      expect(fresh.body.company_id).toBe(company.company_id);
    });

    it('answers a failing If-Match with 412 and the current ETag; a holding one with 200', async () => {
      const company = await createCompany(t);
      const url = `${V1}/companies/${company.company_id}`;
      const etag = (await t.api('GET', url)).headers.etag as string;
      const res = await t.api('GET', url, undefined, { 'if-match': STALE });
      expect(res.status).toBe(412);
      expect(res.body.type).toBe('/problems/precondition-failed');
      expect(res.headers.etag).toBe(etag);
      expect((await t.api('GET', url, undefined, { 'if-match': etag })).status).toBe(200);
    });

    it('gives lists no ETag: If-None-Match never makes a list 304', async () => {
      const res = await t.api('GET', `${V1}/companies`, undefined, { 'if-none-match': '*' });
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBeUndefined();
    });
  });
});

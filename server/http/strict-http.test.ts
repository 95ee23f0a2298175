// The HTTP layer as a standards-minded outside client meets it (issue 15): hostile spellings of
// IDs, parameters and bodies no operation declares, bodies that are not UTF-8 JSON, instants no
// database stores, over-limit bodies over a real socket, over-long URLs and headers, wrong
// methods, and the headers every answer carries. Each refusal is a problem document, never a 5xx.

import type { AddressInfo } from 'node:net';
import { connect as tcp } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_TYPES } from '../../shared/errors.js';
import { createCompany, createContact } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';
import { raw } from '../test/raw-http.js';

const V1 = '/api/v1';
const MIB = 1024 * 1024;

/** Sends bytes over a new socket and reads until the server closes it (or `ms` pass: a hang). */
function exchange(
  base: AddressInfo,
  write: (s: import('node:net').Socket) => void,
  ms = 8000,
): Promise<{ text: string; closed: boolean; reset: boolean }> {
  return new Promise((resolve) => {
    const s = tcp(base.port, '127.0.0.1');
    let text = '';
    let reset = false;
    const timer = setTimeout(() => {
      s.destroy();
      resolve({ text, closed: false, reset });
    }, ms);
    s.on('data', (c) => {
      text += c.toString('latin1');
    });
    s.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ECONNRESET' || e.code === 'EPIPE') reset = true;
    });
    s.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closed: true, reset });
    });
    s.on('connect', () => write(s));
  });
}

const statusOf = (text: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
const headerOf = (text: string, name: string) =>
  new RegExp(`\\r\\n${name}: ([^\\r]*)`, 'i').exec(text.split('\r\n\r\n')[0])?.[1];
const bodyOf = (text: string) => JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));

describeEachDialect(
  'strict HTTP',
  (t) => {
    let base: AddressInfo;
    let auth: string;
    beforeAll(async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      base = t.app.server.address() as AddressInfo;
      auth = `Bearer ${t.admin.token}`;
      // record 1 of each kind exists, so a spelling that reached it would answer 200
      await createContact(t, { company_id: (await createCompany(t)).company_id });
    });

    describe('path IDs', () => {
      const SPELLINGS = ['0x1', '+1', '%2B1', '01', '1.0', '1e0', '1%20', '%201', '1_000'];
      it('take only canonical decimal integers, on every route with an :id', async () => {
        const routes = t.app.routeTable.filter((r) => r.url.includes('/:id') && r.method !== 'HEAD');
        expect(routes.length).toBeGreaterThan(20);
        for (const r of routes) {
          for (const id of SPELLINGS) {
            const url = r.url.replace(':id', id);
            const res = await t.app.inject({
              method: r.method as 'GET',
              url,
              headers: { authorization: auth, 'content-type': 'application/json' },
              ...(['POST', 'PATCH', 'PUT'].includes(r.method) ? { payload: '{}' } : {}),
            });
            expect([400, 404], `${r.method} ${url} → ${res.statusCode}`).toContain(res.statusCode);
            expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          }
        }
        // the same over a real socket, the path byte for byte
        for (const id of ['%2B1', '1%20', '0x1']) {
          expect((await raw(base, 'GET', `${V1}/users/${id}`)).status).not.toBe(200);
        }
        expect((await t.api('GET', `${V1}/users/1`)).status).toBe(200);
      });

      it('refuses non-canonical integers in query strings too', async () => {
        for (const limit of ['0x10', '+5', '05', '5.0', '5e0']) {
          const res = await t.api('GET', `${V1}/companies?limit=${encodeURIComponent(limit)}`);
          expect(res.status, limit).toBe(400);
          expect(res.body.errors[0].field).toBe('limit');
        }
        expect((await t.api('GET', `${V1}/companies?limit=5`)).status).toBe(200);
      });
    });

    describe('what an operation does not declare', () => {
      it('refuses an unknown query parameter on every GET and DELETE, naming it', async () => {
        const routes = t.app.routeTable.filter(
          (r) => r.url.startsWith(V1) && (r.method === 'GET' || r.method === 'DELETE'),
        );
        for (const r of routes) {
          const url = `${r.url.replace(/:[a-z_]+/g, '2147483647')}?zz_unknown=1`;
          const res = await t.api(r.method as 'GET', url);
          expect(res.status, `${r.method} ${url}`).toBe(400);
          expect(res.body.type).toBe('/problems/validation-error');
        }
      });

      it('does not import or erase on a mistyped or undeclared dry_run', async () => {
        const before = (await t.api('GET', `${V1}/imports`)).body.data.length;
        const res = await t.app.inject({
          method: 'POST',
          url: `${V1}/imports?entity=contacts&dryrun=true`,
          headers: { authorization: auth, 'content-type': 'text/csv' },
          payload: 'first_name,last_name\nTypo,Dryrun\n',
        });
        expect(res.statusCode).toBe(400);
        expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('dryrun');
        expect((await t.api('GET', `${V1}/imports`)).body.data.length).toBe(before);
        // an operation that declares no parameter at all: before, it ignored them and erased
        const contact = await createContact(t);
        const erase = await t.api('POST', `${V1}/contacts/${contact.contact_id}/erase?dry_run=true`);
        expect(erase.status).toBe(400);
        expect(erase.body.errors[0].field).toBe('dry_run');
        expect((await t.api('GET', `${V1}/contacts/${contact.contact_id}`)).status).toBe(200);
      });

      it('refuses a body on an operation that takes none (GDPR erase), erasing nothing', async () => {
        const contact = await createContact(t);
        const url = `${V1}/contacts/${contact.contact_id}`;
        for (const body of [{ confirm: true }, {}]) {
          const res = await t.api('POST', `${url}/erase`, body);
          expect(res.status).toBe(400);
          expect(res.body.errors[0].field).toBe('body');
        }
        expect((await t.api('GET', url)).status).toBe(200);
        expect((await t.api('POST', `${url}/erase`)).status).toBe(200);
      });
    });

    describe('JSON bodies', () => {
      it('refuses bytes that are not UTF-8 (never stored as U+FFFD)', async () => {
        const name = Buffer.concat([
          Buffer.from('{"company_name":"Caf'),
          Buffer.from([0xe9]),
          Buffer.from('"}'),
        ]);
        const res = await t.app.inject({
          method: 'POST',
          url: `${V1}/companies`,
          headers: { authorization: auth, 'content-type': 'application/json' },
          payload: name,
        });
        expect(res.statusCode).toBe(400);
        expect(res.json().type).toBe('/problems/malformed-json');
        const list = await t.api('GET', `${V1}/companies?q=caf`);
        expect(JSON.stringify(list.body)).not.toContain('\ufffd');
      });

      it('refuses a charset other than UTF-8 with 415; takes utf-8 in any spelling', async () => {
        for (const charset of ['iso-8859-1', 'latin1', '"windows-1252"', 'utf-16']) {
          const res = await t.api(
            'POST',
            `${V1}/companies`,
            { company_name: `Cs ${Date.now()}` },
            {
              'content-type': `application/json; charset=${charset}`,
            },
          );
          expect(res.status, charset).toBe(415);
          expect(res.body.type).toBe('/problems/unsupported-media-type');
        }
        for (const charset of ['utf-8', 'UTF-8', '"utf-8"', 'utf8']) {
          const res = await t.api(
            'POST',
            `${V1}/companies`,
            { company_name: `Cs ${charset} ${Date.now()}` },
            {
              'content-type': `application/json; charset=${charset}`,
            },
          );
          expect(res.status, charset).toBe(201);
        }
      });
    });

    describe('instants', () => {
      it('refuses a leap second and years no database stores with 400, on the audit log', async () => {
        for (const v of ['2016-12-31T23:59:60Z', '0999-12-31T23:59:59Z', '9999-12-31T23:59:59-12:00']) {
          for (const p of ['from', 'to']) {
            const res = await t.api('GET', `${V1}/audit-events?${p}=${encodeURIComponent(v)}`);
            expect(res.status, `${p}=${v}`).toBe(400);
            expect(res.body.errors[0]).toMatchObject({ field: p, code: 'invalid_datetime' });
          }
        }
        expect((await t.api('GET', `${V1}/audit-events?from=2016-12-31T23:59:59Z`)).status).toBe(200);
      });

      it('answers an export whose filter no database takes with a 400 problem, before any byte of CSV', async () => {
        for (const v of ['0999-12-31T23:59:59Z', '9999-12-31T23:59:59-12:00', '2016-12-31T23:59:60Z']) {
          const res = await raw(base, 'GET', `${V1}/contacts/export?created_at=${encodeURIComponent(v)}`);
          expect(res.status, v).toBe(401); // anonymous over raw(): the route is reached
          const signed = await t.api('GET', `${V1}/contacts/export?created_at=${encodeURIComponent(v)}`);
          expect(signed.status, v).toBe(400);
          expect(signed.headers['content-type']).toMatch(/^application\/problem\+json/);
        }
      });
    });

    describe('multipart', () => {
      it('answers a broken or missing boundary with a 4xx problem', async () => {
        const cases = [
          [
            'multipart/form-data',
            '--x\r\ncontent-disposition: form-data; name="file"\r\n\r\na,b\r\n--x--\r\n',
          ],
          ['multipart/form-data; boundary=', 'garbage'],
          ['multipart/form-data; boundary=abc', '--xyz\r\nnot a part\r\n'],
          ['multipart/form-data; boundary=abc', '--abc\r\ncontent-disposition: form-data; name="file"\r\n'],
        ];
        for (const [type, payload] of cases) {
          const res = await t.app.inject({
            method: 'POST',
            url: `${V1}/imports?entity=contacts`,
            headers: { authorization: auth, 'content-type': type },
            payload,
          });
          expect(res.statusCode, type).toBeGreaterThanOrEqual(400);
          expect(res.statusCode, type).toBeLessThan(500);
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        }
      });
    });

    describe('over-limit bodies', () => {
      it('answers an oversized import upload 413 on its Content-Length, closes, and does not hang', async () => {
        const start = `POST ${V1}/imports?entity=contacts HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth}\r\nContent-Type: text/csv\r\nContent-Length: ${200 * MIB}\r\n\r\nfirst_name\r\n`;
        const second = `GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n`;
        const res = await exchange(base, (s) => {
          s.write(start);
          setTimeout(() => s.writable && s.write(second), 200);
        });
        expect(res.closed).toBe(true);
        expect(statusOf(res.text)).toBe(413);
        expect(headerOf(res.text, 'connection')).toBe('close');
        expect(headerOf(res.text, 'content-type')).toMatch(/^application\/problem\+json/);
        expect(bodyOf(res.text).type).toBe('/problems/payload-too-large');
      });

      it('lets a client that sends the whole 5 MiB JSON body read its 413', async () => {
        const body = `{"company_name":"${'x'.repeat(5 * MIB)}"}`;
        for (let i = 0; i < 3; i++) {
          const res = await exchange(base, (s) => {
            s.write(
              `POST ${V1}/companies HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
            );
            s.write(body);
          });
          expect(res.closed).toBe(true);
          expect(statusOf(res.text)).toBe(413);
          expect(bodyOf(res.text).status).toBe(413);
        }
      });
    });

    describe('requests the parser refuses', () => {
      it('answers an over-long URL with a 414 problem and over-large headers with a 431 problem', async () => {
        for (const len of [20 * 1024, 100 * 1024]) {
          const res = await exchange(base, (s) =>
            s.write(
              `GET ${V1}/companies?q=${'a'.repeat(len)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
            ),
          );
          expect(statusOf(res.text), String(len)).toBe(414);
          expect(headerOf(res.text, 'content-type')).toMatch(/^application\/problem\+json/);
          expect(bodyOf(res.text).type).toBe('/problems/uri-too-long');
        }
        const res = await exchange(base, (s) =>
          s.write(`GET ${V1}/companies HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20 * 1024)}\r\n\r\n`),
        );
        expect(statusOf(res.text)).toBe(431);
        expect(bodyOf(res.text).type).toBe('/problems/headers-too-large');
      });
    });

    describe('methods', () => {
      it('answers a known path with a wrong method 405 with Allow, and OPTIONS 204 with Allow', async () => {
        const res = await t.api('PUT', `${V1}/companies/1`, {});
        expect(res.status).toBe(405);
        expect(res.body.type).toBe('/problems/method-not-allowed');
        expect(res.headers.allow).toBe('DELETE, GET, HEAD, OPTIONS, PATCH');
        const login = await t.anon('GET', `${V1}/auth/login`);
        expect(login.status).toBe(405);
        expect(login.headers.allow).toBe('OPTIONS, POST');
        const options = await t.anon('OPTIONS', `${V1}/companies`);
        expect(options.status).toBe(204);
        expect(options.headers.allow).toBe('GET, HEAD, OPTIONS, POST');
        expect((await t.api('PUT', `${V1}/no-such-thing`, {})).status).toBe(404);
      });
    });

    describe('problems', () => {
      it('gives a 401 the WWW-Authenticate challenges', async () => {
        const res = await t.anon('GET', `${V1}/companies`);
        expect(res.status).toBe(401);
        expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="Carnet", Cookie /);
        const bad = await t.anon('GET', `${V1}/companies`, undefined, { authorization: 'Bearer nope' });
        expect(bad.headers['www-authenticate']).toContain('error="invalid_token"');
      });

      it('serves a page at every problem type URI, publicly', async () => {
        for (const type of PROBLEM_TYPES) {
          const res = await t.anon('GET', `/problems/${type}`);
          expect(res.status, type).toBe(200);
          expect(res.headers['content-type']).toMatch(/^text\/html/);
          const json = await t.anon('GET', `/problems/${type}`, undefined, { accept: 'application/json' });
          expect(json.body.type).toBe(`/problems/${type}`);
        }
        expect((await t.anon('GET', '/problems/nope')).status).toBe(404);
      });
    });

    describe('caching and transport headers', () => {
      it('marks every API answer no-store and varying on the credentials', async () => {
        const company = await createCompany(t);
        for (const url of [
          `${V1}/companies`,
          `${V1}/companies/${company.company_id}`,
          `${V1}/companies/export`,
        ]) {
          const res = await t.api('GET', url);
          expect(res.headers['cache-control'], url).toBe('no-store');
          expect(String(res.headers.vary), url).toMatch(/authorization/);
          expect(String(res.headers.vary), url).toMatch(/cookie/);
        }
        const token = await t.api('POST', `${V1}/api-tokens`, { name: 'no-store' });
        expect(token.headers['cache-control']).toBe('no-store');
        const login = await t.anon('POST', `${V1}/auth/login`, {
          email: t.admin.email,
          password: 'wrong-password-1',
        });
        expect(login.headers['cache-control']).toBe('no-store');
      });

      it('varies a CSV export on Accept-Language', async () => {
        const res = await t.api('GET', `${V1}/companies/export`);
        expect(String(res.headers.vary)).toMatch(/accept-language/);
      });

      it('sends Strict-Transport-Security only over HTTPS (a trusted proxy saying so)', async () => {
        expect((await t.api('GET', `${V1}/auth/me`)).headers['strict-transport-security']).toBeUndefined();
        const https = await t.api('GET', `${V1}/auth/me`, undefined, { 'x-forwarded-proto': 'https' });
        expect(https.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
      });
    });
  },
  { security: { trustProxy: true } },
);

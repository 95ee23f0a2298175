// Hostile request bodies on every write endpoint: malformed JSON, bodies that are not an object,
// unknown and read-only fields, prototype keys, other media types, oversized bodies. Each must give
// the contract's 4xx problem and write nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../test/harness.js';
import {
  expectNothingWritten,
  expectProblem,
  type Fixtures,
  MIB,
  makeFixtures,
  V1,
  WRITABLE,
} from './hostile-input.helpers.js';
import { nestsDeeperThan } from './json-body.js';

const MALFORMED: [string, string][] = [
  ['truncated', '{"name": "x"'],
  ['truncated string', '{"name": "x'],
  ['trailing garbage', '{"name": "x"} garbage'],
  ['two documents', '{} {}'],
  ['empty body', ''],
  ['only whitespace', '   \n'],
  ['single quotes', "{'name': 'x'}"],
  ['trailing comma', '{"name": "x",}'],
  ['unquoted key', '{name: "x"}'],
  ['NaN', '{"name": NaN}'],
  ['comment', '{"name": "x" /* hi */}'],
  ['bare word', 'undefined'],
  ['lone surrogate escape cut short', '{"name": "\\ud8"}'],
];

const NOT_AN_OBJECT: [string, string][] = [
  ['array', '[]'],
  ['array of objects', '[{"name": "x"}]'],
  ['string', '"x"'],
  ['number', '42'],
  ['boolean', 'true'],
  ['null', 'null'],
];

const OTHER_MEDIA_TYPES: [string, string][] = [
  ['text/plain', '{"name": "x"}'],
  ['text/plain; charset=utf-8', 'name=x'],
  ['application/x-www-form-urlencoded', 'name=x'],
  [
    'multipart/form-data; boundary=XyZ',
    '--XyZ\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--XyZ--',
  ],
  ['application/xml', '<name>x</name>'],
  ['text/csv', 'name\nx'],
  ['application/vnd.api+json', '{"name": "x"}'],
  ['application/octet-stream', '{"name": "x"}'],
];

/** The JSON text of `body` with one more field padding it to exactly `size` bytes. */
function paddedTo(size: number, body: Record<string, unknown>): string {
  const head = JSON.stringify({ ...body, pad: '' });
  return `${head.slice(0, -2)}${'x'.repeat(size - Buffer.byteLength(head))}"}`;
}

describeEachDialect('hostile bodies', (t) => {
  let fx: Fixtures;
  beforeAll(async () => {
    fx = await makeFixtures(t);
  });

  for (const r of WRITABLE) {
    describe(r.path, () => {
      let id: number;
      let item: string;
      beforeAll(async () => {
        id = await r.create(t, fx);
        item = `${V1}/${r.path}/${id}`;
      });
      const writes = () =>
        [
          ['POST', `${V1}/${r.path}`],
          ['PATCH', item],
        ] as const;

      it('refuses malformed JSON with 400 malformed-json', async () => {
        await expectNothingWritten(t, [item], async () => {
          for (const [method, url] of writes()) {
            for (const [name, text] of MALFORMED) {
              const res = await t.api(method, url, text);
              expectProblem(res, 400, ['body'], `${method} ${name}`);
              expect(res.body.type).toBe('/problems/malformed-json');
            }
          }
        });
      });

      it('refuses a body that is valid JSON but not an object with 400 naming the body', async () => {
        await expectNothingWritten(t, [item], async () => {
          for (const [method, url] of writes()) {
            for (const [name, text] of NOT_AN_OBJECT) {
              expectProblem(await t.api(method, url, text), 400, ['body'], `${method} ${name}`);
            }
            const none = await t.app.inject({
              method,
              url,
              headers: { authorization: `Bearer ${t.admin.token}` },
            });
            expect(none.statusCode, `${method} without a body`).toBe(400);
            expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
          }
        });
      });

      it('refuses unknown and read-only fields with 400 naming each', async () => {
        const readOnly = [r.idField, 'created_at', 'updated_at', 'completed_at', 'search_text', 'email_key'];
        await expectNothingWritten(t, [item], async () => {
          for (const [method, url] of writes()) {
            const base = method === 'POST' ? r.valid(fx) : {};
            const res = await t.api(method, url, { ...base, bogus: 1, Name: 'x' });
            expectProblem(res, 400, ['bogus', 'Name'], `${method} unknown`);
            expect(res.body.errors).toContainEqual({
              field: 'bogus',
              code: 'unknown_field',
              message: 'is not a known field',
            });
            for (const field of readOnly) {
              const ro = await t.api(method, url, { ...base, [field]: field === r.idField ? 5 : 'x' });
              expectProblem(ro, 400, [field], `${method} ${field}`);
            }
          }
        });
      });

      it('refuses __proto__ and constructor keys with 400 and pollutes nothing', async () => {
        const hostile = (extra: string) => {
          const json = JSON.stringify(r.valid(fx));
          return `${json.slice(0, -1)},${extra}}`;
        };
        const cases = [
          '"__proto__": {"polluted": true}',
          '"__proto__": {"isAdmin": true, "role": "admin"}',
          '"constructor": {"prototype": {"polluted": true}}',
          '"nested": {"__proto__": {"polluted": true}}',
          '"constructor": 1',
          '"prototype": {"polluted": true}',
        ];
        await expectNothingWritten(t, [item], async () => {
          for (const [method, url] of writes()) {
            for (const extra of cases) {
              const res = await t.api(method, url, hostile(extra));
              expectProblem(res, 400, [], `${method} ${extra}`);
            }
            // the key is named when it is parsed as a plain key
            expectProblem(await t.api(method, url, hostile('"constructor": 1')), 400, ['constructor']);
          }
        });
        const probe: Record<string, unknown> = {};
        expect(probe.polluted).toBeUndefined();
        expect(probe.isAdmin).toBeUndefined();
        expect(Object.prototype).not.toHaveProperty('polluted');
        expect(Object.prototype).not.toHaveProperty('isAdmin');
      });

      it('refuses bodies nested deeper than the API ever needs, before parsing them', async () => {
        await expectNothingWritten(t, [item], async () => {
          for (const [method, url] of writes()) {
            for (const deep of [
              `${'['.repeat(400_000)}${']'.repeat(400_000)}`,
              `${'{"a":'.repeat(33)}1${'}'.repeat(33)}`,
            ]) {
              const res = await t.api(method, url, deep);
              expectProblem(res, 400, ['body'], `${method} nested`);
              expect(res.body.detail).toMatch(/deeper than 32 levels/);
            }
            // brackets inside strings are text, not nesting
            const text = method === 'POST' ? { ...(r.valid(fx) as object) } : {};
            expect(nestsDeeperThan(JSON.stringify({ ...text, x: '['.repeat(100) }), 32)).toBe(false);
          }
        });
      });

      it('refuses bodies that are not JSON with 415', async () => {
        await expectNothingWritten(t, [item], async () => {
          for (const [method, url] of writes()) {
            for (const [type, payload] of OTHER_MEDIA_TYPES) {
              const res = await t.api(method, url, payload, { 'content-type': type });
              expectProblem(res, 415, [], `${method} ${type}`);
            }
          }
        });
      });

      it('refuses bodies over 1 MiB with 413; exactly 1 MiB is read (and refused for its content)', async () => {
        await expectNothingWritten(t, [item], async () => {
          for (const [method, url] of writes()) {
            const base = method === 'POST' ? r.valid(fx) : {};
            const over = paddedTo(MIB + 1, base);
            expect(Buffer.byteLength(over)).toBe(MIB + 1);
            expectProblem(await t.api(method, url, over), 413, [], `${method} 1 MiB + 1`);
            expectProblem(await t.api(method, url, paddedTo(8 * MIB, base)), 413, [], `${method} 8 MiB`);
            const exact = paddedTo(MIB, base);
            expect(Buffer.byteLength(exact)).toBe(MIB);
            expectProblem(await t.api(method, url, exact), 400, ['pad'], `${method} 1 MiB`);
          }
        });
      });

      it('still accepts a plain valid write (the cases above are refused for what they are)', async () => {
        const res = await t.api('POST', `${V1}/${r.path}`, JSON.stringify(r.valid(fx)), {
          'content-type': 'application/json; charset=utf-8',
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        expect((await t.api('PATCH', item, {})).status).toBe(200);
      });
    });
  }

  describe('routes that do not exist', () => {
    it('refuses hostile user writes: a weak password, unknown role, PUT; nothing written', async () => {
      const url = `${V1}/users/${fx.userId}`;
      await expectNothingWritten(t, [url], async () => {
        const body = { email: 'intruder@example.com', role: 'admin' };
        // (no password at all is a user to invite: see the onboarding tests)
        expectProblem(await t.api('POST', `${V1}/users`, { ...body, password: 'short' }), 400, ['password']);
        expectProblem(
          await t.api('POST', `${V1}/users`, { ...body, role: 'god', password: 'Plume-Verte-Orage-42' }),
          400,
          ['role'],
        );
        expectProblem(await t.api('PATCH', url, { role: 'root' }), 400, ['role']);
        expectProblem(await t.api('PATCH', url, { password_hash: 'x' }), 400, ['password_hash']);
        expectProblem(await t.api('PUT', url, body), 405);
      });
    });

    it('answers PUT and other methods a known path does not take with 405, unknown paths with 404', async () => {
      const company = `${V1}/companies/${fx.companyId}`;
      await expectNothingWritten(t, [company], async () => {
        expectProblem(await t.api('PUT', company, { company_name: 'Replaced' }), 405);
        expectProblem(await t.api('POST', `${V1}/companies/${fx.companyId}`, { company_name: 'x' }), 405);
        expectProblem(await t.api('POST', `${V1}/pipeline`, {}), 405);
        expectProblem(await t.api('GET', `${V1}/compagnies`), 404);
      });
    });
  });
});

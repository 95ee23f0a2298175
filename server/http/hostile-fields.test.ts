// Hostile field values on every writable field of every resource, on create and on update: wrong
// JSON types, one character over the contract's length, NUL bytes, bad emails and phones, bad
// amounts, impossible dates, values outside an enum. Each gives 400 naming the field and writes
// nothing; the boundary values just inside the limits are accepted and stored exactly.
import { beforeAll, describe, expect, it } from 'vitest';
import { PHONE_MAX } from '../../shared/phone.js';
import { uniq } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';
import {
  expectNothingWritten,
  expectProblem,
  type Fixtures,
  makeFixtures,
  NOT_A_STRING,
  NOT_AN_ID,
  V1,
  WRITABLE,
  type WritableResource,
} from './hostile-input.helpers.js';

type Kind = 'text' | 'email' | 'phone' | 'id' | 'enum' | 'timestamp' | 'date' | 'money' | 'int';

interface FieldSpec {
  field: string;
  kind: Kind;
  /** the contract's length limit (text) */
  max?: number;
  /** null is refused (a required field, or one that cannot be empty) */
  notNull?: boolean;
  /** more refused values, beyond the kind's */
  bad?: unknown[];
}

const TIMESTAMP_BAD = [
  'abc',
  '',
  1_700_000_000_000,
  '2026-02-30T10:00:00Z', // no 30 February
  '2026-13-01T10:00:00Z',
  '2026-03-15T25:00:00Z',
  '0001-01-01T00:00:00Z', // outside what every database stores
  '0999-12-31T23:59:59Z',
  '9999-12-31T23:59:59-01:00', // year 10000 in UTC
  '+010000-01-01T00:00:00Z',
  '2026-03-15', // a date, not an instant
  '15/03/2026 10:00',
  'a\u0000b',
];

const BAD_BY_KIND: Record<Kind, unknown[]> = {
  // NUL, and lone UTF-16 surrogates (not Unicode text; sent as JSON escapes like "\ud800")
  text: [...NOT_A_STRING, 'a\u0000b', '\u0000', 'a\ud800b', '\udc00', '😀'.slice(0, 1)],
  email: [
    ...NOT_A_STRING,
    'not-an-email',
    'a@',
    '@example.com',
    'a b@example.com',
    'a@b@example.com',
    'a@example.com\u0000',
    'a@example.com\nBcc: b@example.com',
    ' a@example.com',
  ],
  // letters and extensions are kept as typed (shared/phone.ts): only control characters are refused
  phone: [...NOT_A_STRING, '06 12\n34', '06\t12', '+33 6\u0007', '0612\u0000', '06\u009b12'],
  id: NOT_AN_ID,
  enum: ['bogus', '', 'a\u0000b', 1, true, {}, []],
  timestamp: [...TIMESTAMP_BAD, true, {}, []],
  date: [
    'abc',
    '',
    20260315,
    '2026-02-30',
    '2025-02-29', // not a leap year
    '2026-04-31',
    '2026-00-10',
    '0001-01-01',
    '0999-12-31',
    '2026-03-15T00:00:00Z',
    '15/03/2026',
    '2026-3-5',
    true,
    {},
  ],
  money: [
    'abc',
    '',
    -1,
    -0.01,
    '-1',
    1.005, // three decimals
    '1.005',
    0.001,
    100_000_000,
    '100000000',
    99_999_999.991,
    1e308,
    '1e308',
    1e-7,
    '12,50',
    ' 12',
    '12 ',
    '1 000',
    'NaN',
    'Infinity',
    '0x10',
    true,
    {},
    [],
  ],
  int: ['5', 'abc', 1.5, true, {}, [], 1e308, -2_147_483_649],
};

const FIELDS: Record<string, FieldSpec[]> = {
  companies: [
    { field: 'company_name', kind: 'text', max: 100, notNull: true },
    { field: 'industry', kind: 'text', max: 50 },
    { field: 'website', kind: 'text', max: 100 },
    { field: 'owner_id', kind: 'id' },
  ],
  contacts: [
    { field: 'first_name', kind: 'text', max: 50 },
    { field: 'last_name', kind: 'text', max: 50 },
    { field: 'email', kind: 'email', max: 100 },
    { field: 'phone', kind: 'phone', max: PHONE_MAX },
    { field: 'company_id', kind: 'id' },
    { field: 'owner_id', kind: 'id' },
  ],
  opportunities: [
    { field: 'opportunity_name', kind: 'text', max: 100, notNull: true },
    { field: 'contact_id', kind: 'id' },
    { field: 'company_id', kind: 'id' },
    { field: 'deal_value', kind: 'money' },
    { field: 'stage', kind: 'text', notNull: true, bad: ['Nope', 'x'.repeat(51)] },
    { field: 'expected_close_date', kind: 'date' },
    { field: 'owner_id', kind: 'id' },
  ],
  interactions: [
    { field: 'contact_id', kind: 'id', notNull: true },
    { field: 'interaction_type', kind: 'enum', notNull: true, bad: ['CALL', 'Call', 'fax', 'call '] },
    { field: 'interaction_date', kind: 'timestamp', notNull: true },
    { field: 'notes', kind: 'text', max: 65_536 },
    { field: 'opportunity_id', kind: 'id' },
    { field: 'user_id', kind: 'id' },
  ],
  tasks: [
    { field: 'title', kind: 'text', max: 200, notNull: true },
    { field: 'opportunity_id', kind: 'id' },
    { field: 'contact_id', kind: 'id' },
    { field: 'assignee_id', kind: 'id' },
    { field: 'due_at', kind: 'timestamp' },
    { field: 'status', kind: 'enum', notNull: true, bad: ['closed', 'DONE', 'open '] },
  ],
  'pipeline-stages': [
    { field: 'name', kind: 'text', max: 50, notNull: true },
    { field: 'position', kind: 'int', notNull: true, bad: [0, -1, 1001] },
    { field: 'probability', kind: 'int', notNull: true, bad: [-1, 101, 50.5, '50'] },
    { field: 'kind', kind: 'enum', notNull: true, bad: ['OPEN', 'pending'] },
  ],
};

const show = (v: unknown) => (typeof v === 'string' && v.length > 40 ? `${v.slice(0, 20)}…(${v.length})` : v);

/** A string of exactly `length` characters, unique, with accents so that bytes ≠ characters. */
function textOf(length: number): string {
  const head = `${uniq()}-`;
  return `${head}${'é'.repeat(length - head.length)}`;
}

/** An email address of exactly `length` characters. */
const emailOf = (length: number) => {
  const domain = '@example.com';
  const local = `e${uniq()}`;
  return `${local}${'x'.repeat(length - local.length - domain.length)}${domain}`;
};

describeEachDialect('hostile field values', (t) => {
  let fx: Fixtures;
  beforeAll(async () => {
    fx = await makeFixtures(t);
  });

  for (const r of WRITABLE as WritableResource[]) {
    describe(r.path, () => {
      let item: string;
      beforeAll(async () => {
        item = `${V1}/${r.path}/${await r.create(t, fx)}`;
      });

      for (const spec of FIELDS[r.path]) {
        const bad = [...BAD_BY_KIND[spec.kind], ...(spec.bad ?? []), ...(spec.notNull ? [null] : [])];
        if (spec.max) bad.push(spec.kind === 'email' ? emailOf(spec.max + 1) : 'x'.repeat(spec.max + 1));

        it(`${spec.field}: refuses ${bad.length} wrong values with 400 naming it, on create and update`, async () => {
          await expectNothingWritten(t, [item], async () => {
            for (const value of bad) {
              const label = `${spec.field}=${JSON.stringify(show(value))}`;
              const created = await t.api('POST', `${V1}/${r.path}`, { ...r.valid(fx), [spec.field]: value });
              expectProblem(created, 400, [spec.field], `POST ${label}`);
              const updated = await t.api('PATCH', item, { [spec.field]: value });
              expectProblem(updated, 400, [spec.field], `PATCH ${label}`);
            }
          });
        });

        if (spec.max) {
          const max = spec.max;
          it(`${spec.field}: takes exactly ${max} characters and stores them as sent; ${max + 1} is a 400`, async () => {
            const atMax =
              spec.kind === 'email' ? emailOf(max) : spec.kind === 'phone' ? '0'.repeat(max) : textOf(max);
            expect([...atMax]).toHaveLength(max);
            const created = await t.api('POST', `${V1}/${r.path}`, { ...r.valid(fx), [spec.field]: atMax });
            expect(created.status, JSON.stringify(created.body)).toBe(201);
            expect(created.body[spec.field]).toBe(atMax);
            const again =
              spec.kind === 'email' ? emailOf(max) : spec.kind === 'phone' ? '9'.repeat(max) : textOf(max);
            const updated = await t.api('PATCH', created.headers.location as string, { [spec.field]: again });
            expect(updated.status, JSON.stringify(updated.body)).toBe(200);
            expect((await t.api('GET', created.headers.location as string)).body[spec.field]).toBe(again);
            const over = `${again}x`;
            await expectNothingWritten(t, [created.headers.location as string], async () => {
              expectProblem(
                await t.api('PATCH', created.headers.location as string, { [spec.field]: over }),
                400,
                [spec.field],
              );
            });
          });
        }
      }
    });
  }

  describe('values just inside the limits are accepted on every database', () => {
    it('stores 100 astral characters (4 UTF-8 bytes, 2 UTF-16 units each) in a 100-character name', async () => {
      const name = '😀'.repeat(99) + uniq().slice(-1);
      const res = await t.api('POST', `${V1}/companies`, { company_name: name });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect((await t.api('GET', res.headers.location as string)).body.company_name).toBe(name);
      expectProblem(await t.api('POST', `${V1}/companies`, { company_name: `${name}😀` }), 400, [
        'company_name',
      ]);
    });

    it('takes deal values 0, 0.01, 99999999.99 as numbers or strings, exactly', async () => {
      for (const [sent, stored] of [
        [0, 0],
        [0.01, 0.01],
        ['0.10', 0.1],
        [99_999_999.99, 99_999_999.99],
        ['99999999.99', 99_999_999.99],
        [12.5, 12.5],
      ] as const) {
        const res = await t.api('POST', `${V1}/opportunities`, {
          opportunity_name: `V ${uniq()}`,
          deal_value: sent,
        });
        expect(res.status, `${sent}: ${JSON.stringify(res.body)}`).toBe(201);
        expect(res.body.deal_value).toBe(stored);
      }
    });

    it('takes the first and last instants and dates every database stores', async () => {
      for (const [date, stored] of [
        ['1000-01-01T00:00:00Z', '1000-01-01T00:00:00.000Z'],
        ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
        ['2024-02-29T12:00:00+02:00', '2024-02-29T10:00:00.000Z'],
      ]) {
        const res = await t.api('POST', `${V1}/interactions`, {
          contact_id: fx.contactId,
          interaction_type: 'note',
          interaction_date: date,
        });
        expect(res.status, `${date}: ${JSON.stringify(res.body)}`).toBe(201);
        expect(res.body.interaction_date).toBe(stored);
      }
      for (const day of ['1000-01-01', '2024-02-29', '9999-12-31']) {
        const res = await t.api('POST', `${V1}/opportunities`, {
          opportunity_name: `D ${uniq()}`,
          expected_close_date: day,
        });
        expect(res.status, `${day}: ${JSON.stringify(res.body)}`).toBe(201);
        expect(res.body.expected_close_date).toBe(day);
      }
    });

    it('refuses clearing a required field or the last name field of a contact with 400', async () => {
      const contact = (await t.api('POST', `${V1}/contacts`, { email: `only${uniq()}@example.com` })).body;
      const url = `${V1}/contacts/${contact.contact_id}`;
      await expectNothingWritten(t, [url], async () => {
        expectProblem(await t.api('PATCH', url, { email: null }), 400, ['email']);
        expectProblem(await t.api('POST', `${V1}/contacts`, {}), 400, ['first_name', 'last_name', 'email']);
        expectProblem(
          await t.api('POST', `${V1}/contacts`, { first_name: '   ', last_name: '', email: null }),
          400,
          ['first_name'],
        );
        expectProblem(await t.api('POST', `${V1}/companies`, { company_name: '   ' }), 400, ['company_name']);
        expectProblem(await t.api('POST', `${V1}/companies`, {}), 400, ['company_name']);
        expectProblem(await t.api('POST', `${V1}/interactions`, {}), 400, [
          'contact_id',
          'interaction_type',
          'interaction_date',
        ]);
      });
    });
  });
});

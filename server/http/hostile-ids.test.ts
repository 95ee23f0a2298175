// Hostile IDs: unknown, huge, negative and non-numeric IDs in paths; references to parents that do
// not exist; duplicates of what must be unique; deleting what is still referenced. Each gives the
// contract's precise status (404, 400 naming the field, 409) and changes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { createContact, createInteraction, createOpportunity, createTask, uniq } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';
import {
  expectNothingWritten,
  expectProblem,
  type Fixtures,
  MISSING_ID,
  makeFixtures,
  V1,
  WRITABLE,
} from './hostile-input.helpers.js';

/** Path IDs refused by validation (400 naming `id`) before any lookup. */
const INVALID_IDS = [
  '0',
  '-1',
  '1.5',
  'abc',
  '2147483648',
  '99999999999',
  '1e400',
  'Infinity',
  'NaN',
  'null',
  'true',
  '%20',
  "1'%20OR%20'1'='1",
  '1;DROP%20TABLE%20companies',
  '%00',
  '1%00',
];

const RELATED = [
  'imports/{id}/errors.csv',
  'imports/{id}/errors',
  'imports/{id}/duplicates',
  'contacts/{id}/interactions',
  'companies/{id}/contacts',
  'companies/{id}/opportunities',
  'opportunities/{id}/tasks',
  'opportunities/{id}/interactions',
  'companies/{id}/interactions',
  'companies/{id}/tasks',
];

describeEachDialect('hostile IDs', (t) => {
  let fx: Fixtures;
  beforeAll(async () => {
    fx = await makeFixtures(t);
  });

  describe('IDs in the path', () => {
    const itemRoutes = [
      ...WRITABLE.flatMap((r) => (['GET', 'PATCH', 'DELETE'] as const).map((m) => [m, r.path] as const)),
      ['GET', 'users'] as const,
      ['GET', 'imports'] as const,
      ['DELETE', 'imports'] as const,
    ];

    it('gives 404 for an ID that does not exist, on every item route', async () => {
      await expectNothingWritten(t, [], async () => {
        for (const [method, path] of itemRoutes) {
          for (const id of [MISSING_ID, 999_999]) {
            const res = await t.api(method, `${V1}/${path}/${id}`, method === 'PATCH' ? {} : undefined);
            expectProblem(res, 404, [], `${method} ${path}/${id}`);
            expect(res.body.type).toBe('/problems/not-found');
          }
        }
      });
    });

    it('gives 400 naming id for huge, negative, fractional and non-numeric IDs, never a 5xx', async () => {
      await expectNothingWritten(t, [], async () => {
        for (const [method, path] of itemRoutes) {
          for (const id of INVALID_IDS) {
            const res = await t.api(method, `${V1}/${path}/${id}`, method === 'PATCH' ? {} : undefined);
            expectProblem(res, 400, ['id'], `${method} ${path}/${id}`);
          }
        }
      });
    });

    it('gives 404 for the related lists (and an import’s errors.csv) of a missing parent, 400 for an invalid ID', async () => {
      for (const route of RELATED) {
        expectProblem(
          await t.api('GET', `${V1}/${route.replace('{id}', String(MISSING_ID))}`),
          404,
          [],
          route,
        );
        for (const id of INVALID_IDS) {
          expectProblem(
            await t.api('GET', `${V1}/${route.replace('{id}', id)}`),
            400,
            ['id'],
            `${route} ${id}`,
          );
        }
      }
    });

    it('answers an over-long path segment (414) and a broken %-escape (400) as problems too', async () => {
      for (const path of ['companies', 'users', 'contacts/{id}/interactions']) {
        const long = `${V1}/${path.includes('{id}') ? path.replace('{id}', '9'.repeat(300)) : `${path}/${'9'.repeat(300)}`}`;
        expectProblem(await t.api('GET', long), 414, [], `GET ${path} long`);
        const broken = `${V1}/${path.includes('{id}') ? path.replace('{id}', '%E0%A4%A') : `${path}/%E0%A4%A`}`;
        const res = await t.api('GET', broken);
        expect(res.status, broken).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body).toMatchObject({ status: 400, type: expect.any(String), detail: expect.any(String) });
      }
      const res = await t.api('DELETE', `${V1}/companies/${'1'.repeat(300)}`);
      expectProblem(res, 414);
    });
  });

  it('refuses a hostile If-Match: 400 when over-long, 412 when it matches nothing', async () => {
    const url = `${V1}/companies/${fx.companyId}`;
    await expectNothingWritten(t, [url], async () => {
      const body = { company_name: 'Overwritten' };
      const long = await t.api('PATCH', url, body, { 'if-match': `"${'x'.repeat(2000)}"` });
      expectProblem(long, 400, ['if-match']);
      for (const tag of ['garbage', '""', 'W/"x"', '"x", "y"', '*x', '\u00e9']) {
        expectProblem(await t.api('PATCH', url, body, { 'if-match': tag }), 412, [], tag);
      }
    });
  });

  describe('references to records that do not exist', () => {
    const REFERENCES: [path: string, field: string, label: string][] = [
      ['companies', 'owner_id', 'user'],
      ['contacts', 'company_id', 'company'],
      ['contacts', 'owner_id', 'user'],
      ['opportunities', 'contact_id', 'contact'],
      ['opportunities', 'company_id', 'company'],
      ['opportunities', 'owner_id', 'user'],
      ['interactions', 'contact_id', 'contact'],
      ['interactions', 'opportunity_id', 'opportunity'],
      ['interactions', 'user_id', 'user'],
      ['tasks', 'opportunity_id', 'opportunity'],
      ['tasks', 'contact_id', 'contact'],
      ['tasks', 'assignee_id', 'user'],
    ];

    for (const [path, field, label] of REFERENCES) {
      it(`${path}.${field}: 400 naming the field on create and update, nothing written`, async () => {
        const r = WRITABLE.find((w) => w.path === path);
        if (!r) throw new Error(path);
        const item = `${V1}/${path}/${await r.create(t, fx)}`;
        const expected = [{ field, code: 'not_found', message: `${label} ${MISSING_ID} does not exist` }];
        await expectNothingWritten(t, [item], async () => {
          const created = await t.api('POST', `${V1}/${path}`, { ...r.valid(fx), [field]: MISSING_ID });
          expectProblem(created, 400, [field]);
          expect(created.body.errors).toEqual(expected);
          const updated = await t.api('PATCH', item, { [field]: MISSING_ID });
          expectProblem(updated, 400, [field]);
          expect(updated.body.errors).toEqual(expected);
        });
      });
    }

    it('names every missing reference at once', async () => {
      await expectNothingWritten(t, [], async () => {
        const res = await t.api('POST', `${V1}/tasks`, {
          title: 'x',
          opportunity_id: MISSING_ID,
          contact_id: MISSING_ID - 1,
          assignee_id: MISSING_ID - 2,
        });
        expectProblem(res, 400);
        expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
          'assignee_id',
          'contact_id',
          'opportunity_id',
        ]);
      });
    });

    it('refuses a reference to a record deleted a moment ago', async () => {
      const company = (await t.api('POST', `${V1}/companies`, { company_name: `Gone ${uniq()}` })).body;
      expect((await t.api('DELETE', `${V1}/companies/${company.company_id}`)).status).toBe(204);
      await expectNothingWritten(t, [], async () => {
        const res = await t.api('POST', `${V1}/contacts`, {
          first_name: 'x',
          company_id: company.company_id,
        });
        expectProblem(res, 400, ['company_id']);
      });
    });
  });

  describe('unique values', () => {
    it('refuses a contact email used by another, ignoring case: 409 with existing_id', async () => {
      const email = `Uniq.${uniq()}@Example.com`;
      const first = await createContact(t, { email });
      const other = await createContact(t);
      const otherUrl = `${V1}/contacts/${other.contact_id}`;
      await expectNothingWritten(t, [`${V1}/contacts/${first.contact_id}`, otherUrl], async () => {
        for (const variant of [email, email.toLowerCase(), email.toUpperCase()]) {
          const created = await t.api('POST', `${V1}/contacts`, { first_name: 'Dup', email: variant });
          expectProblem(created, 409, ['email'], `POST ${variant}`);
          expect(created.body.existing_id).toBe(first.contact_id);
          const updated = await t.api('PATCH', otherUrl, { email: variant });
          expectProblem(updated, 409, ['email'], `PATCH ${variant}`);
          expect(updated.body.existing_id).toBe(first.contact_id);
        }
      });
      // its own email, in another case, is no conflict
      const self = await t.api('PATCH', `${V1}/contacts/${first.contact_id}`, { email: email.toLowerCase() });
      expect(self.status, JSON.stringify(self.body)).toBe(200);
    });

    it('refuses a stage name already used, ignoring case, accents and spaces: 409', async () => {
      const stage = (await t.api('POST', `${V1}/pipeline-stages`, { name: `Étape ${uniq()}` })).body;
      const other = (await t.api('POST', `${V1}/pipeline-stages`, { name: `Other ${uniq()}` })).body;
      const otherUrl = `${V1}/pipeline-stages/${other.stage_id}`;
      const opp = await createOpportunity(t, { stage: other.name });
      const urls = [
        otherUrl,
        `${V1}/pipeline-stages/${stage.stage_id}`,
        `${V1}/opportunities/${opp.opportunity_id}`,
      ];
      await expectNothingWritten(t, urls, async () => {
        const variants = [
          stage.name,
          stage.name.toUpperCase(),
          stage.name.replace('É', 'e'),
          ` ${stage.name}  `,
        ];
        for (const name of [...variants, 'Prospection', 'prospection']) {
          expectProblem(
            await t.api('POST', `${V1}/pipeline-stages`, { name }),
            409,
            ['name'],
            `POST ${name}`,
          );
          expectProblem(await t.api('PATCH', otherUrl, { name }), 409, ['name'], `PATCH ${name}`);
        }
      });
    });
  });

  describe('deleting what is still referenced', () => {
    it('gives 409 naming the references, and deletes nothing', async () => {
      const company = (await t.api('POST', `${V1}/companies`, { company_name: `Ref ${uniq()}` })).body;
      const contact = await createContact(t, { company_id: company.company_id });
      const opportunity = await createOpportunity(t, { contact_id: contact.contact_id });
      await createTask(t, { opportunity_id: opportunity.opportunity_id });
      await createInteraction(t, {
        contact_id: contact.contact_id,
        opportunity_id: opportunity.opportunity_id,
      });
      const stage = (await t.api('POST', `${V1}/pipeline-stages`, { name: `Used ${uniq()}` })).body;
      await createOpportunity(t, { stage: stage.name });
      const cases: [string, { resource: string; count: number }[]][] = [
        [`companies/${company.company_id}`, [{ resource: 'contacts', count: 1 }]],
        [
          `contacts/${contact.contact_id}`,
          [
            { resource: 'opportunities', count: 1 },
            { resource: 'interactions', count: 1 },
          ],
        ],
        [
          `opportunities/${opportunity.opportunity_id}`,
          [
            { resource: 'interactions', count: 1 },
            { resource: 'tasks', count: 1 },
          ],
        ],
        [`pipeline-stages/${stage.stage_id}`, [{ resource: 'opportunities', count: 1 }]],
      ];
      await expectNothingWritten(
        t,
        cases.map(([p]) => `${V1}/${p}`),
        async () => {
          for (const [p, references] of cases) {
            const res = await t.api('DELETE', `${V1}/${p}`);
            expectProblem(res, 409, [], `DELETE ${p}`);
            expect(res.body.references).toEqual(references);
          }
        },
      );
    });
  });
});

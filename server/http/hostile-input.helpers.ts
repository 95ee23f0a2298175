// Shared by the hostile-input suites (hostile-*.test.ts): the resources as the contract lists
// them, valid bodies to start from, and the checks every refusal must pass.
import { expect } from 'vitest';
import { FIELD_ERROR_CODES } from '../../shared/errors.js';
import {
  createCompany,
  createContact,
  createInteraction,
  createOpportunity,
  createTask,
  createUser,
  uniq,
} from '../test/factories.js';
import type { ApiResponse, TestContext } from '../test/harness.js';

export const V1 = '/api/v1';
/** The contract's JSON body limit. */
export const MIB = 1024 * 1024;
/** The largest ID the API accepts (a 32-bit integer column); no test ever creates that many rows. */
export const MISSING_ID = 2_147_483_647;

type Body = Record<string, unknown>;

/** Rows every suite makes once: parents for foreign keys, targets for PATCH and DELETE. */
export interface Fixtures {
  userId: number;
  companyId: number;
  contactId: number;
  opportunityId: number;
}

export async function makeFixtures(t: TestContext): Promise<Fixtures> {
  const user = await createUser(t);
  const company = await createCompany(t);
  const contact = await createContact(t, { company_id: company.company_id });
  const opportunity = await createOpportunity(t, { company_id: company.company_id });
  return {
    userId: user.user_id,
    companyId: company.company_id,
    contactId: contact.contact_id,
    opportunityId: opportunity.opportunity_id,
  };
}

export interface WritableResource {
  path: string;
  idField: string;
  /** a valid create body, different at each call */
  valid(fx: Fixtures): Body;
  /** creates a row and returns its ID */
  create(t: TestContext, fx: Fixtures): Promise<number>;
}

export const WRITABLE: WritableResource[] = [
  {
    path: 'companies',
    idField: 'company_id',
    valid: () => ({ company_name: `Co ${uniq()}` }),
    create: async (t) => (await createCompany(t)).company_id,
  },
  {
    path: 'contacts',
    idField: 'contact_id',
    valid: () => ({ first_name: 'Ann', last_name: `L${uniq()}`, email: `c${uniq()}@example.com` }),
    create: async (t) => (await createContact(t)).contact_id,
  },
  {
    path: 'opportunities',
    idField: 'opportunity_id',
    valid: () => ({ opportunity_name: `Deal ${uniq()}` }),
    create: async (t) => (await createOpportunity(t)).opportunity_id,
  },
  {
    path: 'interactions',
    idField: 'interaction_id',
    valid: (fx) => ({
      contact_id: fx.contactId,
      interaction_type: 'call',
      interaction_date: '2026-03-15T09:30:00.000Z',
    }),
    create: async (t, fx) => (await createInteraction(t, { contact_id: fx.contactId })).interaction_id,
  },
  {
    path: 'tasks',
    idField: 'task_id',
    valid: () => ({ title: `Task ${uniq()}` }),
    create: async (t) => (await createTask(t)).task_id,
  },
  {
    path: 'pipeline-stages',
    idField: 'stage_id',
    valid: () => ({ name: `Stage ${uniq()}` }),
    create: async (t) => {
      const res = await t.api('POST', `${V1}/pipeline-stages`, { name: `Stage ${uniq()}` });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.stage_id;
    },
  },
];

/**
 * The contract's error shape: problem+json with type, title, status and detail; a 400 also lists
 * `errors: [{field, code, message}]`, which must name each of `fields`.
 */
const FIELD_ERROR_KEYS = new Set(['field', 'code', 'message', 'limit', 'allowed', 'expected', 'fields']);

export function expectProblem(res: ApiResponse, status: number, fields: string[] = [], label = '') {
  const where = `${label} → ${res.status} ${res.raw.body.slice(0, 300)}`;
  expect(res.status, where).toBe(status);
  expect(res.headers['content-type'], where).toMatch(/^application\/problem\+json/);
  expect(res.body, where).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status,
    detail: expect.any(String),
  });
  if (status === 400) {
    expect(Array.isArray(res.body.errors) && res.body.errors.length > 0, where).toBe(true);
    for (const e of res.body.errors) {
      expect(e, where).toMatchObject({ field: expect.any(String), message: expect.any(String) });
      // a stable code a client can translate, with only the documented parameters beside it
      expect(FIELD_ERROR_CODES, where).toContain(e.code);
      expect(
        Object.keys(e).filter((k) => !FIELD_ERROR_KEYS.has(k)),
        where,
      ).toEqual([]);
    }
  }
  const named = (res.body.errors ?? []).map((e: { field: string }) => e.field);
  for (const f of fields) expect(named, where).toContain(f);
}

const TABLES = [
  'companies',
  'contacts',
  'opportunities',
  'interactions',
  'tasks',
  'pipeline_stages',
  'users',
  'imports',
  'import_errors',
] as const;

export async function rowCounts(t: TestContext): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const { n } = await t.db.kysely
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(n);
  }
  return out;
}

/**
 * Runs refused writes and checks they left no trace: every table's row count is unchanged, and so
 * is each record at `itemUrls` (body and ETag).
 */
export async function expectNothingWritten(t: TestContext, itemUrls: string[], refused: () => Promise<void>) {
  const read = async () => {
    const items = [];
    for (const url of itemUrls) {
      const res = await t.api('GET', url);
      items.push({ url, status: res.status, body: res.body, etag: res.headers.etag });
    }
    return { counts: await rowCounts(t), items };
  };
  const before = await read();
  await refused();
  expect(await read()).toEqual(before);
}

/** The value of each field kind's most common wrong types in a JSON body. */
export const NOT_A_STRING: unknown[] = [42, 1.5, true, {}, [], ['a'], { value: 'a' }];
export const NOT_AN_ID: unknown[] = [
  '1',
  'abc',
  1.5,
  true,
  {},
  [],
  [1],
  0,
  -1,
  2_147_483_648,
  99_999_999_999,
  1e308,
];

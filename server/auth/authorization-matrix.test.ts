import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../crud/resource.js';
import { createCompany, createContact, createOpportunity, uniq } from '../test/factories.js';
import { type ApiResponse, describeEachDialect, type Member } from '../test/harness.js';

/**
 * Who may write which record: every write route of the owned resources × every role × every
 * ownership case, compared with the rules in one pure function. All wrong cells are collected
 * and reported together. Admin, settings and GDPR routes: authorization-matrix.admin.test.ts;
 * imports and exports: authorization-matrix.imports.test.ts.
 */

type Who = Role | 'anon';
/** whose the record is before the request, from the caller's point of view */
type RecordCase = 'own' | 'other' | 'unowned';
/** what the request says about the owner field: nothing, the caller, another user, nobody */
type OwnerValue = 'absent' | 'self' | 'other' | 'null';
type Op =
  | { kind: 'create'; owner: OwnerValue }
  | { kind: 'update'; record: RecordCase; owner: OwnerValue }
  | { kind: 'delete'; record: RecordCase };

const WHO: Who[] = ['admin', 'manager', 'sales', 'viewer', 'anon'];
const RECORD_CASES: RecordCase[] = ['own', 'other', 'unowned'];
const OWNER_VALUES: OwnerValue[] = ['absent', 'self', 'other', 'null'];

/**
 * THE RULES, for companies, contacts, opportunities, interactions and tasks. Tasks are assigned,
 * not owned (`assignable`): sales may give one to anyone, but still change only their own or
 * unassigned ones, so a task a salesperson gave to a colleague is the colleague's from then on.
 */
function expectedStatus(who: Who, op: Op, assignable = false): number {
  const ok = op.kind === 'create' ? 201 : op.kind === 'update' ? 200 : 204;
  if (who === 'anon') return 401;
  if (who === 'viewer') return 403;
  if (who === 'admin' || who === 'manager') return ok;
  // sales: create for themselves (or nobody) only; a task for anyone
  if (op.kind === 'create') return op.owner === 'other' && !assignable ? 403 : ok;
  // change only their own or unowned records
  if (op.record === 'other') return 403;
  // hand their own over to anyone; take an unowned one for themselves (leaving it unowned changes nothing)
  if (op.kind === 'update' && op.record === 'unowned' && op.owner === 'other' && !assignable) return 403;
  return ok;
}

interface Fixtures {
  contactId: number;
}

interface RecordResource {
  path: string;
  idField: string;
  ownerField: string;
  /** the owner field is an assignment (tasks): see expectedStatus */
  assignable?: boolean;
  /** a valid create body without the owner field */
  body(f: Fixtures): Record<string, unknown>;
  /** a change to something other than the owner */
  edit(): Record<string, unknown>;
}

const RESOURCES: RecordResource[] = [
  {
    path: 'companies',
    idField: 'company_id',
    ownerField: 'owner_id',
    body: () => ({ company_name: `Matrix Co ${uniq()}` }),
    edit: () => ({ industry: `Edited ${uniq()}` }),
  },
  {
    path: 'contacts',
    idField: 'contact_id',
    ownerField: 'owner_id',
    body: () => ({ first_name: 'Matrix', last_name: `Person ${uniq()}`, email: `mx${uniq()}@example.com` }),
    edit: () => ({ last_name: `Edited ${uniq()}` }),
  },
  {
    path: 'opportunities',
    idField: 'opportunity_id',
    ownerField: 'owner_id',
    body: () => ({ opportunity_name: `Matrix deal ${uniq()}` }),
    edit: () => ({ opportunity_name: `Edited ${uniq()}` }),
  },
  {
    path: 'interactions',
    idField: 'interaction_id',
    ownerField: 'user_id',
    body: (f) => ({
      contact_id: f.contactId,
      interaction_type: 'note',
      interaction_date: '2026-03-15T09:30:00.000Z',
    }),
    edit: () => ({ notes: `Edited ${uniq()}` }),
  },
  {
    path: 'tasks',
    idField: 'task_id',
    ownerField: 'assignee_id',
    assignable: true,
    body: () => ({ title: `Matrix task ${uniq()}` }),
    edit: () => ({ title: `Edited ${uniq()}` }),
  },
];

interface Cell {
  resource: RecordResource;
  who: Who;
  op: Op;
}

/** Every cell; anonymous callers have no "own" and no "self", so they get one cell per route. */
function allCells(): Cell[] {
  const cells: Cell[] = [];
  for (const resource of RESOURCES) {
    for (const who of WHO) {
      const records = who === 'anon' ? (['other'] as RecordCase[]) : RECORD_CASES;
      const owners = who === 'anon' ? (['absent'] as OwnerValue[]) : OWNER_VALUES;
      for (const owner of owners) cells.push({ resource, who, op: { kind: 'create', owner } });
      for (const record of records) {
        for (const owner of owners) cells.push({ resource, who, op: { kind: 'update', record, owner } });
        cells.push({ resource, who, op: { kind: 'delete', record } });
      }
    }
  }
  return cells;
}

const describeOp = (op: Op) =>
  op.kind === 'create'
    ? `POST owner=${op.owner}`
    : op.kind === 'update'
      ? `PATCH ${op.record} record, owner=${op.owner}`
      : `DELETE ${op.record} record`;

const problem = (res: ApiResponse) =>
  res.status >= 400 ? ` (${res.body?.detail ?? res.body?.title ?? ''})` : '';

/** Runs `fn` on every item, a few at a time (setup is hundreds of independent inserts). */
async function inLanes<T>(items: T[], lanes: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: lanes }, lane));
}

describeEachDialect('authorization matrix: records', (t) => {
  const actors = {} as Record<Who, Member> & { otherSales: Member };
  const fixtures = {} as Fixtures;
  const cells = allCells();
  /** the record each PATCH/DELETE cell works on, as the admin created it */
  const targets = new Map<Cell, Record<string, unknown>>();

  const userId = (who: Who) => (who === 'anon' ? null : actors[who].user_id);
  const ownerId = (who: Who, c: RecordCase | OwnerValue): number | null =>
    c === 'own' || c === 'self' ? userId(who) : c === 'other' ? actors.otherSales.user_id : null;
  const as = (who: Who) => (who === 'anon' ? t.anon : actors[who].api);

  beforeAll(async () => {
    actors.admin = t.admin;
    actors.manager = await t.member('manager');
    actors.sales = await t.member('sales');
    actors.viewer = await t.member('viewer');
    actors.otherSales = await t.member('sales');
    fixtures.contactId = (await createContact(t)).contact_id;
    await inLanes(cells, 6, async (cell) => {
      if (cell.op.kind === 'create') return;
      const { path, ownerField } = cell.resource;
      const body = { ...cell.resource.body(fixtures), [ownerField]: ownerId(cell.who, cell.op.record) };
      const res = await t.api('POST', `/api/v1/${path}`, body);
      if (res.status !== 201)
        throw new Error(`setup: POST ${path} → ${res.status} ${JSON.stringify(res.body)}`);
      targets.set(cell, res.body);
    });
  });

  it('allows and refuses every write exactly as the rules say, and refused writes change nothing', async () => {
    const mismatches: string[] = [];
    for (const cell of cells) {
      const { resource: r, who, op } = cell;
      const label = `${r.path}: ${describeOp(op)} as ${who}`;
      const expected = expectedStatus(who, op, r.assignable);
      const owner =
        op.kind === 'delete' || op.owner === 'absent' ? {} : { [r.ownerField]: ownerId(who, op.owner) };
      const before = targets.get(cell);
      const url = before ? `/api/v1/${r.path}/${before[r.idField]}` : `/api/v1/${r.path}`;
      const res =
        op.kind === 'create'
          ? await as(who)('POST', url, { ...r.body(fixtures), ...owner })
          : op.kind === 'update'
            ? await as(who)('PATCH', url, { ...r.edit(), ...owner })
            : await as(who)('DELETE', url);
      if (res.status !== expected) {
        mismatches.push(`${label}: expected ${expected}, got ${res.status}${problem(res)}`);
      }
      // what a write did (or did not do) to the record
      if (op.kind === 'create' && res.status === 201) {
        const want = op.owner === 'absent' ? userId(who) : ownerId(who, op.owner);
        if (res.body[r.ownerField] !== want)
          mismatches.push(`${label}: created with ${r.ownerField}=${res.body[r.ownerField]}, not ${want}`);
      } else if (op.kind === 'update' && res.status === 200) {
        const want = op.owner === 'absent' ? before?.[r.ownerField] : ownerId(who, op.owner);
        if (res.body[r.ownerField] !== want)
          mismatches.push(`${label}: ${r.ownerField} became ${res.body[r.ownerField]}, not ${want}`);
      } else if (op.kind === 'delete' && res.status === 204) {
        const after = await t.api('GET', url);
        if (after.status !== 404) mismatches.push(`${label}: still readable after DELETE (${after.status})`);
      } else if (before) {
        const after = await t.api('GET', url);
        if (after.status !== 200 || !isDeepStrictEqual(after.body, before))
          mismatches.push(`${label}: refused, yet the record changed: ${JSON.stringify(after.body)}`);
      }
    }
    expect(mismatches).toEqual([]);
    // 5 resources × (4 roles × (4 creates + 3 × 4 updates + 3 deletes) + 3 anonymous writes)
    expect(cells).toHaveLength(RESOURCES.length * (4 * 19 + 3));
  });

  it('lets every role read every record, list, related list, history and the pipeline', async () => {
    const company = await createCompany(t, { owner_id: actors.otherSales.user_id });
    const contact = await createContact(t, { company_id: company.company_id, owner_id: null });
    const opp = await createOpportunity(t, {
      company_id: company.company_id,
      contact_id: contact.contact_id,
    });
    const ids: Record<string, number> = {
      companies: company.company_id,
      contacts: contact.contact_id,
      opportunities: opp.opportunity_id,
    };
    for (const r of RESOURCES.filter((x) => !(x.path in ids))) {
      // a record no cell deleted (the targets were made in parallel: the first of a resource may be
      // a delete cell's, gone since the test above)
      ids[r.path] = [...targets.entries()].find(([c]) => c.resource === r && c.op.kind !== 'delete')?.[1][
        r.idField
      ] as number;
    }
    const urls = [
      ...RESOURCES.flatMap((r) => [
        `/api/v1/${r.path}`,
        `/api/v1/${r.path}?${r.ownerField}=me`,
        `/api/v1/${r.path}/${ids[r.path]}`,
        `/api/v1/${r.path}/${ids[r.path]}/history`,
      ]),
      `/api/v1/contacts/${ids.contacts}/interactions`,
      `/api/v1/companies/${ids.companies}/contacts`,
      `/api/v1/companies/${ids.companies}/opportunities`,
      `/api/v1/opportunities/${ids.opportunities}/tasks`,
      `/api/v1/opportunities/${ids.opportunities}/interactions`,
      `/api/v1/opportunities/${ids.opportunities}/timeline`,
      `/api/v1/companies/${ids.companies}/interactions`,
      `/api/v1/companies/${ids.companies}/tasks`,
      '/api/v1/pipeline',
      `/api/v1/pipeline?owner_id=${actors.otherSales.user_id}`,
      '/api/v1/pipeline/closed?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z',
      `/api/v1/pipeline/closed?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z&owner_id=${actors.otherSales.user_id}`,
    ];
    const mismatches: string[] = [];
    for (const who of WHO) {
      for (const url of urls) {
        const expected = who === 'anon' ? 401 : 200;
        const res = await as(who)('GET', url);
        if (res.status !== expected)
          mismatches.push(`GET ${url} as ${who}: expected ${expected}, got ${res.status}${problem(res)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  describe('IDOR: a sales user cannot touch another sales user’s records by ID', () => {
    it('refuses PATCH, hand-over and DELETE with 403 and leaves the record as it was', async () => {
      const mallory = actors.sales;
      const victim = actors.otherSales;
      const mismatches: string[] = [];
      for (const r of RESOURCES.filter((x) => x.path !== 'companies')) {
        const mine = { ...r.body(fixtures), [r.ownerField]: victim.user_id };
        const record = (await t.api('POST', `/api/v1/${r.path}`, mine)).body;
        const url = `/api/v1/${r.path}/${record[r.idField]}`;
        const attempts: [string, () => Promise<ApiResponse>][] = [
          ['PATCH', () => mallory.api('PATCH', url, r.edit())],
          ['PATCH taking it', () => mallory.api('PATCH', url, { [r.ownerField]: mallory.user_id })],
          ['PATCH freeing it', () => mallory.api('PATCH', url, { [r.ownerField]: null })],
          ['PATCH with If-Match: *', () => mallory.api('PATCH', url, r.edit(), { 'if-match': '*' })],
          ['DELETE', () => mallory.api('DELETE', url)],
        ];
        for (const [what, attempt] of attempts) {
          const res = await attempt();
          if (res.status !== 403) mismatches.push(`${what} ${url}: expected 403, got ${res.status}`);
          const after = await t.api('GET', url);
          if (!isDeepStrictEqual(after.body, record))
            mismatches.push(`${what} ${url}: the record changed: ${JSON.stringify(after.body)}`);
        }
      }
      expect(mismatches).toEqual([]);
    });
  });
});

import { beforeAll, expect, it } from 'vitest';
import type { Role } from '../crud/resource.js';
import { uniq } from '../test/factories.js';
import { type ApiResponse, describeEachDialect, type Member } from '../test/harness.js';
import { insertImportJob } from '../test/import-helpers.js';

/**
 * Who may import, follow, read the errors of, delete, undo and export: every import and export route ×
 * every role × (the caller's own job, another user's), against the rules in one pure function;
 * every wrong cell is reported, with what a refused call must not have shown or changed.
 * Records: authorization-matrix.test.ts; settings, users, GDPR: authorization-matrix.admin.test.ts.
 */

type Who = Role | 'anon';
/** whose job the call is about; a job still running is only for DELETE */
type JobCase = 'own' | 'other' | 'own running' | 'other running';
type Op =
  | 'POST /imports'
  | 'GET /imports'
  | 'GET /imports/{id}'
  | 'GET errors.csv'
  | 'GET /imports/{id}/errors'
  | 'GET /imports/{id}/duplicates'
  | 'DELETE /imports/{id}'
  | 'POST /imports/{id}/undo';
/** the operations on a job that may still be running: deleting and undoing it wait for its end */
const FINISHING: Op[] = ['DELETE /imports/{id}', 'POST /imports/{id}/undo'];

const WHO: Who[] = ['admin', 'manager', 'sales', 'viewer', 'anon'];

/** admins and managers see every job; everyone else only their own (a viewer's from an earlier role) */
const sees = (who: Who, job: JobCase) => who === 'admin' || who === 'manager' || job.startsWith('own');

/** THE RULES */
function expectedStatus(who: Who, op: Op, job: JobCase | null): number {
  if (who === 'anon') return 401;
  if (op === 'POST /imports') return who === 'viewer' ? 403 : 202;
  // the list answers everyone; what it holds is checked below
  if (op === 'GET /imports' || job === null) return 200;
  // another user's job does not exist for whoever may not read it: nothing to guess from
  if (!sees(who, job)) return 404;
  if (!FINISHING.includes(op)) return 200;
  // deleting and undoing: admins any job, everyone else their own, and only once it has finished
  if (who !== 'admin' && !job.startsWith('own')) return 403;
  if (job.endsWith('running')) return 409;
  return op === 'DELETE /imports/{id}' ? 204 : 200;
}

interface Cell {
  op: Op;
  who: Who;
  job: JobCase | null;
}

const JOB_OPS: Op[] = [
  'GET /imports',
  'GET /imports/{id}',
  'GET errors.csv',
  'GET /imports/{id}/errors',
  'GET /imports/{id}/duplicates',
  'DELETE /imports/{id}',
  'POST /imports/{id}/undo',
];

function allCells(): Cell[] {
  const cells: Cell[] = [];
  for (const who of WHO) {
    cells.push({ op: 'POST /imports', who, job: null });
    for (const op of JOB_OPS) {
      // anonymous callers have no job of their own
      const base: JobCase[] = who === 'anon' ? ['other'] : ['own', 'other'];
      const jobs: JobCase[] =
        FINISHING.includes(op) && who !== 'anon' ? [...base, 'own running', 'other running'] : base;
      for (const job of jobs) cells.push({ op, who, job });
    }
  }
  return cells;
}

const EXPORTS = [
  '/api/v1/contacts/export',
  '/api/v1/contacts/export?format=vcf',
  '/api/v1/companies/export?delimiter=semicolon',
  '/api/v1/opportunities/export',
];

describeEachDialect('authorization matrix: imports and exports', (t) => {
  const actors = {} as Record<Role, Member>;
  /** the sales user whose jobs are "another user's" */
  let someoneElse: Member;
  const as = (who: Who) => (who === 'anon' ? t.anon : actors[who].api);
  const cells = allCells();
  /** each cell's own job, and the personal data its one row error quotes */
  const jobs = new Map<Cell, { id: number; secret: string }>();

  beforeAll(async () => {
    actors.admin = t.admin;
    for (const role of ['manager', 'sales', 'viewer'] as const) actors[role] = await t.member(role);
    someoneElse = await t.member('sales');
    for (const cell of cells) {
      if (!cell.job) continue;
      const owner = cell.job.startsWith('own') ? actors[cell.who as Role] : someoneElse;
      const secret = `no contact has the email private.${uniq()}@example.com`;
      const status = cell.job.endsWith('running') ? 'running' : 'done';
      const id = await insertImportJob(t, { userId: owner.user_id, status, message: secret });
      // a job that wrote nothing, made since imports can be undone: undoing it changes only the job
      if (cell.op === 'POST /imports/{id}/undo')
        await t.db.kysely
          .updateTable('imports')
          .set({ undo_version: 1 })
          .where('import_id', '=', id)
          .execute();
      jobs.set(cell, { id, secret });
    }
  });

  const jobCount = async () =>
    Number(
      (
        await t.db.kysely
          .selectFrom('imports')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** What the call did or showed that it should not have, if anything. */
  async function wrongEffect(cell: Cell, res: ApiResponse, allowed: boolean): Promise<string | null> {
    const job = jobs.get(cell);
    const body = typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? '');
    if (job && !allowed && body.includes(job.secret)) return 'refused, yet showed the job’s errors';
    if (cell.op === 'GET /imports' && job && res.status === 200) {
      const listed = res.body.data.some((j: { import_id: number }) => j.import_id === job.id);
      if (listed !== sees(cell.who, cell.job as JobCase)) return `the job is ${listed ? '' : 'not '}listed`;
    }
    const showsErrors: Op[] = ['GET /imports/{id}', 'GET errors.csv', 'GET /imports/{id}/errors'];
    if (showsErrors.includes(cell.op) && job && allowed) {
      if (!body.includes(job.secret)) return 'the job’s errors are missing';
    }
    if (cell.op === 'DELETE /imports/{id}' && job) {
      const after = await t.api('GET', `/api/v1/imports/${job.id}`);
      const left = await t.db.kysely
        .selectFrom('import_errors')
        .select('error_id')
        .where('import_id', '=', job.id)
        .execute();
      if (allowed && (after.status !== 404 || left.length > 0))
        return 'the job or its errors are still there';
      if (!allowed && (after.status !== 200 || left.length !== 1)) return 'refused, yet the job changed';
    }
    if (cell.op === 'POST /imports/{id}/undo' && job) {
      const row = await t.db.kysely
        .selectFrom('imports')
        .select('undone_at')
        .where('import_id', '=', job.id)
        .executeTakeFirstOrThrow();
      if (allowed !== (row.undone_at !== null)) return `the job is ${allowed ? 'not ' : ''}undone`;
    }
    return null;
  }

  it('allows and refuses every import route exactly as the rules say, and refusals show and change nothing', async () => {
    const mismatches: string[] = [];
    for (const cell of cells) {
      const { op, who, job } = cell;
      const label = `${op}${job ? ` (${job} job)` : ''} as ${who}`;
      const expected = expectedStatus(who, op, job);
      const id = jobs.get(cell)?.id;
      const before = op === 'POST /imports' ? await jobCount() : 0;
      const res =
        op === 'POST /imports'
          ? await as(who)('POST', '/api/v1/imports?entity=contacts', 'First Name\nMatrix\n', {
              'content-type': 'text/csv',
            })
          : op === 'GET /imports'
            ? await as(who)('GET', '/api/v1/imports?limit=200')
            : op === 'GET /imports/{id}'
              ? await as(who)('GET', `/api/v1/imports/${id}`)
              : op === 'GET errors.csv'
                ? await as(who)('GET', `/api/v1/imports/${id}/errors.csv`)
                : op === 'GET /imports/{id}/errors' || op === 'GET /imports/{id}/duplicates'
                  ? await as(who)('GET', `/api/v1/imports/${id}/${op.split('/').pop()}`)
                  : op === 'DELETE /imports/{id}'
                    ? await as(who)('DELETE', `/api/v1/imports/${id}`)
                    : await as(who)('POST', `/api/v1/imports/${id}/undo`, {});
      if (res.status !== expected)
        mismatches.push(`${label}: expected ${expected}, got ${res.status} ${res.body?.detail ?? ''}`);
      if (res.status >= 400 && !String(res.headers['content-type']).startsWith('application/problem+json'))
        mismatches.push(`${label}: the refusal is not a problem`);
      const allowed = expected < 300;
      if (op === 'POST /imports') {
        const made = (await jobCount()) - before;
        if (made !== (allowed ? 1 : 0)) mismatches.push(`${label}: ${made} jobs made`);
        if (allowed && res.body.import_id) {
          const made = await t.api('GET', `/api/v1/imports/${res.body.import_id}`);
          if (made.body.user_id !== actors[who as Role].user_id)
            mismatches.push(`${label}: the job is user ${made.body.user_id}’s`);
        }
      }
      const wrong = await wrongEffect(cell, res, allowed);
      if (wrong) mismatches.push(`${label}: ${wrong}`);
    }
    expect(mismatches).toEqual([]);
    // 4 roles × (1 import + 5 × 2 reads + 4 deletes + 4 undos) + anonymous (1 import + 7 × 1)
    expect(cells).toHaveLength(4 * 19 + 8);
    // 84 calls, each checked against the database: more than the default 30 s on a busy MariaDB
  }, 120_000);

  it('lets every role export every list; anonymous callers get 401', async () => {
    const mismatches: string[] = [];
    for (const who of WHO) {
      for (const url of EXPORTS) {
        const expected = who === 'anon' ? 401 : 200;
        const res = await as(who)('GET', url);
        if (res.status !== expected)
          mismatches.push(`GET ${url} as ${who}: expected ${expected}, got ${res.status}`);
        const type = String(res.headers['content-type']);
        if (res.status === 200 && !/^text\/(csv|vcard)/.test(type))
          mismatches.push(`GET ${url} as ${who}: ${type}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

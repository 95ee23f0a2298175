// Test helpers: send a file to POST /imports and wait for the job to end.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { timestampParam } from '../db/dialect.js';
import type { TestContext } from './harness.js';

export const fixture = (name: string) =>
  readFileSync(new URL(`../imports/fixtures/${name}`, import.meta.url));

export interface SendOptions {
  entity?: string;
  query?: Record<string, string>;
  contentType?: string;
  token?: string;
}

/** POSTs a file as the raw body; returns the response (202 or a problem). */
export async function sendImport(t: TestContext, body: Buffer | string, opts: SendOptions = {}) {
  const query = new URLSearchParams({ entity: opts.entity ?? 'contacts', ...opts.query });
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/imports?${query}`,
    headers: {
      authorization: `Bearer ${opts.token ?? t.admin.token}`,
      'content-type': opts.contentType ?? 'text/csv',
    },
    payload: body,
  });
  return { status: res.statusCode, body: res.body ? res.json() : undefined, headers: res.headers };
}

/** Polls the job until it is done or failed; returns GET /imports/{id}. */
export async function waitForImport(t: TestContext, id: number, token = t.admin.token) {
  for (let i = 0; i < 600; i++) {
    const res = await t.app.inject({
      url: `/api/v1/imports/${id}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode, res.body).toBe(200);
    const job = res.json();
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`import ${id} did not finish`);
}

/** Sends a file and waits: the finished job. */
export async function runImport(t: TestContext, body: Buffer | string, opts: SendOptions = {}) {
  const sent = await sendImport(t, body, opts);
  expect(sent.status, JSON.stringify(sent.body)).toBe(202);
  return waitForImport(t, sent.body.import_id, opts.token);
}

/** The contact with that email (ignoring case), as the API shows it, with its company's name. */
export async function contactByEmail(t: TestContext, email: string) {
  const row = await t.db.kysely
    .selectFrom('contacts')
    .leftJoin('companies', 'companies.company_id', 'contacts.company_id')
    .select([
      'contacts.contact_id',
      'contacts.first_name',
      'contacts.last_name',
      'contacts.email',
      'contacts.phone',
      'contacts.owner_id',
      'companies.company_name',
    ])
    .where('contacts.email_key', '=', email.toLowerCase())
    .executeTakeFirst();
  return row;
}

/**
 * A job recorded as an upload would leave it, without running anything: for tests about who may
 * read or delete jobs in each state. A queued or running one beats a day ahead, so no stale-job
 * sweep fails it meanwhile. Each gets one row error quoting `message`.
 */
export async function insertImportJob(
  t: TestContext,
  job: { userId: number | null; status: 'queued' | 'running' | 'done' | 'failed'; message: string },
) {
  const at = (ms: number) => timestampParam(t.dialect, new Date(Date.now() + ms).toISOString());
  const row = {
    entity: 'contacts',
    status: job.status,
    file_name: 'contacts.csv',
    options: JSON.stringify({ dry_run: false, on_duplicate: 'skip' }),
    processed_rows: 1,
    created_count: 0,
    updated_count: 0,
    skipped_count: 0,
    failed_count: 1,
    user_id: job.userId,
    created_at: at(0),
    heartbeat_at: at(24 * 3600_000),
    finished_at: job.status === 'done' || job.status === 'failed' ? at(0) : null,
  };
  const k = t.db.kysely;
  const id =
    t.dialect === 'mysql'
      ? Number((await k.insertInto('imports').values(row).executeTakeFirstOrThrow()).insertId)
      : Number(
          (await k.insertInto('imports').values(row).returning('import_id').executeTakeFirstOrThrow())
            .import_id,
        );
  await k
    .insertInto('import_errors')
    .values({ import_id: id, row_no: 2, field: 'email', message: job.message })
    .execute();
  return id;
}

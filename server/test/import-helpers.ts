// Test helpers: send a file to POST /imports and wait for the job to end.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
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

import { expect } from 'vitest';
import { nameKey, searchText } from '../lib/text.js';
import { syncNameWords } from '../search/name-words.js';
import { syncSearchWords } from '../search/search-words.js';
import { users } from '../users/users.resource.js';
import type { TestContext } from './harness.js';

let seq = 0;
/** A short unique suffix so rows made by different tests never collide. */
export const uniq = () => `${Date.now().toString(36)}${(++seq).toString(36)}`;

async function created(t: TestContext, path: string, body: Record<string, unknown>) {
  const res = await t.api('POST', `/api/v1/${path}`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

export const createCompany = (t: TestContext, over: Record<string, unknown> = {}) =>
  created(t, 'companies', { company_name: `Company ${uniq()}`, ...over });

export const createContact = (t: TestContext, over: Record<string, unknown> = {}) =>
  created(t, 'contacts', {
    first_name: 'Test',
    last_name: `Person ${uniq()}`,
    email: `p${uniq()}@example.com`,
    ...over,
  });

export const createOpportunity = (t: TestContext, over: Record<string, unknown> = {}) =>
  created(t, 'opportunities', { opportunity_name: `Deal ${uniq()}`, ...over });

export const createInteraction = async (t: TestContext, over: Record<string, unknown> = {}) => {
  const contactId = over.contact_id ?? (await createContact(t)).contact_id;
  return created(t, 'interactions', {
    interaction_type: 'call',
    interaction_date: '2026-03-15T09:30:00.000Z',
    ...over,
    contact_id: contactId,
  });
};

export const createTask = (t: TestContext, over: Record<string, unknown> = {}) =>
  created(t, 'tasks', { title: `Follow up ${uniq()}`, ...over });

/** Users are written by issue 3's admin routes; until then tests insert them directly. */
export async function createUser(
  t: TestContext,
  over: { email?: string; name?: string; role?: string } = {},
) {
  const email = over.email ?? `u${uniq()}@example.com`;
  const now = new Date().toISOString();
  const stamp = t.dialect === 'mysql' ? now.replace('T', ' ').replace('Z', '') : now;
  const name = over.name ?? `User ${uniq()}`;
  const values = {
    email,
    email_key: email.toLowerCase(),
    name,
    name_key: nameKey(name),
    role: over.role ?? 'sales',
    active: t.dialect === 'sqlite' ? 1 : true,
    locale: 'fr',
    password_hash: null,
    search_text: ` ${email.toLowerCase()} `,
    created_at: stamp,
    updated_at: stamp,
  };
  await t.db.kysely.insertInto('users').values(values).execute();
  const row = await t.db.kysely
    .selectFrom('users')
    .select('user_id')
    .where('email_key', '=', values.email_key)
    .executeTakeFirstOrThrow();
  await syncSearchWords(t.db.kysely, 'users', Number(row.user_id), null, values);
  await syncNameWords(t.db.kysely, users, Number(row.user_id), null, values);
  return { user_id: Number(row.user_id), email };
}

/**
 * createUser with the search column filled the way contacts fill theirs (folded words of the
 * name and email), so that `q` can find the user by name as well as by email.
 */
export async function createSearchableUser(
  t: TestContext,
  over: { email?: string; name?: string; role?: string } = {},
) {
  const user = await createUser(t, over);
  const row = await t.db.kysely
    .selectFrom('users')
    .select(['name', 'search_text'])
    .where('user_id', '=', user.user_id)
    .executeTakeFirstOrThrow();
  const search_text = searchText([row.name, user.email]);
  await t.db.kysely.updateTable('users').set({ search_text }).where('user_id', '=', user.user_id).execute();
  await syncSearchWords(t.db.kysely, 'users', user.user_id, row, { search_text });
  return user;
}

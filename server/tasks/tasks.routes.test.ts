import { describe, expect, it } from 'vitest';
import { createContact, createOpportunity, createTask, createUser, uniq } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';

type Task = { task_id: number; due_at: string | null; status: string; completed_at: string | null };
const ids = (res: { body: { data: Task[] } }) => res.body.data.map((x) => x.task_id);

/** Calls fn and checks that the instant it returns lies within the call. */
async function stampedDuring(fn: () => Promise<string | null>) {
  const before = Date.now();
  const iso = await fn();
  const after = Date.now();
  expect(iso).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  const at = Date.parse(iso as string);
  expect(at).toBeGreaterThanOrEqual(before);
  expect(at).toBeLessThanOrEqual(after);
  return iso as string;
}

describeEachDialect('tasks', (t) => {
  describe('create, read, update, delete', () => {
    it('creates an open task: 201, Location, ETag, the contract fields', async () => {
      const opp = await createOpportunity(t);
      const contact = await createContact(t);
      const res = await t.api('POST', '/api/v1/tasks', {
        title: '  Rappeler Hélène ',
        opportunity_id: opp.opportunity_id,
        contact_id: contact.contact_id,
        due_at: '2026-04-02T09:00:00+02:00',
      });
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/api/v1/tasks/${res.body.task_id}`);
      expect(res.headers.etag).toMatch(/^"[^"]+"$/);
      expect(res.body).toEqual({
        task_id: res.body.task_id,
        title: 'Rappeler Hélène',
        opportunity_id: opp.opportunity_id,
        contact_id: contact.contact_id,
        company_id: null,
        assignee_id: t.admin.user_id, // the assignee defaults to the caller
        due_at: '2026-04-02T07:00:00.000Z',
        due_date: null,
        status: 'open',
        completed_at: null,
        custom_fields: {},
        created_at: res.body.created_at,
        updated_at: res.body.created_at,
      });
      const got = await t.api('GET', res.headers.location as string);
      expect(got.body).toEqual(res.body);
      expect(got.headers.etag).toBe(res.headers.etag);
      const missing = await t.api('POST', '/api/v1/tasks', { status: 'open' });
      expect(missing.status).toBe(400);
      expect(missing.body.errors).toEqual([{ field: 'title', code: 'required', message: 'is required' }]);
      const assignee = await createUser(t);
      expect((await createTask(t, { assignee_id: assignee.user_id })).assignee_id).toBe(assignee.user_id);
    });

    it('sets completed_at when done, keeps it while done, and clears it on reopening', async () => {
      const task = await createTask(t);
      expect(task.completed_at).toBeNull();
      let doneAt = '';
      await stampedDuring(async () => {
        const res = await t.api('PATCH', `/api/v1/tasks/${task.task_id}`, { status: 'done' });
        expect(res.status).toBe(200);
        expect(res.body.status).toBe('done');
        doneAt = res.body.completed_at;
        return doneAt;
      });
      // saying done again or editing the task keeps the moment it was done
      const again = await t.api('PATCH', `/api/v1/tasks/${task.task_id}`, {
        status: 'done',
        title: 'Renamed',
      });
      expect(again.body).toMatchObject({ status: 'done', completed_at: doneAt, title: 'Renamed' });
      const reopened = await t.api('PATCH', `/api/v1/tasks/${task.task_id}`, { status: 'open' });
      expect(reopened.body).toMatchObject({ status: 'open', completed_at: null });
      const still = await t.api('PATCH', `/api/v1/tasks/${task.task_id}`, { title: 'Open still' });
      expect(still.body.completed_at).toBeNull();
      // created done: completed now
      await stampedDuring(async () => (await createTask(t, { status: 'done' })).completed_at);
      // completed_at is the server's to set
      expect(
        (await t.api('PATCH', `/api/v1/tasks/${task.task_id}`, { completed_at: '2026-01-01T00:00:00Z' }))
          .status,
      ).toBe(400);
      expect((await t.api('PATCH', `/api/v1/tasks/${task.task_id}`, { status: 'closed' })).status).toBe(400);
      expect((await t.api('PATCH', `/api/v1/tasks/${task.task_id}`, { status: null })).status).toBe(400);
    });

    it('updates partially, refuses a stale If-Match with 412, and deletes with 204', async () => {
      const task = await createTask(t, { due_at: '2026-05-01T10:00:00Z' });
      const first = await t.api('GET', `/api/v1/tasks/${task.task_id}`);
      const etag = first.headers.etag as string;
      const ok = await t.api(
        'PATCH',
        `/api/v1/tasks/${task.task_id}`,
        { due_at: null },
        { 'if-match': etag },
      );
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ due_at: null, title: task.title, status: 'open' });
      const stale = await t.api(
        'PATCH',
        `/api/v1/tasks/${task.task_id}`,
        { title: 'x' },
        { 'if-match': etag },
      );
      expect(stale.status).toBe(412);
      expect((await t.api('GET', `/api/v1/tasks/${task.task_id}`)).body.title).toBe(task.title);
      expect((await t.api('DELETE', `/api/v1/tasks/${task.task_id}`)).status).toBe(204);
      expect((await t.api('GET', `/api/v1/tasks/${task.task_id}`)).status).toBe(404);
      expect((await t.api('DELETE', `/api/v1/tasks/${task.task_id}`)).status).toBe(404);
    });
  });

  describe('lists', () => {
    it('sorts by due_at, soonest first by default, tasks without a date first ascending and last descending', async () => {
      const who = await createUser(t);
      const make = async (due_at: string | null) =>
        (await createTask(t, { due_at, assignee_id: who.user_id })).task_id;
      const may = await make('2026-05-01T09:00:00Z');
      const none1 = await make(null);
      const mar = await make('2026-03-01T09:00:00+01:00');
      const may2 = await make('2026-05-01T11:00:00+02:00'); // the same instant as may
      const none2 = await make(null);
      const base = `/api/v1/tasks?assignee_id=${who.user_id}`;
      const asc = await t.api('GET', base);
      expect(ids(asc)).toEqual([none1, none2, mar, may, may2]);
      expect(asc.body.data.map((x: Task) => x.due_at)).toEqual([
        null,
        null,
        '2026-03-01T08:00:00.000Z',
        '2026-05-01T09:00:00.000Z',
        '2026-05-01T09:00:00.000Z',
      ]);
      const desc = await t.api('GET', `${base}&sort=-due_at&limit=3`);
      expect(ids(desc)).toEqual([may2, may, mar]);
      const rest = await t.api('GET', `${base}&sort=-due_at&limit=3&cursor=${desc.body.next_cursor}`);
      expect(ids(rest)).toEqual([none2, none1]);
      expect(rest.body.next_cursor).toBeNull();
      const byStatus = await t.api('GET', `${base}&sort=status,due_at`);
      expect(byStatus.status).toBe(200);
      expect(ids(byStatus)).toEqual(ids(asc));
    });

    it('filters on status, assignee_id, opportunity_id and contact_id', async () => {
      const a = await createUser(t);
      const b = await createUser(t);
      const opp = await createOpportunity(t);
      const contact = await createContact(t);
      const t1 = await createTask(t, { assignee_id: a.user_id, opportunity_id: opp.opportunity_id });
      const t2 = await createTask(t, {
        assignee_id: a.user_id,
        status: 'done',
        contact_id: contact.contact_id,
      });
      const t3 = await createTask(t, {
        assignee_id: b.user_id,
        opportunity_id: opp.opportunity_id,
        status: 'done',
      });
      const get = async (qs: string) => ids(await t.api('GET', `/api/v1/tasks?sort=created_at&${qs}`));
      expect(await get(`assignee_id=${a.user_id}`)).toEqual([t1.task_id, t2.task_id]);
      expect(await get(`assignee_id=${a.user_id}&status=open`)).toEqual([t1.task_id]);
      expect(await get(`assignee_id=${a.user_id}&status=done`)).toEqual([t2.task_id]);
      expect(await get(`opportunity_id=${opp.opportunity_id}`)).toEqual([t1.task_id, t3.task_id]);
      expect(await get(`opportunity_id=${opp.opportunity_id}&status=done`)).toEqual([t3.task_id]);
      expect(await get(`contact_id=${contact.contact_id}`)).toEqual([t2.task_id]);
      expect(await get(`assignee_id=${b.user_id}&status=open`)).toEqual([]);
      // "me" is the caller: the admin here, assigned by default to every task this file made
      const mine = await t.api('GET', '/api/v1/tasks?assignee_id=me&limit=200');
      expect(mine.status).toBe(200);
      expect(mine.body.data.every((x: { assignee_id: number }) => x.assignee_id === t.admin.user_id)).toBe(
        true,
      );
    });

    it('searches titles by word starts, ignoring case and accents', async () => {
      const tag = uniq();
      const a = await createTask(t, { title: `Préparer l'offre détaillée ${tag}` });
      const b = await createTask(t, { title: `Relancer Éric après la démo ${tag}` });
      const find = async (q: string) =>
        ids(await t.api('GET', `/api/v1/tasks?q=${encodeURIComponent(q)}&sort=created_at`));
      expect(await find(`preparer ${tag}`)).toEqual([a.task_id]);
      expect(await find(`OFFRE DETAIL ${tag}`)).toEqual([a.task_id]);
      expect(await find(`eric demo ${tag}`)).toEqual([b.task_id]);
      expect(await find(tag)).toEqual([a.task_id, b.task_id]);
      expect(await find(`lancer ${tag}`)).toEqual([]);
      await t.api('PATCH', `/api/v1/tasks/${b.task_id}`, { title: `Envoyer le contrat ${tag}` });
      expect(await find(`eric ${tag}`)).toEqual([]);
      expect(await find(`contrat ${tag}`)).toEqual([b.task_id]);
    });
  });
});

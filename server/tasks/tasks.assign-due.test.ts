import { describe, expect, it } from 'vitest';
import { createCompany, createContact, createTask, createUser, uniq } from '../test/factories.js';
import { describeEachDialect } from '../test/harness.js';

type Task = { task_id: number; due_at: string | null; due_date: string | null; assignee_id: number | null };
const ids = (res: { body: { data: Task[] } }) => res.body.data.map((x) => x.task_id);

describeEachDialect('tasks: assignment, all-day and timed due dates, company link', (t) => {
  describe('assignment (docs/security.md)', () => {
    it('lets sales give a task to a colleague, which is then the colleague’s to change, not theirs', async () => {
      const sales = await t.member('sales');
      const colleague = await t.member('sales');
      const made = await sales.api('POST', '/api/v1/tasks', {
        title: `Rappeler ${uniq()}`,
        assignee_id: colleague.user_id,
      });
      expect(made.status).toBe(201);
      expect(made.body.assignee_id).toBe(colleague.user_id);
      const url = `/api/v1/tasks/${made.body.task_id}`;
      // handed over: the colleague's now
      expect((await sales.api('PATCH', url, { title: 'Mine again?' })).status).toBe(403);
      expect((await sales.api('PATCH', url, { assignee_id: sales.user_id })).status).toBe(403);
      expect((await colleague.api('PATCH', url, { title: 'Done by me' })).status).toBe(200);
      // an unassigned task may be given to anyone, an own one too
      const free = await sales.api('POST', '/api/v1/tasks', { title: 'Free', assignee_id: null });
      expect(free.body.assignee_id).toBeNull();
      const given = await sales.api('PATCH', `/api/v1/tasks/${free.body.task_id}`, {
        assignee_id: colleague.user_id,
      });
      expect(given.status).toBe(200);
      expect(given.body.assignee_id).toBe(colleague.user_id);
      // viewers still assign nothing
      const viewer = await t.member('viewer');
      expect(
        (await viewer.api('POST', '/api/v1/tasks', { title: 'x', assignee_id: viewer.user_id })).status,
      ).toBe(403);
    });

    it('refuses an inactive or unknown assignee with a 400 field error, and changes nothing', async () => {
      const sales = await t.member('sales');
      const gone = await createUser(t);
      expect((await t.api('PATCH', `/api/v1/users/${gone.user_id}`, { active: false })).status).toBe(200);
      for (const api of [t.api, sales.api]) {
        const res = await api('POST', '/api/v1/tasks', { title: 'For a ghost', assignee_id: gone.user_id });
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([
          expect.objectContaining({ field: 'assignee_id', code: 'inactive_user' }),
        ]);
        const unknown = await api('POST', '/api/v1/tasks', { title: 'Nobody', assignee_id: 999_999 });
        expect(unknown.status).toBe(400);
        expect(unknown.body.errors).toEqual([
          expect.objectContaining({ field: 'assignee_id', code: 'not_found' }),
        ]);
      }
      const task = await createTask(t, { assignee_id: sales.user_id });
      const res = await t.api('PATCH', `/api/v1/tasks/${task.task_id}`, {
        assignee_id: gone.user_id,
        title: 'x',
      });
      expect(res.status).toBe(400);
      expect((await t.api('GET', `/api/v1/tasks/${task.task_id}`)).body).toEqual(task);
      // a task kept by someone deactivated since can still be edited (and handed to someone active)
      const later = await createUser(t);
      const kept = await createTask(t, { assignee_id: later.user_id });
      await t.api('PATCH', `/api/v1/users/${later.user_id}`, { active: false });
      expect((await t.api('PATCH', `/api/v1/tasks/${kept.task_id}`, { title: 'Still here' })).status).toBe(
        200,
      );
      const moved = await t.api('PATCH', `/api/v1/tasks/${kept.task_id}`, { assignee_id: sales.user_id });
      expect(moved.body.assignee_id).toBe(sales.user_id);
    });

    it('lists the team’s tasks by assignee: one user, "me", or "none" (unassigned)', async () => {
      const a = await createUser(t);
      const tag = uniq();
      const ta = await createTask(t, { title: `Team ${tag}`, assignee_id: a.user_id });
      const tn = await createTask(t, { title: `Team ${tag}`, assignee_id: null });
      const tm = await createTask(t, { title: `Team ${tag}` });
      const get = async (qs: string) =>
        ids(await t.api('GET', `/api/v1/tasks?q=${tag}&sort=created_at&${qs}`));
      expect(await get(`assignee_id=${a.user_id}`)).toEqual([ta.task_id]);
      expect(await get('assignee_id=none')).toEqual([tn.task_id]);
      expect(await get('assignee_id=me')).toEqual([tm.task_id]);
      expect(await get('')).toEqual([ta.task_id, tn.task_id, tm.task_id]);
      expect((await t.api('GET', '/api/v1/tasks?assignee_id=nobody')).status).toBe(400);
    });
  });

  describe('due dates: an instant (due_at) or a day (due_date)', () => {
    it('stores an all-day task as a day, a timed one as an instant, one clearing the other', async () => {
      const allDay = await createTask(t, { due_date: '2027-03-12' });
      expect(allDay).toMatchObject({ due_date: '2027-03-12', due_at: null });
      const url = `/api/v1/tasks/${allDay.task_id}`;
      const timed = await t.api('PATCH', url, { due_at: '2027-03-12T14:30:00+01:00' });
      expect(timed.body).toMatchObject({ due_at: '2027-03-12T13:30:00.000Z', due_date: null });
      const back = await t.api('PATCH', url, { due_date: '2027-03-13' });
      expect(back.body).toMatchObject({ due_at: null, due_date: '2027-03-13' });
      // clearing the one not set keeps the other
      expect((await t.api('PATCH', url, { due_at: null, title: 'Same day' })).body).toMatchObject({
        due_date: '2027-03-13',
      });
      const both = await t.api('PATCH', url, { due_at: '2027-03-12T10:00:00Z', due_date: '2027-03-12' });
      expect(both.status).toBe(400);
      expect(both.body.errors).toEqual([
        expect.objectContaining({ field: 'due_date', code: 'exclusive', fields: ['due_at', 'due_date'] }),
      ]);
      for (const bad of ['2027-02-30', '12/03/2027', '2027-03-12T10:00:00Z', 20270312, ''])
        expect((await t.api('PATCH', url, { due_date: bad })).status, String(bad)).toBe(400);
      expect((await t.api('GET', url)).body.due_date).toBe('2027-03-13');
      const none = await t.api('PATCH', url, { due_date: null });
      expect(none.body).toMatchObject({ due_at: null, due_date: null });
    });

    it('sorts all-day and timed tasks together by due (an all-day one at noon UTC of its day), paging by keyset', async () => {
      const who = await createUser(t);
      const make = async (due: Record<string, string | null>) =>
        (await createTask(t, { assignee_id: who.user_id, ...due })).task_id;
      const late = await make({ due_at: '2027-03-12T18:00:00Z' });
      const allDay = await make({ due_date: '2027-03-12' });
      const none = await make({ due_at: null });
      const early = await make({ due_at: '2027-03-12T08:00:00Z' });
      const dayBefore = await make({ due_date: '2027-03-11' });
      const base = `/api/v1/tasks?assignee_id=${who.user_id}`;
      expect(ids(await t.api('GET', base))).toEqual([none, dayBefore, early, allDay, late]);
      const first = await t.api('GET', `${base}&sort=-due&limit=2`);
      expect(ids(first)).toEqual([late, allDay]);
      const rest = await t.api('GET', `${base}&sort=-due&limit=5&cursor=${first.body.next_cursor}`);
      expect(ids(rest)).toEqual([early, dayBefore, none]);
      // due itself is not shown, nor a filter
      expect(Object.keys((await t.api('GET', `/api/v1/tasks/${late}`)).body)).not.toContain('due');
      expect((await t.api('GET', `${base}&due=2027-03-12T18:00:00Z`)).status).toBe(400);
    });
  });

  describe('reminders: due today or overdue where the user is', () => {
    const remind = (api: typeof t.api, tz: string, at: string) =>
      api('GET', `/api/v1/tasks/reminders?tz=${encodeURIComponent(tz)}&at=${encodeURIComponent(at)}`);

    it('counts an all-day task from the start of its day to ever after, by the user’s midnight (Auckland, Los Angeles)', async () => {
      const me = await t.member('sales');
      const allDay = (await me.api('POST', '/api/v1/tasks', { title: 'All day', due_date: '2027-03-12' }))
        .body;
      // 12 March starts in Auckland (NZDT, UTC+13) at 11:00 UTC on 11 March
      const nz = 'Pacific/Auckland';
      const before = await remind(me.api, nz, '2027-03-11T10:59:59.999Z'); // 11 March 23:59:59.999 there
      expect(before.status).toBe(200);
      expect(before.body).toMatchObject({ today: '2027-03-11', count: 0, data: [] });
      expect(before.body.day_ends_at).toBe('2027-03-11T11:00:00.000Z');
      const dayStarts = await remind(me.api, nz, '2027-03-11T11:00:00.000Z'); // 12 March 00:00 there
      expect(dayStarts.body).toMatchObject({ today: '2027-03-12', count: 1 });
      expect(dayStarts.body.data.map((x: Task) => x.task_id)).toEqual([allDay.task_id]);
      // still due (today) at 23:59:59 on its day, then overdue: in the list either way
      expect((await remind(me.api, nz, '2027-03-12T10:59:59.999Z')).body).toMatchObject({
        today: '2027-03-12',
        count: 1,
      });
      expect((await remind(me.api, nz, '2027-03-12T11:00:00.000Z')).body).toMatchObject({
        today: '2027-03-13',
        count: 1,
      });
      // at that same instant it is still 11 March in Los Angeles (PST, UTC−8): not yet due there
      const la = 'America/Los_Angeles';
      expect((await remind(me.api, la, '2027-03-12T07:59:59.999Z')).body).toMatchObject({
        today: '2027-03-11',
        day_ends_at: '2027-03-12T08:00:00.000Z',
        count: 0,
      });
      expect((await remind(me.api, la, '2027-03-12T08:00:00.000Z')).body).toMatchObject({
        today: '2027-03-12',
        count: 1,
      });
      // done: gone from the reminders
      await me.api('PATCH', `/api/v1/tasks/${allDay.task_id}`, { status: 'done' });
      expect((await remind(me.api, la, '2027-03-20T08:00:00.000Z')).body.count).toBe(0);
    });

    it('counts a timed task on its local day (before its time) and after; only the caller’s open ones', async () => {
      const me = await t.member('manager');
      const other = await t.member('sales');
      // 09:00 on 13 March in Auckland
      const timed = (
        await me.api('POST', '/api/v1/tasks', { title: 'Timed', due_at: '2027-03-13T09:00:00+13:00' })
      ).body;
      await me.api('POST', '/api/v1/tasks', {
        title: 'Theirs',
        due_at: '2027-03-01T09:00:00Z',
        assignee_id: other.user_id,
      });
      await me.api('POST', '/api/v1/tasks', { title: 'Undated' });
      const nz = 'Pacific/Auckland';
      expect((await remind(me.api, nz, '2027-03-12T10:59:59.999Z')).body.count).toBe(0); // 12 March, 23:59 there
      const today = await remind(me.api, nz, '2027-03-12T11:00:00.000Z'); // 13 March, 00:00 there
      expect(today.body.data.map((x: Task) => x.task_id)).toEqual([timed.task_id]);
      // in Los Angeles, 09:00 in Auckland on the 13th is 12:00 on the 12th
      const la = 'America/Los_Angeles';
      expect((await remind(me.api, la, '2027-03-12T07:59:59.999Z')).body.count).toBe(0);
      expect((await remind(me.api, la, '2027-03-12T08:00:00.000Z')).body.count).toBe(1);
      expect((await remind(other.api, la, '2027-03-12T08:00:00.000Z')).body.count).toBe(1);
    });

    it('ends a day when the zone says, across clock changes, and refuses an unknown zone', async () => {
      const me = await t.member('viewer');
      // 14 March 2027 in Los Angeles has 23 hours (summer time from 02:00)
      const dst = await remind(me.api, 'America/Los_Angeles', '2027-03-14T12:00:00Z');
      expect(dst.body).toMatchObject({
        today: '2027-03-14',
        day_ends_at: '2027-03-15T07:00:00.000Z',
        count: 0,
      });
      for (const tz of ['Mars/Olympus', 'Europe/Paris;drop', '', 'x'.repeat(65)]) {
        const res = await remind(me.api, tz, '2027-03-14T12:00:00Z');
        expect(res.status, tz).toBe(400);
      }
      expect((await me.api('GET', '/api/v1/tasks/reminders?tz=UTC&at=yesterday')).status).toBe(400);
      // the day after the last one the databases store (year 10000 was a 500 there)
      for (const at of ['9999-12-31T12:00:00Z', '9999-12-30T00:00:00Z'])
        expect((await remind(me.api, 'Pacific/Kiritimati', at)).status, at).toBe(400);
      expect((await remind(me.api, 'UTC', '9999-12-29T12:00:00Z')).status).toBe(200);
      expect((await me.api('GET', '/api/v1/tasks/reminders?tz=UTC&limit=0')).status).toBe(400);
      expect((await me.api('GET', '/api/v1/tasks/reminders')).status).toBe(400);
      expect((await t.anon('GET', '/api/v1/tasks/reminders?tz=UTC')).status).toBe(401);
      expect((await me.api('GET', '/api/v1/tasks/reminders?tz=Europe/Paris')).status).toBe(200);
    });
  });

  describe('company link', () => {
    it('links a task to a company: in its tasks, filtered by company_id, unlinked when the company goes', async () => {
      const co = await createCompany(t);
      const contact = await createContact(t, { company_id: co.company_id });
      const direct = await createTask(t, { company_id: co.company_id });
      const viaContact = await createTask(t, { contact_id: contact.contact_id });
      const elsewhere = await createTask(t);
      const list = `/api/v1/companies/${co.company_id}/tasks?sort=created_at`;
      expect(ids(await t.api('GET', list))).toEqual([direct.task_id, viaContact.task_id]);
      expect(ids(await t.api('GET', `${list}&company_id=${co.company_id}`))).toEqual([direct.task_id]);
      expect(ids(await t.api('GET', `/api/v1/tasks?company_id=${co.company_id}`))).toEqual([direct.task_id]);
      const missing = await t.api('POST', '/api/v1/tasks', { title: 'x', company_id: 999_999 });
      expect(missing.status).toBe(400);
      expect(missing.body.errors).toEqual([
        expect.objectContaining({ field: 'company_id', code: 'not_found' }),
      ]);
      // the company deleted (its contact with it, and that contact's task): the company's own task stays
      const del = await t.api('DELETE', `/api/v1/companies/${co.company_id}?contacts=delete&tasks=delete`);
      expect(del.status).toBe(204);
      expect((await t.api('GET', `/api/v1/tasks/${direct.task_id}`)).body.company_id).toBeNull();
      expect((await t.api('GET', `/api/v1/tasks/${viaContact.task_id}`)).status).toBe(404);
      expect((await t.api('GET', `/api/v1/tasks/${elsewhere.task_id}`)).status).toBe(200);
    });
  });
});

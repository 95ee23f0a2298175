import { describe, expect, it } from 'vitest';
import type { Task } from '../api/types.js';
import { groupTasks, isLate, taskGroup } from './groups.js';

// Dates are built in local time, as the user sees them, so the test holds in any time zone.
const local = (d: number, h: number, m = 0) => new Date(2026, 2, d, h, m);
let id = 0;
const task = (due: Date | null, status: Task['status'] = 'open', completed: Date | null = null): Task => ({
  task_id: ++id,
  title: `t${id}`,
  opportunity_id: null,
  contact_id: null,
  company_id: null,
  assignee_id: 1,
  due_at: due?.toISOString() ?? null,
  due_date: null,
  status,
  completed_at: completed?.toISOString() ?? null,
  created_at: local(1, 9).toISOString(),
  updated_at: local(1, 9).toISOString(),
  custom_fields: {},
});

describe('taskGroup, by the local calendar day', () => {
  it('just after midnight, yesterday 23:59 is overdue and today 00:00 is today', () => {
    const now = local(15, 0, 1);
    expect(taskGroup(task(local(14, 23, 59)), now)).toBe('overdue');
    expect(taskGroup(task(local(15, 0, 0)), now)).toBe('today');
    expect(taskGroup(task(local(15, 23, 59)), now)).toBe('today');
    expect(taskGroup(task(local(16, 0, 0)), now)).toBe('upcoming');
  });

  it('just before midnight, a task due earlier today is still today (but late), tomorrow 00:00 upcoming', () => {
    const now = local(15, 23, 59);
    const morning = task(local(15, 9));
    expect(taskGroup(morning, now)).toBe('today');
    expect(isLate(morning, now)).toBe(true);
    expect(taskGroup(task(local(16, 0, 0)), now)).toBe('upcoming');
  });

  it('done wins over any date; no due date is upcoming', () => {
    const now = local(15, 12);
    expect(taskGroup(task(local(1, 9), 'done'), now)).toBe('done');
    expect(taskGroup(task(null), now)).toBe('upcoming');
    expect(isLate(task(local(1, 9), 'done'), now)).toBe(false);
  });
});

describe('groupTasks', () => {
  it('sorts each group, puts undated tasks last and lists a task once', () => {
    const now = local(15, 12);
    const undated = task(null);
    const later = task(local(20, 9));
    const sooner = task(local(16, 9));
    const oldDone = task(local(2, 9), 'done', local(3, 9));
    const newDone = task(local(2, 9), 'done', local(14, 9));
    const g = groupTasks([undated, later, sooner, oldDone, newDone, { ...sooner }], now);
    expect(g.upcoming.map((t) => t.task_id)).toEqual([sooner.task_id, later.task_id, undated.task_id]);
    expect(g.done.map((t) => t.task_id)).toEqual([newDone.task_id, oldDone.task_id]);
    expect(g.overdue).toEqual([]);
    expect(g.today).toEqual([]);
  });
});

describe('all-day tasks: due during their local day', () => {
  it('are today all that day, overdue only once it has ended, and sort before that day’s timed tasks', () => {
    const allDay = { ...task(null), due_date: '2026-03-15' };
    expect(taskGroup(allDay, local(14, 23, 59))).toBe('upcoming');
    expect(taskGroup(allDay, local(15, 0, 0))).toBe('today');
    expect(taskGroup(allDay, local(15, 23, 59))).toBe('today');
    expect(isLate(allDay, local(15, 23, 59))).toBe(false);
    expect(taskGroup(allDay, local(16, 0, 0))).toBe('overdue');
    expect(isLate(allDay, local(16, 0, 0))).toBe(true);
    const morning = task(local(15, 8));
    expect(groupTasks([morning, allDay], local(15, 7)).today.map((x) => x.task_id)).toEqual([
      allDay.task_id,
      morning.task_id,
    ]);
  });
});

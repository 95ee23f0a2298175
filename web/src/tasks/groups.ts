import type { Task } from '../api/types.js';

export type TaskGroup = 'overdue' | 'today' | 'upcoming' | 'done';
export const TASK_GROUPS: TaskGroup[] = ['overdue', 'today', 'upcoming', 'done'];

/** The local calendar day of an instant, as a comparable number (20260315): no time zone arithmetic by hand. */
function localDay(d: Date): number {
  return d.getFullYear() * 10_000 + (d.getMonth() + 1) * 100 + d.getDate();
}

/**
 * Which group a task belongs to, by the user's local calendar day: a task due at 09:00 today is still
 * "today" at 15:00 (it shows its time as late), and one due yesterday at 23:59 is overdue at 00:01.
 * A task without a due date is upcoming: it is not late, and it should not be forgotten.
 */
export function taskGroup(task: Pick<Task, 'status' | 'due_at'>, now: Date): TaskGroup {
  if (task.status === 'done') return 'done';
  if (!task.due_at) return 'upcoming';
  const due = localDay(new Date(task.due_at));
  const today = localDay(now);
  if (due < today) return 'overdue';
  if (due === today) return 'today';
  return 'upcoming';
}

const time = (iso: string | null) => (iso ? Date.parse(iso) : Number.POSITIVE_INFINITY);

/**
 * Tasks by group, each in the order a user works through it: open ones by due time (undated last),
 * done ones most recently completed first. A task listed twice (an open page and a done page
 * during a refetch) appears once.
 */
export function groupTasks<T extends Task>(tasks: T[], now: Date): Record<TaskGroup, T[]> {
  const unique = new Map<number, T>();
  for (const t of tasks) unique.set(t.task_id, t);
  const out: Record<TaskGroup, T[]> = { overdue: [], today: [], upcoming: [], done: [] };
  for (const t of unique.values()) out[taskGroup(t, now)].push(t);
  for (const g of ['overdue', 'today', 'upcoming'] as const)
    out[g].sort((a, b) => time(a.due_at) - time(b.due_at) || a.task_id - b.task_id);
  out.done.sort((a, b) => -(time(a.completed_at) - time(b.completed_at)) || b.task_id - a.task_id);
  return out;
}

/** Is this open task past its due time (for a red time on a task due earlier today)? */
export function isLate(task: Pick<Task, 'status' | 'due_at'>, now: Date): boolean {
  return task.status === 'open' && !!task.due_at && Date.parse(task.due_at) < now.getTime();
}

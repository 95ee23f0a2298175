import type { Task } from '../api/types.js';
import { dueDay, isOverdue, localDay } from './due/days.js';

export type TaskGroup = 'overdue' | 'today' | 'upcoming' | 'done';
export const TASK_GROUPS: TaskGroup[] = ['overdue', 'today', 'upcoming', 'done'];

type Due = Pick<Task, 'status' | 'due_at' | 'due_date'>;

/**
 * Which group a task belongs to, by the user's local calendar day: a task due at 09:00 today is still
 * "today" at 15:00 (it shows its time as late), one due yesterday at 23:59 is overdue at 00:01, and an
 * all-day task is "today" until its day ends here. A task without a due date is upcoming: it is not
 * late, and it should not be forgotten.
 */
export function taskGroup(task: Due, now: Date): TaskGroup {
  if (task.status === 'done') return 'done';
  const due = dueDay(task);
  if (!due) return 'upcoming';
  const today = localDay(now);
  if (due < today) return 'overdue';
  if (due === today) return 'today';
  return 'upcoming';
}

/** A sort key within a day: all-day tasks first (start of their day), then by time; undated last. */
const sortKey = (t: Pick<Task, 'due_at' | 'due_date'>) =>
  t.due_date
    ? new Date(`${t.due_date}T00:00:00`).getTime()
    : t.due_at
      ? Date.parse(t.due_at)
      : Number.POSITIVE_INFINITY;
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
    out[g].sort((a, b) => sortKey(a) - sortKey(b) || a.task_id - b.task_id);
  out.done.sort((a, b) => -(time(a.completed_at) - time(b.completed_at)) || b.task_id - a.task_id);
  return out;
}

/** Is this open task past its due time (a red time on a task due earlier today)? */
export const isLate = (task: Due, now: Date) => isOverdue(task, now);

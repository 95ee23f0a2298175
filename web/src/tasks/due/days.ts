// When a task is due, by the user's local calendar day: what every task list needs (the form's
// parsing and presets are in due.ts, loaded with the form).

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar day of an instant (YYYY-MM-DD), in the browser's time zone. */
export function localDay(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `isoDay` plus `n` days. */
export function addDays(isoDay: string, n: number): string {
  const [y, m, d] = isoDay.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Is an open task late? An all-day one once its day is over here, a timed one once its time has passed. */
export function isOverdue(
  task: { status: string; due_at: string | null; due_date: string | null },
  now: Date,
): boolean {
  if (task.status !== 'open') return false;
  if (task.due_date) return task.due_date < localDay(now);
  return !!task.due_at && Date.parse(task.due_at) < now.getTime();
}

/** The local day a task is due on, or null. */
export function dueDay(task: { due_at: string | null; due_date: string | null }): string | null {
  return task.due_date ?? (task.due_at ? localDay(new Date(task.due_at)) : null);
}

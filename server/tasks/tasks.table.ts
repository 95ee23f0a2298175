import type { Id, Timestamp } from '../db/column-types.js';

export interface TasksTable {
  task_id: Id;
  title: string;
  opportunity_id: number | null;
  contact_id: number | null;
  company_id: number | null;
  assignee_id: number | null;
  /** a timed task's instant; null for an all-day task (due_date) */
  due_at: Timestamp | null;
  /** an all-day task's day */
  due_date: string | null;
  /** the sort key: due_at, or noon UTC of due_date (tasks.resource.ts) */
  due: Timestamp | null;
  status: string;
  completed_at: Timestamp | null;
  search_text: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

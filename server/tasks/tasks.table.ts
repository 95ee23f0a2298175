import type { Id, Timestamp } from '../db/column-types.js';

export interface TasksTable {
  task_id: Id;
  title: string;
  opportunity_id: number | null;
  contact_id: number | null;
  assignee_id: number | null;
  due_at: Timestamp | null;
  status: string;
  completed_at: Timestamp | null;
  search_text: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

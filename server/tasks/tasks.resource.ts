import type { ResourceDef, Values } from '../crud/resource.js';
import { timestampParam } from '../db/dialect.js';
import { searchText } from '../lib/text.js';

export const tasks: ResourceDef = {
  path: 'tasks',
  table: 'tasks',
  idColumn: 'task_id',
  label: 'task',
  fields: {
    task_id: 'id',
    title: 'text',
    opportunity_id: 'id',
    contact_id: 'id',
    assignee_id: 'user',
    due_at: 'timestamp',
    status: 'text',
    completed_at: 'timestamp',
    created_at: 'timestamp',
    updated_at: 'timestamp',
  },
  // status is not required: a new task defaults to open (prepare); the schema refuses null on update
  required: ['title'],
  sortable: ['due_at', 'status', 'title', 'completed_at', 'created_at', 'updated_at'],
  defaultSort: 'due_at',
  search: { joins: [] },
  relations: [
    { field: 'opportunity_id', table: 'opportunities', idColumn: 'opportunity_id', label: 'opportunity' },
    { field: 'contact_id', table: 'contacts', idColumn: 'contact_id', label: 'contact' },
    { field: 'assignee_id', table: 'users', idColumn: 'user_id', label: 'user' },
  ],
  references: [],
  // the assignee: defaults to the caller, and sales change only their own tasks
  ownerField: 'assignee_id',
  prepare(values, existing, { dialect }) {
    const out: Values = { ...values };
    if (existing === null) out.status ??= 'open';
    // completed_at records when the task was done; reopening clears it
    if (out.status === 'done' && existing?.status !== 'done')
      out.completed_at = timestampParam(dialect, new Date().toISOString());
    if (out.status === 'open' && existing?.status !== 'open') out.completed_at = null;
    if ('title' in values) out.search_text = searchText([values.title as string]);
    return out;
  },
};

import type { ResourceDef } from '../crud/resource.js';

/** Read through the API here; written by the user-management routes (issue 3). */
export const users: ResourceDef = {
  path: 'users',
  table: 'users',
  idColumn: 'user_id',
  label: 'user',
  fields: {
    user_id: 'id',
    email: 'text',
    name: 'text',
    role: 'text',
    active: 'bool',
    locale: 'text',
    created_at: 'timestamp',
    updated_at: 'timestamp',
  },
  sortable: ['name', 'email', 'role', 'created_at'],
  defaultSort: 'name',
  search: { joins: [] },
  relations: [],
  references: [
    { resource: 'companies', table: 'companies', column: 'owner_id' },
    { resource: 'contacts', table: 'contacts', column: 'owner_id' },
    { resource: 'opportunities', table: 'opportunities', column: 'owner_id' },
    { resource: 'interactions', table: 'interactions', column: 'user_id' },
    { resource: 'tasks', table: 'tasks', column: 'assignee_id' },
  ],
};

import type { ResourceDef } from '../crud/resource.js';

export const interactions: ResourceDef = {
  path: 'interactions',
  table: 'interactions',
  idColumn: 'interaction_id',
  label: 'interaction',
  fields: {
    interaction_id: 'id',
    contact_id: 'id',
    interaction_type: 'text',
    interaction_date: 'timestamp',
    notes: 'text',
    opportunity_id: 'id',
    user_id: 'user',
    created_at: 'timestamp',
  },
  required: ['contact_id', 'interaction_type', 'interaction_date'],
  sortable: ['interaction_date', 'interaction_type', 'created_at'],
  defaultSort: '-interaction_date',
  relations: [
    { field: 'contact_id', table: 'contacts', idColumn: 'contact_id', label: 'contact' },
    { field: 'opportunity_id', table: 'opportunities', idColumn: 'opportunity_id', label: 'opportunity' },
    { field: 'user_id', table: 'users', idColumn: 'user_id', label: 'user' },
  ],
  references: [],
  timestamps: 'created',
  // the author: defaults to the caller, and sales change only their own interactions
  ownerField: 'user_id',
};

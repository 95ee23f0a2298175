import type { ResourceDef } from '../crud/resource.js';
import { nameKey, searchText } from '../lib/text.js';

export const companies: ResourceDef = {
  path: 'companies',
  table: 'companies',
  idColumn: 'company_id',
  label: 'company',
  fields: {
    company_id: 'id',
    company_name: 'text',
    industry: 'text',
    website: 'text',
    owner_id: 'user',
    created_at: 'timestamp',
    updated_at: 'timestamp',
  },
  required: ['company_name'],
  filterKeys: { company_name: { column: 'name_key', key: nameKey } },
  sortable: ['company_name', 'industry', 'created_at', 'updated_at'],
  sortKeys: { company_name: 'name_key' },
  defaultSort: 'company_name',
  search: { joins: [], names: ['name_key'] },
  ownerField: 'owner_id',
  relations: [{ field: 'owner_id', table: 'users', idColumn: 'user_id', label: 'user' }],
  references: [
    { resource: 'contacts', table: 'contacts', column: 'company_id' },
    { resource: 'opportunities', table: 'opportunities', column: 'company_id' },
  ],
  prepare(values) {
    if (!('company_name' in values)) return values;
    const name = values.company_name as string;
    return { ...values, name_key: nameKey(name), search_text: searchText([name]) };
  },
};

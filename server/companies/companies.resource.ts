import { COMPANY_FIELDS } from '../../shared/record-fields.js';
import { fromFields, type ResourceDef } from '../crud/resource.js';
import { customFilter } from '../custom-fields/filters.js';
import { customWords } from '../custom-fields/record-values.js';
import { nameKey, searchText } from '../lib/text.js';

/** the fields whose words `q` finds */
const SEARCHED = ['company_name', 'city', 'domain'];
/** besides, the words of its custom values */
const CUSTOM = 'custom_fields';

export const companies: ResourceDef = {
  path: 'companies',
  table: 'companies',
  idColumn: 'company_id',
  label: 'company',
  extraFilters: [customFilter],
  ...fromFields(COMPANY_FIELDS),
  filterKeys: { company_name: { column: 'name_key', key: nameKey } },
  sortKeys: { company_name: 'name_key' },
  defaultSort: 'company_name',
  search: { joins: [], names: ['name_key'] },
  ownerField: 'owner_id',
  relations: [{ field: 'owner_id', table: 'users', idColumn: 'user_id', label: 'user' }],
  references: [
    { resource: 'contacts', table: 'contacts', column: 'company_id' },
    { resource: 'opportunities', table: 'opportunities', column: 'company_id' },
  ],
  async prepare(values, existing, ctx) {
    const out = { ...values };
    // a domain name is one whatever its case: kept in lower case, as it is searched and compared
    if (typeof values.domain === 'string') out.domain = values.domain.toLowerCase();
    if ('company_name' in values) out.name_key = nameKey(values.company_name as string);
    if (existing === null || [...SEARCHED, CUSTOM].some((f) => f in values)) {
      const merged = { ...(existing ?? {}), ...out };
      out.search_text = searchText([
        ...SEARCHED.map((f) => merged[f] as string | null),
        ...(await customWords(ctx.trx, companies, merged[CUSTOM])),
      ]);
    }
    return out;
  },
};

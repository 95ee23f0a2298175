// The definitions' writes (admins): each refreshes the entity's definitions and its records
// (their forms, columns and filters follow the definitions).
import { useQueryClient } from '@tanstack/react-query';
import type { CustomFieldCreate, CustomFieldUpdate } from '../../../../shared/custom-fields.js';
import { api } from '../../api/client.js';
import { type CustomField, type CustomFieldEntity, cfQueryKey } from '../../fields/customFields.js';

/** the records' list and pages an entity's definitions show on */
const RECORDS: Record<CustomFieldEntity, string> = {
  contacts: 'contacts',
  companies: 'companies',
  opportunities: 'opportunities',
  tasks: 'tasks',
};

export function useFieldChanges(entity: CustomFieldEntity) {
  const qc = useQueryClient();
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: cfQueryKey(entity) }),
      qc.invalidateQueries({ queryKey: [RECORDS[entity]] }),
    ]);
  return {
    create: async (body: CustomFieldCreate) => {
      const f = await api<CustomField>('POST', '/custom-fields', body);
      await refresh();
      return f;
    },
    update: async (id: number, body: CustomFieldUpdate) => {
      const f = await api<CustomField>('PATCH', `/custom-fields/${id}`, body);
      await refresh();
      return f;
    },
    /** shows the new order at once, then asks the server (and shows its order if it refused) */
    reorder: async (fields: CustomField[]) => {
      qc.setQueryData(cfQueryKey(entity), { data: fields });
      try {
        await api('POST', '/custom-fields/reorder', { entity, ids: fields.map((f) => f.field_id) });
      } finally {
        await refresh();
      }
    },
    /** deletes once the key is typed; without it, the server says how many records hold a value */
    remove: async (field: CustomField, confirm?: string) => {
      const q = confirm === undefined ? '' : `?confirm=${encodeURIComponent(confirm)}`;
      await api('DELETE', `/custom-fields/${field.field_id}${q}`);
      await refresh();
    },
  };
}

/** A label as a key: lower case, accents dropped, words joined by `_`, a letter first, 40 at most. */
export function keyFromLabel(label: string): string {
  const words = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const key = /^[a-z]/.test(words) ? words : words ? `f_${words}` : '';
  return key.slice(0, 40).replace(/_+$/, '');
}

/** Moves one item of a list from one place to another (a drag, or an arrow button). */
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  const [item] = out.splice(from, 1);
  if (item !== undefined) out.splice(to, 0, item);
  return out;
}

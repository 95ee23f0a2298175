// The rows of custom_values (migration 0020) that index one record's custom fields: what lists
// filter and sort on. Texts by their folded start (the order names sort in), dates and instants as
// ISO text (which sorts as time does), options by their stable ID (a renamed option keeps its rows),
// numbers, amounts, booleans and users as numbers. A multi-select has a row per chosen option.
import { type CustomField, findOption } from '../../shared/custom-fields.js';
import { nameKey } from '../lib/text.js';

// a type, not an interface: a row the generic inserts take (Record<string, unknown>)
export type IndexRow = {
  field_id: number;
  record_id: number;
  value_text: string | null;
  value_num: number | null;
};

/** The indexed form of one value: its text key or its number; null when it is not indexed. */
export function indexKey(field: Pick<CustomField, 'type' | 'options'>, value: unknown) {
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case 'number':
    case 'money':
    case 'user':
      return { value_num: Number(value), value_text: null };
    case 'boolean':
      return { value_num: value ? 1 : 0, value_text: null };
    case 'date':
    case 'datetime':
      return { value_text: String(value), value_num: null };
    case 'select': {
      const o = findOption(field.options, String(value));
      return o ? { value_text: o.id, value_num: null } : null;
    }
    case 'multi_select':
      return null; // one row an option: indexRows
    default: {
      const k = nameKey(String(value));
      return k === null ? null : { value_text: k, value_num: null };
    }
  }
}

export function indexRows(
  fields: CustomField[],
  recordId: number,
  values: Record<string, unknown>,
): IndexRow[] {
  const rows: IndexRow[] = [];
  for (const f of fields) {
    const v = values[f.key];
    if (v === null || v === undefined) continue;
    if (f.type === 'multi_select') {
      for (const label of Array.isArray(v) ? v : []) {
        const o = findOption(f.options, String(label));
        if (o) rows.push({ field_id: f.field_id, record_id: recordId, value_text: o.id, value_num: null });
      }
      continue;
    }
    const k = indexKey(f, v);
    if (k) rows.push({ field_id: f.field_id, record_id: recordId, ...k });
  }
  return rows;
}

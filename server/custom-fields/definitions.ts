// Reading custom field definitions (custom_field_defs, migration 0020) as the API shows them. Every
// request that reads or writes a record with custom fields loads its entity's definitions afresh:
// one indexed query, and no cache to go stale when several instances serve one database.
import type { CustomField, CustomFieldEntity, CustomFieldOption } from '../../shared/custom-fields.js';
import { readValue } from '../crud/convert.js';
import type { LooseDb, Row } from '../crud/resource.js';

export function fieldFromRow(r: Row): CustomField {
  return {
    field_id: Number(r.field_id),
    entity: r.entity as CustomFieldEntity,
    key: String(r.field_key),
    label: { fr: String(r.label_fr), en: String(r.label_en) },
    type: r.type as CustomField['type'],
    options: readValue('list', r.options) as CustomFieldOption[],
    required: readValue('bool', r.required) as boolean,
    default:
      r.default_value === null || r.default_value === undefined ? null : JSON.parse(String(r.default_value)),
    position: Number(r.position),
    created_at: readValue('timestamp', r.created_at) as string,
    updated_at: readValue('timestamp', r.updated_at) as string,
  };
}

/** An entity's definitions, in their order (position, then creation). */
export async function loadFields(db: LooseDb, entity: CustomFieldEntity): Promise<CustomField[]> {
  const rows = (await db
    .selectFrom('custom_field_defs')
    .selectAll()
    .where('entity', '=', entity)
    .orderBy('position')
    .orderBy('field_id')
    .execute()) as Row[];
  return rows.map(fieldFromRow);
}

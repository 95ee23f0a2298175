// Custom field definitions for tests that are not about defining them: written straight into
// custom_field_defs (server/custom-fields/definitions.ts reads them as the API does).
import type { CustomFieldType } from '../../shared/custom-fields.js';
import type { TestContext } from './harness.js';

const now = () => new Date().toISOString().replace('T', ' ').replace('Z', '');

export async function define(
  t: TestContext,
  entity: string,
  key: string,
  type: CustomFieldType,
  extra: { options?: string[]; required?: boolean; default?: unknown } = {},
) {
  const stamp = t.db.dialect === 'postgres' ? new Date().toISOString() : now();
  const options = (extra.options ?? []).map((label, i) => ({ id: `o${i + 1}`, label, color: 'blue' }));
  await t.db.kysely
    .insertInto('custom_field_defs')
    .values({
      entity,
      field_key: key,
      label_fr: key,
      label_en: key,
      type,
      options: JSON.stringify(options),
      required: t.db.dialect === 'sqlite' ? (extra.required ? 1 : 0) : Boolean(extra.required),
      default_value: extra.default === undefined ? null : JSON.stringify(extra.default),
      position: 0,
      created_at: stamp,
      updated_at: stamp,
    })
    .execute();
}

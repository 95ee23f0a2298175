import type { Id } from '../db/column-types.js';

/** A custom field's definition (migration 0020, server/custom-fields/definitions.ts). */
export interface CustomFieldDefsTable {
  field_id: Id;
  entity: string;
  field_key: string;
  label_fr: string;
  label_en: string;
  type: string;
  /** JSON: [{ id, label, color }] */
  options: string;
  required: boolean | number;
  /** JSON of the default value, or null */
  default_value: string | null;
  position: number;
  created_at: string | Date;
  updated_at: string | Date;
}

/** The index of the records' custom values (server/custom-fields/index-rows.ts). */
export interface CustomValuesTable {
  field_id: number;
  record_id: number;
  value_text: string | null;
  value_num: string | number | null;
}

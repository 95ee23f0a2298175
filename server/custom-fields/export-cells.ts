// Custom fields in exports (ADR 013): a CSV column each, after the record's own, headed by the key
// (`cf.segment`, the technical layout, which the importer maps back by itself) or the label in the
// export's language; and X-CARNET-<KEY> lines in a vCard. Values as the importer reads them back:
// dates and instants in ISO 8601, amounts and numbers as numbers, booleans as true/false, a
// multi-select's labels joined by "; ".
import type { CustomField } from '../../shared/custom-fields.js';

export function customCell(f: Pick<CustomField, 'type'>, value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.join('; ');
  if (f.type === 'money') return Number(value).toFixed(2);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

/** A vCard property name for a key: X-CARNET- and the key in capitals, underscores as hyphens. */
export const vcardProperty = (key: string) => `X-CARNET-${key.toUpperCase().replace(/_/g, '-')}`;

import type { Column } from '../records/columns.js';
import { CustomValue } from './CustomValues.js';
import { type CfValues, type CustomField, cfLabel, cfParam, isRange, isSortable } from './customFields.js';

/**
 * A column per custom field for the record kit's tables, offered by the column chooser and hidden
 * until picked (`cf.<key>`, as a saved view names it); sorted by the API (`sort=cf.<key>`) for the
 * types it sorts, numbers and dates biggest or latest first.
 */
export function customColumns<T>(fields: readonly CustomField[]): Column<T>[] {
  return fields.map((f) => {
    const numeric = f.type === 'number' || f.type === 'money';
    return {
      key: cfParam(f.key),
      label: cfLabel(f),
      cell: (row: T) => (
        <CustomValue field={f} value={(row as { custom_fields?: CfValues | null }).custom_fields?.[f.key]} />
      ),
      sort: isSortable(f.type) ? cfParam(f.key) : undefined,
      descFirst: isRange(f.type) ? true : undefined,
      align: numeric ? 'right' : undefined,
      optional: true,
    };
  });
}

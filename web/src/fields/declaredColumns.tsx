import type { Column } from '../records/columns.js';
import { DeclaredValue } from './DeclaredValues.js';
import { declaredLabel, type RecordResource, specOf } from './declared.js';

/**
 * Columns of the record kit's tables for declared fields (shared/record-fields.ts), offered by the
 * column chooser and hidden until picked: their label, their value as the detail page shows it,
 * sorting where the API sorts them (numbers and dates biggest or latest first).
 */
export function declaredColumns<T extends object>(
  resource: RecordResource,
  names: readonly string[],
): Column<T>[] {
  return names.map((name) => {
    const spec = specOf(resource, name);
    const numeric = spec.kind === 'int' || spec.kind === 'money';
    return {
      key: name,
      label: declaredLabel(resource, name) ?? name,
      cell: (row: T) => (
        <DeclaredValue resource={resource} name={name} value={(row as Record<string, unknown>)[name]} />
      ),
      sort: spec.sortable ? name : undefined,
      descFirst: numeric || spec.kind === 'date' ? true : undefined,
      align: numeric ? 'right' : undefined,
      optional: true,
    };
  });
}

import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { descending } from './sort.js';
import { NS } from './strings.js';

export interface SortField {
  /** the API's sort value, ascending (`last_name,first_name`) */
  field: string;
  label: string;
}

/**
 * The list's order where there are no column headers to click (cards on a phone): each sortable
 * field, ascending and descending. A native select: the phone's own picker, and no extra code.
 */
export function SortSelect({
  fields,
  sort,
  onSort,
}: {
  fields: SortField[];
  /** the list's effective sort */
  sort: string;
  onSort: (sort: string) => void;
}) {
  const { t } = useTranslation(NS);
  const data = fields.flatMap(({ field, label }) => [
    { value: field, label: t('sortAscending', { column: label }) },
    { value: descending(field), label: t('sortDescending', { column: label }) },
  ]);
  // an order from a shared link that no choice names is still shown, not silently replaced
  if (!data.some((d) => d.value === sort)) data.unshift({ value: sort, label: t('sortCurrent') });
  return (
    <NativeSelect
      label={t('sort')}
      data={data}
      value={sort}
      onChange={(e) => onSort(e.currentTarget.value)}
      style={{ flex: 1, minWidth: 0 }}
    />
  );
}

import { Checkbox, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowsSort, IconArrowUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Column } from './columns.js';
import { descending } from './sort.js';
import { NS } from './strings.js';

/** Ticked rows, kept with their data (useSelection), and how a row is named to screen readers. */
export interface TableSelection<T> {
  selected: Map<number, T>;
  onToggle: (row: T, on: boolean) => void;
  onToggleAll: (on: boolean) => void;
  labelOf: (row: T) => string;
}

/**
 * A column header that sorts the list by its column (then the other way on a second click).
 * The button makes it reachable by keyboard; aria-sort tells screen readers the current order.
 */
export function SortableTh<T>({
  column,
  sort,
  onSort,
}: {
  column: Column<T> & { sort: string };
  /** the list's effective sort (the API's default when the user chose none) */
  sort: string;
  onSort: (sort: string) => void;
}) {
  const { t } = useTranslation(NS);
  const { label, sort: field, descFirst, align } = column;
  const dir = sort === field ? 'ascending' : sort === descending(field) ? 'descending' : 'none';
  const Icon = dir === 'ascending' ? IconArrowUp : dir === 'descending' ? IconArrowDown : IconArrowsSort;
  const next =
    dir === 'ascending'
      ? descending(field)
      : dir === 'descending'
        ? field
        : descFirst
          ? descending(field)
          : field;
  return (
    <Table.Th aria-sort={dir} style={{ textAlign: align }}>
      <UnstyledButton onClick={() => onSort(next)} title={t('listSortBy', { column: label })}>
        <Group gap={4} wrap="nowrap" justify={align === 'right' ? 'flex-end' : undefined}>
          <Text fw={700} size="sm">
            {label}
          </Text>
          <Icon size={14} aria-hidden opacity={dir === 'none' ? 0.4 : 1} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

/**
 * A list of records as a table: the columns given (already chosen and ordered, useColumns), sorted
 * by their headers, with a checkbox a row when the list has bulk actions. On a narrow screen it
 * scrolls sideways inside its own box, never the whole page.
 */
export function RecordTable<T>({
  rows,
  columns,
  rowKey,
  sort,
  onSort,
  selection,
}: {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => number;
  sort: string;
  onSort: (sort: string) => void;
  selection?: TableSelection<T>;
}) {
  const { t } = useTranslation(NS);
  const ticked = selection ? rows.filter((r) => selection.selected.has(rowKey(r))).length : 0;
  // about 120 px a column: below that the table scrolls rather than squeezing its cells
  const minWidth = columns.length * 120 + (selection ? 40 : 0);
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            {selection && (
              <Table.Th w={40}>
                <Checkbox
                  aria-label={t('listSelectAll')}
                  checked={ticked > 0 && ticked === rows.length}
                  indeterminate={ticked > 0 && ticked < rows.length}
                  onChange={(e) => selection.onToggleAll(e.currentTarget.checked)}
                />
              </Table.Th>
            )}
            {columns.map((c) =>
              c.sort ? (
                <SortableTh key={c.key} column={{ ...c, sort: c.sort }} sort={sort} onSort={onSort} />
              ) : (
                <Table.Th key={c.key} style={{ textAlign: c.align }}>
                  {c.label}
                </Table.Th>
              ),
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => {
            const on = selection?.selected.has(rowKey(r)) ?? false;
            return (
              <Table.Tr key={rowKey(r)} bg={on ? 'var(--mantine-primary-color-light)' : undefined}>
                {selection && (
                  <Table.Td>
                    <Checkbox
                      aria-label={t('listSelectRow', { name: selection.labelOf(r) })}
                      checked={on}
                      onChange={(e) => selection.onToggle(r, e.currentTarget.checked)}
                    />
                  </Table.Td>
                )}
                {columns.map((c) => (
                  <Table.Td
                    key={c.key}
                    style={{ textAlign: c.align, whiteSpace: c.nowrap ? 'nowrap' : undefined }}
                  >
                    {c.cell(r)}
                  </Table.Td>
                ))}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

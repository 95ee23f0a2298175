import { Group } from '@mantine/core';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import type { ComponentProps, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../api/types.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { CardList, RecordCard, SelectAll } from './CardList.js';
import { ColumnChooser } from './ColumnChooser.js';
import { type Column, useColumns } from './columns.js';
import { LoadMore } from './ListControls.js';
import { RecordTable, type TableSelection } from './RecordTable.js';
import { NS } from './strings.js';
import { usePhone } from './usePhone.js';

/** A card's content; the list adds the checkbox. */
export type CardProps = Omit<ComponentProps<typeof RecordCard>, 'selection'>;

/**
 * The body of a list page: loading, the error with a retry, the empty message, or the rows (as
 * `children` lays them out) and "load more" (keyset pages, so a million rows cost one at a time).
 */
export function RecordList<T>({
  list,
  empty,
  children,
}: {
  list: UseInfiniteQueryResult<InfiniteData<Page<T>>>;
  empty: string;
  children: (rows: T[]) => ReactNode;
}) {
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  if (list.isLoading) return <Loading />;
  if (list.error) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  if (rows.length === 0) return <Empty>{empty}</Empty>;
  return (
    <div>
      {children(rows)}
      <LoadMore
        shown={rows.length}
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onMore={() => void list.fetchNextPage()}
      />
    </div>
  );
}

/**
 * Rows as a table with the user's columns on a wide screen, as cards below 600 px (where the
 * columns are the card's own fields and there is no header to sort by: FilterPanel's sort does).
 */
export function RecordView<T>({
  name,
  label,
  rows,
  columns,
  rowKey,
  sort,
  onSort,
  card,
  selection,
}: {
  /** the list's name, under which its columns are remembered (`contacts`) */
  name: string;
  /** the cards' accessible name */
  label: string;
  rows: T[];
  /** every column the list offers, as declared */
  columns: Column<T>[];
  rowKey: (row: T) => number;
  sort: string;
  onSort: (sort: string) => void;
  card: (row: T) => CardProps;
  selection?: TableSelection<T>;
}) {
  const phone = usePhone();
  const cols = useColumns(name, columns);
  if (phone)
    return <RecordCards label={label} rows={rows} rowKey={rowKey} card={card} selection={selection} />;
  return (
    <>
      <Group justify="flex-end" mb="xs">
        <ColumnChooser
          columns={columns}
          choice={cols.choice}
          onChange={cols.setChoice}
          onReset={cols.reset}
        />
      </Group>
      <RecordTable
        rows={rows}
        columns={cols.shown}
        rowKey={rowKey}
        sort={sort}
        onSort={onSort}
        selection={selection}
      />
    </>
  );
}

/** Rows as cards (a phone's list), with "select all" above them when the list has bulk actions. */
export function RecordCards<T>({
  label,
  rows,
  rowKey,
  card,
  selection,
}: {
  label: string;
  rows: T[];
  rowKey: (row: T) => number;
  card: (row: T) => CardProps;
  selection?: TableSelection<T>;
}) {
  const { t } = useTranslation(NS);
  const ticked = selection ? rows.filter((r) => selection.selected.has(rowKey(r))).length : 0;
  return (
    <>
      {selection && <SelectAll ticked={ticked} total={rows.length} onChange={selection.onToggleAll} />}
      <CardList label={label}>
        {rows.map((r) => (
          <RecordCard
            key={rowKey(r)}
            {...card(r)}
            selection={
              selection && {
                selected: selection.selected.has(rowKey(r)),
                onChange: (on) => selection.onToggle(r, on),
                label: t('listSelectRow', { name: selection.labelOf(r) }),
              }
            }
          />
        ))}
      </CardList>
    </>
  );
}

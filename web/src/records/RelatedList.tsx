import { Button, Stack, Text } from '@mantine/core';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../api/types.js';
import { ErrorState, Loading } from '../components/states.js';

/**
 * The records linked to the one a page shows (a company's contacts, a contact's deals), a page
 * at a time: a large account may have thousands.
 */
export function RelatedList<T>({
  list,
  empty,
  rowKey,
  children,
}: {
  list: UseInfiniteQueryResult<InfiniteData<Page<T>>>;
  empty: string;
  rowKey: (row: T) => number;
  /** one row, as a line of the section */
  children: (row: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (list.isLoading) return <Loading />;
  if (list.error) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  return (
    <Stack gap="xs">
      {rows.map((r) => (
        <div key={rowKey(r)}>{children(r)}</div>
      ))}
      {list.hasNextPage && (
        <Button
          size="xs"
          variant="subtle"
          onClick={() => void list.fetchNextPage()}
          loading={list.isFetchingNextPage}
        >
          {t('loadMore')}
        </Button>
      )}
    </Stack>
  );
}

import { Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrency, useList } from '../../api/queries.js';
import type { Opportunity } from '../../api/types.js';
import { ErrorState, Loading } from '../../components/states.js';
import { money } from '../../lib/format.js';

/** The opportunities of a contact or a company (`filter` is the API filter), newest first. */
export function RelatedOpportunities({ filter, empty }: { filter: Record<string, number>; empty: string }) {
  const { t: tc } = useTranslation();
  const currency = useCurrency();
  const list = useList<Opportunity>('opportunities', { ...filter, sort: '-created_at', limit: 10 });
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
      {rows.map((o) => (
        <Group key={o.opportunity_id} justify="space-between" wrap="nowrap" gap="xs">
          <Anchor component={Link} to={`/opportunities/${o.opportunity_id}`} size="sm" lineClamp={1}>
            {o.opportunity_name ?? `#${o.opportunity_id}`}
          </Anchor>
          <Group gap={6} wrap="nowrap">
            <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
              {money(o.deal_value, currency)}
            </Text>
            {o.stage && (
              <Badge variant="light" size="sm">
                {o.stage}
              </Badge>
            )}
          </Group>
        </Group>
      ))}
      {list.hasNextPage && (
        <Button
          size="xs"
          variant="subtle"
          onClick={() => void list.fetchNextPage()}
          loading={list.isFetchingNextPage}
        >
          {tc('loadMore')}
        </Button>
      )}
    </Stack>
  );
}

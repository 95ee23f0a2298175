import { Anchor, Badge, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useCurrency, useList } from '../api/queries.js';
import type { Opportunity } from '../api/types.js';
import { money } from '../lib/format.js';
import { RelatedList } from '../records/RelatedList.js';

/** The opportunities of a contact or a company (`filter` is the API filter), newest first. */
export function RelatedOpportunities({ filter, empty }: { filter: Record<string, number>; empty: string }) {
  const currency = useCurrency();
  const list = useList<Opportunity>('opportunities', { ...filter, sort: '-created_at', limit: 10 });
  return (
    <RelatedList list={list} empty={empty} rowKey={(o) => o.opportunity_id}>
      {(o) => (
        <Group justify="space-between" wrap="nowrap" gap="xs">
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
      )}
    </RelatedList>
  );
}

import { Anchor, Badge, Button, Center, Table, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowsSort, IconArrowUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrency, useList } from '../api/queries.js';
import type { Opportunity } from '../api/types.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { useUserName } from '../components/UserSelect.js';
import { date, money } from '../lib/format.js';
import { usePhone } from '../records/usePhone.js';
import { useOpportunityParams } from './filters.js';
import { OpportunityCards } from './OpportunityCards.js';

const PAGE = 50;

/** A sortable column header: the button says what it does, the th says the current order (aria-sort). */
function SortHeader({ field, label, align }: { field: string; label: string; align?: 'right' }) {
  const { sort, update } = useOpportunityParams();
  const current = sort === field ? 'ascending' : sort === `-${field}` ? 'descending' : undefined;
  const Icon =
    current === 'ascending' ? IconArrowUp : current === 'descending' ? IconArrowDown : IconArrowsSort;
  // a first click sorts amounts and dates biggest/latest first, which is what one usually wants
  const next = current === 'descending' ? field : `-${field}`;
  return (
    <Table.Th aria-sort={current ?? 'none'} style={{ textAlign: align }}>
      <UnstyledButton
        onClick={() => update({ sort: next })}
        fw={700}
        fz="sm"
        style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
      >
        {label}
        <Icon size={14} aria-hidden />
      </UnstyledButton>
    </Table.Th>
  );
}

/**
 * The table view: every matching deal, sorted on the server, in keyset pages of 50; cards on a
 * phone (the order is then chosen beside the filters, FilterBar).
 */
export function OpportunitiesTable() {
  const { t } = useTranslation('opportunities');
  const { t: tc } = useTranslation('common');
  const currency = useCurrency();
  const userName = useUserName();
  const { filters, stage, sort } = useOpportunityParams();
  const list = useList<Opportunity>('opportunities', { ...filters, stage, sort, limit: PAGE });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const phone = usePhone();

  if (list.isLoading) return <Loading />;
  if (list.error) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  if (rows.length === 0) return <Empty>{t('noOpportunities')}</Empty>;
  return (
    <>
      {phone ? (
        <OpportunityCards rows={rows} />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <SortHeader field="opportunity_name" label={t('name')} />
                <SortHeader field="stage" label={t('stage')} />
                <SortHeader field="deal_value" label={t('valueShort')} align="right" />
                <SortHeader field="expected_close_date" label={t('expectedClose')} />
                <Table.Th>{t('owner')}</Table.Th>
                <SortHeader field="created_at" label={t('createdAt')} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((o) => (
                <Table.Tr key={o.opportunity_id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/opportunities/${o.opportunity_id}`} fw={500}>
                      {o.opportunity_name ?? `#${o.opportunity_id}`}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color="gray" style={{ textTransform: 'none' }}>
                      {o.stage}
                    </Badge>
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                    {money(o.deal_value, currency)}
                  </Table.Td>
                  <Table.Td>{date(o.expected_close_date)}</Table.Td>
                  <Table.Td>{userName(o.owner_id)}</Table.Td>
                  <Table.Td>{date(o.created_at)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.hasNextPage && (
        <Center mt="md">
          <Button variant="light" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
            {tc('loadMore')}
          </Button>
        </Center>
      )}
    </>
  );
}

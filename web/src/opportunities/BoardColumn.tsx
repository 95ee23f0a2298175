import { useDroppable } from '@dnd-kit/core';
import { Badge, Button, Group, Paper, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrency } from '../api/queries.js';
import type { Opportunity, PipelineRow, PipelineStage } from '../api/types.js';
import { ErrorState, Loading } from '../components/states.js';
import { money } from '../lib/format.js';
import { OpportunityCard } from './OpportunityCard.js';
import { type OpportunityFilters, useColumn } from './queries.js';

interface Props {
  stage: PipelineStage;
  stats: PipelineRow | undefined;
  filters: OpportunityFilters;
  stageNames: string[];
  canMove: (o: Opportunity) => boolean;
  onMove: (opportunity: Opportunity, to: string, control: 'handle' | 'stage') => void;
}

/** One stage: its totals (from the server, over every matching deal) and its first cards. */
export function BoardColumn({ stage, stats, filters, stageNames, canMove, onMove }: Props) {
  const { t } = useTranslation('opportunities');
  const currency = useCurrency();
  const headingId = useId();
  const column = useColumn(filters, stage.name);
  const { setNodeRef, isOver } = useDroppable({ id: stage.name, data: { stage } });
  const cards = column.data?.pages.flatMap((p) => p.data) ?? [];
  const color = stage.kind === 'won' ? 'green' : stage.kind === 'lost' ? 'red' : 'indigo';

  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      ref={setNodeRef}
      withBorder
      p="xs"
      style={{
        flex: '1 0 230px',
        maxWidth: 320,
        display: 'flex',
        flexDirection: 'column',
        background: isOver
          ? 'var(--mantine-primary-color-light)'
          : 'light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-6))',
      }}
      data-stage={stage.name}
    >
      <Stack gap={2} mb="xs">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Title order={2} size="h5" id={headingId}>
            {stage.name}
          </Title>
          <Badge variant="light" color={color}>
            <span aria-hidden>{stats?.count ?? '…'}</span>
            {stats && <VisuallyHidden>{t('columnStats', { count: stats.count })}</VisuallyHidden>}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {t('probability', { value: stage.probability })}
        </Text>
        <Group gap="xs" justify="space-between" data-testid="column-totals">
          <Text size="sm" fw={600}>
            <VisuallyHidden>{t('total')} </VisuallyHidden>
            {stats ? money(stats.total_value, currency) : '…'}
          </Text>
          <Text size="xs" c="dimmed">
            {t('weighted')} {stats ? money(stats.weighted_value, currency) : '…'}
          </Text>
        </Group>
      </Stack>
      <Stack gap="xs" style={{ flex: 1 }}>
        {column.isLoading && <Loading />}
        {column.error && <ErrorState error={column.error} onRetry={() => column.refetch()} />}
        {column.isSuccess && cards.length === 0 && (
          <Text size="sm" c="dimmed" ta="center" py="md">
            {t('emptyColumn')}
          </Text>
        )}
        {cards.map((o) => (
          <OpportunityCard
            key={o.opportunity_id}
            opportunity={o}
            stages={stageNames}
            editable={canMove(o)}
            onMove={onMove}
          />
        ))}
        {column.hasNextPage && (
          <Button
            variant="subtle"
            size="xs"
            loading={column.isFetchingNextPage}
            onClick={() => column.fetchNextPage()}
          >
            {t('common:loadMore')}
            <VisuallyHidden> {t('inStage', { stage: stage.name })}</VisuallyHidden>
            &nbsp;({t('shownOf', { shown: cards.length, total: stats?.count ?? '…' })})
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

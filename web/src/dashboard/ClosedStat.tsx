import { Skeleton, Stack, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCurrency } from '../api/queries.js';
import type { ClosedSummary } from '../api/types.js';
import { ErrorState } from '../components/states.js';
import { money } from '../lib/format.js';
import type { Period } from './periods.js';

/** The deals won (or lost) in the period: how many, and their total value. */
export function ClosedStat({
  kind,
  period,
  closed,
}: {
  kind: 'won' | 'lost';
  period: Period;
  closed: UseQueryResult<ClosedSummary>;
}) {
  const { t } = useTranslation('dashboard');
  const currency = useCurrency();
  if (closed.error) return <ErrorState error={closed.error} onRetry={() => closed.refetch()} />;
  const o = closed.data?.[kind];
  return (
    <Stack gap={4}>
      {o ? (
        <Text fz={24} fw={700}>
          {t('closedCount', { count: o.count, value: money(o.total_value, currency) })}
        </Text>
      ) : (
        <Skeleton h={28} w="60%" />
      )}
      <Text size="xs" c="dimmed">
        {t(kind === 'won' ? 'wonHint' : 'lostHint', { period: t(`during_${period}`) })}
      </Text>
    </Stack>
  );
}

import { Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrency } from '../api/queries.js';
import { PageHeader } from '../components/PageHeader.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { money } from '../lib/format.js';
import { type OwnerFilter, useClosed, usePipeline } from './api.js';
import { ClosedFilters } from './ClosedFilters.js';
import { ClosedStat } from './ClosedStat.js';
import { PipelineChart } from './PipelineChart.js';
import type { Period } from './periods.js';
import { RecentActivity } from './RecentActivity.js';

// My tasks due load after the first screen (their checkbox, items and links are ~5 KB): room in
// the home page's 250 KB budget for the header's reminder bell (web-size.mjs)
const MyTasksDue = lazy(() => import('./MyTasksDue.js').then((m) => ({ default: m.MyTasksDue })));

/** A titled panel; the title is a heading so screen reader users can jump between panels. */
function Panel({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Stat({ value, hint, loading }: { value: React.ReactNode; hint: string; loading?: boolean }) {
  return (
    <Stack gap={4}>
      {loading ? (
        <Skeleton h={28} w="60%" />
      ) : (
        <Text fz={24} fw={700}>
          {value}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Stack>
  );
}

export default function DashboardPage() {
  const { t } = useTranslation('dashboard');
  const currency = useCurrency();
  const [period, setPeriod] = useState<Period>('this_month');
  const [owner, setOwner] = useState<OwnerFilter>(undefined);
  const pipeline = usePipeline(owner);
  const closed = useClosed(period, owner);
  // the chart is the open pipeline: won and lost deals are counted apart, by when they closed
  const open = (pipeline.data?.data ?? []).filter((r) => r.kind === 'open');
  // the API rounds each stage's weighted value to the cent; add cents to keep the sum exact
  const forecast = open.reduce((c, r) => c + Math.round(r.weighted_value * 100), 0) / 100;
  const openCount = open.reduce((n, r) => n + r.count, 0);

  return (
    <>
      <PageHeader title={t('title')}>
        <ClosedFilters period={period} owner={owner} onPeriod={setPeriod} onOwner={setOwner} />
      </PageHeader>
      <Stack gap="md">
        {pipeline.error && <ErrorState error={pipeline.error} onRetry={() => pipeline.refetch()} />}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <Panel id="dash-forecast" title={t('forecastTitle')}>
            <Stat
              loading={pipeline.isLoading}
              value={money(forecast, currency)}
              hint={`${t('forecastOpen', { count: openCount })} · ${t('forecastHint')}`}
            />
          </Panel>
          <Panel id="dash-won" title={t('wonTitle')}>
            <ClosedStat kind="won" period={period} closed={closed} />
          </Panel>
          <Panel id="dash-lost" title={t('lostTitle')}>
            <ClosedStat kind="lost" period={period} closed={closed} />
          </Panel>
        </SimpleGrid>
        <Panel id="dash-pipeline" title={t('pipelineTitle')}>
          {pipeline.isLoading ? (
            <Loading />
          ) : open.some((r) => r.count > 0) ? (
            <PipelineChart rows={open} />
          ) : pipeline.data ? (
            <Empty>{t('pipelineEmpty')}</Empty>
          ) : null}
        </Panel>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Panel id="dash-tasks" title={t('tasksTitle')}>
            <Suspense fallback={<Loading />}>
              <MyTasksDue />
            </Suspense>
          </Panel>
          <Panel id="dash-activity" title={t('activityTitle')}>
            <RecentActivity />
          </Panel>
        </SimpleGrid>
      </Stack>
    </>
  );
}
